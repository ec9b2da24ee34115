"""What every infoview screen shares."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, cast
from weakref import WeakSet

from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen

from ...domain.dates import next_midnight
from ..widgets.too_small import TerminalTooSmall

if TYPE_CHECKING:
    from ...app import InfoviewApp
    from ...store.repository import Repository


class StoreAccess:
    """The one typed way into the app's state for a screen or dialog: `repository` and
    `now()`. Mixed in last (`class X(ModalScreen[T], StoreAccess)`): Textual reads a
    screen's CSS from its first base."""

    @property
    def infoview(self) -> InfoviewApp:
        from ...app import InfoviewApp

        return cast(InfoviewApp, cast(DOMNode, self).app)

    @property
    def repository(self) -> Repository:
        return self.infoview.repository

    def now(self) -> datetime:
        return self.infoview.now()


def show_too_small_on_every_screen(app: App[Any]) -> None:
    """Give every screen and dialog, now and later, the 'terminal too small' view.

    Below 60x18 the app's breakpoint classes (set on whichever screen is on top, modal ones
    too) hide a screen's children and show its direct-child TerminalTooSmall (screens.tcss).
    Added here, in one place, rather than by each screen: a screen without one came up
    blank. Textual's public `screen_change_signal` tells of every screen pushed or switched
    to; a screen's `screen_layout_refresh_signal` puts the view back after a recompose
    (which removes every child)."""
    watched: WeakSet[Screen[object]] = WeakSet()

    def add_view_if_missing(screen: Screen[object]) -> None:
        if screen.is_attached and not screen.query_children(TerminalTooSmall):
            screen.mount(TerminalTooSmall(id="too-small"))

    def screen_shown(screen: Screen[object]) -> None:
        add_view_if_missing(screen)
        if screen not in watched:
            watched.add(screen)
            screen.screen_layout_refresh_signal.subscribe(app, add_view_if_missing, immediate=True)

    app.screen_change_signal.subscribe(app, screen_shown, immediate=True)
    screen_shown(app.screen)


class InfoviewScreen(Screen[None], StoreAccess):
    """A full screen that knows the app's store; the app gives it (like every screen) the
    'terminal too small' view (show_too_small_on_every_screen).

    Coming back to a screen rebuilds it only when something it shows changed: a table in
    `shows` (every table when empty), or the clock passed the moment its words stop being
    true (midnight by default: 'today', 'in 3 days'). Rebuilding every screen on every
    visit read the whole store each time: 200-350 ms a switch on 2,000 contacts."""

    shows: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        super().__init__()
        # The store generation of `shows` at the last build, and until when its words hold.
        self._built: tuple[int, datetime] | None = None
        self._build_waits_for_first_paint = False
        self._after_first_build: Callable[[], None] | None = None

    def on_screen_resume(self) -> None:
        if self._build_waits_for_first_paint:
            if self.infoview.first_frame_out:  # another screen was on top when it came out
                self.build_now()
        elif self.out_of_date():
            self.refresh_from_store()

    def build_after_first_paint(self, then: Callable[[], None] | None = None) -> None:
        """For the screen shown at start-up: its header and footer are drawn first, its body
        right after (the app calls build_now once the first frame is written: after the
        refresh that follows Textual's Ready), so reading 2,000 contacts does not hold back
        the first frame. `then` runs
        once built (e.g. to focus what the build showed)."""
        self._build_waits_for_first_paint = True
        self._after_first_build = then
        if self.infoview.first_frame_out:  # shown later than at start: no frame to wait for
            self.call_after_refresh(self.build_now)

    def build_now(self) -> None:
        """Build what waited for the first frame (nothing if nothing waits)."""
        if not self._build_waits_for_first_paint:
            return
        self._build_waits_for_first_paint = False
        if self.out_of_date():
            self.refresh_from_store()
        if self._after_first_build is not None:
            self._after_first_build()

    def out_of_date(self) -> bool:
        """Whether what the screen shows may differ from what a build now would show."""
        if self._built is None:
            return True
        generation, holds_until = self._built
        return self.repository.generation(*self.shows) != generation or self.now() >= holds_until

    def mark_built(self, holds_until: datetime | None = None) -> None:
        """Said by refresh_from_store once the screen shows the store's state: until the
        store changes, or until `holds_until` (next midnight unless said), it is current."""
        now = self.now()
        self._built = (self.repository.generation(*self.shows), holds_until or next_midnight(now))

    def refresh_from_store(self) -> None:
        """Show the store's current state (then mark_built); called on resume when out of
        date, after a reload or merge, and after the screen's own actions."""
