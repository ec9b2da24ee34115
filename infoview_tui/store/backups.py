"""Rolling backups of the database, in `<db stem>.backups/` beside it.

A backup is taken just before a save replaces the file, at most once an interval, by
hard-linking the old file (free, whatever its size) and copying where links are not
possible. The newest few are kept.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

KEEP_BACKUPS = 10
BACKUP_INTERVAL_SECONDS = 3600


def backup_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + ".backups")


def list_backups(db_path: Path) -> list[Path]:
    """Newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = [path for path in folder.glob(f"{db_path.stem}-*.json") if path.is_file()]
    return sorted(found, key=lambda path: path.name, reverse=True)


def newest_backup(db_path: Path) -> Path | None:
    backups = list_backups(db_path)
    return backups[0] if backups else None


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%d-%H%M%S-%f")


def take_backup(db_path: Path, moment: datetime, label: str = "") -> Path:
    """Keep the file as it is now; returns the backup's path."""
    folder = backup_dir(db_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"{db_path.stem}-{_stamp(moment)}{('-' + label) if label else ''}.json"
    try:
        os.link(db_path, target)
    except OSError:
        shutil.copy2(db_path, target)
        os.chmod(target, 0o600)
    prune(db_path)
    return target


def prune(db_path: Path, keep: int = KEEP_BACKUPS) -> None:
    for old in list_backups(db_path)[keep:]:
        try:
            old.unlink()
        except OSError:
            pass  # a backup we cannot delete costs disk space, nothing more


def restore_newest(db_path: Path, moment: datetime) -> tuple[Path, Path | None]:
    """Put the newest backup in place of the database. The file it replaces is kept as
    `<name>.damaged-<time>` beside it. Returns (backup used, where the old file went)."""
    from .errors import NoBackup

    backup = newest_backup(db_path)
    if backup is None:
        raise NoBackup(db_path)
    set_aside: Path | None = None
    if db_path.exists():
        set_aside = db_path.with_name(f"{db_path.name}.damaged-{_stamp(moment)}")
        os.replace(db_path, set_aside)
    temporary = db_path.with_name(f".{db_path.name}.restore.tmp")
    shutil.copyfile(backup, temporary)
    os.chmod(temporary, 0o600)
    os.replace(temporary, db_path)
    return backup, set_aside
