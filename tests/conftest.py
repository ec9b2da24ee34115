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


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "infoview.json"


@pytest.fixture
def repository(db_path: Path) -> Iterator[Repository]:
    repo = Repository.open(db_path)
    yield repo
    repo.close()


def make_app(repository: Repository):  # type: ignore[no-untyped-def]
    from infoview_tui.app import InfoviewApp

    return InfoviewApp(repository, clock=lambda: FIXED_NOW, install_signal_handlers=False)
