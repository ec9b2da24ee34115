"""Issue 13: a toast must not leave the screen beneath showing through at its right edge."""

from __future__ import annotations

from infoview_tui.demo import build_demo
from infoview_tui.store.repository import Repository
from tests.conftest import FIXED_NOW, make_app
from tests.functional.test_app import show_network, wait_until


async def test_a_toast_reaches_the_right_edge_so_nothing_beneath_peeks_out(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await show_network(pilot)
        app.notify("Saved Ada Lovelace (tier 1). Press u to undo the change to her tier")
        await wait_until(pilot, lambda: bool(app.screen.query("Toast")), 10)
        await pilot.pause()
        toast = app.screen.query_one("Toast")
        right_column = app.size.width - 1
        rows = range(toast.region.y, toast.region.bottom)
        beneath = {y: app.screen.get_widget_at(right_column, y)[0] for y in rows}
        assert all(widget is toast for widget in beneath.values()), beneath


async def test_a_toast_never_covers_a_footer_of_two_rows(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await show_network(pilot)
        footer = app.screen.query_one("Footer")
        await wait_until(pilot, lambda: footer.region.height == 2, 10)  # the network's keys take two rows here
        app.notify("Wrote 5 interviews and index.md to /tmp/out/.")
        await wait_until(pilot, lambda: bool(app.screen.query("Toast")), 10)
        await pilot.pause()
        toast = app.screen.query_one("Toast")
        assert toast.region.bottom <= footer.region.y, (toast.region, footer.region)


async def test_the_network_list_heading_shortens_the_tier_name_and_keeps_the_count(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_network(pilot)
        await pilot.pause()
        title = app.screen.query_one("#network-list-title")
        shown = "".join(segment.text for segment in title.render_line(0)).rstrip()
        in_tier_1 = sum(1 for contact in repository.contacts() if contact.tier == 1)
        assert "…" in shown, shown  # the tier's name gave way...
        assert shown.endswith(f"({in_tier_1})"), shown  # ...not how many people are in it
