"""What every infoview screen shares."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode
from textual.screen import Screen

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


class InfoviewScreen(Screen[None], StoreAccess):
    """A full screen that knows the app's store and shows a clear view when the terminal
    is too small (the breakpoint classes hide the layout and show TerminalTooSmall)."""

    def on_mount(self) -> None:
        self.mount(TerminalTooSmall(id="too-small"))

    def on_screen_resume(self) -> None:
        self.refresh_from_store()

    def refresh_from_store(self) -> None:
        """Show the store's current state; called on resume and after a reload."""
