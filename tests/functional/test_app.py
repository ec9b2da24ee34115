"""Whole journeys through the running app, driven with Pilot."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path

import orjson
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea

from infoview_tui.domain.model import Contact, Interview, InterviewStatus
from infoview_tui.store import backups, lineage
from infoview_tui.store.repository import Repository
from infoview_tui.ui.idle_collection import NEVER
from infoview_tui.ui.screens.conflict import ConflictScreen
from infoview_tui.ui.screens.help import HelpScreen
from infoview_tui.ui.screens.insights import InsightsScreen
from infoview_tui.ui.screens.interviews import InterviewsScreen
from infoview_tui.ui.screens.network import NetworkScreen
from infoview_tui.ui.screens.today import TodayScreen
from infoview_tui.ui.widgets.too_small import TerminalTooSmall
from tests.conftest import FIXED_NOW, first_screen_shown, make_app


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool], seconds: float) -> float:
    """Let the app run until `condition` holds; returns how long it took."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > seconds:
            raise AssertionError(f"not true within {seconds} s")
        await pilot.pause(0.05)
    return time.monotonic() - started


async def show_network(pilot: Pilot[None]) -> None:
    """F3, and the network shown (its first visit builds it: a loaded machine takes a while)."""
    from infoview_tui.ui.screens.network import NetworkScreen

    await pilot.press("f3")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, NetworkScreen), 10)


def brainstorm_on_disk(db_path: Path) -> str:
    data = orjson.loads(db_path.read_bytes())
    records = list(data.get("settings", {}).values())
    return records[0]["brainstorm"] if records else ""


async def test_typed_text_reaches_the_disk_without_a_save_command(repository: Repository, db_path: Path) -> None:
    # When saves are due (1 s of quiet, at least every 3 s) is checked on a fake clock in
    # tests/unit/test_autosave.py; here the real app must get there on its own. The bound
    # is generous so that a loaded machine cannot fail it; the header is read in the same
    # wait because it is set on the event loop a moment after the file is written.
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_screen_shown(pilot)
        assert isinstance(app.focused, TextArea)  # the brainstorm takes the keys at once
        await pilot.press(*"UX research", "enter", *"hospital admin")
        assert brainstorm_on_disk(db_path) == ""  # not yet: keystrokes never wait for the disk
        await wait_until(
            pilot,
            lambda: (
                brainstorm_on_disk(db_path) == "UX research\nhospital admin" and app.save_status.startswith("saved")
            ),
            20.0,
        )


async def test_long_typing_is_saved_while_it_goes_on(repository: Repository, db_path: Path) -> None:
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        saved_while_typing = False
        started = time.monotonic()
        while time.monotonic() - started < 4.5:
            await pilot.press("a")
            await pilot.pause(0.15)  # never a second of quiet
            saved_while_typing = saved_while_typing or "a" in brainstorm_on_disk(db_path)
        assert saved_while_typing


async def test_full_garbage_collections_wait_for_a_pause_in_typing(repository: Repository) -> None:
    before = gc.get_threshold()
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        assert gc.get_threshold()[2] == NEVER  # CPython would start them mid-keystroke
        app.collector.pending = lambda: 50  # type: ignore[method-assign]  # plenty due
        started = time.monotonic()
        while time.monotonic() - started < 1.5:  # keys 0.15 s apart: never a pause
            await pilot.press("a")
            await pilot.pause(0.15)
        assert app.collector.collections == 0
        await wait_until(pilot, lambda: app.collector.collections >= 1, 3.0)  # the user paused
    assert gc.get_threshold() == before  # given back when the app ends


async def test_quit_saves_first(repository: Repository, db_path: Path) -> None:
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"teaching")
        await pilot.press("ctrl+q")
    assert brainstorm_on_disk(db_path) == "teaching"


async def test_function_keys_switch_screens_even_from_a_text_field(repository: Repository) -> None:
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_screen_shown(pilot)
        assert isinstance(app.focused, TextArea)
        await pilot.press("f3")
        assert isinstance(app.screen, NetworkScreen)
        await pilot.press("f4")
        assert isinstance(app.screen, InterviewsScreen)
        await pilot.press("f5")
        assert isinstance(app.screen, InsightsScreen)
        assert "Nothing to add up yet" in str(app.screen.query_one("#insights-empty", Static).render())
        await pilot.press("f2")
        assert isinstance(app.screen, TodayScreen)
        assert isinstance(app.focused, TextArea)  # Today kept its place


async def test_help_lists_every_global_key_with_its_id(repository: Repository) -> None:
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        rows = app.screen.rows()
        ids = {row[3] for row in rows}
        assert {"app.help", "app.today", "app.network", "app.interviews", "app.insights", "app.quit"} <= ids
        assert any(row[1] == "f3" and row[2] == "Network" for row in rows)
        assert not any(row[0] == "TextArea" for row in rows)  # Textual's editing keys are not infoview's (issue 13)
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_palette_commands_reach_every_screen(repository: Repository) -> None:
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Go to Insights")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, InsightsScreen), 2.0)
        assert app.current_mode == "insights"


async def test_theme_chosen_in_the_palette_is_remembered(db_path: Path) -> None:
    repository = Repository.open(db_path)
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"theme")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"nord")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.theme == "nord", 2.0)
    repository.close()

    reopened = Repository.open(db_path)
    try:
        assert reopened.settings().theme == "nord"
        again = make_app(reopened)
        async with again.run_test(size=(100, 30)):
            assert again.theme == "nord"
    finally:
        reopened.close()


async def test_user_keymap_rebinds_by_id(repository: Repository) -> None:
    settings = repository.settings()
    settings.keymap = {"app.network": "f9"}
    repository.save_settings(settings)
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        assert app.current_mode == "network"


async def test_terminal_too_small_shows_a_clear_message(repository: Repository) -> None:
    app = make_app(repository)
    async with app.run_test(size=(50, 15)) as pilot:
        too_small = app.screen.query_one(TerminalTooSmall)
        assert too_small.display and too_small.region.width > 0
        assert "Terminal too small: 50x15" in str(too_small.render())
        assert not app.screen.query_one("#today").region.height
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.screen.query_one("#today").region.height > 0
        assert too_small.region.width == 0


async def test_today_reads_the_store(repository: Repository) -> None:
    ana = repository.save_contact(Contact(name="Ana", tier=1))
    repository.save_contact(Contact(name="Bea", tier=2))
    repository.save_contact(Contact(name="Cy", tier=2))
    repository.save_interview(Interview(contact_id=ana.id, status=InterviewStatus.DONE))
    repository.save_interview(Interview(contact_id=ana.id))
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await first_screen_shown(pilot)
        screen = app.screen
        assert str(screen.query_one("#today-progress-count", Static).render()) == "1 of 36 · 1 planned"
        network = str(screen.query_one("#today-network", Static).render())
        assert "3 contacts" in network and "tier 1: 1" in network and "tier 2: 2" in network
        assert "Wednesday 25 November" in str(screen.query_one("#today-date", Static).render())


async def test_another_machine_s_save_is_merged_without_a_question(repository: Repository, db_path: Path) -> None:
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"mine")
        await wait_until(pilot, lambda: brainstorm_on_disk(db_path) == "mine", 5.0)

        theirs = orjson.loads(db_path.read_bytes())
        next(iter(theirs["settings"].values()))["brainstorm"] = "theirs"
        theirs.setdefault("contacts", {})["7"] = {"id": "from-the-laptop", "name": "Sam Ortiz", "tier": 4}
        theirs["_meta"] = lineage.stamped(theirs, FIXED_NOW, writer="laptop", host="laptop")
        theirs_bytes = orjson.dumps(theirs)
        db_path.write_bytes(theirs_bytes)  # the other machine's version arrives

        await pilot.press(*" and more")
        await wait_until(pilot, lambda: "mine and more" in brainstorm_on_disk(db_path), 10.0)
        assert "Sam Ortiz" in db_path.read_text()
        assert not isinstance(app.screen, ConflictScreen)  # nothing to choose: both are kept
        brainstorm = brainstorm_on_disk(db_path)
        # Typed on both sides: both texts, ours first, under a line naming the other machine.
        assert brainstorm.startswith("mine and more\n\n--- also written on laptop, 2026-11-25 19:30 ---\ntheirs")
        assert app.screen.query_one("#brainstorm", TextArea).text == brainstorm
        assert any("Merged from the other copy: 1 contact" in note.message for note in app._notifications)
        kept = [path for path in backups.list_backups(db_path) if path.name.endswith("-other-copy.json")]
        assert [path.read_bytes() for path in kept] == [theirs_bytes]

        app.action_last_merge()  # the palette's "Last merge"
        await pilot.pause()
        shown = " ".join(str(static.render()) for static in app.screen.query(Static))
        assert "Both texts kept" in shown and "brainstorm" in shown


async def test_a_file_another_program_wrote_survives_and_the_user_chooses(
    repository: Repository, db_path: Path
) -> None:
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"mine")
        await wait_until(pilot, lambda: brainstorm_on_disk(db_path) == "mine", 5.0)
        foreign = b'{"todo": ["not infoview"]}'
        db_path.write_bytes(foreign)  # not infoview's: nothing to merge with

        await pilot.press(*" and more")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictScreen), 10.0)
        assert db_path.read_bytes() == foreign  # not overwritten
        copy = repository.file.conflict_copy
        assert copy is not None and "mine and more" in copy.read_text()

        await pilot.press("m")  # keep mine; the other file goes to the backups
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert brainstorm_on_disk(db_path) == "mine and more"
        replaced = [path for path in backups.list_backups(db_path) if path.name.endswith("-replaced.json")]
        assert [path.read_bytes() for path in replaced] == [foreign]


async def test_a_failing_save_says_so_keeps_the_work_and_retries(
    repository: Repository, db_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import errno

    import infoview_tui.store.storage as storage

    real_write = storage.write_atomically
    failing = True

    def disk_full(path: Path, payload: bytes) -> None:
        if failing:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, payload)

    monkeypatch.setattr(storage, "write_atomically", disk_full)
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"keep me")
        await wait_until(pilot, lambda: any("No space left" in n.message for n in app._notifications), 3.0)
        assert repository.file.dirty  # still held, not dropped
        assert app.save_status == "saving…"
        failing = False
        await wait_until(pilot, lambda: brainstorm_on_disk(db_path) == "keep me", 3.0)


async def test_today_lists_due_follow_ups_and_who_next(repository: Repository) -> None:
    from infoview_tui.demo import build_demo
    from tests.conftest import FIXED_NOW

    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await first_screen_shown(pilot)
        agenda = app.screen.query_one("#today-agenda", OptionList)
        lines = [str(option.prompt) for option in agenda.options]
        assert lines[:3] == [
            "Conversations this week (2)",
            " Fri 27 Nov 15:00 Aisha Khan · 45 min, in person",
            " Tue 1 Dec 15:00 Ines Moreau · 45 min, video call",
        ]
        assert lines[3] == "Follow-ups due (9)"
        assert " 13 business days ago  Reach out to Nadia Petrov, referred by Maria Lopez." in lines
        assert lines[-2:] == ["Who next", " Daniel Weiss (tier 1, works in Woodworking, not yet asked)"]
        assert app.focused is agenda and agenda.highlighted == 1  # the first conversation, ready to start
        hint = str(app.screen.query_one("#today-agenda-hint", Static).render())
        assert hint == "enter: start the conversation with Aisha · x: call it off"
        assert not app.screen.query_one("#today-next-step", Static).display


async def test_today_hands_the_focus_to_the_agenda_once_there_are_people(repository: Repository) -> None:
    from textual.widgets import OptionList

    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await first_screen_shown(pilot)
        assert isinstance(app.focused, TextArea)  # nobody yet: the brainstorm
        repository.save_contact(Contact(name="Ana", tier=1))
        await pilot.press("f3", "f2")
        await pilot.pause()
        assert isinstance(app.focused, OptionList) and app.focused.id == "today-agenda"
        await pilot.press("b")
        await pilot.press("f3", "f2")
        await pilot.pause()
        # Issue 13: coming back to Today starts at the agenda when it has something on it.
        assert isinstance(app.focused, OptionList) and app.focused.id == "today-agenda"


async def test_a_save_status_change_while_a_header_is_half_there_does_not_stop_the_app(repository: Repository) -> None:
    """Textual's Header raised NoMatches when the sub-title changed while its title part
    was not mounted (a save finishing as a screen went up or down): the app stopped."""
    from infoview_tui.ui.widgets.header import AppHeader

    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        header = app.screen.query_one(AppHeader)
        await header.query_one("#header-status").remove()
        app.save_status = "saved 09:00"
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app._exception is None
