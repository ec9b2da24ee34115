"""F1: every key that works right now, grouped by where it works."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

# Textual's own keys that matter here, with what they do in infoview's words.
USEFUL_UNNAMED = {
    "command_palette": "Command palette",
    "app.focus_next": "Next field",
    "app.focus_previous": "Previous field",
}


class HelpScreen(ModalScreen[None]):
    CSS = """
    HelpScreen {
        align: center middle;
    }
    #help-dialog {
        width: 100%;
        max-width: 110;
        height: 100%;
        max-height: 40;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    #help-title {
        margin-bottom: 1;
    }
    #help-keys {
        height: 1fr;
    }
    """
    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("f1", "dismiss", "Close", id="help.close_f1", show=False),
    ]

    def __init__(self, for_screen: Screen[object]) -> None:
        super().__init__()
        self.for_screen = for_screen

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(
                Content.from_markup("[b]Keys that work here[/b]  (escape closes)"), id="help-title", markup=False
            )
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Does", "Where", "Id")
        for where, key, description, binding_id in self.rows():
            table.add_row(
                *(Text(cell) for cell in (key, description, where, binding_id))
            )  # not markup: a keymap may bind "["

    def rows(self) -> list[tuple[str, str, str, str]]:
        app = self.app
        rows: list[tuple[str, str, str, str]] = []
        seen: set[tuple[str, str]] = set()
        for active in self.for_screen.active_bindings.values():
            binding = active.binding
            # infoview's own keys all carry an id; the rest are Textual's editing and scrolling
            # keys (Cursor up, Scroll Left in VerticalScroll), which say nothing about infoview.
            if not binding.id and binding.action not in USEFUL_UNNAMED:
                continue
            node = active.node
            where = "everywhere" if node is app else "this screen" if node is self.for_screen else type(node).__name__
            description = USEFUL_UNNAMED.get(binding.action) or binding.description or binding.action.replace("_", " ")
            if (description, where) in seen and not binding.id:
                continue
            seen.add((description, where))
            rows.append((where, app.get_key_display(binding), description, binding.id or ""))
        order = {"everywhere": 0, "this screen": 1}
        rows.sort(key=lambda row: (order.get(row[0], 2), row[0]))
        return rows
