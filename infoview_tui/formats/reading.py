"""What every importer shares: reading a file safely, the people found in it, the rows
refused (with their line numbers), and telling the formats apart by their content.

Nothing here writes anything; an import is planned first (`merge.plan_import`) and
written in one save by the caller.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.text import clean_text, has_unsafe_characters

MAX_BYTES = 50 * 1024 * 1024  # a 10,000-row LinkedIn export is ~1.5 MB
# LinkedIn lets no one have more than 30,000 connections; an address book rarely holds
# more than a few thousand. A file past this is not one person's contacts (and a network
# that size makes every screen slow), so it is refused before its rows are built.
MAX_PEOPLE = 50_000


class FileRefused(ValueError):
    """The file cannot be imported at all; the message says why and what to do."""

    def __init__(self, message: str) -> None:
        # Messages quote the file (a line it reads, its name): never a raw control character.
        super().__init__(clean_text(message))


@dataclass(slots=True)
class Person:
    """One person as a file describes them, before they meet the user's network.

    Every text is cleaned here, the one place every format makes its people: a file's
    escape sequences never reach the database or the terminal."""

    line: int
    name: str
    company: str = ""
    role: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    notes: str = ""
    how_we_know: str = ""

    def __post_init__(self) -> None:
        # One test for the whole person, nearly always passed: isprintable is the quick no (no
        # control character, nor a newline or non-ASCII space, which the search then looks past).
        joined = "".join((self.name, self.company, self.role, self.notes, self.how_we_know, *self.emails,
                          *self.phones, *self.links))  # fmt: skip
        if joined.isprintable() or not has_unsafe_characters(joined):
            return
        # What a dropped character leaves at either end, or doubled inside a name, goes too. A name
        # left empty is rejected when the import is planned (merge.plan_import).
        self.name = " ".join(clean_text(self.name).split())
        self.company, self.role = clean_text(self.company).strip(), clean_text(self.role).strip()
        self.notes, self.how_we_know = clean_text(self.notes).strip(), clean_text(self.how_we_know).strip()
        # A value that was only control characters is no value.
        self.emails = [text for value in self.emails if (text := clean_text(value).strip())]
        self.phones = [text for value in self.phones if (text := clean_text(value).strip())]
        self.links = [text for value in self.links if (text := clean_text(value).strip())]


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str  # often quotes the file, so it is cleaned like the people

    def __post_init__(self) -> None:
        if has_unsafe_characters(self.reason):
            object.__setattr__(self, "reason", clean_text(self.reason))


@dataclass
class ParsedFile:
    kind: str  # what the file was found to be, e.g. "LinkedIn connections"
    people: list[Person] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    blank_rows: int = 0
    default_tier: int = 4


# What a path that is not a regular file is, in the words a refusal uses.
_GIVE_THE_FILE = "Give the path of the exported file."
_NOT_A_FILE = (
    (stat.S_ISFIFO, "a named pipe (as made by <(...) or mkfifo)", "Save what it gives to a file, then import that."),
    (stat.S_ISCHR, "a device", _GIVE_THE_FILE),
    (stat.S_ISBLK, "a device", _GIVE_THE_FILE),
    (stat.S_ISSOCK, "a socket", _GIVE_THE_FILE),
)
_READ_CHUNK = 1024 * 1024
_NO_WAIT = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def read_text(path: Path) -> str:
    """The file's text, or FileRefused: missing, a folder, a pipe or device, too big,
    binary, not UTF-8. Never reads more than MAX_BYTES + 1 bytes, whatever the size the
    file claims (a pipe has none), and never waits for a writer."""
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise FileRefused(f"{path} does not exist. Check the path (tab completes it in most shells).") from None
    except OSError as error:
        raise FileRefused(f"Cannot read {path}: {error.strerror or error}.") from None
    _check_regular(path, before.st_mode)
    try:
        # O_NONBLOCK: if a pipe was swapped in since the check, opening it does not wait for a writer.
        descriptor = os.open(path, os.O_RDONLY | _NO_WAIT)
    except OSError as error:
        raise FileRefused(f"Cannot read {path}: {error.strerror or error}.") from None
    try:
        opened = os.fstat(descriptor)
        _check_regular(path, opened.st_mode)
        _check_size(path, opened.st_size)
        raw = _read_at_most(path, descriptor, MAX_BYTES + 1, opened.st_size)
    finally:
        os.close(descriptor)
    _check_size(path, len(raw))  # the file grew while it was read
    return decode(raw, path.name)


def _check_regular(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise FileRefused(f"{path} is a folder; give the file inside it (e.g. Connections.csv).")
    if stat.S_ISREG(mode):
        return
    what, advice = next(((what, advice) for is_kind, what, advice in _NOT_A_FILE if is_kind(mode)),
                        ("not a regular file", _GIVE_THE_FILE))  # fmt: skip
    raise FileRefused(f"{path} is {what}, not a file infoview can import. {advice}")


def _check_size(path: Path, size: int) -> None:
    if size > MAX_BYTES:
        raise FileRefused(
            f"{path.name} is {size / 1024 / 1024:.0f} MB; contact exports are far smaller "
            f"(limit {MAX_BYTES // 1024 // 1024} MB). Is this the right file?"
        )


def _read_at_most(path: Path, descriptor: int, limit: int, expected: int) -> bytes:
    """At most `limit` bytes. The first read asks for the size the file gave plus one, so a
    regular file comes in one piece (no copy); a file that grew is read on in chunks."""
    chunks: list[bytes] = []
    total = 0
    wanted = min(limit, expected + 1)
    try:
        while total < limit and (chunk := os.read(descriptor, min(wanted, limit - total))):
            chunks.append(chunk)
            total += len(chunk)
            wanted = _READ_CHUNK
    except OSError as error:
        raise FileRefused(f"Cannot read {path}: {error.strerror or error}.") from None
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def decode(raw: bytes, name: str) -> str:
    if not raw or raw.isspace():
        raise FileRefused(f"{name} is empty.")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as some Windows tools save CSV
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise FileRefused(f"{name} says it is UTF-16 text but is not readable as such.") from None
    if b"\x00" in raw[:8192]:
        if encoding := _utf16_without_mark(raw[:8192]):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                raise FileRefused(f"{name} looks like UTF-16 text but is not readable as such.") from None
        raise FileRefused(
            f"{name} is not a text file (it holds binary data). Import a .csv or .vcf export, "
            "not a spreadsheet (.xlsx) or an archive (.zip: unzip it first)."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FileRefused(
            f"{name} is not UTF-8 text (byte 0x{raw[error.start]:02X} on line {line}). "
            "Export it again as UTF-8, or open it in a spreadsheet and save as 'CSV UTF-8'."
        ) from None


def _utf16_without_mark(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when `sample` reads like UTF-16 saved without its byte-order
    mark: text in Latin letters has a zero byte in every other place (after each letter in
    little-endian, before it in big-endian), where binary data has zeros anywhere."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    if zeros_odd >= pairs * 0.3 and zeros_even <= pairs * 0.02:
        return "utf-16-le"
    if zeros_even >= pairs * 0.3 and zeros_odd <= pairs * 0.02:
        return "utf-16-be"
    return None


def csv_rows(text: str, limit: int | None = None) -> list[tuple[int, list[str]]]:
    """Each CSV row with the line it starts on (quoted fields may span lines); at most
    `limit` rows, so a file far too long costs no more than the rows that are kept."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in itertools.islice(reader, limit):
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        raise FileRefused(f"The CSV breaks off on line {reader.line_num}: {error}.") from None
    return rows


def too_many_people(what: str) -> FileRefused:
    return FileRefused(
        f"More than {MAX_PEOPLE:,} {what}: infoview imports up to {MAX_PEOPLE:,} people from one "
        "file (LinkedIn itself allows 30,000 connections). Is this the right file? If it is, split it and "
        "import the parts one by one."
    )


def normalise_header(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().casefold().split())


def split_values(cell: str) -> list[str]:
    """Google joins several values in one cell with ' ::: '."""
    return [value.strip() for value in cell.split(":::") if value.strip()]


def add_unique(values: list[str], new: list[str]) -> list[str]:
    """values + the new ones not already there (compared without case)."""
    seen = {value.casefold() for value in values}
    result = list(values)
    for value in new:
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            result.append(value)
    return result


def looks_like_email(text: str) -> bool:
    local, at, domain = text.partition("@")
    return bool(local and at and "." in domain and " " not in text)
