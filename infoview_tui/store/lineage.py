"""Which saves a copy of the database descends from: the file's family tree, kept small.

Every save writes a new id at the head of `_meta.lineage` (with the machine and the
time), followed by the ids of the saves it came from, newest first, the last
`KEEP_SAVES` of them. Two copies of one database (two machines and a synced folder)
can then tell whether one already contains the other (its lineage holds the other's
head) and which save they last shared, so a merge compares each side against the
version both really started from. Without that, a record one machine added would look
deleted by the other.
"""

from __future__ import annotations

import secrets
import socket
from datetime import datetime
from typing import Any

from .schema import META_TABLE

LINEAGE_KEY = "lineage"
KEEP_SAVES = 64  # a few weeks of saves apart is still recognised; each entry is ~90 bytes


def _meta_row(data: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    table = data.get(META_TABLE)
    if not isinstance(table, dict):
        return None
    for row, record in table.items():
        if isinstance(record, dict) and record.get("app") == "infoview":
            return row, record
    return None


def lineage(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The saves this copy descends from, newest (its own) first."""
    found = _meta_row(data)
    entries = found[1].get(LINEAGE_KEY) if found else None
    if not isinstance(entries, list):
        return []
    return [entry for entry in entries if isinstance(entry, dict) and isinstance(entry.get("id"), str)]


def head(data: dict[str, Any]) -> str | None:
    entries = lineage(data)
    return entries[0]["id"] if entries else None


def save_ids(data: dict[str, Any]) -> list[str]:
    return [entry["id"] for entry in lineage(data)]


def stamped(data: dict[str, Any], moment: datetime, host: str | None = None) -> dict[str, Any]:
    """The `_meta` table for a new save of `data`: a new head, then what it descends
    from. New dicts throughout: `data` itself is not changed (a capture must not be)."""
    found = _meta_row(data)
    if found is None:
        return dict(data.get(META_TABLE) or {})
    row, record = found
    entry = {"id": secrets.token_hex(8), "host": host or socket.gethostname(), "at": moment.isoformat()}
    return {**data[META_TABLE], row: {**record, LINEAGE_KEY: [entry, *lineage(data)][:KEEP_SAVES]}}


def combined(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """The `_meta` table of a merge of the two: it descends from both (ours first)."""
    found = _meta_row(ours)
    if found is None:
        return dict(ours.get(META_TABLE) or theirs.get(META_TABLE) or {})
    row, record = found
    ours_entries, theirs_entries = lineage(ours), lineage(theirs)
    known = {entry["id"] for entry in ours_entries}
    merged = [*ours_entries, *(entry for entry in theirs_entries if entry["id"] not in known)]
    merged.sort(key=lambda entry: str(entry.get("at", "")), reverse=True)
    return {**ours[META_TABLE], row: {**record, LINEAGE_KEY: merged[:KEEP_SAVES]}}


def contains(data: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether `data` descends from `other`'s latest save (so holds all of it, edits since
    then aside)."""
    other_head = head(other)
    return other_head is not None and other_head in save_ids(data)


def newest_shared_save(ours: dict[str, Any], theirs: dict[str, Any]) -> str | None:
    """The id of the latest save both copies descend from, if they still remember one."""
    theirs_ids = set(save_ids(theirs))
    return next((save_id for save_id in save_ids(ours) if save_id in theirs_ids), None)


def describe_writer(data: dict[str, Any]) -> str:
    """'desktop, 2026-11-28 14:02' for the marker line in texts both sides edited."""
    entries = lineage(data)
    if not entries:
        return "the other copy"
    entry = entries[0]
    host = str(entry.get("host") or "another machine")
    try:
        moment = datetime.fromisoformat(str(entry.get("at")))
    except ValueError:
        return host
    return f"{host}, {moment:%Y-%m-%d %H:%M}"
