"""Today's agenda, computed from interview outlines: this week's conversations, the
follow-ups due, who next, and until when what it says holds."""

from __future__ import annotations

from datetime import datetime, timedelta

from infoview_tui.domain.agenda import build_agenda, passed_unheld
from infoview_tui.domain.model import Contact, Curiosity, Interview, InterviewStatus, Stage
from infoview_tui.domain.stages import move
from tests.conftest import FIXED_NOW, ZONE

WEDNESDAY_EVENING = FIXED_NOW  # Wed 25 Nov 2026, 19:30
MIDNIGHT = datetime(2026, 11, 26, 0, 0, tzinfo=ZONE)


def planned(contact: Contact, when: datetime | None, minutes: int = 30) -> Interview:
    return Interview(contact_id=contact.id, status=InterviewStatus.PLANNED, scheduled_at=when, planned_minutes=minutes)


def test_conversations_under_way_first_then_this_weeks_soonest_first() -> None:
    ana, ben, cai, dee = (Contact(name=name) for name in ("Ana Lima", "Ben Ode", "Cai Wu", "Dee Ray"))
    in_three_days = planned(ana, WEDNESDAY_EVENING + timedelta(days=3))
    tomorrow = planned(ben, WEDNESDAY_EVENING + timedelta(days=1))
    next_month = planned(cai, WEDNESDAY_EVENING + timedelta(days=30))  # beyond the week: not on it
    no_time = planned(dee, None)  # not set yet: not on it
    running = Interview(contact_id=dee.id, status=InterviewStatus.IN_PROGRESS)
    outlines = [in_three_days, tomorrow, next_month, no_time, running]
    agenda = build_agenda([ana, ben, cai, dee], outlines, [], WEDNESDAY_EVENING)
    assert [i.id for i in agenda.conversations] == [running.id, tomorrow.id, in_three_days.id]


def test_a_conversation_that_passed_unheld_stays_and_says_so() -> None:
    ana = Contact(name="Ana Lima")
    yesterday = planned(ana, WEDNESDAY_EVENING - timedelta(days=1))
    agenda = build_agenda([ana], [yesterday], [], WEDNESDAY_EVENING)
    assert [i.id for i in agenda.conversations] == [yesterday.id]  # nothing slips away
    assert passed_unheld(yesterday, WEDNESDAY_EVENING)
    under_way_soon = planned(ana, WEDNESDAY_EVENING - timedelta(minutes=10), minutes=30)
    assert not passed_unheld(under_way_soon, WEDNESDAY_EVENING)  # its time is not over yet


def test_follow_ups_due_today_or_earlier_only() -> None:
    asked_last_week = move(Contact(name="Ana Lima"), Stage.ASKED, WEDNESDAY_EVENING - timedelta(days=7))
    asked_today = move(Contact(name="Ben Ode"), Stage.ASKED, WEDNESDAY_EVENING)
    agenda = build_agenda([asked_last_week, asked_today], [], [], WEDNESDAY_EVENING)
    assert {f.contact_id for f in agenda.follow_ups} == {asked_last_week.id}
    assert [f.due for f in agenda.follow_ups] == sorted(f.due for f in agenda.follow_ups)


def test_who_next_prefers_the_inner_tier_and_a_curiosity() -> None:
    design = Curiosity(name="Design")
    near = Contact(name="Zoe Near", tier=1)
    tied = Contact(name="Yan Tied", tier=1, curiosity_ids=[design.id])
    far = Contact(name="Abe Far", tier=4, curiosity_ids=[design.id])
    agenda = build_agenda([near, tied, far], [], [design], WEDNESDAY_EVENING)
    assert agenda.who_next is not None and agenda.who_next.contact.id == tied.id
    assert build_agenda([], [], [], WEDNESDAY_EVENING).who_next is None


def test_it_holds_until_midnight_or_until_a_talk_today_passes_unheld() -> None:
    ana = Contact(name="Ana Lima")
    assert build_agenda([ana], [], [], WEDNESDAY_EVENING).holds_until == MIDNIGHT
    at_eight = planned(ana, WEDNESDAY_EVENING.replace(hour=20, minute=0), minutes=45)
    agenda = build_agenda([ana], [at_eight], [], WEDNESDAY_EVENING)
    assert agenda.holds_until == WEDNESDAY_EVENING.replace(hour=20, minute=45)
    # Once passed, it says so already: it no longer brings the moment forward.
    assert build_agenda([ana], [at_eight], [], WEDNESDAY_EVENING.replace(hour=21)).holds_until == MIDNIGHT
