"""The JSON backup: the whole database as it is stored (every table, the schema marker),
which `infoview import` restores into any database, empty or not.

A backup is the database file's own shape, so a copy of infoview.json (or one of its
rolling backups) imports the same way. Records are checked one by one against the model
and against what infoview can save (`parse`); a record whose id is already there is kept
as it is (the database wins), so restoring twice adds nothing (a record that had no id
is given one derived from its content, so that holds for it too).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from ..domain.model import Contact, Curiosity, Interview, Settings, Value
from ..domain.records import RecordError, from_record
from ..domain.text import clean_tree
from ..store import validate
from ..store.schema import CURRENT_SCHEMA, is_infoview_database, migrate, schema_of, schema_problem
from .reading import FileRefused, Rejected

KIND = "infoview backup"
TABLES: dict[str, type] = {"contacts": Contact, "curiosities": Curiosity, "interviews": Interview, "values": Value}
SETTINGS_TABLE = "settings"


@dataclass
class Backup:
    kind: str
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # table -> valid raw records
    settings: dict[str, Any] | None = None
    rejected: list[Rejected] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was put right (ids given, text cleaned), in words
    cleaned: dict[str, int] = field(default_factory=dict)  # table -> records whose text was cleaned


def dumps(data: dict[str, Any]) -> bytes:
    """The database's data, as a backup file's bytes."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)


def looks_like_json(text: str) -> bool:
    return text[:4096].lstrip().startswith("{")


def parse(text: str) -> Backup:
    """The backup's valid records, and every other record rejected with its number and why.

    What is kept can always be saved again and shown safely: a record nested deeper than
    infoview can write is rejected (never a RecursionError: depth is measured without
    recursion, and nothing is deep-copied); a record without an id, or with the id of an
    earlier one, is given its own (`validate.give_ids`, noted in `notes`); control
    characters are removed from every text."""
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        if "depth limit" in error.msg:
            raise FileRefused(
                "This JSON file holds data nested more than 1024 levels deep, which no infoview writes; "
                "it cannot be restored."
            ) from None
        raise FileRefused(f"This JSON file is broken ({error}); it cannot be restored.") from None
    if not is_infoview_database(data):
        raise FileRefused(
            "This JSON file is not an infoview backup (it lacks the infoview marker). "
            "Restore files made with 'infoview export json'."
        )
    problem = schema_problem(data)
    if problem is not None:
        raise FileRefused(
            f'This backup cannot be restored: {problem}. infoview writes "schema": {CURRENT_SCHEMA} in its '
            "_meta record; if the file was edited by hand, put that back."
        )
    version = schema_of(data)
    if version > CURRENT_SCHEMA:
        raise FileRefused(
            f"This backup was made by a newer infoview (schema {version}; this one reads up to "
            f"{CURRENT_SCHEMA}). Update infoview, then restore it."
        )
    data = migrate(data)  # freshly parsed: nothing else holds it, no copy needed
    cleaning = validate.may_hold_control_characters(text)
    backup = Backup(KIND)
    for table, cls in TABLES.items():
        checked = _checked_records(backup, table, cls, data.get(table), cleaning)
        repairs = validate.give_ids(table, checked)
        backup.records[table] = [record for _, record in repairs.records]
        backup.notes.extend(repairs.warnings)
    settings = _checked_records(backup, SETTINGS_TABLE, Settings, data.get(SETTINGS_TABLE), cleaning)
    if settings:
        backup.settings = settings[0][1]
    if cleaning:
        cleaned = sum(backup.cleaned.values())
        if cleaned:
            backup.notes.append(validate.control_characters_warning(cleaned))
    return backup


def _checked_records(
    backup: Backup, table: str, cls: type, raw_table: Any, cleaning: bool
) -> list[tuple[int, dict[str, Any]]]:
    """The table's records that fit the model, numbered from 1; the others rejected."""
    if raw_table is None:
        return []
    if isinstance(raw_table, list):  # a hand-made backup with the table as a list: read its entries
        raw_table = dict(enumerate(raw_table, start=1))
    if not isinstance(raw_table, dict):
        backup.rejected.append(Rejected(0, f"{table}: expected a table of records"))
        return []
    valid: list[tuple[int, dict[str, Any]]] = []
    for number, as_stored in enumerate(raw_table.values(), start=1):
        too_deep = validate.record_too_deep(as_stored)
        if too_deep is not None:
            backup.rejected.append(Rejected(number, f"{table} record {number}: {too_deep}; it was not restored"))
            continue
        record = clean_tree(as_stored) if cleaning else as_stored
        if record is not as_stored:
            backup.cleaned[table] = backup.cleaned.get(table, 0) + 1
        try:
            from_record(cls, record)
        except RecordError as error:
            backup.rejected.append(Rejected(number, f"{table} record {number}: {error}"))
            continue
        valid.append((number, record))
    return valid
