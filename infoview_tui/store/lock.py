"""One writer per database: an OS lock on `<db>.lock`, released by the OS even after a crash."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from .errors import DatabaseLocked, FolderNotWritable

if sys.platform == "win32":  # pragma: no cover - Windows (mypy checks each branch for its platform)
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class DatabaseLock:
    """Held for the life of the app. The file stays after release on purpose: deleting a
    lock file while another process is opening it would let two writers in."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path_for(db_path)
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise FolderNotWritable(self.path.parent, f"cannot create {self.path.name}: {error.strerror}") from error
        if not _try_lock(fd):
            holder = _read_holder(fd)
            os.close(fd)
            raise DatabaseLocked(self.db_path, holder)
        try:
            # Who holds it, for the message a second instance shows. A full disk often
            # shows here first: a message, not a traceback, and before any work is typed.
            os.ftruncate(fd, 0)
            os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode())
        except OSError as error:
            os.close(fd)  # lets the lock go
            raise FolderNotWritable(
                self.path.parent, f"cannot write {self.path.name}: {error.strerror or error}"
            ) from error
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def _read_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 200).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return text or "pid unknown"
