"""Where infoview's files live.

Everything is resolved inside functions, never at import time, so tests and the
`INFOVIEW_DB` variable set after import are honoured.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

import platformdirs

APP_NAME = "infoview"
DB_FILE_NAME = "infoview.json"
DB_ENV_VAR = "INFOVIEW_DB"


def default_data_dir() -> Path:
    """The per-user data folder (`$XDG_DATA_HOME/infoview` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    """This machine's own state, never put in a synced folder (`$XDG_STATE_HOME/infoview`
    on Linux): what it last wrote of each database (store/local_base.py)."""
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


# The database's own name must leave room for the names made from it beside it: the
# lock (`NAME.lock`), temp files (`.NAME.<pid>.<n>.tmp`), conflict copies and backups
# (`STEM-<time>-before-restore.json`), within the 255 bytes most file systems allow.
MAX_NAME_BYTES = 200


class DatabasePathRefused(ValueError):
    """The path given for the database cannot be a database file; `str()` says why."""


def resolve_db_path(cli_db: str | os.PathLike[str] | None = None) -> Path:
    """The database file: `--db` beats `INFOVIEW_DB`, which beats the data folder.

    An empty `INFOVIEW_DB` counts as unset (`INFOVIEW_DB= infoview` is how a shell
    unsets it for one command); an empty `--db` is refused by the command line. A
    symbolic link is followed to the file it points at (see `real_path`)."""
    if cli_db:
        typed = os.fspath(cli_db)
    elif os.environ.get(DB_ENV_VAR):
        typed = os.environ[DB_ENV_VAR]
    else:
        return real_path(default_data_dir() / DB_FILE_NAME)
    if typed.endswith(os.sep) or (os.altsep is not None and typed.endswith(os.altsep)):
        raise DatabasePathRefused(
            f"{typed} names a folder; give the database file itself, e.g. {Path(typed) / DB_FILE_NAME}"
        )
    chosen = real_path(Path(typed))
    problem = name_too_long(chosen)
    if problem is not None:
        raise DatabasePathRefused(problem)
    return chosen


def name_too_long(path: Path) -> str | None:
    """Why `path`'s name is too long for a database (see MAX_NAME_BYTES), else None."""
    size = len(os.fsencode(path.name))
    if size <= MAX_NAME_BYTES:
        return None
    return (
        f"The file name {path.name[:40]}... is {size} bytes long; infoview needs room beside it for its lock, "
        f"temporary and backup files, so a name may be at most {MAX_NAME_BYTES} bytes."
    )


def real_path(path: Path) -> Path:
    """Where `path` really is: symbolic links (of the file or of a folder on the way)
    followed to their final target, even a target that does not exist yet. Writes
    replace the target, not the link (a synced folder's link stays a link), and the
    lock beside it is the one every path to that file finds."""
    path = path.expanduser().absolute()
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links: opening it will say so
        return path


def describe_non_file(path: Path) -> str | None:
    """What is at `path` when it is not a regular file ("a folder", "a named pipe",
    "a device", "a socket"); None for a regular file or nothing. Looks without opening:
    opening a named pipe waits for a writer that may never come. Other errors (a loop of
    links, a name too long) are raised as OSError."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def make_private_folders(folder: Path) -> None:
    """Create `folder` and any missing parent, each readable by the user alone (0700):
    `mkdir(parents=True)` would give the parents the default mode (0755), and folder
    names can be names of people."""
    missing: list[Path] = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by someone else
            candidate.mkdir(mode=0o700)


def later_stylesheet_path() -> Path:
    """`ui/dialogs.tcss`: forms and dialogs, added to the app's stylesheet after the first frame."""
    return Path(__file__).with_name("ui") / "dialogs.tcss"


def stylesheet_path() -> Path:
    """`screens.tcss`: shipped inside the package; in a checkout, the top-level copy."""
    packaged = Path(__file__).with_name("screens.tcss")
    if packaged.exists():
        return packaged
    return Path(__file__).resolve().parent.parent / "screens.tcss"
