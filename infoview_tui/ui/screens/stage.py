"""Move a person along the way (asked, scheduled, thanked...), dated in plain words.

The date defaults to now and can be typed ("yesterday 4pm"); what was understood is shown
before it is saved. Only the moves allowed from the current stage are offered."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.dates import DateParseError, ParsedWhen, parse_when
from ...domain.model import Contact, Stage
from ...domain.stages import next_stages


class StageScreen(ModalScreen[tuple[Stage, datetime] | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="stage.cancel")]

    def __init__(self, contact: Contact, now: datetime) -> None:
        super().__init__()
        self.contact = contact
        self.now = now
        self.parsed: ParsedWhen | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="stage-dialog"):
            yield Static(f"{self.contact.name}: {self.contact.stage.label}", id="stage-title", markup=False)
            options = [Option(stage.label, id=stage.value) for stage in next_stages(self.contact.stage)]
            yield OptionList(*options, id="stage-options")
            yield Label("When (enter saves)")
            yield Input("now", id="stage-when")
            yield Static(id="stage-preview")
            yield Static("To write the ask itself press m on the network; 'scheduled' asks for the time.",
                         id="stage-hint", classes="hint")  # fmt: skip

    def on_mount(self) -> None:
        if not next_stages(self.contact.stage):
            self.query_one("#stage-preview", Static).update(f"'{self.contact.stage.label}' is the last stage.")
        self.query_one("#stage-options", OptionList).highlighted = 0 if next_stages(self.contact.stage) else None
        self._preview("now")

    @on(Input.Changed, "#stage-when")
    def when_changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    def _preview(self, typed: str) -> None:
        preview = self.query_one("#stage-preview", Static)
        try:
            self.parsed = parse_when(typed, self.now)
        except DateParseError as error:
            self.parsed = None
            preview.update(Text(str(error), style="italic"))
            preview.set_class(True, "-error")
            return
        preview.set_class(False, "-error")
        preview.update(f"→ {self.parsed.preview(self.now)}")

    @on(OptionList.OptionSelected, "#stage-options")
    def stage_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == Stage.SCHEDULED.value:
            # Scheduling needs the conversation's time, asked for next (the schedule dialog).
            self.dismiss((Stage.SCHEDULED, self.now))
            return
        self.query_one("#stage-when", Input).focus()

    @on(Input.Submitted, "#stage-when")
    def save(self) -> None:
        option = self.query_one("#stage-options", OptionList).highlighted_option
        if option is None or option.id is None:
            self.notify("Nothing comes after this stage.", severity="warning")
            return
        if self.parsed is None:
            self.notify("Fix the date first (see below it).", severity="warning")
            return
        self.dismiss((Stage(option.id), self.parsed.value))
