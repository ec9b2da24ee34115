"""What is loaded (a database file) or imported (a JSON backup) can always be saved again,
and never brings a traceback or a control character with it (issue 16: points 1, 7, 8)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_tui.__main__ import main
from infoview_tui.domain.model import Contact
from infoview_tui.domain.text import clean_text, clean_tree
from infoview_tui.formats import backup
from infoview_tui.formats.reading import FileRefused
from infoview_tui.store import backups
from infoview_tui.store.repository import Repository
from infoview_tui.store.serialise import pieces

META = {"_meta": {"1": {"app": "infoview", "schema": 1}}}


def nested(depth: int) -> Any:
    value: Any = "bottom"
    for level in range(depth):
        value = [value] if level % 2 else {"deeper": value}
    return value


def contact(name: str, **fields: Any) -> dict[str, Any]:
    return {"id": f"id-{name.lower()}", "name": name, "tier": 3, **fields}


def dumps_deep(data: Any) -> str:
    """JSON text of any depth (orjson refuses beyond 254; the standard library needs room)."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(10_000)
    try:
        return json.dumps(data)
    finally:
        sys.setrecursionlimit(limit)


def write_json(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps_deep(data))
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def names_in(db: Path) -> list[str]:
    repository = Repository.open(db)
    try:
        return sorted(contact.name for contact in repository.contacts())
    finally:
        repository.close()


# --- depth ------------------------------------------------------------------------------


def test_a_backup_record_nested_too_deep_is_rejected_by_number_and_the_rest_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crafted = write_json(
        tmp_path / "crafted.json", {**META, "contacts": {"1": contact("Ana", extra=nested(300)), "2": contact("Bea")}}
    )
    db = tmp_path / "data" / "infoview.json"
    code, output = run(["import", str(crafted), "--db", str(db)], capsys)
    assert code == 0
    assert "contacts record 1" in output and "'extra' is nested" in output
    assert names_in(db) == ["Bea"]
    # ... and the database it went into saves again, edit after edit
    repository = Repository.open(db)
    try:
        repository.save_contact(Contact(name="Cy"))
        assert repository.flush().status == "saved"
    finally:
        repository.close()


@pytest.mark.parametrize("depth", [1000, 1020])
def test_a_backup_nested_a_thousand_deep_is_read_without_recursion_error(depth: int) -> None:
    text = dumps_deep({**META, "contacts": {"1": contact("Ana", extra=nested(depth)), "2": contact("Bea")}})
    parsed = backup.parse(text)
    assert [record["name"] for record in parsed.records["contacts"]] == ["Bea"]
    assert [rejected.line for rejected in parsed.rejected] == [1]


def test_a_backup_deeper_than_any_json_reader_takes_is_refused_with_a_reason() -> None:
    text = dumps_deep({**META, "contacts": {"1": contact("Ana", extra=nested(1100))}})
    with pytest.raises(FileRefused, match="nested more than 1024 levels deep"):
        backup.parse(text)


@pytest.mark.parametrize("depth", [300, 1000, 1100])
def test_a_database_nested_too_deep_is_refused_naming_the_record_and_left_untouched(
    depth: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = write_json(
        tmp_path / "infoview.json",
        {**META, "contacts": {"1": contact("Ana", extra=nested(depth)), "2": contact("Bea")}},
    )
    before = db.read_bytes()
    code, output = run(["export", "json", str(tmp_path / "out.json"), "--db", str(db)], capsys)
    assert code == 3
    assert "nested" in output and "Traceback" not in output
    if depth <= 1024:  # orjson reads it: the message names table, record and field
        assert "contacts record 1" in output and "Ana" in output and "'extra'" in output
    else:
        assert "more than 1024 levels deep" in output
    assert db.read_bytes() == before


# --- shape ------------------------------------------------------------------------------


def test_tables_and_records_of_the_wrong_shape_are_set_aside_with_a_warning_and_kept(db_path: Path) -> None:
    original = {
        "_meta": {"1": {"app": "infoview", "schema": 1}, "2": ["not", "a", "record"]},
        "contacts": [contact("Ana"), contact("Bea")],  # a table stored as a list
        "interviews": {"1": 5, "2": "a note"},  # records that are a number and a text
        "curiosities": 7,  # a table that is a number
        "values": {"first": {"id": "v1", "name": "Autonomy", "position": 0}},  # a row that is no number
    }
    write_json(db_path, original)
    before = db_path.read_bytes()
    repository = Repository.open(db_path)
    try:
        assert sorted(c.name for c in repository.contacts()) == ["Ana", "Bea"]
        assert repository.interviews() == [] and repository.curiosities() == []
        assert [value.name for value in repository.values()] == ["Autonomy"]
        report = "\n".join(repository.problems_to_report())
        for words in ("'contacts' was a list", "interviews record 1 was the number 5", "'curiosities' held the number 7",
                      "_meta record 2 was a list", "values record(s) had no row number"):  # fmt: skip
            assert words in report
        (kept,) = [path for path in backups.list_backups(db_path) if path.name.endswith("-before-repair.json")]
        assert kept.read_bytes() == before  # nothing lost: the file as it was
        assert str(kept) in report
        repository.save_contact(Contact(name="Cy"))
        repository.flush()
    finally:
        repository.close()
    assert names_in(db_path) == ["Ana", "Bea", "Cy"]


# --- schema -----------------------------------------------------------------------------

ODD_SCHEMAS = {"zero": 0, "text": "1", "float": 1.0, "negative": -3, "null": None, "missing": ...}


def with_schema(value: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {"app": "infoview"}
    if value is not ...:
        meta["schema"] = value
    return {"_meta": {"1": meta}, "contacts": {"1": contact("Ana")}}


@pytest.mark.parametrize("case", ODD_SCHEMAS)
def test_a_database_with_an_odd_schema_is_refused_with_a_message(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = write_json(tmp_path / "infoview.json", with_schema(ODD_SCHEMAS[case]))
    before = db.read_bytes()
    code, output = run(["export", "json", str(tmp_path / "out.json"), "--db", str(db)], capsys)
    assert code == 3
    assert "schema" in output and "Traceback" not in output and "no migration" not in output
    assert db.read_bytes() == before


@pytest.mark.parametrize("case", ODD_SCHEMAS)
def test_a_backup_with_an_odd_schema_is_refused_with_a_message(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crafted = write_json(tmp_path / "backup.json", with_schema(ODD_SCHEMAS[case]))
    code, output = run(["import", str(crafted), "--db", str(tmp_path / "infoview.json")], capsys)
    assert code == 5
    assert "schema" in output and "Nothing was imported" in output and "no migration" not in output


# --- ids --------------------------------------------------------------------------------


def test_backup_records_without_an_id_or_sharing_one_each_get_their_own_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    without_id = {"name": "Ana", "tier": 2}
    crafted = write_json(tmp_path / "backup.json", {**META, "contacts": {
        "1": without_id, "2": contact("Bea"), "3": {**contact("Bea"), "name": "Bo"}, "4": contact("Bea"),
    }})  # fmt: skip
    db = tmp_path / "infoview.json"
    code, output = run(["import", str(crafted), "--db", str(db)], capsys)
    assert code == 0
    assert "contacts record 1 (name 'Ana') had no id" in output
    assert "contacts record 3 (name 'Bo', id 'id-bea') had the same id as contacts record 2" in output
    assert "contacts record 4" in output and "exact copy" in output

    repository = Repository.open(db)
    try:
        first = {c.name: c.id for c in repository.contacts()}
        assert first == {c.name: c.id for c in repository.contacts()}  # the same ids on every read
        assert sorted(first) == ["Ana", "Bea", "Bo"] and first["Bea"] == "id-bea"
        bo = repository.contact(first["Bo"])
        assert bo is not None
        repository.save_contact(Contact(**{**bo.__dict__, "role": "welder"}))
        ana = repository.contact(first["Ana"])
        assert ana is not None and repository.delete_contact(ana.id)  # delete finds it
        assert sorted((c.name, c.role) for c in repository.contacts()) == [("Bea", ""), ("Bo", "welder")]
    finally:
        repository.close()
    code, output = run(["import", str(crafted), "--db", str(db)], capsys)
    assert "Restored nothing new" in output or "Ana" in names_in(db)  # Ana was deleted: she comes back, once
    assert names_in(db) == ["Ana", "Bea", "Bo"]


def test_database_records_without_an_id_or_sharing_one_get_their_own_stored_once(db_path: Path) -> None:
    write_json(
        db_path,
        {
            **META,
            "contacts": {"1": {"name": "Ana", "tier": 2}, "2": contact("Bea"), "3": {**contact("Bea"), "name": "Bo"}},
        },
    )
    repository = Repository.open(db_path)
    try:
        ids = {c.name: c.id for c in repository.contacts()}
        assert ids == {c.name: c.id for c in repository.contacts()}
        assert ids["Bea"] == "id-bea" and ids["Bo"] != "id-bea"
        report = "\n".join(repository.problems_to_report())
        assert "had no id" in report and "had the same id as contacts record 2" in report
        bo = repository.contact(ids["Bo"])
        assert bo is not None
        repository.save_contact(Contact(**{**bo.__dict__, "role": "welder"}))
        bea = repository.contact("id-bea")
        assert bea is not None and bea.name == "Bea" and bea.role == ""  # editing Bo left Bea alone
    finally:
        repository.close()
    stored = orjson.loads(db_path.read_bytes())["contacts"]
    assert sorted(record["id"] for record in stored.values()) == sorted(ids.values())  # written once
    reopened = Repository.open(db_path)
    try:
        assert {c.name: c.id for c in reopened.contacts()} == ids
        assert reopened.problems_to_report() == []
    finally:
        reopened.close()


# --- control characters -----------------------------------------------------------------

HOSTILE = "Ana\x1b]0;owned\x07 \x1b[2J\x9b31m\x7fSmith"


def test_control_characters_in_a_database_never_reach_the_screen(db_path: Path) -> None:
    write_json(
        db_path, {**META, "contacts": {"1": contact(HOSTILE, notes="line one\r\nline two\x85"), "2": contact("Bea")}}
    )
    repository = Repository.open(db_path)
    try:
        ana = next(c for c in repository.contacts() if c.name.startswith("Ana"))
        assert ana.name == "Ana Smith"
        assert ana.notes == "line one\nline two"
        assert any("control characters" in line for line in repository.problems_to_report())
    finally:
        repository.close()
    assert "\\u001b" not in db_path.read_text()  # saved clean; the original is in the backup


def test_control_characters_in_a_restored_backup_never_reach_the_screen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crafted = write_json(tmp_path / "backup.json", {**META, "contacts": {"1": contact(HOSTILE)}})
    db = tmp_path / "infoview.json"
    code, output = run(["import", str(crafted), "--db", str(db)], capsys)
    assert code == 0
    assert names_in(db) == ["Ana Smith"]
    assert "\x1b" not in output


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_the_quick_scan_never_misses_a_control_character(text: str) -> None:
    from infoview_tui.store import validate

    if clean_text(text) == text:
        return
    for encoded in (
        orjson.dumps(text),
        json.dumps(text).encode(),
        json.dumps(text, ensure_ascii=False).encode("utf-8", "surrogatepass"),
    ):
        assert validate.may_hold_control_characters(encoded)
        assert validate.may_hold_control_characters(encoded.decode("utf-8", "surrogatepass"))


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(extra=JSON_VALUES, depth=st.integers(0, 1100), name=st.text(min_size=1))
def test_whatever_a_backup_holds_what_is_restored_can_be_saved(extra: Any, depth: int, name: str) -> None:
    deep = extra
    for _ in range(depth):
        deep = [deep]
    text = dumps_deep({**META, "contacts": {"1": {**contact("x"), "name": name, "extra": deep}}})
    try:
        parsed = backup.parse(text)
    except FileRefused:
        return
    data = {**META, "contacts": {str(row): record for row, record in enumerate(parsed.records["contacts"], start=1)}}
    b"".join(pieces(data))  # raises if anything restored could not be saved
    for record in parsed.records["contacts"]:
        assert clean_tree(record) is record  # no control character left in it


# --- the emergency copy ------------------------------------------------------------------


def test_the_emergency_copy_is_written_even_when_orjson_refuses_the_data() -> None:
    from infoview_tui.store.serialise import rescue_bytes

    class NotJson:
        def __str__(self) -> str:
            return "kept as text"

    data = {**META, "contacts": {
        "1": contact("Deep", extra=nested(300)), "2": contact("Odd", extra=NotJson()), "3": contact("Bea"),
        "4": {"id": "bad-key", (1, 2): "a key no JSON writer takes"},
    }}  # fmt: skip
    with pytest.raises(TypeError):
        b"".join(pieces(data))  # the save fails...
    written, left_out = rescue_bytes(data)  # ...the copy does not
    assert left_out == ["contacts record 4"]
    assert b'"name": "Bea"' in written or b'"name":"Bea"' in written
    assert b"kept as text" in written and written.count(b'"deeper"') == 150


def test_export_reads_a_hand_edited_database_as_the_app_would(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = write_json(tmp_path / "infoview.json", {**META, "contacts": [contact(HOSTILE), 42]})
    before = db.read_bytes()
    code, output = run(["export", "csv", str(tmp_path / "out"), "--db", str(db)], capsys)
    assert code == 0, output
    exported = (tmp_path / "out" / "contacts.csv").read_text()
    assert "Ana Smith" in exported and "\x1b" not in exported
    assert db.read_bytes() == before  # exporting reads only


ROWS = st.lists(
    st.fixed_dictionaries(
        {"name": st.sampled_from(["Ana", "Bea", "Cy"])},
        optional={"id": st.sampled_from([None, "", "a", "b"]), "tier": st.integers(1, 4)},
    ),
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(ROWS)
def test_ids_given_are_unique_the_same_every_time_and_lose_no_distinct_record(rows: list[dict[str, Any]]) -> None:
    from infoview_tui.store import validate

    first = validate.give_ids("contacts", enumerate(rows, start=1))
    again = validate.give_ids("contacts", enumerate(rows, start=1))
    ids = [record["id"] for _, record in first.records]
    assert len(ids) == len(set(ids)) and all(isinstance(i, str) and i for i in ids)
    assert first.records == again.records  # the same file read twice gives the same ids
    kept = [{k: v for k, v in record.items() if k != "id"} for _, record in first.records]
    for row in rows:  # only exact copies are left out
        assert {k: v for k, v in row.items() if k != "id"} in kept
    assert validate.give_ids("contacts", first.records).changed is False  # sound ids stay as they are
    assert all(row.get("id") in (None, "") or row["id"] in ids for row in rows)  # no real id is lost


def test_the_import_command_says_what_reading_the_database_put_right(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = write_json(tmp_path / "infoview.json", {**META, "contacts": {"1": contact("Ana"), "2": 42}})
    crafted = write_json(tmp_path / "backup.json", {**META, "contacts": {"1": contact("Bea")}})
    code, output = run(["import", str(crafted), "--db", str(db)], capsys)
    assert code == 0
    assert "contacts record 2 was the number 42" in output and "before-repair" in output
    assert names_in(db) == ["Ana", "Bea"]


def test_a_synced_version_merged_in_is_checked_like_a_file_that_is_opened(
    repository: Repository, db_path: Path
) -> None:
    repository.save_contact(Contact(name="Ana"))
    repository.flush()
    theirs = orjson.loads(db_path.read_bytes())  # another machine's save, edited by hand there
    theirs["contacts"]["98"] = {"name": "No id", "tier": 3}
    theirs["contacts"]["99"] = contact(HOSTILE)
    db_path.write_bytes(orjson.dumps(theirs))
    assert repository.file.merge_disk_version() is not None
    ids = {c.name: c.id for c in repository.contacts()}
    assert ids == {c.name: c.id for c in repository.contacts()}  # the same ids on every read
    assert sorted(ids) == ["Ana", "Ana Smith", "No id"]
