"""Which importer a file needs, told from its content (never its name)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..store.backups import LABEL_IMPORT
from . import backup, google, linkedin, reading, vcard
from .merge import ImportPlan, plan_import
from .reading import FileRefused, ParsedFile, csv_rows, normalise_header, read_text, too_many_people

if TYPE_CHECKING:
    from ..store.repository import Repository

SNIFF_ROWS = 60  # the LinkedIn header follows a few lines of notes
ACCEPTED = "a LinkedIn Connections.csv, a Google Contacts CSV, a vCard (.vcf) or an infoview JSON backup"


def parse_text(text: str) -> ParsedFile | backup.Backup:
    if vcard.is_vcard(text):
        return vcard.parse(text)
    if backup.looks_like_json(text):
        return backup.parse(text)
    # One row past the most a file may hold after its header: enough to tell it is too long.
    rows = csv_rows(text, limit=SNIFF_ROWS + reading.MAX_PEOPLE + 1)
    for index, (_, row) in enumerate(rows[:SNIFF_ROWS]):
        columns = linkedin.header_columns(row)
        found = None if columns else google.header_columns(row)
        if (columns or found) and len(rows) - index - 1 > reading.MAX_PEOPLE:
            raise too_many_people("rows")
        if columns:
            return linkedin.parse(rows, index, columns)
        if found:
            return google.parse(rows, index, found)
    raise FileRefused(_not_recognised(rows))


def parse_file(path: Path) -> ParsedFile | backup.Backup:
    return parse_text(read_text(path))


def _not_recognised(rows: list[tuple[int, list[str]]]) -> str:
    first = next(((line, row) for line, row in rows if any(cell.strip() for cell in row)), None)
    if first is None:
        return "The file holds no rows."
    line, row = first
    names = {normalise_header(cell) for cell in row}
    if len(row) > 1 and ({"first name", "last name"} & names or "name" in names):
        missing = [c for c in ("First Name", "Last Name", "URL") if c.casefold() not in names]
        return (
            f"Line {line} looks like a header ({', '.join(cell.strip() for cell in row[:6])}) but not one "
            f"infoview knows: a LinkedIn export also has {', '.join(missing)}; a Google Contacts export has "
            "'E-mail 1 - Value' columns. Export the file again from LinkedIn or Google without editing its columns."
        )
    shown = ",".join(row)[:60]
    return f"Not a file infoview can import: expected {ACCEPTED}. Line {line} reads: {shown!r}."


# --- planning and applying ------------------------------------------------------------


@dataclass
class Prepared:
    """A file read and matched against the network, nothing written yet."""

    path: Path
    plan: ImportPlan | None = None
    backup: backup.Backup | None = None

    @property
    def kind(self) -> str:
        return self.plan.kind if self.plan else KIND_BACKUP


@dataclass(frozen=True)
class ImportResult:
    summary: str
    details: list[str]


KIND_BACKUP = backup.KIND
_ONE = {"contacts": "contact", "curiosities": "curiosity", "interviews": "interview", "values": "value"}


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Tens of thousands of new objects set off the cyclic GC again and again (each pass
    walking everything built so far): about 40% of a 10,000-row import. Nothing built
    here forms cycles, so the GC is paused; and what is left at the end (the records,
    which live as long as the database) is frozen out of collections like the database
    loaded at start, instead of one collection walking all of it as the GC resumes
    (~25 ms for 10,000 records)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def prepare(repository: Repository, path: Path, tier: int | None = None) -> Prepared:
    """Read `path` and plan its import (tier: where new people go; the format's default if None)."""
    with _no_gc_pauses():
        return _prepare(repository, path, tier)


def _prepare(repository: Repository, path: Path, tier: int | None) -> Prepared:
    parsed = parse_file(path)
    if isinstance(parsed, backup.Backup):
        return Prepared(path, backup=parsed)
    return Prepared(path, plan=plan_import(repository.contacts(), parsed, tier or parsed.default_tier))


def apply(repository: Repository, prepared: Prepared) -> ImportResult:
    """Write the prepared import as one edit (the app or CLI then saves once). The save
    that writes it first keeps the file as it was in an "import" backup (kept 30 days)."""
    repository.file.back_up_before_next_save(LABEL_IMPORT)
    with _no_gc_pauses():
        return _apply(repository, prepared)


def _apply(repository: Repository, prepared: Prepared) -> ImportResult:
    if prepared.plan is not None:
        plan = prepared.plan
        with repository.together():
            repository.add_and_update_contacts(plan.added_records, plan.merged)
        return ImportResult(plan.summary(), plan.details())
    assert prepared.backup is not None
    restored = prepared.backup
    added: list[str] = []
    already = 0
    with repository.together():
        for table, records in restored.records.items():
            count, present = repository.restore_records(table, records)
            already += present
            if count:
                added.append(f"{count} {_ONE[table] if count == 1 else table}")
        settings_restored = restored.settings is not None and not repository.has_settings()
        if settings_restored:
            repository.restore_records("settings", [restored.settings])  # type: ignore[list-item]  # checked not None just above
    summary = f"Restored {', '.join(added) if added else 'nothing new'}"
    summary += " and your settings." if settings_restored else "."
    details = [f"{already} already here, kept as they are"] if already else []
    details += [rejected.reason for rejected in restored.rejected]
    details += restored.notes  # ids given, control characters removed (formats/backup.py)
    return ImportResult(summary, details)
