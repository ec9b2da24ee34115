"""Today's agenda: the conversations of the coming week, the follow-ups due, who to ask next.

Computed from interview outlines (`Repository.interview_outlines`: no notes, reactions or
reflection), which hold all a line says; and it says until when it holds (`holds_until`),
so the screen is rebuilt when a word on it changes, not on every visit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from .dates import next_midnight
from .followups import FollowUp, due_by, pending_follow_ups
from .model import Contact, Curiosity, Interview, InterviewStatus
from .pipeline import Suggestion, who_next

DAYS_AHEAD = 7  # "this week": the coming seven days


@dataclass(frozen=True)
class Agenda:
    conversations: tuple[Interview, ...]  # under way first, then planned ones before the week ends, soonest first
    follow_ups: tuple[FollowUp, ...]  # due today or earlier, soonest first
    who_next: Suggestion | None
    holds_until: datetime  # the first moment a line's words change: midnight, or a planned talk passing unheld


def passed_unheld(interview: Interview, now: datetime) -> bool:
    """A planned conversation whose time (and length) is over without it being held."""
    return (
        interview.status is InterviewStatus.PLANNED
        and interview.scheduled_at is not None
        and interview.scheduled_at < now - timedelta(minutes=interview.planned_minutes)
    )


def build_agenda(
    contacts: Sequence[Contact], outlines: Iterable[Interview], curiosities: Sequence[Curiosity], now: datetime
) -> Agenda:
    """The agenda at `now`, from every contact, interview outline and curiosity."""
    interviews = list(outlines)
    week_end = datetime.combine(now.date() + timedelta(days=DAYS_AHEAD), time(), tzinfo=now.tzinfo)
    running = [i for i in interviews if i.status is InterviewStatus.IN_PROGRESS]
    upcoming = sorted(
        (
            i for i in interviews
            # Past ones not held yet stay until started or called off: nothing slips away.
            if i.status is InterviewStatus.PLANNED and i.scheduled_at is not None and i.scheduled_at < week_end
        ),
        key=lambda i: i.scheduled_at,  # type: ignore[arg-type, return-value]  # filtered to scheduled ones above
    )  # fmt: skip
    due = due_by(pending_follow_ups(contacts, interviews, curiosities), now)
    suggestions = who_next(contacts, {c.id: c for c in curiosities}, limit=1)
    return Agenda(
        conversations=(*running, *upcoming),
        follow_ups=tuple(due),
        who_next=suggestions[0] if suggestions else None,
        holds_until=_words_change(upcoming, now),
    )


def _words_change(upcoming: Iterable[Interview], now: datetime) -> datetime:
    """Midnight ('today' becomes 'yesterday', more follow-ups fall due), or sooner when a
    planned conversation passes unheld before then."""
    midnight = next_midnight(now)
    passing = [
        i.scheduled_at + timedelta(minutes=i.planned_minutes)
        for i in upcoming
        if i.scheduled_at is not None and not passed_unheld(i, now)
    ]
    return min([midnight, *(moment for moment in passing if moment >= now)])
