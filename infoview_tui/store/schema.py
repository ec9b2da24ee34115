"""The shape of the file: an infoview marker, a schema version, and migrations.

The file is a TinyDB database (each top-level key a table). The `_meta` table holds one
record saying the file is ours and which schema it follows; a JSON file without it
belongs to some other program and is never touched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

APP_MARKER = "infoview"
CURRENT_SCHEMA = 1
META_TABLE = "_meta"

# The tables of records; the repository reads and writes these by name.
CONTACTS = "contacts"
CURIOSITIES = "curiosities"
INTERVIEWS = "interviews"
VALUES = "values"
SETTINGS = "settings"
RECORD_TABLES = (CONTACTS, CURIOSITIES, INTERVIEWS, VALUES, SETTINGS)

# from-version -> function returning the data at from-version + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def fresh_database() -> dict[str, Any]:
    return {META_TABLE: {"1": {"app": APP_MARKER, "schema": CURRENT_SCHEMA}}}


def meta_row(data: Any) -> tuple[str, dict[str, Any]] | None:
    """(row, record) of the `_meta` record that says the file is infoview's, if any."""
    if not isinstance(data, dict):
        return None
    table = data.get(META_TABLE)
    if not isinstance(table, dict):
        return None
    for row, record in table.items():
        if isinstance(record, dict) and record.get("app") == APP_MARKER:
            return row, record
    return None


def _meta_record(data: Any) -> dict[str, Any] | None:
    found = meta_row(data)
    return found[1] if found else None


def is_infoview_database(data: Any) -> bool:
    return _meta_record(data) is not None


def schema_problem(data: Any) -> str | None:
    """What is wrong with the schema version of infoview data, in words, or None when
    it is one this version reads (its own, an older one it can migrate, or a newer one,
    which `schema_of` reports). A version that is missing, not a whole number (text,
    1.0, null, true) or below the first is never guessed at."""
    record = _meta_record(data)
    if record is None:
        return "it has no infoview marker"
    if "schema" not in record:
        return "its _meta record has no schema version"
    version = record["schema"]
    if type(version) is not int:
        shown = "null" if version is None else repr(version)[:40]
        return f"its schema version is {shown}, not a whole number"
    if version < CURRENT_SCHEMA and not all(step in MIGRATIONS for step in range(version, CURRENT_SCHEMA)):
        return f"its schema version is {version}, which no infoview wrote (this one reads 1 to {CURRENT_SCHEMA})"
    return None


class SchemaError(ValueError):
    """Data whose schema version cannot be migrated; `schema_problem` says why."""


def schema_of(data: dict[str, Any]) -> int:
    record = _meta_record(data)
    version = record.get("schema") if record else None
    return version if isinstance(version, int) else 0


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring older data up to CURRENT_SCHEMA, one step at a time (check `schema_problem` first)."""
    problem = schema_problem(data)
    if problem is not None:
        raise SchemaError(problem)
    version = schema_of(data)
    while version < CURRENT_SCHEMA:
        data = MIGRATIONS[version](data)
        version += 1
        record = _meta_record(data)
        assert record is not None
        record["schema"] = version
    return data
