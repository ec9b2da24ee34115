"""Screens that hold a copy of a record while another machine's save is merged in.

What a merge does to an open screen is simulated the way the app does it: the record
changes in the repository (as `repository.merge_from_disk()` leaves it), then
`app.refresh_screens()` (what a merge from disk calls). The screen must show the
merged record and never write its older copy back over it.
"""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Input, TextArea

from infoview_tui.demo import build_demo
from infoview_tui.domain.model import Ask, Channel, Interview, Reaction, ReactionKind
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.contact import ContactForm
from infoview_tui.ui.screens.session import CLOCK_SAVE_EVERY, SessionScreen
from infoview_tui.ui.widgets.slider import Slider
from tests.conftest import FIXED_NOW, MovableClock, make_app
from tests.functional.test_app import wait_until
from tests.functional.test_session import start_with_daniel

THEIR_NOTE = "Mentioned a guild in Malmö"
MARKER = "--- also written on laptop, 2026-11-25 19:30 ---"


def stored(repository: Repository, screen: SessionScreen) -> Interview:
    interview = repository.interview(screen.interview.id)
    assert interview is not None
    return interview


def merge_in(repository: Repository, screen: SessionScreen, **changes: object) -> Interview:
    """What merging the other machine's save leaves in memory, then the app's refresh."""
    merged = repository.save_interview(replace(stored(repository, screen), **changes))  # type: ignore[arg-type]
    screen.app.refresh_screens()  # type: ignore[attr-defined]
    return merged


def their_additions(interview: Interview) -> dict[str, object]:
    """A note on the third question and a resonance of 7, typed on the laptop."""
    third = interview.questions[2].id
    return {
        "question_notes": {**interview.question_notes, third: THEIR_NOTE},
        "reactions": [*interview.reactions, Reaction(ReactionKind.RESONANCE, 7, 30.0, third)],
    }


def keeps_their_additions(interview: Interview) -> bool:
    return interview.question_notes.get(interview.questions[2].id) == THEIR_NOTE and any(
        r.kind is ReactionKind.RESONANCE and r.value == 7 for r in interview.reactions
    )


async def test_what_was_merged_in_survives_the_next_key(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository, MovableClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await start_with_daniel(pilot)
        await pilot.press(*"Loves oak")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        merge_in(repository, screen, **their_additions(stored(repository, screen)))
        await pilot.pause()

        await pilot.press(*" and ash")
        await pilot.pause()
        after = stored(repository, screen)
        assert keeps_their_additions(after)
        assert after.question_notes[after.questions[0].id] == "Loves oak and ash"
        # The slider shows the latest reaction (theirs) without recording it again.
        assert screen.query_one("#resonance", Slider).value == 7
        assert [r.value for r in after.reactions if r.kind is ReactionKind.RESONANCE] == [7]


async def test_what_was_merged_in_survives_the_clock_s_save(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    clock = MovableClock()
    app = make_app(repository, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_with_daniel(pilot)
        await pilot.press(*"Loves oak")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        clock.advance(minutes=3)
        merge_in(repository, screen, **their_additions(stored(repository, screen)))
        await pilot.pause()

        screen._ticks = CLOCK_SAVE_EVERY - 1  # the next tick saves the clock
        clock.advance(seconds=1)
        screen._tick()
        after = stored(repository, screen)
        assert keeps_their_additions(after)
        assert 3 * 60 <= after.elapsed_seconds <= 3 * 60 + 5  # the clock went on counting


async def test_the_notes_field_shows_the_merged_text_and_keeps_the_cursor(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository, MovableClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await start_with_daniel(pilot)
        await pilot.press(*"Loves oak", "tab", *"Offered a visit", "shift+tab")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        notes = screen.query_one("#question-notes", TextArea)
        notes.move_cursor((0, len("Loves")))
        before = stored(repository, screen)
        first = before.questions[0].id
        both = f"Loves oak\n\n{MARKER}\nWorked in a boatyard"
        free = f"Offered a visit\n\n{MARKER}\nSend the photos"
        merge_in(repository, screen, question_notes={**before.question_notes, first: both}, free_notes=free)
        await pilot.pause()

        assert notes.text == both
        assert screen.query_one("#free-notes", TextArea).text == free
        assert notes.cursor_location == (0, len("Loves"))
        await pilot.pause(0.2)
        assert stored(repository, screen).question_notes[first] == both  # the load is not an edit

        await pilot.press(*" old")  # typed where the cursor was
        await pilot.pause()
        after = stored(repository, screen)
        assert after.question_notes[first] == f"Loves old oak\n\n{MARKER}\nWorked in a boatyard"
        assert after.free_notes == free


async def test_a_key_not_yet_saved_when_the_merge_comes_is_kept(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository, MovableClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await start_with_daniel(pilot)
        await pilot.press(*"Loves oak")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        notes = screen.query_one("#question-notes", TextArea)
        # A key the field took whose Changed message has not reached the screen yet.
        with notes.prevent(TextArea.Changed):
            notes.insert("!", notes.document.end)
        merge_in(repository, screen, **their_additions(stored(repository, screen)))
        await pilot.pause()

        after = stored(repository, screen)
        assert after.question_notes[after.questions[0].id] == "Loves oak!"
        assert keeps_their_additions(after)
        assert notes.text == "Loves oak!"


async def test_an_ask_added_while_the_contact_form_is_open_survives_its_save(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        daniel = next(c for c in repository.contacts() if c.name == "Daniel Weiss")
        form = ContactForm(daniel)
        await app.push_screen(form)
        await wait_until(pilot, lambda: app.screen is form and form.is_mounted, 3.0)

        # Behind the form's back (a merge, or another screen): an ask is recorded.
        asked = Ask(at=FIXED_NOW, channel=Channel.EMAIL, message="Could I visit the workshop?")
        current = repository.contact(daniel.id)
        assert current is not None
        repository.save_contact(replace(current, asks=[*current.asks, asked]))

        form.query_one("#field-role", Input).value = "Carpenter"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = repository.contact(daniel.id)
        assert saved is not None
        assert saved.role == "Carpenter"
        assert asked in saved.asks
