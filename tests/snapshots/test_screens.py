"""Every screen at 80x24 and 120x40. Refresh after an intended change with
`python -m pytest tests/snapshots --snapshot-update`, and look at the report first."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot

from infoview_tui.demo import build_demo
from infoview_tui.domain.model import Contact, Interview, InterviewStatus
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.conflict import ConflictScreen
from tests.conftest import FIXED_NOW, MovableClock, first_screen_shown, make_app

SIZES = [(80, 24), (120, 40)]


def populated(repository: Repository) -> Repository:
    tiers = [1, 1, 2, 2, 2, 3, 4, 4, 4, 4]
    contacts = [repository.save_contact(Contact(name=f"Person {n}", tier=tier)) for n, tier in enumerate(tiers)]
    for contact in contacts[:4]:
        repository.save_interview(Interview(contact_id=contact.id, status=InterviewStatus.DONE))
    repository.save_interview(Interview(contact_id=contacts[5].id))
    settings = repository.settings()
    settings.brainstorm = "UX research\nHospital administration\nTeaching woodworking"
    repository.save_settings(settings)
    repository.flush()  # the header then says "all saved", whatever the timing
    return repository


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_today_empty(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(repository), run_before=first_screen_shown, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_today_with_a_network(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(populated(repository)), run_before=first_screen_shown, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_help(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(repository), press=["f1"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_insights_empty(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(repository), press=["f5"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_conflict_dialog(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def show_conflict(pilot: Pilot[None]) -> None:
        database = Path("/home/you/.local/share/infoview/infoview.json")
        pilot.app.push_screen(ConflictScreen(database, database.with_name("infoview.conflict-20261125-193000.json")))
        await pilot.pause()

    assert snap_compare(make_app(repository), run_before=show_conflict, terminal_size=size)


def test_terminal_too_small(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(repository), terminal_size=(50, 15))


def test_today_in_a_light_theme(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    """Colours come from theme variables only, so a light theme stays readable."""
    settings = populated(repository).settings()
    settings.theme = "textual-light"
    repository.save_settings(settings)
    repository.flush()
    assert snap_compare(make_app(repository), run_before=first_screen_shown, terminal_size=(80, 24))


def demo(repository: Repository) -> Repository:
    build_demo(repository, FIXED_NOW)
    repository.flush()
    return repository


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_network_empty(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(repository), press=["f3"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_network_demo(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo(repository)), press=["f3", "down", "right"], terminal_size=size)


def test_network_demo_large(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    """At 200x60 the bullseye uses the room: first names instead of initials."""
    assert snap_compare(make_app(demo(repository)), press=["f3"], terminal_size=(200, 60))


def test_network_search(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    async def search(pilot: Pilot[None]) -> None:
        await pilot.press("f3", "slash")
        await _no_blink(pilot)
        await pilot.press(*"hosp")
        await pilot.pause()

    assert snap_compare(make_app(demo(repository)), run_before=search, terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_contact_form_with_a_validation_error(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def fill_badly(pilot: Pilot[None]) -> None:
        await pilot.press("f3", "a")
        await pilot.pause()
        await _no_blink(pilot)
        await pilot.press("tab", "backspace", "9", "ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(repository), run_before=fill_badly, terminal_size=size)


def test_curiosities(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo(repository)), press=["f3", "c", "down"], terminal_size=(100, 30))


async def _settle_saves(pilot: Pilot[None]) -> None:
    """Let the background save finish, so the header's save status is the same every run."""
    app = pilot.app
    for _ in range(100):
        if not app.repository.file.dirty and not app.saving.busy:  # type: ignore[attr-defined]
            break
        await pilot.pause(0.05)
    await pilot.pause()


async def _no_blink(pilot: Pilot[None]) -> None:
    """A blinking cursor would be drawn or not depending on timing; call before typing."""
    for field in pilot.app.screen.query("TextArea, Input"):
        field.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()


async def _into_a_session(pilot: Pilot[None], minutes: float = 0) -> None:
    await pilot.press("f3", "right", "i")
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    await _no_blink(pilot)
    await pilot.press(*"Loves the smell of oak", "ctrl+up", "ctrl+up", "ctrl+up", "alt+up", "alt+right")
    await pilot.press(*"Apprenticed at 16")
    await _settle_saves(pilot)  # before the clock moves: the header says when it saved
    if minutes:
        pilot.app._clock.advance(minutes=minutes)  # type: ignore[attr-defined]
        await pilot.pause(1.2)  # one tick of the clock
        await _settle_saves(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_session(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo(repository), MovableClock()), run_before=_into_a_session, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_session_with_the_referral_cue(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def late(pilot: Pilot[None]) -> None:
        await _into_a_session(pilot, minutes=36)

    assert snap_compare(make_app(demo(repository), MovableClock()), run_before=late, terminal_size=size)


def test_start_session_dialog(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo(repository)), press=["f3", "right", "i"], terminal_size=(80, 24))


def test_referral_form(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    async def referral(pilot: Pilot[None]) -> None:
        await _into_a_session(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await _no_blink(pilot)
        await pilot.press(*"Sven Holm")
        await _settle_saves(pilot)

    assert snap_compare(make_app(demo(repository), MovableClock()), run_before=referral, terminal_size=(80, 24))


def test_question_sets(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    async def open_sets(pilot: Pilot[None]) -> None:
        pilot.app.action_question_sets()  # type: ignore[attr-defined]
        await pilot.pause()
        await _no_blink(pilot)

    assert snap_compare(make_app(repository), run_before=open_sets, terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_today_with_the_demo(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo(repository)), terminal_size=size)


def test_stage_dialog_with_a_typed_date(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    async def stage(pilot: Pilot[None]) -> None:
        await pilot.press("f3", "right", "s")
        await pilot.pause()
        await _no_blink(pilot)
        await pilot.press("enter", "ctrl+a", "ctrl+k", *"yesterday 4pm")
        await pilot.pause()

    assert snap_compare(make_app(demo(repository)), run_before=stage, terminal_size=(80, 24))


# --- reaching out and the interviews list --------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_ask_dialog(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def ask(pilot: Pilot[None]) -> None:
        await pilot.press("f3", "right", "m")  # Daniel Weiss, tier 1, not yet asked
        await pilot.pause()
        await _no_blink(pilot)

    demo(repository)
    # The name that signs messages was asked already (its prompt has a snapshot of its own).
    repository.save_settings(replace(repository.settings(), your_name_asked=True))
    repository.flush()
    assert snap_compare(make_app(repository), run_before=ask, terminal_size=size)


@pytest.mark.parametrize(
    ("typed", "case"),
    [("next tue 3pm", "preview_and_clash"), ("friday", "no_time"), ("03/04 3pm", "ambiguous")],
    ids=["preview_and_clash", "no_time", "ambiguous"],
)
def test_schedule_form(snap_compare, repository: Repository, typed: str, case: str) -> None:  # type: ignore[no-untyped-def]
    async def schedule(pilot: Pilot[None]) -> None:
        await pilot.press("f3", "right", "t")
        await pilot.pause()
        await _no_blink(pilot)
        await pilot.press(*typed)
        await pilot.pause()

    assert snap_compare(make_app(demo(repository)), run_before=schedule, terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_interviews_list(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo(repository)), press=["f4"], terminal_size=size)


def test_interviews_list_empty(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(repository), press=["f4"], terminal_size=(80, 24))


def test_one_interview_to_read(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo(repository)), press=["f4", "down", "down", "enter"], terminal_size=(80, 24))


# --- after the call: reflection, values, insights ------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_reflection(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def reflect(pilot: Pilot[None]) -> None:
        pilot.app.reflect("demo-done-demo-contact-00")  # type: ignore[attr-defined]
        await pilot.pause()
        await _no_blink(pilot)

    assert snap_compare(make_app(demo(repository)), run_before=reflect, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_insights_with_the_demo(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo(repository)), press=["f5"], terminal_size=size)


def test_comparison(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    async def compare(pilot: Pilot[None]) -> None:
        await pilot.press("f5", "c")
        await pilot.pause()
        pilot.app.screen.query_one("#compare-pick").select_all()  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(make_app(demo(repository)), run_before=compare, terminal_size=(120, 40))


def test_values_first_run(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    async def values(pilot: Pilot[None]) -> None:
        pilot.app.action_values()  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(make_app(repository), run_before=values, terminal_size=(80, 24))


def test_import_preview(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    fixture = Path(__file__).parent.parent / "fixtures" / "linkedin" / "Connections.csv"

    async def preview(pilot: Pilot[None]) -> None:
        from infoview_tui.ui.screens.importing import ImportScreen

        pilot.app.push_screen(ImportScreen(str(fixture)))
        await pilot.pause(0.5)
        await _no_blink(pilot)
        screen = pilot.app.screen
        screen.query_one("#import-path").value = "~/Downloads/Connections.csv"  # the same everywhere
        await pilot.pause()

    assert snap_compare(make_app(repository), run_before=preview, terminal_size=(80, 24))


# --- J2: the bullseye without true colour (each ring keeps a dotted outer edge) ---------------


@pytest.mark.parametrize("colours", ["256", "NO_COLOR"])
def test_bullseye_without_true_colour(snap_compare, repository: Repository, monkeypatch, colours: str) -> None:  # type: ignore[no-untyped-def]
    # A screenshot is always drawn in true colour; what these show is that the rings are told
    # apart by their dotted edges and labels, which no colour system takes away.
    import textual.constants

    if colours == "NO_COLOR":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.setenv("TERM", "xterm-256color")
        monkeypatch.delenv("COLORTERM", raising=False)
        monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", "256")
    assert snap_compare(make_app(demo(repository)), press=["f3"], terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_search_with_results(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """F6: a curiosity, an intro, a takeaway and three people, newest first, the word lit in each."""

    async def search(pilot: Pilot[None]) -> None:
        await pilot.press("f6")
        await pilot.pause()
        await _no_blink(pilot)
        await pilot.press(*"research", "down", "down")  # the takeaway, shown whole below
        await pilot.pause()

    assert snap_compare(make_app(demo(repository)), run_before=search, terminal_size=size)


# --- the record over months: a person's history, logging a past talk, correcting notes ----------


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_contact_with_its_history(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def open_jonas(pilot: Pilot[None]) -> None:
        from infoview_tui.ui.screens.contact import ContactForm

        jonas = next(c for c in repository.contacts() if c.name == "Jonas Berg")
        pilot.app.push_screen(ContactForm(jonas))
        await pilot.pause()
        await _no_blink(pilot)

    assert snap_compare(make_app(demo(repository)), run_before=open_jonas, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_log_a_past_conversation(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def log_for_daniel(pilot: Pilot[None]) -> None:
        daniel = next(c for c in repository.contacts() if c.name == "Daniel Weiss")
        pilot.app.log_conversation(daniel.id)  # type: ignore[attr-defined]
        await pilot.pause()
        await _no_blink(pilot)
        await pilot.press(*"last thursday 2pm")
        await pilot.pause()

    assert snap_compare(make_app(demo(repository)), run_before=log_for_daniel, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_reader_correcting_notes(snap_compare, repository: Repository, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def edit(pilot: Pilot[None]) -> None:
        await pilot.press("f4", "down", "down", "enter", "e")
        await pilot.pause()
        await _no_blink(pilot)

    assert snap_compare(make_app(demo(repository)), run_before=edit, terminal_size=size)


def test_comparison_at_80_columns(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    async def compare_two(pilot: Pilot[None]) -> None:
        await pilot.press("f5", "c")
        await pilot.pause()
        picker = pilot.app.screen.query_one("#compare-pick")
        for index in (picker.option_count - 1, picker.option_count - 2):  # type: ignore[attr-defined]
            picker.select(picker.get_option_at_index(index))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(demo(repository)), run_before=compare_two, terminal_size=(80, 24))


# --- J2: the screens and dialogs that had no 80x24 snapshot (a cut word shows in a diff) -------


def _press_then_type(keys: list[str], typed: str = "") -> Callable[[Pilot[None]], Awaitable[None]]:
    """Open a dialog, stop its cursor blinking (drawn or not depending on timing), then type."""

    async def run(pilot: Pilot[None]) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        await _no_blink(pilot)
        await pilot.press(*typed)
        await pilot.pause()

    return run


def test_curiosities_at_80_columns(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo(repository)), press=["f3", "c", "down"], terminal_size=(80, 24))


def test_curiosity_filter_picker(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo(repository)), press=["f3", "f"], terminal_size=(80, 24))


def test_recording_an_ask_with_its_suggestion(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(
        make_app(demo(repository)), run_before=_press_then_type(["f3", "c", "r"], "Kwa"), terminal_size=(80, 24)
    )


def test_adding_a_curiosity(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(
        make_app(demo(repository)), run_before=_press_then_type(["f3", "c", "a"]), terminal_size=(80, 24)
    )


@pytest.mark.parametrize("fmt", ["markdown", "ics"])
def test_export_prompt(snap_compare, repository: Repository, fmt: str) -> None:  # type: ignore[no-untyped-def]
    async def export(pilot: Pilot[None]) -> None:
        pilot.app.action_export(fmt)  # type: ignore[attr-defined]
        await pilot.pause()
        await _no_blink(pilot)

    assert snap_compare(make_app(repository), run_before=export, terminal_size=(80, 24))


def test_delete_contact_question(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(
        make_app(demo(repository)), run_before=_press_then_type(["f3", "enter", "ctrl+d"]), terminal_size=(80, 24)
    )


def test_adding_someone_already_there(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    async def add_twice(pilot: Pilot[None]) -> None:
        await pilot.press("f3", "a")
        await pilot.pause()
        await _no_blink(pilot)
        pilot.app.screen.query_one("#field-name").value = "Maria Lopez"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(demo(repository)), run_before=add_twice, terminal_size=(80, 24))


def test_last_merge_report_empty(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    async def report(pilot: Pilot[None]) -> None:
        pilot.app.action_last_merge()  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(make_app(repository), run_before=report, terminal_size=(80, 24))


def test_today_while_a_call_is_under_way(snap_compare, repository: Repository) -> None:  # type: ignore[no-untyped-def]
    async def leave_the_call(pilot: Pilot[None]) -> None:
        await _into_a_session(pilot)
        await pilot.press("f2")
        await pilot.pause()
        await _no_blink(pilot)

    assert snap_compare(make_app(demo(repository), MovableClock()), run_before=leave_the_call, terminal_size=(80, 24))
