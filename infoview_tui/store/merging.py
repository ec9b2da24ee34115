"""Merging two copies of one database record by record (two machines, one synced file).

`merge(base, ours, theirs)` takes the database as three dicts of tables, as the file
stores them: `base` is the last version both copies descend from (what this machine last
read or wrote), `ours` the copy in memory, `theirs` the copy another machine wrote. The
rule is "nothing typed on either side is lost":

* a record changed on one side only takes that side;
* a record changed on both is merged field by field: a field changed on one side takes
  that side; a text field (notes, free notes, takeaways, a question's notes...) changed
  on both keeps both texts, ours then theirs, under a marker line naming the other copy;
  any other field changed on both takes the side whose record was `updated` later, and
  the losing value is listed in the report;
* a record deleted on one side and edited on the other is kept (edits win), and reported;
* lists inside a record are merged as sets: reactions, asks, stage changes and
  referrals added on either side are all kept (in time order), and one removed on
  either side stays removed; lists of records with ids (question sets, templates) are
  merged record by record.

The merge is idempotent (merging the result with either side again changes nothing) and
symmetric but for the order of kept texts. Records are matched by their own `id`; a
table's records without one (the settings) by their row. Nothing here touches the disk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from .schema import META_TABLE

# Fields whose value is text a person typed: changed on both sides, both are kept.
TEXT_FIELDS = frozenset(
    {"notes", "free_notes", "takeaways", "description", "brainstorm", "message", "outcome", "note", "meaning"}
)
# Dicts whose every value is typed text (question id -> notes).
TEXT_MAPS = frozenset({"question_notes"})
# Keys that order the items of a merged list in time.
_TIME_KEYS = ("at", "asked_at", "offset_seconds")
# An interview's status only moves forward when two copies disagree: a call finished on
# one machine is finished.
_STATUS_ORDER = {"planned": 0, "in_progress": 1, "done": 2}


class _Missing:
    """A key or record one copy does not have."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass
class LostValue:
    """A field both copies changed to different values; the report lists the loser."""

    table: str
    record: str  # a name a person recognises
    path: str  # the field, e.g. "company" or "reflection.value_fit.v1"
    kept: Any
    lost: Any


@dataclass
class MergeReport:
    incoming: dict[str, int] = field(default_factory=dict)  # table -> records that came from theirs
    came_in: list[str] = field(default_factory=list)  # "new: contact Eve Park", "changed: contact Ben Lee"
    texts_kept_both: list[str] = field(default_factory=list)  # "contact Ana Ortiz: notes"
    lost_values: list[LostValue] = field(default_factory=list)
    kept_despite_deletion: list[str] = field(default_factory=list)  # "interview with Sam (deleted here)"

    @property
    def changed_anything(self) -> bool:
        return bool(self.incoming or self.texts_kept_both or self.lost_values or self.kept_despite_deletion)

    def summary(self) -> str:
        """One line for a quiet notice."""
        if not self.changed_anything:
            return "The other copy held nothing new."
        parts = [f"{count} {_plural(table, count)}" for table, count in sorted(self.incoming.items()) if count]
        line = "Merged from the other copy: " + (", ".join(parts) if parts else "no new records")
        extras = []
        if self.texts_kept_both:
            count = len(self.texts_kept_both)
            extras.append(f"{count} {'note' if count == 1 else 'notes'} edited on both sides (both kept)")
        if self.lost_values:
            count = len(self.lost_values)
            extras.append(f"{count} {'field' if count == 1 else 'fields'} changed on both sides (the later kept)")
        if self.kept_despite_deletion:
            count = len(self.kept_despite_deletion)
            extras.append(f"{count} deleted on one side but edited on the other (kept)")
        return line + ("; " + "; ".join(extras) if extras else "") + "."

    def details(self) -> list[str]:
        """Every line of the report, for the "Last merge" view and `infoview merge`."""
        lines = [self.summary()]
        lines += self.came_in
        lines += [f"Both texts kept: {where}" for where in self.texts_kept_both]
        for lost in self.lost_values:
            lines.append(
                f"{lost.record}, {lost.path}: kept {_shown(lost.kept)}, the other copy had {_shown(lost.lost)}"
            )
        lines += [f"Kept (edited on one side, deleted on the other): {what}" for what in self.kept_despite_deletion]
        return lines


def _plural(table: str, count: int) -> str:
    if table == "settings":
        return "change to your settings" if count == 1 else "changes to your settings"
    singular = {"contacts": "contact", "interviews": "interview", "curiosities": "curiosity", "values": "value"}
    word = singular.get(table, table)
    if count == 1:
        return word
    return "curiosities" if word == "curiosity" else (word + "s" if word in singular.values() else table)


def _shown(value: Any) -> str:
    if value is MISSING:
        return "nothing"
    text = value if isinstance(value, str) else orjson.dumps(value).decode()
    return repr(text if len(text) <= 60 else text[:59] + "…")


def marker_line(other_label: str) -> str:
    """The line put between two versions of a text, naming where the second came from."""
    return f"--- also written on {other_label} ---"


_MARKER_BETWEEN = re.compile(r"\s*\n--- also written on [^\n]* ---\n")


def merge(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], *, other_label: str
) -> tuple[dict[str, Any], MergeReport]:
    """The merged database and what happened. Inputs are not modified; unchanged
    records are shared with `ours` (records are never edited in place here)."""
    report = MergeReport()
    merged: dict[str, Any] = {}
    for table in _ordered_union(ours, theirs, base):
        if table == META_TABLE:
            merged[table] = ours.get(table, theirs.get(table))
            continue
        merged_table = _merge_table(
            table,
            _table(base.get(table)),
            _table(ours.get(table)),
            _table(theirs.get(table)),
            _Context(report, other_label),
        )
        merged[table] = merged_table
    return merged, report


def _table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _ordered_union(*dicts: dict[str, Any]) -> list[str]:
    seen: dict[str, None] = {}
    for each in dicts:
        for key in each:
            seen.setdefault(key, None)
    return list(seen)


@dataclass
class _Context:
    report: MergeReport
    other_label: str


def _keyed(table: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    """Records by their own id (else their row): key -> (row, record)."""
    keyed: dict[str, tuple[str, Any]] = {}
    for row, record in table.items():
        record_id = record.get("id") if isinstance(record, dict) else None
        key = f"id:{record_id}" if isinstance(record_id, str) and record_id else f"row:{row}"
        keyed.setdefault(key, (row, record))
    return keyed


def _merge_table(
    table: str, base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], context: _Context
) -> dict[str, Any]:
    base_keyed, our_keyed, their_keyed = _keyed(base), _keyed(ours), _keyed(theirs)
    result: dict[str, Any] = {}
    used_rows: set[str] = set()
    pending: list[tuple[str, Any]] = []  # records from theirs whose row is taken here
    incoming = 0
    for key in _ordered_union(our_keyed, their_keyed):
        b = base_keyed.get(key, (None, MISSING))[1]
        our_row, o = our_keyed.get(key, (None, MISSING))
        their_row, t = their_keyed.get(key, (None, MISSING))
        value = _merge_record(table, b, o, t, context)
        if value is MISSING:
            continue
        if value is not o and _canonical(value) != _canonical(o):
            incoming += 1
            what = "settings" if table == "settings" else _label(table, value)
            context.report.came_in.append(f"{'new' if o is MISSING else 'changed'}: {what}")
        row = our_row if our_row is not None else their_row
        assert row is not None
        if row in used_rows or (our_row is None and row in ours):
            pending.append((key, value))
        else:
            result[row] = value
            used_rows.add(row)
    for _key, value in pending:  # a record added on both sides under the same row number
        row = str(max((int(row) for row in result if row.isdigit()), default=0) + 1)
        result[row] = value
    if incoming:
        context.report.incoming[table] = context.report.incoming.get(table, 0) + incoming
    return result


def _label(table: str, record: Any) -> str:
    if not isinstance(record, dict):
        return table
    name = record.get("name") or record.get("contact_name") or record.get("id") or ""
    kind = {"contacts": "contact", "interviews": "interview with", "curiosities": "curiosity", "values": "value"}
    return f"{kind.get(table, table)} {name}".strip()


def _changed_on_one_side(b: Any, o: Any, t: Any) -> tuple[bool, Any]:
    """(True, the value) when the sides agree or only one changed it; (False, None) when
    both changed it differently."""
    if _same(o, t) or _same(t, b):
        return True, o
    if _same(o, b):
        return True, t
    return False, None


def _merge_record(table: str, b: Any, o: Any, t: Any, context: _Context) -> Any:
    settled, value = _changed_on_one_side(b, o, t)
    if settled:
        return value
    if o is MISSING or t is MISSING:
        kept = t if o is MISSING else o
        where = "here" if o is MISSING else "on the other copy"
        context.report.kept_despite_deletion.append(f"{_label(table, kept)} (deleted {where})")
        return kept
    if not (isinstance(o, dict) and isinstance(t, dict)):
        return _newer_wins(table, _label(table, o), o, t, "", context)  # the wrong shape: keep one whole
    record_context = _RecordContext(table, _label(table, o), _ours_is_newer(o, t), context)
    return _merge_dict(b if isinstance(b, dict) else {}, o, t, "", record_context)


@dataclass
class _RecordContext:
    table: str
    label: str
    ours_newer: bool | None  # None: both updated at the same moment (or neither says)
    context: _Context


def _ours_is_newer(o: dict[str, Any], t: dict[str, Any]) -> bool | None:
    ours, theirs = _moment(o.get("updated")), _moment(t.get("updated"))
    if ours is None or theirs is None or ours == theirs:
        return None
    return ours > theirs


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _same(a: Any, b: Any) -> bool:
    if a is b:
        return True
    if a is MISSING or b is MISSING:
        return False
    return bool(a == b)


def _canonical(value: Any) -> bytes:
    if value is MISSING:
        return b""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def _merge_dict(b: dict[str, Any], o: dict[str, Any], t: dict[str, Any], path: str, record: _RecordContext) -> Any:
    merged: dict[str, Any] = {}
    for key in _ordered_union(o, t):
        where = f"{path}.{key}" if path else key
        value = _merge_field(key, b.get(key, MISSING), o.get(key, MISSING), t.get(key, MISSING), where, record)
        if value is not MISSING:
            merged[key] = value
    return merged


def _merge_field(key: str, b: Any, o: Any, t: Any, path: str, record: _RecordContext) -> Any:
    settled, value = _changed_on_one_side(b, o, t)
    if settled:
        return value
    # Changed on both sides, differently.
    if key == "updated" and isinstance(o, str) and isinstance(t, str):
        return _later(o, t)
    if key == "elapsed_seconds" and _is_number(o) and _is_number(t):
        return max(o, t)  # a call held on both machines: never one clock over the other
    if key == "status" and o in _STATUS_ORDER and t in _STATUS_ORDER:
        return o if _STATUS_ORDER[o] >= _STATUS_ORDER[t] else t
    if isinstance(o, str) and isinstance(t, str) and (key in TEXT_FIELDS or path.split(".")[0] in TEXT_MAPS):
        return _both_texts(b, o, t, path, record)
    if isinstance(o, dict) and isinstance(t, dict):
        return _merge_dict(b if isinstance(b, dict) else {}, o, t, path, record)
    if isinstance(o, list) and isinstance(t, list):
        return _merge_list(b if isinstance(b, list) else [], o, t, path, record)
    if o is MISSING or t is MISSING:
        return t if o is MISSING else o  # removed on one side, changed on the other: the change
    return _newer_wins(record.table, record.label, o, t, path, record.context, record.ours_newer)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _later(a: str, b: str) -> str:
    first, second = _moment(a), _moment(b)
    if first is not None and second is not None and first != second:
        return a if first > second else b
    return max(a, b)


def _both_texts(b: Any, o: str, t: str, path: str, record: _RecordContext) -> str:
    # One text already made of the other's parts is an earlier merge of the two: keeping
    # it loses nothing, and merging again changes nothing.
    if _holds_parts(o, t):
        return o
    if _holds_parts(t, o):
        return t
    # Both went on from the same text (notes are mostly typed at the end): that text once,
    # then ours, then what the other side added, so notes do not grow a copy per merge.
    theirs = t
    if isinstance(b, str) and b.strip() and o.startswith(b) and t.startswith(b):
        theirs = t[len(b) :].strip("\n")
        if _holds_parts(o, theirs, after_first=True):
            return o
    record.context.report.texts_kept_both.append(f"{record.label}: {path}")
    # Ours exactly as typed (a trailing space too), then a blank line and the marker.
    return f"{o}{'' if o.endswith(chr(10)) else chr(10)}\n{marker_line(record.context.other_label)}\n{theirs}"


def _parts(text: str) -> list[str]:
    return [part.strip() for part in _MARKER_BETWEEN.split(text)]


def _holds_parts(text: str, other: str, *, after_first: bool = False) -> bool:
    """Whether `other`'s parts (texts joined by earlier merges) run, in order, inside
    `text`'s (with `after_first`, among the parts an earlier merge added)."""
    if _MARKER_BETWEEN.search(text) is None:
        return False  # no earlier merge in it (equal texts were taken before this)
    whole, wanted = _parts(text), _parts(other)
    first = 1 if after_first else 0
    return any(whole[start : start + len(wanted)] == wanted for start in range(first, len(whole) - len(wanted) + 1))


def _newer_wins(
    table: str, label: str, o: Any, t: Any, path: str, context: _Context, ours_newer: bool | None = None
) -> Any:
    if ours_newer is None:
        # The same moment on both sides: any rule will do as long as both machines agree.
        ours_newer = _canonical(o) >= _canonical(t)
    kept, lost = (o, t) if ours_newer else (t, o)
    context.report.lost_values.append(LostValue(table, label, path or "(whole record)", kept, lost))
    return kept


def _merge_list(b: list[Any], o: list[Any], t: list[Any], path: str, record: _RecordContext) -> list[Any]:
    if _all_have_ids(o) and _all_have_ids(t) and _all_have_ids(b):
        return _merge_records_by_id(b, o, t, path, record)
    return _merge_as_set(b, o, t)


def _all_have_ids(items: list[Any]) -> bool:
    return all(isinstance(item, dict) and isinstance(item.get("id"), str) for item in items)


def _merge_records_by_id(b: list[Any], o: list[Any], t: list[Any], path: str, record: _RecordContext) -> list[Any]:
    base = {item["id"]: item for item in b}
    ours = {item["id"]: item for item in o}
    theirs = {item["id"]: item for item in t}
    merged: list[Any] = []
    for item_id in _ordered_union(ours, theirs):
        bi, oi, ti = base.get(item_id, MISSING), ours.get(item_id, MISSING), theirs.get(item_id, MISSING)
        value = _merge_field("", bi, oi, ti, f"{path}[{item_id}]", record) if not _same(oi, ti) else oi
        if value is MISSING:
            continue  # deleted on one side, untouched on the other
        if (oi is MISSING or ti is MISSING) and bi is not MISSING:
            record.context.report.kept_despite_deletion.append(f"{record.label}: {path} item")
        merged.append(value)
    return merged


def _merge_as_set(b: list[Any], o: list[Any], t: list[Any]) -> list[Any]:
    """Items kept on both sides or added on either; one removed on either side stays
    removed. Items are compared whole, as a set: the same email added on both machines
    is one email, and a merge repeated changes nothing."""
    base = {_canonical(item) for item in b}
    ours = {_canonical(item) for item in o}
    theirs = {_canonical(item) for item in t}
    merged: list[Any] = []
    taken: set[bytes] = set()
    for item in [*o, *t]:
        key = _canonical(item)
        wanted = (key in ours and key in theirs) if key in base else True
        if wanted and key not in taken:
            taken.add(key)
            merged.append(item)
    return _in_time_order(merged)


def _in_time_order(items: list[Any]) -> list[Any]:
    time_key = _time_key_of(items)
    if time_key is None:
        return items
    return sorted(items, key=time_key)  # stable: equal moments keep ours-then-theirs order


def _time_key_of(items: list[Any]) -> Callable[[Any], Any] | None:
    for name in _TIME_KEYS:
        if items and all(isinstance(item, dict) and name in item for item in items):
            values = [item[name] for item in items]
            if all(_is_number(value) for value in values):
                return lambda item: item[name]
            if all(_moment(value) is not None for value in values):
                return lambda item: _moment(item[name])
    return None
