"""Words the user typed or imported are shown as written, brackets included.

Rich and Textual read a plain str given to a table cell, a column heading or a list's
option as markup: "[b]" turned bold and vanished, "[/]" stopped the app with a
MarkupError (a person called "Zoe [/]" on F4; a curiosity or a takeaway holding it on
Insights). Every text field of the demo gets brackets here, and every main screen and the
places they open are visited: none may fail, and the brackets must be on the screen."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Select, SelectionList

from infoview_tui.demo import build_demo
from infoview_tui.domain.model import Question
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.insights import ComparisonScreen
from infoview_tui.ui.screens.interviews import InterviewsScreen, InterviewView
from tests.conftest import FIXED_NOW, MovableClock, make_app
from tests.functional.test_app import wait_until

MARK = "[/]"
BOLD = "[b]"


def bracketed(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    with repository.together():
        for number, contact in enumerate(repository.contacts()):
            repository.save_contact(
                replace(
                    contact,
                    # Some first names hold the brackets too: Today's lines and hints use those.
                    name=f"{MARK}{contact.name}" if number % 2 else f"{contact.name} {MARK}",
                    company=f"{contact.company} {BOLD}co",
                    role=f"{contact.role} {MARK}",
                    how_we_know=f"{contact.how_we_know} [@click=app.quit]x",
                    notes=f"notes {MARK}",
                )
            )
        for curiosity in repository.curiosities():
            repository.save_curiosity(replace(curiosity, name=f"{curiosity.name} {MARK}", description=f"{BOLD}d"))
        for value in repository.values():
            repository.save_value(replace(value, name=f"{value.name} {MARK}", meaning=f"{BOLD}m"))
        for interview in repository.interviews():
            repository.save_interview(
                replace(
                    interview,
                    questions=[Question(f"{q.text} {MARK}", q.id) for q in interview.questions],
                    question_notes={key: f"{text} {MARK}" for key, text in interview.question_notes.items()},
                    free_notes=f"free {MARK}",
                    reflection=replace(interview.reflection, takeaways=f"took away {MARK}"),
                )
            )


def screen_text(pilot: Pilot[None]) -> str:
    return pilot.app.export_screenshot()


async def open_and_look(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.pause()
    assert MARK in screen_text(pilot), f"after {keys}: the brackets are not shown"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_every_main_screen_shows_brackets_as_written(repository: Repository, size: tuple[int, int]) -> None:
    bracketed(repository)
    app = make_app(repository, MovableClock())
    async with app.run_test(size=size, notifications=True) as pilot:
        await open_and_look(pilot, "f2")
        for _ in range(8):  # each line of the agenda has its hint below it
            await pilot.press("down")
        app.notify(f"Saved {MARK}Zoe")  # messages quote names: shown as written
        await pilot.pause()
        assert f"{MARK}Zoe" in screen_text(pilot)
        await open_and_look(pilot, "f3")
        await open_and_look(pilot, "enter")  # the contact form
        await pilot.press("escape")
        await open_and_look(pilot, "f4")
        assert isinstance(app.screen, InterviewsScreen)
        app.screen.query_one("#filter-curiosity", Select).focus()
        await open_and_look(pilot, "enter")  # the curiosities to filter by
        await pilot.press("escape")
        table = app.screen.query_one(DataTable)
        table.focus()
        await pilot.press("end")
        await open_and_look(pilot, "enter")  # the reader of a finished conversation
        assert isinstance(app.screen, InterviewView)
        await pilot.press("escape")
        await open_and_look(pilot, "f5")
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, ComparisonScreen), 5)
        picker = app.screen.query_one(SelectionList)
        picker.select_all()
        await pilot.pause()
        await pilot.pause()
        assert "[b]d" in screen_text(pilot) or MARK in screen_text(pilot)
        await pilot.press("escape")
        await pilot.press("f6", *"notes")
        await wait_until(pilot, lambda: MARK in screen_text(pilot), 5)
        assert app.is_running
