"""What can go wrong with the database file, each with a message a person can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The database cannot be used as it is; `str(error)` says why and what to do."""

    exit_code = 3


class DatabaseUnreadable(StoreError):
    """The file exists but is not an infoview database we can read. It is never overwritten."""

    def __init__(self, path: Path, kind: str, detail: str, newest_backup: Path | None) -> None:
        self.path = path
        self.kind = kind  # empty | truncated | corrupt | foreign | permission | unreadable | newer | not_a_file
        self.newest_backup = newest_backup
        super().__init__(f"{detail}\n{self._next_step()}")

    def _next_step(self) -> str:
        untouched = "infoview has not changed the file."
        if self.kind == "permission":
            return f"{untouched} Check its owner and mode (ls -l '{self.path}'); infoview keeps it readable by you alone (mode 600)."
        if self.kind == "newer":
            return f"{untouched} Upgrade infoview (pip install -U infoview) to open it."
        if self.kind in ("foreign", "not_a_file"):
            return f"{untouched} Choose another file with --db PATH, or set INFOVIEW_DB."
        if self.newest_backup is not None:
            return (
                f"{untouched} The newest backup is {self.newest_backup}.\n"
                f"To restore it (the damaged file is kept beside it):\n  infoview --db '{self.path}' --restore-backup"
            )
        return (
            f"{untouched} There is no backup of it. A whole copy may still be elsewhere: another machine, "
            "your sync tool's history or trash, a system backup; put it in its place. "
            "Else move the file away to start a new database, or choose another with --db PATH."
        )


class DatabaseLocked(StoreError):
    """Another infoview holds the database; two writers would overwrite each other."""

    exit_code = 4

    def __init__(self, path: Path, holder: str) -> None:
        self.path = path
        self.holder = holder
        super().__init__(
            f"{path} is already open in another infoview ({holder}).\n"
            "Switch to that window, or quit it first; two copies writing one file would lose work."
        )


class FolderNotWritable(StoreError):
    def __init__(self, folder: Path, reason: str) -> None:
        self.folder = folder
        super().__init__(
            f"infoview cannot write in {folder} ({reason}).\nChoose another place with --db PATH, or fix the folder's permissions."
        )


class NoBackup(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"There is no backup of {path} to restore (looked in {path.parent}).")
