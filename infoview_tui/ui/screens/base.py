"""What every infoview screen shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from ..widgets.too_small import TerminalTooSmall

if TYPE_CHECKING:
    from ...app import InfoviewApp


class InfoviewScreen(Screen[None]):
    """A full screen that knows the app's store and shows a clear view when the terminal
    is too small (the breakpoint classes hide the layout and show TerminalTooSmall)."""

    @property
    def infoview(self) -> InfoviewApp:
        from ...app import InfoviewApp

        return cast(InfoviewApp, self.app)

    def on_mount(self) -> None:
        self.mount(TerminalTooSmall(id="too-small"))

    def on_screen_resume(self) -> None:
        self.refresh_from_store()

    def refresh_from_store(self) -> None:
        """Show the store's current state; called on resume and after a reload."""
