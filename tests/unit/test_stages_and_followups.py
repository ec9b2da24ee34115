"""The stage machine, and every follow-up rule across weekends and month ends."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from infoview_tui.domain.followups import FollowUpKind, due_by, pending_follow_ups
from infoview_tui.domain.model import Contact, Curiosity, Interview, InterviewStatus, Referral, Stage
from infoview_tui.domain.stages import StageError, move, next_stages
from tests.conftest import ZONE


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZONE)


def person(name: str = "Ana Lima", **more) -> Contact:  # type: ignore[no-untyped-def]
    return Contact(name=name, **more)


# --- stages ------------------------------------------------------------------------------


def test_the_whole_way_is_allowed_and_dated() -> None:
    contact = person()
    for step, stage in enumerate(
        (Stage.ASKED, Stage.SCHEDULED, Stage.INTERVIEWED, Stage.THANKED, Stage.KEEPING_IN_TOUCH)
    ):
        contact = move(contact, stage, at(2026, 11, 2 + step))
    assert [change.stage for change in contact.stage_history] == [
        Stage.ASKED, Stage.SCHEDULED, Stage.INTERVIEWED, Stage.THANKED, Stage.KEEPING_IN_TOUCH,
    ]  # fmt: skip
    assert contact.stage_history[0].at == at(2026, 11, 2)


def test_no_reply_then_a_follow_up_ask_then_yes() -> None:
    contact = move(person(), Stage.ASKED, at(2026, 11, 2))
    contact = move(contact, Stage.NO_REPLY, at(2026, 11, 11))
    contact = move(contact, Stage.ASKED, at(2026, 11, 12))
    assert move(contact, Stage.SCHEDULED, at(2026, 11, 13)).stage is Stage.SCHEDULED


@pytest.mark.parametrize(
    ("start", "to", "words"),
    [
        (Stage.NOT_ASKED, Stage.THANKED, "thanks come after the conversation"),
        (Stage.NOT_ASKED, Stage.SCHEDULED, "ask them first"),
        (Stage.NOT_ASKED, Stage.INTERVIEWED, "has to be scheduled first"),
        (Stage.ASKED, Stage.KEEPING_IN_TOUCH, "follows the thank-you"),
        (Stage.SCHEDULED, Stage.NO_REPLY, "only an ask can go unanswered"),
        (Stage.KEEPING_IN_TOUCH, Stage.ASKED, "From here: none"),
    ],
)
def test_illegal_moves_are_refused_with_a_reason(start: Stage, to: Stage, words: str) -> None:
    with pytest.raises(StageError, match=words):
        move(person(stage=start), to, at(2026, 11, 2))


def test_same_stage_past_time_and_naive_time_are_refused() -> None:
    asked = move(person(), Stage.ASKED, at(2026, 11, 10))
    with pytest.raises(StageError, match="already at 'asked'"):
        move(asked, Stage.ASKED, at(2026, 11, 11))
    with pytest.raises(StageError, match="before the last change"):
        move(asked, Stage.SCHEDULED, at(2026, 11, 9))
    with pytest.raises(StageError, match="zone"):
        move(asked, Stage.SCHEDULED, datetime(2026, 11, 11))


def test_every_stage_has_its_next_steps_listed() -> None:
    assert next_stages(Stage.ASKED) == (Stage.NO_REPLY, Stage.DECLINED, Stage.SCHEDULED)
    assert all(isinstance(next_stages(stage), tuple) for stage in Stage)


# --- 3B7 ---------------------------------------------------------------------------------

UX = Curiosity(name="UX research", id="ux")


def asked_on(moment: datetime, **more) -> Contact:  # type: ignore[no-untyped-def]
    return move(person(**more), Stage.ASKED, moment)


@pytest.mark.parametrize(
    ("asked", "three", "seven"),
    [
        (at(2026, 11, 23), at(2026, 11, 26), at(2026, 12, 2)),  # Mon -> Thu, Wed
        (at(2026, 11, 26), at(2026, 12, 1), at(2026, 12, 7)),  # Thu -> Tue (weekend), Mon
        (at(2026, 11, 28), at(2026, 12, 2), at(2026, 12, 8)),  # asked on a Saturday
        (at(2027, 1, 29), at(2027, 2, 3), at(2027, 2, 9)),  # Fri, across a month end
        (at(2026, 12, 30), at(2027, 1, 4), at(2027, 1, 8)),  # across the new year
    ],
)
def test_3b7_reminders_count_business_days(asked: datetime, three: datetime, seven: datetime) -> None:
    follow_ups = pending_follow_ups([asked_on(asked)], [])
    assert [(f.kind, f.due) for f in follow_ups] == [
        (FollowUpKind.ASK_SOMEONE_ELSE, three),
        (FollowUpKind.FOLLOW_UP_ASK, seven),
    ]


def test_3b_suggests_a_second_person_for_the_same_curiosity() -> None:
    ana = asked_on(at(2026, 11, 23), curiosity_ids=["ux"])
    near = person("Bea Ode", tier=2, curiosity_ids=["ux"])
    far = person("Cy Wu", tier=4, curiosity_ids=["ux"])
    unrelated = person("Dee Ray", tier=1)
    (three, _seven) = pending_follow_ups([ana, far, near, unrelated], [], [UX])
    assert three.suggestion_id == near.id
    assert three.message == (
        "No reply from Ana Lima after 3 business days: write to a second person in UX research, such as Bea Ode."
    )


@pytest.mark.parametrize("reply", [Stage.SCHEDULED, Stage.DECLINED])
def test_a_reply_cancels_the_ask_reminders(reply: Stage) -> None:
    replied = move(asked_on(at(2026, 11, 23)), reply, at(2026, 11, 24))
    assert pending_follow_ups([replied], []) == []


def test_marked_no_reply_keeps_the_reminders() -> None:
    silent = move(asked_on(at(2026, 11, 23)), Stage.NO_REPLY, at(2026, 11, 27))
    assert [f.kind for f in pending_follow_ups([silent], [])] == [
        FollowUpKind.ASK_SOMEONE_ELSE, FollowUpKind.FOLLOW_UP_ASK,
    ]  # fmt: skip


def test_due_by_includes_today_and_overdue_only() -> None:
    follow_ups = pending_follow_ups([asked_on(at(2026, 11, 23))], [])
    assert due_by(follow_ups, at(2026, 11, 25, 23, 59)) == []
    assert [f.kind for f in due_by(follow_ups, at(2026, 11, 26, 8))] == [FollowUpKind.ASK_SOMEONE_ELSE]
    assert len(due_by(follow_ups, at(2026, 12, 20))) == 2


# --- after the conversation ----------------------------------------------------------------


def talked(contact: Contact, finished: datetime, **more) -> Interview:  # type: ignore[no-untyped-def]
    return Interview(contact_id=contact.id, status=InterviewStatus.DONE, finished_at=finished, **more)


def test_thank_you_is_due_the_next_morning_until_sent() -> None:
    ana = person(stage=Stage.INTERVIEWED)
    conversation = talked(ana, at(2026, 11, 30, 17, 45))  # Monday evening, last day of the month
    (thanks,) = pending_follow_ups([ana], [conversation])
    assert thanks.kind is FollowUpKind.THANK_YOU
    assert thanks.due == at(2026, 12, 1, 9, 0)
    assert thanks.message == "Thank Ana for the conversation."
    assert [f.kind for f in pending_follow_ups([replace(ana, stage=Stage.THANKED)], [conversation])] == [
        FollowUpKind.KEEP_IN_TOUCH
    ]


def test_referrals_are_due_an_ask_the_day_after() -> None:
    ana = person(stage=Stage.THANKED)
    sam = person("Sam Roy", tier=4, referred_by=ana.id)
    conversation = talked(ana, at(2026, 11, 27, 16), referrals=[Referral(sam.id)])  # a Friday
    reach = [f for f in pending_follow_ups([ana, sam], [conversation]) if f.kind is FollowUpKind.REACH_REFERRAL]
    assert [(f.contact_id, f.due, f.message) for f in reach] == [
        (sam.id, at(2026, 11, 28, 9), "Reach out to Sam Roy, referred by Ana Lima.")
    ]
    asked_sam = move(sam, Stage.ASKED, at(2026, 11, 30))
    kinds = {f.kind for f in pending_follow_ups([ana, asked_sam], [conversation]) if f.contact_id == sam.id}
    assert FollowUpKind.REACH_REFERRAL not in kinds


@pytest.mark.parametrize(
    ("finished", "last_update", "due"),
    [
        (at(2026, 11, 25, 15), None, at(2026, 12, 25, 15)),
        (at(2027, 1, 31, 15), None, at(2027, 2, 28, 15)),  # month end: the last day of February
        (at(2027, 1, 31, 15), at(2027, 2, 28, 12), at(2027, 3, 28, 12)),  # then monthly from the update
        (at(2027, 12, 15, 15), None, at(2028, 1, 15, 15)),  # into a new year
    ],
)
def test_keep_in_touch_monthly(finished: datetime, last_update: datetime | None, due: datetime) -> None:
    ana = person(stage=Stage.KEEPING_IN_TOUCH, last_update_sent=last_update)
    (update,) = pending_follow_ups([ana], [talked(ana, finished)])
    assert update.kind is FollowUpKind.KEEP_IN_TOUCH and update.due == due


def test_the_latest_conversation_counts() -> None:
    ana = person(stage=Stage.INTERVIEWED)
    older, newer = talked(ana, at(2026, 10, 1)), talked(ana, at(2026, 11, 20))
    (thanks,) = pending_follow_ups([ana], [newer, older])
    assert thanks.due == at(2026, 11, 21, 9)


def test_an_unfinished_conversation_asks_for_nothing() -> None:
    ana = person(stage=Stage.INTERVIEWED)
    running = Interview(contact_id=ana.id, status=InterviewStatus.IN_PROGRESS)
    assert pending_follow_ups([ana], [running]) == []


def test_3b_names_the_curiosity_the_suggested_person_shares() -> None:
    # Issue 13: asked about "woodworking school, UX research", the reminder suggested a UX
    # researcher "in woodworking school".
    woodworking = Curiosity(id="wood", name="woodworking school")
    ana = asked_on(at(2026, 11, 23), curiosity_ids=["wood", "ux"])
    researcher = person("Bea Ode", tier=2, curiosity_ids=["ux"])
    (three, _seven) = pending_follow_ups([ana, researcher], [], [woodworking, UX])
    assert three.suggestion_id == researcher.id
    assert three.message == (
        "No reply from Ana Lima after 3 business days: write to a second person in UX research, such as Bea Ode."
    )


def test_the_7b_reminder_says_what_to_do_first() -> None:
    (_three, seven) = pending_follow_ups([asked_on(at(2026, 11, 23))], [])
    assert seven.message == "Send Ana one follow-up: still no reply from Ana Lima after 7 business days."
