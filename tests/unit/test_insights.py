"""Every aggregate on hand-made data whose answers are worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from infoview_tui.domain import insights
from infoview_tui.domain.model import (
    Contact,
    Curiosity,
    Interview,
    InterviewStatus,
    Question,
    Reaction,
    ReactionKind,
    Reflection,
)  # fmt: skip
from infoview_tui.domain.records import from_record
from infoview_tui.store.repository import Repository
from tests.conftest import ZONE

R, D = ReactionKind.RESONANCE, ReactionKind.DISSONANCE
Q1, Q2, Q3 = (
    Question("What do you enjoy?", id="q1"),
    Question("A normal week?", id="q2"),
    Question("Challenges?", id="q3"),
)


def talk(contact: Contact, *moves: tuple[ReactionKind, int, float, str], minutes: float = 10, day: int = 2,
         fit: dict[str, int] | None = None, hope: tuple[int | None, int | None] = (None, None)) -> Interview:  # fmt: skip
    return Interview(
        contact_id=contact.id,
        status=InterviewStatus.DONE,
        questions=[Q1, Q2, Q3],
        reactions=[Reaction(kind, value, offset, question) for kind, value, offset, question in moves],
        elapsed_seconds=minutes * 60,
        finished_at=datetime(2026, 11, day, 12, tzinfo=ZONE),
        reflection=Reflection(value_fit=fit or {}),
        hope_before=hope[0],
        hope_after=hope[1],
    )


UX, TEACH = Curiosity("UX research", id="ux"), Curiosity("Teaching", id="teach")
ANA = Contact("Ana", tier=1, curiosity_ids=["ux"], id="ana")
BO = Contact("Bo", tier=2, curiosity_ids=["ux", "teach"], id="bo")
CY = Contact("Cy", tier=1, curiosity_ids=["teach"], id="cy")
PEOPLE = {c.id: c for c in (ANA, BO, CY)}


def test_mean_level_is_weighted_by_how_long_each_level_held() -> None:
    # 10 minutes: 0 for 2 min, 6 for 4 min, 9 for 4 min -> (0*120 + 6*240 + 9*240) / 600 = 6.0
    interview = talk(ANA, (R, 6, 120, "q1"), (R, 9, 360, "q2"))
    assert insights.mean_level(interview, R) == pytest.approx(6.0)
    assert insights.mean_level(interview, D) is None
    # A move at the very start holds all along.
    assert insights.mean_level(talk(ANA, (D, 4, 0, "q1")), D) == pytest.approx(4.0)
    # No elapsed time recorded: the last level.
    assert insights.mean_level(talk(ANA, (R, 3, 0, "q1"), minutes=0), R) == 3.0


def test_value_fit_is_the_mean_of_the_fits_given() -> None:
    assert insights.value_fit(talk(ANA, fit={"a": 4, "b": 2, "c": 0})) == 3.0  # 0: not rated
    assert insights.value_fit(talk(ANA)) is None


def test_per_curiosity_and_per_person() -> None:
    ana = talk(ANA, (R, 8, 0, "q1"), (D, 2, 0, "q1"), fit={"v": 5})  # net 6, fit 5
    bo = talk(BO, (R, 4, 0, "q1"), (D, 6, 0, "q2"), fit={"v": 1})  # net -2, fit 1
    cy = talk(CY, (R, 5, 0, "q1"))  # net 5, no fit
    planned = Interview(contact_id="cy")  # not finished: left out
    rows = insights.by_curiosity([ana, bo, cy, planned], PEOPLE, [UX, TEACH])
    ux = next(r for r in rows if r.label == "UX research")
    teach = next(r for r in rows if r.label == "Teaching")
    assert (ux.interviews, ux.resonance, ux.dissonance, ux.net, ux.fit) == (2, 6.0, 4.0, 2.0, 3.0)
    assert (teach.interviews, teach.resonance, teach.dissonance, teach.fit) == (2, 4.5, 6.0, 1.0)
    assert teach.net == pytest.approx(-1.5)
    assert [r.label for r in rows] == ["UX research", "Teaching"]  # best net first
    people = insights.by_person([ana, bo, cy], PEOPLE)
    assert [(p.label, p.net) for p in people] == [("Ana", 6.0), ("Cy", 5.0), ("Bo", -2.0)]


def test_questions_that_resonated_count_interviews_not_moves() -> None:
    one = talk(ANA, (R, 3, 10, "q1"), (R, 5, 20, "q1"), (R, 4, 30, "q2"), (R, 6, 40, "q3"))  # rises: q1, q3
    two = talk(BO, (R, 2, 10, "q3"), (D, 5, 20, "q1"))  # rises: q3
    three = talk(CY, (R, 0, 10, "q2"))  # no rise
    ranked = insights.resonant_questions([one, two, three])
    assert [(q.text, q.interviews, q.asked) for q in ranked] == [("Challenges?", 2, 3), ("What do you enjoy?", 1, 3)]


def test_hope_over_time_in_order() -> None:
    late = talk(ANA, hope=(2, 4), day=9)
    early = talk(BO, hope=(3, None), day=3)
    points = insights.hope_over_time([late, early, talk(CY)], PEOPLE)
    assert [(p.label, p.before, p.after) for p in points] == [("Bo", 3, None), ("Ana", 2, 4)]


def test_referral_tree_and_reach() -> None:
    dee = Contact("Dee", tier=4, referred_by="ana", id="dee")
    eve = Contact("Eve", tier=4, referred_by="dee", id="eve")
    fay = Contact("Fay", tier=4, referred_by="ana", id="fay")
    lone = Contact("Lone", tier=2, id="lone")
    tree = insights.referral_tree([ANA, dee, eve, fay, lone])
    assert [root.contact.name for root in tree] == ["Ana"]
    assert [child.contact.name for child in tree[0].children] == ["Dee", "Fay"]
    assert [g.contact.name for g in tree[0].children[0].children] == ["Eve"]
    assert insights.reach(tree) == 2
    assert insights.reach([]) == 0
    # A loop in the data does not hang or vanish.
    a = Contact("A", referred_by="b", id="a")
    b = Contact("B", referred_by="a", id="b")
    assert {n.contact.name for n in insights.referral_tree([a, b])} <= {"A", "B"}


def test_timeline_and_peaks() -> None:
    interview = talk(ANA, (R, 5, 0, "q1"), (R, 9, 300, "q2"), (D, 3, 300, "q2"), (R, 9, 420, "q3"), minutes=10)
    resonance, dissonance = insights.timeline(interview, points=10)
    assert resonance == [5, 5, 5, 5, 9, 9, 9, 9, 9, 9] and dissonance == [0, 0, 0, 0, 3, 3, 3, 3, 3, 3]
    assert [(p.kind, p.value, p.offset_seconds, p.question) for p in insights.peaks(interview)] == [
        (R, 9, 300, "A normal week?"), (R, 9, 420, "Challenges?"), (D, 3, 300, "A normal week?"),
    ]  # fmt: skip


def test_values_suggestions_and_reordering() -> None:
    from infoview_tui.domain.model import Value
    from infoview_tui.domain.values import active, moved, suggestions

    mine = [Value("Autonomy", position=0, id="a"), Value("Craft", position=1, id="c"),
            Value("Money", position=2, retired=True, id="m")]  # fmt: skip
    assert "Autonomy" not in [name for name, _ in suggestions(mine)] and len(suggestions(mine)) == 9
    assert [v.name for v in active(mine)] == ["Autonomy", "Craft"]
    reordered = moved(mine, "m", -1)
    assert [(v.name, v.position) for v in reordered] == [("Autonomy", 0), ("Money", 1), ("Craft", 2)]
    assert [v.name for v in moved(mine, "a", -1)] == ["Autonomy", "Craft", "Money"]  # already first


def test_furthest_tier_talked_with() -> None:
    from infoview_tui.domain.model import Stage

    assert insights.furthest_tier([Contact("A", tier=1), Contact("B", tier=4, stage=Stage.SCHEDULED)]) is None
    people = [Contact("A", tier=1, stage=Stage.THANKED), Contact("C", tier=3, stage=Stage.INTERVIEWED),
              Contact("D", tier=4, stage=Stage.ASKED)]  # fmt: skip
    assert insights.furthest_tier(people) == 3


def test_the_repository_builds_interviews_once_per_change_and_a_change_shows_at_once(repository: Repository) -> None:
    """Insights, its comparison and a rebuild after a contact changed read every interview in
    full (500 with 30,000 reactions took 110-170 ms to build): built once per change of the
    interviews, and any change (a save, a delete, a reload) is seen by the very next read."""
    ana = repository.save_contact(Contact(name="Ana"))
    first = repository.save_interview(talk(ana, (R, 6, 0, "q1"), minutes=10))
    assert repository.interviews()[0] is repository.interviews()[0]  # nothing changed: not built again

    repository.save_contact(Contact(name="Ben"))  # another table changed: interviews kept
    (kept,) = repository.interviews()
    assert insights.mean_level(kept, R) == 6

    repository.save_interview(replace(first, reactions=[Reaction(R, 2, 0, "q1")]))
    (changed,) = repository.interviews()
    assert insights.mean_level(changed, R) == 2  # the change shows at once

    repository.interviews().clear()  # a caller's list is its own
    second = repository.save_interview(talk(ana, (D, 4, 0, "q2")))
    assert {i.id for i in repository.interviews()} == {first.id, second.id}
    repository.delete_interview(first.id)
    assert [i.id for i in repository.interviews()] == [second.id]


def test_interviews_read_quickly_are_those_the_generic_reader_builds(repository: Repository) -> None:
    """Reactions are built straight from their stored form; an odd one falls back to the
    generic reader, so a bad record is still skipped and reported, never half-read."""
    ana = repository.save_contact(Contact(name="Ana"))
    for minutes in (5, 10):
        repository.save_interview(talk(ana, (R, 6, 0, "q1"), (D, 3, 30.5, "q2"), (R, 2, 60, None), minutes=minutes))
    plain = repository.save_interview(talk(ana))
    table = repository.db.table("interviews")
    row = next(doc.doc_id for doc in table.all() if doc["id"] == plain.id)
    odd = dict(table.get(doc_id=row))
    odd["reactions"] = [{"kind": "resonance", "value": 11, "offset_seconds": 0}]  # out of range
    table.update(lambda stored: stored.update(odd), doc_ids=[row])  # type: ignore[arg-type]  # TinyDB's transform
    expected = [from_record(Interview, raw) for raw in table.all() if raw["id"] != plain.id]
    assert sorted(repository.interviews(), key=lambda i: i.id) == sorted(expected, key=lambda i: i.id)
    assert any("Reaction" in line for line in repository.skipped_records)


def test_an_interview_s_levels_follow_the_object_the_store_hands_out(repository: Repository) -> None:
    """Worked out once per interview object (the store's objects stay the same until the
    interview changes); a changed interview is a new object and gets its own figures."""
    ana = repository.save_contact(Contact(name="Ana"))
    first = repository.save_interview(talk(ana, (R, 6, 0, "q1"), minutes=10))
    (built,) = repository.interviews()
    assert insights.levels(built)[0] == 6
    assert insights.levels(built) is insights.levels(repository.interviews()[0])  # the same object: kept
    repository.save_interview(replace(first, reactions=[Reaction(R, 2, 0, "q1")]))
    (changed,) = repository.interviews()
    assert insights.levels(changed)[0] == 2
    assert insights.figures("Ana", [changed]).resonance == 2
    assert sum(1 for _ in insights.work_out_ahead(repository.interviews())) == len(
        insights.finished(repository.interviews())
    )
