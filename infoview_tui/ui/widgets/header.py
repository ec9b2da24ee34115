"""The app's header: the app's name, the screen's name, and how saving goes.

Built from public widgets only (posting's AppHeader is the model): a row of three labels.
Textual's own Header rewrote its title through a part it looked up by query, which was
missing in the instant a screen was put up or taken down (a save finishing then raised
NoMatches and stopped the app); here each label is held, never looked up."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Label

# What a screen class's name ends with that its title leaves out ("ContactForm" -> "Contact").
_KIND_SUFFIX = re.compile(r"(Screen|View|Form)$")
_WORD_START = re.compile(r"(?<!^)(?=[A-Z])")


def screen_name(screen: Screen[object]) -> str:
    """What the header calls a screen: its Textual title (`TITLE`) when it sets one, else
    its class name in words ("QuestionSetsScreen" -> "Question sets"), so a new screen is
    named without anyone remembering to."""
    if screen.title:
        return screen.title
    words = _WORD_START.sub(" ", _KIND_SUFFIX.sub("", type(screen).__name__)).lower()
    return words[:1].upper() + words[1:]


class AppHeader(Horizontal):
    """One line on top of a screen: "infoview", the screen's name in the middle, and the
    app's `save_status` on the right ("saving…", "saved 14:02")."""

    DEFAULT_CSS = """
    AppHeader {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    AppHeader > Label {
        height: 1;
        text-wrap: nowrap;
    }
    AppHeader > #header-app {
        width: auto;
        padding: 0 1;
        text-style: bold;
    }
    AppHeader > #header-screen {
        width: 1fr;
        content-align: center middle;
        text-overflow: ellipsis;
    }
    AppHeader > #header-status {
        width: auto;
        padding: 0 1;
        color: $text-muted;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        # Held, not queried: a status change may come while the labels are not mounted yet.
        self._screen_label = Label(id="header-screen", markup=False)
        self._status_label = Label(id="header-status", markup=False)

    def compose(self) -> ComposeResult:
        yield Label(self.app.title, id="header-app", markup=False)
        yield self._screen_label
        yield self._status_label

    def on_mount(self) -> None:
        # Both calls show the current value at once, then every change.
        self.watch(self.screen, "title", self._show_screen_name)
        self.watch(self.app, "save_status", self._show_save_status)

    def _show_screen_name(self) -> None:
        self._screen_label.update(screen_name(self.screen))

    def _show_save_status(self, status: str) -> None:
        self._status_label.update(status)
