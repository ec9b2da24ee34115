"""Exports are all or nothing, private, never overwrite, and name files safely whatever the
people are called (issue 16, point 9)."""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoview_tui.demo import build_demo
from infoview_tui.domain.model import Contact, Interview
from infoview_tui.formats import export as export_module
from infoview_tui.formats.export import ExportRefused, export
from infoview_tui.store.lock import lock_path_for
from infoview_tui.store.repository import Repository
from tests.conftest import FIXED_NOW

TARGETS = {"markdown": "notes", "csv": "table", "ics": "cal.ics", "json": "backup.json"}
NAME_BYTES = 255  # one path component on Linux file systems


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The umask most desktops have: with it, a folder made without care is 0755."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _entries(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def _files_in(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder`, with its bytes and when it was written."""
    return {str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(folder.rglob("*")) if path.is_file()}  # fmt: skip


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _failing_fsync(monkeypatch: pytest.MonkeyPatch, failing_call: int) -> Callable[[], int]:
    """The disk fills up at the `failing_call`-th fsync; returns how many calls were made."""
    real_fsync = os.fsync
    calls = 0

    def fsync(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == failing_call:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return lambda: calls


# --- all or nothing ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(TARGETS))
def test_a_failure_at_any_write_leaves_nothing_behind(
    fmt: str, repository: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_demo(repository, FIXED_NOW)
    repository.flush()
    counting = tmp_path / "counting"
    counting.mkdir()
    count_calls = _failing_fsync(monkeypatch, failing_call=0)
    export(repository, fmt, counting / "new" / TARGETS[fmt], FIXED_NOW)
    total = count_calls()
    assert total >= 2
    for failing_call in range(1, total + 1):
        place = tmp_path / f"try{failing_call}"
        place.mkdir()
        _failing_fsync(monkeypatch, failing_call)
        with pytest.raises(ExportRefused, match="Nothing was written") as refused:
            export(repository, fmt, place / "new" / "deeper" / TARGETS[fmt], FIXED_NOW)
        assert "No space left on device" in str(refused.value)
        # Not the target, not the folders made for it, not a temporary file or folder.
        assert _entries(place) == [], f"left behind after a failure at fsync {failing_call}: {_entries(place)}"


def test_a_markdown_export_that_fails_midway_writes_no_file(repository: Repository, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    build_demo(repository, FIXED_NOW)
    real = export_module.interview_markdown
    written = 0

    def fourth_fails(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal written
        written += 1
        if written == 4:
            raise OSError(errno.EIO, "Input/output error")
        return real(*args, **kwargs)

    monkeypatch.setattr(export_module, "interview_markdown", fourth_fails)
    with pytest.raises(ExportRefused, match=r"Input/output error\. Nothing was written"):
        export(repository, "markdown", tmp_path / "notes", FIXED_NOW)
    assert _entries(tmp_path) == ["data"]  # the database's own folder, nothing else


@pytest.mark.parametrize("fmt", sorted(TARGETS))
def test_a_target_that_appears_meanwhile_is_never_overwritten(
    fmt: str, repository: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_demo(repository, FIXED_NOW)
    target = tmp_path / TARGETS[fmt]
    real_fsync = os.fsync

    def someone_else_writes_first(fd: int) -> None:
        real_fsync(fd)
        if not target.exists():  # another program takes the name while the export is built
            if fmt in ("markdown", "csv"):
                target.mkdir()
                (target / "theirs.txt").write_text("theirs")
            else:
                target.write_text("theirs")

    monkeypatch.setattr(os, "fsync", someone_else_writes_first)
    with pytest.raises(ExportRefused, match="nothing was overwritten"):
        export(repository, fmt, target, FIXED_NOW)
    if fmt in ("markdown", "csv"):
        assert _entries(target) == ["theirs.txt"]
    else:
        assert target.read_text() == "theirs"
    assert _entries(tmp_path) == sorted(["data", TARGETS[fmt]])


# --- file names from people's names ------------------------------------------------------------


def _assert_safe(name: str) -> None:
    assert 0 < len(name.encode()) <= NAME_BYTES
    assert "/" not in name and "\0" not in name and not name.startswith(".")
    assert not any(unicodedata.category(char).startswith("C") for char in name), repr(name)
    assert name == unicodedata.normalize("NFC", name)


def test_long_and_odd_names_make_safe_distinct_files(repository: Repository, tmp_path: Path) -> None:
    names = [
        "A" * 5000,
        "B" * 300 + " first",
        "B" * 300 + " second",
        "李" * 200,  # 600 bytes in UTF-8: cut between characters, never inside one
        "Zoë Ødegård",
        "../../etc/passwd",
        "\x00nul\x1b[2J\x9b31m",
        ".hidden",
        "\u202egnp.exe",  # right-to-left override: a name that would read backwards
        "!!!",  # nothing to make a name of
    ]
    for offset, name in enumerate(names):
        contact = repository.save_contact(Contact(name, tier=2))
        repository.save_interview(Interview(contact.id, scheduled_at=FIXED_NOW + timedelta(minutes=offset)))
    export(repository, "markdown", tmp_path / "notes", FIXED_NOW)
    files = _entries(tmp_path / "notes")
    assert len(files) == len(names) + 1 and "index.md" in files
    for name in files:
        _assert_safe(name)
        assert name.endswith(".md")
    assert "2026-11-25-zoe-ødegard.md" in files
    assert any(name.startswith("2026-11-25-李李") for name in files)
    assert not (tmp_path / "etc").exists()
    index = (tmp_path / "notes" / "index.md").read_text()
    for name in files:
        if name != "index.md":
            assert f"]({name})" in index


@given(
    st.lists(st.text(min_size=0, max_size=400), min_size=1, max_size=6),
    st.sampled_from([None, "2026-11-25"]),
)
def test_any_name_becomes_a_safe_unique_file_name(names: list[str], day: str | None) -> None:
    from infoview_tui.formats.export_files import interview_file_name

    taken: set[str] = set()
    made = [interview_file_name(name * 3, day, taken) for name in names]
    for file_name in made:
        _assert_safe(file_name)
        assert file_name.endswith(".md") and file_name.startswith(day or "undated")
    assert len({name.casefold() for name in made}) == len(made)


# --- private, and the folders it needs ---------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(TARGETS))
def test_exports_and_the_folders_they_make_are_private(fmt: str, repository: Repository, tmp_path: Path) -> None:
    build_demo(repository, FIXED_NOW)
    target = tmp_path / "new" / "deeper" / TARGETS[fmt]
    export(repository, fmt, target, FIXED_NOW)
    assert _mode(tmp_path / "new") == 0o700 and _mode(tmp_path / "new" / "deeper") == 0o700
    if fmt in ("markdown", "csv"):
        assert _mode(target) == 0o700
        assert {_mode(path) for path in target.iterdir()} == {0o600}
    else:
        assert _mode(target) == 0o600
    assert _entries(tmp_path / "new" / "deeper") == [TARGETS[fmt]]  # no temporary left


def test_an_existing_empty_folder_is_filled(repository: Repository, tmp_path: Path) -> None:
    build_demo(repository, FIXED_NOW)
    (tmp_path / "notes").mkdir()
    export(repository, "csv", tmp_path / "notes", FIXED_NOW)
    assert _entries(tmp_path / "notes") == ["contacts.csv", "interviews.csv"]
    assert _mode(tmp_path / "notes") == 0o700


def test_a_file_in_the_way_of_a_folder_is_refused(repository: Repository, tmp_path: Path) -> None:
    (tmp_path / "plan.txt").write_text("mine")
    with pytest.raises(ExportRefused, match=r"plan.txt is a file, not a folder.*Nothing was written"):
        export(repository, "markdown", tmp_path / "plan.txt" / "notes", FIXED_NOW)
    assert (tmp_path / "plan.txt").read_text() == "mine"


# --- reading the last save without becoming the writer ----------------------------------------


def test_the_last_save_is_read_without_lock_or_write(db_path: Path) -> None:
    from infoview_tui.store.read_only import open_last_save

    app_side = Repository.open(db_path)  # holds the lock, as the running app does
    app_side.save_contact(Contact("Ana Lima", tier=1))
    app_side.flush()
    app_side.save_contact(Contact("Not saved yet", tier=2))  # only in the app's memory
    before = _files_in(db_path.parent)
    try:
        last_save = open_last_save(db_path)
        assert [contact.name for contact in last_save.repository.contacts()] == ["Ana Lima"]
        assert last_save.app_is_open
        assert last_save.saved_at.timestamp() == pytest.approx(db_path.stat().st_mtime)
        with pytest.raises(RuntimeError, match="read-only"):
            last_save.repository.save_contact(Contact("Written by the export", tier=3))
            last_save.repository.flush()
        last_save.repository.close()
        assert _files_in(db_path.parent) == before  # no lock taken (its file still names the app), no backup, no write
        assert before[lock_path_for(db_path).name][0].startswith(f"pid {os.getpid()}".encode())
    finally:
        app_side.close()
    last_save = open_last_save(db_path)
    assert not last_save.app_is_open and len(last_save.repository.contacts()) == 2
    last_save.repository.close()


def test_a_missing_database_is_not_created_by_reading_it(tmp_path: Path) -> None:
    from infoview_tui.store.errors import StoreError
    from infoview_tui.store.read_only import open_last_save

    with pytest.raises(StoreError, match="There is no infoview database at"):
        open_last_save(tmp_path / "none" / "infoview.json")
    assert _entries(tmp_path) == []


def test_a_pipe_or_folder_as_the_database_is_refused_without_reading(tmp_path: Path) -> None:
    from infoview_tui.store.errors import StoreError
    from infoview_tui.store.read_only import open_last_save

    os.mkfifo(tmp_path / "pipe")  # reading it would wait forever for a writer
    with pytest.raises(StoreError, match="pipe is a pipe or a device, not a file"):
        open_last_save(tmp_path / "pipe")
    with pytest.raises(StoreError, match="is a folder, not a file"):
        open_last_save(tmp_path)
