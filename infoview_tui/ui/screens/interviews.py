"""Every conversation, past and upcoming, filtered by stage, curiosity and tier;
enter opens one to read its notes."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import DataTable, Label, Select, Static, TextArea
from textual.widgets.data_table import CursorType

from ...domain import session as rules
from ...domain.dates import describe_day, describe_moment
from ...domain.model import TIERS, Contact, Interview, InterviewStatus, ReactionKind, Stage
from ...domain.stages import stage_before_interview
from ...store.schema import CONTACTS, CURIOSITIES, INTERVIEWS
from .. import flows, outreach
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader
from .base import InfoviewScreen, StoreAccess
from .dialogs import ConfirmScreen

SHOWING = {
    "all": "all",
    "upcoming": "upcoming",
    "done": "done",
    "cancelled": "called off",
}
FILTERS = ("filter-showing", "filter-stage", "filter-curiosity", "filter-tier")
CURIOSITY_WIDTH = 14  # 'administration' whole; the table still fits 80 columns
_STATUS_LABEL = {
    InterviewStatus.PLANNED: "upcoming",
    InterviewStatus.IN_PROGRESS: "under way",
    InterviewStatus.DONE: "done",
    InterviewStatus.CANCELLED: "called off",
}


class InterviewTable(DataTable[str]):
    """Textual applies every style again on each screen resume, and a DataTable then forgets
    every row it drew: with 500 conversations that was most of coming back to this screen.
    The rows drawn are kept unless a style they are drawn with changed (their caches are
    keyed on the base style and focus already; the component classes are compared here, at
    the next draw, once Textual has brought them up to date)."""

    def __init__(self, *, id: str, cursor_type: CursorType, zebra_stripes: bool) -> None:
        super().__init__(id=id, cursor_type=cursor_type, zebra_stripes=zebra_stripes)
        self._looks: tuple[Style, ...] = ()
        self._looks_to_check = True

    def notify_style_update(self) -> None:
        super(DataTable, self).notify_style_update()  # the widget's own; DataTable's would drop the rows
        self._looks_to_check = True

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._looks_to_check:
            self._looks_to_check = False
            looks = (self.rich_style, *(self.get_component_rich_style(name) for name in sorted(self.COMPONENT_CLASSES)))
            if looks != self._looks:
                self._looks = looks
                DataTable.notify_style_update(self)  # a style did change: drawn again
        return super().render_lines(crop)


class PlainCell:
    """A cell of the list, shown as written. Not a str: DataTable reads a str as markup (a name
    holding "[/]" stopped the app). Not a Text either: DataTable measures every cell it is
    given to size its columns, ~50 us each (the console's size is asked each time), a third
    of a second for 5,000 conversations; these columns have fixed widths, and a renderable
    without `__rich_measure__` is taken at its default width unmeasured."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Only for the rows drawn. Each line stays one line, cut with an ellipsis where the column
        # ends: wrapped, a name took the row's second line beside two lines of curiosities and
        # not beside one ("Tariq Muller," / "PhD 1190"); cut bare, "Haddad 12235" read "Haddad 122".
        yield Text(self.text, no_wrap=True, overflow="ellipsis")

    def __str__(self) -> str:
        return self.text


# The list's columns: (heading, key, width); the Person column's width (None) follows the screen's.
COLUMNS = (
    ("When", "when", 16),
    ("Person", "person", None),
    ("Tier", "tier", 4),
    ("Curiosity", "curiosity", CURIOSITY_WIDTH),
    ("Status", "status", 9),
    ("R/D", "rd", 5),
)
# What the others take beside the person's: their widths, each column's padding (a cell either
# side), the scrollbar and the table's edge.
OTHER_COLUMNS_WIDTH = sum(width or 0 for _, _, width in COLUMNS) + 2 * len(COLUMNS) + 4
PERSON_WIDTHS = (16, 40)  # fits 80 columns; beyond 40, a name has all it needs


def person_column_width(screen_width: int) -> int:
    narrowest, widest = PERSON_WIDTHS
    return max(narrowest, min(widest, screen_width - OTHER_COLUMNS_WIDTH))


@lru_cache(maxsize=1024)
def wrapped_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """Curiosities' names over as many lines of CURIOSITY_WIDTH as they need (a few kinds of
    rows repeat thousands of times: each is wrapped once)."""
    return tuple(textwrap.wrap(", ".join(names), CURIOSITY_WIDTH, break_on_hyphens=False))


@dataclass(frozen=True)
class Row:
    interview: Interview
    contact: Contact | None
    curiosity_names: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.interview.person(self.contact, "(deleted contact)")


class InterviewsScreen(InfoviewScreen):
    CSS = """
    #interviews {
        height: 1fr;
        padding: 0 1;
    }
    #interviews-filters {
        height: auto;
    }
    #interviews-filters Select {
        width: 1fr;
    }
    #interviews-filters SelectCurrent Static#label {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    #interviews-table {
        height: 1fr;
    }
    """
    AUTO_FOCUS = "#interviews-table"
    shows = (INTERVIEWS, CONTACTS, CURIOSITIES)
    BINDINGS = [
        Binding("enter", "open", "Read", id="interviews.open"),
        Binding("i", "start", "Start", id="interviews.start"),
        Binding("t", "reschedule", "Move the time", id="interviews.reschedule"),
        Binding("x", "call_off", "Call off", id="interviews.call_off"),
        Binding("f", "focus_filters", "Filter", id="interviews.filter"),
        Binding("ctrl+d", "delete", "Delete", id="interviews.delete"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, Row] = {}
        # Rows hold interview outlines (no notes, reactions, reflection); their R/D column comes from here.
        self.peaks: dict[str, tuple[int | None, int | None]] = {}
        self._filled_with: tuple[object, ...] = ()  # the filters' values the table was last filled for
        self.all_rows: list[Row] = []
        self._person_width = 0  # the Person column's, set with the columns (person_column_width)

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="interviews"):
            with Horizontal(id="interviews-filters"):
                yield Select([(label, key) for key, label in SHOWING.items()], value="all", allow_blank=False,
                             id="filter-showing")  # fmt: skip
                yield Select([(s.label, s) for s in Stage], prompt="any stage", id="filter-stage")
                yield Select([], prompt="any curiosity", id="filter-curiosity")
                yield Select([(f"tier {t}", t) for t in TIERS], prompt="any tier", id="filter-tier")
            yield InterviewTable(id="interviews-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="interviews-empty", classes="hint", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        self._add_columns(self.app.size.width)
        self.refresh_from_store()

    def _add_columns(self, screen_width: int) -> None:
        self._person_width = person_column_width(screen_width)
        table = self.query_one(DataTable)
        for heading, key, width in COLUMNS:
            table.add_column(heading, key=key, width=width or self._person_width)

    def on_resize(self, event: events.Resize) -> None:
        """A wider terminal gives the names room (two "Tariq Muller, P…" read alike at 120
        columns beside 45 empty ones); the rows are laid out again only when that changes."""
        if not self._person_width or person_column_width(event.size.width) == self._person_width:
            return  # (no columns yet: on_mount adds them at this width)
        table = self.query_one(DataTable)
        kept = self._highlighted_id()
        table.clear(columns=True)
        self._add_columns(event.size.width)
        self._fill()
        if kept in self.rows:  # the conversation the user was on stays highlighted
            table.move_cursor(row=table.get_row_index(kept))

    def refresh_from_store(self) -> None:
        repository = self.infoview.repository
        curiosities = repository.curiosities()
        picker = self.query_one("#filter-curiosity", Select)
        chosen = picker.value
        with picker.prevent(Select.Changed):
            picker.set_options([(Text(c.name), c.id) for c in sorted(curiosities, key=lambda c: c.name.casefold())])
            if chosen in {c.id for c in curiosities}:
                picker.value = chosen
        names = {c.id: c.name for c in curiosities}
        people = {c.id: c for c in repository.contacts()}
        self.all_rows = [
            Row(i, people.get(i.contact_id), tuple(names[c] for c in people[i.contact_id].curiosity_ids if c in names)
                if i.contact_id in people else ())
            for i in repository.interview_outlines()
        ]  # fmt: skip
        self.peaks = repository.reaction_peaks()
        self._fill()
        self.mark_built()

    @staticmethod
    def _matches(row: Row, showing: object, stage: object, curiosity: object, tier: object) -> bool:
        status = row.interview.status
        if showing == "upcoming" and status not in (InterviewStatus.PLANNED, InterviewStatus.IN_PROGRESS):
            return False
        if showing == "done" and status is not InterviewStatus.DONE:
            return False
        if showing == "cancelled" and status is not InterviewStatus.CANCELLED:
            return False
        if stage is not Select.NULL and (row.contact is None or row.contact.stage is not stage):
            return False
        if curiosity is not Select.NULL and (row.contact is None or curiosity not in row.contact.curiosity_ids):
            return False
        return tier is Select.NULL or (row.contact is not None and row.contact.tier == tier)

    def _filters(self) -> tuple[object, ...]:
        return tuple(self.query_one(f"#{name}", Select).value for name in FILTERS)

    def _fill(self) -> None:
        self._filled_with = self._filters()
        table = self.query_one(DataTable)
        kept = self._highlighted_id()
        table.clear()
        now = self.infoview.now()
        filters = self._filled_with  # read once: five thousand rows asked each Select four times
        matching = [row for row in self.all_rows if self._matches(row, *filters)]
        # Upcoming first (soonest first), then the past (latest first).
        upcoming = sorted((r for r in matching if r.interview.status is InterviewStatus.PLANNED),
                          key=lambda r: r.interview.moment or now)  # fmt: skip
        past = sorted((r for r in matching if r.interview.status is not InterviewStatus.PLANNED),
                      key=lambda r: r.interview.moment or now, reverse=True)  # fmt: skip
        self.rows = {}
        for row in [*upcoming, *past]:
            interview = row.interview
            resonance, dissonance = self.peaks.get(interview.id, (None, None))
            rd = f"{resonance if resonance is not None else '–'}/{dissonance if dissonance is not None else '–'}"
            # A curiosity's name is wrapped over as many lines as it needs, never cut.
            curiosities = wrapped_names(row.curiosity_names)
            table.add_row(
                PlainCell(describe_moment(row.interview.moment, now) if row.interview.moment else "no time yet"),
                PlainCell(row.name),
                PlainCell(str(row.contact.tier) if row.contact else ""),
                PlainCell("\n".join(curiosities)),
                PlainCell(_STATUS_LABEL[interview.status]),
                PlainCell(rd),
                key=interview.id,
                height=max(1, len(curiosities)),
            )
            self.rows[interview.id] = row
        empty = self.query_one("#interviews-empty", Static)
        if not self.all_rows:
            empty.update(
                "No conversations yet. On the network (F3) select someone, press m to ask them "
                "and t to set the time; i starts a conversation straight away."
            )
        elif not self.rows:
            empty.update(f"None of your {len(self.all_rows)} conversations match these filters.")
        empty.display = not self.rows
        table.display = bool(self.rows)
        if kept in self.rows:
            table.move_cursor(row=table.get_row_index(kept))

    def _highlighted_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        # The filters announce their first values once mounted: the table was filled with those.
        if self._filters() != self._filled_with:
            self._fill()

    def _selected(self) -> Row | None:
        row_id = self._highlighted_id()
        return self.rows.get(row_id) if row_id else None

    def _selected_in_full(self) -> Row | None:
        """The selected row with its whole interview (notes, reactions, reflection), read now:
        the list itself holds outlines."""
        row = self._selected()
        full = self.repository.interview(row.interview.id) if row is not None else None
        return replace(row, interview=full) if row is not None and full is not None else row

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        row = self._selected_in_full()
        if row is not None:
            names = {c.id: c.name for c in self.infoview.repository.contacts()}
            self.app.push_screen(InterviewView(row, names, self.infoview.now()))

    def action_start(self) -> None:
        row = self._selected()
        if row is None or row.interview.status not in (InterviewStatus.PLANNED, InterviewStatus.IN_PROGRESS):
            self.notify("Only an upcoming conversation can be started.", severity="warning")
            return
        self.post_message(flows.StartInterview(row.interview.contact_id))

    def action_reschedule(self) -> None:
        row = self._selected()
        if row is None or row.contact is None or row.interview.status is not InterviewStatus.PLANNED:
            self.notify("Only an upcoming conversation can be moved.", severity="warning")
            return
        outreach.plan_conversation(self.infoview, row.contact, lambda _: self.refresh_from_store())

    def action_call_off(self) -> None:
        row = self._selected()
        if row is None:
            return
        outreach.call_off(self.infoview, row.interview.id, self.refresh_from_store)

    def action_focus_filters(self) -> None:
        self.query_one("#filter-showing", Select).focus()

    def action_delete(self) -> None:
        """Take back a conversation started by mistake (or logged wrongly), asking first and
        saying what goes: the people it referred stay, the person's stage goes back."""
        row = self._selected_in_full()
        if row is None or row.interview.status not in (InterviewStatus.IN_PROGRESS, InterviewStatus.DONE):
            self.notify(
                "Only a conversation under way or done can be deleted; x calls off an upcoming one.",
                severity="warning",
            )
            return
        interview, contact = row.interview, row.contact
        before = stage_before_interview(contact, interview.finished_at) if contact else None
        when = f" ({describe_moment(interview.moment, self.now())})" if interview.moment else ""
        question = f"Delete the conversation with {row.name}{when}? {what_is_lost(interview)}"
        if interview.referrals:
            count = len(interview.referrals)
            question += (
                f" The {count} people referred stay in your network."
                if count > 1
                else " The person referred stays in your network."
            )
        if contact and before and before.stage is not contact.stage:
            question += f" {contact.name} goes back to '{before.stage.label}'."
        replanned = self._replanned(interview, before)
        if replanned is not None and replanned.scheduled_at is not None:
            question += f" The conversation planned for {describe_moment(replanned.scheduled_at, self.now())} stays."

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if interview.status is InterviewStatus.IN_PROGRESS:
                self.post_message(flows.CloseSession(interview.id))  # it would save the record back
            repository = self.repository
            with repository.together():
                repository.delete_interview(interview.id)
                stored = repository.contact(contact.id) if contact else None
                if stored is not None:
                    moved = stage_before_interview(stored, interview.finished_at)
                    if moved is not stored:
                        repository.save_contact(moved)
                if replanned is not None:
                    repository.save_interview(replanned)
            self.notify(f"Deleted the conversation with {row.name}.")
            self.refresh_from_store()

        self.app.push_screen(ConfirmScreen(question, "Delete", "Keep"), answered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open" and not isinstance(self.focused, DataTable):
            return False  # enter on a filter opens the filter
        return True

    def _replanned(self, interview: Interview, person_after: Contact | None) -> Interview | None:
        """Starting a planned conversation uses its record: deleting a session started from
        one puts the plan back when the person is still 'scheduled' and has no other."""
        if interview.scheduled_at is None or person_after is None or person_after.stage is not Stage.SCHEDULED:
            return None
        if self.repository.interviews_where(InterviewStatus.PLANNED, interview.contact_id):
            return None
        return rules.planned_again(interview)


def what_is_lost(interview: Interview) -> str:
    """'Lost: the notes under 3 questions, 4 reactions, the reflection.' (or nothing written)."""
    lost: list[str] = []
    noted = sum(1 for text in interview.question_notes.values() if text.strip())
    if noted:
        lost.append(f"the notes under {noted} question{'s' if noted != 1 else ''}")
    if interview.free_notes.strip():
        lost.append("the other notes")
    if interview.reactions:
        count = len(interview.reactions)
        lost.append(f"{count} reaction{'s' if count != 1 else ''}")
    reflection = interview.reflection
    if reflection.takeaways.strip() or reflection.value_fit or reflection.written_at:
        lost.append("the reflection")
    return f"Lost: {', '.join(lost)}." if lost else "Nothing was written in it."


class InterviewView(Screen[None], StoreAccess):
    """One conversation to read: who, when, the questions with their notes, what resonated."""

    CSS = """
    #interview-view {
        height: 1fr;
        padding: 1 2;
    }
    #interview-edit { height: auto; display: none; }
    #interview-edit .edit-question { margin-top: 1; text-style: bold; width: 1fr; }
    #interview-edit .edit-notes { height: auto; min-height: 2; max-height: 12; border: none; padding: 0 1;
                                  background: $boost; }
    #interview-edit .edit-notes:focus { background: $primary 20%; }
    #interview-edit .edit-hint { color: $text-muted; }
    """

    BINDINGS = [
        # priority: escape leaves edit mode from inside a notes field too.
        Binding("escape", "back", "Back", id="interview.back", priority=True),
        Binding("e", "edit", "Edit notes", id="interview.edit"),
        Binding("r", "reflect", "Reflect", id="interview.reflect"),
    ]

    def action_reflect(self) -> None:
        if self.editing:
            return
        if self.row.interview.status is not InterviewStatus.DONE:
            self.notify("Reflection comes after the conversation.", severity="warning")
            return
        self.app.pop_screen()
        self.app.post_message(flows.Reflect(self.row.interview.id))  # this screen is gone: to the app

    def __init__(self, row: Row, names: dict[str, str], now: datetime, focus_question_id: str | None = None) -> None:
        super().__init__()
        self.row = row
        # Opened from a search: show this place first (a question's id, "free-notes", "takeaways").
        self.focus_question_id = focus_question_id
        self._places: dict[str, int] = {}  # place -> where its heading starts in the text
        self.names = names
        self.opened_at = now  # the dates shown are said relative to this moment
        self.editing = False

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with VerticalScroll(id="interview-view"):
            yield Static(self._text(), id="interview-text", markup=False)
            yield Vertical(id="interview-edit")
        yield AppFooter()

    # --- correcting the notes after the call --------------------------------------------

    def action_edit(self) -> None:
        """The notes under each question and the free notes become editable, saved as typed
        (like during the call); reactions, the clock and referrals stay as they were."""
        if self.editing:
            return
        if self.row.interview.status is not InterviewStatus.DONE:
            self.notify("Only a finished conversation's notes are corrected here; one under way is "
                        "open in its session.", severity="warning")  # fmt: skip
            return
        self.editing = True
        interview = self.row.interview
        when = f", {describe_day(interview.moment, self.opened_at)}" if interview.moment else ""
        fields: list[Label | Static | TextArea] = [
            Static(f"Correcting the notes of the conversation with {self.row.name}{when}", classes="screen-heading",
                   markup=False),
            Static("Every change is saved as you type; escape when done.", classes="edit-hint", markup=False),
        ]  # fmt: skip
        for index, question in enumerate(interview.questions):
            fields.append(Label(f"{index + 1}. {question.text}", classes="edit-question", markup=False))
            fields.append(TextArea(interview.question_notes.get(question.id, ""), id=f"edit-notes-{index}",
                                   classes="edit-notes", soft_wrap=True, tab_behavior="focus"))  # fmt: skip
        fields.append(Label("Other notes", classes="edit-question", markup=False))
        fields.append(TextArea(interview.free_notes, id="edit-free-notes", classes="edit-notes", soft_wrap=True,
                               tab_behavior="focus"))  # fmt: skip
        editor = self.query_one("#interview-edit", Vertical)
        editor.remove_children()
        editor.mount_all(fields)
        self.query_one("#interview-text", Static).display = False
        editor.display = True
        self.call_after_refresh(self._focus_first_notes)
        self.refresh_bindings()

    def _focus_first_notes(self) -> None:
        areas = list(self.query(".edit-notes").results(TextArea))
        for area in areas:
            area.move_cursor(area.document.end)  # a correction most often adds to what is there
        questions = [question.id for question in self.row.interview.questions]
        if self.focus_question_id in questions:  # opened from a search result: that question's notes
            self.query_one(f"#edit-notes-{questions.index(self.focus_question_id)}", TextArea).focus()
        elif areas:
            areas[0].focus(scroll_visible=False)
            self.query_one("#interview-view", VerticalScroll).scroll_home(animate=False)  # the heading too

    @on(TextArea.Changed, ".edit-notes")
    def _notes_corrected(self, event: TextArea.Changed) -> None:
        area = event.text_area
        stored = self.repository.interview(self.row.interview.id) or self.row.interview
        if area.id == "edit-free-notes":
            if stored.free_notes == area.text:
                return
            corrected = rules.edit_notes(stored, self.now(), text=area.text)
        else:
            index = int((area.id or "").rsplit("-", 1)[-1])
            if index >= len(self.row.interview.questions):
                return
            question_id = self.row.interview.questions[index].id
            if stored.question_notes.get(question_id, "") == area.text:
                return
            corrected = rules.edit_notes(stored, self.now(), question_id=question_id, text=area.text)
        self.row = replace(self.row, interview=self.repository.save_interview(corrected))

    def action_back(self) -> None:
        if not self.editing:
            self.app.pop_screen()
            return
        # The text is saved already; the reader shows it as corrected.
        self.editing = False
        self.query_one("#interview-edit", Vertical).display = False
        text = self.query_one("#interview-text", Static)
        text.update(self._text())
        text.display = True
        self.query_one("#interview-view").focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "reflect"):
            return not self.editing
        return True

    def on_mount(self) -> None:
        self.query_one("#interview-view").focus()
        if self.focus_question_id is not None:
            self.call_after_refresh(self._scroll_to_focus)

    def _scroll_to_focus(self) -> None:
        """Scroll so the place asked for (`focus_question_id`) heads the view: its line is
        counted by wrapping the text before it at the reader's width."""
        start = self._places.get(self.focus_question_id or "")
        if start is None:
            return
        shown = self.query_one("#interview-text", Static)
        before = self._text()[:start]
        line = len(before.wrap(self.app.console, max(shown.content_region.width, 1))) - 1
        self.query_one("#interview-view", VerticalScroll).scroll_to(y=line, animate=False)

    def _text(self) -> Text:
        interview, contact = self.row.interview, self.row.contact
        self._places = {}
        text = Text()
        text.append(self.row.name, style="bold")
        if contact and contact.work:
            text.append(f", {contact.work}")
        text.append("\n")
        when = self.row.interview.moment
        facts = [describe_moment(when, self.opened_at) if when else "no time set", _STATUS_LABEL[interview.status]]
        if interview.status is InterviewStatus.DONE:
            facts.append(f"{round(interview.elapsed_seconds / 60)} of {interview.planned_minutes} min")
        else:
            facts.append(f"{interview.planned_minutes} min")
        facts.append(interview.mode.label + (f", {interview.place}" if interview.place else ""))
        if interview.edited is not None:
            facts.append(f"notes edited {describe_moment(interview.edited, self.opened_at)}")
        text.append(" · ".join(facts) + "\n", style="italic")
        if interview.hope_before or interview.hope_after:
            before = interview.hope_before or "–"
            after = interview.hope_after or "–"
            text.append(f"Hope before {before}/5, after {after}/5\n")
        if self.row.curiosity_names:
            text.append(f"Curiosity: {', '.join(self.row.curiosity_names)}\n")

        questions = {q.id: q.text for q in interview.questions}
        noted = [(q.text, interview.question_notes.get(q.id, "").strip()) for q in interview.questions]
        if any(notes for _, notes in noted):
            text.append("\nQuestions and notes\n", style="bold underline")
            for asked, (question, notes) in zip(interview.questions, noted, strict=True):
                if notes:
                    self._places[asked.id] = len(text) + 1
                    text.append(f"\n{question}\n", style="bold")
                    text.append(notes + "\n")
        if interview.free_notes.strip():
            self._places["free-notes"] = len(text) + 1
            text.append("\nOther notes\n", style="bold underline")
            text.append(interview.free_notes.strip() + "\n")

        for kind, label in ((ReactionKind.RESONANCE, "Resonated most"), (ReactionKind.DISSONANCE, "Jarred most")):
            moves = [r for r in interview.reactions if r.kind is kind]
            if moves:
                top = max(moves, key=lambda r: (r.value, -r.offset_seconds))
                about = questions.get(top.question_id or "", "")
                text.append(f"\n{label}: {top.value}/10 at {int(top.offset_seconds // 60)} min")
                if about:
                    text.append(f', on "{about}"', style="italic")
        if interview.reactions:
            text.append("\n")
        if interview.referrals:
            text.append(f"\nReferrals ({len(interview.referrals)})\n", style="bold underline")
            for referral in interview.referrals:
                name = self.names.get(referral.contact_id, "someone since deleted")
                text.append(f"• {name}" + (f": {referral.note}" if referral.note else "") + "\n")
        if interview.reflection.takeaways.strip():
            self._places["takeaways"] = len(text) + 1
            text.append("\nTakeaways\n", style="bold underline")
            text.append(interview.reflection.takeaways.strip() + "\n")
        if interview.status is InterviewStatus.PLANNED and not interview.questions:
            text.append(
                f"\nNot held yet; {describe_day(when, self.opened_at) if when else 'no day set'}.\n", style="italic"
            )
        return text
