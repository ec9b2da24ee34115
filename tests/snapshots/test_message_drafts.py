"""The messages after the ask at 80x24 (and the follow-up and the templates at 120x40): the
three drafts opened from Today, the name asked before the first message, and the message
templates with their kind selector. (Kept apart from test_screens.py so helpers working on
other screens at the same time do not edit one file.) Refresh after an intended change with
`python -m pytest tests/snapshots/test_message_drafts.py --snapshot-update`, and look first."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from infoview_tui.demo import build_demo
from infoview_tui.domain.model import Ask, Channel, Mode, Stage
from infoview_tui.domain.outreach import WARM_ASK, fill_template
from infoview_tui.domain.stages import last_change_to
from infoview_tui.store.repository import Repository
from tests.conftest import FIXED_NOW, first_screen_shown, make_app

SIZES = [(80, 24), (120, 40)]


def demo(repository: Repository, *, your_name: str = "Sam") -> Repository:
    build_demo(repository, FIXED_NOW)
    # Rosa's ask kept its words (the demo records the stage only), so the follow-up quotes it.
    rosa = next(c for c in repository.contacts() if c.name == "Rosa Silva")
    asked = last_change_to(rosa, Stage.ASKED)
    assert asked is not None
    words = fill_template(WARM_ASK, rosa, curiosity=None, mode=Mode.IN_PERSON, your_name=your_name)
    repository.save_contact(replace(rosa, asks=[Ask(asked, Channel.MESSAGE, words)]))
    settings = repository.settings()
    repository.save_settings(replace(settings, your_name=your_name, your_name_asked=bool(your_name)))
    repository.flush()  # the header then says "all saved", whatever the timing
    return repository


async def _no_blink(pilot: Pilot[None]) -> None:
    """A blinking cursor would be drawn or not depending on timing; so would the header's
    "saving…" against "all saved" (nothing here is typed: whatever is pending is written now)."""
    for field in pilot.app.screen.query("TextArea, Input"):
        field.cursor_blink = False  # type: ignore[attr-defined]
    pilot.app.repository.flush()  # type: ignore[attr-defined]
    pilot.app.saving.update_status()  # type: ignore[attr-defined]
    await pilot.pause()


def from_today(words: str):  # type: ignore[no-untyped-def]
    async def open_it(pilot: Pilot[None]) -> None:
        await first_screen_shown(pilot)  # Today's body is built just after the first frame
        agenda = pilot.app.screen.query_one("#today-agenda", OptionList)
        (index,) = [i for i in range(agenda.option_count) if words in str(agenda.get_option_at_index(i).prompt)]
        agenda.focus()
        agenda.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        await _no_blink(pilot)

    return open_it


@pytest.mark.parametrize(
    "words",
    ["Thank Tom for the conversation", "Send Jonas an update", "Send Rosa one follow-up"],
    ids=["thank_you", "update", "follow_up"],
)
def test_draft_dialog(snap_compare, repository: Repository, words: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo(repository)), run_before=from_today(words), terminal_size=(80, 24))


def test_draft_dialog_wide(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    opened = from_today("Send Omar one follow-up")
    assert snap_compare(make_app(demo(repository)), run_before=opened, terminal_size=(120, 40))


def test_your_name_before_the_first_message(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    opened = from_today("Thank Tom for the conversation")
    assert snap_compare(make_app(demo(repository, your_name="")), run_before=opened, terminal_size=(80, 24))


def test_your_name_asked_once_fits_80_columns(repository: Repository) -> None:
    from infoview_tui.ui.screens.drafts import YourNamePrompt

    assert len(YourNamePrompt().question) <= 62  # the prompt's line at 80 columns, whole


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_message_templates_of_a_kind(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def thank_you_templates(pilot: Pilot[None]) -> None:
        pilot.app.action_message_templates()  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("k", "k")  # ask -> follow-up -> thank-you
        await pilot.pause()
        await _no_blink(pilot)

    assert snap_compare(make_app(demo(repository)), run_before=thank_you_templates, terminal_size=size)
