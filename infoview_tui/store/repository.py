"""Typed access to the database: domain objects in, domain objects out.

Records are found by their own `id` (a uuid), never by TinyDB's row numbers. A stored
record that no longer fits the model (hand-edited, say) is skipped when listing and
reported in `skipped_records`; its raw form stays in the file untouched. What could not
be kept at all (a record that is a number, a table stored as a list, a record without an
id or with another's) was put right when the file was read (`store/validate.py`), and
`problems_to_report` says what, for the user.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from tinydb import Query, TinyDB
from tinydb.queries import QueryLike
from tinydb.table import Document

from ..domain.model import (
    Contact,
    Curiosity,
    Interview,
    InterviewStatus,
    Reaction,
    ReactionKind,
    Settings,
    Value,
    utc_now,
)
from ..domain.records import RecordError, from_record, to_record
from ..domain.text import clean_text
from .schema import CONTACTS, CURIOSITIES, INTERVIEWS, RECORD_TABLES, SETTINGS, VALUES
from .serialise import rescue_bytes
from .storage import DatabaseFile, MemoryStorage, SaveResult, settings_at_the_top
from .tinydb_table import RecordTable
from .validate import TABLES_WITH_IDS, give_ids

if TYPE_CHECKING:  # merging loads when a merge happens, not on the way to the first frame (issue #14)
    from .merging import MergeReport

T = TypeVar("T")

_HEAVY_INTERVIEW_FIELDS = frozenset({"questions", "question_notes", "free_notes", "reactions", "reflection"})
_UNWRITTEN_INTERVIEW_FIELDS = frozenset({"reactions", "referrals"})  # no words of the user's to search
_REACTIONS = frozenset({"reactions"})  # built apart, when plainly well-formed (_plain_reactions)


_REACTION_KINDS = {kind.value: kind for kind in ReactionKind}


def _plain_reactions(stored: Any) -> list[Reaction] | None:
    """Stored reactions built without the generic reader (~2-3x quicker), or None when one is
    not plainly well-formed (then the generic reader builds them, or says what is wrong)."""
    if not isinstance(stored, list):
        return None
    reactions: list[Reaction] = []
    for item in stored:
        if not isinstance(item, dict):
            return None
        kind, value, offset = item.get("kind"), item.get("value"), item.get("offset_seconds")
        question = item.get("question_id")
        if (
            type(kind) is not str
            or kind not in _REACTION_KINDS
            or type(value) is not int
            or isinstance(offset, bool)
            or not isinstance(offset, (int, float))
            or not (question is None or type(question) is str)
        ):
            return None
        try:
            reactions.append(Reaction(_REACTION_KINDS[kind], value, float(offset), question))
        except ValueError:  # out of range: the generic reader words it
            return None
    return reactions


def _replaced(stored: Mapping[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """A new dict for a stored record: the record's fields, and the stored keys this
    version does not know (a newer infoview's, a hand edit's) kept as they were."""
    return {**stored, **record}


_FULL = "full"
_PEAKS = "peaks"
_PEAK_KINDS = (ReactionKind.RESONANCE.value, ReactionKind.DISSONANCE.value)


def _view_name(leave_out: frozenset[str]) -> str:
    return "without " + ",".join(sorted(leave_out)) if leave_out else _FULL


def _peaks_of(raw: Mapping[str, Any]) -> tuple[str, tuple[int | None, int | None]] | None:
    """An interview's id and highest resonance and dissonance, from its stored reactions."""
    if not isinstance(raw.get("id"), str):
        return None
    highest: dict[str, int] = {}
    reactions = raw.get("reactions")
    for reaction in reactions if isinstance(reactions, list) else ():
        if not isinstance(reaction, dict):
            continue
        kind, value = reaction.get("kind"), reaction.get("value")
        if kind in _PEAK_KINDS and isinstance(value, int) and (kind not in highest or value > highest[kind]):
            highest[kind] = value
    return raw["id"], (highest.get(_PEAK_KINDS[0]), highest.get(_PEAK_KINDS[1]))


@dataclass(frozen=True)
class _View(Generic[T]):
    """One way of reading a table's records into objects (in full, an outline, the peaks...):
    its objects are kept apart from those of the table's other views."""

    table: str
    name: str
    build: Callable[[Mapping[str, Any]], T | None]  # None: the record is left out

    @property
    def key(self) -> tuple[str, str]:
        return self.table, self.name


_PEAKS_VIEW = _View(INTERVIEWS, _PEAKS, _peaks_of)


class Repository:
    def __init__(self, database_file: DatabaseFile) -> None:
        self.file = database_file
        self.db = TinyDB(storage=lambda: MemoryStorage(database_file))
        self.db.table_class = RecordTable  # TinyDB's extension point: records replaced, never edited in place
        self.skipped_records: list[str] = []  # each said once, however often the table is listed
        # table -> record id -> TinyDB row number; a hint, checked on every use (imports,
        # restores and reloads from disk change rows behind its back).
        self._rows: dict[str, dict[str, int]] = {}
        # How often each table changed in memory, and how often the whole data did (a
        # reload or a merge): screens compare `generation()` to skip rebuilding what they show.
        self._table_changes: dict[str, int] = dict.fromkeys(RECORD_TABLES, 0)
        self._whole_data_changes = 0
        # Objects built from stored records, kept while their records stay the same dicts
        # (records are replaced, never edited in place): (table, view) -> row -> (the stored
        # dict, the object or None if it does not fit the model). A dict once kept here is
        # never changed, only replaced, so a build in a thread (search) and one on the loop
        # never trip over each other; at worst both build the same record.
        self._built_records: dict[tuple[str, str], dict[str, tuple[Mapping[str, Any], Any]]] = {}
        # (table, view) -> (the stored table it was built from, its objects in order).
        self._built_lists: dict[tuple[str, str], tuple[Mapping[str, Any], list[Any]]] = {}
        database_file.on_replaced = self._forget_cached_reads  # a merge replaced every table

    @classmethod
    def open(cls, path: Path, *, on_dirty: Callable[[], None] | None = None, load: bool = True) -> Repository:
        """The database at `path`, locked (created if there is none) and read. With
        `load=False` an existing file is only locked: nothing may be read or written
        until `load()` (the app reads a big file after its first frame)."""
        database_file = DatabaseFile(path, on_dirty=on_dirty)
        database_file.open(load=load)
        return cls(database_file)

    @property
    def loaded(self) -> bool:
        return self.file.loaded

    def theme_before_reading(self) -> str | None:
        """The theme the settings name, from the file's first bytes alone (`open(load=False)`:
        the first frame of a big file is drawn in it, before the file is read). None if not
        found there; `settings()` is the word once the file is read."""
        record = settings_at_the_top(self.path)
        theme = record.get("theme") if record is not None else None
        return theme if isinstance(theme, str) else None

    def load(self) -> None:
        """Read the file `open(load=False)` locked; StoreError (the lock let go) if it cannot be used."""
        if self.file.loaded:
            return
        self.file.load()
        self._forget_cached_reads()  # anything read before saw no records

    @property
    def path(self) -> Path:
        return self.file.path

    def together(self) -> AbstractContextManager[None]:
        """Several saves as one edit: a background save sees all of them or none."""
        return self.file.editing()

    def generation(self, *tables: str) -> int:
        """A number that grows whenever any of these tables (all tables if none named) changes in memory:
        every write through the repository, a reload from disk, a merge of another copy or of a conflict copy,
        a restore of records. Equal numbers mean nothing these tables hold changed.

        (The file's own bookkeeping in `_meta`, stamped by every save, is no table of records and not counted.)"""
        named = tables or tuple(self._table_changes)
        return self._whole_data_changes + sum(self._table_changes.get(table, 0) for table in named)

    def _changed(self, table: str) -> None:
        self._table_changes[table] = self._table_changes.get(table, 0) + 1

    # --- generic ----------------------------------------------------------------------

    def _all(
        self, table: str, cls: type[T], condition: QueryLike | None = None, leave_out: frozenset[str] = frozenset()
    ) -> list[T]:
        """The table's records as objects; with a condition, only those it matches are built;
        fields in `leave_out` are not read (they keep their defaults). Without a condition
        the objects are built once per record and shared: never edit one in place (every
        change goes through `dataclasses.replace` and a save)."""
        if condition is not None:
            items: list[T] = []
            for raw in self.db.table(table).search(condition):
                built = self._build_or_skip(table, cls, leave_out, raw)
                if built is not None:
                    items.append(built)
            return items
        return self._built_from(self._view(table, cls, leave_out))

    def _view(self, table: str, cls: type[T], leave_out: frozenset[str] = frozenset()) -> _View[T]:
        return _View(table, _view_name(leave_out), partial(self._build_or_skip, table, cls, leave_out))

    def _build_or_skip(self, table: str, cls: type[T], leave_out: frozenset[str], raw: Mapping[str, Any]) -> T | None:
        try:
            return from_record(cls, {k: v for k, v in raw.items() if k not in leave_out} if leave_out else raw)
        except RecordError as error:
            self._skip(f"{table}: {error}")
            return None

    def _built_from(self, view: _View[T]) -> list[T]:
        """Every record of the view's table as it builds them (None: left out), in stored order;
        a record is built again only when it changed. The same table as last time costs one
        copy of a list."""
        stored = self._table(view.table).stored_records()
        ready = self._ready(view, stored)
        if ready is not None:
            return list(ready)
        # This build's own list, not the shared one read again: the search index's thread may
        # keep an older table's list there meanwhile.
        builder = self._building(view, stored)
        while True:
            try:
                next(builder)
            except StopIteration as finished:
                return list(finished.value)

    def _ready(self, view: _View[T], stored: Mapping[str, Any]) -> list[T] | None:
        """The view's objects when they were built from this very table, else None."""
        built = self._built_lists.get(view.key)
        return built[1] if built is not None and built[0] is stored else None

    def _building(
        self, view: _View[T], stored: Mapping[str, Any], pause_every: int = 0
    ) -> Generator[None, None, list[T]]:
        """Build what is not built yet of `stored`, pausing (a yield) after every `pause_every`
        records built (0: never); what is built is kept at the end, and returned."""
        before = self._built_records.get(view.key, {})
        now: dict[str, tuple[Mapping[str, Any], Any]] = {}
        items: list[T] = []
        built_here = 0
        for row, raw in stored.items():
            kept = before.get(row)
            if kept is None or kept[0] is not raw:
                kept = (raw, view.build(raw))
                built_here += 1
                if pause_every and built_here % pause_every == 0:
                    yield
            now[row] = kept
            if kept[1] is not None:
                items.append(kept[1])
        self._built_records[view.key] = now
        self._built_lists[view.key] = (stored, items)
        return items

    def _skip(self, line: str) -> None:
        if line not in self.skipped_records:
            self.skipped_records.append(line)

    def problems_to_report(self) -> list[str]:
        """What the user should hear about the file: what reading it put right, and the
        records listed so far that do not fit the model (skipped, kept in the file)."""
        lines = [*self.file.load_warnings, *(f"skipped {line}" for line in self.skipped_records)]
        return [clean_text(line) for line in lines]  # they quote names and values from the file

    def _stored(self, table: str, record_id: str) -> Document | None:
        """The stored record with this id (with its TinyDB row, `doc_id`), found without
        a query over the whole table: the session saves the interview on every key
        typed, and a query over 500 interviews was most of the time a key took (1.8 ms)."""
        rows = self._rows.setdefault(table, {})
        row = rows.get(record_id)
        if row is not None:
            document = self.db.table(table).get(doc_id=row)
            if document is not None and document.get("id") == record_id:
                return document
        rows.clear()
        found = None
        for document in self.db.table(table).all():
            document_id = document.get("id")
            if isinstance(document_id, str):
                rows[document_id] = document.doc_id
            if document_id == record_id:
                found = document
        return found

    def _table(self, name: str) -> RecordTable:
        table = self.db.table(name)
        assert isinstance(table, RecordTable)  # every table of self.db is one (table_class)
        return table

    def _get(self, table: str, cls: type[T], record_id: str) -> T | None:
        raw = self._stored(table, record_id)
        return from_record(cls, raw) if raw is not None else None

    def _put(self, table: str, record: Any) -> None:
        with self.file.editing():
            stored = self._stored(table, record.id)
            if stored is None:
                self._rows[table][record.id] = self._table(table).edit(add=[to_record(record)])[0]
            else:
                self._replace(table, stored.doc_id, to_record(record))
            self._changed(table)

    def _replace(self, table: str, row: int, record: dict[str, Any]) -> None:
        """Store `record` in `row` as a new dict, keeping keys this version does not know.
        Never TinyDB's update(), which edits the stored dict in place: a save in progress
        reads the documents it captured, and they must not change under it (see
        DatabaseFile.capture and store/tinydb_table.py)."""
        self._table(table).edit(lambda stored: _replaced(stored, record), rows=[row])

    def _remove(self, table: str, record_id: str) -> bool:
        stored = self._stored(table, record_id)
        if stored is None:
            return False
        with self.file.editing():
            self.db.table(table).remove(doc_ids=[stored.doc_id])
            self._changed(table)
        return True

    # --- contacts ---------------------------------------------------------------------

    def contacts(self) -> list[Contact]:
        return self._all(CONTACTS, Contact)

    def contact(self, contact_id: str) -> Contact | None:
        return self._get(CONTACTS, Contact, contact_id)

    def save_contact(self, contact: Contact) -> Contact:
        saved = replace(contact, updated=utc_now())
        self._put(CONTACTS, saved)
        return saved

    def add_and_update_contacts(self, added: list[dict[str, Any]], updated: list[Contact]) -> None:
        """An import's edit, one pass over the table: new contacts as ready records
        (`merge.new_contact_records`), known contacts with what they gained. (An upsert
        per row made 10,000 rows quadratic; TinyDB's insert_multiple copies and checks
        each record, a fifth of the import.)"""
        now = utc_now().isoformat()
        changed = {contact.id: to_record(contact) for contact in updated}
        for record in (*added, *changed.values()):
            record["updated"] = now

        def with_import(stored: Mapping[str, Any]) -> dict[str, Any] | None:
            record_id = stored.get("id")
            gained = changed.get(record_id) if isinstance(record_id, str) else None
            return None if gained is None else _replaced(stored, gained)

        if not (added or changed):
            return
        with self.file.editing():
            self._table(CONTACTS).edit(with_import if changed else None, add=added)
            self._changed(CONTACTS)

    def restore_records(self, table_name: str, records: list[dict[str, Any]]) -> tuple[int, int]:
        """Records from a backup whose id is not here yet: (added, already there). Ids are
        made sound first (`validate.give_ids`; `formats.backup.parse` has done it and said
        so): a record without one would get a new id on every read, and two with one id
        would overwrite each other."""
        if table_name in TABLES_WITH_IDS:
            records = [record for _, record in give_ids(table_name, enumerate(records, start=1)).records]
        table = self.db.table(table_name)
        present = {document.get("id") for document in table.all()}
        fresh = [record for record in records if record.get("id") not in present]
        if fresh:
            with self.file.editing():
                self._table(table_name).edit(add=[dict(record) for record in fresh])  # copies: the caller keeps its own
                self._changed(table_name)
        return len(fresh), len(records) - len(fresh)

    def has_settings(self) -> bool:
        return len(self.db.table(SETTINGS)) > 0

    def backup_bytes(self) -> bytes:
        """The whole database as stored, as the bytes of a backup file."""
        return self.file.snapshot_bytes()

    def emergency_bytes(self) -> tuple[bytes, list[str]]:
        """The whole database as a backup file's bytes even when a save could not serialise
        it (the emergency copy after a failed save): (bytes, the records that could not be
        written at all, in words). See `serialise.rescue_bytes`."""
        return rescue_bytes(dict(self.file.data))

    def delete_contact(self, contact_id: str) -> bool:
        """Delete a contact. Their interviews stay, labelled with their name; people they
        referred stay too, without the link."""
        contact = self.contact(contact_id)
        if contact is None:
            return False
        for interview in self.interviews():
            if interview.contact_id == contact_id:
                self.save_interview(replace(interview, contact_name=contact.name))
        for other in self.contacts():
            if other.referred_by == contact_id:
                self.save_contact(replace(other, referred_by=None))
        return self._remove(CONTACTS, contact_id)

    def interviews_with(self, contact_id: str) -> list[Interview]:
        return [interview for interview in self.interviews() if interview.contact_id == contact_id]

    def count_contacts(self) -> int:
        return len(self.db.table(CONTACTS))

    # --- curiosities ------------------------------------------------------------------

    def curiosities(self) -> list[Curiosity]:
        return self._all(CURIOSITIES, Curiosity)

    def save_curiosity(self, curiosity: Curiosity) -> Curiosity:
        self._put(CURIOSITIES, curiosity)
        return curiosity

    def delete_curiosity(self, curiosity_id: str) -> bool:
        """Delete a curiosity; the contacts tied to it lose only that tie."""
        with self.file.editing():
            for contact in self.contacts():
                if curiosity_id in contact.curiosity_ids:
                    kept = [cid for cid in contact.curiosity_ids if cid != curiosity_id]
                    self.save_contact(replace(contact, curiosity_ids=kept))
            return self._remove(CURIOSITIES, curiosity_id)

    # --- interviews -------------------------------------------------------------------

    def interviews(self) -> list[Interview]:
        """Every interview in full, each built once per change of its record (500 with 30,000
        reactions take 110-170 ms to build): Insights, its comparison, and Insights rebuilt
        after a contact or one interview changed read the others again for free."""
        return self._built_from(self._interviews_in_full())

    def _interviews_in_full(self) -> _View[Interview]:
        return _View(INTERVIEWS, _FULL, self._build_interview)

    def _build_interview(self, raw: Mapping[str, Any]) -> Interview | None:
        """As `_all`, with the reactions built straight from their stored form when they are
        plainly well-formed (most of the build: 30,000 in a heavy file); any other goes
        through the generic reader, which says what is wrong."""
        reactions = _plain_reactions(raw.get("reactions", []))
        if reactions is None:
            return self._build_or_skip(INTERVIEWS, Interview, frozenset(), raw)
        interview = self._build_or_skip(INTERVIEWS, Interview, _REACTIONS, raw)
        if interview is not None:
            interview.reactions = reactions
        return interview

    def interview_outlines(self) -> list[Interview]:
        """Every interview without its notes, reactions and reflection (those stay empty):
        enough for follow-ups and lists, and ~10x cheaper than `interviews()` on a heavy
        file (500 interviews with 30,000 reactions took 230 ms to build in full)."""
        return self._all(INTERVIEWS, Interview, leave_out=_HEAVY_INTERVIEW_FIELDS)

    def interview_writings(self) -> list[Interview]:
        """Every interview with what was written in it (questions, notes, the reflection) but
        without its reactions and referrals (left empty): what search reads, ~10x cheaper than
        `interviews()` on a heavy file (100-150 ms against 12-16 ms for 500 interviews)."""
        return self._all(INTERVIEWS, Interview, leave_out=_UNWRITTEN_INTERVIEW_FIELDS)

    def warm_up(self, pause_every: int = 100) -> Iterator[None]:
        """Build ahead what the main screens read, pausing after every `pause_every` records
        so the app can run it in slices while the user reads the first screen: the people
        (Network, Interviews, Search), the interviews' outlines and peaks (Interviews), in
        full (Insights) and their writings (Search). What is built stays true until its
        record changes; one built here is not built again when a screen asks."""
        views: list[_View[Any]] = [
            self._view(CONTACTS, Contact),
            self._view(INTERVIEWS, Interview, _HEAVY_INTERVIEW_FIELDS),
            _PEAKS_VIEW,
            self._interviews_in_full(),
            self._view(INTERVIEWS, Interview, _UNWRITTEN_INTERVIEW_FIELDS),
            self._view(CURIOSITIES, Curiosity),
        ]
        for view in views:
            stored = self._table(view.table).stored_records()
            if self._ready(view, stored) is None:
                yield from self._building(view, stored, pause_every)
            yield

    def reaction_peaks(self) -> dict[str, tuple[int | None, int | None]]:
        """Per interview id, the highest resonance and dissonance its sliders reached (None:
        never moved), as `Interview.peak` gives them, read off the stored reactions without
        building them: a list of outlines needs only these (500 interviews hold ~30,000)."""
        return dict(self._built_from(_PEAKS_VIEW))

    def interview(self, interview_id: str) -> Interview | None:
        return self._get(INTERVIEWS, Interview, interview_id)

    def save_interview(self, interview: Interview) -> Interview:
        saved = replace(interview, updated=utc_now())
        self._put(INTERVIEWS, saved)
        return saved

    def delete_interview(self, interview_id: str) -> bool:
        """Delete one interview record. The people its referrals added stay in the network
        (they are contacts of their own); moving the interviewee's stage back is the
        caller's (domain.stages.stage_before_interview)."""
        return self._remove(INTERVIEWS, interview_id)

    def latest_finished_interview(self) -> Interview | None:
        """The most recent finished conversation, found on the stored records (ISO-8601
        UTC text sorts in time order) so only one object is built."""
        finished = [
            raw for raw in self.db.table(INTERVIEWS).all()
            if raw.get("status") == InterviewStatus.DONE.value and isinstance(raw.get("finished_at"), str)
        ]  # fmt: skip
        if not finished:
            return None
        latest = max(finished, key=lambda raw: datetime.fromisoformat(raw["finished_at"]))
        try:
            return from_record(Interview, latest)
        except RecordError:
            return None

    def interviews_where(self, status: InterviewStatus, contact_id: str | None = None) -> list[Interview]:
        """Filtered on the stored records, so only the matching ones become objects (the
        app asks this at start-up; building all 500 interviews takes ~80 ms)."""
        matching = Query().status == status.value
        if contact_id is not None:
            matching &= Query().contact_id == contact_id
        return self._all(INTERVIEWS, Interview, matching)

    def planned_interview(self, contact_id: str) -> Interview | None:
        """The next conversation planned with this person: the earliest, one without a time last."""
        planned = self.interviews_where(InterviewStatus.PLANNED, contact_id)
        far_future = datetime.max.replace(tzinfo=UTC)
        return min(planned, key=lambda interview: interview.scheduled_at or far_future, default=None)

    def count_interviews(self, status: InterviewStatus | None = None) -> int:
        table = self.db.table(INTERVIEWS)
        if status is None:
            return len(table)
        return table.count(Query().status == status.value)

    # --- values -----------------------------------------------------------------------

    def values(self) -> list[Value]:
        """In the user's order (retired ones too; callers leave them out where they must)."""
        return sorted(self._all(VALUES, Value), key=lambda value: value.position)

    def save_value(self, value: Value) -> Value:
        self._put(VALUES, value)
        return value

    # --- settings (one record) --------------------------------------------------------

    def settings(self) -> Settings:
        records = self.db.table(SETTINGS).all()
        if not records:
            return Settings()
        try:
            return from_record(Settings, records[0])
        except RecordError as error:
            self._skip(f"settings: {error}")
            return Settings()

    def save_settings(self, settings: Settings) -> Settings:
        table = self.db.table(SETTINGS)
        record = to_record(settings)
        with self.file.editing():
            if len(table):
                self._replace(SETTINGS, table.all()[0].doc_id, record)
            else:
                self._table(SETTINGS).edit(add=[record])
            self._changed(SETTINGS)
        return settings

    # --- the file ---------------------------------------------------------------------

    def flush(self) -> SaveResult:
        return self.file.flush()

    def reload_from_disk(self) -> None:
        """After a conflict: continue with the version on disk."""
        self.file.keep_disk_version()
        self._forget_cached_reads()

    def merge_from_disk(self) -> MergeReport | None:
        """Another machine's save is on disk: merge it into ours, record by record (None:
        the file cannot be read as infoview's; the caller keeps ours in a conflict copy)."""
        return self.file.merge_disk_version()

    def absorb_conflict_copies(self) -> list[tuple[Path, MergeReport | str]]:
        """Sync tools' conflict copies beside the file, merged in (moved to the backups
        once that is saved)."""
        return self.file.absorb_conflict_copies()

    def _forget_cached_reads(self) -> None:
        # Every table may hold other records now: TinyDB's query cache and our row hints
        # describe the old ones. (New rows are numbered from the rows there: RecordTable.edit.)
        for name in {*RECORD_TABLES, *self.db.tables()}:
            self.db.table(name).clear_cache()
        self._rows.clear()
        self._whole_data_changes += 1

    def close(self, *, save: bool = True) -> SaveResult:
        # The objects built from the records go now, not when a collection finds the closed
        # repository (it and its file refer to each other): a process that opens one file
        # after another (an import in the CLI, the tests, the benchmarks) kept them all.
        self._built_records.clear()
        self._built_lists.clear()
        return self.file.close(save=save)
