"""A long list of people that costs the same to show with 10 rows or 2,000.

Textual's OptionList measures every option when it is filled or shown; with a ring of
~1,400 people that made moving between rings cost ~25 ms. This list keeps only ids,
builds a row's text when the row is drawn (Line API, like toolong), and caches it.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


class ContactList(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up", "move(-1)", "Up", id="list.up", show=False),
        Binding("down", "move(1)", "Down", id="list.down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="list.page_up", show=False),
        Binding("pagedown", "page(1)", "Page down", id="list.page_down", show=False),
        Binding("home", "jump(0)", "First", id="list.first", show=False),
        Binding("end", "jump(-1)", "Last", id="list.last", show=False),
        Binding("enter", "select", "Open", id="list.select", show=False),
    ]
    COMPONENT_CLASSES = {"contact-list--highlighted"}
    DEFAULT_CSS = """
    ContactList > .contact-list--highlighted { background: $block-cursor-blurred-background; }
    ContactList:focus > .contact-list--highlighted {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    """

    class Highlighted(Message):
        def __init__(self, contact_list: ContactList, index: int, item_id: str) -> None:
            super().__init__()
            self.contact_list = contact_list
            self.index = index
            self.item_id = item_id

        @property
        def control(self) -> ContactList:
            return self.contact_list

    class Selected(Highlighted):
        pass

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.ids: list[str] = []
        self.highlighted: int | None = None
        self._prompt_for: Callable[[str], Text | list[Segment]] = Text
        # (row, highlighted, width) -> the row drawn. The width is in the key: a frame at a new
        # size can be drawn before the Resize event clears this, and rows drawn at 80 columns
        # stayed cut at 80 in a terminal widened to 120 (and cut bare, without "…", the other way).
        self._strips: dict[tuple[int, bool, int], Strip] = {}
        self._row_styles: dict[bool, Style] = {}  # highlighted or not -> the row's style, until styles change

    def set_items(
        self, ids: list[str], prompt_for: Callable[[str], Text | list[Segment]], highlighted: int | None = 0
    ) -> None:
        """`prompt_for` draws a row: a Text (cut to the width here), or, where every key redraws
        the rows (search), segments already cut to fit, which skip Rich's text rendering."""
        self.ids = ids
        self._prompt_for = prompt_for
        self._strips.clear()
        self._set_length(len(ids))
        self.highlighted = None
        self.scroll_to(0, 0, animate=False)
        self.highlight(highlighted if ids else None, announce=False)
        self.refresh()

    def _set_length(self, rows: int) -> None:
        """A new virtual size lays the whole screen out again (Textual's `virtual_size` is a
        layout reactive): on the network that was most of a move between two rings of
        hundreds of people. The layout only matters when the scrollbar comes or goes; while
        it stays, the new length goes to the scrollbar alone. No width: rows are cut to the
        width left of the scrollbar, so nothing scrolls sideways (a virtual width as wide as
        the widget itself brought a horizontal scrollbar that hid the last row)."""
        height = self.size.height
        had_bar, has_bar = self.virtual_size.height > height, rows > height
        if height and had_bar == has_bar:
            self.set_reactive(ContactList.virtual_size, Size(0, rows))
            if self.show_vertical_scrollbar:
                self.vertical_scrollbar.window_virtual_size = rows
                self.vertical_scrollbar.refresh()
        else:
            self.virtual_size = Size(0, rows)

    def highlight(self, index: int | None, announce: bool = True) -> None:
        if index is not None:
            if not self.ids:
                index = None
            else:
                index = max(0, min(index, len(self.ids) - 1))
        if index == self.highlighted:
            return
        previous, self.highlighted = self.highlighted, index
        for row in (previous, index):
            if row is not None:
                self._refresh_row(row)
        if index is not None:
            self.scroll_to_region(Region(0, index, self.size.width, 1), animate=False, immediate=True)
            if announce:
                self.post_message(self.Highlighted(self, index, self.ids[index]))

    def _refresh_row(self, index: int) -> None:
        y = index - self.scroll_offset.y
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    # --- keys and mouse -----------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self.highlight(0 if self.highlighted is None else self.highlighted + step)

    def action_page(self, step: int) -> None:
        self.action_move(step * max(1, self.size.height - 1))

    def action_jump(self, index: int) -> None:
        self.highlight(index if index >= 0 else len(self.ids) - 1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted, self.ids[self.highlighted]))

    def on_click(self, event: events.Click) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self.ids):
            self.highlight(index)
            if event.chain > 1:
                self.action_select()

    # --- drawing ----------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._row_styles.clear()

    def _row_style(self, lit: bool) -> Style:
        """Looked up once, not per row: each lookup walks the widget's ancestors' styles."""
        style = self._row_styles.get(lit)
        if style is None:
            style = self.rich_style
            if lit:
                style += self.get_component_rich_style("contact-list--highlighted", partial=True)
            self._row_styles[lit] = style
        return style

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self.virtual_size = Size(0, len(self.ids))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + self.scroll_offset.y
        if index >= len(self.ids):
            return Strip.blank(width, self.rich_style)
        lit = index == self.highlighted
        key = (index, lit, width)
        strip = self._strips.get(key)
        if strip is None:
            prompt = self._prompt_for(self.ids[index])
            if isinstance(prompt, Text):
                prompt.no_wrap, prompt.overflow = True, "ellipsis"
                prompt.truncate(width, overflow="ellipsis")
                segments = list(prompt.render(self.app.console, end=""))
            else:
                segments = prompt
            style = self._row_style(lit)
            strip = Strip(list(Segment.apply_style(segments, style)))
            # Segments may be a cell too wide (wide characters): cut, never wrapped onto the next row.
            strip = (
                strip.extend_cell_length(width, style)
                if isinstance(prompt, Text)
                else strip.crop_extend(0, width, style)
            )
            if len(self._strips) > 2000:
                self._strips.clear()
            self._strips[key] = strip
        return strip
