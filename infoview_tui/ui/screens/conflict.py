"""The file changed on disk behind our back: let the user choose which version to keep."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...store.backups import backup_dir

KEEP_DISK = "disk"
KEEP_MINE = "mine"


class ConflictScreen(ModalScreen[str]):
    CSS = """
    ConflictScreen {
        align: center middle;
    }
    #conflict-dialog {
        width: 90%;
        max-width: 80;
        height: auto;
        border: thick $warning;
        background: $surface;
        padding: 1 2;
    }
    #conflict-title {
        color: $text-warning;
        margin-bottom: 1;
    }
    #conflict-buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: center;
    }
    #conflict-buttons Button {
        margin: 0 1;
    }
    """
    BINDINGS = [
        Binding("d", "choose('disk')", "Use the file on disk", id="conflict.disk"),
        Binding("m", "choose('mine')", "Keep my version", id="conflict.mine"),
    ]

    def __init__(self, database: Path, conflict_copy: Path) -> None:
        super().__init__()
        self.database = database
        self.conflict_copy = conflict_copy

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict-dialog"):
            yield Static(Content.from_markup("[b]The database changed on disk[/b]"), id="conflict-title", markup=False)
            yield Static(
                "Another program or machine rewrote this file since infoview opened it:\n"
                f"  {self.database}\n"
                "Nothing was overwritten. Your version is saved beside it as:\n"
                f"  {self.conflict_copy.name}\n\n"
                "Continue with which one? If you use the file on disk, yours stays in that copy. "
                f"If you keep yours, the file on disk is kept in {backup_dir(self.database).name}/ "
                "for at least 30 days (infoview --list-backups lists it).",
                id="conflict-text",
                markup=False,  # paths may hold [brackets]
            )
            with Horizontal(id="conflict-buttons"):
                yield Button("Use the file on disk (d)", id="disk", variant="primary")
                yield Button("Keep my version (m)", id="mine")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
