"""Piecewise serialisation gives exactly the bytes of one orjson call."""

from __future__ import annotations

import threading
from pathlib import Path

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_tui.store.serialise import dumps_in_pieces
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
@given(TABLES, st.integers(min_value=1, max_value=5))
def test_pieces_equal_one_call(data: dict, records_per_piece: int) -> None:  # type: ignore[type-arg]
    assert dumps_in_pieces(data, records_per_piece) == orjson.dumps(data, option=orjson.OPT_INDENT_2)


def test_text_with_newlines_and_quotes_survives() -> None:
    data = {"notes": {str(n): {"text": 'line one\nline "two"\r\n\tend'} for n in range(200)}}
    assert orjson.loads(dumps_in_pieces(data)) == data


def test_a_save_waits_for_an_edit_under_way(tmp_path: Path) -> None:
    database = DatabaseFile(tmp_path / "db.json")
    database.open()
    try:
        started, release = threading.Event(), threading.Event()

        def slow_edit() -> None:
            with database.editing():
                database.data["notes"] = {"1": {"half": True}}
                started.set()
                release.wait(5)
                database.data["notes"]["1"] = {"half": False, "whole": True}

        with database.editing():  # an earlier edit, so the save below has work to do
            database.data["earlier"] = {"1": {"done": True}}
        editor = threading.Thread(target=slow_edit)
        editor.start()
        started.wait(5)
        threading.Timer(0.003, release.set).start()
        database.flush()
        editor.join()
        saved = orjson.loads((tmp_path / "db.json").read_bytes())
        assert saved["earlier"]["1"] == {"done": True}
        # The save waited for the edit to finish; had it given up waiting and written the
        # half-done record, the data would still count as unsaved, so the next save
        # writes the finished edit.
        assert saved.get("notes", {}).get("1") != {"half": True} or database.dirty
        database.flush()
        assert orjson.loads((tmp_path / "db.json").read_bytes())["notes"]["1"] == {"half": False, "whole": True}
    finally:
        database.close()
