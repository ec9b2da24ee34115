"""Move a person along the way (asked, scheduled, thanked...), dated in plain words.

The date defaults to now and can be typed ("yesterday 4pm"); what was understood is shown
before it is saved. Only the moves allowed from the current stage are offered."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.model import Contact, Stage
from ...domain.stages import next_stages
from ..widgets.when_input import WhenInput
from .dialogs import AsksBeforeDiscarding


class StageScreen(ModalScreen[tuple[Stage, datetime] | None], AsksBeforeDiscarding[tuple[Stage, datetime] | None]):
    """Escape asks before a typed date is thrown away."""

    CSS = """
    StageScreen {
        align: center middle;
    }
    #stage-dialog {
        width: 90%;
        max-width: 64;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    #stage-title {
        text-style: bold;
    }
    #stage-options {
        height: auto;
        max-height: 8;
        margin-bottom: 1;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="stage.cancel")]

    def __init__(self, contact: Contact, now: datetime) -> None:
        super().__init__()
        self.contact = contact
        self.now = now

    def compose(self) -> ComposeResult:
        with Vertical(id="stage-dialog"):
            yield Static(f"{self.contact.name}: {self.contact.stage.label}", id="stage-title", markup=False)
            options = [Option(stage.label, id=stage.value) for stage in next_stages(self.contact.stage)]
            yield OptionList(*options, id="stage-options")
            yield Label("When (enter saves)", markup=False)
            yield WhenInput("now", lambda: self.now, id="stage-when")
            said = self._hint()
            hint = Static(said, id="stage-hint", classes="hint", markup=False)
            hint.display = bool(said)  # (nothing to say after 'interviewed': 'thanked' needs no word)
            yield hint

    def _hint(self) -> str:
        """About the stages offered, and only those ('scheduled' was explained where it was not one)."""
        stages = next_stages(self.contact.stage)
        if not stages:
            return f"'{self.contact.stage.label}' is the last stage."
        parts = []
        if Stage.ASKED in stages:
            parts.append("To write the ask itself press m on the network")
        if Stage.SCHEDULED in stages:
            parts.append("'scheduled' asks for the time next")
        return "; ".join(parts) + "." if parts else ""

    def on_mount(self) -> None:
        self.query_one("#stage-options", OptionList).highlighted = 0 if next_stages(self.contact.stage) else None

    @on(OptionList.OptionSelected, "#stage-options")
    def stage_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == Stage.SCHEDULED.value:
            # Scheduling needs the conversation's time, asked for next (the schedule dialog).
            self.dismiss((Stage.SCHEDULED, self.now))
            return
        self.query_one("#stage-when", WhenInput).input.focus()

    @on(Input.Submitted, "#stage-when Input")
    def save(self) -> None:
        option = self.query_one("#stage-options", OptionList).highlighted_option
        if option is None or option.id is None:
            self.notify("Nothing comes after this stage.", severity="warning")
            return
        parsed = self.query_one("#stage-when", WhenInput).parsed
        if parsed is None:
            self.notify("Fix the date first (see below it).", severity="warning")
            return
        self.dismiss((Stage(option.id), parsed.value))
