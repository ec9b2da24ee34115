"""The interview session, driven from the keyboard as during a real call."""

from __future__ import annotations

from pathlib import Path

import orjson
from textual.widgets import Static, TextArea

from infoview_tui.demo import build_demo
from infoview_tui.domain.model import InterviewStatus, ReactionKind, Stage
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.reflection import ReflectionScreen
from infoview_tui.ui.screens.session import SessionScreen
from infoview_tui.ui.screens.session_dialogs import ReferralScreen, StartSessionScreen
from infoview_tui.ui.screens.today import TodayScreen
from infoview_tui.ui.widgets.slider import Slider
from tests.conftest import FIXED_NOW, MovableClock, make_app
from tests.functional.test_app import wait_until


async def start_with_daniel(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("f3", "right")  # Daniel Weiss, tier 1, not yet asked
    await pilot.pause()
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StartSessionScreen)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    # Keys typed before the notes field has the focus would go nowhere (a loaded CI machine
    # can take longer than one pause to get there).
    await wait_until(pilot, lambda: getattr(pilot.app.focused, "id", None) == "question-notes", 3.0)


async def finish_the_call(pilot) -> None:  # type: ignore[no-untyped-def]
    """ctrl+g and yes: the reflection opens straight after the call."""
    await pilot.press("ctrl+g", "y")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReflectionScreen)  # straight after the call; nothing blocks leaving


async def test_a_whole_conversation_is_kept(repository: Repository, db_path: Path) -> None:
    build_demo(repository, FIXED_NOW)
    clock = MovableClock()
    app = make_app(repository, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_with_daniel(pilot)
        screen = app.screen
        assert "Daniel Weiss · Retired carpenter" in str(screen.query_one("#session-person", Static).render())
        assert isinstance(app.focused, TextArea) and app.focused.id == "question-notes"

        await pilot.press(*"Loves the smell of oak")
        clock.advance(minutes=4)
        await pilot.press("ctrl+up", "ctrl+up", "ctrl+up")
        await pilot.press("alt+right", *"Apprentice at 16, own shop at 30")
        clock.advance(minutes=6)
        await pilot.press("alt+up", "alt+up", "ctrl+down")
        await pilot.press("alt+right", *"Back pain; cheap imports")
        clock.advance(minutes=5)
        await pilot.press("alt+down")
        await pilot.press("tab", *"Offered a workshop visit")  # free notes

        for name, reach, does in (("Sven Holm", "sven@example.org", "Cabinet maker"),
                                  ("Ida Berg", "+46 70 123 45 67", "Runs a joinery school")):  # fmt: skip
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert isinstance(app.screen, ReferralScreen)
            await pilot.press(*name, "enter", *reach, "enter", *does, "enter", *"say hi from Daniel", "enter")
            await pilot.pause()
            assert isinstance(app.screen, SessionScreen)
        assert "Referrals: 2 (aim 2-3)" in str(screen.query_one("#session-referrals", Static).render())

        await finish_the_call(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await wait_until(pilot, lambda: not repository.file.dirty, 4.0)

    data = orjson.loads(db_path.read_bytes())
    daniel = next(c for c in data["contacts"].values() if c["name"] == "Daniel Weiss")
    (interview,) = [i for i in data["interviews"].values() if i["contact_id"] == daniel["id"]]
    questions = [q["id"] for q in interview["questions"]]
    assert interview["status"] == "done"
    assert interview["question_notes"] == {
        questions[0]: "Loves the smell of oak",
        questions[1]: "Apprentice at 16, own shop at 30",
        questions[2]: "Back pain; cheap imports",
    }
    assert interview["free_notes"] == "Offered a workshop visit"
    moves = [
        (r["kind"], r["value"], r["offset_seconds"], questions.index(r["question_id"])) for r in interview["reactions"]
    ]
    assert moves == [
        ("resonance", 1, 240.0, 0), ("resonance", 2, 240.0, 0), ("resonance", 3, 240.0, 0),
        ("dissonance", 1, 600.0, 1), ("dissonance", 2, 600.0, 1), ("resonance", 2, 600.0, 1),
        ("dissonance", 1, 900.0, 2),
    ]  # fmt: skip
    by_id = {c["id"]: c for c in data["contacts"].values()}
    referred = [by_id[r["contact_id"]] for r in interview["referrals"]]
    assert [c["name"] for c in referred] == ["Sven Holm", "Ida Berg"]
    assert all(c["tier"] == 4 and c["referred_by"] == daniel["id"] for c in referred)
    assert referred[0]["emails"] == ["sven@example.org"] and referred[0]["role"] == "Cabinet maker"
    assert referred[1]["phones"] == ["+46 70 123 45 67"]
    assert daniel["stage"] == Stage.INTERVIEWED.value


async def test_referral_cue_appears_once_ten_minutes_before_the_end(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    clock = MovableClock()
    app = make_app(repository, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_with_daniel(pilot)
        cue = app.screen.query_one("#referral-cue", Static)
        clock.advance(minutes=34)
        await pilot.pause(1.2)
        assert not cue.display
        clock.advance(minutes=1, seconds=5)
        await wait_until(pilot, lambda: cue.display, 3.0)
        assert "time to ask for 2-3 referrals" in str(cue.render())


async def test_sliders_work_with_the_mouse(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_with_daniel(pilot)
        slider = app.screen.query_one("#resonance", Slider)
        bar_end = slider.size.width - 4
        await pilot.click("#resonance", offset=(bar_end - 1, 0))
        assert slider.value == 10
        await pilot.click("#resonance", offset=(len(slider.label) + 1, 0))  # the first cell of the bar
        assert slider.value == 1
        interview = app.screen.interview
        assert [r.value for r in interview.reactions if r.kind is ReactionKind.RESONANCE] == [10, 1]


async def test_a_question_added_during_the_call_comes_next(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_with_daniel(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"Which tools would you buy first?", "enter")
        await pilot.pause()
        interview = app.screen.interview
        assert interview.questions[1].text == "Which tools would you buy first?"
        assert interview.current_question == 1
        assert len(interview.questions) == 10
        assert app.focused.id == "question-notes"


async def test_an_unfinished_session_reopens_where_it_was(repository: Repository, db_path: Path) -> None:
    build_demo(repository, FIXED_NOW)
    clock = MovableClock()
    app = make_app(repository, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_with_daniel(pilot)
        await pilot.press(*"first answer", "alt+right", *"second")
        clock.advance(minutes=12)
        await pilot.pause(1.2)
    repository.close()  # the app went away mid-call

    clock.advance(minutes=2)  # and came back two minutes later
    reopened = Repository.open(db_path)
    try:
        again = make_app(reopened, clock)
        async with again.run_test(size=(120, 40)) as pilot:
            # Pushed is not yet shown: the notes are loaded as the screen mounts.
            await wait_until(pilot, lambda: isinstance(again.screen, SessionScreen) and again.screen.is_mounted, 3.0)
            screen = again.screen
            assert screen.query_one("#question-notes", TextArea).text == "second"
            assert screen.interview.current_question == 1
            assert 14 * 60 <= screen.interview.elapsed_seconds < 14 * 60 + 5
            assert screen.interview.status is InterviewStatus.IN_PROGRESS
    finally:
        reopened.close()


async def test_own_question_set_is_made_reordered_and_chosen_at_the_start(repository: Repository) -> None:
    from infoview_tui.ui.screens.question_sets import QuestionSetsScreen

    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_question_sets()
        await pilot.pause()
        assert isinstance(app.screen, QuestionSetsScreen)
        editor = app.screen.query_one("#sets-text", TextArea)
        assert editor.read_only and editor.text.startswith("What do you most enjoy about your work?")
        await pilot.press("c")  # copy the suggested questions into a set of my own
        await pilot.pause()
        await pilot.press("enter")  # edit it
        await pilot.pause()
        assert app.focused is editor and not editor.read_only
        editor.load_text("First question\nSecond question\nThird question")
        editor.move_cursor((2, 0))
        await pilot.press("alt+up", "alt+up")  # the third question moves to the top
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")  # leave the editor for the list
        await pilot.press("s", "escape")  # make it the default, and go back
        await pilot.pause()
    mine = repository.settings().question_sets
    assert [q.text for q in mine[0].questions] == ["Third question", "First question", "Second question"]
    assert repository.settings().default_question_set_id == mine[0].id

    again = make_app(repository)
    async with again.run_test(size=(120, 40)) as pilot:
        await start_with_daniel(pilot)
        assert again.screen.interview.questions[0].text == "Third question"
