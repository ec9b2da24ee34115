"""The `infoview` command: version, help, where the database lives, files it must refuse."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from infoview_tui import __version__
from infoview_tui.domain.model import Contact
from infoview_tui.paths import resolve_db_path
from infoview_tui.store import backups
from infoview_tui.store.repository import Repository


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "infoview_tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"infoview {__version__}"


def test_help_names_the_options_and_where_the_file_lives() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for words in ("--db PATH", "--restore-backup", "--version", "INFOVIEW_DB", "informational interviews"):
        assert words in result.stdout


def test_db_path_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("INFOVIEW_DB", raising=False)
    if sys.platform.startswith("linux"):
        assert resolve_db_path() == tmp_path / "xdg" / "infoview" / "infoview.json"
    monkeypatch.setenv("INFOVIEW_DB", str(tmp_path / "env.json"))
    assert resolve_db_path() == tmp_path / "env.json"
    assert resolve_db_path(str(tmp_path / "cli.json")) == tmp_path / "cli.json"


UNREADABLE = {
    "corrupt": (b'{"_meta": {"1": {"app": "infoview"}}} }}} oops', "is damaged: not valid JSON"),
    "truncated": (b'{"_meta": {"1": {"app": "infoview", "schema": 1}}, "contacts": {"1": {"na', "is cut short"),
    "empty": (b"", "is empty"),
    "foreign": (b'{"version": 2, "extensions": ["python"], "theme": "dark"}', "JSON file of some other program"),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_unreadable_database_exits_with_its_own_message(case: str, tmp_path: Path) -> None:
    content, words = UNREADABLE[case]
    db = tmp_path / "infoview.json"
    db.write_bytes(content)
    result = run_cli("--db", str(db))
    assert result.returncode == 3
    assert words in result.stderr
    assert str(db) in result.stderr
    assert "has not changed the file" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == content


def damaged_with_a_backup(tmp_path: Path) -> Path:
    """A database saved once (so it has a backup), then cut short."""
    db = tmp_path / "infoview.json"
    repo = Repository.open(db)
    repo.save_contact(Contact(name="Ana"))
    repo.flush()
    repo.close()
    db.write_bytes(b'{"_meta": ')
    return db


def test_unreadable_database_message_offers_the_newest_backup(tmp_path: Path) -> None:
    db = damaged_with_a_backup(tmp_path)
    result = run_cli("--db", str(db))
    assert result.returncode == 3
    newest = backups.newest_backup(db)
    assert newest is not None and str(newest) in result.stderr
    assert "--restore-backup" in result.stderr

    restored = run_cli("--db", str(db), "--restore-backup")
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout
    damaged = list(tmp_path.glob("infoview.json.damaged-*"))
    assert len(damaged) == 1 and damaged[0].read_bytes() == b'{"_meta": '
    reopened = Repository.open(db)
    try:
        assert reopened.count_contacts() == 0  # the backup holds the file as it was before the save
    finally:
        reopened.close()


def test_restore_without_any_backup_says_so(tmp_path: Path) -> None:
    db = tmp_path / "infoview.json"
    db.write_bytes(b"junk")
    result = run_cli("--db", str(db), "--restore-backup")
    assert result.returncode == 3
    assert "no backup" in result.stderr
    assert db.read_bytes() == b"junk"


def test_database_open_elsewhere_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "infoview.json"
    holder = Repository.open(db)
    try:
        before = db.read_bytes()
        result = run_cli("--db", str(db))
        assert result.returncode == 4
        assert "already open in another infoview" in result.stderr
        assert f"pid {os.getpid()}" in result.stderr
        assert db.read_bytes() == before
    finally:
        holder.close()


def test_file_without_read_permission(tmp_path: Path) -> None:
    # A folder anyone may enter and write (for the lock file), and a file only root may read.
    folder = Path(tempfile.mkdtemp(prefix="infoview-perm-"))
    os.chmod(folder, 0o777)
    db = folder / "infoview.json"
    content = b'{"_meta": {"1": {"app": "infoview", "schema": 1}}}'
    db.write_bytes(content)
    os.chmod(db, 0o000)
    as_nobody = ""
    if os.geteuid() == 0:  # root reads anything: drop to nobody once the code is loaded
        nobody = pwd.getpwnam("nobody")
        as_nobody = f"import os; os.setgid({nobody.pw_gid}); os.setuid({nobody.pw_uid}); "
    code = (
        "import sys, locale, gettext, infoview_tui.__main__ as cli, infoview_tui.store.repository; "
        "cli.build_parser().format_help(); "  # loads what argparse loads lazily
        f"{as_nobody}sys.exit(cli.main(['--db', {str(db)!r}]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    os.chmod(db, 0o600)
    assert result.returncode == 3, result.stderr
    assert "not allowed to read" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == content


def test_when_the_last_save_fails_the_work_goes_to_an_emergency_copy(
    repository: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import orjson

    from infoview_tui.__main__ import _emergency_copy

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(Path, "home", lambda: home)
    repository.save_contact(Contact(name="Only in memory"))
    message = _emergency_copy(repository)
    (copy,) = home.glob("infoview-unsaved-*.json")
    assert str(copy) in message
    assert "Only in memory" in copy.read_text()
    assert orjson.loads(copy.read_bytes())["_meta"]["1"]["app"] == "infoview"  # opens with --db


@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")
def test_a_refusal_in_a_narrow_terminal_breaks_its_lines_between_words(tmp_path: Path) -> None:
    """The terminal breaks a long line wherever the edge falls ("big.backup|s/"): the message
    comes wrapped at spaces, paths whole, the command to type on a line of its own."""
    from tests.functional.terminal import RealTerminal

    db = damaged_with_a_backup(tmp_path)
    terminal = RealTerminal("--db", str(db), columns=80)
    try:
        assert terminal.finish() == 3
    finally:
        terminal.kill()
    lines = bytes(terminal.output).decode().splitlines()
    assert all(len(line) < 80 for line in lines if str(tmp_path) not in line), lines
    newest = backups.newest_backup(db)
    assert any(line.endswith(str(newest) + ".") or str(newest) in line.split() for line in lines)
    assert f"  infoview --db '{db}' --restore-backup" in lines
