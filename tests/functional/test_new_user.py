"""Issue 13, "what a new user ran into": each surprise a first session met, as a test."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea

from infoview_tui.demo import build_demo
from infoview_tui.domain.model import Contact, Interview, Mode
from infoview_tui.domain.questions import default_question_set
from infoview_tui.domain.session import begin
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.confirm import ConfirmScreen
from infoview_tui.ui.screens.contact import ContactForm
from infoview_tui.ui.screens.curiosities import CuriositiesScreen
from infoview_tui.ui.screens.dialogs import TextPrompt
from infoview_tui.ui.screens.insights import InsightsScreen
from infoview_tui.ui.screens.network import NetworkScreen
from infoview_tui.ui.screens.session import SessionScreen
from infoview_tui.ui.screens.today import TodayScreen
from tests.conftest import FIXED_NOW, make_app
from tests.functional.test_app import wait_until


def demo(repository: Repository) -> Repository:
    build_demo(repository, FIXED_NOW)
    return repository


async def test_enter_takes_the_suggestion_shown_when_recording_an_ask(repository: Repository) -> None:
    app = make_app(demo(repository))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3", "c")
        await pilot.pause()
        assert isinstance(app.screen, CuriositiesScreen)
        chosen = app.screen._selected()
        assert chosen is not None
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Kwa")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "Kwa"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CuriositiesScreen)
        stored = next(c for c in repository.curiosities() if c.id == chosen.id)
        asked = [repository.contact(r.contact_id) for r in stored.intro_requests]
        assert "Kwame Mensah" in [person.name for person in asked if person is not None]


async def test_f3_from_curiosities_shows_the_network(repository: Repository) -> None:
    app = make_app(demo(repository))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3", "c")
        await pilot.pause()
        assert isinstance(app.screen, CuriositiesScreen)
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, NetworkScreen)


def a_call_under_way(repository: Repository) -> Contact:
    ana = repository.save_contact(Contact(name="Ana Lima", tier=1))
    question_set = default_question_set(repository.settings())
    interview = begin(
        Interview(contact_id=ana.id), question_set, FIXED_NOW, planned_minutes=30, mode=Mode.IN_PERSON, hope_before=None
    )
    repository.save_interview(interview)
    return ana


async def test_f2_to_f5_show_their_screen_and_the_call_stays_one_key_away(repository: Repository) -> None:
    a_call_under_way(repository)
    app = make_app(repository)
    told: list[str] = []
    notify = app.notify
    app.notify = lambda message, **more: (told.append(message), notify(message, **more))[1]  # type: ignore[method-assign]  # listening in
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), 3.0)  # reopened at start
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)
        assert any("F7" in message for message in told)  # says which key brings the call back
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.interview.contact_name or app.screen.contact is not None


async def test_today_hint_follows_the_focus_and_coming_back_starts_at_the_agenda(repository: Repository) -> None:
    app = make_app(demo(repository))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        hint = screen.query_one("#today-agenda-hint", Static)
        assert str(hint.render()).startswith("enter: ")
        await pilot.press("b")  # into the brainstorm, where enter types a new line
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        assert "enter starts a new line" in str(hint.render())
        assert "enter: start" not in str(hint.render())
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert app.focused is screen.query_one("#today-agenda", OptionList)
        assert str(hint.render()).startswith("enter: ")


async def test_opening_a_contact_puts_the_cursor_after_the_name(repository: Repository) -> None:
    app = make_app(demo(repository))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        name = app.screen.query_one("#field-name", Input)
        before = name.value
        assert before and app.focused is name
        await pilot.press("x")
        assert name.value == before + "x"  # the first key typed no longer replaces the name


async def try_to_add(pilot: Pilot[None], name: str, email: str = "") -> None:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ContactForm)
    pilot.app.screen.query_one("#field-name", Input).value = name
    pilot.app.screen.query_one("#field-emails", Input).value = email
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_adding_someone_already_there_warns_and_offers_to_open_them(repository: Repository) -> None:
    repository.save_contact(Contact(name="Ana Lima", tier=2, company="Acme", emails=["ana@acme.example"]))
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3")
        await try_to_add(pilot, "ana lima")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Ana Lima is already in your network" in str(app.screen.query_one("#confirm-question", Static).render())
        await pilot.press("y")  # open theirs
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert app.screen.original is not None and app.screen.original.name == "Ana Lima"
        await pilot.press("escape")
        await pilot.pause()
        assert [c.name for c in repository.contacts()] == ["Ana Lima"]

        # The same email under another name: warned too; n goes back to the form, ctrl+s again saves.
        await try_to_add(pilot, "A. Lima", "ANA@acme.example")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert sorted(c.name for c in repository.contacts()) == ["A. Lima", "Ana Lima"]
