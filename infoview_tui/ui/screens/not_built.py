"""A main screen that a later version fills in. It says so plainly."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.widgets import Footer, Header, Static

from .base import InfoviewScreen


class NotBuiltScreen(InfoviewScreen):
    def __init__(self, title: str, purpose: str) -> None:
        super().__init__()
        self.screen_title = title
        self.purpose = purpose

    def compose(self) -> ComposeResult:
        yield Header()
        with Middle(id="not-built"):
            with Center():
                yield Static(
                    f"[b]{self.screen_title}[/b]\n\n{self.purpose}\n\n"
                    "This screen is not built yet in this version of infoview.\n"
                    "F2 returns to Today; F1 lists every key.",
                    classes="not-built-text",
                )
        yield Footer()
