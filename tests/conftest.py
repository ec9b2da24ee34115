from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from dateutil import tz

from infoview_tui.store.repository import Repository

ZONE = tz.gettz("Europe/Paris")
# A Wednesday evening; every test that shows a date uses this moment.
FIXED_NOW = datetime(2026, 11, 25, 19, 30, tzinfo=ZONE)


@pytest.fixture(autouse=True)
def _own_state_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # What this machine last wrote is kept in the user's state folder (store/local_base.py):
    # each test gets its own, so none reads another's (or the developer's) and none is left.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "infoview.json"


@pytest.fixture
def repository(db_path: Path) -> Iterator[Repository]:
    repo = Repository.open(db_path)
    yield repo
    repo.close()


class MovableClock:
    """A clock the test moves by hand: nothing sleeps, and offsets are exact."""

    def __init__(self, start: datetime = FIXED_NOW) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self.moment += timedelta(**delta)


def make_app(repository: Repository, clock=None):  # type: ignore[no-untyped-def]
    from infoview_tui.app import InfoviewApp

    return InfoviewApp(repository, clock=clock or (lambda: FIXED_NOW), install_signal_handlers=False)


async def first_screen_shown(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for what a user sees first: the first frame (header and footer), then the first
    screen's body, built right after it, in the same step (the app's `first_frame_out`)."""
    for _ in range(500):
        if pilot.app.first_frame_out:
            return
        await pilot.pause()
    raise AssertionError("the first screen was never built")
