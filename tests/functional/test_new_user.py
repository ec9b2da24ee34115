"""Issue 13, "what a new user ran into": each surprise a first session met, as a test."""

from __future__ import annotations

from textual.widgets import Input

from infoview_tui.demo import build_demo
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.curiosities import CuriositiesScreen
from infoview_tui.ui.screens.dialogs import TextPrompt
from tests.conftest import FIXED_NOW, make_app


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
