"""The conversation: the person at the top, the questions, notes typed live, resonance
and dissonance, the clock, and the ask for 2-3 referrals.

Everything is reachable from the notes field without leaving it: alt+←/→ moves between
questions, ctrl+↑/↓ and alt+↑/↓ move the resonance and dissonance sliders, ctrl+r adds
a referral, ctrl+n adds a question, ctrl+g finishes. Every change is saved as it
happens (the app writes it to disk in the background).
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, OptionList, Static, TextArea

from ...domain import session as rules
from ...domain.model import Contact, Interview, ReactionKind
from .. import flows
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader
from ..widgets.question_list import QuestionList
from ..widgets.slider import Slider
from ..widgets.timer import SessionClock
from .base import InfoviewScreen
from .dialogs import ConfirmScreen

QUESTION = Binding.Group("Question", compact=True)
RESONANCE = Binding.Group("Resonance", compact=True)
DISSONANCE = Binding.Group("Dissonance", compact=True)
CLOCK_SAVE_EVERY = 30  # seconds; a resume adds the gap since, so the clock is never lost


class SessionScreen(InfoviewScreen):
    CSS = """
    #session-top {
        height: 1;
        padding: 0 1;
    }
    #session-person {
        width: 1fr;
        text-style: bold;
        color: $text-primary;
    }
    #session-clock {
        width: auto;
    }
    #session-main {
        height: 1fr;
    }
    #session-questions {
        width: 32%;
        min-width: 22;
        max-width: 48;
        height: 1fr;
        border: none;
        border-right: solid $primary 40%;
    }
    #session-notes {
        width: 1fr;
        height: 1fr;
        padding-left: 1;
    }
    #session-question {
        height: auto;
        max-height: 6;  /* the current question in full, even a long one at 80 columns */
        text-style: bold;
        color: $text-secondary;
    }
    #question-notes {
        height: 2fr;
        min-height: 3;
    }
    #free-notes-label {
        color: $text-muted;
    }
    #free-notes {
        height: 1fr;
        min-height: 3;
    }
    #session-sliders {
        height: 1;
        padding: 0 1;
    }
    #resonance, #dissonance {
        width: 1fr;
        margin-right: 2;
    }
    #resonance > .slider--filled { color: $success; }
    #dissonance > .slider--filled { color: $error; }
    #session-referrals {
        width: auto;
        color: $text-muted;
    }
    #referral-cue {
        height: auto;
        padding: 0 1;
        color: $text-accent;
        text-style: bold;
    }
    """
    TITLE = "The call"  # the header's name for it, as F8 and the help call it
    AUTO_FOCUS = "#question-notes"
    BINDINGS = [
        # Each pair shares one label in the footer (F1 lists them singly); finish, referral and a new
        # question come first. At 80 columns the footer takes two lines (AppFooter) and cuts none.
        Binding("ctrl+g", "finish", "Finish", id="session.finish"),
        Binding("ctrl+r", "referral", "Referral", id="session.referral"),
        Binding("ctrl+n", "add_question", "New question", id="session.add_question"),
        Binding("alt+left", "question(-1)", "Previous question", id="session.previous", group=QUESTION),
        Binding("alt+right", "question(1)", "Next question", id="session.next", group=QUESTION),
        Binding("ctrl+up", "slide('resonance', 1)", "Resonance up", id="session.resonance_up", group=RESONANCE),
        Binding("ctrl+down", "slide('resonance', -1)", "Resonance down", id="session.resonance_down", group=RESONANCE),
        Binding("alt+up", "slide('dissonance', 1)", "Dissonance up", id="session.dissonance_up", group=DISSONANCE),
        Binding(
            "alt+down", "slide('dissonance', -1)", "Dissonance down", id="session.dissonance_down", group=DISSONANCE
        ),
    ]

    def __init__(self, interview: Interview, contact: Contact | None) -> None:
        super().__init__()
        self.interview = interview
        self.contact = contact
        self._cue_shown = False
        self._ticks = 0
        self._shown = False  # mounted and filled: refresh_from_store has fields to fill

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Horizontal(id="session-top"):
            yield Static(self._person_line(), id="session-person", markup=False)
            yield SessionClock(id="session-clock")
        with Horizontal(id="session-main"):
            yield QuestionList(id="session-questions")
            with Vertical(id="session-notes"):
                yield Static(id="session-question", markup=False)
                yield TextArea(id="question-notes", soft_wrap=True, tab_behavior="focus")
                yield Label("Free notes", id="free-notes-label", markup=False)
                yield TextArea(self.interview.free_notes, id="free-notes", soft_wrap=True, tab_behavior="focus")
        with Horizontal(id="session-sliders"):
            # One label width for both, so both bars have as many cells.
            yield Slider("Resonance", rules.latest_value(self.interview, ReactionKind.RESONANCE), id="resonance",
                         label_width=len("Dissonance"))  # fmt: skip
            yield Slider("Dissonance", rules.latest_value(self.interview, ReactionKind.DISSONANCE), id="dissonance")
            yield Static(id="session-referrals", markup=False)
        yield Static(id="referral-cue", markup=False)
        yield AppFooter(compact=True, show_command_palette=False)

    def _person_line(self) -> str:
        if self.contact is None:
            return self.interview.contact_name or "(a deleted contact)"
        work = self.contact.work
        return f"{self.contact.name}" + (f" · {work}" if work else "")

    def on_mount(self) -> None:
        self.query_one("#referral-cue", Static).display = False
        self._show_question(load_notes=True)
        self._show_referrals()
        self._tick()
        self.set_interval(1.0, self._tick)
        self._shown = True

    # --- saving -----------------------------------------------------------------------

    def _save(self) -> None:
        self.interview = self.infoview.repository.save_interview(self.interview)

    def refresh_from_store(self) -> None:
        """The stored interview may hold more than this screen's copy: another machine's
        save merged in (its notes, reactions, referrals). Take it, keeping what is live
        here that the store has not got yet (a key whose Changed is still on its way, the
        clock's last seconds, the question on screen), so that the next save, on a key or
        the clock, writes the merged record and not the older copy."""
        if not self._shown:
            return
        stored = self.infoview.repository.interview(self.interview.id)
        if stored is None:  # gone from the store: ours stays, and the next save brings it back
            return
        ours = rules.tick(self.interview, self.infoview.now())
        notes = self.query_one("#question-notes", TextArea)
        free = self.query_one("#free-notes", TextArea)
        merged = stored
        question = rules.current_question(ours)
        if question is not None and any(q.id == question.id for q in stored.questions):
            # The question on screen stays on screen.
            index = next(i for i, q in enumerate(stored.questions) if q.id == question.id)
            if index != stored.current_question:
                merged = rules.go_to_question(merged, index)
            last_saved = ours.question_notes.get(question.id, "")
            if notes.text != last_saved:
                typed = _keep_typed(last_saved, notes.text, stored.question_notes.get(question.id, ""))
                merged = rules.set_question_notes(merged, question.id, typed)
        if free.text != ours.free_notes:
            merged = replace(merged, free_notes=_keep_typed(ours.free_notes, free.text, stored.free_notes))
        # The clock runs here: never behind either copy (the merge keeps the larger too).
        merged = replace(
            merged,
            elapsed_seconds=max(ours.elapsed_seconds, stored.elapsed_seconds),
            clock_updated_at=ours.clock_updated_at,
        )
        self.interview = merged
        if merged != stored:
            self._save()
        self.contact = self._stored_contact()
        self.query_one("#session-person", Static).update(self._person_line())
        self._show_merged(notes, free)

    def _stored_contact(self) -> Contact | None:
        """The interviewee as stored now (a merge may have changed them since the call
        began); the copy taken then if they are gone."""
        if self.contact is None:
            return None
        return self.infoview.repository.contact(self.contact.id) or self.contact

    def _show_merged(self, notes: TextArea, free: TextArea) -> None:
        interview = self.interview
        self._show_question(load_notes=False)
        question = rules.current_question(interview)
        _load_keeping_cursor(notes, interview.question_notes.get(question.id, "") if question else "")
        _load_keeping_cursor(free, interview.free_notes)
        for kind, slider_id in ((ReactionKind.RESONANCE, "#resonance"), (ReactionKind.DISSONANCE, "#dissonance")):
            slider = self.query_one(slider_id, Slider)
            latest = rules.latest_value(interview, kind)
            if slider.value != latest:
                slider.set_reactive(Slider.value, latest)  # shown, not recorded again as a move
                slider.refresh()
        self._show_referrals()
        self.query_one(SessionClock).show(interview.elapsed_seconds, interview.planned_minutes)

    # --- questions and notes ------------------------------------------------------------

    def _show_question(self, load_notes: bool) -> None:
        interview = self.interview
        question = rules.current_question(interview)
        noted = set(interview.question_notes)
        self.query_one(QuestionList).show(
            interview.questions, interview.current_question, set(interview.asked_question_ids), noted
        )
        title = self.query_one("#session-question", Static)
        notes = self.query_one("#question-notes", TextArea)
        if question is None:
            title.update("No questions in this set; ctrl+n adds one.")
        else:
            title.update(f"{interview.current_question + 1}. {question.text}")
        if load_notes:
            notes.load_text(interview.question_notes.get(question.id, "") if question else "")
            notes.move_cursor(notes.document.end)

    def _keep_typed_notes(self) -> None:
        """Store what the notes field holds for the current question now, before it shows
        another question: a Changed message still in flight must not be the only copy."""
        question = rules.current_question(self.interview)
        if question is not None:
            text = self.query_one("#question-notes", TextArea).text
            self.interview = rules.set_question_notes(self.interview, question.id, text)

    @on(TextArea.Changed, "#question-notes")
    def notes_changed(self, event: TextArea.Changed) -> None:
        question = rules.current_question(self.interview)
        if question is None or self.interview.question_notes.get(question.id, "") == event.text_area.text:
            return
        had_notes = question.id in self.interview.question_notes
        self.interview = rules.set_question_notes(self.interview, question.id, event.text_area.text)
        self._save()
        if had_notes != (question.id in self.interview.question_notes):
            self._show_question(load_notes=False)  # the ✎ mark appears or goes

    @on(TextArea.Changed, "#free-notes")
    def free_notes_changed(self, event: TextArea.Changed) -> None:
        if self.interview.free_notes != event.text_area.text:
            # A new record, not an edit in place: the repository hands out the interviews it
            # built (cached until the next write), so an edit in place would show elsewhere unsaved.
            self.interview = replace(self.interview, free_notes=event.text_area.text)
            self._save()

    def action_question(self, step: int) -> None:
        self._go_to(self.interview.current_question + step)

    def _go_to(self, index: int) -> None:
        if not self.interview.questions:
            return
        self._keep_typed_notes()
        self.interview = rules.go_to_question(self.interview, index)
        self._save()
        self._show_question(load_notes=True)

    @on(OptionList.OptionSelected, "#session-questions")
    def question_picked(self, event: OptionList.OptionSelected) -> None:
        self._go_to(event.option_index)
        self.query_one("#question-notes", TextArea).focus()

    def action_add_question(self) -> None:
        from .dialogs import TextPrompt

        def added(text: str | None) -> None:
            if text:
                self._keep_typed_notes()
                self.interview = rules.add_question(self.interview, text)
                self._save()
                self._show_question(load_notes=True)
                self.query_one("#question-notes", TextArea).focus()

        self.app.push_screen(
            TextPrompt("A question to ask next", placeholder="e.g. What does a normal week look like?"), added
        )

    # --- sliders ----------------------------------------------------------------------

    def action_slide(self, which: str, step: int) -> None:
        self.query_one(f"#{which}", Slider).value += step

    @on(Slider.Changed)
    def slider_changed(self, event: Slider.Changed) -> None:
        kind = ReactionKind.RESONANCE if event.slider.id == "resonance" else ReactionKind.DISSONANCE
        self.interview = rules.tick(self.interview, self.infoview.now())
        updated = rules.react(self.interview, kind, event.value)
        if updated is not self.interview:
            self.interview = updated
            self._save()

    # --- clock and the referral cue -------------------------------------------------------

    def _tick(self) -> None:
        self.interview = rules.tick(self.interview, self.infoview.now())
        self.query_one(SessionClock).show(self.interview.elapsed_seconds, self.interview.planned_minutes)
        self._ticks += 1
        if self._ticks % CLOCK_SAVE_EVERY == 0:
            self._save()
        if not self._cue_shown and rules.referral_cue_due(self.interview):
            self._cue_shown = True
            cue = self.query_one("#referral-cue", Static)
            cue.update(
                f"{rules.REFERRAL_CUE_MINUTES} minutes left: if the work excites you, "
                "time to ask for 2-3 referrals (ctrl+r adds one)."
            )
            cue.display = True

    # --- referrals ----------------------------------------------------------------------

    def _show_referrals(self) -> None:
        count = len(self.interview.referrals)
        low, high = rules.REFERRALS_AIM
        self.query_one("#session-referrals", Static).update(f"Referrals: {count} (aim {low}-{high})")

    def action_referral(self) -> None:
        from .session_dialogs import ReferralDetails, ReferralScreen

        if self.contact is None:
            self.notify("This person's contact was deleted; referrals need them.", severity="warning")
            return
        interviewee = self.contact

        def added(details: ReferralDetails | None) -> None:
            if details is None:
                return
            self.interview = rules.tick(self.interview, self.infoview.now())
            self.interview, referral = rules.add_referral(
                self.interview, interviewee, details.name, details.reach, details.does, details.note,
                interviewee.curiosity_ids,
            )  # fmt: skip
            self.infoview.repository.save_contact(referral)
            self._save()
            self._show_referrals()
            self.notify(f"{referral.name} joins tier 4, referred by {interviewee.name}.")
            self.query_one("#question-notes", TextArea).focus()

        self.app.push_screen(ReferralScreen(interviewee, len(self.interview.referrals)), added)

    # --- finishing ----------------------------------------------------------------------

    def action_finish(self) -> None:
        name = self.contact.name if self.contact else "them"

        def answered(finish: bool | None) -> None:
            if not finish:
                return
            self._keep_typed_notes()
            self.contact = self._stored_contact()  # its stage moves on: from the record as it is now
            self.interview, talked = rules.finish(self.interview, self.contact, self.infoview.now())
            self._save()
            if talked is not None:
                self.infoview.repository.save_contact(talked)
            minutes = round(self.interview.elapsed_seconds / 60)
            referrals = len(self.interview.referrals)
            finished = flows.SessionFinished(
                f"Saved your {minutes}-minute conversation with {name}"
                f"{f' and {referrals} referral' + ('s' if referrals != 1 else '') if referrals else ''}. "
                f"Thank {name.split()[0]} tomorrow.",
                self.interview.id,
            )
            self.post_message(finished)

        self.app.push_screen(
            ConfirmScreen(f"Finish the conversation with {name}? Notes and reactions are kept.", "Finish", "Not yet"),
            answered,
        )


def _keep_typed(last_saved: str, typed: str, stored: str) -> str:
    """Notes typed here but not saved yet, against the stored text: the typed text when
    the store still has what was saved last; when a merge joined another machine's text
    after ours (`merging._both_texts`: ours, a marker line, theirs), the typed text
    followed by what the merge added; otherwise both, so nothing is lost."""
    if stored in (last_saved, typed):
        return typed
    ours = last_saved.rstrip()
    if ours and stored.startswith(ours):
        return typed.rstrip() + stored[len(ours) :]
    return f"{typed.rstrip()}\n\n{stored}" if typed.strip() else stored


def _load_keeping_cursor(area: TextArea, text: str) -> None:
    """Show `text` if the field shows something else, the cursor where it was (its row
    and column, within the new text). The TextArea.Changed this posts finds the screen's
    interview already holding `text`, so it saves nothing."""
    if area.text == text:
        return
    row, column = area.cursor_location
    area.load_text(text)
    lines = area.document.lines
    row = min(row, len(lines) - 1)
    area.move_cursor((row, min(column, len(lines[row]))))
