"""Run Python's full garbage collection while the user pauses, never mid-keystroke.

CPython's cyclic collector runs a full ("generation 2") collection on its own whenever
enough objects have survived the young collections. That walks every tracked object
alive; with Textual's widgets and a call's notes history that is 20-50 ms on the
machines we measure (benchmarks/bench_typing.py), every second or two of fast typing —
the longest pauses a user typing notes would see, in a bare Textual TextArea too.

So the app takes the timing of that one collection over: the automatic one is switched
off, and `tick()` (called by a timer) runs it as soon as no key or mouse event has come
for `idle_seconds`, once as many young collections have passed as would have set off the
automatic one. Memory stays bounded: if the user never pauses, the collection runs
anyway after `force_after` young collections (far more than the automatic threshold;
hours of real typing). The young collections (about 1-2 ms) keep running as they were.

The database loaded at start is frozen out of collections altogether (`gc.freeze`): it
lives as long as the app, and walking it would only cost time.

Nothing here imports Textual, so it is tested on its own.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

IDLE_SECONDS = 1.0
# Full collections only after this many young (generation 1) collections have happened,
# as CPython's own default does (its third threshold, 10).
PENDING_BEFORE_IDLE_COLLECTION = 10
# If the user never pauses for IDLE_SECONDS, collect anyway after this many: in the
# typing benchmark (keys every 5 ms, twenty times a fast typist) ~140 happen in 17 s.
FORCE_AFTER_PENDING = 500
# Large enough that CPython never starts a full collection by itself.
NEVER = 1 << 30


class IdleCollector:
    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        idle_seconds: float = IDLE_SECONDS,
        pending_before_idle: int = PENDING_BEFORE_IDLE_COLLECTION,
        force_after: int = FORCE_AFTER_PENDING,
    ) -> None:
        self._clock = clock
        self._idle_seconds = idle_seconds
        self._pending_before_idle = pending_before_idle
        self._force_after = force_after
        self._last_input = clock()
        self._previous_thresholds: tuple[int, int, int] | None = None
        self.collections = 0  # full collections run here, for tests and curiosity
        self.forced = 0
        # While work done in the user's pauses builds what will stay (ui/warm_up.py), a full
        # collection would walk it half built, again and again: it waits, and the work
        # freezes what it built when it is done (`freeze_what_was_built`).
        self.held = False

    def start(self) -> None:
        """Freeze what is alive now (the loaded database) and take over full collections."""
        gc.freeze()
        young, middle, _ = self._previous_thresholds = gc.get_threshold()
        gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        if self._previous_thresholds is not None:
            gc.set_threshold(*self._previous_thresholds)
            self._previous_thresholds = None
        gc.unfreeze()

    def input_seen(self) -> None:
        self._last_input = self._clock()

    def seconds_since_input(self) -> float:
        return self._clock() - self._last_input

    def freeze_what_was_built(self) -> None:
        """What is alive now lives as long as the app (built ahead for the screens): out of
        every later collection, as the database loaded at start is."""
        gc.freeze()

    def pending(self) -> int:
        """Young collections since the last full one (what CPython's third threshold counts)."""
        return gc.get_count()[2]

    def tick(self) -> bool:
        """Run the full collection if it is due and the user is pausing; True if it ran."""
        pending = self.pending()
        idle = self.seconds_since_input() >= self._idle_seconds
        if pending >= self._force_after:
            self.forced += 1
        elif self.held or not (idle and pending >= self._pending_before_idle):
            return False
        gc.collect(2)
        self.collections += 1
        return True
