"""The crash-safe database file, and the TinyDB storage that keeps it in memory.

Why it is built this way (measured on a 6.8 MB file, see ARCHITECTURE.md): TinyDB's
stock JSONStorage rewrites the file in place on every update (~200 ms) and a kill
mid-write leaves it unreadable. Here:

* the data lives in memory; TinyDB reads and writes that dict, never the disk;
* a save writes a captured state (`capture()`: between two edits, a shallow copy that
  later edits do not reach into; see `Snapshot`) to a temp file in the same folder,
  fsyncs it, `os.replace`s it over the database and fsyncs the folder, so the file on
  disk is always the old or the new state whole; an older capture is never written
  over a newer one;
* before replacing, it checks the file is the one we last read or wrote. If infoview on
  another machine saved it (a synced folder), the save says "merge": the caller merges
  that version in record by record (`merge_disk_version`, store/merging.py) between two
  edits and saves again. If another program put something unreadable there, ours goes
  to a conflict copy beside it and the user chooses; both versions survive;
* a file that does not parse, or is not ours, is never written to;
* every save counts up this opening's entry in the file's version vector
  (store/lineage.py), so copies can tell what they share.

`flush()` captures, serialises and writes at once (quit, signals, the CLI). The app's
background save captures on the event loop, serialises there in ~1 ms slices
(store/serialise.py makes ~64 KB pieces) and hands the pieces to `write_snapshot` in a
thread, so the event loop is never held up for long.
"""

from __future__ import annotations

import itertools
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from tinydb.storages import Storage

from ..paths import describe_non_file, make_private_folders, name_too_long, real_path
from . import backups, lineage, local_base, validate
from .errors import DatabaseUnreadable, FolderNotWritable
from .lock import DatabaseLock
from .schema import (
    CURRENT_SCHEMA,
    META_TABLE,
    SETTINGS,
    fresh_database,
    is_infoview_database,
    migrate,
    schema_of,
    schema_problem,
)
from .serialise import pieces

if TYPE_CHECKING:  # merging and syncing load when a merge happens, not on the way to the first frame (issue #14)
    from .merging import MergeReport

Payload = list[bytes | memoryview]  # a file's bytes as the pieces they were made in


@dataclass(frozen=True)
class DiskSignature:
    """Enough of `stat()` to notice that someone else rewrote the file."""

    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> DiskSignature | None:
        try:
            stat = path.stat()
        except FileNotFoundError:
            return None
        return cls(stat.st_ino, stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True)
class SaveResult:
    status: str  # "saved" | "unchanged" | "conflict" | "merge" (the file changed on disk: merge it in, then save again)
    conflict_copy: Path | None = None
    bytes_written: int = 0


def _now() -> datetime:
    return datetime.now().astimezone()


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable (the folder's own entry list)."""
    if os.name != "posix":  # pragma: no cover - folders cannot be opened on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_IOV_MAX = os.sysconf("SC_IOV_MAX") if hasattr(os, "sysconf") else 16


def _write_all(fd: int, payload: Sequence[bytes | memoryview]) -> None:
    """Every byte of the pieces, in order: a few writev calls rather than a call per
    piece or one 10 MB join (the join would hold the GIL; writev lets go of it)."""
    pending = [memoryview(piece) for piece in payload if len(piece)]
    while pending:
        written = os.writev(fd, pending[:_IOV_MAX])
        done = 0
        while done < len(pending) and written >= len(pending[done]):
            written -= len(pending[done])
            done += 1
        del pending[:done]
        if pending and written:
            pending[0] = pending[0][written:]


_temp_numbers = itertools.count(1)
_NAME_MAX_BYTES = 255  # most file systems


def _temp_path_for(path: Path) -> Path:
    """`.NAME.<pid>.<n>.tmp` beside `path`: unique per process and per write (two threads
    may write at once), short enough to fit wherever NAME fits with a few bytes to spare
    (a thread id would add 15 digits); NAME is cut for names longer than that."""
    suffix = f".{os.getpid()}.{next(_temp_numbers)}.tmp".encode()
    name = os.fsencode(path.name)[: _NAME_MAX_BYTES - 1 - len(suffix)]
    return path.with_name(os.fsdecode(b"." + name + suffix))


def write_atomically(path: Path, payload: bytes | Sequence[bytes | memoryview]) -> None:
    """Write `payload` (bytes, or pieces written in turn) as `path` so that a crash at
    any instant leaves old or new, whole."""
    temporary = _temp_path_for(path)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        _write_all(fd, [payload] if isinstance(payload, bytes) else payload)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        temporary.unlink(missing_ok=True)
        raise
    os.close(fd)
    os.replace(temporary, path)
    fsync_folder(path.parent)


@dataclass(frozen=True)
class Snapshot:
    """The database at one moment, to save while editing goes on.

    `tables` is a shallow copy of the top level, and stays that moment's state without
    copying 10 MB: TinyDB gives a table a new dict on every write, and the repository
    replaces a changed document with a new dict, never edits one in place
    (`Repository._replace`, store/tinydb_table.py; tests/unit/test_tinydb_table.py
    fails if a TinyDB upgrade stops doing so)."""

    generation: int
    tables: dict[str, Any]

    def pieces(self) -> Iterator[bytes | memoryview]:
        return pieces(self.tables)


def classify_unreadable(path: Path, raw: bytes) -> tuple[str, str] | None:
    """(kind, explanation) for bytes that are not a usable database, else None."""
    return examine(path, raw)[0]


def examine(path: Path, raw: bytes) -> tuple[tuple[str, str] | None, dict[str, Any]]:
    """(problem, data) from one parse of the file's bytes: what `classify_unreadable`
    says, and the data when there is no problem (one parse, not two, of 10 MB).

    A file infoview could never save again is refused here too (data nested deeper than
    orjson writes): dropping the record would lose someone's data, and the message names
    the record and the field to edit. Records of the wrong shape are no reason to refuse
    the file; `validate.repair_database` sets them aside."""
    if not raw.strip():
        return (
            "empty",
            f"{path} is empty ({len(raw)} bytes). infoview never saves an empty file; something else emptied it.",
        ), {}
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        if "depth limit" in error.msg:
            return ("too_deep", f"{path} holds data nested more than 1024 levels deep, which no infoview writes "
                    "(edited by hand, or by another program?)."), {}  # fmt: skip
        if error.pos >= len(raw.rstrip()) - 1 or "EOF" in error.msg:
            return ("truncated", (
                f"{path} is cut short: its data stops at byte {len(raw):,} in the middle of a record "
                "(a copy or sync that did not finish?)."
            )), {}  # fmt: skip
        return (
            "corrupt",
            f"{path} is damaged: not valid JSON at line {error.lineno}, column {error.colno} ({error.msg}).",
        ), {}
    if not is_infoview_database(data):
        return ("foreign", f"{path} is a JSON file of some other program, not an infoview database."), {}
    problem = schema_problem(data)
    if problem is not None:
        return ("schema", f"{path} is an infoview database, but {problem}. infoview writes \"schema\": {CURRENT_SCHEMA} "
                "in its _meta record; if the file was edited by hand, put that back."), {}  # fmt: skip
    version = schema_of(data)
    if version > CURRENT_SCHEMA:
        return (
            "newer",
            f"{path} was written by a newer infoview (file schema {version}; this version reads up to {CURRENT_SCHEMA}).",
        ), {}
    too_deep = validate.too_deep_in_database(data)
    if too_deep is not None:
        return ("too_deep", f"{path} cannot be used as it is: {too_deep}. infoview could never save it again. "
                "Edit that field in the file (no infoview nests data so deep), or restore a backup."), {}  # fmt: skip
    return None, data


def _settings_first(data: dict[str, Any]) -> dict[str, Any]:
    """The tables in the order they are written: `_meta`, then the settings, then the rest as
    they are. The settings are then in the file's first few kB, where `settings_at_the_top`
    finds the theme of a big file without reading all of it."""
    first = {name: data[name] for name in (META_TABLE, SETTINGS) if name in data}
    return {**first, **data}


# How far into the file `settings_at_the_top` looks: the settings record (question sets,
# templates, the brainstorm) is a few kB; a record larger than this is simply not found.
SETTINGS_LOOKED_FOR_WITHIN_BYTES = 256 * 1024


def settings_at_the_top(path: Path) -> dict[str, Any] | None:
    """The settings record, if the file begins with `_meta` and the settings as infoview
    writes them (`_settings_first`), read from its first bytes alone: what the first frame of
    a big file needs (the theme) before the file is read. None if it is not found there (a
    file saved by an older infoview, or edited by hand): the file's reading then tells."""
    import json  # (loaded with tinydb anyway) its raw_decode reads one value and says where it ends

    try:
        with path.open("rb") as file:
            head = file.read(SETTINGS_LOOKED_FOR_WITHIN_BYTES).decode("utf-8", errors="replace")
        decoder = json.JSONDecoder()
        position = _past_space(head, 0)
        if head[position : position + 1] != "{":
            return None
        position += 1
        tables: dict[str, Any] = {}
        for expected in (META_TABLE, SETTINGS):
            name, position = decoder.raw_decode(head, _past_space(head, position))
            position = _past_space(head, position)
            if name != expected or head[position : position + 1] != ":":
                return None  # (not the contacts' megabytes read in vain)
            tables[name], position = decoder.raw_decode(head, _past_space(head, position + 1))
            position = _past_space(head, position)
            if head[position : position + 1] != ",":
                return None
            position += 1
    except (OSError, ValueError, RecursionError):  # not JSON as infoview writes it
        return None
    settings = tables.get(SETTINGS)
    if not is_infoview_database(tables) or not isinstance(settings, dict) or len(settings) != 1:
        return None
    (record,) = settings.values()
    return record if isinstance(record, dict) else None


def _past_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _without_meta(data: dict[str, Any]) -> dict[str, Any]:
    return {table: records for table, records in data.items() if table != META_TABLE}


def _why_not_mergeable(error: DatabaseUnreadable) -> str:
    """Why a file named like a conflict copy was not merged, short enough for a notice."""
    return {
        "empty": "it is empty",
        "truncated": "it is cut short (a sync still under way?)",
        "corrupt": "it is not an infoview database (not JSON)",
        "foreign": "it is not an infoview database",
        "newer": "a newer infoview wrote it; update infoview to merge it",
        "not_a_file": "it is not a file",
        "permission": "infoview may not read it",
    }.get(error.kind, str(error).splitlines()[0])


def read_other_copy(path: Path) -> tuple[dict[str, Any], bytes]:
    """Another copy of a database (the file another machine saved, a sync tool's conflict
    copy, `infoview merge FILE`), checked and repaired as the database is when opened.
    DatabaseUnreadable says why it cannot be merged."""
    what = describe_non_file(path)
    if what is not None:  # never opened: a named pipe would wait for a writer forever
        raise DatabaseUnreadable(path, "not_a_file", f"{path} is {what}, not a file.", None)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DatabaseUnreadable(
            path, "permission", f"infoview cannot read {path} ({error.strerror or error}).", None
        ) from error
    problem, data = examine(path, raw)
    if problem is not None:
        raise DatabaseUnreadable(path, problem[0], problem[1], None)
    validate.repair_database(data, raw)
    return data, raw


REPAIR_BACKUP_LABEL = "before-repair"  # the file as it was, before records were set aside or given ids


class DatabaseFile:
    """The database on disk and its in-memory copy. `write_snapshot` is safe from a worker
    thread; everything that changes `data` (edits, `capture`, `flush`, the merges) runs
    where edits are made (the event loop)."""

    # What reading the file repaired (records set aside, ids given, control characters
    # removed), in words, for the user; set by every read.
    load_warnings: tuple[str, ...] = ()

    def __init__(self, path: Path, *, on_dirty: Callable[[], None] | None = None) -> None:
        # Resolved once: a symlinked database (a synced folder) is written, locked and
        # backed up where it really is, and the link stays a link.
        self.path = real_path(path)
        self.data: dict[str, Any] = {}
        # Set once `data` holds the file (or a new database): until then nothing is saved,
        # merged or captured, so an empty `data` can never be written over the file.
        self.loaded = False
        self.on_dirty = on_dirty
        self._lock = DatabaseLock(self.path)
        self._flush_lock = threading.Lock()
        self._generation = 0  # bumped by every edit
        self._edits_in_progress = 0
        self._saved_generation = 0
        self._signature: DiskSignature | None = None  # the file as we last read or wrote it
        # The bytes we last read or wrote, as their pieces: kept (not hashed) so that the
        # rare check below costs nothing on the common path.
        self._content_on_disk: Payload = []
        self._versions_on_disk: dict[str, int] | None = None  # the lineage vector of those bytes, when known
        self._last_backup: datetime | None = None  # wall time of the newest plain backup we know of
        self._next_backup_label = ""  # the next save's backup is labelled so (see back_up_before_next_save)
        self.conflict_copy: Path | None = None  # set while a conflict waits for the user
        self.last_merge: MergeReport | None = None  # what the latest merge of another copy brought
        # What opening merged back in of this machine's last version (see local_base).
        self.brought_back: MergeReport | None = None
        self._writer = os.urandom(8).hex()  # this opening's id in the file's versions (store/lineage.py)
        self.on_replaced: Callable[[], None] | None = None  # the whole data replaced (a merge): drop cached reads
        self._merged_copies: list[Path] = []  # conflict copies merged in, moved away once that is saved
        self._refused_copies: dict[Path, DiskSignature | None] = {}  # not infoview's: not read again unchanged

    # --- opening ----------------------------------------------------------------------

    def open(self, *, load: bool = True) -> None:
        """Lock the file and load it (creating a new database if there is none). With
        `load=False` an existing file is only locked: `load()` reads it later (the app
        shows its first frame before reading a big file)."""
        self._refuse_what_is_no_file()
        folder = self.path.parent
        if not folder.exists():
            try:
                make_private_folders(folder)
            except OSError as error:
                raise FolderNotWritable(folder, error.strerror or str(error)) from error
        self._lock.acquire()
        try:
            self._remove_stale_temp_files()
            if not self.path.exists():
                self.data = fresh_database()
                self._write(list(pieces(self.data)), lineage.vector(self.data))
                self.loaded = True
                return
        except BaseException:
            self._lock.release()
            raise
        if load:
            self.load()

    def load(self) -> None:
        """Read, check and repair the locked file (`open(load=False)` came first). Whatever
        refuses it (DatabaseUnreadable) lets go of the lock, as `open` does."""
        if self.loaded:
            return
        try:
            self._read_existing()
            # The file as found is what another machine most likely shares with this
            # one: kept (a hard link, at the first save) as the base of later merges.
            self.back_up_before_next_save(backups.LABEL_OPENED)
            self._bring_back_what_this_machine_wrote_last()
        except BaseException:
            self._lock.release()
            raise
        self.loaded = True

    def _bring_back_what_this_machine_wrote_last(self) -> None:
        """A file that does not hold what this machine last wrote (a sync tool put another
        machine's version, or an older one, in place while infoview was closed): merge
        ours back in (store/local_base.py), the file as it was kept as a labelled backup
        first. Not for a file just created (`open` never comes here for one): a database
        deleted on purpose stays new. (`--restore-backup` forgets what was kept, so a
        restore is not undone.)"""
        if not lineage.vector(self.data):
            return
        kept = local_base.read_versions(self.path)
        if kept is not None and lineage.holds(self.data, kept):
            return  # all of it is in the file: the kept copy need not be read (the usual start)
        mine = local_base.read(self.path)
        if mine is None or lineage.contains(self.data, mine):
            return
        from . import syncing  # only when another version must be merged back in: rare, off the usual start

        merged, report = syncing.merged_with(self.path, mine, mine, self.data)
        if _without_meta(merged) == _without_meta(self.data):
            return
        self.back_up_before_next_save(syncing.OTHER_COPY_LABEL)
        self._replace_data(merged)
        self.brought_back = report
        self.last_merge = report
        self.mark_dirty()

    def _refuse_what_is_no_file(self) -> None:
        """A path that can never hold the database, refused before anything is created
        or opened (a named pipe would block the first read forever)."""
        name = self.path.name
        if not name:  # the root folder
            raise DatabaseUnreadable(self.path, "not_a_file", f"{self.path} is a folder, not a file.", None)
        too_long = name_too_long(self.path)
        if too_long is not None:
            raise DatabaseUnreadable(self.path, "not_a_file", too_long, None)
        try:
            kind = describe_non_file(self.path)
        except OSError as error:  # a loop of links, a name too long for the whole path...
            raise DatabaseUnreadable(
                self.path, "not_a_file", f"infoview cannot use {self.path} ({error.strerror or error}).", None
            ) from error
        if kind is not None:
            raise DatabaseUnreadable(self.path, "not_a_file", f"{self.path} is {kind}, not a file.", None)

    def _remove_stale_temp_files(self) -> None:
        # We hold the lock, so any temp file here was left by a writer that died mid-save;
        # the database itself is whole (the temp file was never renamed over it). Only this
        # file's own temp names: `.a.json.backup.1.2.tmp` belongs to `a.json.backup`.
        ours = re.compile(re.escape(f".{self.path.name}.") + r"\d+\.\d+\.tmp")
        try:
            names = os.listdir(self.path.parent)
        except OSError:
            return
        for name in names:
            if ours.fullmatch(name):
                (self.path.parent / name).unlink(missing_ok=True)

    def _read_existing(self) -> None:
        self.data, raw = self._read_valid(self.path)
        # The saves these very bytes hold; not said when reading had to repair the data.
        self._on_disk_now([raw], None if self.load_warnings else lineage.vector(self.data))
        if self.load_warnings:  # repaired in memory: saved like an edit, the file as it was kept
            self.mark_dirty()
        if schema_of(self.data) < CURRENT_SCHEMA:
            backups.take_backup(self.path, _now(), label=f"schema{schema_of(self.data)}")
            self.data = migrate(self.data)
            self.mark_dirty()

    def _read_valid(self, path: Path) -> tuple[dict[str, Any], bytes]:
        """The file's data, checked (`examine`) and repaired (`validate.repair_database`):
        what it holds can always be saved again and shown safely. What was repaired is in
        `load_warnings`, and the file as it was is kept in a labelled backup first."""
        try:
            raw = path.read_bytes()
        except PermissionError as error:
            raise DatabaseUnreadable(
                self.path, "permission", f"infoview is not allowed to read {path} ({error.strerror}).", None
            ) from error
        except OSError as error:  # gone since it was locked, a disk error...
            raise DatabaseUnreadable(
                self.path,
                "unreadable",
                f"infoview cannot read {path} ({error.strerror or error}).",
                backups.newest_backup(self.path),
            ) from error
        problem, data = examine(path, raw)
        if problem is not None:
            kind, explanation = problem
            raise DatabaseUnreadable(self.path, kind, explanation, backups.newest_backup(self.path))
        warnings = validate.repair_database(data, raw)
        if warnings:
            kept = backups.take_backup(path, _now(), label=REPAIR_BACKUP_LABEL)
            warnings.append(f"The file as it was is kept in {kept}.")
        self.load_warnings = tuple(warnings)
        return data, raw

    def close(self, *, save: bool = True) -> SaveResult:
        """Save (unless `save` is False: a dry run writes nothing, not even what reading
        the file put right) and let go of the lock."""
        if not save or not self.loaded:  # a file never read (refused, or the app quit first) is left as it is
            self._lock.release()
            return SaveResult("unchanged")
        try:
            result = self.flush()
            if result.status == "merge":  # another machine kept writing while we tried
                raise OSError(f"{self.path.name} kept changing on disk while infoview tried to save")
            if self.conflict_copy is None and self._content_on_disk and not self._kept_already():
                # What this machine wrote last, kept outside the synced folder for the next start.
                local_base.keep(self.path, b"".join(self._content_on_disk), self._versions_on_disk)
            return result
        finally:
            self._lock.release()

    def _kept_already(self) -> bool:
        """The copy kept outside the synced folder holds exactly these saves (a run without an
        edit): not written again, 100 MB at every quit of a big network for nothing."""
        return self._versions_on_disk is not None and local_base.read_versions(self.path) == self._versions_on_disk

    # --- editing ----------------------------------------------------------------------

    @contextmanager
    def editing(self) -> Iterator[None]:
        """Wrap every change to `data`: a background save then never writes half of one."""
        self._refuse_before_read()
        self._edits_in_progress += 1
        try:
            yield
        finally:
            self._edits_in_progress -= 1
            self.mark_dirty()

    def _refuse_before_read(self) -> None:
        # An edit of the empty data before the file is read would be thrown away by the read
        # and still leave the file "changed": it would be rewritten, and backed up, unedited.
        if not self.loaded:
            raise RuntimeError(f"an edit of {self.path.name} was made before the file was read")

    def mark_dirty(self) -> None:
        self._generation += 1
        if self.on_dirty is not None:
            self.on_dirty()

    @property
    def dirty(self) -> bool:
        return self._generation != self._saved_generation

    @property
    def generation(self) -> int:
        """Counted up by every edit and merge: what is derived from the data (the search
        index) is rebuilt when it changes."""
        return self._generation

    # --- saving -----------------------------------------------------------------------

    def capture(self) -> Snapshot:
        """The data as they are now, for `write_snapshot`. Call it where edits are made
        (the event loop), between two edits."""
        if self._edits_in_progress:
            raise RuntimeError("a snapshot was asked for in the middle of an edit")
        if not self.loaded:
            raise RuntimeError("a snapshot was asked for before the file was read")
        if META_TABLE in self.data and self._generation > self._saved_generation:
            # Each save gets an id of its own at the head of the file's lineage, after the
            # saves it follows, so two copies can tell what they share (a new _meta dict:
            # one a capture holds is never changed).
            self.data[META_TABLE] = lineage.stamped(self.data, _now(), writer=self._writer)
        return Snapshot(self._generation, _settings_first(self.data))

    def flush(self) -> SaveResult:
        """Write the in-memory state now if it changed (the app's quit, the CLI, tests).
        A file another machine changed meanwhile is merged in first."""
        if not self.loaded:
            return SaveResult("unchanged")
        for _attempt in range(3):  # another machine writing again at that very moment
            snapshot = self.capture()
            if snapshot.generation <= self._saved_generation:
                return SaveResult("unchanged")
            result = self.write_snapshot(snapshot, list(snapshot.pieces()))
            if result.status != "merge":
                return result
            if self.merge_disk_version() is None:
                self.divert_to_conflict_copy()
        snapshot = self.capture()
        return self.write_snapshot(snapshot, list(snapshot.pieces()))

    def write_snapshot(self, snapshot: Snapshot, payload: Payload) -> SaveResult:
        """Write a captured state, serialised (`snapshot.pieces()`). Safe from a worker
        thread. A state older than one already written is not written over it."""
        with self._flush_lock:
            if snapshot.generation <= self._saved_generation:
                return SaveResult("unchanged")
            size = sum(len(piece) for piece in payload)
            if self.conflict_copy is None and self._changed_behind_our_back():
                # Merged in on the thread that edits (`merge_disk_version`, which reads and
                # checks the file once), then saved again; a file it cannot read diverts our
                # saves to a conflict copy there. Nothing written now.
                return SaveResult("merge")
            if self.conflict_copy is not None:
                # Until the user chooses, keep saving our side to the copy: nothing is lost.
                write_atomically(self.conflict_copy, payload)
                self._saved_generation = snapshot.generation
                return SaveResult("conflict", self.conflict_copy, size)
            self._backup_if_due()
            self._write(payload, lineage.vector(snapshot.tables))
            self._saved_generation = snapshot.generation
            self._move_merged_copies_away()
            return SaveResult("saved", bytes_written=size)

    def snapshot_bytes(self) -> bytes:
        """The whole state as the file would hold it (for a backup export)."""
        return b"".join(self.capture().pieces())

    def _write(self, payload: Payload, versions: dict[str, int]) -> None:
        write_atomically(self.path, payload)
        self._on_disk_now(payload, versions)

    def _on_disk_now(self, payload: Payload, versions: dict[str, int] | None) -> None:
        """The file holds `payload` now (just written or read): its bytes, the saves they hold
        (None: not known exactly) and its signature, always together."""
        self._content_on_disk = payload
        self._versions_on_disk = versions
        self._signature = DiskSignature.of(self.path)

    def _changed_behind_our_back(self) -> bool:
        on_disk = DiskSignature.of(self.path)
        # A file that vanished holds nothing of anyone's to lose; writing recreates it.
        if on_disk is None or on_disk == self._signature:
            return False
        # Sync clients sometimes rewrite a file with the same bytes; that is no conflict.
        try:
            same = self.path.read_bytes() == b"".join(self._content_on_disk)
        except OSError:
            same = False
        if same:
            self._signature = on_disk
        return not same

    def divert_to_conflict_copy(self) -> None:
        """The file on disk is not one infoview can merge (damaged, another program's):
        our saves go to a copy beside it until the user chooses (ui/screens/conflict.py)."""
        self.conflict_copy = self.path.with_name(f"{self.path.stem}.conflict-{_now():%Y%m%d-%H%M%S}.json")

    # --- merging another machine's copy ---------------------------------------------

    def merge_disk_version(self) -> MergeReport | None:
        """Merge the file on disk (another machine's save, passed on by a sync tool) into
        the data in memory, record by record; the file as it was is kept as a labelled
        backup. Call it where edits are made, between two edits. None: the file is not
        one infoview can read (the caller falls back to the conflict copy)."""
        from . import syncing  # imported when a merge happens (off the first frame's path)

        if self._edits_in_progress:
            raise RuntimeError("a merge was asked for in the middle of an edit")
        with self._flush_lock:
            try:
                theirs, raw = read_other_copy(self.path)
            except DatabaseUnreadable:
                return None
            merged, report = syncing.merged_with(self.path, self._last_written(), self.data, theirs)
            backups.take_backup(self.path, _now(), label=syncing.OTHER_COPY_LABEL)
            self._replace_data(merged)
            self._on_disk_now([raw], None)  # another machine's bytes, as read: their saves not said
            self.last_merge = report
        self.mark_dirty()
        return report

    def merge_copy(self, theirs: dict[str, Any], *, dry_run: bool = False) -> MergeReport:
        """Merge another copy of this database (read with `read_other_copy`) into the data
        in memory; with `dry_run`, only say what would come in. Between two edits; a copy
        holding nothing new changes nothing (no save follows)."""
        from . import syncing  # imported when a merge happens (off the first frame's path)

        if self._edits_in_progress:
            raise RuntimeError("a merge was asked for in the middle of an edit")
        merged, report = syncing.merged_with(self.path, self._last_written(), self.data, theirs)
        if not dry_run and _without_meta(merged) != _without_meta(self.data):
            with self.editing():
                self._replace_data(merged)
            self.last_merge = report
        return report

    def absorb_conflict_copies(self) -> list[tuple[Path, MergeReport | str]]:
        """Merge every sync tool's conflict copy beside the database into the data in
        memory; each is moved into the backups folder once the merge is saved. A copy that
        is not an infoview database is left where it is, with the reason (once, until it
        changes). Call it between two edits."""
        from . import sync_copies  # the app's first scan comes after the first frame; merging only for a copy found

        outcomes: list[tuple[Path, MergeReport | str]] = []
        if not self.loaded:  # merged into nothing, a copy would stand for the whole database
            return outcomes
        for found in sync_copies.conflict_copies(self.path):
            if found.path in self._merged_copies:
                continue
            signature = DiskSignature.of(found.path)
            if found.path in self._refused_copies and self._refused_copies[found.path] == signature:
                continue
            try:
                theirs, _raw = read_other_copy(found.path)
            except DatabaseUnreadable as error:
                self._refused_copies[found.path] = signature
                outcomes.append((found.path, f"left where it is: {_why_not_mergeable(error)}"))
                continue
            report = self.merge_copy(theirs)
            if report.changed_anything:
                self._merged_copies.append(found.path)
            else:  # nothing in it that is not here already: no save will come to move it
                from . import syncing

                with suppress(OSError):
                    syncing.move_into_backups(found.path, self.path, _now())
            outcomes.append((found.path, report))
        return outcomes

    def _move_merged_copies_away(self) -> None:
        # Only now that the merge is on disk: a crash before would have lost the copy's
        # edits had it been moved at once. A copy that cannot be moved is merged again
        # next time (merging again changes nothing).
        if not self._merged_copies:
            return
        from . import syncing  # only once a merged copy is on disk

        while self._merged_copies:
            copy = self._merged_copies.pop()
            with suppress(OSError):
                syncing.move_into_backups(copy, self.path, _now())

    def _last_written(self) -> dict[str, Any]:
        """The version this machine last read or wrote, parsed and put right as it was
        when read (the base of a merge: what the repair changed is no edit of ours)."""
        raw = b"".join(self._content_on_disk)
        try:
            data = orjson.loads(raw) if raw else {}
        except orjson.JSONDecodeError:
            return {}
        if not isinstance(data, dict):
            return {}
        validate.repair_database(data, raw)
        return data

    def _replace_data(self, tables: dict[str, Any]) -> None:
        # One assignment, never seen half done by a reader in a thread (the import
        # preview); TinyDB asks MemoryStorage for `data` on every read.
        self.data = tables
        if self.on_replaced is not None:
            self.on_replaced()

    def back_up_before_next_save(self, label: str) -> None:
        """The next save to the database keeps the file it replaces as a backup labelled
        `label` (kept at least 30 days), e.g. before an import is written."""
        self._next_backup_label = label

    def _backup_if_due(self) -> None:
        if not self.path.exists():
            return
        moment = _now()
        if self._next_backup_label:
            backups.take_backup(self.path, moment, label=self._next_backup_label)
            self._next_backup_label = ""
            return
        # Due is decided by the backups folder, so every process agrees; our own last
        # backup spares reading the folder on every save (others only add newer ones).
        wall = moment.replace(tzinfo=None)
        if self._last_backup is not None and abs(wall - self._last_backup) < backups.BACKUP_INTERVAL:
            return
        newest = backups.newest_plain_backup_time(self.path)
        if newest is None or abs(wall - newest) >= backups.BACKUP_INTERVAL:
            backups.take_backup(self.path, moment)
            newest = wall
        self._last_backup = newest

    # --- conflicts --------------------------------------------------------------------

    def keep_disk_version(self) -> None:
        """Continue with the file on disk; our version stays in the conflict copy."""
        with self._flush_lock:
            # May raise DatabaseUnreadable (damaged, cut short by a sync still under way):
            # then nothing changed, and the caller carries on with ours.
            on_disk, raw = self._read_valid(self.path)
            self.data.clear()
            self.data.update(migrate(on_disk))  # same dict object: TinyDB keeps reading it
            self._on_disk_now([raw], None)
            self.conflict_copy = None
            self._generation += 1  # other data now, all of it saved: derived views (search) rebuild
            self._saved_generation = self._generation
        if self.load_warnings:  # the disk version needed repairs: save them like an edit
            self.mark_dirty()

    def keep_my_version(self) -> SaveResult:
        """Continue with ours; the disk version is kept as a backup first."""
        with self._flush_lock:
            if self.path.exists():
                backups.take_backup(self.path, _now(), label=backups.LABEL_REPLACED)
            self.conflict_copy = None
            self._signature = DiskSignature.of(self.path)
            self._generation += 1
        return self.flush()


class MemoryStorage(Storage):
    """TinyDB storage over a DatabaseFile: reads and writes the in-memory dict only."""

    def __init__(self, database_file: DatabaseFile) -> None:
        self.database_file = database_file

    def read(self) -> dict[str, Any]:
        return self.database_file.data

    def write(self, data: dict[str, Any]) -> None:
        self.database_file._refuse_before_read()
        if data is not self.database_file.data:
            self.database_file.data = data
        self.database_file.mark_dirty()

    def close(self) -> None:
        pass
