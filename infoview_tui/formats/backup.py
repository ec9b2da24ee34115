"""The JSON backup: the whole database as it is stored (every table, the schema marker),
which `infoview import` restores into any database, empty or not.

A backup is the database file's own shape, so a copy of infoview.json (or one of its
rolling backups) imports the same way. Records are checked one by one against the model;
a record whose id is already there is kept as it is (the database wins), so restoring
twice adds nothing.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import orjson

from ..domain.model import Contact, Curiosity, Interview, Settings, Value
from ..domain.records import RecordError, from_record
from ..store.schema import CURRENT_SCHEMA, is_infoview_database, migrate, schema_of
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


def dumps(data: dict[str, Any]) -> bytes:
    """The database's data, as a backup file's bytes."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)


def looks_like_json(text: str) -> bool:
    return text[:4096].lstrip().startswith("{")


def parse(text: str) -> Backup:
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise FileRefused(f"This JSON file is broken ({error}); it cannot be restored.") from None
    if not is_infoview_database(data):
        raise FileRefused(
            "This JSON file is not an infoview backup (it lacks the infoview marker). "
            "Restore files made with 'infoview export json'."
        )
    version = schema_of(data)
    if version > CURRENT_SCHEMA:
        raise FileRefused(
            f"This backup was made by a newer infoview (schema {version}; this one reads up to "
            f"{CURRENT_SCHEMA}). Update infoview, then restore it."
        )
    data = migrate(copy.deepcopy(data))
    backup = Backup(KIND)
    for table, cls in TABLES.items():
        valid = backup.records.setdefault(table, [])
        raw_table = data.get(table) or {}
        if not isinstance(raw_table, dict):
            backup.rejected.append(Rejected(0, f"{table}: expected a table of records"))
            continue
        for number, record in enumerate(raw_table.values(), start=1):
            try:
                from_record(cls, record)
            except RecordError as error:
                backup.rejected.append(Rejected(number, f"{table} record {number}: {error}"))
                continue
            valid.append(record)
    settings = list((data.get(SETTINGS_TABLE) or {}).values())
    if settings:
        try:
            from_record(Settings, settings[0])
            backup.settings = settings[0]
        except RecordError as error:
            backup.rejected.append(Rejected(1, f"settings: {error}"))
    return backup
