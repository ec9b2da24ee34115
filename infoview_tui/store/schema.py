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

# from-version -> function returning the data at from-version + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def fresh_database() -> dict[str, Any]:
    return {META_TABLE: {"1": {"app": APP_MARKER, "schema": CURRENT_SCHEMA}}}


def _meta_record(data: Any) -> dict[str, Any] | None:
    if not isinstance(data, dict):
        return None
    table = data.get(META_TABLE)
    if not isinstance(table, dict):
        return None
    for record in table.values():
        if isinstance(record, dict) and record.get("app") == APP_MARKER:
            return record
    return None


def is_infoview_database(data: Any) -> bool:
    return _meta_record(data) is not None


def schema_of(data: dict[str, Any]) -> int:
    record = _meta_record(data)
    version = record.get("schema") if record else None
    return version if isinstance(version, int) else 0


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring older data up to CURRENT_SCHEMA, one step at a time."""
    version = schema_of(data)
    while version < CURRENT_SCHEMA:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ValueError(f"no migration from schema {version}")
        data = step(data)
        version += 1
        record = _meta_record(data)
        assert record is not None
        record["schema"] = version
    return data
