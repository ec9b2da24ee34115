"""The conversation's clock: elapsed against the planned length."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ...domain.session import clock_text


class SessionClock(Widget):
    DEFAULT_CSS = """
    SessionClock { height: 1; width: auto; min-width: 20; }
    SessionClock > .session-clock--elapsed { text-style: bold; }
    SessionClock > .session-clock--late { color: $text-warning; text-style: bold; }
    """
    COMPONENT_CLASSES = {"session-clock--elapsed", "session-clock--late"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.elapsed = 0.0
        self.planned_minutes = 45

    def show(self, elapsed: float, planned_minutes: int) -> None:
        if (int(elapsed), planned_minutes) != (int(self.elapsed), self.planned_minutes):
            self.elapsed, self.planned_minutes = elapsed, planned_minutes
            self.refresh()

    def render(self) -> Text:
        over = self.elapsed > self.planned_minutes * 60
        style = "session-clock--late" if over else "session-clock--elapsed"
        text = Text(no_wrap=True)
        text.append("⏱ " + clock_text(self.elapsed), style=self.get_component_rich_style(style, partial=True))
        text.append(f" / {self.planned_minutes}:00")
        return text
