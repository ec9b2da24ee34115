"""Sync tools' conflict copies found by name, and the version two copies share."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson

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
    ours["_meta"] = lineage.stamped(ours, MOMENT, host="desktop")
    theirs = {**ours, "contacts": {"1": {"id": "c1", "name": "Sam"}}}
    theirs["_meta"] = lineage.stamped(theirs, MOMENT + timedelta(minutes=5), host="laptop")
    base, why = common_base(tmp_path / "db.json", ours, theirs)
    assert base is ours and "continues" in why
    assert lineage.describe_writer(theirs) == "laptop, 2026-11-28 14:07"
    assert common_base(tmp_path / "db.json", theirs, ours)[0] is ours  # the older one, either way round


def test_copies_that_parted_are_merged_against_the_backup_both_came_from(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    shared = {**fresh_database(), "contacts": {"1": {"id": "c1", "name": "Sam"}}}
    shared["_meta"] = lineage.stamped(shared, MOMENT, host="desktop")
    db.write_bytes(orjson.dumps(shared))
    backups.take_backup(db, MOMENT)
    ours, theirs = dict(shared), dict(shared)
    ours["_meta"] = lineage.stamped(shared, MOMENT + timedelta(hours=1), host="desktop")
    theirs["_meta"] = lineage.stamped(shared, MOMENT + timedelta(hours=2), host="laptop")
    base, why = common_base(db, ours, theirs)
    assert lineage.head(base) == lineage.head(shared) and "both came from" in why
    # Without that backup nothing shared is known: an empty base keeps everything.
    for backup in backups.list_backups(db):
        backup.unlink()
    assert common_base(db, ours, theirs)[0] == {}


def test_lineage_keeps_the_newest_saves_of_both_sides_after_a_merge() -> None:
    ours = {**fresh_database()}
    for minute in range(3):
        ours["_meta"] = lineage.stamped(ours, MOMENT + timedelta(minutes=minute), host="desktop")
    theirs = dict(ours)
    theirs["_meta"] = lineage.stamped(theirs, MOMENT + timedelta(minutes=10), host="laptop")
    ours["_meta"] = lineage.stamped(ours, MOMENT + timedelta(minutes=9), host="desktop")
    merged = {**ours, "_meta": lineage.combined(ours, theirs)}
    assert lineage.contains(merged, theirs) and lineage.contains(merged, ours)
    assert len(lineage.save_ids(merged)) == 5


def _names(repository) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(contact.name for contact in repository.contacts())


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
        theirs["_meta"] = lineage.stamped(theirs, MOMENT, host="laptop")
        (tmp_path / name).write_bytes(orjson.dumps(theirs))
    foreign = tmp_path / "career.sync-conflict-20261128-150000-PHONE.json"
    foreign.write_text('{"todo": []}')

    outcomes = dict(repository.absorb_conflict_copies())
    assert _names(repository) == ["Ana", "Kim from Dropbox", "Lee from Nextcloud", "Sam from Syncthing"]
    assert "left alone" in str(outcomes[foreign]) and foreign.exists()
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
    theirs["_meta"] = lineage.stamped(theirs, MOMENT, host="laptop")
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
