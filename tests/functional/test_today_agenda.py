"""Today with hundreds of follow-ups due (a LinkedIn-sized network): the agenda builds a
page of lines, not every one, and enter on its last line shows the next page."""

from __future__ import annotations

from datetime import timedelta

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from infoview_tui.domain.model import Contact, Stage
from infoview_tui.domain.stages import move
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.today import FOLLOW_UPS_PER_PAGE, TodayScreen
from tests.conftest import FIXED_NOW, first_screen_shown, make_app
from tests.functional.test_app import wait_until


def follow_up_lines(agenda: OptionList) -> list[str]:
    return [str(option.id) for option in agenda.options if str(option.id).startswith("follow_up:")]


async def test_a_page_of_follow_ups_then_more_on_enter(repository: Repository) -> None:
    asked = FIXED_NOW - timedelta(days=20)  # both reminders (3 and 7 business days) are due
    people = FOLLOW_UPS_PER_PAGE + 5  # two follow-ups each
    with repository.together():
        for number in range(people):
            repository.save_contact(move(Contact(name=f"Person {number:03}", tier=4), Stage.ASKED, asked))
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        agenda = screen.query_one("#today-agenda", OptionList)
        assert len(follow_up_lines(agenda)) == FOLLOW_UPS_PER_PAGE
        total = 2 * people
        headings = [str(option.prompt) for option in agenda.options if option.disabled]
        assert f"Follow-ups due ({total})" in headings  # the count is of all of them
        more = agenda.get_option_index("more:follow_ups")
        assert f"{total - FOLLOW_UPS_PER_PAGE} more due" in str(agenda.get_option_at_index(more).prompt)

        agenda.highlighted = more
        await pilot.pause()
        assert "show 40 more" in str(screen.query_one("#today-agenda-hint", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert len(follow_up_lines(agenda)) == 2 * FOLLOW_UPS_PER_PAGE
        # The highlight is on the first line added, where "more" was.
        assert agenda.highlighted == more
        assert str(agenda.highlighted_option.id).startswith("follow_up:")

        agenda.highlighted = agenda.get_option_index("more:follow_ups")
        await pilot.press("enter")
        await pilot.pause()
        assert len(follow_up_lines(agenda)) == total
        assert "more:follow_ups" not in [option.id for option in agenda.options]


async def test_a_dialog_cancelled_leaves_the_agenda_where_it_was(repository: Repository) -> None:
    """Enter on "Who next" opens a dialog; escape out of it came back to the agenda's first
    line, so the next enter acted on another line than the one just looked at."""
    asked = FIXED_NOW - timedelta(days=20)
    with repository.together():
        for number in range(6):
            repository.save_contact(move(Contact(name=f"Person {number:03}", tier=4), Stage.ASKED, asked))
        zed = repository.save_contact(Contact(name="Zed Ames", tier=1))  # not asked yet: who next
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await first_screen_shown(pilot)
        agenda = app.screen.query_one("#today-agenda", OptionList)
        third = agenda.get_option_index(f"who_next:{zed.id}")  # below a dozen follow-ups
        agenda.focus()
        agenda.highlighted = third
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, TodayScreen), 3.0)  # a dialog over Today
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.focused is agenda and agenda.highlighted == third
        await pilot.press("f3", "f2")  # coming back from another screen still starts at the top
        await pilot.pause()
        assert agenda.highlighted == next(i for i, option in enumerate(agenda.options) if not option.disabled)


async def on_who_next(pilot: Pilot[None], who: Contact) -> None:
    """Today shown, the agenda focused, its "who next" line for `who` highlighted."""
    await first_screen_shown(pilot)
    agenda = pilot.app.screen.query_one("#today-agenda", OptionList)
    await wait_until(pilot, lambda: pilot.app.focused is agenda, 3.0)
    agenda.highlighted = agenda.get_option_index(f"who_next:{who.id}")
    await pilot.pause()


async def test_the_footer_says_what_enter_does_on_the_agenda(repository: Repository) -> None:
    """With the agenda focused the footer lost "⏎ Do it": OptionList's own enter, hidden from
    footers, stood in front of Today's."""
    zed = repository.save_contact(Contact(name="Zed Ames", tier=1))  # not asked yet: who next
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_who_next(pilot, zed)
        enter = app.screen.active_bindings["enter"].binding
        assert (enter.description, enter.show) == ("Do it", True)  # what the footer lists
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, TodayScreen), 3.0)  # the ask opens


async def test_a_key_mapped_to_do_it_does_it_on_the_agenda(repository: Repository) -> None:
    from dataclasses import replace

    zed = repository.save_contact(Contact(name="Zed Ames", tier=1))
    repository.save_settings(replace(repository.settings(), keymap={"today.do": "o"}))
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_who_next(pilot, zed)
        assert app.screen.active_bindings["o"].binding.description == "Do it"
        await pilot.press("o")
        await wait_until(pilot, lambda: not isinstance(app.screen, TodayScreen), 3.0)


async def test_a_big_networks_tiers_get_a_line_of_their_own(repository: Repository) -> None:
    """At 80 columns the line wrapped wherever the edge fell: "… · tier" / "4: 13989)"."""
    with repository.together():
        for number in range(2000):
            repository.save_contact(Contact(name=f"Person {number:04}", tier=3 + number % 2))
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_screen_shown(pilot)
        network = app.screen.query_one("#today-network", Static)
        shown, width = str(network.render()), network.size.width
    assert shown == "Network: 2,000 contacts\ntier 1: 0 · tier 2: 0 · tier 3: 1,000 · tier 4: 1,000"
    assert all(len(line) <= width for line in shown.splitlines())
