"""Where infoview's files live.

Everything is resolved inside functions, never at import time, so tests and the
`INFOVIEW_DB` variable set after import are honoured.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "infoview"
DB_FILE_NAME = "infoview.json"
DB_ENV_VAR = "INFOVIEW_DB"


def default_data_dir() -> Path:
    """The per-user data folder (`$XDG_DATA_HOME/infoview` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_db_path(cli_db: str | os.PathLike[str] | None = None) -> Path:
    """The database file: `--db` beats `INFOVIEW_DB`, which beats the data folder."""
    if cli_db:
        chosen = Path(cli_db)
    elif os.environ.get(DB_ENV_VAR):
        chosen = Path(os.environ[DB_ENV_VAR])
    else:
        chosen = default_data_dir() / DB_FILE_NAME
    return chosen.expanduser().absolute()


def stylesheet_path() -> Path:
    """`screens.tcss`: shipped inside the package; in a checkout, the top-level copy."""
    packaged = Path(__file__).with_name("screens.tcss")
    if packaged.exists():
        return packaged
    return Path(__file__).resolve().parent.parent / "screens.tcss"
