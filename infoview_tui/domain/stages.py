"""The way from "I know someone" to "we talked", and the moves allowed along it.

not yet asked -> asked -> (no reply / declined) -> scheduled -> interviewed -> thanked ->
keeping in touch. Every change is dated; a move that skips what has to happen first is
refused with a message that says why.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from .model import Contact, Stage, StageChange

ALLOWED: dict[Stage, tuple[Stage, ...]] = {
    Stage.NOT_ASKED: (Stage.ASKED, Stage.DECLINED),
    Stage.ASKED: (Stage.NO_REPLY, Stage.DECLINED, Stage.SCHEDULED),
    Stage.NO_REPLY: (Stage.ASKED, Stage.DECLINED, Stage.SCHEDULED),  # asked again: a follow-up
    Stage.DECLINED: (Stage.ASKED,),  # a later, different ask
    Stage.SCHEDULED: (Stage.INTERVIEWED, Stage.DECLINED, Stage.ASKED),  # asked: it was called off
    Stage.INTERVIEWED: (Stage.THANKED,),
    Stage.THANKED: (Stage.KEEPING_IN_TOUCH,),
    Stage.KEEPING_IN_TOUCH: (),
}

_WHY_NOT = {
    Stage.SCHEDULED: "ask them first; a time is set once they have said yes",
    Stage.INTERVIEWED: "the conversation has to be scheduled first",
    Stage.THANKED: "thanks come after the conversation",
    Stage.KEEPING_IN_TOUCH: "keeping in touch follows the thank-you",
    Stage.NO_REPLY: "only an ask can go unanswered",
}


class StageError(ValueError):
    """A stage change that cannot happen; the message says why."""


def next_stages(stage: Stage) -> tuple[Stage, ...]:
    return ALLOWED[stage]


def move(contact: Contact, to: Stage, when: datetime) -> Contact:
    """The contact at stage `to`, the change dated `when` (aware)."""
    if when.tzinfo is None:
        raise StageError("a stage change needs a time with its zone")
    if to is contact.stage:
        raise StageError(f"{contact.name} is already at '{to.label}'.")
    if to not in ALLOWED[contact.stage]:
        reason = _WHY_NOT.get(to, f"from '{contact.stage.label}' the next steps are elsewhere")
        options = ", ".join(f"'{s.label}'" for s in ALLOWED[contact.stage]) or "none: this is the last stage"
        raise StageError(
            f"{contact.name} cannot go from '{contact.stage.label}' to '{to.label}': {reason}. From here: {options}."
        )
    if contact.stage_history and when < contact.stage_history[-1].at:
        raise StageError(
            f"That is before the last change ({contact.stage_history[-1].stage.label}, "
            f"{contact.stage_history[-1].at:%d %b %H:%M}); pick a later time."
        )
    return replace(contact, stage=to, stage_history=[*contact.stage_history, StageChange(to, when)])


def last_change_to(contact: Contact, stage: Stage) -> datetime | None:
    for change in reversed(contact.stage_history):
        if change.stage is stage:
            return change.at
    return None


def stage_before_interview(contact: Contact, finished_at: datetime | None) -> Contact:
    """The contact as if the conversation that finished at `finished_at` never happened
    (it was started by mistake, and is being deleted).

    Finishing a call (or logging one) moves the person to 'interviewed', dated the moment
    it finished; that change, and what followed from it (thanked, keeping in touch), is
    taken back: the stage becomes the latest one left, or 'not yet asked' when none is. A
    conversation that moved nothing (never finished, or a second talk with someone already
    interviewed) leaves the contact as it is."""
    if finished_at is None:
        return contact
    history = contact.stage_history
    caused = next(
        (i for i, change in enumerate(history) if change.stage is Stage.INTERVIEWED and change.at == finished_at), None
    )
    if caused is None:
        return contact
    following = (Stage.INTERVIEWED, Stage.THANKED, Stage.KEEPING_IN_TOUCH)
    kept = history[:caused] + [change for change in history[caused + 1 :] if change.stage not in following]
    return replace(contact, stage=kept[-1].stage if kept else Stage.NOT_ASKED, stage_history=kept)
