"""Reaching out, from the keyboard, with an injected clock (nothing sleeps): ask, see the
3B reminder on Today three business days later, schedule in plain words, start the
conversation from Today, finish it, see the thank-you due and do it."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Input, OptionList, Static, TextArea

from infoview_tui.domain.model import Channel, Contact, Curiosity, Interview, InterviewStatus, Mode, Stage
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.interviews import InterviewsScreen, InterviewView
from infoview_tui.ui.screens.network import NetworkScreen
from infoview_tui.ui.screens.outreach import AskScreen, ScheduleScreen
from infoview_tui.ui.screens.session import SessionScreen
from infoview_tui.ui.screens.session_dialogs import StartSessionScreen
from infoview_tui.ui.screens.today import TodayScreen
from tests.conftest import ZONE, MovableClock, make_app
from tests.functional.test_session import finish_the_call


def agenda_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(option.prompt) for option in app.screen.query_one("#today-agenda", OptionList).options]


def seed(repository: Repository) -> tuple[Contact, Contact]:
    ux = repository.save_curiosity(Curiosity("UX research"))
    ana = repository.save_contact(Contact("Ana Lima", tier=1, role="UX researcher", curiosity_ids=[ux.id]))
    bo = repository.save_contact(Contact("Bo Chen", tier=1, curiosity_ids=[ux.id]))
    return ana, bo


async def select(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("f3", "slash", *name, "enter")
    await pilot.pause()


async def test_ask_remind_schedule_talk_thank(repository: Repository) -> None:
    ana, _bo = seed(repository)
    clock = MovableClock()  # Wed 25 Nov 2026 19:30
    app = make_app(repository, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        # Ask Ana: the message is built from the template and lands on the clipboard.
        await select(pilot, "Ana")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")  # the name that signs messages, asked before the first: none
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AskScreen)
        message = dialog.query_one("#ask-message", TextArea).text
        assert message.startswith("Hi Ana,") and "UX research" in message and "30 to 60 minutes" in message
        await pilot.press("end", *" See you soon.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, AskScreen)
        assert app.clipboard.startswith("Hi Ana,") and "See you soon." in app.clipboard
        asked = repository.contact(ana.id)
        assert asked is not None and asked.stage is Stage.ASKED
        (the_ask,) = asked.asks
        assert the_ask.channel is Channel.EMAIL and the_ask.at == clock.moment and "See you soon." in the_ask.message

        # Two business days on (Friday), nothing yet; three (Monday), the 3B reminder.
        clock.advance(days=2)
        await pilot.press("f2")
        await pilot.pause()
        assert not any("no reply from Ana" in line for line in agenda_lines(app))
        clock.advance(days=3)
        await pilot.press("f3", "f2")
        await pilot.pause()
        reminder = " today  No reply from Ana Lima after 3 business days: write to a second person in UX research, such as Bo Chen."
        assert reminder in agenda_lines(app)

        # She answers yes: schedule "next tue 3pm" with its preview; the reminders go.
        await select(pilot, "Ana")
        await pilot.press("t")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ScheduleScreen)
        await pilot.press(*"next tue 3pm")
        await pilot.pause()
        # "next tue" on a Monday: tomorrow, and the week after offered too.
        assert str(dialog.query_one(".when-preview", Static).render()) == (
            "→ tomorrow 15:00 · the week after? type '8 dec 15:00'"
        )
        await pilot.press("enter")
        await pilot.pause()
        scheduled = repository.contact(ana.id)
        assert scheduled is not None and scheduled.stage is Stage.SCHEDULED
        (planned,) = repository.interviews_with(ana.id)
        assert planned.scheduled_at == datetime(2026, 12, 1, 15, 0, tzinfo=ZONE)
        assert planned.status is InterviewStatus.PLANNED and planned.mode is Mode.IN_PERSON
        await pilot.press("f2")
        await pilot.pause()
        lines = agenda_lines(app)
        assert not any("no reply from Ana" in line for line in lines)
        assert " tomorrow 15:00 Ana Lima · 45 min, in person" in lines

        # Tuesday, five to three: start it from Today with enter.
        clock.moment = datetime(2026, 12, 1, 14, 55, tzinfo=ZONE)
        await pilot.press("f3", "f2")
        await pilot.pause()
        assert agenda_lines(app)[1] == " today 15:00 Ana Lima · 45 min, in person"
        assert app.focused is app.screen.query_one("#today-agenda")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartSessionScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await pilot.press(*"Loves synthesis days")
        clock.advance(minutes=40)
        await finish_the_call(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)

        # The next morning: the thank-you is due; enter marks it done.
        clock.moment = datetime(2026, 12, 2, 9, 5, tzinfo=ZONE)
        await pilot.press("f3", "f2")
        await pilot.pause()
        lines = agenda_lines(app)
        thank_you = " today  Thank Ana for the conversation."
        assert thank_you in lines
        agenda = app.screen.query_one("#today-agenda", OptionList)
        agenda.focus()
        agenda.highlighted = lines.index(thank_you)
        await pilot.pause()
        assert (
            str(app.screen.query_one("#today-agenda-hint", Static).render())
            == "enter: write the thank-you · x: set aside"
        )
        await pilot.press("enter")  # the thank-you's draft; saved, it counts as done
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert thank_you not in agenda_lines(app)
    thanked = repository.contact(ana.id)
    assert thanked is not None and thanked.stage is Stage.THANKED
    assert [change.stage for change in thanked.stage_history] == [
        Stage.ASKED, Stage.SCHEDULED, Stage.INTERVIEWED, Stage.THANKED,
    ]  # fmt: skip
    (done,) = repository.interviews_with(ana.id)
    assert done.status is InterviewStatus.DONE and done.id == planned.id


async def test_a_clash_is_flagged_and_a_bad_time_is_explained(repository: Repository) -> None:
    ana, bo = seed(repository)
    repository.save_interview(
        Interview(contact_id=bo.id, contact_name=bo.name, scheduled_at=datetime(2026, 11, 27, 15, 30, tzinfo=ZONE))
    )
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await select(pilot, "Ana")
        await pilot.press("t", *"friday")
        await pilot.pause()
        dialog = app.screen
        preview = dialog.query_one(".when-preview", Static)
        assert "names a day but no time; add one, e.g. 'friday 3pm'" in str(preview.render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # nothing saved without a time
        await pilot.press(*" 3pm")
        await pilot.pause()
        assert str(preview.render()) == "→ Fri 27 Nov 15:00 (in 2 days)"
        clash = str(dialog.query_one("#schedule-clash", Static).render())
        assert clash == "⚠ Overlaps with Bo Chen Fri 27 Nov 15:30. You can still save."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NetworkScreen)
    assert repository.contact(ana.id).stage is Stage.SCHEDULED  # type: ignore[union-attr]


async def test_the_interviews_list_filters_and_opens_notes(repository: Repository) -> None:
    from infoview_tui.demo import build_demo
    from tests.conftest import FIXED_NOW

    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewsScreen)
        table = screen.query_one("#interviews-table")
        people = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert people == ["Aisha Khan", "Ines Moreau", "Tom Becker", "Maria Lopez", "Jonas Berg"]
        tier = screen.query_one("#filter-tier")
        tier.value = 1
        await pilot.pause()
        assert [str(table.get_row_at(i)[1]) for i in range(table.row_count)] == [
            "Aisha Khan",
            "Tom Becker",
            "Maria Lopez",
        ]
        screen.query_one("#filter-showing").value = "done"
        await pilot.pause()
        assert [str(table.get_row_at(i)[1]) for i in range(table.row_count)] == ["Tom Becker", "Maria Lopez"]
        curiosity = screen.query_one("#filter-curiosity")
        curiosity.value = next(c.id for c in repository.curiosities() if c.name == "Woodworking")
        await pilot.pause()
        assert not table.display
        assert "None of your 5 conversations match these filters." in str(
            screen.query_one("#interviews-empty").render()
        )
        curiosity.clear()
        await pilot.pause()
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewView)
        text = str(app.screen.query_one("#interview-text", Static).render())
        assert text.startswith("Tom Becker, Ward administrator at City Hospital")
        assert "What do you most enjoy about your work?\nLoves the moment a pattern shows up" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_stage_from_the_contact_form_is_kept_by_its_save(repository: Repository) -> None:
    ana, _ = seed(repository)
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await select(pilot, "Ana")
        await pilot.press("enter")  # open the form
        await pilot.pause()
        assert "Stage: not yet asked" in str(app.screen.query_one("#contact-stage", Static).render())
        await pilot.press("ctrl+t", "enter", "enter")  # asked, now
        await pilot.pause()
        assert "Stage: asked, today" in str(app.screen.query_one("#contact-stage", Static).render())
        app.screen.query_one("#field-company", Input).value = "Lumen"
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = repository.contact(ana.id)
    assert saved is not None and saved.company == "Lumen" and saved.stage is Stage.ASKED


async def test_own_template_is_checked_saved_and_used(repository: Repository) -> None:
    from infoview_tui.ui.screens.templates import TemplatesScreen

    seed(repository)
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_message_templates()
        await pilot.pause()
        assert isinstance(app.screen, TemplatesScreen)
        await pilot.press("tab", *"Sam", "enter")  # your name signs the messages
        await pilot.press("shift+tab", "c", *"Short", "enter")
        await pilot.pause()
        editor = app.screen.query_one("#templates-text", TextArea)
        assert editor.has_focus
        editor.load_text("Hey {frist_name}, coffee? {your_name}")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#templates-error", Static).render())
        assert "Not saved: {frist_name} is not a word templates know." in error
        assert [t.text for t in repository.settings().message_templates] == [
            repository.settings().message_templates[0].text
        ] and "frist" not in repository.settings().message_templates[0].text
        editor.load_text("Hey {first_name}, coffee about {curiosity}? {your_name}")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (mine,) = repository.settings().message_templates
        assert mine.name == "Short" and mine.text.startswith("Hey {first_name}")
        assert repository.settings().your_name == "Sam"
        await pilot.press("escape", "escape")
        await pilot.pause()

        await select(pilot, "Bo")
        await pilot.press("m")
        await pilot.pause()
        template = app.screen.query_one("#ask-template")
        template.value = mine.id
        await pilot.pause()
        assert app.screen.query_one("#ask-message", TextArea).text == "Hey Bo, coffee about UX research? Sam\n"


async def test_calling_off_takes_it_off_today_and_declining_cancels_too(repository: Repository) -> None:
    from infoview_tui.demo import build_demo
    from tests.conftest import FIXED_NOW

    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        table = app.screen.query_one("#interviews-table")
        assert str(table.get_row_at(0)[1]) == "Aisha Khan"
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert str(table.get_row_at(0)[1]) == "Ines Moreau" and "called off" in [
            str(table.get_row_at(i)[4]) for i in range(table.row_count)
        ]
        await pilot.press("f2")
        await pilot.pause()
        assert not any("Aisha" in line for line in agenda_lines(app)[:3])

        await select(pilot, "Ines")
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("down", "enter", "enter")  # scheduled -> declined, now
        await pilot.pause()
    aisha = next(c for c in repository.contacts() if c.name == "Aisha Khan")
    ines = next(c for c in repository.contacts() if c.name == "Ines Moreau")
    assert aisha.stage is Stage.ASKED and ines.stage is Stage.DECLINED
    assert {i.status for i in repository.interviews() if i.contact_id in (aisha.id, ines.id)} == {
        InterviewStatus.CANCELLED
    }


async def test_a_passed_conversation_not_held_stays_on_today_until_called_off(repository: Repository) -> None:
    ana, _ = seed(repository)
    repository.save_interview(
        Interview(contact_id=ana.id, contact_name=ana.name, scheduled_at=datetime(2026, 11, 23, 10, tzinfo=ZONE))
    )  # Monday; now is Wednesday evening
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert agenda_lines(app)[1] == " Mon 23 Nov 10:00 (passed, not held) Ana Lima · 45 min, in person"
        await pilot.press("x", "y")
        await pilot.pause()
        assert agenda_lines(app)[:2] == [
            "Conversations this week (0)",
            " None yet. Ask someone (F3, m), then set the time (t).",
        ]
    (called_off,) = repository.interviews()
    assert called_off.status is InterviewStatus.CANCELLED
