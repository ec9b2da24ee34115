"""Putting an export on disk: whole or not at all, private, never over anything, under
names every file system takes.

Why it is built this way: an export is people's names, dates and notes. One that fails
halfway (a disk fills up; a name too long for a file name) must not leave half a folder
behind, and other users of the machine must not read it. So:

* a folder export is written into a private temporary folder beside the target
  (`mkdtemp`: 0700, files 0600) and renamed onto the target in one step at the end; a
  rename never replaces a folder that holds anything;
* a file export is a private temporary file beside the target, hard-linked to its name
  (a link, unlike a rename, never replaces an existing name);
* folders the export needs above the target are made 0700, and removed again if the
  export fails;
* on any failure the temporary folder or file is removed: nothing is left at the target.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..store.storage import fsync_folder

T = TypeVar("T")

# The longest file name made from a person's name, in UTF-8 bytes. ext4, APFS and NTFS take
# 255; eCryptfs (Ubuntu's encrypted home folders) only 143 once it has encrypted the name.
MAX_NAME_BYTES = 143
_TEMPORARY_PREFIX = ".infoview-export-"
_TEMPORARY_SUFFIX = ".partial"
# Errors of os.link that mean "this file system has no hard links", not "the name is taken".
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}

WriteFile = Callable[[str, bytes], None]  # (file name inside the export folder, its bytes)


class ExportRefused(ValueError):
    """The export cannot be written where asked; the message says why. Nothing was written."""


# --- file names from people's names ----------------------------------------------------------


def slug(text: str) -> str:
    """A person's name as part of a file name: 'Zoë Ødegård' -> 'zoe-ødegard', '李明' -> '李明'.

    Letters and digits of any script stay (accents go where a plain letter exists); anything
    else becomes one '-'. So never '/', '.', NUL, a control or a direction-changing character."""
    parts = []
    for char in unicodedata.normalize("NFC", text).casefold():
        plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        if plain.isalnum():
            parts.append(plain.lower())
        elif char.isalnum() or unicodedata.category(char).startswith("M"):  # marks: Devanagari vowels, say
            parts.append(char)
        else:
            parts.append("-")
    return unicodedata.normalize("NFC", re.sub("-+", "-", "".join(parts))).strip("-") or "someone"


def cut_to_bytes(text: str, limit: int) -> str:
    """The longest start of `text` that is at most `limit` bytes in UTF-8, cut between characters."""
    cut = text.encode()[:limit].decode("utf-8", "ignore")
    while len(unicodedata.normalize("NFC", cut).encode()) > limit:  # pragma: no cover - composition never grows
        cut = cut[:-1]
    return unicodedata.normalize("NFC", cut)


def interview_file_name(name: str, day: str | None, taken: set[str]) -> str:
    """'2026-11-19-tom-becker.md': at most MAX_NAME_BYTES, and not in `taken` (compared
    without case, as macOS and Windows do); a name that is taken, or becomes so once a
    long name is cut, gets '-2', '-3'... The result is added to `taken`."""
    stem = f"{day or 'undated'}-{slug(name)}"
    for number in itertools.count(1):
        tail = (f"-{number}" if number > 1 else "") + ".md"
        file_name = cut_to_bytes(stem, MAX_NAME_BYTES - len(tail.encode())).rstrip("-") + tail
        if file_name.casefold() not in taken:
            taken.add(file_name.casefold())
            return file_name
    raise AssertionError("unreachable")  # pragma: no cover


# --- a folder --------------------------------------------------------------------------------


def new_folder(out: Path, fill: Callable[[WriteFile], T]) -> T:
    """Make the folder `out` with what `fill` writes through the function it is given, all
    at once at the end. `out` must not exist, or be an empty folder."""
    if out.is_symlink() and out.is_dir():
        out = out.resolve()  # the link's folder is what the user means; a rename would hit the link
    if out.exists() and not out.is_dir():
        raise ExportRefused(
            f"{out} is a file; this export writes a folder. Nothing was written. Give a new folder name."
        )
    if out.exists() and any(out.iterdir()):
        raise ExportRefused(
            f"{out} is not empty; nothing was overwritten and nothing was written. Give a new or empty folder."
        )
    made = _make_parents(out.parent)
    try:
        staging = Path(tempfile.mkdtemp(prefix=_TEMPORARY_PREFIX, suffix=_TEMPORARY_SUFFIX, dir=out.parent))
        try:
            result = fill(lambda name, data: _write_private(staging / name, data))
            fsync_folder(staging)
            _rename_folder(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # gone already when the rename worked
        _settle(out.parent, undo=lambda: shutil.rmtree(out, ignore_errors=True))
        return result
    except BaseException:
        _remove_folders(made)
        raise


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _rename_folder(staging: Path, out: Path) -> None:
    try:
        os.rename(staging, out)  # replaces an empty folder, never one with anything in it
    except OSError as error:
        if error.errno in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR, errno.EISDIR):
            raise ExportRefused(
                f"{out} was made by another program while the export was written; nothing was overwritten "
                "and nothing was written. Give a new folder name."
            ) from error
        raise


# --- a file ----------------------------------------------------------------------------------


def new_file(out: Path, payload: bytes) -> None:
    """Write `out` (which must not exist) with `payload`, whole or not at all, readable by the user alone."""
    if out.exists() or out.is_symlink():
        raise ExportRefused(
            f"{out} already exists; nothing was overwritten and nothing was written. Give a new file name."
        )
    made = _make_parents(out.parent)
    try:
        fd, name = tempfile.mkstemp(prefix=_TEMPORARY_PREFIX, suffix=_TEMPORARY_SUFFIX, dir=out.parent)
        temporary = Path(name)
        try:
            with open(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            _link_new_name(temporary, out)
        finally:
            temporary.unlink(missing_ok=True)
        _settle(out.parent, undo=lambda: out.unlink(missing_ok=True))
    except BaseException:
        _remove_folders(made)
        raise


def _link_new_name(temporary: Path, out: Path) -> None:
    taken = ExportRefused(
        f"{out} was made by another program while the export was written; nothing was overwritten "
        "and nothing was written. Give a new file name."
    )
    try:
        os.link(temporary, out)
    except FileExistsError as error:
        raise taken from error
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        # A file system without hard links (FAT, some network shares): check, then rename.
        if out.exists() or out.is_symlink():
            raise taken from error
        os.rename(temporary, out)


# --- folders above the target ------------------------------------------------------------------


def _make_parents(folder: Path) -> list[Path]:
    """Make the missing folders down to `folder`, each 0700 (mkdir -p would make the ones
    above the last with the umask's 0755). Returns those made, top first."""
    missing = []
    existing = folder
    while not existing.exists():
        if existing.is_symlink():
            raise ExportRefused(f"{existing} is a link to nothing. Nothing was written. Give another place.")
        missing.append(existing)
        existing = existing.parent
    if not existing.is_dir():
        raise ExportRefused(f"{existing} is a file, not a folder. Nothing was written. Give another place.")
    made: list[Path] = []
    try:
        for path in reversed(missing):
            path.mkdir(mode=0o700)
            made.append(path)
    except BaseException:
        _remove_folders(made)
        raise
    return made


def _remove_folders(made: list[Path]) -> None:
    for path in reversed(made):
        with contextlib.suppress(OSError):  # something else was put there meanwhile: it stays
            path.rmdir()


def _settle(folder: Path, undo: Callable[[], None]) -> None:
    """Make the new name durable; if that fails, take the export back out (all or nothing)."""
    try:
        fsync_folder(folder)
    except BaseException:
        undo()
        raise
