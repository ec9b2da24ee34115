"""Shown instead of a screen's layout when the terminal is below 60x18."""

from __future__ import annotations

from textual.widget import Widget

MIN_WIDTH = 60
MIN_HEIGHT = 18


class TerminalTooSmall(Widget):
    """Hidden by default; the app's breakpoint classes reveal it (see screens.tcss).
    It renders from the live terminal size, so the numbers are never stale."""

    # Over the whole screen when shown: a child a screen shows from code (inline display)
    # stays hidden under it.
    DEFAULT_CSS = """
    TerminalTooSmall {
        display: none;
        overlay: screen;
        position: absolute;
        offset: 0 0;
        width: 100%;
        height: 100%;
        content-align: center middle;
        text-align: center;
        color: $text;
        background: $surface;
    }
    """

    def render(self) -> str:
        width, height = self.app.size
        return (
            f"Terminal too small: {width}x{height}.\n"
            f"infoview needs at least {MIN_WIDTH}x{MIN_HEIGHT}.\n"
            "Enlarge the window; nothing is lost.\n"
            "ctrl+q quits (your work is saved)."
        )
