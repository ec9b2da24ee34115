"""The version of a database this machine last wrote, kept outside the synced folder.

A sync tool may put another machine's version in place of the file while infoview is
closed, without leaving a conflict copy: then what this machine wrote last is nowhere
but here. Kept in the user's local state folder (`$XDG_STATE_HOME/infoview/bases/`),
named after the database's real path, so it survives a restart and is never synced to,
or overwritten by, another machine. Written when the app closes (a copy of what it last
wrote); at the next start, a file that does not descend from it has it merged back in.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import orjson

from ..paths import state_dir


def bases_folder() -> Path:
    return state_dir() / "bases"


def _path(db_path: Path) -> Path:
    key = hashlib.sha256(os.fsencode(db_path)).hexdigest()[:24]
    return bases_folder() / f"{key}.json"


def _summary_path(db_path: Path) -> Path:
    return _path(db_path).with_suffix(".versions.json")


def read_versions(db_path: Path) -> dict[str, int] | None:
    """Which saves the kept version holds (its lineage vector, store/lineage.py), from a small
    file written beside it: enough to tell at start that the file holds it all, without
    reading the kept copy itself (10 MB on a big network: ~35 ms of every start; 100 MB:
    0.4 s). None when there is none (an older infoview kept it, or keeping was cut short),
    or when the kept copy is no longer the one it describes (its size or time changed: an
    older infoview, which knows nothing of the summary, wrote the copy since)."""
    try:
        found = orjson.loads(_summary_path(db_path).read_bytes())
        kept = _path(db_path).stat()
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(found, dict) or found.get("copy") != [kept.st_size, kept.st_mtime_ns]:
        return None
    versions = found.get("versions")
    if not isinstance(versions, dict) or not all(type(count) is int for count in versions.values()):
        return None
    return versions


def read(db_path: Path) -> dict[str, Any] | None:
    try:
        data = orjson.loads(_path(db_path).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def keep(db_path: Path, payload: bytes, versions: dict[str, int] | None = None) -> None:
    """Keep `payload` (the bytes last written to `db_path`) as this machine's version, with
    `versions` (the lineage vector of those very bytes) beside it when known. The summary
    goes first and comes back last, so it never describes another version than the one kept.
    Best effort: a state folder that cannot be written costs the safety net, not the save."""
    from .storage import write_atomically  # storage imports this module

    base = _path(db_path)
    summary = _summary_path(db_path)
    try:
        base.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        summary.unlink(missing_ok=True)
        write_atomically(base, payload)
        if versions:
            copy = base.stat()
            write_atomically(summary, orjson.dumps({"versions": versions, "copy": [copy.st_size, copy.st_mtime_ns]}))
    except OSError:
        pass


def forget(db_path: Path) -> None:
    """After a restore (the user chose an older version) or for a throwaway database."""
    _summary_path(db_path).unlink(missing_ok=True)
    _path(db_path).unlink(missing_ok=True)
