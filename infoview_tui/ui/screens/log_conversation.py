"""Log a conversation held elsewhere (a call before infoview, a chat at a party): when, how
long, how, which questions, the notes under each, then the reflection. It counts toward
the target like any other; the person becomes 'interviewed', dated then, and the thank-you
and the monthly update are reckoned from that day."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select, Static, TextArea

from ...domain.dates import describe_moment
from ...domain.model import Contact, Interview, Mode, QuestionSet
from ...domain.questions import all_question_sets, default_question_set
from ...domain.session import log_past
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader
from ..widgets.when_input import WhenInput
from .base import StoreAccess
from .contact import contact_label
from .dialogs import AsksBeforeDiscarding

LENGTH_LIMITS = (1, 600)  # minutes: a five-minute chat to a long day shadowing someone
NO_TIME_HOUR = 12  # a day typed without a time: noon, said in the preview


class LogConversationScreen(AsksBeforeDiscarding[str | None], StoreAccess):
    """Dismisses with the logged interview's id, or None when cancelled."""

    DEFAULT_CSS = """
    LogConversationScreen #log-title { padding: 0 2; margin: 0 0 1 0; }
    LogConversationScreen #log-form { padding: 0 2; height: 1fr; }
    LogConversationScreen #log-notes { height: auto; }
    LogConversationScreen .log-row { height: auto; margin-bottom: 1; }
    LogConversationScreen .log-row > Label { width: 19; color: $text-muted; }
    LogConversationScreen .log-row > Input, LogConversationScreen .log-row > WhenInput { width: 1fr; }
    LogConversationScreen .log-row Input { border: none; height: 1; padding: 0 1; background: $boost; }
    LogConversationScreen .log-row Input:focus { background: $primary 25%; }
    LogConversationScreen .log-row > Select { width: 1fr; }
    LogConversationScreen .log-question { margin-top: 1; text-style: bold; width: 1fr; }
    LogConversationScreen .log-notes { height: auto; min-height: 2; max-height: 10; border: none; padding: 0 1;
                                       background: $boost; }
    LogConversationScreen .log-notes:focus { background: $primary 20%; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Log it", id="log.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="log.cancel"),
    ]

    def __init__(self, contact: Contact | None = None) -> None:
        super().__init__()
        self.contact = contact
        self.typed_notes: dict[str, str] = {}  # question id -> notes, kept when the set changes

    def compose(self) -> ComposeResult:
        settings = self.repository.settings()
        self.question_sets = {s.id: s for s in all_question_sets(settings)}
        chosen_set = default_question_set(settings)
        self.people = {contact_label(c): c for c in self.repository.contacts()}
        yield AppHeader()
        who = f" with {self.contact.name}" if self.contact else ""
        yield Static(f"Log a conversation held elsewhere{who}", id="log-title", classes="screen-heading", markup=False)
        with VerticalScroll(id="log-form"):
            if self.contact is None:
                with Horizontal(classes="log-row"):
                    yield Label("With", markup=False)
                    yield Input(placeholder="someone in your network", id="log-person",
                                suggester=SuggestFromList(sorted(self.people), case_sensitive=False))  # fmt: skip
            with Horizontal(classes="log-row"):
                yield Label("When", markup=False)
                yield WhenInput("", self.now, placeholder="e.g. last thursday 2pm, yesterday 10:30", id="log-when")
            with Horizontal(classes="log-row"):
                yield Label("Length (minutes)", markup=False)
                yield Input(str(settings.default_planned_minutes), id="log-minutes", restrict=r"\d*", max_length=3)
            with Horizontal(classes="log-row"):
                yield Label("How", markup=False)
                yield Select([(m.label, m) for m in Mode], value=Mode.IN_PERSON, allow_blank=False, id="log-mode",
                             compact=True)  # fmt: skip
            with Horizontal(classes="log-row"):
                yield Label("Questions", markup=False)
                yield Select([(Text(f"{s.name} ({len(s.questions)})"), s.id) for s in self.question_sets.values()],
                             value=chosen_set.id, allow_blank=False, id="log-set", compact=True)  # fmt: skip
            yield Static("Notes under each question (all optional):", classes="hint", markup=False)
            yield Vertical(*self._note_fields(chosen_set), id="log-notes")
            yield Label("Other notes", classes="log-question", markup=False)
            yield TextArea(id="log-free-notes", classes="log-notes", soft_wrap=True, tab_behavior="focus")
            yield Static("ctrl+s logs it, then the reflection opens. A day without a time counts as noon.",
                         classes="hint", markup=False)  # fmt: skip
        yield AppFooter()

    def on_mount(self) -> None:
        first = "#log-person" if self.contact is None else "#log-when Input"
        self.query_one(first, Input).focus()

    def _note_fields(self, question_set: QuestionSet) -> list[Label | TextArea]:
        fields: list[Label | TextArea] = []
        for index, question in enumerate(question_set.questions):
            fields.append(Label(f"{index + 1}. {question.text}", classes="log-question", markup=False))
            fields.append(TextArea(self.typed_notes.get(question.id, ""), id=f"log-q-{question.id}",
                                   classes="log-notes log-question-notes", soft_wrap=True, tab_behavior="focus"))  # fmt: skip
        return fields

    @on(TextArea.Changed, ".log-question-notes")
    def _keep_notes(self, event: TextArea.Changed) -> None:
        self.typed_notes[(event.text_area.id or "").removeprefix("log-q-")] = event.text_area.text

    @on(Select.Changed, "#log-set")
    async def _set_changed(self, event: Select.Changed) -> None:
        question_set = self.question_sets.get(str(event.value))
        if question_set is None:
            return
        notes = self.query_one("#log-notes", Vertical)
        await notes.remove_children()
        await notes.mount_all(self._note_fields(question_set))

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def has_unsaved_text(self) -> bool:
        """The length is filled in already; anything else typed counts."""
        typed = [self.query_one("#log-when Input", Input).value, self.query_one("#log-free-notes", TextArea).text]
        if self.contact is None:
            typed.append(self.query_one("#log-person", Input).value)
        return any(text.strip() for text in [*typed, *self.typed_notes.values()])

    # --- logging it ---------------------------------------------------------------------

    def _person(self) -> Contact | None:
        if self.contact is not None:
            return self.repository.contact(self.contact.id) or self.contact
        typed = self.query_one("#log-person", Input).value.strip()
        if not typed:
            self._refuse("Who was it with? Type a name from your network.", "#log-person")
            return None
        found = self.people.get(typed) or next(
            (c for label, c in self.people.items() if label.casefold() == typed.casefold()), None
        )
        same_name = [c for c in self.people.values() if c.name.casefold() == typed.casefold()]
        if found is None and len(same_name) == 1:
            found = same_name[0]
        if found is None:
            self._refuse(
                f"Several people are called {typed}; pick one with their company."
                if same_name
                else f"Nobody called {typed!r} in your network; add them first (F3, a).",
                "#log-person",
            )
        return found

    def _refuse(self, message: str, field: str) -> None:
        self.notify(message, severity="error", timeout=8)
        self.query_one(field, Input).focus()

    def action_save(self) -> None:
        person = self._person()
        if person is None:
            return
        when_field = self.query_one("#log-when", WhenInput)
        parsed = when_field.parsed
        if parsed is None:
            self._refuse(f"When was it? {when_field.error}", "#log-when Input")
            return
        when = parsed.value if parsed.has_time else parsed.value.replace(hour=NO_TIME_HOUR)
        minutes_text = self.query_one("#log-minutes", Input).value
        low, high = LENGTH_LIMITS
        if not minutes_text.isdigit() or not low <= int(minutes_text) <= high:
            self._refuse(f"The length is in minutes, {low} to {high} (e.g. 45).", "#log-minutes")
            return
        minutes = int(minutes_text)
        now = self.now()
        if when + timedelta(minutes=minutes) > now:
            self._refuse(
                f"{describe_moment(when, now)} has not ended yet; log it afterwards, or plan it with t on the network.",
                "#log-when Input",
            )
            return
        question_set = self.question_sets[str(self.query_one("#log-set", Select).value)]
        mode = self.query_one("#log-mode", Select).value
        interview, talked = log_past(
            person,
            question_set,
            when,
            minutes=minutes,
            mode=mode if isinstance(mode, Mode) else Mode.IN_PERSON,
            notes=self.typed_notes,
            free_notes=self.query_one("#log-free-notes", TextArea).text,
        )
        self.dismiss(self._store(interview, person, talked))

    def _store(self, interview: Interview, person: Contact, talked: Contact) -> str:
        repository = self.repository
        with repository.together():
            saved = repository.save_interview(interview)
            if talked is not person:
                repository.save_contact(talked)
        return saved.id
