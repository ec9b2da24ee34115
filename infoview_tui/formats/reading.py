"""What every importer shares: reading a file safely, the people found in it, the rows
refused (with their line numbers), and telling the formats apart by their content.

Nothing here writes anything; an import is planned first (`merge.plan_import`) and
written in one save by the caller.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024  # a 10,000-row LinkedIn export is ~1.5 MB


class FileRefused(ValueError):
    """The file cannot be imported at all; the message says why and what to do."""


@dataclass(slots=True)
class Person:
    """One person as a file describes them, before they meet the user's network."""

    line: int
    name: str
    company: str = ""
    role: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    notes: str = ""
    how_we_know: str = ""


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str


@dataclass
class ParsedFile:
    kind: str  # what the file was found to be, e.g. "LinkedIn connections"
    people: list[Person] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    blank_rows: int = 0
    default_tier: int = 4


def read_text(path: Path) -> str:
    """The file's text, or FileRefused: missing, a folder, too big, binary, not UTF-8."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FileRefused(f"{path} does not exist. Check the path (tab completes it in most shells).") from None
    except OSError as error:
        raise FileRefused(f"Cannot read {path}: {error.strerror or error}.") from None
    if path.is_dir():
        raise FileRefused(f"{path} is a folder; give the file inside it (e.g. Connections.csv).")
    if size > MAX_BYTES:
        raise FileRefused(
            f"{path.name} is {size / 1024 / 1024:.0f} MB; contact exports are far smaller "
            f"(limit {MAX_BYTES // 1024 // 1024} MB). Is this the right file?"
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FileRefused(f"Cannot read {path}: {error.strerror or error}.") from None
    return decode(raw, path.name)


def decode(raw: bytes, name: str) -> str:
    if not raw.strip():
        raise FileRefused(f"{name} is empty.")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as some Windows tools save CSV
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise FileRefused(f"{name} says it is UTF-16 text but is not readable as such.") from None
    if b"\x00" in raw[:8192]:
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


def csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """Each CSV row with the line it starts on (quoted fields may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        raise FileRefused(f"The CSV breaks off on line {reader.line_num}: {error}.") from None
    return rows


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
