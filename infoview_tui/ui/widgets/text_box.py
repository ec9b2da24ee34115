"""Text that changes often (a count, a preview) in a box of fixed size."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget


def draw_in_this_frame(widget: Widget) -> None:
    """Tell the screen now that `widget` was refreshed, not when the widget's own queue is next
    idle. Text changed from another widget's handler (a key in the search box) was drawn one
    frame after that widget, often after the 16.7 ms between frames: the box's queue went
    idle first and the screen drew a frame without it. (Textual's own routine for that
    telling, as the widget's idle would run it; Textual is pinned.)"""
    widget._check_refresh()


class TextBox(Widget):
    """Text that changes with every key, in a box whose size the CSS fixes: shown without
    laying the screen out again (Static.update does, ~20 ms a key at 120x40), and drawn
    line by line from Rich's wrapping (Textual's own conversion of the text cost as much as
    five result rows)."""

    def __init__(self, content: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content = Text(content)
        self._lines: tuple[int, list[Strip]] | None = None  # (width, lines) of the content
        self._style: Style | None = None

    def show(self, content: Text | str) -> None:
        content = content if isinstance(content, Text) else Text(content)
        if content == self.content:  # the same words and styles: not painted again
            return
        self.content = content
        self._lines = None
        self.refresh()
        draw_in_this_frame(self)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = self._style = None

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self._style is None:
            self._style = self.rich_style
        if self._lines is None or self._lines[0] != width:
            console = self.app.console
            wrapped: list[Text] = list(self.content.wrap(console, width)) if self.content.plain else []
            self._lines = (
                width,
                [
                    Strip(Segment.apply_style(line.render(console, end=""), self._style)).extend_cell_length(
                        width, self._style
                    )
                    for line in wrapped
                ],
            )
        lines = self._lines[1]
        return lines[y] if y < len(lines) else Strip.blank(width, self._style)
