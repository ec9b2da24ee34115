"""Follow-ups are computed from what happened, never typed in.

- 3B7 (The 2-Hour Job Search): an ask with no reply gets a reminder after 3 business days
  (write to a second person for the same curiosity) and after 7 (one follow-up to the
  first). Any reply (scheduled, or declined) cancels both.
- A thank-you is due the day after a conversation, until it is sent.
- People referred during a conversation are due an ask the day after it.
- Keep in touch: an update a month after the conversation, then monthly after the last one.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from .dates import add_business_days, next_midnight
from .model import Contact, Curiosity, Interview, InterviewStatus, Stage
from .stages import last_change_to, move

WAITING_FOR_REPLY = (Stage.ASKED, Stage.NO_REPLY)
NEXT_MORNING = time(9, 0)


class FollowUpKind(enum.Enum):
    ASK_SOMEONE_ELSE = "ask_someone_else"  # 3B
    FOLLOW_UP_ASK = "follow_up_ask"  # 7B
    THANK_YOU = "thank_you"
    REACH_REFERRAL = "reach_referral"
    KEEP_IN_TOUCH = "keep_in_touch"


@dataclass(frozen=True)
class FollowUp:
    kind: FollowUpKind
    contact_id: str
    due: datetime
    message: str
    suggestion_id: str | None = None  # 3B: the second person to write to

    @property
    def key(self) -> str:
        """Stable while what caused it stands: a new ask or talk makes a new one."""
        return f"{self.kind.value}@{self.due.isoformat()}"

    @property
    def action(self) -> str:
        """What doing it means, for the key hint beside it."""
        return {
            FollowUpKind.THANK_YOU: "thanked",
            FollowUpKind.KEEP_IN_TOUCH: "update sent",
            FollowUpKind.REACH_REFERRAL: "ask",
            FollowUpKind.ASK_SOMEONE_ELSE: "ask",
            FollowUpKind.FOLLOW_UP_ASK: "followed up",
        }[self.kind]


def _next_morning(moment: datetime) -> datetime:
    day = (moment + timedelta(days=1)).date()
    return datetime.combine(day, NEXT_MORNING, tzinfo=moment.tzinfo)


def pending_follow_ups(
    contacts: Iterable[Contact], interviews: Iterable[Interview], curiosities: Iterable[Curiosity] = ()
) -> list[FollowUp]:
    """Every follow-up not yet done, soonest first (the caller decides what is due)."""
    people = {contact.id: contact for contact in contacts}
    by_curiosity = {curiosity.id: curiosity for curiosity in curiosities}
    finished = sorted(
        (i for i in interviews if i.status is InterviewStatus.DONE and i.finished_at is not None),
        key=lambda i: i.finished_at,  # type: ignore[arg-type, return-value]  # filtered to finished ones above
    )
    last_talk = {interview.contact_id: interview for interview in finished}
    referred_in = {referral.contact_id: interview for interview in finished for referral in interview.referrals}
    waiting = _not_asked_by_curiosity(people.values(), by_curiosity)

    follow_ups: list[FollowUp] = []
    for contact in people.values():
        first = contact.name.split()[0]
        if contact.stage in WAITING_FOR_REPLY and (asked := last_change_to(contact, Stage.ASKED)):
            second, shared = _second_person(contact, waiting)
            # The field named is the one the suggested person shares, not merely the asked one's first.
            field = by_curiosity[shared].name if shared else _curiosity_name(contact, by_curiosity)
            suggestion = f", such as {second.name}" if second else ""
            # Whose silence first: where a line is cut (80 columns), the person it is about stays.
            follow_ups.append(FollowUp(
                FollowUpKind.ASK_SOMEONE_ELSE, contact.id, add_business_days(asked, 3),
                f"No reply from {contact.name} after 3 business days: "
                f"write to a second person{f' in {field}' if field else ''}{suggestion}.",
                second.id if second else None,
            ))  # fmt: skip
            follow_ups.append(FollowUp(
                FollowUpKind.FOLLOW_UP_ASK, contact.id, add_business_days(asked, 7),
                f"Send {first} one follow-up: still no reply from {contact.name} after 7 business days.",
            ))  # fmt: skip
        talk = last_talk.get(contact.id)
        if contact.stage is Stage.INTERVIEWED and talk is not None:
            follow_ups.append(FollowUp(
                FollowUpKind.THANK_YOU, contact.id, _next_morning(talk.finished_at),  # type: ignore[arg-type]  # talks are finished ones
                f"Thank {first} for the conversation.",
            ))  # fmt: skip
        if contact.stage is Stage.NOT_ASKED and contact.id in referred_in:
            source = referred_in[contact.id]
            referrer = people.get(source.contact_id)
            follow_ups.append(FollowUp(
                FollowUpKind.REACH_REFERRAL, contact.id, _next_morning(source.finished_at),  # type: ignore[arg-type]  # talks are finished ones
                f"Reach out to {contact.name}, referred by {referrer.name if referrer else source.contact_name}.",
            ))  # fmt: skip
        if contact.stage in (Stage.THANKED, Stage.KEEPING_IN_TOUCH) and talk is not None:
            since = contact.last_update_sent or talk.finished_at
            follow_ups.append(FollowUp(
                FollowUpKind.KEEP_IN_TOUCH, contact.id, since + relativedelta(months=1),  # type: ignore[operator]  # talks are finished ones
                f"Send {first} an update on how your search is going.",
            ))  # fmt: skip
    done = {contact.id: set(contact.follow_ups_done) for contact in people.values() if contact.follow_ups_done}
    follow_ups = [f for f in follow_ups if f.key not in done.get(f.contact_id, ())]
    return sorted(follow_ups, key=lambda follow_up: follow_up.due)


def mark_done(contact: Contact, follow_up: FollowUp, now: datetime) -> Contact:
    """The contact after the user did what the follow-up asked.

    A thank-you moves them to 'thanked'; a keep-in-touch update is dated (and moves a
    thanked contact on to 'keeping in touch'); the others are remembered as done.
    (Asking someone, for 3B and referrals, happens in the ask form; this only sets
    the reminder aside.)"""
    if follow_up.kind is FollowUpKind.THANK_YOU and contact.stage is Stage.INTERVIEWED:
        return move(contact, Stage.THANKED, now)
    if follow_up.kind is FollowUpKind.KEEP_IN_TOUCH:
        updated = replace(contact, last_update_sent=now)
        if contact.stage is Stage.THANKED:
            updated = move(updated, Stage.KEEPING_IN_TOUCH, now)
        return updated
    return set_aside(contact, follow_up)


def set_aside(contact: Contact, follow_up: FollowUp) -> Contact:
    """Never show this reminder again (the cause may still bring new ones)."""
    if follow_up.key in contact.follow_ups_done:
        return contact
    return replace(contact, follow_ups_done=[*contact.follow_ups_done, follow_up.key])


def due_by(follow_ups: Iterable[FollowUp], now: datetime) -> list[FollowUp]:
    """Those due today or earlier."""
    end_of_today = next_midnight(now)
    return [follow_up for follow_up in follow_ups if follow_up.due < end_of_today]


def _curiosity_name(contact: Contact, curiosities: dict[str, Curiosity]) -> str:
    return next((curiosities[cid].name for cid in contact.curiosity_ids if cid in curiosities), "")


def _second_person(contact: Contact, waiting: dict[str, list[Contact]]) -> tuple[Contact | None, str | None]:
    """Innermost not-yet-asked person tied to one of the same curiosities, and the id of
    the curiosity they share (the asked person's first one, when several)."""
    candidates = [
        (other, cid)
        for cid in contact.curiosity_ids
        if (other := next((o for o in waiting.get(cid, ()) if o.id != contact.id), None)) is not None
    ]
    if not candidates:
        return None, None
    return min(candidates, key=lambda pair: (pair[0].tier, pair[0].name.casefold()))


def _not_asked_by_curiosity(everyone: Iterable[Contact], curiosities: dict[str, Curiosity]) -> dict[str, list[Contact]]:
    """Per curiosity, its not-yet-asked people innermost first: built once, not per reminder."""
    waiting: dict[str, list[Contact]] = {}
    for other in everyone:
        if other.stage is Stage.NOT_ASKED:
            for cid in other.curiosity_ids:
                if cid in curiosities:
                    waiting.setdefault(cid, []).append(other)
    for people in waiting.values():
        people.sort(key=lambda other: (other.tier, other.name.casefold()))
    return waiting


KIND_WORDS = {
    FollowUpKind.ASK_SOMEONE_ELSE: "ask someone else (3 days without a reply)",
    FollowUpKind.FOLLOW_UP_ASK: "follow up the ask (7 days without a reply)",
    FollowUpKind.THANK_YOU: "thank-you",
    FollowUpKind.REACH_REFERRAL: "reach out (referred)",
    FollowUpKind.KEEP_IN_TOUCH: "monthly update",
}


@dataclass(frozen=True)
class SetAside:
    """A follow-up the user set aside (or did, for those that only go away): read from its key."""

    key: str
    kind: FollowUpKind
    due: datetime

    @property
    def words(self) -> str:
        return KIND_WORDS[self.kind]


def set_aside_follow_ups(contact: Contact) -> list[SetAside]:
    """The follow-ups this contact's record keeps as done or set aside; keys that do not
    read (a hand edit) are left out."""
    found: list[SetAside] = []
    for key in contact.follow_ups_done:
        kind_text, _, due_text = key.partition("@")
        try:
            found.append(SetAside(key, FollowUpKind(kind_text), datetime.fromisoformat(due_text)))
        except ValueError:
            continue
    return found


def bring_back(contact: Contact, key: str) -> Contact:
    """Undo a set-aside: the follow-up shows again wherever it is due (if its cause stands)."""
    return replace(contact, follow_ups_done=[done for done in contact.follow_ups_done if done != key])
