"""The list of search results: a box of a fixed size that draws only the rows that show.

A key typed in the search box changes the number of results (thousands for one letter,
a handful a few letters later). A ScrollView (OptionList, ContactList) has a virtual size
that follows that number, and a new virtual size lays the whole screen out again: ~4 ms
of every key's ~8 on the heavy database. This list keeps no virtual size: it draws the
rows from `top` down and its own scrollbar in its last columns, so a new result set only
repaints the box. With no results it shows a message (the hint, "Nothing matches ...") in
the same box, so going from results to none does not lay the screen out either.
"""

from __future__ import annotations

from collections.abc import Callable
from math import ceil

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget

from .text_box import draw_in_this_frame

# Draws row `index` in `width` cells on the row's style: the segments, styled, and how many
# cells they take (when that is not `width`, the row is cut or padded here).
RowPainter = Callable[[int, int, Style], tuple[list[Segment], int]]


class ResultList(Widget, can_focus=True):
    """Rows painted on demand by `paint_row`; `highlighted` is the chosen one."""

    BINDINGS = [
        Binding("up", "move(-1)", "Up", id="list.up", show=False),
        Binding("down", "move(1)", "Down", id="list.down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="list.page_up", show=False),
        Binding("pagedown", "page(1)", "Page down", id="list.page_down", show=False),
        Binding("home", "jump(0)", "First", id="list.first", show=False),
        Binding("end", "jump(-1)", "Last", id="list.last", show=False),
        Binding("enter", "select", "Open", id="list.select", show=False),
    ]
    COMPONENT_CLASSES = {"result-list--highlighted", "result-list--message"}
    DEFAULT_CSS = """
    ResultList > .result-list--highlighted { background: $block-cursor-blurred-background; }
    ResultList:focus > .result-list--highlighted {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    ResultList > .result-list--message { color: $text-muted; }
    """

    class Highlighted(Message):
        def __init__(self, result_list: ResultList, index: int) -> None:
            super().__init__()
            self.result_list = result_list
            self.index = index

        @property
        def control(self) -> ResultList:
            return self.result_list

    class Selected(Highlighted):
        pass

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.count = 0
        self.top = 0  # the first row shown
        self.highlighted: int | None = None
        self.message: Text = Text()  # shown when there are no rows
        self._paint_row: RowPainter = lambda index, width, style: ([], 0)
        self._strips: dict[tuple[int, bool], Strip] = {}  # (row, highlighted) -> its line, scrollbar included
        self._message_lines: dict[int, list[list[Segment]]] = {}  # width -> the message's lines
        self._styles: dict[str, Style] = {}  # component class -> style, looked up once per theme
        self._bar: tuple[tuple[int, int, int, int], list[Segment]] | None = None  # (top, count, height, width), rows
        self._bar_size: int | None = None
        self.auto_links = False  # rows hold no links: nothing to underline under the mouse

    # --- what it shows ------------------------------------------------------------------

    def show_rows(self, count: int, paint_row: RowPainter, highlighted: int | None = 0) -> None:
        """`count` rows, the first at the top; only the box is repainted."""
        self.count = count
        self._paint_row = paint_row
        self._strips.clear()
        self.top = 0
        self.highlighted = None if not count or highlighted is None else max(0, min(highlighted, count - 1))
        self.refresh()
        draw_in_this_frame(self)  # in the frame of the key that asked, not the one after

    def show_message(self, message: Text | str) -> None:
        """No rows: `message` in their place (not painted again when it is the same)."""
        message = message if isinstance(message, Text) else Text(message)
        if self.count == 0 and message == self.message:
            return
        self.message = message
        self._message_lines.clear()
        self.show_rows(0, self._paint_row)

    def part_style(self, name: str) -> Style:
        """The style of a component class, named whole ("search-results--match"), looked up
        once per theme: each lookup walks the widget's ancestors' styles, and every row
        drawn asks."""
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name)
        return style

    def _row_style(self, lit: bool) -> Style:
        key = "lit row" if lit else "row"
        style = self._styles.get(key)
        if style is None:
            style = self.rich_style
            if lit:
                style += self.get_component_rich_style("result-list--highlighted", partial=True)
            self._styles[key] = style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._message_lines.clear()
        self._styles.clear()
        self._bar = None
        self._bar_size = None

    def on_resize(self) -> None:
        self._strips.clear()
        self._message_lines.clear()
        self.top = self._top_showing(self.highlighted) if self.highlighted is not None else self._clamped(self.top)

    # --- moving -------------------------------------------------------------------------

    def highlight(self, index: int | None, announce: bool = True) -> None:
        if index is not None:
            index = max(0, min(index, self.count - 1)) if self.count else None
        if index == self.highlighted:
            return
        previous, self.highlighted = self.highlighted, index
        if index is not None and self._top_showing(index) != self.top:
            self.top = self._top_showing(index)
            self._strips.clear()  # the scrollbar beside each row moved
            self.refresh()  # every row moved, and the scrollbar
        else:
            for row in (previous, index):
                if row is not None and 0 <= row - self.top < self.size.height:
                    self.refresh(Region(0, row - self.top, self.size.width, 1))
        if index is not None and announce:
            self.post_message(self.Highlighted(self, index))

    def _top_showing(self, index: int) -> int:
        """The top that shows row `index`, moving as little as possible."""
        height = max(self.size.height, 1)
        if index < self.top:
            return index
        if index >= self.top + height:
            return index - height + 1
        return self._clamped(self.top)

    def _clamped(self, top: int) -> int:
        return max(0, min(top, self.count - self.size.height))

    def scroll_rows(self, step: int) -> None:
        """Move the view (not the highlight), as the mouse wheel does."""
        top = self._clamped(self.top + step)
        if top != self.top:
            self.top = top
            self._strips.clear()
            self.refresh()

    def action_move(self, step: int) -> None:
        self.highlight(0 if self.highlighted is None else self.highlighted + step)

    def action_page(self, step: int) -> None:
        self.action_move(step * max(1, self.size.height - 1))

    def action_jump(self, index: int) -> None:
        self.highlight(index if index >= 0 else self.count - 1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        if self._bar_width() and event.x >= self.size.width - self._bar_width():
            # On the scrollbar: the view jumps to that point of the list.
            self.scroll_rows(round(event.y / max(self.size.height - 1, 1) * self.count) - self.top)
            return
        index = event.y + self.top
        if 0 <= index < self.count:
            self.highlight(index)
            if event.chain > 1:
                self.action_select()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.scroll_rows(max(1, round(self.app.scroll_sensitivity_y)))

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.scroll_rows(-max(1, round(self.app.scroll_sensitivity_y)))

    # --- drawing ------------------------------------------------------------------------

    def _bar_width(self, height: int | None = None) -> int:
        """The scrollbar's width: none while every row fits."""
        if self.count <= (self.size.height if height is None else height):
            return 0
        if self._bar_size is None:  # a style lookup, kept until the styles change
            self._bar_size = self.styles.scrollbar_size_vertical
        return self._bar_size

    def render_lines(self, crop: Region) -> list[Strip]:
        """The rows in `crop`, straight from `render_line`, through the app's line filters.

        Textual's own path (its styles cache) draws borders, padding, outlines, tint, hatch,
        opacity and hover links around every line, a third of this list's cost per frame; the
        list has none of them, so its rows are used as drawn. Should its CSS, inline styles or
        an ancestor's opacity ever give it one, Textual's path draws it (asked every frame: a
        few attribute reads)."""
        if self._decorated():
            return super().render_lines(crop)
        filters = self.get_line_filters()
        background = self.background_colors[1]
        strips: list[Strip] = []
        for y in crop.line_range:
            strip = self.render_line(y)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            strips.append(strip)
        x1, x2 = crop.column_span
        if (x1, x2) != (0, self.size.width):
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    def _decorated(self) -> bool:
        styles = self.styles
        return bool(
            styles.gutter or any(edge for edge, _ in styles.outline) or styles.tint.a or styles.text_opacity != 1
            or self.opacity != 1 or styles.has_rule("hatch") or self.auto_links
        )  # fmt: skip

    def render_line(self, y: int) -> Strip:
        index = self.top + y
        lit = index == self.highlighted
        strip = self._strips.get((index, lit)) if self.count else None
        if strip is not None:
            return strip
        width, height = self.size  # asked once: each asking finds the widget's region again
        base = self._row_style(lit=False)
        if not self.count:
            lines = self._message_lines.get(width)
            if lines is None:
                lines = self._message_lines[width] = self._wrap_message(width)
            return Strip(lines[y], width) if y < len(lines) else Strip.blank(width, base)
        bar_width = self._bar_width(height)
        bar = self._bar_segments(bar_width, height)[y] if bar_width else None
        if index < self.count:
            strip = self._paint(index, lit, width - bar_width, bar)
        else:  # below the last row (there is no scrollbar then: every row fits)
            strip = Strip.blank(width, base)
        if len(self._strips) > 2000:
            self._strips.clear()
        self._strips[index, lit] = strip
        return strip

    def _paint(self, index: int, lit: bool, width: int, bar: Segment | None) -> Strip:
        """Row `index` in `width` cells, then its cell of the scrollbar (if any)."""
        style = self._row_style(lit)
        segments, cells = self._paint_row(index, width, style)
        if cells != width:  # a cell too wide (wide characters): cut, never wrapped onto the next row
            segments = list(Strip(segments, cells).crop_extend(0, width, style))
        if bar is None:
            return Strip(segments, width)
        return Strip([*segments, bar], width + bar.cell_length)

    def _wrap_message(self, width: int) -> list[list[Segment]]:
        """The message wrapped in the box, a blank line and a column of room around it."""
        style = self._row_style(lit=False) + self.part_style("result-list--message")
        inner = max(width - 2, 1)
        lines: list[list[Segment]] = [[Segment(" " * width, style)]]
        for line in self.message.wrap(self.app.console, inner):
            line.pad_right(inner - line.cell_len)
            segments = Segment.apply_style(line.render(self.app.console, end=""), style)
            lines.append([Segment(" ", style), *segments, Segment(" ", style)])
        return lines

    def _bar_segments(self, bar_width: int, height: int) -> list[Segment]:
        """The scrollbar, one segment a row, looking like Textual's own (made once per frame)."""
        shape = (self.top, self.count, height, bar_width)
        if self._bar is not None and self._bar[0] == shape:
            return self._bar[1]
        styles = self.styles
        background = styles.scrollbar_background
        if background.a < 1:
            background = self.background_colors[0] + background
        color = background + styles.scrollbar_color
        bar = ScrollBarRender.render_bar(
            size=height,
            virtual_size=self.count,
            window_size=height if height < self.count else 0,
            position=ceil(self.top),
            thickness=bar_width,
            vertical=True,
            back_color=background.rich_color,
            bar_color=color.rich_color,
        )
        self._bar = (shape, bar.segments)
        return bar.segments
