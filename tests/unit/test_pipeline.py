"""Who next (inner tiers first) and where the user stands in the tiers."""

from __future__ import annotations

from infoview_tui.domain.model import Contact, Curiosity, Stage
from infoview_tui.domain.pipeline import tier_standing, who_next


def person(name: str, tier: int, stage: Stage = Stage.NOT_ASKED, **more) -> Contact:  # type: ignore[no-untyped-def]
    return Contact(name=name, tier=tier, stage=stage, **more)


UX = Curiosity(name="UX research", id="ux")


def test_inner_tier_first_then_curiosity_then_not_yet_asked() -> None:
    contacts = [
        person("Zed", 2, curiosity_ids=["ux"]),
        person("Amy", 1),
        person("Bob", 1, curiosity_ids=["ux"]),
        person("Cat", 1, Stage.NO_REPLY, curiosity_ids=["ux"]),
        person("Dan", 1, Stage.INTERVIEWED, curiosity_ids=["ux"]),
        person("Eve", 1, Stage.SCHEDULED),
        person("Fay", 1, Stage.DECLINED),
        person("Gus", 1, Stage.ASKED),  # waiting on a reply: not a suggestion
    ]
    ranked = who_next(contacts, {"ux": UX})
    assert [s.contact.name for s in ranked] == ["Bob", "Cat", "Amy", "Zed"]
    assert ranked[0].why == "tier 1, works in UX research, not yet asked"
    assert ranked[1].why == "tier 1, works in UX research, no reply yet; worth one follow-up"


def test_role_explains_when_no_curiosity_is_linked() -> None:
    (only,) = who_next([person("Amy", 3, role="Nurse")])
    assert only.why == "tier 3, Nurse, not yet asked"


def test_limit() -> None:
    assert len(who_next([person(f"P{n}", 4) for n in range(20)], limit=3)) == 3


def test_standing_with_nobody() -> None:
    assert tier_standing([]).message.startswith("Start with tier 1")


def test_standing_keep_going_then_ready_to_move_out() -> None:
    tier1 = [person(f"T1-{n}", 1) for n in range(5)]
    tier2 = [person(f"T2-{n}", 2) for n in range(4)]
    assert tier_standing(tier1 + tier2).message == (
        "0 of 5 in tier 1 done: keep going with tier 1 (close friends and family)."
    )
    for contact in tier1[:3]:
        contact.stage = Stage.INTERVIEWED
    assert tier_standing(tier1 + tier2).message == "3 of 5 in tier 1 done: ready to move out to tier 2."
    tier2[0].stage = Stage.THANKED
    assert (
        tier_standing(tier1 + tier2).message
        == "1 of 4 in tier 2 done: keep going with tier 2 (friends and co-workers)."
    )


def test_standing_when_the_outer_tiers_are_empty() -> None:
    tier1 = [person("A", 1, Stage.INTERVIEWED), person("B", 1, Stage.DECLINED)]
    assert tier_standing(tier1).message == "1 of 2 in tier 1 done: ready to move out; add people from tier 2."


def test_standing_skips_an_empty_tier() -> None:
    contacts = [person("A", 1, Stage.INTERVIEWED), person("C", 3)]
    assert tier_standing(contacts).message == "1 of 1 in tier 1 done: ready to move out to tier 3."


def test_standing_every_tier_reached() -> None:
    contacts = [person(f"P{tier}", tier, Stage.THANKED) for tier in (1, 2, 3, 4)]
    assert tier_standing(contacts).message == "1 of 1 in tier 4 done: every tier reached."


def test_standing_when_everyone_is_asked_but_few_have_talked() -> None:
    tier1 = [person("A", 1, Stage.SCHEDULED), person("B", 1, Stage.DECLINED), person("C", 1, Stage.INTERVIEWED)]
    assert tier_standing(tier1).message == (
        "Everyone in tier 1 is asked (1 of 3 talked with): move out; add people from tier 2 meanwhile."
    )
    tier2 = [person("D", 2)]
    assert tier_standing(tier1 + tier2).message == (
        "Everyone in tier 1 is asked (1 of 3 talked with): move out to tier 2 meanwhile."
    )


def test_standing_asks_for_tier_1_when_only_outer_tiers_are_filled() -> None:
    imported = [person(f"L{n}", 4) for n in range(5)]
    assert tier_standing(imported).message == (
        "Nobody in tier 1 yet: add close friends and family first, they are the easiest to ask."
    )


def test_who_next_agrees_with_ready_to_move_out() -> None:
    # Issue 13: "1 of 2 in tier 1 done: ready to move out to tier 2" beside "Who next: <tier 1 person>".
    contacts = [person("Amy", 1, Stage.INTERVIEWED), person("Bob", 1), person("Cy", 2), person("Dee", 3)]
    assert tier_standing(contacts).message == "1 of 2 in tier 1 done: ready to move out to tier 2."
    assert [s.contact.name for s in who_next(contacts)] == ["Cy", "Dee", "Bob"]


def test_who_next_stays_inside_while_the_standing_says_keep_going() -> None:
    contacts = [person("Amy", 1, Stage.INTERVIEWED), person("Bob", 1), person("Bo", 1), person("Cy", 2)]
    assert tier_standing(contacts).message.startswith("1 of 3 in tier 1 done: keep going with tier 1")
    assert who_next(contacts)[0].contact.name in ("Bo", "Bob")
