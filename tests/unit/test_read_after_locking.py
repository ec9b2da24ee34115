"""A database locked first and read later (`Repository.open(load=False)`, then `load()`): how
the app opens a big file, reading it once its first frame is out (issue #14). Until it is
read, nothing may write, merge or snapshot the empty data in its place."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from infoview_tui.domain.model import Contact
from infoview_tui.store.errors import DatabaseLocked, DatabaseUnreadable
from infoview_tui.store.repository import Repository
from infoview_tui.store.storage import settings_at_the_top


def saved_with_ana(db_path: Path) -> bytes:
    repository = Repository.open(db_path)
    repository.save_contact(Contact(name="Ana Lima", tier=1))
    repository.close()
    return db_path.read_bytes()


def test_a_file_locked_but_not_yet_read_holds_its_lock_and_reads_later(db_path: Path) -> None:
    saved_with_ana(db_path)
    repository = Repository.open(db_path, load=False)
    try:
        assert not repository.loaded
        with pytest.raises(DatabaseLocked):  # another infoview is refused before anything is read
            Repository.open(db_path, load=False)
        repository.load()
        assert repository.loaded
        assert [contact.name for contact in repository.contacts()] == ["Ana Lima"]
    finally:
        repository.close()


def test_what_was_read_before_the_file_is_not_kept_once_it_is(db_path: Path) -> None:
    saved_with_ana(db_path)
    repository = Repository.open(db_path, load=False)
    try:
        before = repository.generation()
        assert repository.contacts() == []  # a screen built too early saw nothing...
        repository.load()
        assert repository.generation() != before  # ...and knows to build again
        assert [contact.name for contact in repository.contacts()] == ["Ana Lima"]
    finally:
        repository.close()


def test_a_file_never_read_is_never_written(db_path: Path) -> None:
    """Quitting (or a signal) before the file is read must not save the empty data over it,
    nor merge a sync tool's conflict copy into nothing."""
    on_disk = saved_with_ana(db_path)
    copy = db_path.with_name("infoview.sync-conflict-20261128-140233-ABCD123.json")
    shutil.copy(db_path, copy)
    repository = Repository.open(db_path, load=False)
    assert repository.flush().status == "unchanged"
    assert repository.absorb_conflict_copies() == []
    with pytest.raises(RuntimeError):
        repository.file.capture()
    assert repository.close().status == "unchanged"
    assert db_path.read_bytes() == on_disk
    assert copy.exists()
    Repository.open(db_path).close()  # the lock was let go


def test_a_file_read_late_keeps_everything_a_read_at_once_does(db_path: Path) -> None:
    """Read late, a file is backed up as found, can be edited and saved as usual."""
    saved_with_ana(db_path)
    repository = Repository.open(db_path, load=False)
    repository.load()
    repository.save_contact(Contact(name="Bo Berg", tier=2))
    repository.close()
    again = Repository.open(db_path)
    try:
        assert sorted(contact.name for contact in again.contacts()) == ["Ana Lima", "Bo Berg"]
    finally:
        again.close()


@pytest.mark.parametrize(
    ("content", "kind"),
    [(b'{"_meta": {"1": {"app": "infov', "truncated"), (b'{"a": 1}', "foreign"), (b"   ", "empty")],
)
def test_a_file_that_cannot_be_used_is_refused_when_read_and_left_as_it_was(
    db_path: Path, content: bytes, kind: str
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    repository = Repository.open(db_path, load=False)
    with pytest.raises(DatabaseUnreadable) as refused:
        repository.load()
    assert refused.value.kind == kind
    assert repository.close().status == "unchanged"
    assert db_path.read_bytes() == content
    with pytest.raises(DatabaseUnreadable):  # the lock was let go: the next open gets as far as reading
        Repository.open(db_path)


def test_a_file_gone_before_it_is_read_is_refused_in_words(db_path: Path) -> None:
    saved_with_ana(db_path)
    repository = Repository.open(db_path, load=False)
    db_path.unlink()
    with pytest.raises(DatabaseUnreadable) as refused:
        repository.load()
    assert "cannot read" in str(refused.value)
    repository.close()
    assert not db_path.exists()  # nothing written in its place


def test_a_new_database_is_created_and_read_at_once(db_path: Path) -> None:
    repository = Repository.open(db_path, load=False)
    try:
        assert repository.loaded
        assert db_path.exists()
    finally:
        repository.close()


# --- the theme of a big file, for its first frame ------------------------------------


def saved_with_theme(db_path: Path, theme: str) -> None:
    repository = Repository.open(db_path)
    repository.save_contact(Contact(name="Ana Lima", tier=1))  # contacts written before the settings...
    repository.save_settings(replace(repository.settings(), theme=theme, brainstorm="pottery\n" * 50))
    repository.close()


def test_the_settings_are_written_first_so_a_big_file_shows_its_theme_before_it_is_read(db_path: Path) -> None:
    saved_with_theme(db_path, "nord")
    assert list(orjson.loads(db_path.read_bytes()))[:2] == ["_meta", "settings"]  # ...are written after them
    repository = Repository.open(db_path, load=False)
    try:
        assert repository.theme_before_reading() == "nord"
        record = settings_at_the_top(db_path)
        assert record is not None and record["brainstorm"].startswith("pottery")
    finally:
        repository.close()


def test_settings_written_last_by_an_older_infoview_are_left_to_the_reading(db_path: Path) -> None:
    saved_with_theme(db_path, "nord")
    data = orjson.loads(db_path.read_bytes())
    settings = data.pop("settings")
    db_path.write_bytes(orjson.dumps({**data, "settings": settings}, option=orjson.OPT_INDENT_2))
    assert settings_at_the_top(db_path) is None
    repository = Repository.open(db_path)
    try:
        assert repository.settings().theme == "nord"
    finally:
        repository.close()


@given(head=st.binary(max_size=400))
@example(head=b'{"_meta": {"1": {"app": "infoview", "schema": 1}}, "settings": {"1": {"theme": 7}},')
@example(head=b'{"_meta": {"1": {"app": "infoview"}}, [1]: 2,')
@example(head=b'{"_meta": {"1": {"app": "infoview"}}, "settings": ' + b"[" * 5000)
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_whatever_a_file_begins_with_looking_for_its_theme_never_fails(tmp_path: Path, head: bytes) -> None:
    path = tmp_path / "any.json"
    path.write_bytes(head)
    record = settings_at_the_top(path)
    assert record is None or isinstance(record, dict)


def test_a_theme_that_is_not_text_is_no_theme(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b'{"_meta": {"1": {"app": "infoview", "schema": 1}}, "settings": {"1": {"theme": 7}}, "x": {}}')
    repository = Repository.open(db_path, load=False)
    try:
        assert repository.theme_before_reading() is None
    finally:
        repository.close()
