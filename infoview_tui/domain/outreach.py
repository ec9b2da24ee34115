"""Reaching out: the ask (its words, built from a template) and the scheduled conversation.

An ask moves the person to 'asked' and starts the 3B7 clock; a schedule creates the
planned interview, moves them to 'scheduled' and says which other conversations overlap.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from .model import (
    Ask,
    Contact,
    Curiosity,
    Interview,
    InterviewStatus,
    MessageKind,
    MessageTemplate,
    Mode,
    Settings,
    Stage,
)
from .stages import StageError, move

# The words a template can use, with what each one becomes.
PLACEHOLDERS = {
    "first_name": "their first name",
    "name": "their full name",
    "company": "where they work",
    "role": "what they do",
    "curiosity": "the field you are curious about",
    "length": "'30 to 60 minutes'",
    "how": "'over coffee' or 'on a video call'",
    "referrer": "who suggested them (or nothing)",
    "your_name": "your name",
    "referrer_line": "'Bo Chen suggested I get in touch. ', or nothing",
    "role_line": "what they do and where, or 'someone who does this work'",
}

WARM_ASK = MessageTemplate(
    name="Friend or family (tiers 1-2)",
    text=(
        "Hi {first_name},\n\n"
        "I'm exploring a move into {curiosity} and I'd love to hear how you see it. "
        "Could I borrow {length} of your time, {how}? I'm not looking for a job, just your "
        "story: how you got there, what a day looks like, what you'd tell someone starting out.\n\n"
        "Thanks!\n{your_name}"
    ),
    builtin=True,
    id="builtin-warm",
)
INTRODUCED_ASK = MessageTemplate(
    name="Acquaintance or referral (tiers 3-4)",
    text=(
        "Dear {first_name},\n\n"
        "{referrer_line}I am exploring {curiosity} and would value your perspective as "
        "{role_line}. Would you have {length} for a conversation, {how}, in the coming weeks? "
        "I am gathering information, not asking for a job, and I will keep to the time.\n\n"
        "With thanks,\n{your_name}"
    ),
    builtin=True,
    id="builtin-introduced",
)
BUILTIN_TEMPLATES = (WARM_ASK, INTRODUCED_ASK)


class TemplateError(ValueError):
    """A template that cannot be filled in; the message names the word at fault."""


def all_templates(settings: Settings) -> list[MessageTemplate]:
    """The ask templates: the built-in ones, then the user's own (other kinds live in drafting)."""
    return [*BUILTIN_TEMPLATES, *(t for t in settings.message_templates if t.kind is MessageKind.ASK)]


def template_for(contact: Contact) -> MessageTemplate:
    """The warm template for the inner tiers, the more formal one further out."""
    return WARM_ASK if contact.tier <= 2 and contact.referred_by is None else INTRODUCED_ASK


def placeholders_in(text: str) -> list[str]:
    """The {words} a template text uses; TemplateError for a stray brace."""
    try:
        return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as error:
        raise TemplateError(f"{error}; write {{{{ or }}}} for a literal brace.") from error


def check_placeholders(text: str, known: dict[str, str]) -> None:
    """Raise TemplateError for a placeholder not in `known` (a kind's words) or a stray brace."""
    for name in placeholders_in(text):
        if name not in known:
            words = ", ".join(f"{{{word}}}" for word in known)
            raise TemplateError(f"{{{name}}} is not a word templates know. Use: {words}.")


def check_template(text: str) -> None:
    """An ask template: raise TemplateError for a placeholder that does not exist or a stray brace."""
    check_placeholders(text, PLACEHOLDERS)


def fill_template(
    template: MessageTemplate,
    contact: Contact,
    *,
    curiosity: Curiosity | None,
    mode: Mode,
    referrer: Contact | None = None,
    your_name: str = "",
) -> str:
    check_template(template.text)
    values = {
        "first_name": contact.name.split()[0],
        "name": contact.name,
        "company": contact.company,
        "role": contact.role,
        "curiosity": curiosity.name if curiosity else "a new line of work",
        "length": "30 to 60 minutes",
        "how": {Mode.IN_PERSON: "over coffee", Mode.VIDEO: "on a video call", Mode.PHONE: "on the phone"}[mode],
        "referrer": referrer.name if referrer else "",
        "your_name": your_name,
        "referrer_line": f"{referrer.name} suggested I get in touch. " if referrer else "",
        "role_line": contact.work or "someone who does this work",
    }
    return template.text.format_map(values).rstrip() + "\n"


def record_ask(contact: Contact, ask: Ask) -> Contact:
    """The contact asked (stage 'asked', dated), the ask kept with its words.

    Asking again after no reply or a decline is a new ask and restarts the 3B7 clock."""
    moved = move(contact, Stage.ASKED, ask.at)
    return replace(moved, asks=[*contact.asks, ask])


@dataclass(frozen=True)
class Clash:
    interview: Interview
    name: str


def clashes(
    start: datetime, minutes: int, interviews: Iterable[Interview], names: dict[str, str], ignore_id: str = ""
) -> list[Clash]:
    """Planned conversations overlapping [start, start + minutes)."""
    end = start + timedelta(minutes=minutes)
    found = []
    for other in interviews:
        if other.id == ignore_id or other.status is not InterviewStatus.PLANNED or other.scheduled_at is None:
            continue
        other_end = other.scheduled_at + timedelta(minutes=other.planned_minutes)
        if other.scheduled_at < end and start < other_end:
            found.append(Clash(other, names.get(other.contact_id, other.contact_name)))
    return found


def schedule(
    contact: Contact,
    planned: Interview | None,
    *,
    at: datetime,
    minutes: int,
    mode: Mode,
    place: str,
    now: datetime,
) -> tuple[Contact, Interview]:
    """The contact at 'scheduled' and their planned interview (new, or moved if one exists).

    Rescheduling someone already at 'scheduled' changes the time only."""
    if contact.stage is not Stage.SCHEDULED:
        try:
            contact = move(contact, Stage.SCHEDULED, now)
        except StageError:
            if contact.stage is not Stage.NOT_ASKED:
                raise
            # Fixed up in one go, as people do ("we met, I asked, she said yes"): asked then scheduled.
            contact = move(move(contact, Stage.ASKED, now), Stage.SCHEDULED, now)
    interview = planned or Interview(contact_id=contact.id, contact_name=contact.name)
    interview = replace(
        interview, scheduled_at=at, planned_minutes=minutes, mode=mode, place=place.strip(), contact_name=contact.name
    )
    return contact, interview


def call_off(contact: Contact | None, interview: Interview, now: datetime) -> tuple[Contact | None, Interview]:
    """A planned conversation that will not happen at that time: the interview is marked
    called off and the person goes back to 'asked' (a new time is still possible; the ask
    reminders start again from now)."""
    if interview.status is not InterviewStatus.PLANNED:
        raise StageError("Only an upcoming conversation can be called off.")
    cancelled = replace(interview, status=InterviewStatus.CANCELLED)
    if contact is not None and contact.stage is Stage.SCHEDULED:
        contact = move(contact, Stage.ASKED, now)
    return contact, cancelled
