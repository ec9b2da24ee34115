"""Coming back to a main screen rebuilds it only when something it shows changed (a table
it shows, or the day), so switching screens on a big network does not re-read the store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from textual.widgets import DataTable, Static

from infoview_tui.demo import build_demo
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.base import InfoviewScreen
from infoview_tui.ui.screens.insights import InsightsScreen
from infoview_tui.ui.screens.interviews import InterviewsScreen
from infoview_tui.ui.screens.network import NetworkScreen
from infoview_tui.ui.screens.today import TodayScreen
from tests.conftest import FIXED_NOW, MovableClock, make_app

MAIN = {"f2": TodayScreen, "f3": NetworkScreen, "f4": InterviewsScreen, "f5": InsightsScreen}


def count_builds(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often each main screen was built from the store (a spy on refresh_from_store)."""
    builds = dict.fromkeys((cls.__name__ for cls in MAIN.values()), 0)
    for cls in MAIN.values():
        original = cls.refresh_from_store

        def spy(
            self: InfoviewScreen, *args: object, _original: Callable[..., None] = original, **kwargs: object
        ) -> None:
            builds[type(self).__name__] += 1
            _original(self, *args, **kwargs)

        monkeypatch.setattr(cls, "refresh_from_store", spy)
    return builds


async def test_switching_without_a_change_rebuilds_nothing(
    repository: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_demo(repository, FIXED_NOW)
    builds = count_builds(monkeypatch)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert builds["TodayScreen"] == 1  # built once at start-up (it was built twice)
        for key in ("f3", "f4", "f5", "f2"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, MAIN[key])
        first_visits = dict(builds)
        assert first_visits == dict.fromkeys(builds, 1)
        for key in ("f3", "f4", "f5", "f2", "f4", "f3"):
            await pilot.press(key)
            await pilot.pause()
        assert builds == first_visits


async def test_a_change_to_a_contact_refreshes_the_screens_that_show_it(
    repository: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_demo(repository, FIXED_NOW)
    builds = count_builds(monkeypatch)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("f3", "f4", "f5", "f2"):
            await pilot.press(key)
            await pilot.pause()
        before = dict(builds)
        contact = next(c for c in repository.contacts() if repository.interviews_with(c.id))
        repository.save_contact(replace(contact, name="Renamed Person"))
        for key in ("f3", "f4", "f5", "f2"):
            await pilot.press(key)
            await pilot.pause()
        assert builds == {name: count + 1 for name, count in before.items()}
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, InterviewsScreen)
        assert any(row.name == "Renamed Person" for row in app.screen.rows.values())
        # Only a change to what a screen shows rebuilds it: the values are nobody's here.
        from infoview_tui.domain.model import Value

        repository.save_value(Value(name="Autonomy"))
        for key in ("f3", "f5", "f2"):
            await pilot.press(key)
            await pilot.pause()
        assert builds == {name: count + 1 for name, count in before.items()}


async def test_a_day_passing_refreshes_today(repository: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    build_demo(repository, FIXED_NOW)
    clock = MovableClock()
    app = make_app(repository, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        heading = app.screen.query_one("#today-date", Static)
        assert "Wednesday 25 November" in str(heading.render())
        await pilot.press("f3")
        await pilot.pause()
        clock.advance(hours=2)  # still Wednesday: nothing Today says has changed
        builds = count_builds(monkeypatch)
        await pilot.press("f2")
        await pilot.pause()
        assert builds["TodayScreen"] == 0
        await pilot.press("f3")
        await pilot.pause()
        clock.advance(days=1)
        await pilot.press("f2")
        await pilot.pause()
        assert builds["TodayScreen"] == 1
        assert "Thursday 26 November" in str(app.screen.query_one("#today-date", Static).render())


async def test_a_new_theme_still_redraws_the_kept_rows(repository: Repository) -> None:
    """The interviews table and the bullseye keep their drawn rows across visits; a theme
    change must still draw them in the new colours."""
    from infoview_tui.ui.widgets.bullseye import Bullseye

    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        drawn: dict[str, list[object]] = {}
        for key, widget in (("f4", "#interviews-table"), ("f3", "#bullseye")):
            await pilot.press(key)
            await pilot.pause()
            drawn[widget] = [segment.style for segment in app.screen.query_one(widget).render_line(1)]
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        for key, widget in (("f4", "#interviews-table"), ("f3", "#bullseye")):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen.query_one(widget), Bullseye | DataTable)
            now = [segment.style for segment in app.screen.query_one(widget).render_line(1)]
            assert now != drawn[widget], widget


async def test_the_interviews_table_is_filled_once_on_the_first_visit(
    repository: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its filters announcing their first values no longer fill the 500-row table a second time."""
    build_demo(repository, FIXED_NOW)
    fills = []
    original = InterviewsScreen._fill

    def spy(self: InterviewsScreen) -> None:
        fills.append(1)
        original(self)

    monkeypatch.setattr(InterviewsScreen, "_fill", spy)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        await pilot.pause()
        assert len(fills) == 1
        table = app.screen.query_one(DataTable)
        shown = table.row_count
        # A filter chosen still filters.
        app.screen.query_one("#filter-showing").value = "upcoming"
        await pilot.pause()
        assert len(fills) == 2 and 0 < table.row_count < shown
