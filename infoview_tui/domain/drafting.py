"""The messages after the ask: the follow-up to an unanswered ask, the thank-you the morning
after a conversation, and the monthly update. Each is filled from what happened:

- the follow-up quotes one line of the original ask (its request, the sentence with a "?");
- the thank-you names the question during which resonance peaked and the first takeaway line;
- the update counts the conversations held since the last update (or the talk) and names the
  people this person referred whom the user then asked or talked with.

A placeholder with nothing to fill takes its whole line with it, so no "{question}" and no
dangling "about ." is ever left in a message; the words ending in `_line` are whole
sentences made to vanish cleanly instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from .dates import describe_day
from .model import (
    Contact,
    Curiosity,
    Interview,
    InterviewStatus,
    MessageKind,
    MessageTemplate,
    ReactionKind,
    SentMessage,
    Settings,
    Stage,
)  # fmt: skip
from .outreach import BUILTIN_TEMPLATES as ASK_TEMPLATES
from .outreach import PLACEHOLDERS as ASK_PLACEHOLDERS
from .outreach import check_placeholders, placeholders_in
from .stages import last_change_to

ABOUT_THE_PERSON = {
    "first_name": "their first name",
    "name": "their full name",
    "company": "where they work",
    "role": "what they do",
    "curiosity": "the field you are curious about",
    "your_name": "your name",
}
PLACEHOLDERS: dict[MessageKind, dict[str, str]] = {
    MessageKind.ASK: ASK_PLACEHOLDERS,
    MessageKind.FOLLOW_UP: {
        **ABOUT_THE_PERSON,
        "asked_when": "when you asked: 'on Wed 25 Nov'",
        "your_ask": "the request in your ask, quoted",
    },
    MessageKind.THANK_YOU: {
        **ABOUT_THE_PERSON,
        "talked_when": "'yesterday', or 'on Tue 1 Dec'",
        "question": "the question whose answer resonated most",
        "takeaway": "the first line of your takeaways",
        "question_line": "'Your answer to \"...\" has stayed with me.', or nothing",
        "takeaway_line": "'What I keep coming back to: ...', or nothing",
    },
    MessageKind.UPDATE: {
        **ABOUT_THE_PERSON,
        "since": "'we talked on Tue 1 Dec', or 'my last note on ...'",
        "conversations": "'3 more conversations' since then",
        "referrals": "the people they suggested whom you asked or talked with",
        "conversations_line": "'Since then I have had 3 more conversations.', or nothing",
        "referrals_line": "'Thanks to you I talked with Bo Chen and wrote to Cy Diaz.', or nothing",
    },
}

FOLLOW_UP = MessageTemplate(
    name="Gentle follow-up",
    text=(
        "Hi {first_name},\n\n"
        "I hope you are well. I'm following up on my note {asked_when}:\n"
        '"{your_ask}"\n\n'
        "I know inboxes fill up, so I'm bringing it back to the top. If a short conversation "
        "suits you in the coming weeks I'd be glad; if not, no worries at all.\n\n"
        "Thanks,\n{your_name}"
    ),
    builtin=True,
    id="builtin-follow-up",
    kind=MessageKind.FOLLOW_UP,
)
FOLLOW_UP_BRIEF = MessageTemplate(
    name="Very short follow-up",
    text='Hi {first_name}, just checking you saw my note {asked_when}:\n"{your_ask}"\nNo pressure either way.\n{your_name}',
    builtin=True,
    id="builtin-follow-up-brief",
    kind=MessageKind.FOLLOW_UP,
)
THANK_YOU = MessageTemplate(
    name="Thank-you",
    text=(
        "Hi {first_name},\n\n"
        "Thank you for talking with me {talked_when}; it was generous of you. {question_line}\n"
        "{takeaway_line}\n\n"
        "I'll let you know how things go.\n\n"
        "Thanks again,\n{your_name}"
    ),
    builtin=True,
    id="builtin-thank-you",
    kind=MessageKind.THANK_YOU,
)
THANK_YOU_FORMAL = MessageTemplate(
    name="Thank-you, more formal",
    text=(
        "Dear {first_name},\n\n"
        "Thank you for your time {talked_when} and for your candour about {curiosity}. {question_line}\n"
        "{takeaway_line}\n\n"
        "I am grateful for your help and will keep you posted.\n\n"
        "With thanks,\n{your_name}"
    ),
    builtin=True,
    id="builtin-thank-you-formal",
    kind=MessageKind.THANK_YOU,
)
UPDATE = MessageTemplate(
    name="Monthly update",
    text=(
        "Hi {first_name},\n\n"
        "A quick update on my search since {since}. {conversations_line}\n"
        "{referrals_line}\n\n"
        "Your help has made a real difference. I hope all is well with you.\n\n"
        "Best,\n{your_name}"
    ),
    builtin=True,
    id="builtin-update",
    kind=MessageKind.UPDATE,
)
BUILTIN_TEMPLATES: dict[MessageKind, tuple[MessageTemplate, ...]] = {
    MessageKind.ASK: ASK_TEMPLATES,
    MessageKind.FOLLOW_UP: (FOLLOW_UP, FOLLOW_UP_BRIEF),
    MessageKind.THANK_YOU: (THANK_YOU, THANK_YOU_FORMAL),
    MessageKind.UPDATE: (UPDATE,),
}


def templates_of(settings: Settings, kind: MessageKind) -> list[MessageTemplate]:
    """The built-in templates of one kind, then the user's own."""
    return [*BUILTIN_TEMPLATES[kind], *(t for t in settings.message_templates if t.kind is kind)]


def check_words(text: str, kind: MessageKind) -> None:
    """Raise TemplateError for a placeholder this kind does not know, or a stray brace."""
    check_placeholders(text, PLACEHOLDERS[kind])


def fill_words(text: str, values: dict[str, str]) -> str:
    """The template with its words filled in; a line holding a word with nothing to fill is
    left out (a `_line` word is a sentence that may simply vanish), so is a colon left
    hanging by it, and blank lines never pile up."""
    kept: list[str] = []
    for line in text.split("\n"):
        names = placeholders_in(line)
        if any(not values.get(name) and not name.endswith("_line") for name in names):
            if kept and kept[-1].endswith(":"):
                kept[-1] = kept[-1][:-1] + "."
            continue
        kept.append(line.format_map(values).rstrip())
    filled = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")
    return filled.rstrip() + "\n"


def fill_draft(template: MessageTemplate, values: dict[str, str]) -> str:
    check_words(template.text, template.kind)
    return fill_words(template.text, values)


def about_the_person(contact: Contact, curiosities: Iterable[Curiosity], your_name: str) -> dict[str, str]:
    theirs = next((c.name for c in curiosities if c.id in contact.curiosity_ids), "")
    return {
        "first_name": contact.name.split()[0],
        "name": contact.name,
        "company": contact.company,
        "role": contact.role,
        "curiosity": theirs,
        "your_name": your_name,
    }


def _on_day(moment: datetime, now: datetime) -> str:
    day = describe_day(moment, now)
    return day if day in ("today", "yesterday") else f"on {day}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?…" else text + "."


# --- the follow-up ---------------------------------------------------------------------

QUOTE_LIMIT = 160  # one line of the ask, not the whole of it


def ask_line(message: str) -> str:
    """The line of an ask worth quoting: its request (the first sentence with a "?"), else
    its first sentence; the greeting and the sign-off are never it."""
    body = [line.strip() for line in message.splitlines() if len(line.strip()) > 25]
    sentences = [s.strip() for line in body for s in re.split(r"(?<=[.?!])\s+", line) if s.strip()]
    chosen = next((s for s in sentences if s.endswith("?")), sentences[0] if sentences else "")
    return chosen if len(chosen) <= QUOTE_LIMIT else chosen[: QUOTE_LIMIT - 1].rstrip() + "…"


def follow_up_words(contact: Contact, now: datetime) -> dict[str, str]:
    latest = contact.asks[-1] if contact.asks else None
    asked_at = latest.at if latest else last_change_to(contact, Stage.ASKED)
    return {
        "asked_when": _on_day(asked_at, now) if asked_at else "",
        "your_ask": ask_line(latest.message) if latest else "",
    }


# --- the thank-you ---------------------------------------------------------------------


def resonant_question(interview: Interview) -> str:
    """The question being asked when the resonance slider reached its highest (the first time)."""
    texts = {question.id: question.text for question in interview.questions}
    best: tuple[int, float] | None = None
    chosen = ""
    for reaction in interview.reactions:
        if reaction.kind is not ReactionKind.RESONANCE or reaction.question_id not in texts or reaction.value == 0:
            continue
        rank = (reaction.value, -reaction.offset_seconds)
        if best is None or rank > best:
            best, chosen = rank, texts[reaction.question_id]
    return chosen


def first_takeaway(interview: Interview) -> str:
    return next((line.strip(" -*•\t") for line in interview.reflection.takeaways.splitlines() if line.strip()), "")


def thank_you_words(interview: Interview | None, now: datetime) -> dict[str, str]:
    if interview is None:
        return {}
    question = resonant_question(interview)
    takeaway = first_takeaway(interview)
    talked = interview.finished_at or interview.moment
    return {
        "talked_when": _on_day(talked, now) if talked else "",
        "question": question,
        "takeaway": takeaway,
        "question_line": f'Your answer to "{question}" has stayed with me.' if question else "",
        "takeaway_line": f"What I keep coming back to: {_sentence(takeaway)}" if takeaway else "",
    }


# --- the monthly update ----------------------------------------------------------------


@dataclass(frozen=True)
class FollowedReferral:
    name: str
    talked: bool  # else asked


def followed_referrals(
    contact: Contact, people: Iterable[Contact], interviews: Iterable[Interview], since: datetime
) -> list[FollowedReferral]:
    """The people `contact` suggested whom the user asked or talked with after `since`."""
    everyone = {person.id: person for person in people}
    done = [i for i in interviews if i.status is InterviewStatus.DONE and i.finished_at is not None]
    suggested = [r.contact_id for i in done if i.contact_id == contact.id for r in i.referrals]
    suggested += [person.id for person in everyone.values() if person.referred_by == contact.id]
    followed: list[FollowedReferral] = []
    for person_id in dict.fromkeys(suggested):
        person = everyone.get(person_id)
        if person is None:
            continue
        if any(i.contact_id == person_id and i.finished_at > since for i in done):  # type: ignore[operator]  # finished ones only
            followed.append(FollowedReferral(person.name, talked=True))
        elif (asked := last_change_to(person, Stage.ASKED)) is not None and asked > since:
            followed.append(FollowedReferral(person.name, talked=False))
    return followed


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"


def update_words(
    contact: Contact, people: Iterable[Contact], interviews: Iterable[Interview], now: datetime
) -> dict[str, str]:
    interviews = list(interviews)
    talks = sorted(
        (i for i in interviews if i.contact_id == contact.id and i.status is InterviewStatus.DONE and i.finished_at),
        key=lambda i: i.finished_at,  # type: ignore[arg-type, return-value]  # filtered to finished ones
    )
    talked_at = talks[-1].finished_at if talks else None
    since_at = contact.last_update_sent or talked_at
    if since_at is None:
        return {}
    since = (
        f"my last note {_on_day(since_at, now)}" if contact.last_update_sent else f"we talked {_on_day(since_at, now)}"
    )
    held = sum(
        1
        for i in interviews
        if i.status is InterviewStatus.DONE
        and i.finished_at
        and i.finished_at > since_at
        and i.contact_id != contact.id
    )
    conversations = "" if not held else ("one more conversation" if held == 1 else f"{held} more conversations")
    followed = followed_referrals(contact, people, interviews, since_at)
    talked_with = [f.name for f in followed if f.talked]
    wrote_to = [f.name for f in followed if not f.talked]
    deeds = [
        f"talked with {_names(talked_with)}" if talked_with else "",
        f"wrote to {_names(wrote_to)}" if wrote_to else "",
    ]
    return {
        "since": since,
        "conversations": conversations,
        "conversations_line": f"Since then I have had {conversations}." if conversations else "",
        "referrals": _names([f.name for f in followed]) if followed else "",
        "referrals_line": f"Thanks to you I {' and '.join(d for d in deeds if d)}." if followed else "",
    }


def record_message(contact: Contact, sent: SentMessage) -> Contact:
    """The contact with the message kept (time, channel, words)."""
    return replace(contact, messages=[*contact.messages, sent])
