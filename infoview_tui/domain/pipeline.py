"""Who to ask next, and where the user stands in the tiers.

The seed's advice: "start with tier 1, then move out to the other tiers as you build
your confidence and courage". So suggestions go innermost tier first, among people not
yet interviewed, preferring those tied to a curiosity, and each says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .model import TIERS, Contact, Curiosity, Stage

TIER_SHORT = {1: "close friends and family", 2: "friends and co-workers", 3: "friends seen a few times a year",
              4: "acquaintances, friends of friends"}  # fmt: skip
# A conversation has happened from here on.
TALKED = frozenset({Stage.INTERVIEWED, Stage.THANKED, Stage.KEEPING_IN_TOUCH})
# Nobody to ask: it happened, it is on its way, or they said no.
NOT_TO_ASK = TALKED | {Stage.SCHEDULED, Stage.DECLINED}
# Moving out once this share of a tier has been talked to (or nobody is left to ask).
READY_TO_MOVE_OUT = 0.5


@dataclass(frozen=True)
class Suggestion:
    contact: Contact
    reasons: tuple[str, ...] = field(default=())

    @property
    def why(self) -> str:
        return ", ".join(self.reasons)


def who_next(
    contacts: Iterable[Contact], curiosities: Mapping[str, Curiosity] | None = None, limit: int = 5
) -> list[Suggestion]:
    """Ranked: from the tier the user works in now outward (tier_standing's: a tier ready
    to move out from comes after, so "ready to move out to tier 2" and "who next" agree),
    then inner tier first; then tied to a curiosity; then not yet asked before an
    unanswered ask; then people someone introduced; then by name."""
    curiosities = curiosities or {}
    everyone = list(contacts)
    working = _working_tier(everyone)
    candidates = [
        contact for contact in everyone if contact.stage not in NOT_TO_ASK and contact.stage is not Stage.ASKED
    ]

    def rank(contact: Contact) -> tuple[int, int, int, int, int, str]:
        tied = any(cid in curiosities for cid in contact.curiosity_ids)
        return (
            0 if working is None or contact.tier >= working else 1,
            contact.tier,
            0 if tied else 1,
            0 if contact.stage is Stage.NOT_ASKED else 1,
            0 if contact.referred_by else 1,
            contact.name.casefold(),
        )

    ranked = sorted(candidates, key=rank)[:limit]
    return [Suggestion(contact, _reasons(contact, curiosities)) for contact in ranked]


def _working_tier(contacts: list[Contact]) -> int | None:
    """The innermost populated tier not yet ready to move out from (None: all are)."""
    for tier in TIERS:
        people = [contact for contact in contacts if contact.tier == tier]
        if people and not _tier_ready(people):
            return tier
    return None


def _tier_ready(people: list[Contact]) -> bool:
    talked = sum(1 for contact in people if contact.stage in TALKED)
    left_to_ask = sum(1 for contact in people if contact.stage not in NOT_TO_ASK)
    return talked >= READY_TO_MOVE_OUT * len(people) or left_to_ask == 0


def _reasons(contact: Contact, curiosities: Mapping[str, Curiosity]) -> tuple[str, ...]:
    reasons = [f"tier {contact.tier}"]
    names = [curiosities[cid].name for cid in contact.curiosity_ids if cid in curiosities]
    if names:
        reasons.append(f"works in {' and '.join(names)}")
    elif contact.role:
        reasons.append(f"{contact.role}")
    reasons.append("not yet asked" if contact.stage is Stage.NOT_ASKED else "no reply yet; worth one follow-up")
    return tuple(reasons)


@dataclass(frozen=True)
class TierStanding:
    tier: int | None  # the tier the user is working in now
    talked: int
    total: int
    message: str


def tier_standing(contacts: Iterable[Contact]) -> TierStanding:
    """Where the user stands, e.g. "3 of 5 in tier 1 done: ready to move out to tier 2".

    A tier is done enough to move out from once half its people have been talked to, or
    nobody in it is left to ask. The user stands at the first tier that is not."""
    by_tier: dict[int, list[Contact]] = {tier: [] for tier in TIERS}
    for contact in contacts:
        by_tier[contact.tier].append(contact)
    populated = [tier for tier in TIERS if by_tier[tier]]
    if not populated:
        return TierStanding(None, 0, 0, "Start with tier 1: add the people closest to you, close friends and family.")
    if not by_tier[1] and not any(c.stage in TALKED for c in by_tier[2]):
        # Typically right after importing LinkedIn: everyone is an acquaintance. The method
        # starts with the easiest yeses.
        return TierStanding(
            1, 0, 0, "Nobody in tier 1 yet: add close friends and family first, they are the easiest to ask."
        )

    def counts(tier: int) -> tuple[int, int, bool]:
        people = by_tier[tier]
        talked = sum(1 for contact in people if contact.stage in TALKED)
        return talked, len(people), _tier_ready(people)

    previous: int | None = None
    for tier in populated:
        talked, total, ready = counts(tier)
        if not ready:
            if talked == 0 and previous is not None:
                done, everyone, _ = counts(previous)
                return TierStanding(previous, done, everyone, _ready(previous, done, everyone, f"to tier {tier}"))
            return TierStanding(
                tier,
                talked,
                total,
                f"{talked} of {total} in tier {tier} done: keep going with tier {tier} ({TIER_SHORT[tier]}).",
            )
        previous = tier
    last = populated[-1]
    talked, total, _ = counts(last)
    if last < TIERS[-1]:
        return TierStanding(last, talked, total, _ready(last, talked, total, f"; add people from tier {last + 1}"))
    return TierStanding(last, talked, total, f"{talked} of {total} in tier {last} done: every tier reached.")


def _ready(tier: int, talked: int, total: int, onward: str) -> str:
    """Ready because half are talked to, or because everyone left has been asked."""
    if talked >= READY_TO_MOVE_OUT * total:
        return f"{talked} of {total} in tier {tier} done: ready to move out{' ' if onward[0] != ';' else ''}{onward}."
    return f"Everyone in tier {tier} is asked ({talked} of {total} talked with): move out{' ' if onward[0] != ';' else ''}{onward} meanwhile."
