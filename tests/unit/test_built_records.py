"""The store builds each record's object once and keeps it while the record stays the same
(records are replaced by new dicts, never edited in place): listing again costs no build,
a change rebuilds only what changed, and what is listed always matches what is stored."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from infoview_tui.demo import build_demo
from infoview_tui.domain.model import Contact, Interview
from infoview_tui.domain.records import from_record
from infoview_tui.store import repository as repository_module
from infoview_tui.store.repository import Repository
from infoview_tui.ui.warm_up import build_while_idle, in_background_thread
from tests.conftest import FIXED_NOW


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The class name of every object the repository builds from a record."""
    built: list[str] = []

    def counting(cls: type, data: object) -> object:
        built.append(cls.__name__)
        return from_record(cls, data)

    monkeypatch.setattr(repository_module, "from_record", counting)
    return built


def fresh(repository: Repository, cls: type, table: str) -> list[object]:
    """What a build from scratch of the stored records gives."""
    return [from_record(cls, dict(record)) for record in repository.db.table(table).all()]


def test_listing_again_builds_nothing(repository: Repository, builds: list[str]) -> None:
    build_demo(repository, FIXED_NOW)
    first = repository.contacts()
    built = len(builds)
    assert built >= len(first) > 0
    again = repository.contacts()
    assert len(builds) == built
    assert again == first and again is not first  # a new list each time: the caller may sort it


def test_a_changed_record_is_built_again_and_only_it(repository: Repository, builds: list[str]) -> None:
    build_demo(repository, FIXED_NOW)
    before = {contact.id: contact for contact in repository.contacts()}
    target = next(iter(before.values()))
    repository.save_contact(replace(target, company="Somewhere new"))
    built = len(builds)
    after = {contact.id: contact for contact in repository.contacts()}
    assert len(builds) == built + 1
    assert after[target.id].company == "Somewhere new"
    assert all(after[key] is before[key] for key in before if key != target.id)
    assert sorted(after.values(), key=lambda c: c.id) == sorted(
        fresh(repository, Contact, "contacts"),
        key=lambda c: c.id,  # type: ignore[attr-defined]
    )


def test_added_and_removed_records_are_listed_as_stored(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    repository.contacts()
    added = repository.save_contact(Contact(name="Zoe Novak", tier=2))
    gone = next(c for c in repository.contacts() if c.name == "Daniel Weiss")
    repository.delete_contact(gone.id)
    names = [contact.name for contact in repository.contacts()]
    assert added.name in names and gone.name not in names
    assert repository.contacts() == fresh(repository, Contact, "contacts")


def test_each_view_of_an_interview_follows_its_record(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    full, outlines, writings = repository.interviews(), repository.interview_outlines(), repository.interview_writings()
    peaks = repository.reaction_peaks()
    done = next(i for i in full if i.reactions)
    repository.save_interview(replace(done, free_notes="written later", reactions=done.reactions[:1]))
    assert next(i for i in repository.interviews() if i.id == done.id).free_notes == "written later"
    assert next(i for i in repository.interview_writings() if i.id == done.id).free_notes == "written later"
    assert (
        next(i for i in repository.interview_outlines() if i.id == done.id).free_notes == ""
    )  # outlines leave notes out
    assert repository.reaction_peaks()[done.id] != peaks[done.id] or len(done.reactions) == 1
    assert repository.interviews() == fresh(repository, Interview, "interviews")
    assert len(repository.interview_outlines()) == len(outlines) and len(repository.interview_writings()) == len(
        writings
    )


def test_a_whole_new_file_replaces_every_built_object(repository: Repository, tmp_path: Path) -> None:
    build_demo(repository, FIXED_NOW)
    repository.contacts()
    other = Repository.open(tmp_path / "other.json")
    other.save_contact(Contact(name="Only one", tier=1))
    other.close()
    repository.path.write_bytes((tmp_path / "other.json").read_bytes())  # another machine's save
    repository.reload_from_disk()  # as after a conflict: every table is replaced
    assert [contact.name for contact in repository.contacts()] == ["Only one"]


def test_building_ahead_leaves_nothing_to_build(repository: Repository, builds: list[str]) -> None:
    build_demo(repository, FIXED_NOW)
    steps = sum(1 for _ in repository.warm_up(pause_every=3))
    assert steps > 3  # it pauses: the app runs it in slices
    built = len(builds)
    repository.contacts(), repository.interviews(), repository.interview_outlines()
    repository.interview_writings(), repository.reaction_peaks(), repository.curiosities()
    assert len(builds) == built


def test_building_ahead_waits_for_a_pause_in_typing() -> None:
    since_input = [0.0]
    done: list[int] = []

    def steps():  # type: ignore[no-untyped-def]
        for number in range(5):
            done.append(number)
            yield

    async def run() -> int:
        task = asyncio.ensure_future(build_while_idle(steps(), lambda: since_input[0]))
        await asyncio.sleep(0.05)
        assert done == []  # a key just came: nothing runs
        since_input[0] = 10.0
        return await asyncio.wait_for(task, 5)

    assert asyncio.run(run()) >= 1
    assert done == [0, 1, 2, 3, 4]


def test_work_done_ahead_in_a_thread_never_holds_up_quitting() -> None:
    """The thread is a daemon (the interpreter does not wait for it at exit, as it waits for
    asyncio's executor); its result or its error reaches the task awaiting it."""
    seen: list[bool] = []

    def work() -> int:
        seen.append(threading.current_thread().daemon)
        return 42

    def failing() -> int:
        raise ValueError("a bad record")

    async def run() -> tuple[int, str]:
        result = await in_background_thread(work)
        try:
            await in_background_thread(failing)
        except ValueError as error:
            return result, str(error)
        return result, ""

    assert asyncio.run(run()) == (42, "a bad record")
    assert seen == [True]
