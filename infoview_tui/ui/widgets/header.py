"""The app's header: Textual's Header, without a crash when the title changes at the
wrong moment."""

from __future__ import annotations

from textual.content import Content
from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widgets import Header
from textual.widgets._header import HeaderTitle  # the title part, only reachable here


class AppHeader(Header):
    """Textual's Header rewrites its title whenever the app's sub-title changes. Ours
    says how saving goes ("saving…", "saved 14:02") and changes often, sometimes in the
    instant a screen's header is being put up or taken down, when the title part is not
    there; Textual's own update then raised NoMatches and the app stopped (seen when a
    save finished as an interrupted call was reopened). Here that instant is waited out."""

    def format_title(self) -> Content:
        return self.app.format_title(self.screen_title, getattr(self.app, "save_status", ""))

    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # instead of Header's own _on_mount

        async def set_title() -> None:
            try:
                self.query_one(HeaderTitle).update(self.format_title())
            except NoMatches:
                if self.is_attached:  # being put up: try once it is
                    self.call_after_refresh(set_title)
            except NoScreen:
                pass

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "save_status", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)
