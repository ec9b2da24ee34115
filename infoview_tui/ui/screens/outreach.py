"""Asking someone for a conversation, and setting its time.

The ask dialog fills a message from a template (their name, the curiosity, "30 to 60
minutes", over coffee or on a video call), lets the user edit it, copies it to the
clipboard and records the ask. The schedule dialog reads the time in plain words,
shows what it understood before saving, and flags overlaps with other conversations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ...domain.dates import describe_moment
from ...domain.model import Ask, Channel, Contact, Curiosity, Interview, MessageTemplate, Mode
from ...domain.outreach import clashes, fill_template, template_for
from ..widgets.when_input import WhenInput
from .dialogs import AsksBeforeDiscarding
from .message_dialog import MessageDialog

Now = Callable[[], datetime]


class AskScreen(MessageDialog[Ask]):
    """Dismisses with the Ask to record (the message as sent), or None. Escape asks before
    an edited message or a typed time is thrown away."""

    PREFIX = "ask"
    REFILL_ON = ("template", "curiosity", "mode")
    WHEN_QUESTION = "When did you ask?"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="ask.cancel"),
        Binding("ctrl+s", "save", "Save and copy", id="ask.save", priority=True),
        Binding("ctrl+y", "copy", "Copy message", id="ask.copy", priority=True),
    ]

    def __init__(
        self,
        contact: Contact,
        *,
        templates: list[MessageTemplate],
        curiosities: list[Curiosity],
        referrer: Contact | None,
        your_name: str,
        now: Now,
    ) -> None:
        super().__init__()
        self.contact = contact
        self.templates = templates
        self.curiosities = curiosities
        self.referrer = referrer
        self.your_name = your_name
        self.now = now

    def compose(self) -> ComposeResult:
        theirs = [c for c in self.curiosities if c.id in self.contact.curiosity_ids]
        about: Curiosity | None = next(iter(theirs or self.curiosities), None)
        with Vertical(id="ask-dialog", classes="dialog"):
            yield Static(self._title(), id="ask-title", markup=False)
            with Horizontal(classes="dialog-row"):
                with Vertical(classes="dialog-cell -wide"):
                    yield Label("Template", markup=False)
                    yield Select(
                        [(Text(t.name), t.id) for t in self.templates],
                        value=template_for(self.contact).id,
                        allow_blank=False,
                        id="ask-template",
                    )
                with Vertical(classes="dialog-cell"):
                    yield Label("About", markup=False)
                    yield Select(
                        [(Text(c.name), c.id) for c in self.curiosities],
                        value=about.id if about else Select.NULL,
                        prompt="(no curiosity)",
                        id="ask-curiosity",
                    )
            with Horizontal(classes="dialog-row"):
                with Vertical(classes="dialog-cell"):
                    yield Label("Sent by", markup=False)
                    yield Select(
                        [(c.label, c) for c in Channel], value=Channel.EMAIL, allow_blank=False, id="ask-channel"
                    )
                with Vertical(classes="dialog-cell"):
                    yield Label("Meet", markup=False)
                    yield Select([(m.label, m) for m in Mode], value=Mode.IN_PERSON, allow_blank=False, id="ask-mode")
                with Vertical(classes="dialog-cell -wide"):
                    yield Label("Asked when", markup=False)
                    yield WhenInput("now", self.now, id="ask-when")
            yield TextArea(id="ask-message", soft_wrap=True, tab_behavior="focus")
            yield Static(id="ask-error", classes="form-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save and copy (ctrl+s)", id="ask-save", variant="primary")
                yield Button("Copy (ctrl+y)", id="ask-copy")
                yield Button("Cancel (esc)", id="ask-cancel")

    def _title(self) -> Text:
        title = Text.assemble(("Ask ", ""), (self.contact.name, "bold"), " for a conversation")
        if self.contact.work:
            title.append(f"  ({self.contact.work})", style="italic")
        return title

    def words_from(self, template: MessageTemplate) -> str:
        curiosity_id = self.query_one("#ask-curiosity", Select).value
        return fill_template(
            template,
            self.contact,
            curiosity=next((c for c in self.curiosities if c.id == curiosity_id), None),
            mode=self.query_one("#ask-mode", Select).value,  # type: ignore[arg-type]  # a Select without a blank holds one of its options
            referrer=self.referrer,
            your_name=self.your_name,
        )

    def result(self, at: datetime, channel: Channel, text: str) -> Ask:
        return Ask(at=at, channel=channel, message=text)


@dataclass(frozen=True)
class ScheduleChoice:
    at: datetime
    minutes: int
    mode: Mode
    place: str


class ScheduleScreen(ModalScreen[ScheduleChoice | None], AsksBeforeDiscarding[ScheduleChoice | None]):
    """When, how long, how and where. Enter or ctrl+s saves once the time is understood;
    escape asks before a typed time or place is thrown away."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="schedule.cancel"),
        Binding("ctrl+s", "save", "Save", id="schedule.save", priority=True),
    ]

    def __init__(
        self,
        contact: Contact,
        *,
        planned: Interview | None,
        others: list[Interview],
        names: dict[str, str],
        default_minutes: int,
        now: Now,
    ) -> None:
        super().__init__()
        self.contact = contact
        self.planned = planned
        self.others = others
        self.names = names
        self.default_minutes = default_minutes
        self.now = now

    def compose(self) -> ComposeResult:
        planned = self.planned
        typed = ""
        if planned is not None and planned.scheduled_at is not None:
            typed = f"{planned.scheduled_at.astimezone(self.now().tzinfo):%Y-%m-%d %H:%M}"
        minutes = planned.planned_minutes if planned else self.default_minutes
        with Vertical(id="schedule-dialog", classes="dialog"):
            verb = "Move" if typed else "Schedule"
            yield Static(
                Text.assemble(f"{verb} the conversation with ", (self.contact.name, "bold")),
                id="schedule-title",
                markup=False,
            )
            yield Label("When (e.g. 'next tue 3pm', 'tomorrow 10:30', '3 dec 14:00')", markup=False)
            yield WhenInput(typed, self.now, prefer_future=True, require_time=True, id="schedule-when")
            with Horizontal(classes="dialog-row"):
                with Vertical(classes="dialog-cell"):
                    yield Label("Length", markup=False)
                    yield Select(
                        [(f"{m} minutes", m) for m in (30, 45, 60)],
                        value=minutes if minutes in (30, 45, 60) else 45,
                        allow_blank=False,
                        id="schedule-minutes",
                    )
                with Vertical(classes="dialog-cell"):
                    yield Label("How (in person is best)", markup=False)
                    yield Select(
                        [(m.label, m) for m in Mode],
                        value=planned.mode if planned else Mode.IN_PERSON,
                        allow_blank=False,
                        id="schedule-mode",
                    )
            yield Label("Where: the café, the office, or the call link", markup=False)
            yield Input(planned.place if planned else "", id="schedule-place")
            yield Static(id="schedule-clash", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="schedule-save", variant="primary")
                yield Button("Cancel (esc)", id="schedule-cancel")

    def on_mount(self) -> None:
        self.query_one("#schedule-when", WhenInput).input.focus()
        self._check_clashes()

    @on(WhenInput.Changed)
    @on(Select.Changed, "#schedule-minutes")
    def _check_clashes(self) -> None:
        line = self.query_one("#schedule-clash", Static)
        when = self.query_one("#schedule-when", WhenInput).parsed
        if when is None:
            line.update("")
            return
        minutes = int(self.query_one("#schedule-minutes", Select).value)  # type: ignore[arg-type]  # a Select without a blank holds one of its options
        ignore = self.planned.id if self.planned else ""
        found = clashes(when.value, minutes, self.others, self.names, ignore_id=ignore)
        now = self.now()
        if found:
            text = "; ".join(f"{c.name} {describe_moment(c.interview.scheduled_at, now)}" for c in found)  # type: ignore[arg-type]  # a clash is found only among scheduled conversations
            line.update(Text(f"⚠ Overlaps with {text}. You can still save.", style="bold"))
        elif when.value < now:
            line.update(Text("That time has passed; save it anyway if it is a record of the past.", style="italic"))
        else:
            line.update("")
        line.set_class(bool(found), "-clash")

    @on(Input.Submitted)
    @on(Button.Pressed, "#schedule-save")
    def action_save(self) -> None:
        when = self.query_one("#schedule-when", WhenInput)
        if when.parsed is None:
            self.notify(f"When? {when.error}", severity="warning")
            when.input.focus()
            return
        self.dismiss(
            ScheduleChoice(
                at=when.parsed.value,
                minutes=int(self.query_one("#schedule-minutes", Select).value),  # type: ignore[arg-type]  # a Select without a blank holds one of its options
                mode=self.query_one("#schedule-mode", Select).value,  # type: ignore[arg-type]  # a Select without a blank holds one of its options
                place=self.query_one("#schedule-place", Input).value,
            )
        )

    @on(Button.Pressed, "#schedule-cancel")
    def _cancel(self) -> None:
        self.action_cancel()
