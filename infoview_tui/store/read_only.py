"""The database as last saved, read without becoming its writer.

`infoview export` only reads, so it must work while the app has the file open. Opening
it here takes no lock (the app holds it) and writes nothing: no backup, no migration
written back, no new file, no leftover temp file removed (it may be the app's save under
way). The app saves by renaming a whole new file over the old one, so one read sees one
save, never half of one. What the running app has not saved yet is not in it: callers
say so when `app_is_open`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from . import backups, validate
from .errors import DatabaseUnreadable, StoreError
from .lock import lock_path_for
from .repository import Repository
from .schema import CURRENT_SCHEMA, migrate, schema_of
from .storage import DatabaseFile, SaveResult, Snapshot, examine


@dataclass(frozen=True)
class LastSave:
    repository: Repository  # read-only: an edit raises RuntimeError
    saved_at: datetime  # when the file was written, in local time
    app_is_open: bool  # an infoview holds the file: edits since `saved_at` may be missing


def open_last_save(path: Path) -> LastSave:
    """The database at `path` as it is on disk. Raises StoreError (exit 3) when there is
    none or it cannot be read; the message says why."""
    database_file = ReadOnlyDatabaseFile(path)
    database_file.load()
    saved_at = datetime.fromtimestamp(database_file.path.stat().st_mtime).astimezone()
    return LastSave(Repository(database_file), saved_at, app_holds(database_file.path))


def snapshot_repository(path: Path, snapshot: Snapshot) -> Repository:
    """A read-only repository over a state captured on the thread that edits (the app's
    export, read in a worker thread while editing goes on): edits after the capture replace
    tables and records with new dicts, never change these, so the worker reads one moment."""
    database_file = ReadOnlyDatabaseFile(path)
    database_file.data = dict(snapshot.tables)
    database_file.loaded = True
    return Repository(database_file)


class ReadOnlyDatabaseFile(DatabaseFile):
    """A DatabaseFile that loads without the lock and refuses every edit and save."""

    def load(self) -> None:
        try:
            status = self.path.stat()
        except FileNotFoundError:
            raise StoreError(
                f"There is no infoview database at {self.path}, so there is nothing to export.\n"
                "Give the file with --db PATH, or set INFOVIEW_DB."
            ) from None
        except OSError as error:
            raise DatabaseUnreadable(
                self.path, "permission", f"infoview cannot reach {self.path} ({error.strerror or error}).", None
            ) from error
        if not stat.S_ISREG(status.st_mode):  # a folder, or a pipe that would block the read forever
            kind = "a folder" if stat.S_ISDIR(status.st_mode) else "a pipe or a device"
            raise DatabaseUnreadable(self.path, "not_a_file", f"{self.path} is {kind}, not a file.", None)
        try:
            raw = self.path.read_bytes()
        except OSError as error:
            raise DatabaseUnreadable(
                self.path, "permission", f"infoview is not allowed to read {self.path} ({error.strerror}).", None
            ) from error
        problem, data = examine(self.path, raw)  # one parse: the check and the data
        if problem is not None:
            kind, explanation = problem
            raise DatabaseUnreadable(self.path, kind, explanation, backups.newest_backup(self.path))
        # Put right in memory as DatabaseFile does (shape, ids, control characters); the app
        # keeps the file as it was and saves the repair when it opens it.
        self.load_warnings = tuple(validate.repair_database(data, raw))
        if schema_of(data) < CURRENT_SCHEMA:
            try:
                data = migrate(data)  # in memory only; the app migrates the file when it opens it
            except ValueError as error:
                raise DatabaseUnreadable(self.path, "schema", f"{self.path}: {error}.", None) from error
        self.data = data
        self.loaded = True

    def _refuse(self) -> NoReturn:
        raise RuntimeError(f"{self.path} was opened read-only (the last save, for an export); it cannot be changed")

    @contextmanager
    def editing(self) -> Iterator[None]:
        self._refuse()
        yield  # pragma: no cover

    def mark_dirty(self) -> None:
        self._refuse()

    def write_snapshot(self, snapshot: Snapshot, payload: list[bytes | memoryview]) -> SaveResult:
        self._refuse()

    def close(self, *, save: bool = True) -> SaveResult:
        return SaveResult("unchanged")  # nothing to save, no lock to release


def app_holds(db_path: Path) -> bool:
    """Whether an infoview has this database open (holds its lock), found without taking
    the lock: on Linux from /proc/locks; elsewhere by a shared lock tried and dropped at
    once (the only moment anything is locked)."""
    lock_file = lock_path_for(db_path)
    try:
        inode = lock_file.stat().st_ino
    except OSError:
        return False  # no lock file: no infoview ever opened it here
    try:
        return str(inode) in _flock_inodes(Path("/proc/locks").read_text())
    except OSError:
        return _held_by_probe(lock_file)


def _flock_inodes(proc_locks: str) -> set[str]:
    """Inodes of the files with a whole-file lock ('2: FLOCK ADVISORY WRITE 8848 fe:00:2148014 0 EOF')."""
    found = set()
    for line in proc_locks.splitlines():
        fields = [field for field in line.split() if field != "->"]
        if len(fields) > 5 and fields[1] == "FLOCK":
            found.add(fields[5].rsplit(":", 1)[-1])
    return found


def _held_by_probe(lock_file: Path) -> bool:  # pragma: no cover - systems without /proc/locks
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fd = os.open(lock_file, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops the shared lock, if it was taken
    return False
