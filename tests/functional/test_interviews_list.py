"""The Interviews list (F4) as read at 80x24: every row one person, whole or visibly cut."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import DataTable

from infoview_tui.demo import build_demo
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.interviews import InterviewsScreen
from tests.conftest import FIXED_NOW, make_app
from tests.functional.test_app import wait_until

LONG_NAME = "Konstantina Papadopoulou-Smith 12235"


def demo_talking_to(repository: Repository, name: str) -> None:
    """The demo network, everyone it has a conversation with renamed `name`."""
    build_demo(repository, FIXED_NOW)
    talked_to = {interview.contact_id for interview in repository.interviews()}
    with repository.together():
        for contact in repository.contacts():
            if contact.id in talked_to:
                repository.save_contact(replace(contact, name=name))


async def test_a_long_name_is_cut_with_an_ellipsis_on_its_own_line(repository: Repository) -> None:
    """Cut bare, "Yusuf Haddad 12235" read "Yusuf Haddad 122", another person; wrapped, a
    name took a second line only where the row's curiosities did."""
    demo_talking_to(repository, LONG_NAME)
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(app.screen, InterviewsScreen), 3.0)
        table = app.screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count > 0, 3.0)
        await pilot.pause()
        lines = [table.render_line(y).text for y in range(table.size.height)]
    with_the_name = [line for line in lines if "Konstantina" in line]
    assert with_the_name, lines
    assert all("Konstantina Pap…" in line for line in with_the_name), with_the_name
    assert not any("Smith" in line or "12235" in line for line in lines), lines  # no tail on a line of its own


async def test_a_wider_terminal_gives_the_names_room(repository: Repository) -> None:
    """At 120 columns names were cut at 16 characters beside 45 empty columns: two
    "Tariq Muller, P…" rows read alike."""
    name = "Konstantina Papadopoulou 12235"  # 30 characters
    demo_talking_to(repository, name)
    app = make_app(repository)

    def lines() -> list[str]:
        table = app.screen.query_one(DataTable)
        return [table.render_line(y).text for y in range(table.size.height)]

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(app.screen, InterviewsScreen), 3.0)
        await wait_until(pilot, lambda: any(name in line for line in lines()), 3.0)
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: any("Konstantina Pap…" in line for line in lines()), 3.0)
        assert not any(name in line for line in lines())
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: any(name in line for line in lines()), 3.0)
