"""The footer every screen shows: the screen's own keys and F1 Help always whole.

Textual's Footer lists the keys in one row and cuts what passes the terminal's right edge,
so at 80 columns a screen's own keys and F1 Help were cut off or pushed out by the keys
that switch screens. This one, whenever its keys or its width change, makes room in steps:
1. the app's keys that go to another screen (F2-F6, F8) and Quit give way, last first
   (F1 Help lists them all, and F1 Help itself always stays);
2. when the screen's own keys and F1 Help still do not fit, they take two rows.
Widths come from each key's own content and margins (the public `get_content_width`), so
the footer is fitted as it is composed, with no frame drawn first and corrected after.
Only Textual's public Footer is used: its children, their styles, and CSS."""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from textual.dom import NoScreen
from textual.widget import Widget
from textual.widgets import Footer, Label

# The app's keys (binding ids) that may make way for a screen's own keys: F1 lists them all.
YIELDING_BINDINGS = frozenset(
    {"app.today", "app.network", "app.interviews", "app.insights", "app.search", "app.call", "app.quit"}
)
PALETTE_CLASS = "-command-palette"
TWO_ROWS_CLASS = "-two-rows"
SCREEN_TWO_ROWS_CLASS = "-footer-two-rows"  # on the footer's screen while the footer takes two rows


@dataclass(frozen=True)
class FooterItem:
    """One thing in the footer's row: the columns it takes (its margin to the next
    included) and whether it may give way to the others."""

    span: int
    yields: bool


def items_to_drop(items: Sequence[FooterItem], room: int) -> list[int] | None:
    """Which items (by index) to leave out, the last yielding one first, so the rest fit
    in `room` columns; None when even the items that never yield do not fit."""
    width = sum(item.span for item in items)
    dropped: list[int] = []
    for index in reversed(range(len(items))):
        if width <= room:
            break
        if items[index].yields:
            width -= items[index].span
            dropped.append(index)
    return dropped if width <= room else None


class AppFooter(Footer):
    """A Footer whose screen keys and F1 Help are never cut (see the module's docstring)."""

    DEFAULT_CSS = """
    AppFooter.-two-rows {
        height: 2;
        layout: grid;
        grid-rows: 1;
        padding-left: 1;
    }
    /* Textual's compact footer sets a group's label against the next key ("Dissonancef1 Help"). */
    AppFooter.-compact > FooterLabel {
        margin-right: 1;
    }
    """

    _composed_for: Hashable = None

    async def recompose(self) -> None:
        # The Footer recomposes whenever the keys that work change (focus moves, a check_action),
        # and Textual asks for it several times while an app starts (each binding change, each
        # resize: 10-25 ms each, before the first frame). Keys and width as last composed: nothing to redo.
        if not self.is_attached:
            return  # asked after its screen closed (Textual's own recompose does nothing then too)
        try:
            shown = self._what_it_shows()
        except NoScreen:
            return  # its screen is being taken down
        if shown == self._composed_for and self.children:
            return
        self._composed_for = shown
        # Its keys are made anew in one row's style, measured, then fitted.
        self.remove_class(TWO_ROWS_CLASS)
        await super().recompose()
        self._fit()

    def _what_it_shows(self) -> Hashable:
        """What the composed keys depend on: the width, the style, and each active binding."""
        bindings = self.screen.active_bindings
        keys = tuple((key, active.binding, active.enabled, active.tooltip) for key, active in bindings.items())
        return (self.size.width, self.compact, self.show_command_palette, keys)

    def on_resize(self) -> None:
        # A new width is fitted again; a new height (two rows) or the same width leaves the keys
        # as composed (recompose compares what it would show).
        self.call_after_refresh(self.recompose)

    def _fit(self) -> None:
        palette = [child for child in self.children if child.has_class(PALETTE_CLASS)]
        row = [child for child in self.children if not child.has_class(PALETTE_CLASS)]
        if not row or self.size.width == 0:
            return
        yielding_keys = self._yielding_keys()
        items = [
            FooterItem(span, getattr(widget, "key", None) in yielding_keys)
            for widget, span in zip(row, self._spans(row), strict=True)
        ]
        room = self.size.width - sum(self._box_width(child) for child in palette)
        dropped = items_to_drop(items, room)
        # Textual's toasts stand one line above the bottom edge: over a footer of two rows they hid
        # its first one. The screen's class lifts them (screens.tcss).
        self.screen.set_class(dropped is None, SCREEN_TWO_ROWS_CLASS)
        if dropped is None:
            self._two_rows(row, items)
            return
        for index, widget in enumerate(row):
            widget.display = index not in dropped

    def _two_rows(self, row: list[Widget], items: list[FooterItem]) -> None:
        """The keys that never yield, in two rows; the others left out (F1 lists them)."""
        kept = []
        for widget, item in zip(row, items, strict=True):
            widget.display = not item.yields
            if not item.yields:
                kept.append(widget)
        # Columns sized here, each as wide as its widest key with its margins: an `auto` grid column
        # left out a key's padding and margin, and cut it.
        boxes = [self._box_width(widget) + widget.styles.margin.width for widget in kept]
        columns = math.ceil(len(kept) / 2)
        # A group of keys ("+-") and its description ("Tier") are two cells: the second row must
        # not begin with the description, which would leave the keys alone at the first row's end.
        while columns < len(kept) and isinstance(kept[columns], Label):
            columns += 1
        widths = [max(boxes[column::columns]) for column in range(columns)]
        self.styles.grid_size_columns = columns
        self.styles.grid_columns = " ".join(str(width) for width in widths)
        self.add_class(TWO_ROWS_CLASS)

    def _yielding_keys(self) -> set[str]:
        """The keys shown that are the app's and may give way; found by binding id, not by
        action, since the network's / and the app's F6 share the action "search"."""
        return {
            key
            for key, active in self.screen.active_bindings.items()
            if active.node is self.app and active.binding.id in YIELDING_BINDINGS
        }

    def _box_width(self, widget: Widget) -> int:
        """The widget's width as its content asks (width: auto), padding and border included."""
        viewport = self.app.size
        return widget.get_content_width(viewport, viewport) + widget.styles.gutter.width

    def _spans(self, row: list[Widget]) -> list[int]:
        """Each item's columns in a horizontal row: side by side, two margins that meet
        take the larger of the two (as Textual's horizontal layout places them)."""
        margins = [widget.styles.margin for widget in row]
        spans = []
        for index, widget in enumerate(row):
            after = margins[index].right
            if index + 1 < len(row):
                after = max(after, margins[index + 1].left)
            before = margins[index].left if index == 0 else 0
            spans.append(before + self._box_width(widget) + after)
        return spans


__all__ = ["AppFooter", "FooterItem", "items_to_drop"]
