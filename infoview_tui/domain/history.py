"""A person's story in one list: what happened with them, newest first.

Built from what the records already hold (stage changes, asks, interviews, referrals,
intro requests, follow-ups set aside), never stored twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .followups import set_aside_follow_ups
from .model import Contact, Curiosity, Interview, InterviewStatus, Stage


@dataclass(frozen=True)
class HistoryEvent:
    at: datetime
    what: str
    detail: str = ""  # the words sent, an outcome, a note
    interview_id: str | None = None  # enter opens it
    set_aside_key: str | None = None  # enter brings it back

    @property
    def opens(self) -> bool:
        return self.interview_id is not None or self.set_aside_key is not None


_INTERVIEW_WORDS = {
    InterviewStatus.PLANNED: "Conversation planned",
    InterviewStatus.IN_PROGRESS: "Conversation under way",
    InterviewStatus.DONE: "Conversation",
    InterviewStatus.CANCELLED: "Conversation called off",
}


def contact_history(
    contact: Contact,
    interviews: Iterable[Interview],
    everyone: Iterable[Contact],
    curiosities: Iterable[Curiosity],
) -> list[HistoryEvent]:
    """Every event in this contact's story, newest first (ties: in the order they happened)."""
    people = {person.id: person for person in everyone}
    theirs = [interview for interview in interviews if interview.contact_id == contact.id]
    events: list[HistoryEvent] = [HistoryEvent(contact.created, "Added to your network", contact.how_we_know)]
    ask_moments = {ask.at for ask in contact.asks}
    for change in contact.stage_history:
        if change.stage is Stage.ASKED and change.at in ask_moments:
            continue  # the ask itself says it, with its words
        events.append(HistoryEvent(change.at, f"Stage: {change.stage.label}"))
    for ask in contact.asks:
        how = f" by {ask.channel.label}" if ask.channel else ""
        events.append(HistoryEvent(ask.at, f"Asked for a conversation{how}", ask.message.strip()))
    for interview in theirs:
        events.append(_interview_event(interview, people))
    if contact.referred_by:
        referrer = people.get(contact.referred_by)
        where = _referred_in(contact.id, interviews)
        name = referrer.name if referrer else (where.contact_name if where else "someone since deleted")
        events.append(HistoryEvent(where.finished_at or contact.created if where else contact.created,
                                   f"Referred by {name}"))  # fmt: skip
    for other in people.values():
        if other.referred_by == contact.id and other.id != contact.id:
            where = _referred_in(other.id, theirs)
            events.append(HistoryEvent(where.finished_at or other.created if where else other.created,
                                       f"Referred you to {other.name}", other.work))  # fmt: skip
    for curiosity in curiosities:
        for request in curiosity.intro_requests:
            if request.contact_id == contact.id:
                events.append(HistoryEvent(request.asked_at, f"Asked for introductions in {curiosity.name}",
                                           request.outcome or "no answer yet"))  # fmt: skip
    for sent in contact.messages:
        how = f" by {sent.channel.label}" if sent.channel else ""
        events.append(HistoryEvent(sent.at, f"{sent.kind.label} sent{how}", sent.message.strip()))
    sent_at = {sent.at for sent in contact.messages}
    if contact.last_update_sent is not None and contact.last_update_sent not in sent_at:
        events.append(HistoryEvent(contact.last_update_sent, "Update sent on how the search goes"))
    for set_aside in set_aside_follow_ups(contact):
        events.append(HistoryEvent(set_aside.due, f"Follow-up set aside or done: {set_aside.words}",
                                   set_aside_key=set_aside.key))  # fmt: skip
    ordered = sorted(enumerate(events), key=lambda pair: (pair[1].at, pair[0]), reverse=True)
    return [event for _, event in ordered]


def _interview_event(interview: Interview, people: dict[str, Contact]) -> HistoryEvent:
    what = _INTERVIEW_WORDS[interview.status]
    if interview.status is InterviewStatus.DONE:
        what += f", {round(interview.elapsed_seconds / 60)} min, {interview.mode.label}"
    if interview.referrals:
        names = [people[r.contact_id].name for r in interview.referrals if r.contact_id in people]
        detail = f"referred {', '.join(names)}" if names else ""
    else:
        detail = ""
    if interview.reflection.takeaways.strip():
        detail = "; ".join(part for part in (interview.reflection.takeaways.strip().splitlines()[0], detail) if part)
    at = interview.finished_at or interview.moment or interview.created
    return HistoryEvent(at, what, detail, interview_id=interview.id)


def _referred_in(contact_id: str, interviews: Iterable[Interview]) -> Interview | None:
    """The conversation in which this person was suggested, if it was one."""
    return next((i for i in interviews if any(r.contact_id == contact_id for r in i.referrals)), None)
