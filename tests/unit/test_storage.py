"""The database file: atomic saves, privacy, one writer, unreadable files, conflicts."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from infoview_tui.domain.model import Contact
from infoview_tui.store import backups, lineage, schema, storage
from infoview_tui.store.errors import DatabaseLocked, DatabaseUnreadable
from infoview_tui.store.repository import Repository
from infoview_tui.store.storage import DatabaseFile
from tests.conftest import MovableClock


def test_new_database_is_created_private(tmp_path: Path) -> None:
    db = tmp_path / "new" / "folder" / "infoview.json"
    repo = Repository.open(db)
    try:
        assert stat.S_IMODE(db.stat().st_mode) == 0o600
        assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
        assert schema.is_infoview_database(orjson.loads(db.read_bytes()))
    finally:
        repo.close()


def test_edits_stay_in_memory_until_flush(repository: Repository, db_path: Path) -> None:
    before = db_path.read_bytes()
    repository.save_contact(Contact(name="Ana Lima", tier=1))
    assert db_path.read_bytes() == before  # keystrokes never touch the disk
    assert repository.file.dirty
    result = repository.flush()
    assert result.status == "saved"
    assert not repository.file.dirty
    assert "Ana Lima" in db_path.read_text()
    assert repository.flush().status == "unchanged"


def test_saved_file_is_indented_for_people(repository: Repository, db_path: Path) -> None:
    repository.save_contact(Contact(name="Ana"))
    repository.flush()
    assert db_path.read_text().startswith("{\n  ")


def test_reopening_gives_back_the_same_records(repository: Repository, db_path: Path) -> None:
    contact = repository.save_contact(Contact(name="Ana", tier=2, company="Acme", emails=["a@x.org"]))
    repository.close()
    reopened = Repository.open(db_path)
    try:
        assert reopened.contacts() == [contact]
    finally:
        reopened.close()


def test_second_instance_is_refused_with_the_holder(repository: Repository, db_path: Path) -> None:
    with pytest.raises(DatabaseLocked) as caught:
        Repository.open(db_path)
    message = str(caught.value)
    assert str(db_path) in message
    assert f"pid {os.getpid()}" in message


def test_lock_is_released_on_close(repository: Repository, db_path: Path) -> None:
    with pytest.raises(DatabaseLocked):
        Repository.open(db_path)  # held while open...
    repository.close()
    reopened = Repository.open(db_path)  # ...and free once closed
    assert reopened.file.path == repository.file.path
    reopened.close()


@pytest.mark.parametrize(
    ("content", "kind", "words"),
    [
        (b"", "empty", "is empty"),
        (b"   \n", "empty", "is empty"),
        (
            b'{"_meta": {"1": {"app": "infoview", "schema": 1}}, "contacts": {"1": {"name": "An',
            "truncated",
            "cut short",
        ),
        (b'{"_meta": {"1": {"app": "infoview", "schema": 1}}}} garbage {', "corrupt", "not valid JSON at line 1"),
        (b"\x00\x01\x02binary\xff", "corrupt", "not valid JSON"),
        (b'{"editor.fontSize": 14, "files.autoSave": "off"}', "foreign", "some other program"),
        (b"[1, 2, 3]", "foreign", "some other program"),
        (b'{"_meta": {"1": {"app": "infoview", "schema": 999}}}', "newer", "newer infoview"),
    ],
)
def test_unreadable_file_is_refused_and_left_untouched(db_path: Path, content: bytes, kind: str, words: str) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    with pytest.raises(DatabaseUnreadable) as caught:
        Repository.open(db_path)
    assert caught.value.kind == kind
    assert words in str(caught.value)
    assert str(db_path) in str(caught.value)
    assert db_path.read_bytes() == content
    # ...and the lock was let go, so fixing the file and retrying works.
    db_path.unlink()
    Repository.open(db_path).close()


def test_unreadable_file_message_names_the_newest_backup(repository: Repository, db_path: Path) -> None:
    repository.save_contact(Contact(name="Ana"))
    repository.flush()  # the first save of a session keeps the old file as a backup
    repository.close()
    newest = backups.newest_backup(db_path)
    assert newest is not None
    db_path.write_bytes(b'{"_meta": {')
    with pytest.raises(DatabaseUnreadable) as caught:
        Repository.open(db_path)
    assert str(newest) in str(caught.value)
    assert "--restore-backup" in str(caught.value)


def test_restore_newest_keeps_the_damaged_file(
    repository: Repository, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = MovableClock()
    monkeypatch.setattr(storage, "_now", clock)
    repository.save_contact(Contact(name="Ana"))
    repository.flush()
    repository.save_contact(Contact(name="Bea"))
    clock.advance(minutes=20)  # a plain backup is due again: it holds Ana
    repository.flush()
    repository.close()
    db_path.write_bytes(b"{broken")
    _, set_aside = backups.restore_newest(db_path, datetime(2026, 11, 25, 20, 0))
    assert set_aside is not None and set_aside.read_bytes() == b"{broken"
    reopened = Repository.open(db_path)
    try:
        assert [contact.name for contact in reopened.contacts()] == ["Ana"]
    finally:
        reopened.close()


def test_backups_roll(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = MovableClock()
    monkeypatch.setattr(storage, "_now", clock)
    repo = Repository.open(db_path)
    for index in range(3 * 24):  # three days of saves, one an hour
        repo.save_contact(Contact(name=f"Person {index}"))
        clock.advance(hours=1)
        repo.flush()
    repo.close()
    kept = backups.list_backups(db_path)
    assert 24 <= len(kept) <= 24 + 3  # one an hour for the last day, then one a day
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in kept)


def test_a_copy_another_machine_wrote_is_merged_on_the_next_save(repository: Repository, db_path: Path) -> None:
    repository.save_contact(Contact(name="Mine"))
    repository.flush()
    theirs = orjson.loads(db_path.read_bytes())
    theirs["contacts"]["1"]["name"] = "Theirs"
    theirs["contacts"]["1"]["notes"] = "typed on the laptop"
    theirs_bytes = orjson.dumps(theirs)
    db_path.write_bytes(theirs_bytes)  # another machine, through a sync client

    repository.save_contact(Contact(name="Mine too"))
    result = repository.flush()
    assert result.status == "saved"
    names = sorted(record["name"] for record in orjson.loads(db_path.read_bytes())["contacts"].values())
    assert names == ["Mine too", "Theirs"]  # both sides' edits, no question asked
    report = repository.file.last_merge
    assert report is not None and report.summary().startswith("Merged from the other copy: 1 contact")
    kept = [path for path in backups.list_backups(db_path) if path.name.endswith("-other-copy.json")]
    assert len(kept) == 1 and kept[0].read_bytes() == theirs_bytes  # the file as the other machine left it
    # The merged file descends from both: the other machine's next save merges against it.
    merged = orjson.loads(db_path.read_bytes())
    assert lineage.contains(merged, theirs)


def _a_foreign_file_replaces(db_path: Path) -> bytes:
    foreign = b'{"tasks": [1, 2, 3]}'
    db_path.write_bytes(foreign)  # not infoview's: nothing to merge
    return foreign


def test_a_file_that_is_not_infoview_s_is_not_overwritten(repository: Repository, db_path: Path) -> None:
    repository.save_contact(Contact(name="Mine"))
    repository.flush()
    foreign = _a_foreign_file_replaces(db_path)
    repository.save_contact(Contact(name="Mine too"))
    result = repository.flush()
    assert result.status == "conflict"
    assert db_path.read_bytes() == foreign  # theirs survives
    assert result.conflict_copy is not None
    assert "Mine too" in result.conflict_copy.read_text()  # ours survives
    # While the user has not chosen, later saves keep going to the copy.
    repository.save_contact(Contact(name="Typed meanwhile"))
    assert repository.flush().status == "conflict"
    assert db_path.read_bytes() == foreign
    assert "Typed meanwhile" in result.conflict_copy.read_text()


def test_choosing_my_version_keeps_theirs_as_a_backup(repository: Repository, db_path: Path) -> None:
    repository.save_contact(Contact(name="Mine"))
    repository.flush()
    foreign = _a_foreign_file_replaces(db_path)
    repository.save_contact(Contact(name="Mine too"))
    assert repository.flush().status == "conflict"
    assert repository.file.keep_my_version().status == "saved"
    assert "Mine too" in db_path.read_text()
    replaced = [path for path in backups.list_backups(db_path) if path.name.endswith("-replaced.json")]
    assert len(replaced) == 1 and replaced[0].read_bytes() == foreign


def test_same_bytes_rewritten_by_a_sync_client_is_no_conflict(repository: Repository, db_path: Path) -> None:
    repository.save_contact(Contact(name="Ana"))
    repository.flush()
    same = db_path.read_bytes()
    db_path.unlink()
    db_path.write_bytes(same)  # new inode, new mtime, same content
    repository.save_contact(Contact(name="Bea"))
    assert repository.flush().status == "saved"


def test_leftover_temp_files_of_a_dead_writer_are_removed(db_path: Path) -> None:
    Repository.open(db_path).close()
    leftover = db_path.with_name(f".{db_path.name}.12345.1.tmp")
    leftover.write_bytes(b'{"half": ')
    Repository.open(db_path).close()
    assert not leftover.exists()


def test_a_folder_in_place_of_the_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "infoview.json"
    folder.mkdir()
    with pytest.raises(DatabaseUnreadable, match="is a folder"):
        Repository.open(folder)


def test_older_schema_is_migrated_after_a_backup(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db_path.parent.mkdir(parents=True)
    old = {"_meta": {"1": {"app": "infoview", "schema": 0}}, "contacts": {"1": {"fullname": "Ana", "id": "a"}}}
    db_path.write_bytes(orjson.dumps(old))

    def rename_fullname(data: dict) -> dict:  # type: ignore[type-arg]
        for record in data.get("contacts", {}).values():
            record["name"] = record.pop("fullname")
        return data

    monkeypatch.setitem(schema.MIGRATIONS, 0, rename_fullname)
    repo = Repository.open(db_path)
    try:
        assert [contact.name for contact in repo.contacts()] == ["Ana"]
        assert repo.file.dirty
        repo.flush()
        assert schema.schema_of(orjson.loads(db_path.read_bytes())) == schema.CURRENT_SCHEMA
        assert any("schema0" in path.name for path in backups.list_backups(db_path))
    finally:
        repo.close()


def test_a_hand_edited_record_that_no_longer_fits_is_skipped_not_lost(repository: Repository, db_path: Path) -> None:
    repository.save_contact(Contact(name="Ana"))
    repository.db.table("contacts").insert({"name": "Bad", "tier": 9, "id": "bad"})
    assert [contact.name for contact in repository.contacts()] == ["Ana"]
    assert any("tier must be 1, 2, 3 or 4" in line for line in repository.skipped_records)
    repository.flush()
    assert '"tier": 9' in db_path.read_text()  # still in the file, untouched


def test_database_file_flush_without_changes_writes_nothing(db_path: Path) -> None:
    database = DatabaseFile(db_path)
    database.open()
    try:
        before = db_path.stat().st_mtime_ns
        assert database.flush().status == "unchanged"
        assert db_path.stat().st_mtime_ns == before
    finally:
        database.close()


def test_records_are_written_as_stored_json_expects() -> None:
    """to_record lets orjson walk the dataclass: enums by value, aware datetimes exactly as
    isoformat() writes them (microseconds only when there are some), lists copied."""
    from datetime import datetime

    from infoview_tui.domain.model import Ask, Channel, Contact, Stage, StageChange
    from infoview_tui.domain.records import from_record, to_record
    from tests.conftest import ZONE

    asked = datetime(2026, 7, 1, 9, 30, 15, 123, tzinfo=ZONE)
    sent = datetime(2026, 1, 2, 3, 4, 5, tzinfo=ZONE)
    full = Contact(
        "Zoë Ødegård", tier=2, company="Nordlys", role='Head of "Research"', referred_by="x", curiosity_ids=["a", "b"],
        emails=["z@example.no"], phones=["+47 1"], links=["https://z"], notes="line 1\nline 2", stage=Stage.ASKED,
        stage_history=[StageChange(Stage.ASKED, asked)], last_update_sent=sent,
        asks=[Ask(datetime(2026, 3, 29, 4, 30, tzinfo=ZONE), Channel.IN_PERSON, "hi"), Ask(datetime(2026, 11, 1, tzinfo=ZONE))],
        follow_ups_done=["k"],
    )  # fmt: skip
    record = to_record(full)
    assert record["stage"] == "asked" and record["tier"] == 2 and record["referred_by"] == "x"
    assert record["stage_history"] == [{"stage": "asked", "at": asked.isoformat()}]
    assert record["stage_history"][0]["at"] == "2026-07-01T09:30:15.000123+02:00"
    assert record["last_update_sent"] == "2026-01-02T03:04:05+01:00" == sent.isoformat()
    assert record["asks"] == [
        {"at": "2026-03-29T04:30:00+02:00", "channel": "in_person", "message": "hi"},
        {"at": "2026-11-01T00:00:00+01:00", "channel": None, "message": ""},
    ]
    assert record["created"] == full.created.isoformat() and record["emails"] is not full.emails
    assert from_record(Contact, record) == full
    assert to_record(Contact("Ana Lima"))["last_update_sent"] is None


def test_interview_outlines_are_the_interviews_without_notes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Today's follow-ups read outlines; everything but notes, reactions and reflection must match."""
    from dataclasses import fields

    from infoview_tui.demo import build_demo
    from infoview_tui.store.repository import Repository
    from tests.conftest import FIXED_NOW

    repository = Repository.open(tmp_path / "db.json")
    build_demo(repository, FIXED_NOW)
    full = {i.id: i for i in repository.interviews()}
    outlines = repository.interview_outlines()
    assert sorted(o.id for o in outlines) == sorted(full)
    heavy = {"questions", "question_notes", "free_notes", "reactions", "reflection"}
    for outline in outlines:
        for field in fields(outline):
            if field.name not in heavy:
                assert getattr(outline, field.name) == getattr(full[outline.id], field.name), field.name
        assert outline.reactions == [] and outline.question_notes == {}
    assert any(full[o.id].reactions for o in outlines)  # the demo has some to leave out
    repository.close()


def test_saving_finds_its_record_after_the_rows_were_rearranged_behind_it(
    repository: Repository, db_path: Path
) -> None:
    """The repository remembers which TinyDB row holds which record, to save a record
    without a query over the whole table; a file reloaded from disk with its rows in
    another order must not make a save land on someone else's record."""
    ana = repository.save_contact(Contact(name="Ana"))
    bo = repository.save_contact(Contact(name="Bo"))
    repository.flush()
    on_disk = orjson.loads(db_path.read_bytes())
    on_disk["contacts"] = {"1": on_disk["contacts"]["2"], "2": on_disk["contacts"]["1"]}  # swapped
    db_path.write_bytes(orjson.dumps(on_disk))
    repository.reload_from_disk()
    repository.save_contact(replace(ana, role="Designer"))
    assert repository.contact(ana.id).role == "Designer"  # type: ignore[union-attr]
    assert repository.contact(bo.id).role == ""  # type: ignore[union-attr]
    assert repository.delete_contact(bo.id)
    carla = repository.save_contact(Contact(name="Carla"))
    repository.save_contact(replace(carla, role="Nurse"))
    assert sorted((c.name, c.role) for c in repository.contacts()) == [("Ana", "Designer"), ("Carla", "Nurse")]
