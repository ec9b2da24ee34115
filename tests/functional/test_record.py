"""The record over months, driven as a user would: a finished conversation's notes corrected,
one held elsewhere logged, one started by mistake taken back, a person's whole history,
an introduction that becomes a contact, and Today's pad that is the list of curiosities."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import orjson
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Label, OptionList, Static, TextArea

from infoview_tui.demo import build_demo
from infoview_tui.domain.followups import FollowUpKind, pending_follow_ups
from infoview_tui.domain.model import Contact, InterviewStatus, Stage
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.contact import ContactForm
from infoview_tui.ui.screens.curiosities import CuriositiesScreen
from infoview_tui.ui.screens.dialogs import ConfirmScreen
from infoview_tui.ui.screens.interviews import InterviewsScreen, InterviewView
from infoview_tui.ui.screens.log_conversation import LogConversationScreen
from infoview_tui.ui.screens.reflection import ReflectionScreen
from infoview_tui.ui.screens.session_dialogs import StartSessionScreen
from infoview_tui.ui.screens.today import TodayScreen
from tests.conftest import FIXED_NOW, ZONE, MovableClock, first_screen_shown, make_app
from tests.functional.test_app import show_network, wait_until
from tests.functional.test_session import finish_the_call, start_with_daniel
from tests.functional.test_typed_text_kept import on_network


def person(repository: Repository, name: str) -> Contact:
    return next(c for c in repository.contacts() if c.name == name)


async def to_interview_row(pilot: Pilot[None], interview_id: str) -> InterviewsScreen:
    await pilot.press("f4")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, InterviewsScreen)
    table = screen.query_one(DataTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(interview_id))
    await pilot.pause()
    return screen


async def open_contact(pilot: Pilot[None], name: str) -> ContactForm:
    await on_network(pilot, name, "enter")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ContactForm)
    return form


def history_lines(form: ContactForm) -> list[str]:
    history = form.query_one("#contact-history", OptionList)
    return [str(history.get_option_at_index(i).prompt) for i in range(history.option_count)]


def stored_interview(db_path: Path, interview_id: str) -> dict[str, object]:
    data = orjson.loads(db_path.read_bytes())
    return next(record for record in data["interviews"].values() if record["id"] == interview_id)


async def start_and_finish(pilot: Pilot[None], name: str) -> None:
    """A session started by mistake, and finished straight away."""
    await on_network(pilot, name, "i")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StartSessionScreen)
    await pilot.press("ctrl+s")
    await pilot.pause()
    await finish_the_call(pilot)
    await pilot.press("escape")
    await pilot.pause()


async def test_correct_log_take_back_and_read_a_persons_history(repository: Repository, db_path: Path) -> None:
    build_demo(repository, FIXED_NOW)
    clock = MovableClock()
    app = make_app(repository, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        # A call with "apprenticeship" under question 3.
        await start_with_daniel(pilot)
        await pilot.press(*"Loves oak", "alt+right", "alt+right", *"An apprenticeship at 16")
        clock.advance(minutes=30)
        await finish_the_call(pilot)
        await pilot.press("escape")
        await pilot.pause()
        (daniels,) = repository.interviews_where(InterviewStatus.DONE, person(repository, "Daniel Weiss").id)

        # Corrected from the reader: e, the note under question 3, escape.
        await to_interview_row(pilot, daniels.id)
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, InterviewView)
        await pilot.press("e")
        await pilot.pause()
        third = reader.query_one("#edit-notes-2", TextArea)
        assert third.text == "An apprenticeship at 16"
        third.focus()
        clock.advance(days=1)
        await pilot.press(*", then a paid fellowship")
        await pilot.press("escape")  # leaves edit mode, not the reader
        await pilot.pause()
        assert app.screen is reader and not reader.editing
        assert "then a paid fellowship" in str(reader.query_one("#interview-text", Static).render())
        assert "notes edited yesterday" not in str(reader.query_one("#interview-text", Static).render())
        await wait_until(pilot, lambda: not repository.file.dirty, 4.0)
        on_disk = stored_interview(db_path, daniels.id)
        notes = on_disk["question_notes"]
        assert isinstance(notes, dict)
        assert notes[daniels.questions[2].id] == "An apprenticeship at 16, then a paid fellowship"
        assert on_disk["edited"] == clock.moment.isoformat()
        assert on_disk["reactions"] == stored_interview(db_path, daniels.id)["reactions"]
        assert on_disk["elapsed_seconds"] == daniels.elapsed_seconds  # the clock is not touched
        await pilot.press("escape")
        await pilot.pause()

        # A conversation held elsewhere, last Thursday at 2pm, logged for Rosa from the network (l).
        done_before = repository.count_interviews(InterviewStatus.DONE)
        await on_network(pilot, "Rosa", "l")
        await pilot.pause()
        assert isinstance(app.screen, LogConversationScreen)
        await pilot.press(*"last thursday 2pm")
        await pilot.pause()
        assert "Thu 19 Nov 14:00" in str(app.screen.query_one("#log-when .when-preview", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)  # then the reflection, as after a call
        await pilot.press("escape", "f2")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        done = done_before + 1
        assert str(app.screen.query_one("#today-progress-count", Label).render()).startswith(f"{done} of 36")
        rosa = person(repository, "Rosa Silva")
        assert rosa.stage is Stage.INTERVIEWED
        assert rosa.stage_history[-1].at == datetime(2026, 11, 19, 14, 45, tzinfo=ZONE)
        thanks = [f for f in pending_follow_ups([rosa], repository.interviews()) if f.kind is FollowUpKind.THANK_YOU]
        assert [f.due for f in thanks] == [datetime(2026, 11, 20, 9, 0, tzinfo=ZONE)]  # the day after, not today
        agenda = app.screen.query_one("#today-agenda", OptionList)
        lines = [str(agenda.get_option_at_index(i).prompt) for i in range(agenda.option_count)]
        assert any("Thank Rosa for the conversation." in line and "business days ago" in line for line in lines)

        # A session started by mistake with Hiro (not yet asked), finished, then deleted: his stage is as it was.
        await start_and_finish(pilot, "Hiro")
        assert person(repository, "Hiro Tanaka").stage is Stage.INTERVIEWED
        (mistake,) = repository.interviews_with(person(repository, "Hiro Tanaka").id)
        await to_interview_row(pilot, mistake.id)
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert "Delete the conversation with Hiro Tanaka" in question
        assert "Hiro Tanaka goes back to 'not yet asked'" in question
        await pilot.press("y")
        await pilot.pause()
        assert repository.interview(mistake.id) is None
        hiro = person(repository, "Hiro Tanaka")
        assert (hiro.stage, hiro.stage_history) == (Stage.NOT_ASKED, [])

        # Rosa's thank-you set aside on Today, then brought back from her history.
        await pilot.press("f2")
        await pilot.pause()
        agenda = app.screen.query_one("#today-agenda", OptionList)
        agenda.focus()
        agenda.highlighted = next(
            i for i in range(agenda.option_count) if "Thank Rosa" in str(agenda.get_option_at_index(i).prompt)
        )
        await pilot.press("x")
        await pilot.pause()
        assert person(repository, "Rosa Silva").follow_ups_done

        form = await open_contact(pilot, "Rosa")
        lines = history_lines(form)
        assert any("Conversation, 45 min, in person" in line and "Thu 19 Nov" in line for line in lines)
        assert any("Stage: interviewed" in line for line in lines)
        aside = next(i for i, line in enumerate(lines) if "Follow-up set aside or done: thank-you" in line)
        history = form.query_one("#contact-history", OptionList)
        history.focus()
        history.highlighted = aside
        await pilot.press("enter")
        await pilot.pause()
        assert person(repository, "Rosa Silva").follow_ups_done == []
        assert not any("set aside" in line for line in history_lines(form))
        # enter on the conversation opens it in the reader
        history.highlighted = next(i for i, line in enumerate(history_lines(form)) if "Conversation," in line)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewView)
        assert app.screen.row.interview.contact_id == person(repository, "Rosa Silva").id
        await pilot.press("escape", "escape")
        await pilot.pause()

        # Daniel's history: the corrected conversation, the person he referred.
        lines = history_lines(await open_contact(pilot, "Daniel"))
        assert any("Conversation, 30 min" in line for line in lines)
        assert any("Referred you to Sven Andersen" in line for line in lines)
        assert any("Stage: interviewed" in line for line in lines)
        await pilot.press("escape")
        await pilot.pause()

        # Jonas's history: the intro request, with its outcome; the update sent; he was asked.
        lines = history_lines(await open_contact(pilot, "Jonas"))
        assert any("Asked for introductions in UX research" in line and "Sofia Rossi" in line for line in lines)
        assert any("Conversation, 47 min" in line for line in lines)

        # Hiro's shows no conversation: it was taken back.
        await pilot.press("escape")
        await pilot.pause()
        assert not any("Conversation" in line for line in history_lines(await open_contact(pilot, "Hiro")))


async def test_deleting_a_conversation_under_way_closes_its_session(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    clock = MovableClock()
    app = make_app(repository, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        aisha = person(repository, "Aisha Khan")  # scheduled: her planned conversation becomes the session
        await on_network(pilot, "Aisha", "i")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press(*"oops, wrong person")
        (running,) = repository.interviews_where(InterviewStatus.IN_PROGRESS)
        await to_interview_row(pilot, running.id)
        await pilot.press("ctrl+d")
        await pilot.pause()
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert "Lost: the notes under 1 question." in question
        assert "The conversation planned for Fri 27 Nov 15:00 stays." in question
        await pilot.press("y")
        await pilot.pause()
        clock.advance(minutes=5)
        await pilot.pause(0.3)  # the session's clock would have saved it back by now
        assert repository.interview(running.id) is None
        assert repository.interviews_where(InterviewStatus.IN_PROGRESS) == []
        assert person(repository, "Aisha Khan").stage is aisha.stage  # a talk never finished moved nothing
        (planned,) = repository.interviews_where(InterviewStatus.PLANNED, aisha.id)  # her time stays planned
        assert planned.scheduled_at == running.scheduled_at and planned.question_notes == {}


async def test_an_introduction_becomes_a_contact(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository, MovableClock())
    async with app.run_test(size=(120, 40)) as pilot:
        chen = person(repository, "Chen Wei")  # asked about hospital administration, no answer yet
        await pilot.press("f3", "c")
        await pilot.pause()
        curiosities = app.screen
        assert isinstance(curiosities, CuriositiesScreen)
        listing = curiosities.query_one("#curiosities-list", OptionList)
        listing.highlighted = listing.get_option_index("demo-hospital")
        await pilot.press("o", *"introduced me to Sam Ortiz at SunPower", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Add Sam Ortiz (SunPower) to your network?" in str(
            app.screen.query_one("#confirm-question", Static).render()
        )
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)  # checked, and editable, before it is saved
        await pilot.press("ctrl+s")
        await pilot.pause()
        sam = person(repository, "Sam Ortiz")
        assert (sam.tier, sam.company, sam.referred_by, sam.curiosity_ids) == (
            4,
            "SunPower",
            chen.id,
            ["demo-hospital"],
        )
        assert app.screen is curiosities


async def test_the_pad_is_the_list_of_curiosities(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository, MovableClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pad = app.screen.query_one("#brainstorm", TextArea)
        assert pad.region.height >= 3 and pad.region.bottom <= 23  # its first lines show, the agenda full
        await pilot.press("b", "enter", *"Boat building")
        await pilot.press("f3", "c")  # leaving Today: the new line is a curiosity
        await pilot.pause()
        assert "Boat building" in [c.name for c in repository.curiosities()]
        listing = app.screen.query_one("#curiosities-list", OptionList)
        assert any("Boat building" in str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count))

        await pilot.press("a", *"Glassblowing", "enter", "escape", "f2")  # added elsewhere: shows in the pad
        await pilot.pause()
        pad = app.screen.query_one("#brainstorm", TextArea)
        assert pad.text.splitlines()[-2:] == ["Boat building", "Glassblowing"]

        # A line taken out: unused, its curiosity goes; used, the user is asked first.
        await pilot.press("b")
        pad.load_text(pad.text.replace("Glassblowing", "").replace("UX research\n", ""))
        await pilot.press("tab")
        await pilot.pause()
        assert "Glassblowing" not in [c.name for c in repository.curiosities()]
        assert isinstance(app.screen, ConfirmScreen)
        assert "UX research is no longer in your list" in str(
            app.screen.query_one("#confirm-question", Static).render()
        )
        await pilot.press("n")  # keep it: the line comes back
        await pilot.pause()
        assert "UX research" in [c.name for c in repository.curiosities()]
        assert "UX research" in app.screen.query_one("#brainstorm", TextArea).text.splitlines()


async def test_a_name_typed_at_once_then_ctrl_s_is_saved_whole(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_network(pilot)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactForm), 10)
        await pilot.pause()
        for char in "Zoe Novak":  # as a paste or a fast typist's keys arrive: all queued before any is handled
            app.post_message(events.Key(char if char != " " else "space", char))
        app.post_message(events.Key("ctrl+s", None))
        await wait_until(pilot, lambda: not isinstance(app.screen, ContactForm), 10)
        assert "Zoe Novak" in [contact.name for contact in repository.contacts()]


async def test_b_starts_a_new_idea_on_a_line_of_its_own(repository: Repository) -> None:
    """b is for adding an idea: typed after it, words went onto the end of the last idea
    ("Climate tech" + "Pottery" = a new curiosity "Climate techPottery", and the question
    whether to cut Climate tech from the people tied to it)."""
    repository.save_contact(Contact(name="Ana Lima", tier=1))  # Today opens on the agenda
    settings = repository.settings()
    settings.brainstorm = "UX research\nClimate tech"
    repository.save_settings(settings)
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_screen_shown(pilot)
        await pilot.press("b", *"Pottery")
        await pilot.pause()
        assert app.screen.query_one("#brainstorm", TextArea).text == "UX research\nClimate tech\nPottery"


async def test_a_line_typed_in_the_brainstorm_becomes_a_curiosity_when_the_app_quits(
    repository: Repository, db_path: Path
) -> None:
    """Lines become curiosities as the pad is left; ctrl+q straight from the pad saved the line
    in the pad but made no curiosity, and the next start took the line as one already made."""
    repository.save_contact(Contact(name="Ana Lima", tier=1))  # Today opens on the agenda: b opens the pad
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_screen_shown(pilot)
        await pilot.press("b", *"Pottery studio")
        await pilot.pause()
        await pilot.press("ctrl+q")
    repository.close()
    data = orjson.loads(db_path.read_bytes())
    assert [record["name"] for record in data.get("curiosities", {}).values()] == ["Pottery studio"]
    assert next(iter(data["settings"].values()))["brainstorm"] == "Pottery studio"
