"""Issue 13: a toast must not leave the screen beneath showing through at its right edge."""

from __future__ import annotations

from infoview_tui.demo import build_demo
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.network import NetworkScreen
from tests.conftest import FIXED_NOW, make_app
from tests.functional.test_app import wait_until


async def test_a_toast_reaches_the_right_edge_so_nothing_beneath_peeks_out(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("f3")
        await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen), 10)
        app.notify("Saved Ada Lovelace (tier 1). Press u to undo the change to her tier")
        await wait_until(pilot, lambda: bool(app.screen.query("Toast")), 10)
        await pilot.pause()
        toast = app.screen.query_one("Toast")
        right_column = app.size.width - 1
        rows = range(toast.region.y, toast.region.bottom)
        beneath = {y: app.screen.get_widget_at(right_column, y)[0] for y in rows}
        assert all(widget is toast for widget in beneath.values()), beneath
