"""At 80 columns every screen's footer shows all of the screen's own keys and F1 Help,
whole; the keys that switch screens make room first (F1 lists them)."""

from __future__ import annotations

import itertools

import pytest
from textual.widget import Widget

from infoview_tui.demo import build_demo
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.interviews import InterviewsScreen
from infoview_tui.ui.screens.session import SessionScreen
from tests.conftest import FIXED_NOW, make_app
from tests.functional.test_app import show_network, wait_until
from tests.functional.test_session import start_with_daniel

WIDTH = 80


def shown_keys(app) -> list[Widget]:  # type: ignore[no-untyped-def]
    """The footer's keys a person can see: displayed and given room."""
    footer = app.screen.query_one("Footer")
    return [key for key in footer.query("FooterKey") if key.display and key.region.width > 0 and key.parent.display]


def own_keys(app) -> set[str]:  # type: ignore[no-untyped-def]
    """The keys the screen (or what has the focus on it) shows, as opposed to the app's."""
    return {key for key, active in app.screen.active_bindings.items() if active.node is not app and active.binding.show}


def assert_footer_fits(app) -> None:  # type: ignore[no-untyped-def]
    keys = shown_keys(app)
    described = {getattr(key, "key", "") for key in keys}
    palette = [key for key in keys if key.has_class("-command-palette")]
    for key in keys:
        assert key.region.right <= WIDTH, f"{key.key_display} {key.description} is cut at {WIDTH} columns"
        for other in palette:
            if key is not other and key.region.y == other.region.y:
                assert key.region.right <= other.region.x, f"{key.description} runs under the palette key"
    assert "f1" in described, "F1 Help is not shown"
    missing = own_keys(app) - described
    assert not missing, f"the screen's own keys {sorted(missing)} are not shown"


@pytest.mark.parametrize("screen_key", ["f2", "f3", "f4", "f5", "f6"])
async def test_each_main_screen_shows_its_own_keys_and_help_whole_at_80_columns(
    repository: Repository, screen_key: str
) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        await pilot.press(screen_key)
        await pilot.pause()
        await pilot.pause()
        assert_footer_fits(app)


async def test_a_group_of_keys_stays_on_the_row_of_its_description(repository: Repository) -> None:
    """The network's "+- Tier" is two cells, the keys and their description: in two rows
    the keys were left at the end of the first and "Tier" began the second."""
    from textual.widgets import Label

    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        await show_network(pilot)
        for _ in range(3):  # the focus on the bullseye, the list, the search box: different keys each
            await pilot.pause()
            footer = app.screen.query_one("Footer")
            children = [child for child in footer.children if child.display]
            for before, label in itertools.pairwise(children):
                if isinstance(label, Label) and label.region.width:
                    assert before.region.y == label.region.y, f"{label.render()} is on another row than its keys"
            await pilot.press("tab")


async def test_the_call_shows_its_keys_and_help_whole_at_80_columns(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        await start_with_daniel(pilot)
        assert isinstance(app.screen, SessionScreen)
        await pilot.pause()
        assert_footer_fits(app)


async def test_the_key_of_the_screen_shown_is_left_out_and_the_rest_come_back_when_wider(
    repository: Repository,
) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(app.screen, InterviewsScreen), 2.0)
        await pilot.pause()
        assert "f4" not in {key.key for key in shown_keys(app)}  # the Interviews screen is already shown
        assert_footer_fits(app)
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        await pilot.pause()
        shown = {key.key for key in shown_keys(app)}
        assert {"f2", "f3", "f5", "f6", "f1", "ctrl+q"} <= shown


async def test_the_footer_is_not_rebuilt_when_its_keys_and_width_stay_the_same(
    repository: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual asks a footer to recompose on every binding change; each one cost 10-25 ms
    and six ran before the first frame. Only a change it would show rebuilds it."""
    from textual.widgets import Footer

    composed: list[Widget] = []
    real_recompose = Footer.recompose

    async def counting(footer: Footer) -> None:
        composed.append(footer)
        await real_recompose(footer)

    monkeypatch.setattr(Footer, "recompose", counting)
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        await wait_until(pilot, lambda: bool(footer.query("FooterKey")), 10)
        before = len(composed)
        for _ in range(3):
            footer.bindings_changed(app.screen)  # what Textual does when bindings may have changed
            await pilot.pause()
        assert len(composed) == before
        assert_footer_fits(app)
        await pilot.resize_terminal(120, 30)
        await wait_until(pilot, lambda: len(composed) > before, 10)  # a new width is fitted again
