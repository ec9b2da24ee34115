"""The domain records: validation, round trips through storage form, the question sets."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from infoview_tui.domain.model import (
    Contact,
    Interview,
    Mode,
    Question,
    Reaction,
    ReactionKind,
    Referral,
    Reflection,
    Settings,
    Stage,
    StageChange,
    Value,
)
from infoview_tui.domain.questions import SEED_QUESTIONS, all_question_sets, builtin_question_sets, default_question_set
from infoview_tui.domain.records import RecordError, from_record, to_record

WHEN = datetime(2026, 11, 25, 18, 30, tzinfo=UTC)


def test_every_record_gets_its_own_id() -> None:
    assert Contact(name="A").id != Contact(name="A").id


def test_contact_round_trip_keeps_everything() -> None:
    contact = Contact(
        name="Ana Lima",
        tier=1,
        company="Acme",
        role="UX researcher",
        how_we_know="cousin",
        curiosity_ids=["c1"],
        emails=["ana@example.org"],
        stage=Stage.SCHEDULED,
        stage_history=[StageChange(Stage.ASKED, WHEN)],
    )
    record = to_record(contact)
    assert record["stage"] == "scheduled"
    assert record["stage_history"][0]["at"] == "2026-11-25T18:30:00+00:00"
    assert from_record(Contact, record) == contact


def test_interview_round_trip_with_reactions_and_reflection() -> None:
    question = Question("What do you most enjoy about your work?")
    interview = Interview(
        contact_id="c1",
        scheduled_at=WHEN,
        planned_minutes=60,
        mode=Mode.VIDEO,
        questions=[question],
        question_notes={question.id: "loves the research part"},
        reactions=[Reaction(ReactionKind.RESONANCE, 8, 125.5, question.id)],
        referrals=[Referral("c2", 1500.0, "her old manager")],
        reflection=Reflection(value_fit={"v1": 4}, takeaways="more people, fewer spreadsheets"),
        hope_before=2,
        hope_after=4,
    )
    assert from_record(Interview, to_record(interview)) == interview


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Contact(name="  "), "needs a name"),
        (lambda: Contact(name="A", tier=5), "tier must be 1, 2, 3 or 4"),
        (lambda: Contact(name="A", tier=0), "tier must be"),
        (lambda: Interview(contact_id="c", planned_minutes=90), "between 30 and 60"),
        (lambda: Interview(contact_id="c", hope_before=6), "hope must be between 1 and 5"),
        (lambda: Reaction(ReactionKind.DISSONANCE, 11, 3.0), "dissonance must be between 0 and 10"),
        (lambda: Reaction(ReactionKind.RESONANCE, 5, -1.0), "before the conversation starts"),
        (lambda: Value(name=""), "needs a name"),
        (lambda: Settings(target_interviews=0), "at least 1"),
    ],
)
def test_invalid_records_are_refused_with_a_reason(build, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message):
        build()


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"name": "A", "tier": "1"}, "Contact.tier: expected int, found str"),
        ({"name": "A", "tier": True}, "Contact.tier"),
        ({"name": "A", "stage": "flying"}, "Contact.stage"),
        ({"name": "A", "created": "2026-11-25T10:00:00"}, "has no time zone"),
        ({"name": "A", "emails": "a@b.c"}, "expected a list"),
        ({"tier": 1}, "Contact"),
        ("not an object", "expected an object"),
    ],
)
def test_bad_stored_records_raise_record_error(record, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RecordError, match=message):
        from_record(Contact, record)


def test_unknown_keys_are_ignored_and_missing_ones_defaulted() -> None:
    contact = from_record(Contact, {"name": "A", "favourite_colour": "teal"})
    assert contact.tier == 4 and contact.stage is Stage.NOT_ASKED


def test_settings_default_target_is_several_dozen() -> None:
    assert Settings().target_interviews == 36


def test_seed_questions_verbatim_are_the_default_set() -> None:
    default = default_question_set(Settings())
    assert [q.text for q in default.questions] == list(SEED_QUESTIONS)
    assert len(SEED_QUESTIONS) == 9
    assert SEED_QUESTIONS[0] == "What do you most enjoy about your work?"
    assert SEED_QUESTIONS[-1] == "What is the salary range?"


def test_tiara_is_the_second_set_and_ids_are_stable() -> None:
    first, second = builtin_question_sets()
    assert second.name == "TIARA"
    assert [q.text.split(":")[0] for q in second.questions] == [
        "Trends",
        "Insights",
        "Advice",
        "Resources",
        "Assignments",
    ]
    assert [q.id for q in first.questions] == [q.id for q in builtin_question_sets()[0].questions]


def test_users_own_sets_follow_the_builtins_and_can_be_the_default() -> None:
    from infoview_tui.domain.model import QuestionSet

    mine = QuestionSet(name="Mine", questions=[Question("What does a normal Tuesday look like?")])
    settings = Settings(question_sets=[mine], default_question_set_id=mine.id)
    assert [s.name for s in all_question_sets(settings)] == ["Suggested questions", "TIARA", "Mine"]
    assert default_question_set(settings) is mine
