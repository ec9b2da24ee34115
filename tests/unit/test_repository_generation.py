"""The store's generation counter: a screen asks `repository.generation(tables...)` and
rebuilds only when a table it shows changed. Each write must count for its own table and
no other; reads count for nothing; a reload or merge counts for every table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from infoview_tui.domain.model import Contact, Curiosity, Interview, Settings, Value
from infoview_tui.store.repository import Repository
from infoview_tui.store.schema import CONTACTS, CURIOSITIES, INTERVIEWS, RECORD_TABLES, SETTINGS, VALUES


def _generations(repository: Repository) -> dict[str, int]:
    return {table: repository.generation(table) for table in RECORD_TABLES}


def _assert_only_changed(repository: Repository, before: dict[str, int], changed: set[str]) -> None:
    after = _generations(repository)
    for table in RECORD_TABLES:
        if table in changed:
            assert after[table] > before[table], f"{table} changed but its generation did not grow"
        else:
            assert after[table] == before[table], f"{table} did not change but its generation moved"


WRITES: list[tuple[str, Callable[[Repository], object]]] = [
    (CONTACTS, lambda repository: repository.save_contact(Contact(name="Ada"))),
    (CURIOSITIES, lambda repository: repository.save_curiosity(Curiosity(name="Pottery"))),
    (INTERVIEWS, lambda repository: repository.save_interview(Interview(contact_id="x"))),
    (VALUES, lambda repository: repository.save_value(Value(name="Autonomy"))),
    (SETTINGS, lambda repository: repository.save_settings(Settings(brainstorm="maps"))),
    (CONTACTS, lambda repository: repository.add_and_update_contacts([{"id": "new-1", "name": "Bo"}], [])),
    (CURIOSITIES, lambda repository: repository.restore_records(CURIOSITIES, [{"id": "c-9", "name": "Maps"}])),
]


@pytest.mark.parametrize(("table", "write"), WRITES, ids=[f"{table}-{n}" for n, (table, _) in enumerate(WRITES)])
def test_each_write_grows_its_own_table_and_no_other(
    repository: Repository, table: str, write: Callable[[Repository], object]
) -> None:
    before = _generations(repository)
    whole = repository.generation()
    write(repository)
    _assert_only_changed(repository, before, {table})
    assert repository.generation() > whole


def test_editing_an_existing_record_grows_its_table(repository: Repository) -> None:
    contact = repository.save_contact(Contact(name="Ada"))
    repository.save_settings(Settings())
    before = _generations(repository)
    repository.save_contact(replace(contact, notes="met at the fair"))
    repository.save_settings(Settings(brainstorm="maps"))
    _assert_only_changed(repository, before, {CONTACTS, SETTINGS})


def test_an_import_that_updates_known_contacts_grows_contacts(repository: Repository) -> None:
    contact = repository.save_contact(Contact(name="Ada"))
    before = _generations(repository)
    repository.add_and_update_contacts([], [replace(contact, company="Analytical")])
    _assert_only_changed(repository, before, {CONTACTS})


def test_deletes_grow_the_tables_they_change(repository: Repository) -> None:
    interview = repository.save_interview(Interview(contact_id="x"))
    curiosity = repository.save_curiosity(Curiosity(name="Pottery"))
    before = _generations(repository)
    assert repository.delete_interview(interview.id)
    _assert_only_changed(repository, before, {INTERVIEWS})
    before = _generations(repository)
    assert repository.delete_curiosity(curiosity.id)
    _assert_only_changed(repository, before, {CURIOSITIES})


def test_deleting_a_contact_grows_the_interviews_that_name_them(repository: Repository) -> None:
    ada = repository.save_contact(Contact(name="Ada"))
    repository.save_interview(Interview(contact_id=ada.id))
    repository.save_curiosity(Curiosity(name="Pottery"))
    before = _generations(repository)
    assert repository.delete_contact(ada.id)
    _assert_only_changed(repository, before, {CONTACTS, INTERVIEWS})


def test_what_changes_nothing_moves_nothing(repository: Repository) -> None:
    contact = repository.save_contact(Contact(name="Ada"))
    repository.save_interview(Interview(contact_id=contact.id))
    repository.restore_records(CONTACTS, [{"id": contact.id, "name": "Ada"}])  # already there
    before = _generations(repository)
    assert not repository.delete_interview("no-such-id")
    assert repository.restore_records(CONTACTS, [{"id": contact.id, "name": "Ada"}]) == (0, 1)
    repository.add_and_update_contacts([], [])
    _assert_only_changed(repository, before, set())


def test_reads_move_nothing(repository: Repository) -> None:
    contact = repository.save_contact(Contact(name="Ada"))
    repository.save_interview(Interview(contact_id=contact.id))
    before = _generations(repository)
    whole = repository.generation()
    repository.contacts()
    repository.contact(contact.id)
    repository.interviews()
    repository.interview_outlines()
    repository.curiosities()
    repository.values()
    repository.settings()
    repository.count_contacts()
    repository.latest_finished_interview()
    repository.flush()  # a save writes the file, not the tables
    _assert_only_changed(repository, before, set())
    assert repository.generation() == whole


def test_a_generation_is_the_sum_of_the_tables_named(repository: Repository) -> None:
    repository.save_contact(Contact(name="Ada"))
    repository.save_value(Value(name="Autonomy"))
    assert repository.generation(CONTACTS, VALUES) == repository.generation(CONTACTS) + repository.generation(VALUES)
    assert repository.generation(CURIOSITIES) == 0


def _other_machine_saves(path: Path, name: str) -> None:
    data = orjson.loads(path.read_bytes())
    data.setdefault(CONTACTS, {})["999"] = {"id": "from-elsewhere", "name": name}
    path.write_bytes(orjson.dumps(data))


def test_a_merge_of_the_disk_version_grows_every_table(db_path: Path) -> None:
    repository = Repository.open(db_path)
    try:
        repository.save_contact(Contact(name="Ada"))
        repository.flush()
        _other_machine_saves(db_path, "Bo")
        before = _generations(repository)
        assert repository.merge_from_disk() is not None
        _assert_only_changed(repository, before, set(RECORD_TABLES))
        assert {contact.name for contact in repository.contacts()} == {"Ada", "Bo"}
    finally:
        repository.close()


def test_a_reload_from_disk_grows_every_table(db_path: Path) -> None:
    repository = Repository.open(db_path)
    try:
        repository.save_contact(Contact(name="Ada"))
        repository.flush()
        _other_machine_saves(db_path, "Bo")
        before = _generations(repository)
        repository.reload_from_disk()
        _assert_only_changed(repository, before, set(RECORD_TABLES))
    finally:
        repository.close()


def test_merging_another_copy_grows_every_table(db_path: Path, tmp_path: Path) -> None:
    repository = Repository.open(db_path)
    try:
        repository.save_contact(Contact(name="Ada"))
        repository.flush()
        copy = tmp_path / "copy.json"
        copy.write_bytes(db_path.read_bytes())
        _other_machine_saves(copy, "Bo")
        from infoview_tui.store.storage import read_other_copy

        theirs, _raw = read_other_copy(copy)
        before = _generations(repository)
        repository.file.merge_copy(theirs)
        _assert_only_changed(repository, before, set(RECORD_TABLES))
    finally:
        repository.close()


def test_absorbing_a_conflict_copy_grows_every_table(db_path: Path) -> None:
    repository = Repository.open(db_path)
    try:
        repository.save_contact(Contact(name="Ada"))
        repository.flush()
        conflict_copy = db_path.with_name(f"{db_path.stem} (conflicted copy 2026-11-25 101500).json")
        conflict_copy.write_bytes(db_path.read_bytes())
        _other_machine_saves(conflict_copy, "Bo")
        before = _generations(repository)
        outcomes = repository.absorb_conflict_copies()
        assert outcomes, "the conflict copy was not found; name it as sync_copies expects"
        _assert_only_changed(repository, before, set(RECORD_TABLES))
    finally:
        repository.close()
