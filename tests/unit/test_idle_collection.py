"""The app's full garbage collections wait for a pause in the user's typing."""

from __future__ import annotations

import gc

import pytest

from infoview_tui.ui import idle_collection
from infoview_tui.ui.idle_collection import NEVER, IdleCollector


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def collections(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The generations `gc.collect` was asked for (none really run)."""
    asked: list[int] = []
    monkeypatch.setattr(idle_collection.gc, "collect", lambda generation=2: asked.append(generation) or 0)
    return asked


def collector_with(pending: int, clock: FakeClock) -> IdleCollector:
    collector = IdleCollector(clock=clock, idle_seconds=1.0, pending_before_idle=10, force_after=500)
    collector.pending = lambda: pending  # type: ignore[method-assign]
    return collector


def test_start_switches_off_automatic_full_collections_and_stop_gives_them_back() -> None:
    before = gc.get_threshold()
    collector = IdleCollector()
    collector.start()
    try:
        assert gc.get_threshold() == (before[0], before[1], NEVER)
        assert gc.get_freeze_count() > 0  # what was alive at the start is left out
    finally:
        collector.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_no_full_collection_while_keys_keep_coming(collections: list[int]) -> None:
    clock = FakeClock()
    collector = collector_with(pending=40, clock=clock)
    for _ in range(20):  # a key every 0.2 s for 4 s
        clock.now += 0.2
        collector.input_seen()
        assert collector.tick() is False
    assert collections == []


def test_collects_once_the_user_pauses(collections: list[int]) -> None:
    clock = FakeClock()
    collector = collector_with(pending=12, clock=clock)
    collector.input_seen()
    clock.now += 0.9
    assert collector.tick() is False
    clock.now += 0.2
    assert collector.tick() is True
    assert collections == [2]
    assert collector.collections == 1 and collector.forced == 0


def test_a_pause_with_little_to_collect_waits(collections: list[int]) -> None:
    clock = FakeClock()
    collector = collector_with(pending=3, clock=clock)
    clock.now += 60
    assert collector.tick() is False
    assert collections == []


def test_collects_anyway_when_the_user_never_pauses(collections: list[int]) -> None:
    clock = FakeClock()
    collector = collector_with(pending=500, clock=clock)
    collector.input_seen()
    assert collector.tick() is True
    assert collections == [2]
    assert collector.forced == 1


def test_pending_counts_young_collections_since_the_last_full_one() -> None:
    collector = IdleCollector()
    gc.collect(2)
    assert collector.pending() == 0
    gc.collect(1)
    gc.collect(1)
    assert collector.pending() == 2
