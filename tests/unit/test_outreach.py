"""Asking (templates, the ask record), scheduling (clashes), and doing a follow-up."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from infoview_tui.domain.followups import FollowUpKind, due_by, mark_done, pending_follow_ups, set_aside
from infoview_tui.domain.model import (
    Ask,
    Channel,
    Contact,
    Curiosity,
    Interview,
    InterviewStatus,
    MessageTemplate,
    Mode,
    Stage,
)  # fmt: skip
from infoview_tui.domain.outreach import (
    INTRODUCED_ASK,
    WARM_ASK,
    TemplateError,
    check_template,
    clashes,
    fill_template,
    record_ask,
    schedule,
    template_for,
)  # fmt: skip
from infoview_tui.domain.stages import StageError
from tests.conftest import ZONE


def at(day: int, hour: int = 10, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=ZONE)


UX = Curiosity("UX research")


def test_warm_template_names_the_person_the_field_the_length_and_the_way() -> None:
    ana = Contact("Ana Lima", tier=1)
    text = fill_template(WARM_ASK, ana, curiosity=UX, mode=Mode.IN_PERSON, your_name="Sam")
    assert text.startswith("Hi Ana,\n")
    assert "UX research" in text and "30 to 60 minutes" in text and "over coffee" in text
    assert text.rstrip().endswith("Sam")
    video = fill_template(WARM_ASK, ana, curiosity=None, mode=Mode.VIDEO)
    assert "on a video call" in video and "a new line of work" in video


def test_introduced_template_names_the_referrer_and_role() -> None:
    bo = Contact("Bo Chen", tier=1)
    cy = Contact("Cy Diaz", tier=4, role="Researcher", company="Lumen", referred_by=bo.id)
    assert template_for(cy) is INTRODUCED_ASK
    assert template_for(bo) is WARM_ASK
    text = fill_template(INTRODUCED_ASK, cy, curiosity=UX, mode=Mode.PHONE, referrer=bo)
    assert "Bo Chen suggested I get in touch." in text
    assert "Researcher at Lumen" in text and "on the phone" in text


@pytest.mark.parametrize(
    ("text", "words"),
    [("Hi {nmae}", "{nmae} is not a word templates know"), ("Hi {first_name", "brace"), ("a } b", "brace")],
)
def test_bad_templates_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(TemplateError, match=words):
        check_template(text)
    with pytest.raises(TemplateError):
        fill_template(MessageTemplate("mine", text), Contact("Ana"), curiosity=None, mode=Mode.VIDEO)


def test_literal_braces_survive() -> None:
    mine = MessageTemplate("mine", "Hi {first_name} {{not a word}}")
    assert fill_template(mine, Contact("Ana"), curiosity=None, mode=Mode.VIDEO) == "Hi Ana {not a word}\n"


def test_an_ask_is_kept_and_dated_and_starts_3b7() -> None:
    ana = record_ask(Contact("Ana Lima"), Ask(at(2), Channel.MESSAGE, "Hi Ana"))
    assert ana.stage is Stage.ASKED and ana.asks == [Ask(at(2), Channel.MESSAGE, "Hi Ana")]
    assert [f.kind for f in pending_follow_ups([ana], [])] == [
        FollowUpKind.ASK_SOMEONE_ELSE,
        FollowUpKind.FOLLOW_UP_ASK,
    ]
    with pytest.raises(StageError, match="already at 'asked'"):
        record_ask(ana, Ask(at(3)))
    declined = replace(ana, stage=Stage.DECLINED)
    again = record_ask(declined, Ask(at(20), Channel.EMAIL))
    assert len(again.asks) == 2 and again.stage is Stage.ASKED


def planned(contact: str, start: datetime, minutes: int = 60) -> Interview:
    return Interview(contact_id=contact, contact_name=contact, scheduled_at=start, planned_minutes=minutes)


def test_clashes_are_overlaps_of_planned_conversations_only() -> None:
    others = [
        planned("early", at(1, 14, 0), 60),  # 14:00-15:00: touches 15:00, no clash
        planned("overlap", at(1, 15, 30), 30),
        replace(planned("done", at(1, 15, 0)), status=InterviewStatus.DONE),
        Interview(contact_id="undated"),  # planned but no time yet
        planned("next day", at(2, 15, 0)),
    ]
    found = clashes(at(1, 15, 0), 45, others, {"overlap": "Ola"})
    assert [clash.name for clash in found] == ["Ola"]
    assert clashes(at(1, 15, 0), 45, others, {}, ignore_id=others[1].id) == []


def test_schedule_moves_the_contact_and_plans_the_interview() -> None:
    ana = record_ask(Contact("Ana Lima"), Ask(at(2)))
    ana, interview = schedule(ana, None, at=at(8, 15), minutes=30, mode=Mode.VIDEO, place=" meet.example/x ", now=at(3))
    assert ana.stage is Stage.SCHEDULED and ana.stage_history[-1].at == at(3)
    assert (interview.scheduled_at, interview.planned_minutes, interview.mode, interview.place) == (
        at(8, 15), 30, Mode.VIDEO, "meet.example/x",
    )  # fmt: skip
    assert interview.status is InterviewStatus.PLANNED and interview.contact_id == ana.id
    # Rescheduling keeps the same interview and stage history.
    again, moved = schedule(ana, interview, at=at(9, 11), minutes=60, mode=Mode.IN_PERSON, place="", now=at(4))
    assert moved.id == interview.id and moved.scheduled_at == at(9, 11) and again.stage_history == ana.stage_history
    # Someone never asked is asked and scheduled in one go; someone interviewed is refused.
    bo, _ = schedule(Contact("Bo"), None, at=at(8), minutes=45, mode=Mode.PHONE, place="", now=at(3))
    assert [c.stage for c in bo.stage_history] == [Stage.ASKED, Stage.SCHEDULED]
    with pytest.raises(StageError):
        schedule(Contact("Cy", stage=Stage.THANKED), None, at=at(8), minutes=45, mode=Mode.PHONE, place="", now=at(3))


def test_doing_a_follow_up_makes_it_go_away_and_only_that_one() -> None:
    ana = record_ask(Contact("Ana Lima"), Ask(at(2)))  # Monday 2 Nov
    three_b, seven_b = pending_follow_ups([ana], [])
    ana = set_aside(ana, three_b)
    assert set_aside(ana, three_b) is ana  # twice is once
    assert [f.kind for f in pending_follow_ups([ana], [])] == [FollowUpKind.FOLLOW_UP_ASK]
    ana = mark_done(ana, seven_b, at(11))
    assert pending_follow_ups([ana], []) == []
    # A new ask (after a decline) brings new reminders with new due dates.
    ana = record_ask(replace(ana, stage=Stage.DECLINED), Ask(at(20)))
    assert [f.due.day for f in pending_follow_ups([ana], [])] == [25, 1]


def test_thank_you_and_keep_in_touch_done_move_the_stage() -> None:
    ana = Contact("Ana Lima", stage=Stage.INTERVIEWED)
    talk = Interview(contact_id=ana.id, status=InterviewStatus.DONE, finished_at=at(2, 16))
    (thanks,) = pending_follow_ups([ana], [talk])
    ana = mark_done(ana, thanks, at(3, 9))
    assert ana.stage is Stage.THANKED
    (update,) = pending_follow_ups([ana], [talk])
    assert update.kind is FollowUpKind.KEEP_IN_TOUCH and update.due == at(2, 16, month=12)
    assert due_by([update], at(2, 8, month=12)) == [update]
    ana = mark_done(ana, update, at(3, 9, month=12))
    assert ana.stage is Stage.KEEPING_IN_TOUCH and ana.last_update_sent == at(3, 9, month=12)
    (nxt,) = pending_follow_ups([ana], [talk])
    assert nxt.due == datetime(2027, 1, 3, 9, tzinfo=ZONE)


def test_calling_off_a_planned_conversation() -> None:
    from infoview_tui.domain.outreach import call_off

    ana = record_ask(Contact("Ana Lima"), Ask(at(2)))
    ana, planned = schedule(ana, None, at=at(8, 15), minutes=45, mode=Mode.VIDEO, place="", now=at(3))
    back, cancelled = call_off(ana, planned, at(5))
    assert cancelled.status is InterviewStatus.CANCELLED and cancelled.id == planned.id
    assert back is not None and back.stage is Stage.ASKED and back.stage_history[-1].at == at(5)
    assert [f.due.day for f in pending_follow_ups([back], [])] == [10, 16]  # 3B7 again, from the call-off
    with pytest.raises(StageError, match="Only an upcoming conversation"):
        call_off(back, cancelled, at(6))
