"""Keys typed ahead land where the user meant them.

Textual hands each key to the widget focused at the moment the key reaches the app, and
puts it in that widget's queue. A key that moves the focus (tab, enter in a list) or opens
a dialog (`a` on the network) does so only when its widget and screen handle it, later:
the keys typed just after it (a fast typist, a paste without bracketed paste, keys sent by
a script, a terminal catching up after a stall) were already queued in the old place.
"Ann Lee<tab>Globex" put "Globex" into the name; "a" then a name on the network opened an
empty form and lost the name.

So a key that may move the focus (any key but a printable one typed into a text field)
holds the keys after it until its effects have settled: it went through the widget it was
given to and up to its screen, through the app, and through any screen it opened. Letters
typed into a field are never held: typing stays as quick as Textual makes it, and a burst
of letters into the search box still lets a newer letter overtake a search. A hold that
does not settle within HOLD_AT_MOST_SECONDS lets the keys go anyway: keys must never stick.
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
from textual.widgets import Input, TextArea

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


class KeyOrder:
    """The app's keys, in order: see the module's docstring. The app calls `arrived` for
    every key it gets from the terminal and `release_next` when told to (a message, so a
    held key is handled on the app's own queue, as a key from the terminal is)."""

    class ReleaseNext(Message):
        """The key before has settled: hand over the next one held."""

    def __init__(self, app: App[Any], dispatch: Callable[[events.Key], Any]) -> None:
        self._app = app
        self._dispatch = dispatch  # Textual's own handling of a key (bindings, then the focused widget)
        self._held: deque[events.Key] = deque()
        self._settling = 0  # which hold is under way (0: none); a late settle of an older one is ignored
        self._holds = 0
        self._give_up: Timer | None = None
        self.held_keys = 0  # keys that waited (for tests and curiosity)

    async def arrived(self, key: events.Key) -> None:
        if self._settling or self._held:
            self._held.append(key)
            self.held_keys += 1
            return
        await self._handle(key)

    async def release_next(self) -> None:
        while self._held and not self._settling:
            await self._handle(self._held.popleft())

    async def _handle(self, key: events.Key) -> None:
        app = self._app
        focused = app.focused
        typed_into_field = key.is_printable and isinstance(focused, (Input, TextArea))
        screen = app.screen
        target: DOMNode = focused if focused is not None else screen
        await self._dispatch(key)
        if typed_into_field:
            return
        self._holds += 1
        hold = self._settling = self._holds
        self._give_up = app.set_timer(HOLD_AT_MOST_SECONDS, lambda: self._settled(hold))
        through([*up_to_screen(target), app], lambda: self._follow_screens(hold, screen, SCREENS_FOLLOWED))

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
        if self._held:
            self._app.post_message(self.ReleaseNext())
