"""What the interviews say, added up: which work resonates with the user, which questions
draw it out, how their hope moves, how far out from tier 1 their referrals have led.

Definitions (each figure on the Insights screen means exactly this):
- An interview's resonance (dissonance) is the mean level of that slider over the call,
  each level weighted by how long it held (from its move to the next move or the end).
  Before the first move a slider stands at 0. Net = resonance - dissonance (-10..10).
- An interview's value fit is the mean of the 1-5 fits given in its reflection.
- Per curiosity or person: the mean of those figures over their finished interviews
  (interviews without any reaction, or without a fit, leave that figure out).
- A question "resonated" in an interview when the resonance slider went up while it was
  the current question; questions are ranked by how many interviews that happened in.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from statistics import fmean
from typing import TypeVar

from .model import Contact, Curiosity, Interview, InterviewStatus, ReactionKind, Stage

_EARLIEST = datetime.min.replace(tzinfo=UTC)


def finished(interviews: Iterable[Interview]) -> list[Interview]:
    return sorted(
        (i for i in interviews if i.status is InterviewStatus.DONE),
        # An aware floor: a naive datetime.min beside aware times made sorted() raise.
        key=lambda i: i.finished_at or i.started_at or _EARLIEST,
    )


def _length(interview: Interview) -> float:
    last_move = max((r.offset_seconds for r in interview.reactions), default=0.0)
    return max(interview.elapsed_seconds, last_move)


def mean_level(interview: Interview, kind: ReactionKind) -> float | None:
    """Time-weighted mean level of one slider over the call; None when it never moved."""
    moves = sorted((r for r in interview.reactions if r.kind is kind), key=lambda r: r.offset_seconds)
    if not moves:
        return None
    end = _length(interview)
    if end <= 0:
        return float(moves[-1].value)
    total, level, since = 0.0, 0, 0.0
    for move in moves:
        total += level * (move.offset_seconds - since)
        level, since = move.value, move.offset_seconds
    total += level * (end - since)
    return total / end


def value_fit(interview: Interview) -> float | None:
    fits = [fit for fit in interview.reflection.value_fit.values() if fit]
    return fmean(fits) if fits else None


@dataclass(frozen=True)
class Figures:
    """Means over a group of finished interviews."""

    label: str
    interviews: int
    resonance: float | None
    dissonance: float | None
    fit: float | None

    @property
    def net(self) -> float | None:
        if self.resonance is None and self.dissonance is None:
            return None
        return (self.resonance or 0.0) - (self.dissonance or 0.0)


def _mean(values: Iterable[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return fmean(present) if present else None


Levels = tuple[float | None, float | None, float | None]  # resonance, dissonance, value fit
Kept = TypeVar("Kept")

# What is worked out per interview, by the object's identity, for as long as the object
# lives: the store hands out the same object until the interview changes (a change is a new
# object), so Insights, its comparison and every regrouping work out each interview once
# (at 5,000 interviews working the levels out twice over was a third of the first visit).
_levels: dict[int, tuple[weakref.ref[Interview], Levels]] = {}
_questions: dict[int, tuple[weakref.ref[Interview], tuple[frozenset[str], frozenset[str]]]] = {}


def _remembered(kept: dict[int, tuple[weakref.ref[Interview], Kept]], interview: Interview,
                work_out: Callable[[Interview], Kept]) -> Kept:  # fmt: skip
    key = id(interview)
    found = kept.get(key)
    if found is not None and found[0]() is interview:
        return found[1]
    value = work_out(interview)
    kept[key] = (weakref.ref(interview, lambda _, key=key: kept.pop(key, None)), value)  # type: ignore[misc]  # a default binds the key now
    return value


def levels(interview: Interview) -> Levels:
    """The interview's resonance, dissonance and value fit (see the module's definitions)."""
    return _remembered(_levels, interview, _work_out_levels)


def _work_out_levels(interview: Interview) -> Levels:
    return (
        mean_level(interview, ReactionKind.RESONANCE),
        mean_level(interview, ReactionKind.DISSONANCE),
        value_fit(interview),
    )


def figures(label: str, interviews: list[Interview]) -> Figures:
    each = [levels(i) for i in interviews]
    return Figures(
        label,
        len(interviews),
        _mean(resonance for resonance, _, _ in each),
        _mean(dissonance for _, dissonance, _ in each),
        _mean(fit for _, _, fit in each),
    )


def per_curiosity(interviews: Iterable[Interview], contacts: dict[str, Contact]) -> dict[str, list[Interview]]:
    """Curiosity id -> its interviews, in the order given. An interview counts for every
    curiosity of its person."""
    groups: dict[str, list[Interview]] = defaultdict(list)
    for interview in interviews:
        contact = contacts.get(interview.contact_id)
        for curiosity_id in contact.curiosity_ids if contact else ():
            groups[curiosity_id].append(interview)
    return groups


def by_curiosity(
    interviews: Iterable[Interview], contacts: dict[str, Contact], curiosities: Iterable[Curiosity]
) -> list[Figures]:
    """Per curiosity, best net first."""
    groups = per_curiosity(finished(interviews), contacts)
    rows = [figures(c.name, groups[c.id]) for c in curiosities if groups.get(c.id)]
    return sorted(rows, key=lambda f: (-(f.net if f.net is not None else -99), f.label.casefold()))


def by_person(interviews: Iterable[Interview], contacts: dict[str, Contact]) -> list[Figures]:
    groups: dict[str, list[Interview]] = defaultdict(list)
    names: dict[str, str] = {}
    for interview in finished(interviews):
        groups[interview.contact_id].append(interview)
        contact = contacts.get(interview.contact_id)
        names[interview.contact_id] = interview.person(contact)
    rows = [figures(names[key], group) for key, group in groups.items()]
    return sorted(rows, key=lambda f: (-(f.net if f.net is not None else -99), f.label.casefold()))


@dataclass(frozen=True)
class QuestionCount:
    text: str
    interviews: int  # in how many it resonated
    asked: int  # in how many it was among the questions


def resonant_questions(interviews: Iterable[Interview], limit: int = 5) -> list[QuestionCount]:
    resonated: dict[str, int] = defaultdict(int)
    asked: dict[str, int] = defaultdict(int)
    for interview in finished(interviews):
        texts, rises = asked_and_resonated(interview)
        for text in texts:
            asked[text] += 1
        for text in rises:
            resonated[text] += 1
    ranked = sorted(resonated.items(), key=lambda item: (-item[1], item[0].casefold()))
    return [QuestionCount(text, count, asked[text]) for text, count in ranked[:limit]]


def asked_and_resonated(interview: Interview) -> tuple[frozenset[str], frozenset[str]]:
    """The interview's questions (their texts), and those during which resonance rose."""
    return _remembered(_questions, interview, _work_out_asked_and_resonated)


def _work_out_asked_and_resonated(interview: Interview) -> tuple[frozenset[str], frozenset[str]]:
    texts = {question.id: question.text for question in interview.questions}
    rises: set[str] = set()
    level = 0
    for reaction in sorted(interview.reactions, key=lambda r: r.offset_seconds):
        if reaction.kind is not ReactionKind.RESONANCE:
            continue
        if reaction.value > level and reaction.question_id in texts:
            rises.add(texts[reaction.question_id])
        level = reaction.value
    return frozenset(texts.values()), frozenset(rises)


def work_out_ahead(interviews: Iterable[Interview]) -> Iterator[None]:
    """What Insights needs of each interview, worked out one interview per step (the app
    runs these in the user's pauses, ui/warm_up.py)."""
    for interview in finished(interviews):
        levels(interview)
        asked_and_resonated(interview)
        yield


@dataclass(frozen=True)
class HopePoint:
    when: datetime
    label: str
    before: int | None
    after: int | None


def hope_over_time(interviews: Iterable[Interview], contacts: dict[str, Contact]) -> list[HopePoint]:
    points = []
    for interview in finished(interviews):
        if interview.hope_before is None and interview.hope_after is None:
            continue
        contact = contacts.get(interview.contact_id)
        name = interview.person(contact)
        points.append(HopePoint(interview.finished_at or interview.started_at, name,  # type: ignore[arg-type]  # a finished interview has one of the two
                                interview.hope_before, interview.hope_after))  # fmt: skip
    return points


@dataclass
class TreeNode:
    contact: Contact
    children: list[TreeNode] = field(default_factory=list)


def people_in(roots: list[TreeNode]) -> int:
    """How many people a referral tree holds."""
    count, waiting = 0, list(roots)
    while waiting:
        node = waiting.pop()
        count += 1
        waiting.extend(node.children)
    return count


def referral_tree(contacts: Iterable[Contact]) -> list[TreeNode]:
    """Who led to whom: each person who referred someone, with those they referred (and so
    on), roots innermost tier first. People who neither referred nor were referred are left out."""
    people = {contact.id: contact for contact in contacts}
    nodes = {contact_id: TreeNode(contact) for contact_id, contact in people.items()}
    referrers = {contact.referred_by for contact in people.values() if contact.referred_by}
    roots: list[TreeNode] = []
    for contact in people.values():
        parent = contact.referred_by
        if parent and parent in nodes and not _loops(people, contact.id):
            nodes[parent].children.append(nodes[contact.id])
        elif contact.id in referrers:
            roots.append(nodes[contact.id])
    for node in nodes.values():
        node.children.sort(key=lambda n: n.contact.name.casefold())
    return sorted(roots, key=lambda n: (n.contact.tier, n.contact.name.casefold()))


def _loops(people: dict[str, Contact], start: str) -> bool:
    """A referral chain that comes back to itself (bad data): treat the person as a root."""
    seen = {start}
    current = people[start].referred_by
    while current:
        if current in seen:
            return True
        seen.add(current)
        current = people[current].referred_by if current in people else None
    return False


def reach(tree: list[TreeNode]) -> int:
    """Steps of referral away from the people the user knew themselves (0: none yet)."""

    def depth(node: TreeNode) -> int:
        return 1 + max((depth(child) for child in node.children), default=0) if node.children else 0

    return max((depth(root) for root in tree), default=0)


def furthest_tier(contacts: Iterable[Contact]) -> int | None:
    """The outermost tier the user has had a conversation in (None: no conversation yet)."""
    talked = (Stage.INTERVIEWED, Stage.THANKED, Stage.KEEPING_IN_TOUCH)
    return max((contact.tier for contact in contacts if contact.stage in talked), default=None)


@dataclass(frozen=True)
class Peak:
    kind: ReactionKind
    value: int
    offset_seconds: float
    question: str


def timeline(interview: Interview, points: int = 60) -> tuple[list[float], list[float]]:
    """Resonance and dissonance levels sampled evenly over the call, for a small chart."""
    end = _length(interview)
    series: dict[ReactionKind, list[float]] = {}
    for kind in ReactionKind:
        moves = sorted((r for r in interview.reactions if r.kind is kind), key=lambda r: r.offset_seconds)
        samples, level, index = [], 0, 0
        for step in range(points):
            moment = end * (step + 1) / points if end else 0
            while index < len(moves) and moves[index].offset_seconds <= moment:
                level = moves[index].value
                index += 1
            samples.append(float(level))
        series[kind] = samples
    return series[ReactionKind.RESONANCE], series[ReactionKind.DISSONANCE]


def peaks(interview: Interview, limit: int = 3) -> list[Peak]:
    """The highest level each slider reached, and the questions it happened on (first time each)."""
    texts = {question.id: question.text for question in interview.questions}
    found: list[Peak] = []
    for kind in ReactionKind:
        moves = [r for r in interview.reactions if r.kind is kind and r.value > 0]
        if not moves:
            continue
        top = max(r.value for r in moves)
        seen: set[str | None] = set()
        for move in sorted(moves, key=lambda r: r.offset_seconds):
            if move.value == top and move.question_id not in seen:
                seen.add(move.question_id)
                found.append(Peak(kind, top, move.offset_seconds, texts.get(move.question_id or "", "")))
    return found[: limit * 2]
