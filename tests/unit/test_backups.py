"""Backups by age, read from the folder itself: every process agrees, labelled ones last."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest

from infoview_tui.domain.model import Contact
from infoview_tui.formats.importing import apply, prepare
from infoview_tui.store import backups, storage
from infoview_tui.store.repository import Repository
from tests.conftest import FIXED_NOW, MovableClock


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> MovableClock:
    """Every save and backup sees this clock (as the real processes see the machine's)."""
    moving = MovableClock()
    monkeypatch.setattr(storage, "_now", moving)
    return moving


def names_in(path: Path) -> list[str]:
    data = orjson.loads(path.read_bytes())
    return sorted(record["name"] for record in data.get("contacts", {}).values())


def a_vcard(folder: Path, name: str) -> Path:
    card = folder / f"{name}.vcf"
    card.write_text(f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nEND:VCARD\n", encoding="utf-8")
    return card


def test_twelve_quick_imports_keep_the_state_before_them(db_path: Path, tmp_path: Path, clock: MovableClock) -> None:
    # Each import is a separate `infoview import` process, all in the same second.
    first = Repository.open(db_path)
    first.save_contact(Contact(name="Before"))
    first.close()
    for index in range(12):
        repository = Repository.open(db_path)
        apply(repository, prepare(repository, a_vcard(tmp_path, f"Imported {index:02}")))
        repository.close()
        clock.advance(milliseconds=50)
    states = [names_in(path) for path in backups.list_backups(db_path)]
    assert ["Before"] in states  # the state before the imports is still there to restore
    assert len([path for path in backups.list_backups(db_path) if path.name.endswith("-import.json")]) == 12


def plain_backups(db_path: Path) -> list[Path]:
    """Backups taken for no particular reason: `<stem>-<date>-<time>-<microseconds>.json`."""
    return [path for path in backups.list_backups(db_path) if path.stem.count("-") == 3]


def _a_run_that_saves_twice(db_path: Path, name: str) -> None:
    repository = Repository.open(db_path)
    repository.save_contact(Contact(name=name))
    repository.flush()  # the first save of a run keeps the file as it was found ("opened")
    repository.save_contact(Contact(name=f"{name}, again"))
    repository.close()  # a later one takes a plain backup when one is due


def test_separate_processes_take_one_plain_backup_per_interval(db_path: Path, clock: MovableClock) -> None:
    for index in range(5):
        _a_run_that_saves_twice(db_path, f"Person {index}")
        clock.advance(minutes=1)
    assert len(plain_backups(db_path)) == 1
    clock.advance(minutes=15)
    _a_run_that_saves_twice(db_path, "Later")
    assert len(plain_backups(db_path)) == 2
    # Each run that found the file there kept it as it was, the base of any later merge.
    assert len([path for path in backups.list_backups(db_path) if path.name.endswith("-opened.json")]) == 5


def test_keep_mine_leaves_theirs_for_thirty_days_whatever_the_saves(
    repository: Repository, db_path: Path, clock: MovableClock
) -> None:
    repository.save_contact(Contact(name="Mine"))
    repository.flush()
    theirs = b'{"tasks": [1, 2, 3]}'  # nothing infoview could merge: the user chooses
    db_path.write_bytes(theirs)
    repository.save_contact(Contact(name="Mine too"))
    assert repository.flush().status == "conflict"
    repository.file.keep_my_version()
    for index in range(80):  # a save every 20 minutes for a day, then four weeks later
        clock.advance(minutes=20)
        repository.save_contact(Contact(name=f"Typed {index}"))
        repository.flush()
    replaced = [path for path in backups.list_backups(db_path) if path.name.endswith("-replaced.json")]
    assert len(replaced) == 1 and replaced[0].read_bytes() == theirs
    clock.advance(days=27)
    repository.save_contact(Contact(name="Still here"))
    repository.flush()
    assert replaced[0].exists()


def backup_now(db_path: Path, now: datetime) -> None:
    """One more backup, as a save takes it; that prunes the folder."""
    db_path.write_bytes(b"{}")
    backups.take_backup(db_path, now)


def fake_backups(db_path: Path, moments: list[tuple[datetime, str]]) -> list[Path]:
    folder = backups.backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for moment, label in moments:
        path = folder / f"{db_path.stem}-{moment:%Y%m%d-%H%M%S-%f}{'-' + label if label else ''}.json"
        path.touch()
        made.append(path)
    return made


def test_pruning_keeps_by_age(db_path: Path) -> None:
    now = FIXED_NOW.replace(tzinfo=None)
    every_ten_minutes_for_a_day = [(now - timedelta(minutes=10 * step), "") for step in range(1, 6 * 26)]
    then_every_eleven_hours = [(now - timedelta(hours=step, minutes=5), "") for step in range(26, 24 * 400, 11)]
    fake_backups(db_path, every_ten_minutes_for_a_day + then_every_eleven_hours)
    backup_now(db_path, now)
    kept = [
        datetime.strptime(path.stem[len("infoview-") :], "%Y%m%d-%H%M%S-%f") for path in backups.list_backups(db_path)
    ]
    last_hour = [taken for taken in kept if now - taken < timedelta(hours=1)]
    assert len(last_hour) == 6  # every one of the last hour (now, 10, 20 ... 50 minutes ago)
    last_day = [taken for taken in kept if timedelta(hours=1) <= now - taken < timedelta(days=1)]
    assert len({(taken.date(), taken.hour) for taken in last_day}) == len(last_day)  # one per hour
    assert len(last_day) >= 22
    month = [taken for taken in kept if timedelta(days=1) <= now - taken < timedelta(days=30)]
    assert len({taken.date() for taken in month}) == len(month) and len(month) >= 28  # one per day
    year = [taken for taken in kept if timedelta(days=30) <= now - taken]
    assert len({(taken.year, taken.month) for taken in year}) == len(year)  # one per month...
    assert all(now - taken < timedelta(days=365) for taken in year)  # ...for a year
    assert len(kept) < 80


def test_labelled_backups_stay_thirty_days_whatever_their_count(db_path: Path) -> None:
    now = FIXED_NOW.replace(tzinfo=None)
    imports = fake_backups(db_path, [(now - timedelta(days=2, seconds=step), "import") for step in range(50)])
    old = fake_backups(db_path, [(now - timedelta(days=40, seconds=step), "replaced") for step in range(3)])
    backup_now(db_path, now)
    assert all(path.exists() for path in imports)
    assert [path.exists() for path in old] == [True, False, False]  # then thinned: the newest of its month


def test_the_newest_backup_is_never_deleted(db_path: Path) -> None:
    now = FIXED_NOW.replace(tzinfo=None)
    (only,) = fake_backups(db_path, [(now - timedelta(days=900), "")])
    backups.prune(db_path, now)
    assert only.exists()
    assert backups.list_backups(db_path) == [only]


def test_files_that_are_not_backups_are_left_alone(db_path: Path, repository: Repository, clock: MovableClock) -> None:
    folder = backups.backup_dir(db_path)
    folder.mkdir(exist_ok=True)
    foreign = [folder / "notes.txt", folder / "infoview-latest.json", folder / "infoview-20201301-000000-000000.json"]
    for path in foreign:
        path.write_text("mine, not infoview's")
    (folder / "infoview-20200101-000000-000000.json").mkdir()  # a folder named like a backup
    old = fake_backups(db_path, [(datetime(2020, 1, 1, 12), "")])
    repository.save_contact(Contact(name="Ana"))
    repository.flush()  # takes a backup, which prunes
    assert all(path.read_text() == "mine, not infoview's" for path in foreign)
    assert (folder / "infoview-20200101-000000-000000.json").is_dir()
    assert not old[0].exists()  # a real backup, past the year
    assert all(path.name.startswith("infoview-2026") for path in backups.list_backups(db_path))


def test_backups_are_hard_links_and_private(repository: Repository, db_path: Path) -> None:
    repository.save_contact(Contact(name="Ana"))
    before = db_path.stat().st_ino
    repository.flush()
    (backup,) = backups.list_backups(db_path)
    assert backup.stat().st_ino == before  # the old file itself, no copy
    assert oct(backup.stat().st_mode & 0o777) == oct(0o600)
    assert os.stat(backups.backup_dir(db_path)).st_mode & 0o777 == 0o700


def test_a_backup_of_a_file_another_program_left_readable_is_private(db_path: Path) -> None:
    repository = Repository.open(db_path)
    repository.close()
    os.chmod(db_path, 0o644)  # as a sync tool may write it
    kept = backups.take_backup(db_path, datetime.now().astimezone(), label="other-copy")
    assert kept.stat().st_mode & 0o777 == 0o600
