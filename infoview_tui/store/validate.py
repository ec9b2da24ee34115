"""What a database or a backup must be before infoview keeps it: something it can always
save again, and text that cannot drive the terminal.

Loaded JSON can be anything JSON allows. orjson reads objects nested up to 1024 deep
but writes at most 254 (deeper raises "Recursion limit reached", a TypeError), and
copy.deepcopy or any recursive walk raises RecursionError near 1000. TinyDB needs every
table to be an object of objects keyed by row numbers. The model finds records by their
`id`: a record without one got a new id on every read (an edit made a copy, a delete
failed) and two records with one id overwrote each other.

So what comes in is checked here, once, without recursion until the depth is known:

* depth: `too_deep_in_database` names the table, the record and the field (the caller
  refuses the file: dropping a record from a database would lose someone's data);
  `record_too_deep` says why one backup record is rejected (the rest are restored);
* shape (`repair_shape`): a table stored as a list is read as rows; a table or a record
  that is not an object, or a row number that is not a number, is set aside with a
  warning (the caller keeps the file as it was in a labelled backup first);
* ids (`give_ids`): a record without an id, or with one an earlier record has, is given
  its own, derived from its content, so that the same file read twice (or restored
  twice) gives the same ids and adds nothing; an exact copy is left out;
* control characters (`clean_records`): C0 but tab and newline, DEL, C1 are removed
  from every text; a cheap scan of the raw bytes decides whether the walk is needed.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson

from ..domain.text import clean_text, clean_tree

ORJSON_WRITE_DEPTH = 254  # orjson.dumps refuses more nested levels than this
# A record is written inside the file's object and its table's object.
RECORD_DEPTH_LIMIT = ORJSON_WRITE_DEPTH - 2
TABLES_WITH_IDS = ("contacts", "curiosities", "interviews", "values")
ID_FIELD = "id"
_DERIVED_IDS = uuid.UUID("6f1c2b1e-8d59-4a57-9a43-2f0e6a6c1d10")  # namespace of ids given here

# Where a control character could be in JSON text: an escape of C0 but tab and newline
# (\u0000-\u001f, \b, \f, \r), of DEL or C1 (\u007f-\u009f), or a raw DEL or C1
# character (raw C0 is not valid JSON inside a string). Each pattern is looked for only
# when its first character is there at all (a memchr, ~0.1 ms over 10 MB): the regex
# over the whole file took 20 ms. A false alarm (an escaped backslash before a "b")
# only costs the walk.
_ESCAPE_BYTES = re.compile(rb"\\(?:u00[0189][0-9a-fA-F]|u007[fF]|[bfr])")
_C1_BYTES = re.compile(b"\xc2[\x80-\x9f]")  # C1 in UTF-8
_ESCAPE_TEXT = re.compile(r"\\(?:u00[0189][0-9a-fA-F]|u007[fF]|[bfr])")
_RAW_TEXT = re.compile("[\x7f-\x9f]")


def may_hold_control_characters(raw: bytes | str) -> bool:
    """False when the JSON text certainly decodes to no control character but tab and newline."""
    if isinstance(raw, str):
        return ("\\" in raw and _ESCAPE_TEXT.search(raw) is not None) or _RAW_TEXT.search(raw) is not None
    return (
        b"\x7f" in raw
        or (b"\\" in raw and _ESCAPE_BYTES.search(raw) is not None)
        or (b"\xc2" in raw and _C1_BYTES.search(raw) is not None)
    )


# --- depth --------------------------------------------------------------------------------


def nesting_depth(value: Any) -> int:
    """How many objects and lists are nested in `value` (a number or text: 0), counted
    without recursion, so a value 1000 deep is measured like any other."""
    deepest = 0
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        current, depth = pending.pop()
        if isinstance(current, dict):
            children: Iterable[Any] = current.values()
        elif isinstance(current, list):
            children = current
        else:
            continue
        deepest = max(deepest, depth)
        pending.extend((child, depth + 1) for child in children)
    return deepest


def describe_record(table: str, row: str | int | None, record: Any) -> str:
    """How a person finds the record: its table, and its name or id if it has them."""
    where = f"{table} record {row}" if row is not None else f"a {table} record"
    if isinstance(record, dict):
        names = [
            f"{key} {clean_text(record[key])[:60]!r}"
            for key in ("name", ID_FIELD)
            if isinstance(record.get(key), str) and record[key]
        ]
        if names:
            where += f" ({', '.join(names)})"
    return where


def record_too_deep(record: Any) -> str | None:
    """Why `record` cannot be kept (a field nested deeper than infoview can write), or None."""
    if nesting_depth(record) <= RECORD_DEPTH_LIMIT:
        return None
    if not isinstance(record, dict):
        return f"it is nested {nesting_depth(record)} levels deep (at most {RECORD_DEPTH_LIMIT} can be saved)"
    field_name, depth = max(((key, nesting_depth(value)) for key, value in record.items()), key=lambda item: item[1])
    return f"its field {str(field_name)[:60]!r} is nested {depth} levels deep (at most {RECORD_DEPTH_LIMIT - 1} can be saved)"


def too_deep_in_database(data: dict[str, Any]) -> str | None:
    """None when the whole database can be written again (one orjson.dumps: ~10 ms for
    10 MB); else which record and field are nested too deep."""
    try:
        orjson.dumps(data)
        return None
    except orjson.JSONEncodeError:
        pass
    for table_name, table in data.items():
        rows: Iterable[tuple[Any, Any]] = (
            table.items() if isinstance(table, dict) else enumerate(table, start=1) if isinstance(table, list) else ()
        )
        for row, record in rows:
            reason = record_too_deep(record)
            if reason is not None:
                return f"{describe_record(table_name, row, record)}: {reason}"
        if nesting_depth(table) > ORJSON_WRITE_DEPTH - 1:
            return f"the table {table_name!r} is nested more deeply than infoview can save"
    return "some data is nested more deeply than infoview can save"


# --- shape ----------------------------------------------------------------------------


def _row_number(key: Any) -> int | None:
    # "01" is no row number: TinyDB reads it as row 1, and a real "1" would overwrite it.
    if isinstance(key, str) and key.isascii() and key.isdigit() and int(key) > 0 and str(int(key)) == key:
        return int(key)
    return None


def repair_shape(data: dict[str, Any]) -> list[str]:
    """Make every table an object of objects keyed by row numbers, in place; returns what
    was changed, in words (empty: nothing)."""
    warnings: list[str] = []
    for table_name in list(data):
        table = data[table_name]
        if isinstance(table, list):
            data[table_name] = table = {str(row): record for row, record in enumerate(table, start=1)}
            warnings.append(f"the table {table_name!r} was a list; its entries were read as records")
        elif not isinstance(table, dict):
            del data[table_name]
            warnings.append(f"the table {table_name!r} held {_kind(table)} instead of records; it was set aside")
            continue
        if all(isinstance(record, dict) for record in table.values()) and all(map(_row_number, table)):
            continue  # the common case: nothing to do
        data[table_name] = _repaired_table(table_name, table, warnings)
    return warnings


def _repaired_table(table_name: str, table: dict[str, Any], warnings: list[str]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    misnumbered: list[Any] = []
    for key, record in table.items():
        if not isinstance(record, dict):
            warnings.append(f"{table_name} record {str(key)[:40]} was {_kind(record)}, not a record; it was set aside")
        elif _row_number(key) is None:
            misnumbered.append(record)
        else:
            kept[key] = record
    next_row = max((int(key) for key in kept), default=0) + 1
    for offset, record in enumerate(misnumbered):
        kept[str(next_row + offset)] = record
    if misnumbered:
        warnings.append(f"{len(misnumbered)} {table_name} record(s) had no row number; they were given one")
    return kept


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if value is None:
        return "null"
    if isinstance(value, (bool, int, float)):
        return f"the number {value!r}" if not isinstance(value, bool) else f"the value {str(value).lower()}"
    return "a list" if isinstance(value, list) else type(value).__name__


# --- ids ------------------------------------------------------------------------------


def derived_id(table: str, record: dict[str, Any]) -> str:
    """An id made from the record's content: the same record always gets the same one."""
    content = orjson.dumps(record, option=orjson.OPT_SORT_KEYS)
    return uuid.uuid5(_DERIVED_IDS, table + "\0" + content.decode()).hex


@dataclass
class IdRepairs:
    records: list[tuple[Any, dict[str, Any]]]  # (row or number, record), in order, copies left out
    warnings: list[str] = field(default_factory=list)
    changed: bool = False


def give_ids(table: str, rows: Iterable[tuple[Any, dict[str, Any]]]) -> IdRepairs:
    """Every record with an id of its own: one without (missing, null, empty) gets one; one
    with an id an earlier record has gets its own (what refers to that id keeps meaning
    the first); an exact copy of an earlier record is left out. A record whose id is of
    the wrong type is left as it is, for the model to refuse."""
    seen: dict[str, tuple[Any, dict[str, Any]]] = {}  # id -> (row, record) that has it
    result = IdRepairs([])
    for row, stored in rows:
        record = stored
        record_id = record.get(ID_FIELD)
        if record_id is not None and not isinstance(record_id, str):
            result.records.append((row, record))
            continue
        where, change = describe_record(table, row, record), ""
        if not record_id:
            without_id = {key: value for key, value in record.items() if key != ID_FIELD}
            record, change = {ID_FIELD: derived_id(table, without_id), **without_id}, "had no id; it was given one"
        elif record_id in seen and seen[record_id][1] != record:
            first = seen[record_id][0]
            record = {**record, ID_FIELD: derived_id(table, record)}
            change = f"had the same id as {table} record {first}; it was given its own (links to that id still lead to the first)"
        if record[ID_FIELD] in seen and seen[record[ID_FIELD]][1] == record:
            change = f"was an exact copy of {table} record {seen[record[ID_FIELD]][0]}; it was left out"
            result.warnings.append(f"{where} {change}")
            result.changed = True
            continue
        if change:
            result.warnings.append(f"{where} {change}")
            result.changed = True
        seen[record[ID_FIELD]] = (row, record)
        result.records.append((row, record))
    return result


def repair_ids(data: dict[str, Any]) -> list[str]:
    """`give_ids` over each table of a database (rows as keys), in place."""
    warnings: list[str] = []
    for table_name in TABLES_WITH_IDS:
        table = data.get(table_name)
        if not isinstance(table, dict) or not table:
            continue
        if _ids_are_sound(table):
            continue
        repairs = give_ids(table_name, table.items())
        if repairs.changed:
            data[table_name] = dict(repairs.records)
            warnings.extend(repairs.warnings)
    return warnings


def _ids_are_sound(table: dict[str, Any]) -> bool:
    """True for the common case: every record has text for an id, and no id twice."""
    ids = [record.get(ID_FIELD) for record in table.values()]
    return all(isinstance(record_id, str) and record_id for record_id in ids) and len(set(ids)) == len(ids)


# --- control characters ---------------------------------------------------------------


def clean_records(data: dict[str, Any]) -> int:
    """Remove control characters from every text in the database, in place (run only after
    the depth check: it recurses). Returns how many records changed."""
    changed = 0
    for table_name, table in list(data.items()):
        new_table: dict[str, Any] | None = None
        for row, record in table.items():
            # Walking every record in Python took ~120 ms on 10 MB; orjson and the scan
            # pick out the few records to walk in ~15 ms.
            if not may_hold_control_characters(orjson.dumps(record)):
                continue
            cleaned = clean_tree(record)
            if cleaned is not record:
                if new_table is None:
                    new_table = dict(table)
                new_table[row] = cleaned
                changed += 1
        if new_table is not None:
            data[table_name] = new_table
    return changed


def control_characters_warning(count: int) -> str:
    return f"{count} record(s) held control characters (which can retitle or clear the terminal); they were removed"


# --- a whole database -------------------------------------------------------------------


def repair_database(data: dict[str, Any], raw: bytes) -> list[str]:
    """Shape, ids and control characters of a database read from `raw`, put right in place
    (after the depth check). Returns what was changed, in words: empty, nothing was (the
    common case costs a scan of the bytes and a look at every record's id)."""
    warnings = repair_shape(data)
    warnings += repair_ids(data)
    if may_hold_control_characters(raw):
        cleaned = clean_records(data)
        if cleaned:
            warnings.append(control_characters_warning(cleaned))
    return warnings
