"""Which saves a copy of the database holds: a version vector kept in the file.

Each time infoview opens a database it writes as a writer of its own (a random id), and
every save counts up that writer's number in `_meta.versions`, with the machine's name
and the time: `{"3f9a...": {"saves": 41, "host": "laptop", "at": "..."}}`. A copy holds
everything another holds when its count for each of the other's writers is at least as
high. Two copies of one database (two machines and a synced folder) can then tell
whether one already contains the other, and which kept version both descend from, so a
merge compares each side with the version both really started from. Without that, a
record one machine added would look deleted by the other.

One entry per time the app ran (not per save), so months of daily use stay a few
kilobytes; the oldest writers beyond `KEEP_WRITERS` are dropped.
"""

from __future__ import annotations

import socket
from datetime import datetime
from typing import Any

from .schema import META_TABLE, meta_row

VERSIONS_KEY = "versions"
KEEP_WRITERS = 1000  # a year of opening the app three times a day; each entry is ~80 bytes


def _moment(value: Any) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def writers(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each writer's entry: how many saves of it this copy holds, its machine, its last save."""
    found = meta_row(data)
    entries = found[1].get(VERSIONS_KEY) if found else None
    if not isinstance(entries, dict):
        return {}
    return {
        writer: entry
        for writer, entry in entries.items()
        if isinstance(entry, dict) and isinstance(entry.get("saves"), int) and not isinstance(entry["saves"], bool)
    }


def vector(data: dict[str, Any]) -> dict[str, int]:
    """writer -> how many of its saves this copy holds."""
    return {writer: entry["saves"] for writer, entry in writers(data).items()}


def stamped(data: dict[str, Any], moment: datetime, *, writer: str, host: str | None = None) -> dict[str, Any]:
    """The `_meta` table for one more save of `data` by `writer`. New dicts throughout:
    `data` itself is not changed (a capture must not be)."""
    found = meta_row(data)
    if found is None:
        return dict(data.get(META_TABLE) or {})
    row, record = found
    entries = dict(writers(data))
    saves = entries.get(writer, {}).get("saves", 0) + 1
    entries[writer] = {"saves": saves, "host": host or socket.gethostname(), "at": moment.isoformat()}
    return {**data[META_TABLE], row: {**record, VERSIONS_KEY: _newest(entries)}}


def _newest(entries: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    if len(entries) <= KEEP_WRITERS:
        return entries
    by_time = sorted(entries.items(), key=lambda item: str(_moment(item[1].get("at")) or ""), reverse=True)
    return dict(by_time[:KEEP_WRITERS])


def combined(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """The `_meta` table of a merge of the two (ours' record): it holds both."""
    found = meta_row(ours)
    if found is None:
        return dict(ours.get(META_TABLE) or theirs.get(META_TABLE) or {})
    row, record = found
    entries = dict(writers(ours))
    for writer, entry in writers(theirs).items():
        if entry["saves"] > entries.get(writer, {}).get("saves", 0):
            entries[writer] = entry
    return {**ours[META_TABLE], row: {**record, VERSIONS_KEY: _newest(entries)}}


def contains(data: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether `data` holds every save `other` holds (so all of it, edits since aside).
    A copy that says nothing of its saves is contained by nothing."""
    return holds(data, vector(other))


def holds(data: dict[str, Any], other_vector: dict[str, int]) -> bool:
    """`contains`, given the other copy's vector alone."""
    if not other_vector:
        return False
    ours = vector(data)
    return all(ours.get(writer, 0) >= saves for writer, saves in other_vector.items())


def describe_writer(data: dict[str, Any], known: dict[str, Any] | None = None) -> str:
    """'desktop, 2026-11-28 14:02': the machine and time of the copy's latest save that
    `known` (our version) does not hold yet, for the marker line above a text both sides
    edited."""
    ours = vector(known) if known is not None else {}
    entries = writers(data)
    new = {writer: entry for writer, entry in entries.items() if entry["saves"] > ours.get(writer, 0)}
    latest: tuple[datetime, dict[str, Any]] | None = None
    for entry in (new or entries).values():
        moment = _moment(entry.get("at"))
        if moment is not None and (latest is None or moment > latest[0]):
            latest = (moment, entry)
    if latest is None:
        return "the other copy"
    moment, entry = latest
    return f"{entry.get('host') or 'another machine'}, {moment:%Y-%m-%d %H:%M}"
