"""`infoview export` and the palette's export as the user meets them: whole or nothing,
private, and possible while the app has the database open (issue 16 point 9, issue 13)."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

from textual.widgets import Input

from infoview_tui.domain.model import Contact, Interview
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.curiosities import TextPrompt
from tests.conftest import FIXED_NOW, make_app
from tests.functional.test_app import wait_until
from tests.functional.test_cli import run_cli


def _folder_state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder` (backups too), with its bytes and when it was written."""
    return {str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(folder.rglob("*")) if path.is_file()}  # fmt: skip


def _database_with_interviews(db: Path, names: list[str]) -> None:
    repository = Repository.open(db)
    for offset, name in enumerate(names):
        contact = repository.save_contact(Contact(name, tier=2))
        repository.save_interview(Interview(contact.id, scheduled_at=FIXED_NOW + timedelta(days=offset)))
    repository.close()


def test_a_5000_character_name_is_exported_whole(tmp_path: Path) -> None:
    db = tmp_path / "infoview.json"
    names = [f"Person {n}" for n in range(20)]
    names.insert(17, "A" * 5000)
    _database_with_interviews(db, names)
    result = run_cli("export", "markdown", str(tmp_path / "notes"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Wrote 21 interviews and index.md to {tmp_path / 'notes'}/.\n"
    files = sorted(path.name for path in (tmp_path / "notes").iterdir())
    assert len(files) == 22 and max(len(name.encode()) for name in files) <= 255


def test_a_refused_export_writes_nothing_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "infoview.json"
    _database_with_interviews(db, ["Ana Lima", "Bo Chen"])
    too_long = tmp_path / "new" / ("n" * 300)  # no file system takes a name this long
    before = sorted(path.name for path in tmp_path.iterdir())
    result = run_cli("export", "markdown", str(too_long), "--db", str(db))
    assert result.returncode == 5
    assert result.stderr.startswith("infoview: ") and "Nothing was written." in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == before  # no "new" folder, no temporary


def test_a_missing_parent_folder_is_made_private(tmp_path: Path) -> None:
    db = tmp_path / "infoview.json"
    _database_with_interviews(db, ["Ana Lima"])
    result = run_cli("export", "csv", str(tmp_path / "exports" / "2026" / "table"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    for folder in ("exports", "exports/2026", "exports/2026/table"):
        assert stat.S_IMODE((tmp_path / folder).stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((tmp_path / "exports/2026/table/contacts.csv").stat().st_mode) == 0o600


def test_export_works_while_the_app_holds_the_database(tmp_path: Path) -> None:
    db = tmp_path / "data" / "infoview.json"
    _database_with_interviews(db, ["Ana Lima", "Bo Chen"])
    app_side = Repository.open(db)  # the lock a running infoview holds
    try:
        app_side.save_contact(Contact("Typed after the last save", tier=1))  # not on disk yet
        before = _folder_state(db.parent)
        result = run_cli("export", "csv", str(tmp_path / "table"), "--db", str(db))
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[0] == f"Wrote 2 contacts and 2 interviews to {tmp_path / 'table'}/ (contacts.csv, interviews.csv)."
        assert lines[1].startswith("Exported from the last save (")
        assert lines[1].endswith("): infoview is open on this file, so edits made since then are not in it.")
        # Nothing of the database's folder changed: no lock taken, no backup, no write.
        assert _folder_state(db.parent) == before
    finally:
        app_side.close()
    alone = run_cli("export", "json", str(tmp_path / "backup.json"), "--db", str(db))
    assert alone.returncode == 0 and "last save" not in alone.stdout


def test_an_unreadable_or_missing_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "infoview.json"
    db.write_bytes(b'{"_meta": {"1": {"app": "infoview"}}} }}} oops')
    result = run_cli("export", "markdown", str(tmp_path / "notes"), "--db", str(db))
    assert result.returncode == 3 and "is damaged: not valid JSON" in result.stderr
    missing = tmp_path / "nowhere" / "infoview.json"
    result = run_cli("export", "markdown", str(tmp_path / "notes"), "--db", str(missing))
    assert result.returncode == 3 and f"There is no infoview database at {missing}" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["infoview.json"]  # nothing made, nothing written


async def test_the_palette_export_is_private_and_a_failure_says_nothing_was_written(
    repository: Repository, tmp_path: Path
) -> None:
    repository.save_contact(Contact("Ana Lima", tier=1))
    (tmp_path / "plan.txt").write_text("mine")
    app = make_app(repository)
    previous = os.umask(0o022)  # the usual umask, with which a careless mkdir makes 0755
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            for typed in (tmp_path / "plan.txt" / "table", tmp_path / "new" / "table"):
                app.action_export("csv")
                await wait_until(
                    pilot, lambda: isinstance(app.screen, TextPrompt) and bool(app.screen.query(Input)), 3.0
                )
                app.screen.query_one(Input).value = str(typed)
                await pilot.press("enter")
                await wait_until(pilot, lambda: not isinstance(app.screen, TextPrompt), 3.0)
            messages = [notification.message for notification in app._notifications]
    finally:
        os.umask(previous)
    assert any("plan.txt is a file, not a folder" in m and "Nothing was written." in m for m in messages), messages
    assert any(m.startswith("Wrote 1 contact and 0 interviews") for m in messages), messages
    assert (tmp_path / "plan.txt").read_text() == "mine"
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "new" / "table").stat().st_mode) == 0o700
