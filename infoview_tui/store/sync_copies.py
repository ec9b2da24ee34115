"""The copies sync tools leave beside a database, and the version two copies share.

When a sync tool sees a file changed on two machines before it could pass either on,
it keeps one as the file and puts the other beside it under a name of its own:

* Syncthing: `<stem>.sync-conflict-<YYYYMMDD>-<HHMMSS>-<device>.json`
* Dropbox: `<stem> (<who>'s conflicted copy <YYYY-MM-DD>).json`
  (older clients: `<stem> (<who>'s conflicted copy <YYYY-MM-DD>) (1).json`)
* Nextcloud / ownCloud: `<stem> (conflicted copy <YYYY-MM-DD> <HHMMSS>).json`

infoview merges such a copy into the database like any other copy (store/merging.py),
against the newest version both descend from (`common_base`), then moves it into the
backups folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from . import backups, lineage

_SYNCTHING = r"\.sync-conflict-(?P<date>\d{8})-(?P<time>\d{6})-(?P<device>[A-Za-z0-9]+)"
_DROPBOX = r" \((?P<who>.+?)'s conflicted copy (?P<date>\d{4}-\d{2}-\d{2})\)(?: \(\d+\))?"
_NEXTCLOUD = r" \(conflicted copy (?P<date>\d{4}-\d{2}-\d{2}) (?P<time>\d{6})\)"
_TOOLS = (("Syncthing", _SYNCTHING), ("Dropbox", _DROPBOX), ("Nextcloud", _NEXTCLOUD))


@dataclass(frozen=True)
class ConflictCopy:
    path: Path
    tool: str  # "Syncthing", "Dropbox", "Nextcloud"
    source: str  # the device or person the tool names, when it names one


def conflict_copies(db_path: Path) -> list[ConflictCopy]:
    """The sync tools' conflict copies of `db_path` beside it, oldest name first."""
    stem, suffix = re.escape(db_path.stem), re.escape(db_path.suffix)
    found: list[ConflictCopy] = []
    try:
        neighbours = sorted(db_path.parent.iterdir())
    except OSError:
        return []
    for path in neighbours:
        for tool, middle in _TOOLS:
            match = re.fullmatch(f"{stem}{middle}{suffix}", path.name)
            if match and path.is_file():
                groups = match.groupdict()
                found.append(ConflictCopy(path, tool, groups.get("device") or groups.get("who") or ""))
                break
    return found


# Backups read when looking for the version two copies share: each is a whole database
# to parse, and the right one is nearly always among the newest.
MAX_BACKUPS_SEARCHED = 40


def common_base(db_path: Path, ours: dict[str, Any], theirs: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The version both copies descend from, and how it was found.

    `ours` is a version this machine wrote. If one copy holds all of the other, the
    older one is the base; otherwise the newest backup both hold. With none, an empty
    base: a merge then keeps every record of both and both texts wherever they differ
    (nothing can look deleted by mistake)."""
    if lineage.contains(theirs, ours):
        return ours, "the other copy continues this one"
    if lineage.contains(ours, theirs):
        return theirs, "this copy already continues the other"
    for backup in backups.list_backups(db_path)[:MAX_BACKUPS_SEARCHED]:
        try:
            data = orjson.loads(backup.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            continue
        if isinstance(data, dict) and lineage.contains(ours, data) and lineage.contains(theirs, data):
            return data, f"the version both came from ({backup.name})"
    return {}, "no version both came from is kept: every record and both texts kept"
