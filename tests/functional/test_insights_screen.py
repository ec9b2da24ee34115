"""Insights on a big network: the referral tree stays readable (the first people, innermost
tiers first, then how many more), and its figures are those of the interviews as stored."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Static

from infoview_tui.domain.model import Contact, Stage
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.insights import REFERRAL_TREE_PEOPLE, InsightsScreen
from tests.conftest import make_app
from tests.functional.test_app import wait_until


async def test_a_tree_of_hundreds_shows_its_first_people_and_counts_the_rest(repository: Repository) -> None:
    hub = repository.save_contact(Contact(name="Hub Person", tier=1, stage=Stage.INTERVIEWED))
    for number in range(150):
        repository.save_contact(Contact(name=f"Referred {number:03d}", tier=3, referred_by=hub.id))
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await wait_until(pilot, lambda: isinstance(app.screen, InsightsScreen), 10)
        await pilot.pause()
        console = Console(width=120, record=True, file=io.StringIO())
        console.print(app.screen.query_one("#insights-referrals", Static).content)
        tree = console.export_text()
        assert "Referral tree: 150 people referred" in tree
        assert "Hub Person" in tree and "Referred 000" in tree
        shown = sum(1 for number in range(150) if f"Referred {number:03d}" in tree)
        assert shown == REFERRAL_TREE_PEOPLE - 1  # the hub is one of those shown
        assert f"… and {151 - REFERRAL_TREE_PEOPLE} more people in the tree" in tree
