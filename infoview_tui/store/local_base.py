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


def read(db_path: Path) -> dict[str, Any] | None:
    try:
        data = orjson.loads(_path(db_path).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def keep(db_path: Path, payload: bytes) -> None:
    """Keep `payload` (the bytes last written to `db_path`) as this machine's version.
    Best effort: a state folder that cannot be written costs the safety net, not the save."""
    from .storage import write_atomically  # storage imports this module

    base = _path(db_path)
    try:
        base.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(base, payload)
    except OSError:
        pass


def forget(db_path: Path) -> None:
    """After a restore (the user chose an older version) or for a throwaway database."""
    _path(db_path).unlink(missing_ok=True)
