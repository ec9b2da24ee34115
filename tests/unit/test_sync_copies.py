"""Sync tools' conflict copies found by name, and the version two copies share."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from infoview_tui.store import backups, lineage
from infoview_tui.store.schema import fresh_database
from infoview_tui.store.sync_copies import common_base, conflict_copies

MOMENT = datetime(2026, 11, 28, 14, 2, tzinfo=UTC)


def test_the_three_tools_conflict_copies_are_found_and_others_are_not(tmp_path: Path) -> None:
    db = tmp_path / "career.json"
    names = {
        "career.sync-conflict-20261128-140233-ABCD123.json": ("Syncthing", "ABCD123"),
        "career (Ana's conflicted copy 2026-11-28).json": ("Dropbox", "Ana"),
        "career (Ana's conflicted copy 2026-11-28) (1).json": ("Dropbox", "Ana"),
        "career (conflicted copy 2026-11-28 140233).json": ("Nextcloud", ""),
    }
    for name in [*names, "career.json", "career.backups", "other.sync-conflict-20261128-140233-X.json",
                 "career (copy).json", "career.sync-conflict-2026.json"]:  # fmt: skip
        (tmp_path / name).write_text("{}")
    found = {copy.path.name: (copy.tool, copy.source) for copy in conflict_copies(db)}
    assert found == names


def test_a_copy_that_continues_ours_is_merged_against_ours(tmp_path: Path) -> None:
    ours = {**fresh_database()}
    ours["_meta"] = lineage.stamped(ours, MOMENT, writer="desktop", host="desktop")
    theirs = {**ours, "contacts": {"1": {"id": "c1", "name": "Sam"}}}
    theirs["_meta"] = lineage.stamped(theirs, MOMENT + timedelta(minutes=5), writer="laptop", host="laptop")
    base, why = common_base(tmp_path / "db.json", ours, theirs)
    assert base is ours and "continues" in why
    assert lineage.describe_writer(theirs) == "laptop, 2026-11-28 14:07"
    assert common_base(tmp_path / "db.json", theirs, ours)[0] is ours  # the older one, either way round


def test_copies_that_parted_are_merged_against_the_backup_both_came_from(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    shared = {**fresh_database(), "contacts": {"1": {"id": "c1", "name": "Sam"}}}
    shared["_meta"] = lineage.stamped(shared, MOMENT, writer="desktop", host="desktop")
    db.write_bytes(orjson.dumps(shared))
    backups.take_backup(db, MOMENT)
    ours, theirs = dict(shared), dict(shared)
    ours["_meta"] = lineage.stamped(shared, MOMENT + timedelta(hours=1), writer="desktop", host="desktop")
    theirs["_meta"] = lineage.stamped(shared, MOMENT + timedelta(hours=2), writer="laptop", host="laptop")
    base, why = common_base(db, ours, theirs)
    assert lineage.vector(base) == lineage.vector(shared) and "both came from" in why
    # Without that backup nothing shared is known: an empty base keeps everything.
    for backup in backups.list_backups(db):
        backup.unlink()
    assert common_base(db, ours, theirs)[0] == {}


def test_lineage_keeps_the_newest_saves_of_both_sides_after_a_merge() -> None:
    ours = {**fresh_database()}
    for minute in range(3):
        ours["_meta"] = lineage.stamped(ours, MOMENT + timedelta(minutes=minute), writer="desktop", host="desktop")
    theirs = dict(ours)
    theirs["_meta"] = lineage.stamped(theirs, MOMENT + timedelta(minutes=10), writer="laptop", host="laptop")
    ours["_meta"] = lineage.stamped(ours, MOMENT + timedelta(minutes=9), writer="desktop", host="desktop")
    merged = {**ours, "_meta": lineage.combined(ours, theirs)}
    assert lineage.contains(merged, theirs) and lineage.contains(merged, ours)
    assert lineage.vector(merged) == {"desktop": 4, "laptop": 1}


def _names(repository) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(contact.name for contact in repository.contacts())


def _a_session_adding(db: Path, name: str) -> bytes:
    """The app opened on `db`, a person added, closed (what it leaves is kept, store/local_base.py):
    the file's bytes then."""
    from infoview_tui.domain.model import Contact
    from infoview_tui.store.repository import Repository

    repository = Repository.open(db)
    repository.save_contact(Contact(name=name))
    repository.close()
    return db.read_bytes()


def test_conflict_copies_are_merged_and_moved_to_the_backups(tmp_path: Path) -> None:
    from infoview_tui.domain.model import Contact
    from infoview_tui.store.repository import Repository

    db = tmp_path / "career.json"
    repository = Repository.open(db)
    repository.save_contact(Contact(name="Ana"))
    repository.flush()
    shared = orjson.loads(db.read_bytes())
    copies = {
        "career.sync-conflict-20261128-140233-LAPTOP1.json": "Sam from Syncthing",
        "career (Ana's conflicted copy 2026-11-28).json": "Kim from Dropbox",
        "career (conflicted copy 2026-11-28 140233).json": "Lee from Nextcloud",
    }
    for number, (name, person) in enumerate(copies.items()):
        theirs = {**shared, "contacts": {**shared["contacts"], str(10 + number): {"id": f"x{number}", "name": person}}}
        theirs["_meta"] = lineage.stamped(theirs, MOMENT, writer="laptop", host="laptop")
        (tmp_path / name).write_bytes(orjson.dumps(theirs))
    foreign = tmp_path / "career.sync-conflict-20261128-150000-PHONE.json"
    foreign.write_text('{"todo": []}')

    outcomes = dict(repository.absorb_conflict_copies())
    assert _names(repository) == ["Ana", "Kim from Dropbox", "Lee from Nextcloud", "Sam from Syncthing"]
    assert outcomes[foreign] == "left where it is: it is not an infoview database" and foreign.exists()
    assert all((tmp_path / name).exists() for name in copies)  # until the merge is on disk
    assert repository.absorb_conflict_copies() == []  # neither merged twice nor told twice
    repository.flush()
    assert all(not (tmp_path / name).exists() for name in copies)
    kept = [path.name for path in backups.list_backups(db) if path.name.endswith("-sync-conflict.json")]
    assert len(kept) == 3
    repository.close()
    reopened = Repository.open(db)
    assert _names(reopened) == ["Ana", "Kim from Dropbox", "Lee from Nextcloud", "Sam from Syncthing"]
    reopened.close()


def test_what_this_machine_wrote_last_comes_back_when_a_sync_tool_replaced_it(tmp_path: Path) -> None:
    from infoview_tui.domain.model import Contact
    from infoview_tui.store.repository import Repository

    db = tmp_path / "career.json"
    repository = Repository.open(db)
    repository.save_contact(Contact(name="Ana"))
    repository.close()
    shared = db.read_bytes()  # both machines have this
    repository = Repository.open(db)
    repository.save_contact(Contact(name="Typed here last"))
    repository.close()
    # The other machine, which never saw that, saves its own edit; the sync tool puts it in place.
    theirs = orjson.loads(shared)
    theirs["contacts"]["9"] = {"id": "laptop", "name": "Typed on the laptop"}
    theirs["_meta"] = lineage.stamped(theirs, MOMENT, writer="laptop", host="laptop")
    db.write_bytes(orjson.dumps(theirs))

    reopened = Repository.open(db)
    assert _names(reopened) == ["Ana", "Typed here last", "Typed on the laptop"]
    assert reopened.file.brought_back is not None
    reopened.close()
    assert [path for path in backups.list_backups(db) if path.name.endswith("-other-copy.json")]
    again = Repository.open(db)  # merged and saved: nothing more to bring back
    assert again.file.brought_back is None and len(_names(again)) == 3
    again.close()


def test_a_restored_backup_is_not_undone_at_the_next_start(tmp_path: Path) -> None:
    from infoview_tui.__main__ import main
    from infoview_tui.domain.model import Contact
    from infoview_tui.store.repository import Repository

    db = tmp_path / "career.json"
    repository = Repository.open(db)
    repository.save_contact(Contact(name="Ana"))
    repository.close()
    backups.take_backup(db, datetime.now().astimezone(), label="import")  # the state before...
    repository = Repository.open(db)
    repository.save_contact(Contact(name="Imported by mistake"))
    repository.close()
    chosen = next(path for path in backups.list_backups(db) if path.name.endswith("-import.json"))
    assert main(["--db", str(db), "--restore-backup", chosen.name]) == 0
    reopened = Repository.open(db)
    assert _names(reopened) == ["Ana"] and reopened.file.brought_back is None
    reopened.close()


def test_a_new_record_after_a_merge_gets_a_row_of_its_own(tmp_path: Path) -> None:
    from infoview_tui.domain.model import Contact
    from infoview_tui.store.repository import Repository

    db = tmp_path / "career.json"
    repository = Repository.open(db)
    repository.save_contact(Contact(name="Ana"))
    repository.flush()
    theirs = orjson.loads(db.read_bytes())
    theirs["contacts"]["2"] = {"id": "laptop-1", "name": "From the laptop"}
    theirs["_meta"] = lineage.stamped(theirs, MOMENT, writer="laptop", host="laptop")
    db.write_bytes(orjson.dumps(theirs))
    repository.save_contact(Contact(name="Typed here"))
    assert repository.flush().status == "saved"  # merged on the way
    repository.save_contact(Contact(name="Added after the merge"))  # TinyDB once reused row 2 here
    repository.close()
    assert _saved_names(db) == ["Added after the merge", "Ana", "From the laptop", "Typed here"]


def _saved_names(db: Path) -> list[str]:
    return sorted(record["name"] for record in orjson.loads(db.read_bytes())["contacts"].values())


def test_a_database_deleted_on_purpose_starts_empty(tmp_path: Path) -> None:
    from infoview_tui.domain.model import Contact
    from infoview_tui.store.repository import Repository

    db = tmp_path / "career.json"
    repository = Repository.open(db)
    repository.save_contact(Contact(name="Secret ex"))
    repository.close()
    db.unlink()
    fresh = Repository.open(db)
    assert _names(fresh) == [] and fresh.file.brought_back is None
    fresh.close()


def test_an_older_version_put_in_place_while_closed_gets_the_newer_work_back(tmp_path: Path) -> None:
    from infoview_tui.store.repository import Repository

    db = tmp_path / "career.json"
    older = _a_session_adding(db, "Ana")
    _a_session_adding(db, "Typed later")
    db.write_bytes(older)  # a sync tool's "previous version", or a copy from an old laptop
    reopened = Repository.open(db)
    assert _names(reopened) == ["Ana", "Typed later"] and reopened.file.brought_back is not None
    reopened.close()


def test_copies_stay_related_however_many_saves_apart(tmp_path: Path) -> None:
    """Once only the last 64 saves were remembered: 70 saves on one machine made the
    other's copy look unrelated, and a deleted person came back."""
    from infoview_tui.domain.model import Contact
    from infoview_tui.store.repository import Repository

    db = tmp_path / "career.json"
    repository = Repository.open(db)
    bob = repository.save_contact(Contact(name="Bob"))
    repository.save_contact(Contact(name="Ana"))
    repository.close()
    laptop_copy = orjson.loads(db.read_bytes())  # the laptop closed here
    desktop = Repository.open(db)
    desktop.delete_contact(bob.id)
    for number in range(70):
        desktop.save_contact(Contact(name=f"Note {number}")) if number == 0 else None
        desktop.file.mark_dirty()
        desktop.flush()
    desktop.close()
    laptop_copy["contacts"]["9"] = {"id": "laptop-new", "name": "Typed on the laptop"}
    laptop_copy["_meta"] = lineage.stamped(laptop_copy, MOMENT, writer="laptop", host="laptop")
    other = tmp_path / "career.sync-conflict-20261128-140233-LAPTOP1.json"
    other.write_bytes(orjson.dumps(laptop_copy))
    again = Repository.open(db)
    again.absorb_conflict_copies()
    assert _names(again) == ["Ana", "Note 0", "Typed on the laptop"]  # Bob stays deleted
    again.close()


def test_the_marker_names_the_machine_whose_saves_are_new() -> None:
    ours = {**fresh_database()}
    ours["_meta"] = lineage.stamped(ours, MOMENT + timedelta(days=3), writer="desktop", host="desktop")
    theirs = dict(ours)
    theirs["_meta"] = lineage.stamped(theirs, MOMENT, writer="laptop", host="laptop")  # its clock is behind
    assert lineage.describe_writer(theirs, ours) == "laptop, 2026-11-28 14:02"


def test_a_conflict_copy_holding_nothing_new_is_moved_away_at_once(tmp_path: Path) -> None:
    from infoview_tui.domain.model import Contact
    from infoview_tui.store.repository import Repository

    db = tmp_path / "career.json"
    repository = Repository.open(db)
    repository.save_contact(Contact(name="Ana"))
    repository.flush()
    copy = tmp_path / "career.sync-conflict-20261128-140233-LAPTOP1.json"
    copy.write_bytes(db.read_bytes())  # the same as here: no save will follow its merge
    ((_path, report),) = repository.absorb_conflict_copies()
    assert not isinstance(report, str) and not report.changed_anything
    assert not copy.exists()
    assert [path for path in backups.list_backups(db) if path.name.endswith("-sync-conflict.json")]
    repository.close()


def test_a_usual_start_does_not_read_the_kept_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept copy of what this machine wrote is as big as the database (0.4 s to read
    at 100 MB): a start whose file holds every save of it knows so from the small summary
    kept beside it."""
    from infoview_tui.store import local_base
    from infoview_tui.store.repository import Repository

    db = tmp_path / "career.json"
    _a_session_adding(db, "Ana")
    assert local_base.read_versions(db) == lineage.vector(orjson.loads(db.read_bytes()))

    def not_needed(path: Path) -> None:
        raise AssertionError("the kept copy was read at a start that did not need it")

    monkeypatch.setattr(local_base, "read", not_needed)
    again = Repository.open(db)  # opened and closed without an edit: the summary stays true
    again.close()
    assert local_base.read_versions(db) == lineage.vector(orjson.loads(db.read_bytes()))
    Repository.open(db).close()


def test_a_run_without_an_edit_does_not_write_the_kept_copy_again(tmp_path: Path) -> None:
    """The kept copy is as big as the database: a run that saved nothing leaves it as it was
    (a quit of a 100 MB network wrote 100 MB more each time); a run that saved writes it."""
    from infoview_tui.store import local_base
    from infoview_tui.store.repository import Repository

    db = tmp_path / "career.json"
    _a_session_adding(db, "Ana")
    kept = local_base._path(db).stat()
    Repository.open(db).close()
    again = local_base._path(db).stat()
    assert (again.st_ino, again.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)
    _a_session_adding(db, "Bo")
    assert local_base.read_versions(db) == lineage.vector(orjson.loads(db.read_bytes()))
    assert local_base._path(db).read_bytes() == db.read_bytes()


def test_without_the_summary_the_kept_copy_is_read_and_brings_the_work_back(tmp_path: Path) -> None:
    """A copy kept by an older infoview (or a keep cut short) has no summary: it is read, as
    before, and what the file lacks comes back."""
    from infoview_tui.store import local_base
    from infoview_tui.store.repository import Repository

    db = tmp_path / "career.json"
    older = _a_session_adding(db, "Ana")
    _a_session_adding(db, "Typed later")
    local_base._summary_path(db).unlink()
    db.write_bytes(older)
    reopened = Repository.open(db)
    assert _names(reopened) == ["Ana", "Typed later"] and reopened.file.brought_back is not None
    reopened.close()


def test_a_summary_left_behind_by_an_older_infoview_is_not_trusted(tmp_path: Path) -> None:
    """An older infoview rewrites the kept copy but knows nothing of its summary: the summary
    then describes an earlier copy. It names the copy it describes (size and time), so it is
    not believed, the copy is read, and the work only it holds comes back."""
    from infoview_tui.store import local_base
    from infoview_tui.store.repository import Repository

    db = tmp_path / "career.json"
    first = _a_session_adding(db, "Ana")
    summary_of_first = local_base._summary_path(db).read_bytes()
    _a_session_adding(db, "Typed with the older version")
    local_base._summary_path(db).write_bytes(summary_of_first)  # as an older infoview leaves it
    db.write_bytes(first)  # then a sync tool puts the first version back
    reopened = Repository.open(db)
    assert _names(reopened) == ["Ana", "Typed with the older version"]
    reopened.close()
