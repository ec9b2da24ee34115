"""The rules behind keeping the record whole: taking back a conversation, logging one held
elsewhere, correcting notes, a person's history, introductions, and the brainstorm pad."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from infoview_tui.domain.brainstorm import line_name, names_in, sync_pad
from infoview_tui.domain.followups import (
    FollowUpKind,
    bring_back,
    pending_follow_ups,
    set_aside,
    set_aside_follow_ups,
)
from infoview_tui.domain.history import contact_history
from infoview_tui.domain.introductions import Introduced, introduced_person
from infoview_tui.domain.model import (
    Ask,
    Channel,
    Contact,
    Curiosity,
    Interview,
    InterviewStatus,
    IntroRequest,
    MessageKind,
    Mode,
    Question,
    QuestionSet,
    Reaction,
    ReactionKind,
    Referral,
    SentMessage,
    Stage,
    StageChange,
)
from infoview_tui.domain.session import begin, edit_notes, finish, log_past, planned_again
from infoview_tui.domain.stages import stage_before_interview
from tests.conftest import FIXED_NOW

SET = QuestionSet("Three", [Question("What do you do?"), Question("How did you start?"), Question("What is hard?")])


def scheduled(name: str = "Ana Ruiz") -> Contact:
    asked, yes = FIXED_NOW - timedelta(days=12), FIXED_NOW - timedelta(days=10)
    return Contact(name=name, stage=Stage.SCHEDULED,
                   stage_history=[StageChange(Stage.ASKED, asked), StageChange(Stage.SCHEDULED, yes)])  # fmt: skip


# --- taking back a conversation ---------------------------------------------------------------


def test_deleting_a_finished_talk_puts_the_stage_back_to_what_it_was() -> None:
    contact = scheduled()
    talk, talked = finish(Interview(contact_id=contact.id, status=InterviewStatus.IN_PROGRESS), contact, FIXED_NOW)
    assert talked is not None and talked.stage is Stage.INTERVIEWED
    back = stage_before_interview(talked, talk.finished_at)
    assert back.stage is Stage.SCHEDULED
    assert back.stage_history == contact.stage_history


def test_what_followed_from_the_talk_goes_with_it_and_a_first_talk_goes_to_not_asked() -> None:
    contact = Contact(name="Bo")
    talk, talked = finish(Interview(contact_id=contact.id), contact, FIXED_NOW)
    assert talked is not None
    thanked = [*talked.stage_history, StageChange(Stage.THANKED, FIXED_NOW + timedelta(days=1))]
    back = stage_before_interview(Contact(name="Bo", stage=Stage.THANKED, stage_history=thanked), talk.finished_at)
    assert (back.stage, back.stage_history) == (Stage.NOT_ASKED, [])


def test_a_talk_that_moved_nothing_leaves_the_stage_alone() -> None:
    contact = scheduled()
    assert stage_before_interview(contact, None) is contact  # never finished: under way
    assert stage_before_interview(contact, FIXED_NOW) is contact  # a second talk: no change of its own


def test_a_plan_started_by_mistake_is_planned_again_as_it_was() -> None:
    planned = Interview(contact_id="x", scheduled_at=FIXED_NOW, planned_minutes=30, mode=Mode.VIDEO, place="Zoom")
    started = begin(planned, SET, FIXED_NOW, planned_minutes=60, mode=Mode.PHONE, hope_before=3)
    again = planned_again(started)
    assert (again.status, again.scheduled_at, again.started_at, again.questions) == (
        InterviewStatus.PLANNED, FIXED_NOW, None, [])  # fmt: skip
    assert (again.contact_id, again.place, again.id != started.id) == ("x", "Zoom", True)


# --- logging a conversation held elsewhere --------------------------------------------------------


def test_a_logged_talk_counts_is_dated_then_and_the_thank_you_follows_from_then() -> None:
    contact = scheduled()
    when = FIXED_NOW - timedelta(days=6, hours=5)  # last Thursday 14:30
    notes = {SET.questions[1].id: "Fell into it", SET.questions[2].id: "  "}
    interview, talked = log_past(contact, SET, when, minutes=40, mode=Mode.PHONE, notes=notes)
    assert interview.status is InterviewStatus.DONE
    assert (interview.started_at, interview.finished_at) == (when, when + timedelta(minutes=40))
    assert interview.elapsed_seconds == 2400 and interview.mode is Mode.PHONE
    assert interview.question_notes == {interview.questions[1].id: "Fell into it"}  # blank notes are no notes
    assert talked.stage is Stage.INTERVIEWED and talked.stage_history[-1].at == when + timedelta(minutes=40)
    (thanks,) = [f for f in pending_follow_ups([talked], [interview]) if f.kind is FollowUpKind.THANK_YOU]
    assert thanks.due.date() == (when + timedelta(days=1)).date()


def test_a_logged_talk_takes_its_place_among_later_changes_and_length_outside_planning_range() -> None:
    contact = Contact(name="Cy", stage=Stage.ASKED, stage_history=[StageChange(Stage.ASKED, FIXED_NOW)])
    interview, talked = log_past(contact, SET, FIXED_NOW - timedelta(days=30), minutes=90, mode=Mode.VIDEO, notes={})
    assert [c.stage for c in talked.stage_history] == [Stage.INTERVIEWED, Stage.ASKED]
    assert talked.stage is Stage.INTERVIEWED
    assert interview.elapsed_seconds == 90 * 60 and interview.planned_minutes == 60
    back = stage_before_interview(talked, interview.finished_at)  # logged by mistake: taken back too
    assert (back.stage, back.stage_history) == (Stage.ASKED, contact.stage_history)


def test_a_logged_talk_with_someone_already_thanked_leaves_the_stage() -> None:
    contact = Contact(name="Di", stage=Stage.THANKED, stage_history=[StageChange(Stage.THANKED, FIXED_NOW)])
    _, talked = log_past(contact, SET, FIXED_NOW - timedelta(days=2), minutes=30, mode=Mode.VIDEO, notes={})
    assert talked is contact


# --- correcting notes -------------------------------------------------------------------------


def test_correcting_notes_touches_nothing_else_and_is_dated() -> None:
    question = SET.questions[2]
    talk = Interview(contact_id="x", questions=SET.questions, question_notes={question.id: "old"},
                     reactions=[Reaction(ReactionKind.RESONANCE, 7, 60.0)], referrals=[Referral("y")],
                     elapsed_seconds=600.0, status=InterviewStatus.DONE)  # fmt: skip
    corrected = edit_notes(talk, FIXED_NOW, question_id=question.id, text="new words")
    assert corrected.question_notes == {question.id: "new words"} and corrected.edited == FIXED_NOW
    assert (corrected.reactions, corrected.referrals, corrected.elapsed_seconds) == (
        talk.reactions, talk.referrals, 600.0)  # fmt: skip
    free = edit_notes(corrected, FIXED_NOW + timedelta(minutes=1), text="free")
    assert free.free_notes == "free" and free.edited == FIXED_NOW + timedelta(minutes=1)


# --- follow-ups set aside, and brought back ---------------------------------------------------


def test_a_follow_up_set_aside_can_be_brought_back() -> None:
    talk, talked = finish(Interview(contact_id="?"), Contact(name="Ed"), FIXED_NOW)
    assert talked is not None
    talk.contact_id = talked.id
    (thanks,) = pending_follow_ups([talked], [talk])
    aside = set_aside(talked, thanks)
    assert pending_follow_ups([aside], [talk]) == []
    (kept,) = set_aside_follow_ups(aside)
    assert (kept.kind, kept.due, kept.words) == (FollowUpKind.THANK_YOU, thanks.due, "thank-you")
    assert pending_follow_ups([bring_back(aside, kept.key)], [talk]) == [thanks]


def test_unreadable_set_aside_keys_are_left_out() -> None:
    assert set_aside_follow_ups(Contact(name="F", follow_ups_done=["nonsense", "thank_you@not-a-date"])) == []


# --- a person's history ---------------------------------------------------------------------


def test_messages_sent_after_the_ask_are_in_the_history_with_their_words() -> None:
    thanks = SentMessage(MessageKind.THANK_YOU, FIXED_NOW, Channel.EMAIL, "Thank you for your time!")
    person = Contact(name="Kim", created=FIXED_NOW - timedelta(days=3), messages=[thanks])
    (newest, _added) = contact_history(person, [], [person], [])
    assert (newest.what, newest.detail) == ("Thank-you sent by email", "Thank you for your time!")


def test_the_history_tells_every_event_newest_first() -> None:
    day = timedelta(days=1)
    referrer = Contact(name="Gil Ray", created=FIXED_NOW - 30 * day)
    person = Contact(name="Hana Ito", referred_by=referrer.id, created=FIXED_NOW - 20 * day,
                     asks=[Ask(FIXED_NOW - 10 * day, Channel.EMAIL, "Could we talk?")],
                     stage_history=[StageChange(Stage.ASKED, FIXED_NOW - 10 * day),
                                    StageChange(Stage.SCHEDULED, FIXED_NOW - 8 * day)])  # fmt: skip
    referred = Contact(name="Ivo Lund", referred_by=person.id, created=FIXED_NOW - 2 * day)
    talk = Interview(contact_id=person.id, status=InterviewStatus.DONE, finished_at=FIXED_NOW - 3 * day,
                     started_at=FIXED_NOW - 3 * day, elapsed_seconds=45 * 60, referrals=[Referral(referred.id)])  # fmt: skip
    person.stage_history.append(StageChange(Stage.INTERVIEWED, FIXED_NOW - 3 * day))
    person.stage = Stage.INTERVIEWED
    (thanks,) = pending_follow_ups([person], [talk])
    person = set_aside(person, thanks)
    field = Curiosity("Ceramics", intro_requests=[IntroRequest(person.id, FIXED_NOW - 5 * day, "introduced me to X")])
    events = contact_history(person, [talk], [referrer, person, referred], [field])
    whats = [event.what for event in events]
    assert whats == [
        "Follow-up set aside or done: thank-you",
        "Referred you to Ivo Lund",
        "Conversation, 45 min, in person",
        "Stage: interviewed",
        "Asked for introductions in Ceramics",
        "Stage: scheduled",
        "Asked for a conversation by email",  # the 'asked' stage change is the ask itself
        "Referred by Gil Ray",  # not in a conversation: dated when they were added
        "Added to your network",
    ]
    assert events[0].set_aside_key == thanks.key
    assert next(e for e in events if e.interview_id).interview_id == talk.id
    assert next(e for e in events if e.what.startswith("Asked for a")).detail == "Could we talk?"
    assert next(e for e in events if e.what.startswith("Asked for intro")).detail == "introduced me to X"
    assert [e.at for e in events] == sorted((e.at for e in events), reverse=True)


# --- introductions become people -----------------------------------------------------------------


def test_an_introduction_names_the_person_and_their_company() -> None:
    assert introduced_person("introduced me to Sam Ortiz at SunPower") == Introduced("Sam Ortiz", "SunPower")
    assert introduced_person("Intro to Lea Kim from Acme Health, meeting next week") == Introduced(
        "Lea Kim", "Acme Health")  # fmt: skip
    assert introduced_person("she put me in touch with José Núñez.") == Introduced("José Núñez", "")
    assert introduced_person("connected me with Ana") == Introduced("Ana", "")


def test_an_outcome_without_a_person_offers_nobody() -> None:
    assert introduced_person("no answer yet") is None
    assert introduced_person("introduced me to a few people") is None
    assert introduced_person("said she would think about it") is None


@given(st.text(max_size=80))
def test_any_outcome_reads_without_error(outcome: str) -> None:
    found = introduced_person(outcome)
    assert found is None or (found.name and found.name == found.name.strip())


# --- the brainstorm pad is the list of curiosities ------------------------------------------------


def test_pad_lines_are_names_once_each_bullets_dropped() -> None:
    assert line_name("  - UX   research ") == "UX research"
    assert names_in("UX research\n\n* Pottery\nux research\n") == ["UX research", "Pottery"]


def test_a_typed_line_is_a_new_curiosity_and_one_added_elsewhere_joins_the_pad() -> None:
    known = [Curiosity("Pottery"), Curiosity("Ceramics")]
    plan = sync_pad("pottery\nUX research", ["pottery"], known, [])
    assert plan.to_add == ["UX research"]
    assert plan.text == "pottery\nUX research\nCeramics"
    assert plan.to_remove == [] and plan.to_ask == []


def test_a_removed_line_removes_its_curiosity_only_when_nothing_points_to_it() -> None:
    free, used, asked = Curiosity("Free"), Curiosity("Used"), Curiosity("Asked")
    asked.intro_requests.append(IntroRequest("someone", FIXED_NOW))
    person = Contact(name="Jo", curiosity_ids=[used.id])
    plan = sync_pad("", ["Free", "Used", "Asked"], [free, used, asked], [person])
    assert plan.to_remove == [free]
    assert plan.to_ask == [used, asked]
    assert plan.text == ""
