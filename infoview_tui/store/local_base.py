"""The version of a database this machine last wrote, kept outside the synced folder.

A sync tool may put another machine's version in place of the file while infoview is
closed, without leaving a conflict copy: then what this machine wrote last is nowhere
but here. Kept in the user's local state folder (`$XDG_STATE_HOME/infoview/bases/`),
named after the database's real path, so it survives a restart and is never synced to,
or overwritten by, another machine. Written when the app closes (a copy of what it last
wrote); at the next start, a file that does not descend from it has it merged back in.
A small `.head` file beside it names its latest save, so a start costs no parse of it
unless something needs merging.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import orjson
import platformdirs

APP_NAME = "infoview"


def bases_folder() -> Path:
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)) / "bases"


def _paths(db_path: Path) -> tuple[Path, Path]:
    key = hashlib.sha256(os.fsencode(db_path)).hexdigest()[:24]
    folder = bases_folder()
    return folder / f"{key}.json", folder / f"{key}.head"


def recorded_head(db_path: Path) -> str | None:
    """The latest save id of the version this machine last wrote (None: none kept)."""
    _base, head = _paths(db_path)
    try:
        text = head.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text or None


def read(db_path: Path) -> dict[str, Any] | None:
    base, _head = _paths(db_path)
    try:
        data = orjson.loads(base.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def keep(db_path: Path, payload: bytes, head: str | None) -> None:
    """Keep `payload` (the bytes last written to `db_path`) as this machine's version.
    Best effort: a state folder that cannot be written costs the safety net, not the save."""
    from .storage import write_atomically  # storage imports this module

    if head is None:
        return
    base, head_file = _paths(db_path)
    try:
        base.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(base, payload)
        write_atomically(head_file, head.encode())
    except OSError:
        pass


def forget(db_path: Path) -> None:
    """After a restore (the user chose an older version) or for a throwaway database."""
    for path in _paths(db_path):
        path.unlink(missing_ok=True)
