"""The header on top of every screen: the app's name, the screen's, and how saving goes."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.widgets import Label

from infoview_tui.store.repository import Repository
from infoview_tui.ui.widgets.header import AppHeader
from tests.conftest import make_app


def header_parts(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The header's three parts as shown, each cut to the width it was given."""
    header = app.screen.query_one(AppHeader)
    parts = []
    for label in header.query(Label):
        text = str(label.render())
        parts.append(text[: label.content_region.width])
    return parts


async def wait_until(pilot, condition, seconds: float) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


async def test_the_header_names_the_app_the_screen_and_how_saving_goes(repository: Repository, db_path: Path) -> None:
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        assert header_parts(app) == ["infoview", "Today", "all saved"]
        await pilot.press(*"UX research")  # into Today's brainstorm
        assert header_parts(app)[2] == "saving…"
        await wait_until(pilot, lambda: header_parts(app)[2] == "saved 19:30", 20.0)
        await pilot.press("f3")
        await pilot.pause()
        assert header_parts(app)[:2] == ["infoview", "Network"]
        await pilot.press("f2", "ctrl+p")  # the palette: Values, a screen opened over Today
        await pilot.press(*"Values", "enter")
        await pilot.pause()
        assert header_parts(app)[1] == "Values"


async def test_a_long_save_status_is_shown_whole_at_80_columns(repository: Repository) -> None:
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        app.save_status = "changes go to a conflict copy"
        await pilot.pause()
        assert header_parts(app) == ["infoview", "Today", "changes go to a conflict copy"]


async def test_the_call_is_named_as_f8_and_the_help_name_it(repository: Repository) -> None:
    from infoview_tui.demo import build_demo
    from tests.conftest import FIXED_NOW
    from tests.functional.test_session import start_with_daniel

    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_with_daniel(pilot)
        f8 = next(binding for binding in app.BINDINGS if isinstance(binding, Binding) and binding.key == "f8")
        assert header_parts(app)[1] == f8.description == "The call"
