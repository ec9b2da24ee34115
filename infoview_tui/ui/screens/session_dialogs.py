"""The small forms around a conversation: starting it, and adding a referral."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ...domain.model import Contact, Mode, QuestionSet
from .dialogs import AsksBeforeDiscarding


@dataclass(frozen=True)
class SessionChoices:
    question_set_id: str
    planned_minutes: int
    mode: Mode
    hope_before: int | None


class StartSessionScreen(ModalScreen[SessionChoices | None]):
    """Question set, length, mode and hope before the call. Enter starts."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="start.cancel"),
        Binding("ctrl+s", "start", "Start", id="start.start", priority=True),
    ]

    def __init__(self, contact: Contact, question_sets: list[QuestionSet], default_set_id: str,
                 planned_minutes: int, mode: Mode) -> None:  # fmt: skip
        super().__init__()
        self.contact = contact
        self.question_sets = question_sets
        self.default_set_id = default_set_id
        self.planned_minutes = planned_minutes
        self.mode = mode

    def compose(self) -> ComposeResult:
        with Vertical(id="start-dialog"):
            yield Static(f"Interview with {self.contact.name}", id="start-title", markup=False)
            yield Label("Questions", markup=False)
            yield Select(
                [(Text(f"{s.name} ({len(s.questions)})"), s.id) for s in self.question_sets],
                value=self.default_set_id,
                allow_blank=False,
                id="start-set",
            )
            with Horizontal(classes="start-row"):
                with Vertical():
                    yield Label("Length", markup=False)
                    yield Select(
                        [(f"{m} minutes", m) for m in (30, 45, 60)],
                        value=self.planned_minutes if self.planned_minutes in (30, 45, 60) else 45,
                        allow_blank=False,
                        id="start-minutes",
                    )
                with Vertical():
                    yield Label("How", markup=False)
                    yield Select([(m.label, m) for m in Mode], value=self.mode, allow_blank=False, id="start-mode")
                with Vertical():
                    yield Label("Hope right now", markup=False)
                    yield Select(
                        [(f"{n} {'low' if n == 1 else 'high' if n == 5 else ''}".strip(), n) for n in range(1, 6)],
                        prompt="skip",
                        id="start-hope",
                    )
            yield Button("Start the conversation (ctrl+s)", id="start-go", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#start-go", Button).focus()

    @on(Button.Pressed, "#start-go")
    def action_start(self) -> None:
        hope = self.query_one("#start-hope", Select).value
        self.dismiss(
            SessionChoices(
                question_set_id=str(self.query_one("#start-set", Select).value),
                planned_minutes=int(self.query_one("#start-minutes", Select).value),  # type: ignore[arg-type]  # a Select without a blank holds one of its options
                mode=self.query_one("#start-mode", Select).value,  # type: ignore[arg-type]  # a Select without a blank holds one of its options
                hope_before=hope if isinstance(hope, int) else None,
            )
        )


@dataclass(frozen=True)
class ReferralDetails:
    name: str
    reach: str
    does: str
    note: str


class ReferralScreen(ModalScreen[ReferralDetails | None], AsksBeforeDiscarding[ReferralDetails | None]):
    """Someone the interviewee suggested. Enter moves on; ctrl+s (or enter on the last
    field) adds them; escape drops it (asking first when something was typed)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="referral.cancel"),
        Binding("ctrl+s", "add", "Add", id="referral.add", priority=True),
    ]

    def __init__(self, interviewee: Contact, count_so_far: int) -> None:
        super().__init__()
        self.interviewee = interviewee
        self.count_so_far = count_so_far

    def compose(self) -> ComposeResult:
        with Vertical(id="referral-dialog"):
            yield Static(
                f"Referral {self.count_so_far + 1} from {self.interviewee.name} (joins tier 4)",
                id="referral-title",
                markup=False,
            )
            yield Input(placeholder="Name (required)", id="referral-name")
            yield Input(placeholder="How to reach them: email, phone, link", id="referral-reach")
            yield Input(placeholder="What they do", id="referral-does")
            yield Input(placeholder="Note (e.g. mention my name)", id="referral-note")
            yield Static("", id="referral-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add (ctrl+s)", id="referral-add", variant="primary")
                yield Button("Cancel (esc)", id="referral-cancel")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "referral-note":
            self.action_add()
        else:
            self.focus_next()

    @on(Button.Pressed, "#referral-cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    @on(Button.Pressed, "#referral-add")
    def action_add(self) -> None:
        name = self.query_one("#referral-name", Input).value.strip()
        if not name:
            self.query_one("#referral-error", Static).update("A name is needed.")
            self.query_one("#referral-name", Input).focus()
            return
        self.dismiss(
            ReferralDetails(
                name=name,
                reach=self.query_one("#referral-reach", Input).value,
                does=self.query_one("#referral-does", Input).value,
                note=self.query_one("#referral-note", Input).value,
            )
        )
