"""Two machines, one synced file: the app open in a real terminal while another process
replaces the file the way a sync client does (a temp file renamed over it). The user
keeps typing; the next save merges both without asking, and the file holds both."""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from infoview_tui.domain.model import Contact
from infoview_tui.store import lineage
from infoview_tui.store.repository import Repository
from tests.functional.terminal import RealTerminal, read_brainstorm


def _wait_for(condition, seconds: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("not true in time")
        time.sleep(0.1)


def _contact_names(db: Path) -> list[str]:
    data = orjson.loads(db.read_bytes())
    return sorted(record["name"] for record in data.get("contacts", {}).values())


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal")
def test_a_sync_client_replacing_the_file_is_merged_while_the_user_types(tmp_path: Path) -> None:
    db = tmp_path / "career.json"
    repository = Repository.open(db)
    repository.save_contact(Contact(name="Ana Lima", notes="met at the meetup"))
    repository.close()
    # Ana is in the agenda ("who next"), which takes the focus: `b` goes to the brainstorm.

    terminal = RealTerminal("--db", str(db), columns=100, rows=30)
    try:
        terminal.wait_for_output(b"Work that piques")
        time.sleep(1.0)  # the first paint settles and the agenda takes the focus
        terminal.type("b")
        time.sleep(0.3)
        terminal.type("UX research")
        _wait_for(lambda: read_brainstorm(db) == "UX research")  # the app saved once

        # The laptop's copy arrives: a new person and a note on Ana, written beside the
        # file and renamed over it, as Syncthing and Dropbox do.
        theirs = orjson.loads(db.read_bytes())
        ana_row = next(row for row, record in theirs["contacts"].items() if record["name"] == "Ana Lima")
        theirs["contacts"][ana_row] = {**theirs["contacts"][ana_row], "notes": "met at the meetup; now at SunPower"}
        theirs["contacts"]["99"] = {"id": "from-laptop", "name": "Sam Ortiz", "tier": 4}
        theirs["_meta"] = lineage.stamped(theirs, datetime.now().astimezone(), writer="laptop", host="laptop")
        temporary = tmp_path / ".career.json.syncthing.tmp"
        temporary.write_bytes(orjson.dumps(theirs, option=orjson.OPT_INDENT_2))
        os.replace(temporary, db)

        terminal.type(", hospital admin")  # the user keeps typing
        _wait_for(lambda: read_brainstorm(db) == "UX research, hospital admin" and "Sam Ortiz" in _contact_names(db))
        data = orjson.loads(db.read_bytes())
        ana = next(record for record in data["contacts"].values() if record["name"] == "Ana Lima")
        assert ana["notes"] == "met at the meetup; now at SunPower"
        assert b"Merged" in terminal.output  # one quiet notice says what came in
        assert not list(tmp_path.glob("career.conflict-*.json"))  # no choose-one copy
        terminal.type("\x11")  # ctrl+q
        assert terminal.finish() == 0
    finally:
        terminal.kill()
    assert read_brainstorm(db) == "UX research, hospital admin"
    assert _contact_names(db) == ["Ana Lima", "Sam Ortiz"]
