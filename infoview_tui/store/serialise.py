"""Serialise the database in small pieces, so a background save never holds the GIL
(and so the event loop) for long: orjson holds it for a whole call, ~5-20 ms for a
10 MB database in one call, ~0.1 ms for a piece of ~64 KB.

Joined, `pieces(data)` are exactly the bytes of
`orjson.dumps(data, option=orjson.OPT_INDENT_2)`. Each piece is dumped wrapped in the
same nesting it has in the whole document, so orjson indents it right, and the wrapper's
own bytes are sliced off: no re-indenting pass over the output.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import orjson

INDENT = orjson.OPT_INDENT_2
# A piece holds about this much JSON (~0.1 ms of orjson): ~80 contacts, or ~4 interviews
# with their notes and reactions. Measured on each table's first record.
BYTES_PER_PIECE = 64 * 1024
_WRAPPED_HEAD = len(b'{\n  "": {\n')  # a piece dumped as {"": {records}}: records sit at depth 2
_WRAPPED_TAIL = len(b"\n  }\n}")
_TOP_HEAD = len(b"{\n")
_TOP_TAIL = len(b"\n}")


def _records_per_piece(table: dict[str, Any]) -> int:
    first = next(iter(table.values()))
    return max(1, BYTES_PER_PIECE // max(1, len(orjson.dumps(first))))


def pieces(data: dict[str, Any], records_per_piece: int | None = None) -> Iterator[bytes | memoryview]:
    """The bytes of `orjson.dumps(data, option=INDENT)`, a piece at a time (`records_per_piece`
    records each, or about BYTES_PER_PIECE): the app's save serialises a slice of pieces
    at a time, so a key or a repaint never waits for the whole database."""
    if not data:
        yield b"{}"
        return
    yield b"{\n"
    tables = list(data.items())
    for table_index, (name, table) in enumerate(tables):
        per_piece = (records_per_piece or _records_per_piece(table)) if isinstance(table, dict) and table else 0
        if per_piece and len(table) > per_piece:
            yield b"  " + orjson.dumps(name) + b": {\n"
            records = list(table.items())
            for start in range(0, len(records), per_piece):
                piece = orjson.dumps({"": dict(records[start : start + per_piece])}, option=INDENT)
                yield memoryview(piece)[_WRAPPED_HEAD:-_WRAPPED_TAIL]  # no copy until written
                yield b",\n" if start + per_piece < len(records) else b"\n"
            yield b"  }"
        else:
            yield orjson.dumps({name: table}, option=INDENT)[_TOP_HEAD:-_TOP_TAIL]
        yield b",\n" if table_index < len(tables) - 1 else b"\n"
    yield b"}"


# --- when a save failed -----------------------------------------------------------------

# The emergency copy's fallback serialiser recurses in C for each nested level; Python's
# default limit (1000) is raised this far for it, no further (the C stack is not endless).
RESCUE_RECURSION_LIMIT = 20_000


def rescue_bytes(data: dict[str, Any]) -> tuple[bytes, list[str]]:
    """The database as a backup file's bytes, whatever made a save fail: (bytes, what could
    not be written at all, in words). The whole file in one go when orjson can; else
    record by record, a record orjson refuses (nested too deep, say) written by the
    standard library's json with a raised recursion limit and anything not JSON as its
    text, and a record even that refuses left out and named. Only tables that are
    objects of records are taken apart; any other value is written whole or named."""
    try:
        return b"".join(pieces(data)), []
    except Exception:  # noqa: BLE001  whatever failed the save: write what can be written
        pass
    left_out: list[str] = []
    tables: dict[str, Any] = {}
    for name, table in data.items():
        if isinstance(table, dict):
            records: dict[str, Any] = {}
            for row, record in table.items():
                written = _record_bytes(record)
                if written is None:
                    left_out.append(f"{name} record {row}")
                else:
                    records[str(row)] = orjson.Fragment(written)
            tables[str(name)] = records
        else:
            written = _record_bytes(table)
            if written is None:
                left_out.append(f"the table {name}")
            else:
                tables[str(name)] = orjson.Fragment(written)
    return orjson.dumps(tables, option=INDENT), left_out


def _record_bytes(record: Any) -> bytes | None:
    try:
        return orjson.dumps(record)
    except Exception:  # noqa: BLE001  try the slower way below
        pass
    import json  # the rescue of a record orjson refuses: rare, off the start-up path

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, RESCUE_RECURSION_LIMIT))
    try:
        return json.dumps(record, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass")
    except Exception:  # noqa: BLE001  RecursionError, a key that is no text...: leave it out, named
        return None
    finally:
        sys.setrecursionlimit(limit)


def why_save_failed(error: BaseException) -> str:
    """What made a save fail, in plain words for the user (never a traceback; the type
    name only where nothing plainer can be said)."""
    from ..domain.text import clean_text

    if isinstance(error, OSError):
        reason = error.strerror or str(error) or type(error).__name__
        if error.filename:
            reason = f"{reason} ({error.filename})"
    elif isinstance(error, MemoryError):
        reason = "the computer ran out of memory"
    elif isinstance(error, RecursionError) or "recursion limit" in str(error).lower():
        reason = "some data is nested more deeply than infoview can write"
    elif isinstance(error, TypeError):  # orjson.JSONEncodeError is one
        reason = f"some data cannot be written as JSON ({error})"
    else:
        reason = f"an unexpected error ({type(error).__name__}: {error})"
    return clean_text(reason)
