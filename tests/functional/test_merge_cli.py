"""`infoview merge OTHER.json`: another copy merged in from the command line."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import orjson

from infoview_tui.domain.model import Contact
from infoview_tui.store import backups
from infoview_tui.store.repository import Repository


def infoview(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "infoview_tui", *args], capture_output=True, text=True, timeout=60)


def _two_copies(tmp_path: Path) -> tuple[Path, Path]:
    db = tmp_path / "career.json"
    repository = Repository.open(db)
    repository.save_contact(Contact(name="Ana Lima", notes="met at the meetup"))
    repository.close()
    other = tmp_path / "from-the-laptop.json"
    theirs = orjson.loads(db.read_bytes())
    row = next(iter(theirs["contacts"]))
    theirs["contacts"][row] = {**theirs["contacts"][row], "notes": "met at the meetup; now at SunPower"}
    theirs["contacts"]["5"] = {"id": "sam", "name": "Sam Ortiz", "tier": 4}
    other.write_bytes(orjson.dumps(theirs))
    return db, other


def _names(db: Path) -> list[str]:
    return sorted(record["name"] for record in orjson.loads(db.read_bytes())["contacts"].values())


def test_merge_brings_the_other_copy_in_and_keeps_the_database_as_it_was(tmp_path: Path) -> None:
    db, other = _two_copies(tmp_path)
    before = db.read_bytes()
    dry = infoview("merge", str(other), "--db", str(db), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Merged from the other copy: 2 contacts" in dry.stdout and "nothing is written" in dry.stdout
    assert "new: contact Sam Ortiz" in dry.stdout and "changed: contact Ana Lima" in dry.stdout
    assert db.read_bytes() == before

    done = infoview("merge", str(other), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert _names(db) == ["Ana Lima", "Sam Ortiz"]
    ana = next(r for r in orjson.loads(db.read_bytes())["contacts"].values() if r["name"] == "Ana Lima")
    assert ana["notes"] == "met at the meetup; now at SunPower"
    kept = [path for path in backups.list_backups(db) if path.name.endswith("-before-merge.json")]
    assert [path.read_bytes() for path in kept] == [before]

    again = infoview("merge", str(other), "--db", str(db))  # nothing new the second time
    assert again.returncode == 0 and "held nothing new" in again.stdout and "Nothing to write" in again.stdout


def test_merge_refuses_what_is_not_a_copy_of_an_infoview_database(tmp_path: Path) -> None:
    db, _other = _two_copies(tmp_path)
    before = db.read_bytes()
    foreign = tmp_path / "tasks.json"
    foreign.write_text('{"tasks": []}')
    for target, words in ((foreign, "some other program"), (tmp_path / "missing.json", "cannot read"), (db, "itself")):
        result = infoview("merge", str(target), "--db", str(db))
        assert result.returncode == 5, (target, result.stderr)
        assert words in result.stderr and "Nothing was merged" in result.stderr
        assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_dry_runs_write_nothing_even_what_reading_would_put_right(tmp_path: Path) -> None:
    db, other = _two_copies(tmp_path)
    data = orjson.loads(db.read_bytes())
    row = next(iter(data["contacts"]))
    data["contacts"][row]["name"] = "Ana\x1b[31m Lima"  # a hand edit that reading cleans
    db.write_bytes(orjson.dumps(data))
    before, backups_before = db.read_bytes(), backups.list_backups(db)
    vcard = tmp_path / "one.vcf"
    vcard.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Chen\r\nEND:VCARD\r\n")
    for args in (["merge", str(other), "--dry-run"], ["import", str(vcard), "--dry-run"]):
        result = infoview(*args, "--db", str(db))
        assert result.returncode == 0, result.stderr
        assert db.read_bytes() == before, args
    # Only the hard link that keeps the file as it was before the (unsaved) repair.
    added = [path.name for path in backups.list_backups(db) if path not in backups_before]
    assert all(name.endswith("-before-repair.json") for name in added)


def test_a_reader_that_leaves_early_is_no_error(tmp_path: Path) -> None:
    db, _other = _two_copies(tmp_path)
    for _ in range(3):
        backups.take_backup(db, datetime.now().astimezone(), label="import")
    listing = subprocess.Popen(
        [sys.executable, "-m", "infoview_tui", "--list-backups", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert listing.stdout is not None
    listing.stdout.readline()
    listing.stdout.close()  # as `| head -1` does
    _out, err = listing.communicate(timeout=60)
    assert b"Traceback" not in err
