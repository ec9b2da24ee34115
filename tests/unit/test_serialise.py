"""Piecewise serialisation gives exactly the bytes of one orjson call; a captured state
stays as it was while editing goes on."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_tui.domain.model import Contact, Interview, Question, Settings, Value
from infoview_tui.formats.merge import new_contact_records
from infoview_tui.formats.reading import Person
from infoview_tui.store import storage
from infoview_tui.store.repository import Repository
from infoview_tui.store.serialise import pieces
from infoview_tui.store.storage import DatabaseFile

JSON_LEAVES = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
TABLES = st.dictionaries(
    st.text(max_size=10),
    st.dictionaries(st.integers(1, 10_000).map(str), JSON_VALUES, max_size=12) | JSON_VALUES,
    max_size=5,
)


@settings(max_examples=300, deadline=None)
@given(TABLES, st.none() | st.integers(min_value=1, max_value=5))
def test_pieces_equal_one_call(data: dict, records_per_piece: int | None) -> None:  # type: ignore[type-arg]
    assert b"".join(pieces(data, records_per_piece)) == orjson.dumps(data, option=orjson.OPT_INDENT_2)


def test_text_with_newlines_and_quotes_survives() -> None:
    data = {"notes": {str(n): {"text": 'line one\nline "two"\r\n\tend' * n} for n in range(400)}}
    assert b"".join(pieces(data)) == orjson.dumps(data, option=orjson.OPT_INDENT_2)  # pieces sized by bytes


def test_a_file_written_in_pieces_is_whole_even_when_the_system_writes_a_little_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_writev = os.writev
    monkeypatch.setattr(storage, "_IOV_MAX", 3)
    # Like a real short write: a prefix of the buffers' bytes, here at most 10.
    monkeypatch.setattr(storage.os, "writev", lambda fd, buffers: real_writev(fd, [b"".join(buffers)[:10]]))
    pieces = [b"{\n", memoryview(b'  "a": [1, 2, 3],\n')[2:], b"", b'  "b": "' + b"x" * 100 + b'"\n', b"}"]
    storage.write_atomically(tmp_path / "db.json", pieces)
    assert (tmp_path / "db.json").read_bytes() == b"".join(bytes(piece) for piece in pieces)


def test_a_snapshot_is_taken_between_edits_not_inside_one(tmp_path: Path) -> None:
    database = DatabaseFile(tmp_path / "db.json")
    database.open()
    try:
        with database.editing():
            database.data["notes"] = {"1": {"half": True}}
            with pytest.raises(RuntimeError, match="in the middle of an edit"):
                database.capture()
        assert database.capture().tables["notes"] == {"1": {"half": True}}
    finally:
        database.close()


def test_a_snapshot_stays_as_it_was_while_every_kind_of_edit_goes_on(repository: Repository) -> None:
    """The app saves a captured state a piece at a time while the user keeps editing;
    no edit may reach into what was captured (TinyDB's update() would: it changes the
    stored dict in place)."""
    ana = repository.save_contact(Contact("Ana Lima", tier=2, emails=["ana@example.org"]))
    interview = repository.save_interview(Interview(contact_id=ana.id, questions=[Question("Why?")]))
    value = repository.save_value(Value("Craft"))
    repository.save_settings(Settings(your_name="Sam"))
    repository.add_and_update_contacts(new_contact_records([Person(1, "Bo Chen")], 4), [])
    snapshot = repository.file.capture()
    expected = b"".join(snapshot.pieces())

    repository.save_contact(replace(ana, role="Designer", emails=["ana@new.org"]))
    repository.save_interview(replace(interview, free_notes="typed after the capture"))
    repository.save_value(replace(value, name="Craft and care"))
    repository.save_settings(Settings(your_name="Sam Doe"))
    repository.add_and_update_contacts(
        new_contact_records([Person(1, "Carla Reyes")], 4), [replace(ana, company="Lumen")]
    )
    repository.delete_contact(ana.id)

    assert b"".join(snapshot.pieces()) == expected
    assert repository.file.write_snapshot(snapshot, list(snapshot.pieces())).status == "saved"
    assert b"ana@example.org" in repository.path.read_bytes() and b"Carla" not in repository.path.read_bytes()


def test_an_older_snapshot_never_overwrites_a_newer_save(repository: Repository) -> None:
    repository.save_contact(Contact("Ana Lima"))
    older = repository.file.capture()
    repository.save_contact(Contact("Bo Chen"))
    assert repository.flush().status == "saved"  # e.g. quit, while a background save was under way
    assert repository.file.write_snapshot(older, list(older.pieces())).status == "unchanged"
    assert b"Bo Chen" in repository.path.read_bytes()
