"""A big database is read after the app's first frame (issue #14): the command locks it,
the app draws its header, "Opening NAME (N MB)…" and its footer at once, then reads the
file. Read late, it must look and act as if read first (theme, records, a call under way),
and a file that cannot be used must still be refused in words, left as it was, exit 3."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from textual.widgets import TextArea

from infoview_tui.__main__ import READ_AFTER_FIRST_FRAME_BYTES
from infoview_tui.app import InfoviewApp
from infoview_tui.demo import build_demo
from infoview_tui.domain.model import Contact
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.network import NetworkScreen
from infoview_tui.ui.screens.session import SessionScreen
from tests.conftest import FIXED_NOW, MovableClock, first_screen_shown, make_app
from tests.functional.terminal import RealTerminal
from tests.functional.test_app import wait_until
from tests.functional.test_session import start_with_daniel


async def test_a_file_read_after_the_first_frame_shows_as_if_read_before(repository: Repository, db_path: Path) -> None:
    build_demo(repository, FIXED_NOW)
    repository.save_settings(replace(repository.settings(), theme="nord"))
    people = len(repository.contacts())
    repository.close()
    late = Repository.open(db_path, load=False)
    try:
        app = make_app(late)
        async with app.run_test(size=(120, 40)) as pilot:
            await first_screen_shown(pilot)
            assert late.loaded
            assert app.theme == "nord"
            assert f"Network: {people} contacts" in str(app.screen.query_one("#today-network").render())
            assert not app.screen.query("#today-opening")  # the word "Opening" is gone with the body
            await pilot.press("f3")
            await pilot.pause()
            assert isinstance(app.screen, NetworkScreen)
            assert "Tier 1 (close friends and family)" in str(app.screen.query_one("#network-detail").render())
    finally:
        late.close()


async def test_a_big_file_is_drawn_in_its_theme_before_it_is_read(
    repository: Repository, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository.save_settings(replace(repository.settings(), theme="nord"))
    build_demo(repository, FIXED_NOW)  # the records after the settings: still written first
    repository.close()
    late = Repository.open(db_path, load=False)
    app = make_app(late)
    theme_when_read: list[str] = []
    read = late.load
    monkeypatch.setattr(late, "load", lambda: (theme_when_read.append(app.theme), read()))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await first_screen_shown(pilot)
    finally:
        late.close()
    assert theme_when_read == ["nord"]


async def test_a_big_file_opened_and_closed_without_an_edit_is_not_rewritten(
    repository: Repository, db_path: Path
) -> None:
    """Its theme, set for the first frame before the file was read, once counted as an
    edit of the empty data: the file was rewritten (and backed up, 100 MB) at every start."""
    from infoview_tui.store import backups

    build_demo(repository, FIXED_NOW)
    repository.save_settings(replace(repository.settings(), theme="nord"))
    repository.close()
    before = db_path.read_bytes()
    for _opening in range(2):
        late = Repository.open(db_path, load=False)
        app = make_app(late)
        try:
            async with app.run_test(size=(120, 40)) as pilot:
                await first_screen_shown(pilot)
                await pilot.pause()
                assert app.save_status == "all saved"
        finally:
            late.close()
    assert db_path.read_bytes() == before
    assert not [backup for backup in backups.backups_of(db_path) if backup.label == backups.LABEL_OPENED]


async def test_the_opening_line_shows_a_file_name_without_its_control_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "ev\x1b]2;TITLE\x07il.json"  # would retitle the terminal
    write_big_database(db)
    monkeypatch.setattr(InfoviewApp, "on_ready", lambda self: None)  # "Opening" stays on screen
    late = Repository.open(db, load=False)
    app = make_app(late)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            shown = str(app.screen.query_one("#today-opening").render())
    finally:
        late.close()
    assert (
        shown.startswith("Opening ev") and "il.json (20.9 MB)…" in shown
    )  # in MB of 1,024 KB, as --list-backups says sizes
    assert not any(ord(character) < 32 or ord(character) == 127 for character in shown)


async def test_an_edit_before_the_file_is_read_is_refused_not_thrown_away(db_path: Path) -> None:
    write_big_database(db_path)
    late = Repository.open(db_path, load=False)
    try:
        with pytest.raises(RuntimeError):
            late.save_contact(Contact(name="Bo Berg", tier=2))
        with pytest.raises(RuntimeError):
            late.db.table("contacts").insert({"name": "Bo Berg"})
        assert not late.file.dirty
    finally:
        late.close()


async def test_a_call_under_way_in_a_file_read_late_reopens(repository: Repository, db_path: Path) -> None:
    build_demo(repository, FIXED_NOW)
    clock = MovableClock()
    app = make_app(repository, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_with_daniel(pilot)
        await pilot.press(*"first answer")
        await pilot.pause(1.2)
    repository.close()  # the app went away mid-call

    late = Repository.open(db_path, load=False)
    try:
        again = make_app(late, clock)
        async with again.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(again.screen, SessionScreen) and again.screen.is_mounted, 3.0)
            assert again.screen.query_one("#question-notes", TextArea).text == "first answer"
    finally:
        late.close()


async def test_a_file_read_late_that_cannot_be_used_ends_the_app_and_is_left_as_it_was(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    cut_short = b'{\n  "_meta": {\n    "1": {\n      "app": "infoview",\n      "sch'
    db_path.write_bytes(cut_short)
    late = Repository.open(db_path, load=False)
    app = make_app(late)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.return_code is not None, 3.0)
    assert app.return_code == 3
    assert app.refused is not None and "is cut short" in str(app.refused)
    assert late.close().status == "unchanged"
    assert db_path.read_bytes() == cut_short


def write_big_database(db_path: Path) -> int:
    """A valid database just over the size read after the first frame: Ana Lima and
    thousands of people with long notes. Returns how many contacts it holds."""
    repository = Repository.open(db_path)
    repository.save_contact(Contact(name="Ana Lima", tier=1))
    repository.close()
    data = orjson.loads(db_path.read_bytes())
    (ana,) = data["contacts"].values()
    notes = "Met at the meetup; talked about pottery studios and teaching. " * 30
    count = READ_AFTER_FIRST_FRAME_BYTES // len(notes) + 100
    for number in range(count):
        data["contacts"][str(number + 2)] = {**ana, "id": f"big-{number}", "name": f"Person {number}", "notes": notes}
    db_path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    assert db_path.stat().st_size >= READ_AFTER_FIRST_FRAME_BYTES
    return count + 1


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")
def test_a_big_file_shows_opening_first_then_the_network(tmp_path: Path) -> None:
    db = tmp_path / "infoview.json"
    count = write_big_database(db)
    terminal = RealTerminal("--db", str(db))
    try:
        terminal.type("\x1bOR")  # F3, typed before anything shows: acts once the file is read
        terminal.wait_for_output(b"Opening infoview.json (")
        terminal.wait_for_output(
            f"({count}), ".encode()
        )  # the network's list: "Tier 1: close f… (9121), 9105 only here"
        terminal.type("\x11")
        exit_code = terminal.finish()
    finally:
        terminal.kill()
    assert exit_code == 0
    opening = terminal.output.index(b"Opening infoview.json")
    assert terminal.output.index(b"Person ") > opening  # the people are drawn after the word "Opening"
    assert len(orjson.loads(db.read_bytes())["contacts"]) == count


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")
def test_a_big_file_cut_short_is_refused_in_words_and_left_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "infoview.json"
    write_big_database(db)
    cut_short = db.read_bytes()[: READ_AFTER_FIRST_FRAME_BYTES + 10]
    db.write_bytes(cut_short)
    terminal = RealTerminal("--db", str(db))
    try:
        exit_code = terminal.finish()
        output = b" ".join(bytes(terminal.output).split())  # wrapped to the terminal's width
    finally:
        terminal.kill()
    assert exit_code == 3
    assert b"is cut short" in output and b"infoview has not changed the file" in output
    assert db.read_bytes() == cut_short
    assert not [path for path in tmp_path.iterdir() if path.name.endswith(".tmp")]
