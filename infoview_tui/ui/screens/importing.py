"""Import contacts from a file, with a preview before anything is written: what the file
was found to be, the counts (added, merged, skipped, rejected with line numbers), the
first people as they will be added, and the tier they go to."""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Label, LoadingIndicator, Select, Static
from textual.worker import Worker, WorkerState

from ...domain.model import TIER_NAMES, TIERS
from ...formats.importing import ImportResult, Prepared, apply, prepare
from ...formats.reading import FileRefused
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader
from ..widgets.path_suggester import PathSuggester
from .base import StoreAccess
from .dialogs import AsksBeforeDiscarding

PREVIEW_ROWS = 50
HOW_TO = (
    "Type the path of a LinkedIn Connections.csv (LinkedIn: Settings > Data privacy > Get a copy of your "
    "data), a Google Contacts CSV, a .vcf file from your phone or address book, or an infoview JSON "
    "backup; → completes the path, enter reads the file. Nothing is written before ctrl+s."
)


class ImportScreen(AsksBeforeDiscarding[ImportResult | None], StoreAccess):
    """Escape asks before a typed path is thrown away."""

    CSS = """
    #import {
        height: 1fr;
        padding: 0 2;
    }
    #import-status {
        height: auto;
        margin: 1 0;
    }
    #import-status.-error {
        color: $text-error;
    }
    #import-loading {
        height: 3;
    }
    #import-tier-row {
        height: auto;
    }
    #import-tier-row Label {
        padding: 1 1 0 0;
        color: $text-muted;
    }
    #import-tier {
        width: 1fr;
        max-width: 60;
    }
    #import-preview {
        height: 1fr;
        min-height: 4;
    }
    #import-details {
        height: auto;
        max-height: 6;
        overflow-y: auto;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
        Binding("ctrl+s", "import", "Import", id="import.go", priority=True),
    ]

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.initial_path = path
        self.prepared: Prepared | None = None

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="import"):
            yield Static("Import contacts", classes="screen-heading", markup=False)
            yield Input(self.initial_path, placeholder="~/Downloads/Connections.csv", suggester=PathSuggester(),
                        id="import-path")  # fmt: skip
            yield Static(HOW_TO, id="import-status", markup=False)
            yield LoadingIndicator(id="import-loading")
            with Horizontal(id="import-tier-row"):
                yield Label("New people go to", markup=False)
                yield Select([(f"tier {t}: {TIER_NAMES[t]}", t) for t in TIERS], value=4, allow_blank=False,
                             id="import-tier")  # fmt: skip
            yield DataTable(id="import-preview", cursor_type="row", zebra_stripes=True)
            yield Static(id="import-details", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        table = self.query_one("#import-preview", DataTable)
        table.add_columns("Name", "Company", "Role", "Email")
        self._show(None)
        self.query_one("#import-loading").display = False
        self.query_one("#import-path", Input).focus()
        if self.initial_path:
            self.read_file()

    def _show(self, prepared: Prepared | None) -> None:
        self.prepared = prepared
        plan = prepared.plan if prepared else None
        self.query_one("#import-tier-row").display = plan is not None
        self.query_one("#import-preview").display = plan is not None and plan.added_count > 0
        self.query_one("#import-details").display = prepared is not None

    @on(Input.Submitted, "#import-path")
    def read_file(self) -> None:
        typed = self.query_one("#import-path", Input).value.strip()
        if not typed:
            self.notify("Type the path of the file first.", severity="warning")
            return
        self._show(None)
        self.query_one("#import-status", Static).update(Text(f"Reading {typed}…"))
        self.query_one("#import-loading").display = True
        self._prepare(Path(typed).expanduser())

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _prepare(self, path: Path) -> Prepared:
        # Reading and matching 10,000 rows takes a moment: off the event loop.
        return prepare(self.repository, path)

    @on(Worker.StateChanged)
    def _prepared(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "import" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self.query_one("#import-loading").display = False
        status = self.query_one("#import-status", Static)
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            message = str(error) if isinstance(error, (FileRefused, ValueError)) else f"Could not read it: {error}"
            status.update(Text(f"{message} Nothing was imported.", style="bold"))
            status.add_class("-error")
            return
        status.remove_class("-error")
        prepared: Prepared = event.worker.result  # type: ignore[assignment]  # this worker returns a Prepared
        self._show(prepared)
        details = self.query_one("#import-details", Static)
        if prepared.plan is None:
            assert prepared.backup is not None
            counts = ", ".join(f"{len(records)} {table}" for table, records in prepared.backup.records.items())
            status.update(Text(f"{prepared.path.name}: {prepared.kind} holding {counts}. "
                               "ctrl+s restores what is not here yet."))  # fmt: skip
            details.update(Text("\n".join(rejected.reason for rejected in prepared.backup.rejected)))
            return
        plan = prepared.plan
        with self.query_one("#import-tier", Select).prevent(Select.Changed):
            self.query_one("#import-tier", Select).value = plan.tier
        status.update(
            Text.assemble(
                (f"{prepared.path.name}: {prepared.kind}. ", "bold"),
                f"Will be: {plan.summary().lower().rstrip('.')}. ",
                "ctrl+s imports, escape leaves it." if plan.added_count or plan.merged else "Nothing new to import.",
            )
        )
        table = self.query_one("#import-preview", DataTable)
        table.clear()
        for contact in plan.preview(PREVIEW_ROWS):
            # DataTable reads a str cell as markup: a name from a file, "[/]" say, is escaped to show as written.
            table.add_row(*(escape(cell) for cell in (contact.name, contact.company, contact.role,
                                                        ", ".join(contact.emails))))  # fmt: skip
        if plan.added_count > PREVIEW_ROWS:
            table.add_row(Text(f"… and {plan.added_count - PREVIEW_ROWS} more", style="italic"), "", "", "")
        details.update(Text("\n".join(plan.details())))  # the reasons quote the file: never markup

    def action_import(self) -> None:
        prepared = self.prepared
        if prepared is None:
            self.notify("Read a file first (type its path, then enter).", severity="warning")
            return
        if prepared.plan is not None:
            prepared.plan.place_in(int(self.query_one("#import-tier", Select).value))  # type: ignore[arg-type]  # a Select without a blank holds one of its options
        result = apply(self.repository, prepared)
        self.dismiss(result)
