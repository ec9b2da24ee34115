"""The steps of reaching out, shared by every screen that offers them (network, contact
form, Today, the interviews list): open the right dialog, apply the domain rule, save,
say what happened, and let the screen show the result."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from ..domain import followups
from ..domain.dates import describe_moment
from ..domain.followups import FollowUp, FollowUpKind
from ..domain.model import Ask, Contact, InterviewStatus, Stage
from ..domain.outreach import all_templates, record_ask, schedule
from ..domain.outreach import call_off as call_off_rule
from ..domain.stages import StageError, move
from . import drafting

if TYPE_CHECKING:
    from ..app import InfoviewApp

Done = Callable[[Contact], None]
REMINDERS = "Reminders follow after 3 and 7 business days without a reply."


def _nothing(_: Contact) -> None:
    pass


def change_stage(app: InfoviewApp, contact: Contact, done: Done = _nothing) -> None:
    """The stage picker; 'scheduled' goes on to the schedule dialog (it needs a time)."""
    from .screens.stage import StageScreen

    def chosen(choice: tuple[Stage, datetime] | None) -> None:
        if choice is None:
            return
        stage, when = choice
        if stage is Stage.SCHEDULED:
            plan_conversation(app, contact, done)
            return
        current = app.repository.contact(contact.id) or contact
        try:
            moved = record_ask(current, Ask(at=when)) if stage is Stage.ASKED else move(current, stage, when)
        except StageError as error:
            app.notify(str(error), severity="error", timeout=8)
            return
        with app.repository.together():
            saved = app.repository.save_contact(moved)
            if current.stage is Stage.SCHEDULED:
                # Leaving 'scheduled' (called off, or declined after all): the planned
                # conversation will not happen, so it leaves Today's agenda too.
                # (The stage has moved already, so the rule gets no contact to move.)
                for planned in app.repository.interviews_where(InterviewStatus.PLANNED, contact.id):
                    app.repository.save_interview(call_off_rule(None, planned, when)[1])
        extra = f" {REMINDERS}" if stage is Stage.ASKED else ""
        app.notify(f"{saved.name}: {stage.label}.{extra}")
        done(saved)

    app.push_screen(StageScreen(contact, app.now()), chosen)


def ask(app: InfoviewApp, contact: Contact, done: Done = _nothing) -> None:
    """Write the ask from a template, copy it, record it (stage 'asked', 3B7 starts)."""
    from .screens.outreach import AskScreen

    if contact.stage not in (Stage.NOT_ASKED, Stage.NO_REPLY, Stage.DECLINED):
        where = {
            Stage.ASKED: "is waiting for a reply (a follow-up comes up on Today after 7 business days)",
            Stage.SCHEDULED: "has said yes; press t to move the time",
        }.get(contact.stage, f"is at '{contact.stage.label}'")
        app.notify(f"{contact.name} {where}; nothing to ask now.", severity="warning")
        return
    repository = app.repository
    referrer = repository.contact(contact.referred_by) if contact.referred_by else None

    def asked(result: Ask | None) -> None:
        if result is None:
            return
        current = repository.contact(contact.id) or contact
        try:
            saved = repository.save_contact(record_ask(current, result))
        except StageError as error:
            app.notify(str(error), severity="error", timeout=8)
            return
        copied = " The message is on the clipboard." if result.message.strip() else ""
        app.notify(f"Asked {saved.name}.{copied} {REMINDERS}")
        done(saved)

    def write() -> None:
        app.push_screen(
            AskScreen(
                contact,
                templates=all_templates(repository.settings()),
                curiosities=repository.curiosities(),
                referrer=referrer,
                your_name=repository.settings().your_name,
                now=app.now,
            ),
            asked,
        )

    drafting.with_your_name(app, write)


def plan_conversation(app: InfoviewApp, contact: Contact, done: Done = _nothing) -> None:
    """Set (or move) the time of the conversation; overlaps are flagged, not refused."""
    from .screens.outreach import ScheduleChoice, ScheduleScreen

    repository = app.repository
    if contact.stage in (Stage.INTERVIEWED, Stage.THANKED, Stage.KEEPING_IN_TOUCH):
        app.notify(
            f"You have talked with {contact.name} already; ask again for a second conversation first.",
            severity="warning",
        )
        return
    planned = repository.planned_interview(contact.id)
    others = repository.interviews_where(InterviewStatus.PLANNED)
    names = {c.id: c.name for c in repository.contacts()}

    def chosen(choice: ScheduleChoice | None) -> None:
        if choice is None:
            return
        current = repository.contact(contact.id) or contact
        try:
            moved, interview = schedule(
                current,
                planned,
                at=choice.at,
                minutes=choice.minutes,
                mode=choice.mode,
                place=choice.place,
                now=app.now(),
            )
        except StageError as error:
            app.notify(str(error), severity="error", timeout=8)
            return
        with repository.together():
            saved = repository.save_contact(moved)
            repository.save_interview(interview)
        app.notify(f"{saved.name}: {describe_moment(choice.at, app.now())}, {choice.minutes} min, {choice.mode.label}.")
        done(saved)

    app.push_screen(
        ScheduleScreen(
            contact,
            planned=planned,
            others=others,
            names=names,
            default_minutes=repository.settings().default_planned_minutes,
            now=app.now,
        ),
        chosen,
    )


def do_follow_up(app: InfoviewApp, follow_up: FollowUp, done: Done = _nothing) -> None:
    """Enter on a follow-up: the natural next step for its kind."""
    repository = app.repository
    contact = repository.contact(follow_up.contact_id)
    if contact is None:
        return
    if follow_up.kind in drafting.DRAFTED:  # a message to write: the draft, kept once saved
        drafting.draft_follow_up(app, follow_up, done)
        return
    if follow_up.kind is FollowUpKind.REACH_REFERRAL:
        ask(app, contact, done)
        return
    if follow_up.kind is FollowUpKind.ASK_SOMEONE_ELSE:
        second = repository.contact(follow_up.suggestion_id) if follow_up.suggestion_id else None
        if second is None:
            app.notify(
                f"Nobody else is waiting to be asked in {contact.name}'s field: add someone on the network "
                "(F3, a), or press x to set this aside.",
                timeout=8,
            )
            return

        def asked_second(saved_second: Contact) -> None:
            # The reminder is answered by writing to someone else: it goes once that ask is saved.
            first = repository.contact(contact.id)
            if first is not None:
                repository.save_contact(followups.set_aside(first, follow_up))
            done(saved_second)

        ask(app, second, asked_second)
        return
    try:
        saved = repository.save_contact(followups.mark_done(contact, follow_up, app.now()))
    except StageError as error:
        app.notify(str(error), severity="error", timeout=8)
        return
    app.notify(f"{saved.name}: {follow_up.action}, {describe_moment(app.now(), app.now())}.")
    done(saved)


def set_aside(app: InfoviewApp, follow_up: FollowUp, done: Done = _nothing) -> None:
    repository = app.repository
    contact = repository.contact(follow_up.contact_id)
    if contact is None:
        return
    saved = repository.save_contact(followups.set_aside(contact, follow_up))
    app.notify(f"Set aside: {follow_up.message}")
    done(saved)


def call_off(app: InfoviewApp, interview_id: str, done: Callable[[], None]) -> None:
    """Ask first; then the conversation is marked called off and the person is back at 'asked'."""
    from .screens.dialogs import ConfirmScreen

    repository = app.repository
    interview = repository.interview(interview_id)
    if interview is None or interview.status is not InterviewStatus.PLANNED:
        app.notify("Only an upcoming conversation can be called off.", severity="warning")
        return
    contact = repository.contact(interview.contact_id)
    name = interview.person(contact, "them")
    when = f" {describe_moment(interview.scheduled_at, app.now())}" if interview.scheduled_at else ""

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        moved, cancelled = call_off_rule(contact, interview, app.now())
        with repository.together():
            repository.save_interview(cancelled)
            if moved is not None and moved is not contact:
                repository.save_contact(moved)
        app.notify(f"Called off the conversation with {name}; t on the network sets a new time.")
        done()

    app.push_screen(
        ConfirmScreen(f"Call off the conversation with {name}{when}? Its notes, if any, are kept.", "Call off", "Keep"),
        answered,
    )
