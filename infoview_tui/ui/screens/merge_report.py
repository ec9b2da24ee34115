"""What the last merge of another copy brought in (palette: "Last merge")."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...store.merging import MergeReport


class MergeReportScreen(ModalScreen[None]):
    """Every line of a merge report: what came in, texts kept from both sides, fields
    both sides changed (the value kept and the other one), records kept though deleted."""

    DEFAULT_CSS = """
    MergeReportScreen {
        align: center middle;
    }
    #merge-report {
        width: 100%;
        max-width: 100;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    #merge-report-lines {
        height: auto;
        max-height: 30;
    }
    #merge-report-hint {
        color: $text-muted;
        margin-top: 1;
    }
    """
    BINDINGS = [Binding("escape", "dismiss", "Close", id="merge_report.close")]

    def __init__(self, report: MergeReport | None) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        with Vertical(id="merge-report"):
            yield Static(Content.from_markup("[b]Last merge[/b]"), markup=False)
            with VerticalScroll(id="merge-report-lines"):
                if self.report is None:
                    yield Static(
                        "No other copy has been merged since infoview started. When another machine saves "
                        "this file through a synced folder, or a sync tool leaves a conflict copy beside it, "
                        "infoview merges it record by record and says here what came in.",
                        markup=False,
                    )
                else:
                    for line in self.report.details():
                        yield Static(Content(line), markup=False)  # people's words: never read as markup
            yield Static("escape closes", id="merge-report-hint", markup=False)
