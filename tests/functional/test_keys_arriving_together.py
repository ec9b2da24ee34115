"""Keys that arrive together (a fast typist on a busy machine, keys sent by a script, a
terminal catching up after a stall) are handled in the order they were typed, also when the
last of them is a priority key: ctrl+s, escape on the screens that bind it first, an F key,
ctrl+q. Those keys are checked as they reach the app while the letters before them still
wait in the field's own queue; before, a save saw a field without its last letters, and an
escape or a screen switch closed a dialog as "nothing typed" while its letters were still
on their way, and they were lost.

The letters and the last key are posted to the app in one go, so all are queued before any
is handled: the order a real terminal delivers them in when the app is busy."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from infoview_tui.domain.model import Contact, InterviewStatus
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.dialogs import ConfirmScreen
from infoview_tui.ui.screens.log_conversation import LogConversationScreen
from infoview_tui.ui.screens.reflection import ReflectionScreen
from infoview_tui.ui.screens.today import TodayScreen
from tests.conftest import MovableClock, make_app
from tests.functional.terminal import RealTerminal, read_brainstorm
from tests.functional.test_app import wait_until
from tests.functional.test_typed_text_kept import ASKING, PLACES, TYPED, at_place, seed, text_of


def type_at_once(pilot: Pilot[None], text: str, last_key: str) -> None:
    for char in text:
        pilot.app.post_message(events.Key("space" if char == " " else char, char))
    pilot.app.post_message(events.Key(last_key, None))


@pytest.mark.parametrize("name", list(PLACES))
async def test_escape_right_after_the_letters_still_keeps_them_or_asks(repository: Repository, name: str) -> None:
    place = PLACES[name]
    async with at_place(repository, place) as pilot:
        app = pilot.app
        type_at_once(pilot, TYPED, "escape")
        if place.kept == "saved":
            await wait_until(pilot, lambda: place.saved is not None and place.saved(repository), 5)
            assert not isinstance(app.screen, ConfirmScreen)
        else:
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), 5)


@pytest.mark.parametrize("name", ASKING)
async def test_a_main_screen_key_right_after_the_letters_leaves_the_dialog_open(
    repository: Repository, name: str
) -> None:
    """F2 closes what is open over a screen unless it holds typed text: letters on their
    way count as typed."""
    async with at_place(repository, PLACES[name]) as pilot:
        app = pilot.app
        field = app.focused
        assert field is not None
        type_at_once(pilot, TYPED, "f2")
        await wait_until(pilot, lambda: TYPED in text_of(field), 5)
        await pilot.pause()
        # Kept where it was: over Today, or in the screen F2 left (F3 comes back to it).
        assert field.is_attached, f"{name}: F2 closed the dialog and its letters with it"


async def test_logging_a_conversation_with_ctrl_s_right_after_the_date(repository: Repository) -> None:
    async with at_place(repository, PLACES["log a past conversation (network l)"]) as pilot:
        app = pilot.app
        assert isinstance(app.screen, LogConversationScreen)
        done_before = len(repository.interviews_where(InterviewStatus.DONE))
        type_at_once(pilot, "yesterday 10am", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReflectionScreen), 5)
        assert len(repository.interviews_where(InterviewStatus.DONE)) == done_before + 1


async def test_ctrl_q_right_after_notes_saves_every_letter(repository: Repository, db_path: Path) -> None:
    async with at_place(repository, PLACES["session: question notes"]) as pilot:
        app = pilot.app
        type_at_once(pilot, "the last words before quitting", "ctrl+q")
        await wait_until(pilot, lambda: not app.is_running, 5)
    stored = orjson.loads(db_path.read_bytes())
    assert "the last words before quitting" in str(stored["interviews"])


async def test_f2_right_after_brainstorm_keeps_it(repository: Repository) -> None:
    async with at_place(repository, PLACES["today: brainstorm (b)"]) as pilot:
        app = pilot.app
        type_at_once(pilot, TYPED, "f3")
        await wait_until(pilot, lambda: not isinstance(app.screen, TodayScreen), 5)
        await wait_until(pilot, lambda: TYPED in repository.settings().brainstorm, 5)


def post_keys(pilot: Pilot[None], *keys: str) -> None:
    """Keys as a terminal delivers them when the app is busy: all queued before any is
    handled. A word is typed letter by letter; other names are keys ("tab", "ctrl+s")."""
    for key in keys:
        if key in ("tab", "enter", "escape") or "+" in key:
            pilot.app.post_message(events.Key(key, None))
            continue
        for char in key:
            pilot.app.post_message(events.Key("space" if char == " " else char, char))


async def test_a_name_typed_straight_after_the_key_that_opens_the_form_is_kept(repository: Repository) -> None:
    seed(repository)
    app = make_app(repository, MovableClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "NetworkScreen", 5)
        await pilot.pause()
        post_keys(pilot, "a", "Fast Open", "ctrl+s")  # `a` opens the form; the name comes before it is drawn
        await wait_until(pilot, lambda: "Fast Open" in [c.name for c in repository.contacts()], 5)


async def test_fields_typed_ahead_across_tab_land_in_their_own_fields(repository: Repository) -> None:
    async with at_place(repository, PLACES["contact form, new (network a)"]) as pilot:
        app = pilot.app
        name = app.focused
        await pilot.press("tab", "tab")  # past the tier
        company = app.focused
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is name and isinstance(name, Input) and isinstance(company, Input)
        assert company.id == "field-company"
        post_keys(pilot, "Ann Lee", "tab", "tab", "Globex")
        await wait_until(pilot, lambda: company.value == "Globex", 5)
        assert name.value == "Ann Lee"


async def test_a_value_and_its_meaning_typed_ahead(repository: Repository) -> None:
    async with at_place(repository, PLACES["values: add (a)"]) as pilot:
        await pilot.press("escape")  # back to the list of values, nothing typed
        await pilot.pause()
        post_keys(pilot, "a", "Calm pace", "tab", "no rush", "ctrl+s")
        await wait_until(pilot, lambda: "Calm pace" in [v.name for v in repository.values()], 5)
        (value,) = [v for v in repository.values() if v.name == "Calm pace"]
        assert value.meaning == "no rush"


async def test_a_referral_typed_ahead_through_its_fields_and_the_words_after_it(repository: Repository) -> None:
    """Enter moves from field to field and, on the last, adds the referral: every field gets
    its own words, and what is typed after the dialog closed goes into the call's notes,
    not into the closing dialog (where it vanished)."""
    async with at_place(repository, PLACES["session: referral (ctrl+r)"]) as pilot:
        app = pilot.app
        dialog = app.screen
        post_keys(pilot, "Kim Lo", "enter", "kim@example.org", "enter", "Potter", "enter", "say hi", "enter")
        post_keys(pilot, "after the dialog")
        await wait_until(pilot, lambda: dialog not in app.screen_stack, 5)
        await wait_until(pilot, lambda: running_notes_hold(repository, "after the dialog"), 5)
        kim = next(contact for contact in repository.contacts() if contact.name == "Kim Lo")
        assert kim.emails == ["kim@example.org"] and kim.role == "Potter"


def running_notes_hold(repository: Repository, words: str) -> bool:
    (running,) = repository.interviews_where(InterviewStatus.IN_PROGRESS)
    return any(words in notes for notes in running.question_notes.values())


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")
def test_keys_typed_while_the_app_starts_act_on_the_first_screen_once_it_is_shown(tmp_path: Path) -> None:
    """Today's body is built after the first frame (issue #14); keys typed before it, from
    the moment the command is started, wait for it: `b` opens the brainstorm and the words
    after it land there, then ctrl+q saves them."""
    db = tmp_path / "infoview.json"
    repository = Repository.open(db)
    repository.save_contact(Contact(name="Ana Lima", tier=1))  # Today opens on the agenda
    repository.close()
    terminal = RealTerminal("--db", str(db))
    try:
        terminal.type("bpottery")  # before a single frame: Python has not even started yet
        terminal.wait_for_output(b"piques")  # the body is drawn: the app has the terminal (before, ^Q was flow control)
        terminal.type("\x11")
        exit_code = terminal.finish()
    finally:
        terminal.kill()
    assert exit_code == 0
    assert read_brainstorm(db) == "pottery"
