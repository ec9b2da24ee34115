"""The conversation itself: the clock, the current question, reactions, referrals.

Plain functions over an Interview, so the rules are tested without a screen. The
screen calls them and saves the interview after each change.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from .model import (
    PLANNED_MINUTES_RANGE,
    REACTION_RANGE,
    Contact,
    Interview,
    InterviewStatus,
    Mode,
    Question,
    QuestionSet,
    Reaction,
    ReactionKind,
    Referral,
    Stage,
    StageChange,
)

REFERRAL_CUE_MINUTES = 10  # before the planned end: time to ask for 2-3 referrals
REFERRALS_AIM = (2, 3)
# After a crash or a closed terminal, the call most likely went on: a gap up to this
# long counts on the clock when the session is resumed; a longer one does not.
RESUME_GAP_COUNTED = timedelta(minutes=15)


def begin(
    interview: Interview,
    question_set: QuestionSet,
    now: datetime,
    *,
    planned_minutes: int,
    mode: Mode,
    hope_before: int | None,
) -> Interview:
    """Start the conversation: the questions are copied, so editing the set later does
    not rewrite this interview."""
    return replace(
        interview,
        question_set_id=question_set.id,
        questions=[replace(question) for question in question_set.questions],
        planned_minutes=planned_minutes,
        mode=mode,
        hope_before=hope_before,
        status=InterviewStatus.IN_PROGRESS,
        started_at=now,
        clock_updated_at=now,
        elapsed_seconds=0.0,
        current_question=0,
        asked_question_ids=[question_set.questions[0].id] if question_set.questions else [],
    )


def resume(interview: Interview, now: datetime) -> Interview:
    """Reopen an interrupted session. A short gap (a crash, a closed window) counts on the
    clock, because the call went on meanwhile."""
    if interview.clock_updated_at is None:
        return replace(interview, clock_updated_at=now)
    gap = now - interview.clock_updated_at
    counted = gap.total_seconds() if timedelta(0) <= gap <= RESUME_GAP_COUNTED else 0.0
    return replace(interview, elapsed_seconds=interview.elapsed_seconds + counted, clock_updated_at=now)


def tick(interview: Interview, now: datetime) -> Interview:
    """Bring the clock up to `now`."""
    if interview.clock_updated_at is None:
        return replace(interview, clock_updated_at=now)
    passed = max(0.0, (now - interview.clock_updated_at).total_seconds())
    return replace(interview, elapsed_seconds=interview.elapsed_seconds + passed, clock_updated_at=now)


def remaining_seconds(interview: Interview) -> float:
    return interview.planned_minutes * 60 - interview.elapsed_seconds


def referral_cue_due(interview: Interview) -> bool:
    return remaining_seconds(interview) <= REFERRAL_CUE_MINUTES * 60


def current_question(interview: Interview) -> Question | None:
    if not interview.questions:
        return None
    return interview.questions[min(interview.current_question, len(interview.questions) - 1)]


def go_to_question(interview: Interview, index: int) -> Interview:
    if not interview.questions:
        return interview
    index = max(0, min(index, len(interview.questions) - 1))
    asked = list(interview.asked_question_ids)
    question_id = interview.questions[index].id
    if question_id not in asked:
        asked.append(question_id)
    return replace(interview, current_question=index, asked_question_ids=asked)


def add_question(interview: Interview, text: str) -> Interview:
    """A question thought of during the call, asked next: it goes after the current one."""
    position = min(interview.current_question + 1, len(interview.questions))
    questions = [*interview.questions[:position], Question(text.strip()), *interview.questions[position:]]
    return go_to_question(replace(interview, questions=questions), position)


def set_question_notes(interview: Interview, question_id: str, text: str) -> Interview:
    notes = dict(interview.question_notes)
    if text:
        notes[question_id] = text
    else:
        notes.pop(question_id, None)
    return replace(interview, question_notes=notes)


def latest_value(interview: Interview, kind: ReactionKind) -> int:
    for reaction in reversed(interview.reactions):
        if reaction.kind is kind:
            return reaction.value
    return 0


def react(interview: Interview, kind: ReactionKind, value: int) -> Interview:
    """Record a slider move with the moment and the question it happened on."""
    low, high = REACTION_RANGE
    value = max(low, min(high, value))
    if value == latest_value(interview, kind) and any(r.kind is kind for r in interview.reactions):
        return interview
    question = current_question(interview)
    reaction = Reaction(kind, value, round(interview.elapsed_seconds, 1), question.id if question else None)
    return replace(interview, reactions=[*interview.reactions, reaction])


def add_referral(interview: Interview, interviewee: Contact, name: str, reach: str, does: str, note: str,
                 curiosity_ids: list[str]) -> tuple[Interview, Contact]:  # fmt: skip
    """A person the interviewee suggested joins the network in tier 4, pointing back."""
    reaches = [part.strip() for part in reach.replace(";", ",").split(",") if part.strip()]
    contact = Contact(
        name=name.strip(),
        tier=4,
        role=does.strip(),
        how_we_know=f"referred by {interviewee.name}",
        referred_by=interviewee.id,
        curiosity_ids=list(curiosity_ids),
        emails=[r for r in reaches if "@" in r],
        phones=[r for r in reaches if "@" not in r and any(ch.isdigit() for ch in r)],
        links=[r for r in reaches if "@" not in r and not any(ch.isdigit() for ch in r)],
        notes=note.strip(),
    )
    referral = Referral(contact.id, round(interview.elapsed_seconds, 1), note.strip())
    return replace(interview, referrals=[*interview.referrals, referral]), contact


def finish(interview: Interview, interviewee: Contact | None, now: datetime) -> tuple[Interview, Contact | None]:
    done = replace(tick(interview, now), status=InterviewStatus.DONE, finished_at=now)
    if interviewee is None:
        return done, None
    talked = interviewee
    if interviewee.stage not in (Stage.INTERVIEWED, Stage.THANKED, Stage.KEEPING_IN_TOUCH):
        talked = replace(
            interviewee,
            stage=Stage.INTERVIEWED,
            stage_history=[*interviewee.stage_history, StageChange(Stage.INTERVIEWED, now)],
        )
    return done, talked


def log_past(
    contact: Contact,
    question_set: QuestionSet,
    when: datetime,
    *,
    minutes: int,
    mode: Mode,
    notes: dict[str, str],
    free_notes: str = "",
) -> tuple[Interview, Contact]:
    """A conversation held outside infoview, logged afterwards: done, started at `when` and
    finished `minutes` later, so it counts toward the target and the thank-you and monthly
    update are reckoned from then. The person becomes 'interviewed', dated when it ended
    (in its place among their other changes), unless they are past that already."""
    finished = when + timedelta(minutes=minutes)
    questions = [replace(question) for question in question_set.questions]
    kept_notes = {q.id: notes[q.id] for q in questions if notes.get(q.id, "").strip()}
    interview = Interview(
        contact_id=contact.id,
        contact_name=contact.name,
        scheduled_at=when,
        planned_minutes=max(PLANNED_MINUTES_RANGE[0], min(PLANNED_MINUTES_RANGE[1], minutes)),
        mode=mode,
        question_set_id=question_set.id,
        questions=questions,
        question_notes=kept_notes,
        free_notes=free_notes,
        status=InterviewStatus.DONE,
        started_at=when,
        finished_at=finished,
        elapsed_seconds=minutes * 60.0,
        clock_updated_at=finished,
        asked_question_ids=list(kept_notes),
    )
    if contact.stage in (Stage.INTERVIEWED, Stage.THANKED, Stage.KEEPING_IN_TOUCH):
        return interview, contact
    history = sorted([*contact.stage_history, StageChange(Stage.INTERVIEWED, finished)], key=lambda change: change.at)
    return interview, replace(contact, stage=Stage.INTERVIEWED, stage_history=history)


def planned_again(interview: Interview) -> Interview:
    """A conversation started by mistake and deleted: the planned one it began from, as it
    was planned (time, length, how, where), so the person's 'scheduled' still has its time."""
    return Interview(
        contact_id=interview.contact_id,
        contact_name=interview.contact_name,
        scheduled_at=interview.scheduled_at,
        planned_minutes=interview.planned_minutes,
        mode=interview.mode,
        place=interview.place,
        question_set_id=interview.question_set_id,
    )


def edit_notes(interview: Interview, now: datetime, *, question_id: str | None = None, text: str) -> Interview:
    """A correction after the call: the notes under one question (or, with no question, the
    free notes), dated as edited. Reactions, the clock and referrals stay as they were."""
    if question_id is None:
        corrected = replace(interview, free_notes=text)
    else:
        corrected = set_question_notes(interview, question_id, text)
    return replace(corrected, edited=now)


def clock_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"
