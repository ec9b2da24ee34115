"""Serialise the database in small pieces, so a background save never holds the GIL
(and so the event loop) for long: orjson holds it for a whole call, ~5-20 ms for a
10 MB database in one call, ~0.1 ms for a piece of ~64 KB.

Joined, `pieces(data)` are exactly the bytes of
`orjson.dumps(data, option=orjson.OPT_INDENT_2)`. Each piece is dumped wrapped in the
same nesting it has in the whole document, so orjson indents it right, and the wrapper's
own bytes are sliced off: no re-indenting pass over the output.
"""

from __future__ import annotations

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
