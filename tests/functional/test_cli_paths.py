"""Odd paths given as --db, and the backup commands: each refused or served with a message, never a traceback."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

import orjson
import pytest

from infoview_tui.store import backups, lock
from infoview_tui.store.errors import DatabaseLocked, DatabaseUnreadable, FolderNotWritable
from infoview_tui.store.repository import Repository
from tests.functional.test_cli import run_cli


def a_vcard(folder: Path, name: str) -> Path:
    card = folder / f"{name.replace(' ', '_')}.vcf"
    card.write_text(f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nEND:VCARD\n", encoding="utf-8")
    return card


def names_in(path: Path) -> list[str]:
    return sorted(record["name"] for record in orjson.loads(path.read_bytes()).get("contacts", {}).values())


def without_user_data(tmp_path: Path) -> dict[str, str]:
    """The environment of a user whose default database would land in tmp_path."""
    return {"XDG_DATA_HOME": str(tmp_path / "xdg"), "HOME": str(tmp_path / "home")}


# --- listing and restoring backups -----------------------------------------------------


@pytest.fixture
def imported_twice(tmp_path: Path) -> Path:
    """A database that saw two imports: Ana, then Bea (each import keeps the file before it)."""
    db = tmp_path / "infoview.json"
    for name in ("Ana Lima", "Bea Souza"):
        result = run_cli("--db", str(db), "import", str(a_vcard(tmp_path, name)))
        assert result.returncode == 0, result.stderr
    return db


def test_list_backups_shows_each_with_its_time_reason_size_and_health(imported_twice: Path) -> None:
    folder = backups.backup_dir(imported_twice)
    impostor = folder / "infoview-29991231-235959-000000.json"  # named like a backup, newest of all
    impostor.write_bytes(b'{"tasks": []}')
    result = run_cli("--db", str(imported_twice), "--list-backups")
    assert result.returncode == 0, result.stderr
    listed: dict[str, str] = {}  # each backup's name, on a line of its own, and what follows it
    for line in result.stdout.splitlines():
        if line.startswith("  infoview-"):
            listed[line.strip()] = ""
        elif line.startswith("      ") and listed:
            listed[list(listed)[-1]] += line.strip() + "\n"
    names = list(listed)
    assert len(names) == 3 and names == sorted(names, reverse=True) and names[0] == impostor.name  # newest first
    assert "cannot be restored: it is a JSON file of some other program" in listed[impostor.name]
    for name in names[1:]:
        assert re.fullmatch(
            r"\w{3} \d{2} \w{3} \d{4} \d{2}:\d{2} \((just now|\d+ minutes ago)\), before an import, [\d,.]+ (bytes|KB), readable\n",
            listed[name],
        )
    assert all(
        len(line) <= 80 for line in result.stdout.splitlines() if line.startswith("      ") and "cannot" not in line
    )
    assert "Traceback" not in result.stderr


def test_restore_by_name_keeps_the_file_it_replaces(imported_twice: Path) -> None:
    older = backups.list_backups(imported_twice)[-1]  # before Ana's import: the new, empty database
    second = backups.list_backups(imported_twice)[0]  # before Bea's import: Ana alone
    result = run_cli("--db", str(imported_twice), "--restore-backup", second.name)
    assert result.returncode == 0, result.stderr
    assert names_in(imported_twice) == ["Ana Lima"]
    kept = [path for path in backups.list_backups(imported_twice) if path.name.endswith("-before-restore.json")]
    assert len(kept) == 1 and names_in(kept[0]) == ["Ana Lima", "Bea Souza"]
    assert kept[0].name in result.stdout  # says where
    assert older.exists()


def test_a_backup_that_is_not_a_readable_database_is_never_restored(imported_twice: Path) -> None:
    before = imported_twice.read_bytes()
    folder = backups.backup_dir(imported_twice)
    foreign = folder / "infoview-29991231-235959-000000.json"  # the newest: what used to be restored
    foreign.write_bytes(b'{"tasks": []}')
    damaged = folder / "infoview-29991230-000000-000000.json"
    damaged.write_bytes(b'{"_meta": {"1": {"app": "infoview", "sche')
    for chosen in (foreign, damaged):
        refused = run_cli("--db", str(imported_twice), "--restore-backup", chosen.name)
        assert refused.returncode == 3
        assert "not restored" in refused.stderr and "Traceback" not in refused.stderr
        assert imported_twice.read_bytes() == before
    # Without a name: the newest readable one, past the two that are not.
    restored = run_cli("--db", str(imported_twice), "--restore-backup")
    assert restored.returncode == 0, restored.stderr
    assert names_in(imported_twice) == ["Ana Lima"]
    assert foreign.read_bytes() == b'{"tasks": []}'


def test_the_unreadable_database_message_names_the_backup_a_restore_would_use(imported_twice: Path) -> None:
    readable = backups.list_backups(imported_twice)[0]
    foreign = backups.backup_dir(imported_twice) / "infoview-29991231-235959-000000.json"
    foreign.write_bytes(b'{"tasks": []}')
    imported_twice.write_bytes(b'{"_meta": ')
    result = run_cli("--db", str(imported_twice))
    assert result.returncode == 3
    assert str(readable) in result.stderr and foreign.name not in result.stderr


def test_restoring_a_missing_name_or_a_named_pipe_is_refused(imported_twice: Path, tmp_path: Path) -> None:
    before = imported_twice.read_bytes()
    missing = run_cli("--db", str(imported_twice), "--restore-backup", "infoview-nothing.json")
    assert missing.returncode == 3 and "--list-backups" in missing.stderr
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    piped = run_cli("--db", str(imported_twice), "--restore-backup", str(fifo))  # would hang if it were read
    assert piped.returncode == 3 and "a named pipe" in piped.stderr
    assert imported_twice.read_bytes() == before


def test_restore_is_refused_while_another_infoview_holds_the_file(imported_twice: Path) -> None:
    holder = Repository.open(imported_twice)
    try:
        result = run_cli("--db", str(imported_twice), "--restore-backup")
        assert result.returncode == 4 and "already open" in result.stderr
    finally:
        holder.close()


# --- a symlinked database ----------------------------------------------------------------


def test_a_symlinked_database_is_written_and_locked_at_its_target(tmp_path: Path) -> None:
    target = tmp_path / "synced" / "infoview.json"
    target.parent.mkdir()
    Repository.open(target).close()
    link = tmp_path / "infoview.json"
    link.symlink_to(target)
    through_link = Repository.open(link)
    try:
        from infoview_tui.domain.model import Contact

        through_link.save_contact(Contact(name="Ana"))
        through_link.flush()
        assert link.is_symlink() and link.resolve() == target
        assert names_in(target) == ["Ana"]
        with pytest.raises(DatabaseLocked):
            Repository.open(target)  # the real path finds the same lock
    finally:
        through_link.close()
    assert not (tmp_path / "infoview.json.lock").exists()
    assert (target.parent / "infoview.json.lock").exists()


def test_a_database_through_a_symlinked_folder_and_a_dangling_link(tmp_path: Path) -> None:
    real_folder = tmp_path / "real"
    real_folder.mkdir()
    (tmp_path / "alias").symlink_to(real_folder)
    dangling = tmp_path / "new.json"
    dangling.symlink_to(real_folder / "created.json")
    for path, real in (
        (tmp_path / "alias" / "infoview.json", real_folder / "infoview.json"),
        (dangling, real_folder / "created.json"),
    ):
        result = run_cli("--db", str(path), "import", str(a_vcard(tmp_path, "Ana Lima")))
        assert result.returncode == 0, result.stderr
        assert names_in(real) == ["Ana Lima"]
    assert dangling.is_symlink()
    with pytest.raises(DatabaseLocked):
        holder = Repository.open(tmp_path / "alias" / "infoview.json")
        try:
            Repository.open(real_folder / "infoview.json")
        finally:
            holder.close()


# --- paths that can hold no database -------------------------------------------------------


def test_an_empty_db_option_is_refused(tmp_path: Path) -> None:
    card = str(a_vcard(tmp_path, "Ana Lima"))
    result = run_cli("--db", "", "import", card, env={**without_user_data(tmp_path), "INFOVIEW_DB": ""})
    assert result.returncode == 2
    assert "--db needs the path of a database file" in result.stderr
    assert not (tmp_path / "xdg").exists()  # the default database was not opened instead


def test_an_empty_infoview_db_variable_means_the_default(tmp_path: Path) -> None:
    card = str(a_vcard(tmp_path, "Ana Lima"))
    result = run_cli("import", card, env={**without_user_data(tmp_path), "INFOVIEW_DB": ""})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "xdg" / "infoview" / "infoview.json").exists()


@pytest.mark.parametrize("typed", ["/", "{tmp}/new/folder/", "{tmp}"])
def test_a_folder_given_as_the_database_gets_a_message(typed: str, tmp_path: Path) -> None:
    result = run_cli("--db", typed.format(tmp=tmp_path))
    assert result.returncode == 3
    assert "folder" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("length", [230, 300])
def test_a_name_too_long_gets_a_message(length: int, tmp_path: Path) -> None:
    db = tmp_path / ("n" * (length - 5) + ".json")
    result = run_cli("--db", str(db), "import", str(a_vcard(tmp_path, "Ana Lima")))
    assert result.returncode == 3
    assert "at most 200 bytes" in result.stderr and "Traceback" not in result.stderr


def test_the_longest_name_allowed_works_conflict_copy_and_backups_included(tmp_path: Path) -> None:
    from infoview_tui.domain.model import Contact

    db = tmp_path / ("n" * 195 + ".json")
    repository = Repository.open(db)
    try:
        repository.save_contact(Contact(name="Ana"))
        repository.flush()
        db.write_bytes(b'{"tasks": []}')  # another program's file: our saves go to a conflict copy
        repository.save_contact(Contact(name="Bea"))
        result = repository.flush()
        assert result.status == "conflict" and result.conflict_copy is not None
        assert names_in(result.conflict_copy) == ["Ana", "Bea"]
        assert repository.file.keep_my_version().status == "saved"
        assert backups.list_backups(db)
    finally:
        repository.close()


@pytest.mark.parametrize("called", ["a named pipe", "a device"])
def test_a_pipe_or_a_device_is_called_what_it_is(called: str, tmp_path: Path) -> None:
    path = tmp_path / "pipe" if called == "a named pipe" else Path("/dev/null")
    if called == "a named pipe":
        os.mkfifo(path)
    result = run_cli("--db", str(path))  # a named pipe would hang the first read
    assert result.returncode == 3
    assert f"is {called}, not a file" in result.stderr
    assert "folder" not in result.stderr


def test_a_full_disk_when_the_lock_is_first_written_is_a_message(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(lock.os, "write", disk_full)
    with pytest.raises(FolderNotWritable, match="No space left on device"):
        Repository.open(db_path)
    monkeypatch.undo()
    Repository.open(db_path).close()  # the failed attempt let go of the lock


def test_parent_folders_of_a_new_database_are_private(tmp_path: Path) -> None:
    db = tmp_path / "a" / "b" / "c" / "infoview.json"
    result = run_cli("--db", str(db), "import", str(a_vcard(tmp_path, "Ana Lima")))
    assert result.returncode == 0, result.stderr
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_what_cannot_be_opened_is_an_error_with_the_path(tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    with pytest.raises(DatabaseUnreadable, match=r"loop\.json"):
        Repository.open(loop)
