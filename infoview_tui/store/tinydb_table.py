"""TinyDB's table, extended where TinyDB says to extend it (`TinyDB.table_class`), for the
one edit the repository needs that TinyDB's public methods cannot do without harm:
replace stored records with new dicts and add new ones, in one pass over the table.

Why not the public methods (tinydb==4.9.0):
* `update()` (with fields or a callable) edits the stored record dict in place, which
  would change a save's captured state under it (see "the reliance" below);
* `remove()` then `insert()` moves the record to the end of its table (the file would
  reorder on every edit) and rewrites the table twice;
* `insert()` and `insert_multiple()` number rows from a count TinyDB caches per table,
  which a merge (the whole data replaced) leaves stale; `insert_multiple` also copies
  and checks each record, a fifth of a 10,000-row import.

So `RecordTable.edit` goes through `Table._update_table`, the method every TinyDB write is
built on. TinyDB documents this route ("TinyDB's source code is documented with
extensions in mind, explaining how everything works even for internal methods ... adapt
everything you need", docs/extend.rst, "Subclassing TinyDB and Table"); this module is the
only place in infoview that uses a TinyDB name starting with `_` (tests/unit/test_tinydb_table.py
checks that). The contract relied on, unchanged from 4.8.2 to 4.9.0 and tested there:
  1. the updater gets a new dict of the table's records keyed by int row numbers, so
     putting a record into it never touches the stored table;
  2. the table is then stored as a new dict, written through the storage, and the table's
     query cache is cleared.

The reliance "TinyDB gives a table a new dict on every write": every TinyDB write
(insert, update, remove, truncate) goes through `_update_table`, so (2) holds for all of
them. `DatabaseFile.capture` (store/storage.py) depends on it: a capture is a shallow copy
of the tables, serialised in slices while edits go on, and stays that moment's state only
because no write changes a table dict or a record dict that a capture holds.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from tinydb.table import Table

Record = dict[str, Any]
# Given a stored record, the new dict to store in its place, or None to keep it.
Replacement = Callable[[Mapping[str, Any]], Record | None]


class RecordTable(Table):
    """A TinyDB table whose records are replaced by new dicts, never edited in place.
    Records are added with `edit` too: TinyDB's `insert` numbers rows from its cached count,
    which `edit` and merges do not keep up to date (a stale count makes `insert` refuse
    the row, loudly; nothing is overwritten)."""

    def edit(
        self, replace: Replacement | None = None, *, rows: Collection[int] | None = None, add: Sequence[Record] = ()
    ) -> list[int]:
        """One pass over the table: each stored record in `rows` (every row if None) is
        given to `replace` and, where it returns a dict, that dict takes its place (same
        row, same position in the file); then the records in `add` are stored as they are
        (not copied: the caller hands them over) in new rows after the highest one.
        Returns the new rows, in the order of `add`."""
        added_rows: list[int] = []

        def apply(records: dict[int, Any]) -> None:
            if replace is not None:
                for row in records if rows is None else [row for row in rows if row in records]:
                    replacement = replace(records[row])
                    if replacement is not None:
                        records[row] = replacement
            if add:
                # Numbered from the rows there now, never from a cached count (a merge brings rows above it).
                first = max(records, default=0) + 1
                added_rows.extend(range(first, first + len(add)))
                records.update(zip(added_rows, add, strict=True))

        self._update_table(apply)
        return added_rows

    def stored_records(self) -> Mapping[str, Mapping[str, Any]]:
        """The table's records as stored, by row (TinyDB's text keys), not copied: read only.
        Every write stores the table as a new dict and each changed record as a new dict
        (the reliance above), so this mapping never changes once returned, and a record dict
        seen here is the same object until that record changes: the repository builds each
        record's object once and knows it is still true by identity. (TinyDB's `all()`
        copies every record into a Document on every call.)"""
        return self._read_table()
