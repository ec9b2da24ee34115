"""Keys typed ahead land where the user meant them, and act after what was typed before.

Textual hands each key to the widget focused at the moment the key reaches the app, and
puts it in that widget's queue; priority bindings (ctrl+s, the F keys, ctrl+q, escape on
some screens) act right then. So:
- a key that moves the focus (tab, enter in a form) or opens a dialog (`a` on the network)
  does so only when its widget, screen and the app handle it, later: the keys typed just
  after it were already queued in the old place ("Ann Lee<tab>Globex" put "Globex" into the
  name; "a" then a name on the network opened an empty form and lost the name);
- a priority key acted before the letters typed just before it were in their field (a save
  without its last letters; escape or F2 closing a dialog as "nothing typed" while its
  letters were on their way; ctrl+q without the call's last words).
Keys come in bursts when a fast typist meets a busy machine, when a terminal catches up
after a stall, or when a script sends keys.

So any key but text typed into a field (a printable key into an Input or TextArea, or a
paste) waits, if text was typed since the last such key, until that text is in its field
and what it set in motion reached the screen; then it is handed over; then the keys and
pastes after it wait until its effects have settled: it went through its widget, up to its
screen and the app, twice (a binding's action runs at the app and posts a message that goes
round again: Enter's `submit`, then Submitted), and through any screen it opened. Text into
a field is handed over at once: typing stays as quick as Textual makes it, and a burst of
letters into the search box still lets a newer letter overtake a search. A hold that does
not settle within HOLD_AT_MOST_SECONDS lets the keys go anyway: keys must never stick.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

HOLD_AT_MOST_SECONDS = 0.5
# A key that opens a screen which opens another (a flow message, then a dialog): followed
# this many times at most.
SCREENS_FOLLOWED = 3


def through(nodes: list[DOMNode], then: Callable[[], None]) -> None:
    """Run `then` once each node in turn has handled what was in its queue (Textual's public
    `call_later`: the callback waits behind the messages already there). A node that takes
    no more messages (closing) has nothing on its way: it is passed."""

    def next_hop(remaining: list[DOMNode]) -> None:
        while remaining:
            node, remaining = remaining[0], remaining[1:]
            if node.call_later(next_hop, remaining):
                return
        then()

    next_hop(nodes)


def up_to_screen(node: DOMNode) -> list[DOMNode]:
    """`node` twice (its queue, then what handling that queue posted to it), then each node
    its messages bubble through, up to and including its screen."""
    hops = [node]
    current: DOMNode | None = node
    while current is not None:
        hops.append(current)
        if isinstance(current, Screen):
            break
        current = current.parent
    return hops


Typed = events.Key | events.Paste


def _takes_text(widget: DOMNode | None) -> bool:
    # Imported here, not with the module: the text area's module is 5 ms of the app's first
    # paint, and the first screen's text area comes after it (issue #14). Loaded once.
    from textual.widgets import Input, TextArea

    return isinstance(widget, (Input, TextArea))


class KeyOrder:
    """The app's keys (and pastes), in order: see the module's docstring. The app calls
    `arrived` for each that comes from the terminal, and `dispatch_waiting` and
    `release_next` when told to by the messages below (so a key held back is handled on the
    app's own queue, as a key from the terminal is)."""

    class ReleaseNext(Message):
        """The key before has settled: hand over the next one held."""

    class DispatchWaiting(Message):
        """What was typed before the waiting key has been handled: that key's turn."""

    def __init__(self, app: App[Any], dispatch: Callable[[Typed], Any]) -> None:
        self._app = app
        self._dispatch = dispatch  # Textual's own handling (priority bindings, then the focused widget)
        self._held: deque[Typed] = deque()
        self._waiting: events.Key | None = None  # a key whose turn comes once the keys before it are handled
        self._settling = 0  # which hold is under way (0: none); a late settle of an older one is ignored
        self._holds = 0
        self._give_up: Timer | None = None
        # Text went to a field since the last hold settled: it may still be in the field's queue.
        self._typed_since = False
        # Keys typed while the app starts wait for the first screen's body (built after the
        # first frame): `enter` or `b` at once act on Today as it is then shown.
        self._first_screen_shown = False

    def first_screen_shown(self) -> None:
        """The screen shown at start is built: the keys typed meanwhile are handed over."""
        if self._first_screen_shown:
            return
        self._first_screen_shown = True
        if self._held:
            self._app.post_message(self.ReleaseNext())

    async def arrived(self, typed: Typed) -> None:
        if self._settling or self._held or not self._first_screen_shown:
            self._held.append(typed)
            return
        await self._handle(typed)

    async def release_next(self) -> None:
        while self._held and not self._settling and self._first_screen_shown:
            await self._handle(self._held.popleft())

    async def _handle(self, typed: Typed) -> None:
        if isinstance(typed, events.Paste) or (typed.is_printable and _takes_text(self._app.focused)):
            await self._dispatch(typed)  # text into a field: handed over at once, in order
            self._typed_since = True
            return
        hold = self._hold()
        if self._typed_since:
            # A key that acts (a save, escape, a screen's key) comes after the letters before it
            # are in their field and what they set in motion has reached the screen: checked as
            # it reaches the app (a priority binding), it saw a field without its last letters.
            self._waiting = typed
            through(up_to_screen(self._receiver()), lambda: self._its_turn(hold))
            return
        await self._act(typed, hold)

    def _its_turn(self, hold: int) -> None:
        if hold == self._settling:
            self._app.post_message(self.DispatchWaiting())

    async def dispatch_waiting(self) -> None:
        typed, self._waiting = self._waiting, None
        if typed is not None:
            await self._act(typed, self._settling)

    async def _act(self, key: events.Key, hold: int) -> None:
        """Hand the key over, then hold what comes after it until its effects have settled."""
        app = self._app
        self._typed_since = False
        screen = app.screen
        target = self._receiver()
        await self._dispatch(key)
        if hold != self._settling:
            return  # given up on meanwhile: the keys after it have gone already
        # Twice: a key a widget does not take bubbles up to the app, whose bindings run its action
        # there (Enter in a field: `submit`), and the message that action posts (Submitted) goes
        # round again, to the screen that moves the focus or closes the dialog.
        there_and_back = [*up_to_screen(target), app]
        through([*there_and_back, *there_and_back], lambda: self._follow_screens(hold, screen, SCREENS_FOLLOWED))

    def _receiver(self) -> DOMNode:
        """Where Textual hands a key now: the focused widget, else the screen."""
        focused = self._app.focused
        return focused if focused is not None else self._app.screen

    def _hold(self) -> int:
        self._holds += 1
        hold = self._settling = self._holds
        self._give_up = self._app.set_timer(HOLD_AT_MOST_SECONDS, lambda: self._settled(hold))
        return hold

    def _follow_screens(self, hold: int, seen: DOMNode, left: int) -> None:
        """After the key went through the app: a screen it opened (or went back to) mounts and
        takes its focus in its own queue, and may call for focus through the app's."""
        now = self._app.screen
        if now is seen or left == 0:
            self._settled(hold)
            return
        through([now, self._app], lambda: self._follow_screens(hold, now, left - 1))

    def _settled(self, hold: int) -> None:
        if hold != self._settling:
            return  # an older hold, already given up on
        self._settling = 0
        if self._give_up is not None:
            self._give_up.stop()
            self._give_up = None
        waiting, self._waiting = self._waiting, None
        if waiting is not None:  # given up on before its turn came: it goes first, without waiting again
            self._held.appendleft(waiting)
            self._typed_since = False
        if self._held:
            self._app.post_message(self.ReleaseNext())
