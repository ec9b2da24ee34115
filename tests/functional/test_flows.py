"""Flows that move between screens travel as messages the app handles (ui/flows.py):
a screen says what the user asked for; the app decides which screen comes next."""

from __future__ import annotations

from infoview_tui.demo import build_demo
from infoview_tui.domain.model import InterviewStatus
from infoview_tui.store.repository import Repository
from infoview_tui.ui.flows import CloseSession, LogConversation, Reflect, SessionFinished, StartInterview
from infoview_tui.ui.screens.log_conversation import LogConversationScreen
from infoview_tui.ui.screens.reflection import ReflectionScreen
from infoview_tui.ui.screens.session import SessionScreen
from infoview_tui.ui.screens.session_dialogs import StartSessionScreen
from infoview_tui.ui.screens.today import TodayScreen
from tests.conftest import FIXED_NOW, make_app
from tests.functional.test_app import wait_until


def demo(repository: Repository) -> Repository:
    build_demo(repository, FIXED_NOW)
    return repository


def planned_contact_id(repository: Repository) -> str:
    return repository.interviews_where(InterviewStatus.PLANNED)[0].contact_id


async def test_a_conversation_asked_for_by_a_screen_starts_and_finishes_back_on_today(repository: Repository) -> None:
    contact_id = planned_contact_id(demo(repository))
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")  # any screen may ask: here the network
        app.screen.post_message(StartInterview(contact_id))
        await wait_until(pilot, lambda: isinstance(app.screen, StartSessionScreen), 3.0)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), 3.0)
        assert app.current_mode == "call"
        session = app.screen
        assert isinstance(session, SessionScreen)
        session.post_message(SessionFinished("Saved your conversation.", session.interview.id))
        await wait_until(pilot, lambda: isinstance(app.screen, ReflectionScreen), 3.0)
        assert app.current_mode == "today"
        await pilot.press("escape", "f8")  # the call is over: F8 has nothing to go back to
        await pilot.pause()
        assert app.current_mode == "today"
        messages = [n.message for n in app._notifications]
        assert any("Saved your conversation." in message for message in messages)
        # The call is over: nothing says it is still under way (it did, as F2 left the call).
        assert not any("still under way" in message for message in messages), messages


async def test_a_deleted_conversation_closes_its_call(repository: Repository) -> None:
    contact_id = planned_contact_id(demo(repository))
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.post_message(StartInterview(contact_id))
        await wait_until(pilot, lambda: isinstance(app.screen, StartSessionScreen), 3.0)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), 3.0)
        interview_id = app.screen.interview.id  # type: ignore[attr-defined]
        await pilot.press("f4")
        app.screen.post_message(CloseSession(interview_id))
        await wait_until(pilot, lambda: not app.check_action("back_to_call", ()), 3.0)
        await pilot.press("f8")  # nothing to go back to
        await pilot.pause()
        assert app.current_mode == "interviews"


async def test_reflection_and_logging_are_asked_for_by_message(repository: Repository) -> None:
    demo(repository)
    done = repository.interviews_where(InterviewStatus.DONE)[0]
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.post_message(Reflect(done.id))
        await wait_until(pilot, lambda: isinstance(app.screen, ReflectionScreen), 3.0)
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen), 3.0)
        app.screen.post_message(LogConversation(done.contact_id))
        await wait_until(pilot, lambda: isinstance(app.screen, LogConversationScreen), 3.0)
        assert app.screen.contact is not None and app.screen.contact.id == done.contact_id  # type: ignore[attr-defined]
