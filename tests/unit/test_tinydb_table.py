"""TinyDB used through its documented extension point only (store/tinydb_table.py), and
what infoview relies on TinyDB for, checked so that an upgrade that changes it fails here
rather than in a user's file.

The reliance: "TinyDB gives a table a new dict on every write", and the repository gives
a changed record a new dict. A save captures the tables (a shallow copy) and serialises
them in slices while typing goes on; the capture must stay exactly that moment's data.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson
import pytest
from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document, Table

from infoview_tui.domain.model import Contact, Interview, Settings
from infoview_tui.store.repository import Repository
from infoview_tui.store.schema import CONTACTS, INTERVIEWS, SETTINGS
from infoview_tui.store.tinydb_table import RecordTable

PACKAGE = Path(__file__).resolve().parents[2] / "infoview_tui"
EXTENSION = PACKAGE / "store" / "tinydb_table.py"


def _tinydb_private_names() -> tuple[set[str], set[str]]:
    """(names only TinyDB has, names common enough that only `x._name` off `self` counts)."""
    database = TinyDB(storage=MemoryStorage)
    table = database.table("probe")
    names: set[str] = set()
    for holder in (TinyDB, Table, Document, database, table, Query(), MemoryStorage()):
        names |= {name for name in vars(holder) if name.startswith("_") and not name.startswith("__")}
    specific = {name for name in names if re.search(r"table|next_id|query_cache|generate_test", name)}
    return specific, names - specific - {"_abc_impl"}


def test_no_private_tinydb_name_is_used_outside_the_table_extension() -> None:
    specific, common = _tinydb_private_names()
    assert {"_update_table", "_next_id", "_read_table"} <= specific  # the scan looks for what matters
    anywhere = re.compile(r"\.(" + "|".join(sorted(specific)) + r")\b")
    off_self = re.compile(r"(?<!\bself)\.(" + "|".join(sorted(common)) + r")\b")
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == EXTENSION:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if anywhere.search(code) or off_self.search(code):
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert not found, "private TinyDB API outside store/tinydb_table.py:\n" + "\n".join(found)


# --- the contract of Table._update_table that RecordTable.edit relies on (tinydb==4.9.0) ---


def _table_with(records: dict[str, dict[str, Any]]) -> tuple[TinyDB, RecordTable]:
    database = TinyDB(storage=MemoryStorage)
    database.table_class = RecordTable
    database.storage.write({"people": records})
    table = database.table("people")
    assert isinstance(table, RecordTable)
    return database, table


def test_a_replaced_record_is_a_new_dict_in_the_same_row_and_place() -> None:
    database, table = _table_with({"1": {"id": "a", "n": 1}, "2": {"id": "b", "n": 2}, "3": {"id": "c", "n": 3}})
    stored_before = database.storage.read()["people"]
    record_before = stored_before["2"]
    table.edit(lambda stored: {**stored, "n": 20}, rows=[2])
    stored_after = database.storage.read()["people"]
    assert stored_after is not stored_before, "TinyDB wrote into the table dict a capture may hold"
    assert stored_before["2"] == {"id": "b", "n": 2} and record_before == {"id": "b", "n": 2}
    assert stored_after["2"] == {"id": "b", "n": 20}
    assert list(stored_after) == ["1", "2", "3"], "an edited record moved in the file"
    assert [document["id"] for document in table.all()] == ["a", "b", "c"]


def test_edit_sees_rows_by_number_and_only_the_rows_asked_for() -> None:
    _database, table = _table_with({"1": {"id": "a"}, "7": {"id": "b"}})
    seen: list[Any] = []

    def look(stored: Any) -> None:
        seen.append(stored["id"])

    table.edit(look, rows=[7, 99])  # a row that is not there is passed over
    assert seen == ["b"]
    table.edit(look)
    assert seen == ["b", "a", "b"]


def test_added_records_go_after_the_highest_row_even_when_the_data_was_replaced_behind_the_table() -> None:
    database, table = _table_with({"1": {"id": "a"}})
    assert table.edit(add=[{"id": "b"}]) == [2]
    # A merge replaces the whole data; TinyDB's own cached count would still say 3.
    database.storage.write({"people": {"1": {"id": "a"}, "2": {"id": "b"}, "3": {"id": "c"}, "9": {"id": "z"}}})
    assert table.edit(add=[{"id": "d"}, {"id": "e"}]) == [10, 11]
    assert table.get(doc_id=11) == {"id": "e"}


def test_a_search_after_an_edit_sees_the_edit() -> None:
    _database, table = _table_with({"1": {"id": "a", "status": "planned"}})
    planned = Query().status == "planned"
    assert len(table.search(planned)) == 1  # now cached
    table.edit(lambda stored: {**stored, "status": "done"})
    table.edit(add=[{"id": "b", "status": "planned"}])
    assert [document["id"] for document in table.search(planned)] == ["b"]


@pytest.mark.parametrize(
    "write",
    [
        lambda table: table.insert({"id": "x"}),
        lambda table: table.update({"n": 5}, doc_ids=[1]),
        lambda table: table.remove(doc_ids=[1]),
        lambda table: table.truncate(),
        lambda table: table.edit(add=[{"id": "x"}]),
    ],
    ids=["insert", "update", "remove", "truncate", "edit"],
)
def test_every_tinydb_write_stores_the_table_as_a_new_dict(write: Callable[[Any], object]) -> None:
    database, table = _table_with({"1": {"id": "a", "n": 1}})
    before = database.storage.read()["people"]
    write(table)
    assert database.storage.read()["people"] is not before
    assert list(before) == ["1"], "rows were added to or removed from the table dict a capture may hold"
    # (update() still edits the record dict itself in place: why the repository never calls it)


# --- the reliance, as a user meets it: a save writes what it captured ---------------------


def _every_kind_of_write(repository: Repository, contact: Contact, interview: Interview) -> None:
    repository.save_contact(replace(contact, notes="typed after the capture"))
    repository.save_contact(Contact(name="Someone new"))
    repository.add_and_update_contacts([{"id": "imported", "name": "Imported"}], [replace(contact, company="Acme")])
    repository.save_interview(replace(interview, free_notes="more notes"))
    repository.restore_records(CONTACTS, [{"id": "restored", "name": "Restored"}])
    repository.save_settings(Settings(brainstorm="changed"))
    repository.delete_interview(interview.id)
    repository.delete_contact(contact.id)


def test_a_captured_save_is_not_changed_by_edits_made_while_it_is_written(repository: Repository) -> None:
    contact = repository.save_contact(Contact(name="Ada", notes="before"))
    interview = repository.save_interview(Interview(contact_id=contact.id, free_notes="first"))
    repository.save_settings(Settings(brainstorm="before"))
    snapshot = repository.file.capture()
    captured = copy.deepcopy(snapshot.tables)
    _every_kind_of_write(repository, contact, interview)
    assert snapshot.tables == captured
    assert orjson.loads(b"".join(snapshot.pieces())) == orjson.loads(orjson.dumps(captured))
    # and the edits are all there for the next save
    assert repository.contact(contact.id) is None
    assert {c.name for c in repository.contacts()} == {"Someone new", "Imported", "Restored"}
    assert repository.settings().brainstorm == "changed"
    assert repository.interview(interview.id) is None
    assert repository.generation(INTERVIEWS, SETTINGS) > 0


def test_a_new_record_after_a_merge_gets_a_row_of_its_own(db_path: Path) -> None:
    repository = Repository.open(db_path)
    try:
        repository.save_contact(Contact(name="Ada"))
        repository.flush()
        data = orjson.loads(db_path.read_bytes())
        data[CONTACTS].update({str(row): {"id": f"other-{row}", "name": f"Other {row}"} for row in range(2, 6)})
        db_path.write_bytes(orjson.dumps(data))  # another machine added four people
        assert repository.merge_from_disk() is not None
        repository.save_contact(Contact(name="Bo"))
        repository.add_and_update_contacts([{"id": "imported", "name": "Cy"}], [])
        names = sorted(contact.name for contact in repository.contacts())
        assert names == ["Ada", "Bo", "Cy", "Other 2", "Other 3", "Other 4", "Other 5"]
    finally:
        repository.close()
