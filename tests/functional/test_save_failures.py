"""Any failure of a save keeps the work (issue 16, point 1), and a damaged file on disk in
the conflict dialog or a repaired database is said, never a crash (point 7)."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import orjson
import pytest

from infoview_tui.domain.model import Contact
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.conflict import ConflictScreen
from infoview_tui.ui.screens.today import TodayScreen
from tests.conftest import make_app
from tests.functional.terminal import RealTerminal
from tests.functional.test_app import brainstorm_on_disk, wait_until


def nested(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = [value]
    return value


def put_unsavable_record(repository: Repository) -> None:
    """A record orjson refuses to write ("Recursion limit reached", a TypeError), put
    straight into memory as a bug could: what loading and importing now refuse, so every
    save fails as it did after a crafted backup was imported."""
    repository.db.table("contacts").insert({"id": "deep", "name": "Deep", "tier": 3, "extra": nested(300)})


# A real `infoview`, with that record put in as its database opens.
CHILD = """
import sys
from infoview_tui.__main__ import main
from infoview_tui.store.repository import Repository
from tests.functional.test_save_failures import put_unsavable_record

real_open = Repository.open.__func__

def open_then_break(cls, path, **options):
    repository = real_open(cls, path, **options)
    put_unsavable_record(repository)
    return repository

Repository.open = classmethod(open_then_break)
sys.exit(main(sys.argv[1:]))
"""


class UnsavableTerminal(RealTerminal):
    """RealTerminal running CHILD (same pty handling) with HOME in `home`."""

    def __init__(self, home: Path, *args: str) -> None:
        import fcntl
        import struct
        import termios
        import threading

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24", "HOME": str(home)}
        environment.pop("TEXTUAL", None)
        environment["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parents[2]), environment.get("PYTHONPATH", "")])
        self.process = subprocess.Popen(
            [sys.executable, "-c", CHILD, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.output = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals and POSIX signals")
@pytest.mark.parametrize("how", ["ctrl+q", "SIGTERM"])
def test_when_every_save_fails_quitting_writes_the_emergency_copy_and_exits_1(tmp_path: Path, how: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    db = tmp_path / "infoview.json"
    terminal = UnsavableTerminal(home, "--db", str(db))
    try:
        terminal.wait_for_output(b"piques")
        terminal.wait_for_output(b"Could not save")  # the first save already failed, and said so
        time.sleep(0.5)
        terminal.type("b")  # the agenda has the focus (there is a person); b goes to the brainstorm
        time.sleep(0.3)
        terminal.type("carpentry guild")
        terminal.wait_for_output(b"guild")
        time.sleep(1.5)  # a background save after the pause in typing fails again
        if how == "ctrl+q":
            terminal.type("\x11")
        else:
            terminal.process.send_signal(signal.SIGTERM)
        exit_code = terminal.finish()
    finally:
        terminal.kill()
    output = bytes(terminal.output)
    assert exit_code == 1
    assert b"Traceback" not in output
    (copy,) = home.glob("infoview-unsaved-*.json")
    assert str(copy).encode() in output.replace(b"\r\n", b"").replace(b"\n", b"")
    saved = orjson.loads(copy.read_bytes())  # the copy opens: everything in it is JSON
    assert next(iter(saved["settings"].values()))["brainstorm"] == "carpentry guild"
    assert any(record.get("id") == "deep" for record in saved["contacts"].values())  # nothing left out


def test_the_import_command_keeps_the_work_when_its_save_fails_for_any_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from infoview_tui.__main__ import main

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(Path, "home", lambda: home)
    real_open = Repository.open.__func__  # type: ignore[attr-defined]

    def open_then_break(cls: type[Repository], path: Path, **options: Any) -> Repository:
        repository = real_open(cls, path, **options)
        put_unsavable_record(repository)
        return repository

    monkeypatch.setattr(Repository, "open", classmethod(open_then_break))
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,,,Acme,Welder,01 Jan 2025\n"
    )
    code = main(["import", str(csv), "--db", str(tmp_path / "infoview.json")])
    err = capsys.readouterr().err
    assert code == 1
    assert "nested more deeply than infoview can write" in err and "Traceback" not in err
    (copy,) = home.glob("infoview-unsaved-*.json")
    assert str(copy) in err
    assert "Ana Lima" in copy.read_text()


async def test_a_save_failing_on_its_data_says_so_in_plain_words(repository: Repository) -> None:
    put_unsavable_record(repository)
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"notes")
        await wait_until(pilot, lambda: any("Could not save" in n.message for n in app._notifications), 4.0)
        (message,) = {n.message for n in app._notifications if "Could not save" in n.message}
        assert "nested more deeply than infoview can write" in message
        assert "Error" not in message  # no exception names
        await pilot.press("ctrl+q")  # quitting does not raise; the command then writes the copy
    assert repository.file.dirty
    repository.db.table("contacts").truncate()  # so the fixture's close can save


async def test_choosing_a_damaged_disk_file_in_the_conflict_dialog_keeps_mine_and_says_so(
    repository: Repository, db_path: Path
) -> None:
    from infoview_tui.store import backups

    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"mine")
        await wait_until(pilot, lambda: brainstorm_on_disk(db_path) == "mine", 3.0)
        damaged = b'{"_meta": {"1": {"app": "infoview", "sch'
        db_path.write_bytes(damaged)  # the other side arrives cut short (a sync under way)
        await pilot.press(*" and more")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictScreen), 4.0)

        await pilot.press("d")  # "continue with the file on disk"
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, TodayScreen)
        (message,) = [n.message for n in app._notifications if "cannot be read" in n.message]
        assert "Your version was kept" in message
        assert brainstorm_on_disk(db_path) == "mine and more"  # ours, saved where it belongs
        assert any(backup.read_bytes() == damaged for backup in backups.list_backups(db_path))  # theirs kept


async def test_what_reading_the_database_put_right_is_shown_at_start(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(
        orjson.dumps({
            "_meta": {"1": {"app": "infoview", "schema": 1}},
            "contacts": {"1": {"id": "a", "name": "Ana", "tier": 2}, "2": 42, "3": {"id": "b", "name": "Bea", "tier": 9}},
        })
    )  # fmt: skip
    repository = Repository.open(db_path)
    try:
        app = make_app(repository)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_until(pilot, lambda: any("repaired" in (n.title or "") for n in app._notifications), 3.0)
            (message,) = [n.message for n in app._notifications if "repaired" in (n.title or "")]
            assert "contacts record 2 was the number 42" in message
            assert "before-repair" in message  # where the file as it was is kept
            assert "tier must be 1, 2, 3 or 4" in message  # a record that does not fit the model: skipped
            assert [c.name for c in repository.contacts()] == ["Ana"]
            repository.save_contact(Contact(name="Cy"))
    finally:
        repository.close()


async def test_a_crafted_backup_imported_from_the_palette_leaves_every_later_save_working(
    repository: Repository, db_path: Path, tmp_path: Path
) -> None:
    """The issue's first finding: a contact with a field nested 300 deep, imported through
    the palette, made every later save fail. That record is now rejected with its number."""
    from textual.widgets import Static

    from infoview_tui.ui.screens.importing import ImportScreen

    crafted = tmp_path / "crafted.json"
    crafted.write_text(
        '{"_meta": {"1": {"app": "infoview", "schema": 1}}, "contacts": {'
        '"1": {"id": "x", "name": "Deep", "tier": 3, "extra": ' + "[" * 300 + "]" * 300 + "}, "
        '"2": {"id": "y", "name": "Bea", "tier": 3}}}'
    )
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_import()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        await pilot.press(*str(crafted), "enter")
        details = screen.query_one("#import-details", Static)
        await wait_until(pilot, lambda: "contacts record 1" in str(details.render()), 3.0)
        assert "'extra' is nested 300 levels deep" in str(details.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
        await wait_until(pilot, lambda: not repository.file.dirty, 4.0)  # the import was saved
        await pilot.press("b", *"after the import")
        await wait_until(pilot, lambda: brainstorm_on_disk(db_path) == "after the import", 4.0)
        assert not any("Could not save" in n.message for n in app._notifications)
    assert [c.name for c in repository.contacts()] == ["Bea"]
