"""A real infoview process told to stop (kill, or its terminal window closed) saves first."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.functional.terminal import RealTerminal, read_brainstorm


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="POSIX signals and pseudo-terminals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_saves_what_was_typed_before_exit(tmp_path: Path, signum: int) -> None:
    db = tmp_path / "infoview.json"
    terminal = RealTerminal("--db", str(db))
    try:
        terminal.wait_for_output(b"piques")
        time.sleep(0.5)  # let the first frame settle and focus land in the brainstorm
        terminal.type("woodworking school")
        time.sleep(0.4)  # keys handled, but well inside the 1 s of quiet before an autosave
        assert read_brainstorm(db) == ""
        terminal.process.send_signal(signum)
        exit_code = terminal.finish()
    finally:
        terminal.kill()
    assert read_brainstorm(db) == "woodworking school"
    assert exit_code == 128 + signum


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")
def test_a_terminal_gone_without_a_hang_up_signal_still_saves_and_exits(tmp_path: Path) -> None:
    """The pty is not the process's controlling terminal here, so closing it sends no SIGHUP:
    Textual then read end-of-file forever, the app held the lock and a CPU, and never saved."""
    db = tmp_path / "infoview.json"
    terminal = RealTerminal("--db", str(db))
    try:
        terminal.wait_for_output(b"piques")
        time.sleep(0.5)
        terminal.type("boat building")
        time.sleep(0.4)
        assert read_brainstorm(db) == ""
        os.close(terminal.master)  # the window closes
        exit_code = terminal.process.wait(timeout=20)
    finally:
        terminal.kill()
    assert read_brainstorm(db) == "boat building"
    assert exit_code == 128 + signal.SIGHUP


def test_a_quit_from_the_keyboard_saves_too(tmp_path: Path) -> None:
    db = tmp_path / "infoview.json"
    terminal = RealTerminal("--db", str(db), columns=80, rows=24)
    try:
        terminal.wait_for_output(b"piques")
        time.sleep(0.5)
        terminal.type("ux research")
        time.sleep(0.3)
        terminal.type("\x11")  # ctrl+q
        exit_code = terminal.finish()
    finally:
        terminal.kill()
    assert exit_code == 0
    assert read_brainstorm(db) == "ux research"


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")
def test_demo_opens_a_populated_network_and_leaves_no_trace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    own = tmp_path / "own.json"
    monkeypatch.setenv("INFOVIEW_DB", str(own))
    terminal = RealTerminal("--demo", columns=120, rows=40)
    try:
        terminal.wait_for_output(b"piques")
        assert len(list(scratch.glob("infoview-demo-*/demo.json"))) == 1
        terminal.type("\x1bOR")  # F3
        terminal.wait_for_output(b"Who next")
        terminal.type("\x11")  # ctrl+q
        exit_code = terminal.finish()
    finally:
        terminal.kill()
    assert exit_code == 0
    assert not own.exists()  # the user's own database was never touched
    assert list(scratch.iterdir()) == []  # the temporary demo database is gone


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")
def test_session_survives_sigkill_and_resumes(tmp_path: Path) -> None:
    import orjson

    from infoview_tui.demo import build_demo
    from infoview_tui.store.repository import Repository
    from tests.conftest import FIXED_NOW

    db = tmp_path / "infoview.json"
    repository = Repository.open(db)
    build_demo(repository, FIXED_NOW)
    repository.close()

    terminal = RealTerminal("--db", str(db), columns=120, rows=40)
    try:
        terminal.wait_for_output(b"piques")
        terminal.type("\x1bOR")  # F3
        terminal.wait_for_output(b"Who next")
        time.sleep(0.3)
        terminal.type("\x1b[C")  # right: Daniel Weiss
        time.sleep(0.3)
        terminal.type("i")
        terminal.wait_for_output(b"Start the conversation")
        time.sleep(0.3)
        terminal.type("\x13")  # ctrl+s
        terminal.wait_for_output(b"Free notes")
        time.sleep(0.5)
        terminal.type("He started as an apprentice")
        time.sleep(3.0)
        terminal.process.send_signal(signal.SIGKILL)  # no chance to save anything more
        terminal.finish()
    finally:
        terminal.kill()

    data = orjson.loads(db.read_bytes())
    (running,) = [i for i in data["interviews"].values() if i["status"] == "in_progress"]
    assert "He started as an apprentice" in running["question_notes"].values()

    again = RealTerminal("--db", str(db), columns=120, rows=40)
    try:
        again.wait_for_output(b"Reopened the conversation")
        again.wait_for_output(b"He started as an apprentice")
        again.type("\x11")  # ctrl+q
        assert again.finish() == 0
    finally:
        again.kill()
