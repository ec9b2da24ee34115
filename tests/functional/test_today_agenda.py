"""Today with hundreds of follow-ups due (a LinkedIn-sized network): the agenda builds a
page of lines, not every one, and enter on its last line shows the next page."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import OptionList, Static

from infoview_tui.domain.model import Contact, Stage
from infoview_tui.domain.stages import move
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.today import FOLLOW_UPS_PER_PAGE, TodayScreen
from tests.conftest import FIXED_NOW, make_app


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
