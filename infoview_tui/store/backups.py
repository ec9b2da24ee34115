"""Backups of the database, in `<db stem>.backups/` beside it, kept by age.

A backup is the file as it was just before a save replaced it: a hard link to the old
file (free, whatever its size; a copy where links are impossible). Its time and why it
was taken are in its name, `<stem>-<YYYYmmdd-HHMMSS-ffffff>[-<label>].json`, so every
process reads the same history from the folder itself (a count kept in one process
let twelve quick CLI imports push the older state out):

* a plain backup is taken when the newest plain one in the folder is older than
  BACKUP_INTERVAL, whichever process took it (store/storage.py, `_backup_if_due`);
* a labelled one (before an import, the other side of a conflict, before a restore,
  before the file format is upgraded) is taken every time it is asked for;
* pruning keeps every backup of the last hour, the newest of each hour for a day, the
  newest of each day for 30 days and of each month for a year; labelled ones are all
  kept for 30 days, then thinned like the rest; the newest backup is never deleted.
  A file not named like a backup is never touched.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..paths import describe_non_file
from . import local_base
from .errors import NoBackup, StoreError

BACKUP_INTERVAL = timedelta(minutes=15)
KEEP_EVERY = timedelta(hours=1)
KEEP_HOURLY = timedelta(days=1)
KEEP_DAILY = timedelta(days=30)
KEEP_MONTHLY = timedelta(days=365)
KEEP_LABELLED = timedelta(days=30)

LABEL_IMPORT = "import"
LABEL_REPLACED = "replaced"  # the file on disk that "keep my version" replaced
LABEL_BEFORE_RESTORE = "before-restore"
LABEL_OPENED = "opened"  # the file as infoview found it, before the first save of a run (a merge's base)

_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_LABEL_WORDS = {
    "": "automatic",
    LABEL_IMPORT: "before an import",
    LABEL_REPLACED: "the other side of a conflict",
    LABEL_BEFORE_RESTORE: "before a restore",
    LABEL_OPENED: "as infoview found it when it opened the file",
    "before-repair": "before records were repaired on opening",
    "other-copy": "the other machine's version, before merging it",
    "sync-conflict": "a sync tool's conflict copy, merged in",
    "before-merge": "before 'infoview merge'",
}


class BackupRefused(StoreError):
    """The file asked for cannot be restored; nothing was changed."""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime  # wall-clock time of the machine that took it, as in the name
    label: str

    @property
    def plain(self) -> bool:
        return not self.label

    @property
    def reason(self) -> str:
        """Why it was taken, in words."""
        if self.label.startswith("schema"):
            return f"before upgrading the file format (from schema {self.label.removeprefix('schema')})"
        return _LABEL_WORDS.get(self.label, self.label)


def backup_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + ".backups")


def _wall(moment: datetime) -> datetime:
    """The wall-clock time names carry (naive, so names and ages compare)."""
    return moment.replace(tzinfo=None)


def _name_pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(
        re.escape(db_path.stem) + r"-(?P<stamp>\d{8}-\d{6}-\d{6})(?:-(?P<label>[a-z0-9]+(?:-[a-z0-9]+)*))?\.json"
    )


def backups_of(db_path: Path) -> list[Backup]:
    """Every backup in the folder, newest first. One directory read, no file opened:
    it runs before every backup and on many saves."""
    pattern = _name_pattern(db_path)
    found: list[Backup] = []
    try:
        with os.scandir(backup_dir(db_path)) as entries:
            for entry in entries:
                match = pattern.fullmatch(entry.name)
                if match is None or not entry.is_file(follow_symlinks=False):
                    continue  # someone else's file, a folder, a link: not ours to list or delete
                try:
                    taken = datetime.strptime(match["stamp"], _STAMP_FORMAT)
                except ValueError:
                    continue  # digits that are no date (month 13): not a name we wrote
                found.append(Backup(Path(entry.path), taken, match["label"] or ""))
    except OSError:  # no folder yet, or one we cannot read: no backups to show or thin
        return []
    return sorted(found, key=lambda backup: (backup.taken, backup.path.name), reverse=True)


def list_backups(db_path: Path) -> list[Path]:
    """Newest first."""
    return [backup.path for backup in backups_of(db_path)]


def newest_backup(db_path: Path) -> Path | None:
    """The backup `--restore-backup` restores by default: the newest that is a readable
    infoview database (a newer one may be the foreign file a conflict replaced). Reads
    files, so for messages and restores, not for every save."""
    return newest_readable_backup(db_path)


def newest_plain_backup_time(db_path: Path) -> datetime | None:
    """When any process last took a plain backup: one is due BACKUP_INTERVAL from then
    (either side of it: a clock set back must not start a backup on every save)."""
    return next((backup.taken for backup in backups_of(db_path) if backup.plain), None)


def take_backup(db_path: Path, moment: datetime, label: str = "") -> Path:
    """Keep the file as it is now, then thin the folder; returns the backup's path."""
    folder = backup_dir(db_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    taken = _wall(moment)
    while True:
        target = folder / f"{db_path.stem}-{taken.strftime(_STAMP_FORMAT)}{('-' + label) if label else ''}.json"
        try:
            os.link(db_path, target)
        except FileExistsError:
            taken += timedelta(microseconds=1)  # another process, the same microsecond
            continue
        except OSError:
            shutil.copy2(db_path, target)
        break
    # Private like the database, also when another program (a sync tool) wrote the file
    # readable by others: a hard link shares that mode, so it is narrowed here.
    if target.stat().st_mode & 0o077:
        os.chmod(target, 0o600)
    prune(db_path, moment)
    return target


def backups_to_keep(found: list[Backup], moment: datetime) -> set[Path]:
    """The policy, apart from the disk: which of `found` (any order) survive at `moment`."""
    now = _wall(moment)
    newest_first = sorted(found, key=lambda backup: (backup.taken, backup.path.name), reverse=True)
    keep: set[Path] = {newest_first[0].path} if newest_first else set()
    # A backup is "the newest of its hour/day/month" when nothing newer of that period
    # came before it in this newest-first walk.
    periods: dict[str, Callable[[datetime], tuple[int, ...]]] = {
        "hour": lambda moment: (moment.year, moment.month, moment.day, moment.hour),
        "day": lambda moment: (moment.year, moment.month, moment.day),
        "month": lambda moment: (moment.year, moment.month),
    }
    seen: dict[str, set[tuple[int, ...]]] = {period: set() for period in periods}
    for backup in newest_first:
        first_of = {period: key(backup.taken) not in seen[period] for period, key in periods.items()}
        for period, key in periods.items():
            seen[period].add(key(backup.taken))
        age = now - backup.taken
        if (
            age < KEEP_EVERY
            or (backup.label and age < KEEP_LABELLED)
            or (age < KEEP_HOURLY and first_of["hour"])
            or (age < KEEP_DAILY and first_of["day"])
            or (age < KEEP_MONTHLY and first_of["month"])
        ):
            keep.add(backup.path)
    return keep


def prune(db_path: Path, moment: datetime) -> list[Path]:
    """Delete the backups the policy no longer keeps; returns them."""
    found = backups_of(db_path)
    keep = backups_to_keep(found, moment)
    deleted: list[Path] = []
    for backup in found:
        if backup.path in keep:
            continue
        try:
            backup.path.unlink()
        except OSError:
            continue  # a backup we cannot delete costs disk space, nothing more
        deleted.append(backup.path)
    return deleted


# --- restoring -------------------------------------------------------------------------


def find_backup(db_path: Path, name: str) -> Path:
    """`name` as `--list-backups` shows it (a file in the backups folder), or a path."""
    in_folder = backup_dir(db_path) / name
    if os.sep not in name and (os.altsep is None or os.altsep not in name) and in_folder.exists():
        return in_folder
    path = Path(name).expanduser()
    if not path.exists():
        raise BackupRefused(
            f"There is no backup called {name} (looked in {backup_dir(db_path)}).\n"
            f"See them with: infoview --db '{db_path}' --list-backups"
        )
    return path


def why_unreadable(path: Path) -> str | None:
    """None for a readable infoview database; else what is wrong with it, in words.
    Never opens what is not a regular file (a named pipe would wait forever)."""
    from .storage import classify_unreadable

    try:
        kind = describe_non_file(path)
    except OSError as error:
        return f"infoview cannot use {path} ({error.strerror or error})."
    if kind is not None:
        return f"{path} is {kind}, not a database file."
    try:
        raw = path.read_bytes()
    except OSError as error:
        return f"infoview cannot read {path} ({error.strerror or error})."
    problem = classify_unreadable(path, raw)
    return None if problem is None else problem[1]


def newest_readable_backup(db_path: Path) -> Path | None:
    return next((backup.path for backup in backups_of(db_path) if why_unreadable(backup.path) is None), None)


@dataclass(frozen=True)
class Restored:
    backup: Path
    kept_as: Path | None  # where the file it replaced went (None: there was none)
    replaced_was_readable: bool


def restore(db_path: Path, moment: datetime, chosen: Path | None = None) -> Restored:
    """Put a backup (the newest readable one if `chosen` is None) in place of the database,
    after checking it is a readable infoview database. The file it replaces is kept: a
    readable one as a "before-restore" backup (so the restore can itself be undone), a
    damaged one as `<name>.damaged-<time>` beside it. The caller holds the lock."""
    from .storage import write_atomically

    if chosen is None:
        chosen = newest_readable_backup(db_path)
        if chosen is None:
            if backups_of(db_path):
                raise BackupRefused(
                    f"None of the backups of {db_path} is a readable infoview database; nothing was changed."
                )
            raise NoBackup(db_path)
    problem = why_unreadable(chosen)
    if problem is not None:
        raise BackupRefused(f"{problem}\nIt was not restored; nothing was changed.")
    try:
        what_is_there = describe_non_file(db_path)
    except OSError as error:
        raise BackupRefused(
            f"infoview cannot use {db_path} ({error.strerror or error}); nothing was changed."
        ) from error
    if what_is_there is not None:
        raise BackupRefused(f"{db_path} is {what_is_there}, not a database file; nothing was changed.")
    raw = chosen.read_bytes()
    kept_as: Path | None = None
    readable = False
    if db_path.exists():
        readable = why_unreadable(db_path) is None
        if readable:
            kept_as = take_backup(db_path, moment, label=LABEL_BEFORE_RESTORE)
        else:
            kept_as = db_path.with_name(f"{db_path.name}.damaged-{_wall(moment).strftime(_STAMP_FORMAT)}")
            _keep_beside(db_path, kept_as)
    # Whole or not at all, and the database never missing in between.
    write_atomically(db_path, raw)
    # The user chose this version: what this machine wrote last must not come back at the
    # next start (store/local_base.py); it is in the before-restore backup.
    local_base.forget(db_path)
    return Restored(chosen, kept_as, readable)


def _keep_beside(path: Path, keep_as: Path) -> None:
    try:
        os.link(path, keep_as)
    except OSError:
        shutil.copy2(path, keep_as)


def restore_newest(db_path: Path, moment: datetime) -> tuple[Path, Path | None]:
    """The newest readable backup in place of the database: (backup used, where the old file went)."""
    restored = restore(db_path, moment)
    return restored.backup, restored.kept_as
