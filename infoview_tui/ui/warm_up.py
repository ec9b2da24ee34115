"""Build ahead, in the user's pauses, what the main screens will read.

On a big network the first visit to a screen paid for building its records: 20,000 people
took ~0.5 s to build for the Network, 5,000 interviews in full ~1.3 s for Insights
(issue #14, `benchmarks/bench_screens.py --scale-db`). The store keeps each record's object
until the record changes (`Repository.warm_up`), so that work can be done once, early:
after the first frame, while the user reads Today, in slices short enough that a key
pressed meanwhile waits at most one slice. It stops while keys come and goes on after a
pause; once done, what it built is frozen out of the garbage collector's full walks.

Nothing here imports Textual: the app runs `build_while_idle` as a worker on its loop.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from functools import partial
from typing import TypeVar

Result = TypeVar("Result")

# Building starts this long after the last key or mouse event...
AFTER_INPUT_SECONDS = 0.3
# ...and runs in slices of about this long, the event loop served between them (a key
# typed meanwhile waits at most one slice; the typing benchmark's floor stalls 12-48 ms).
SLICE_SECONDS = 0.008


async def build_while_idle(
    steps: Iterable[None],
    seconds_since_input: Callable[[], float],
    *,
    clock: Callable[[], float] = time.perf_counter,
) -> int:
    """Run `steps` (each a short piece of work) only while no input has come for
    AFTER_INPUT_SECONDS, a slice at a time; returns how many slices it took."""
    pending = iter(steps)
    slices = 0
    while True:
        wait = AFTER_INPUT_SECONDS - seconds_since_input()
        if wait > 0:
            await asyncio.sleep(wait)
            continue
        slices += 1
        ends = clock() + SLICE_SECONDS
        for _ in pending:
            if clock() >= ends:
                break
        else:
            return slices
        await asyncio.sleep(0)  # the loop serves keys, timers and paints before the next slice


async def in_background_thread(work: Callable[[], Result]) -> Result:
    """`work()` in a daemon thread, awaited. Not asyncio's executor: its threads are waited
    for when the app exits, so quitting during a build ahead (the search index of 20,000
    people, ~1 s) waited for it; work done ahead is worth nothing once the user quits, and
    it writes nothing, so a daemon thread is simply left behind."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[Result] = loop.create_future()

    def settle(outcome: Callable[[], None]) -> None:
        if not future.done():  # cancelled meanwhile (the app closing): nothing to tell
            outcome()

    def run() -> None:
        try:
            outcome = partial(future.set_result, work())
        except BaseException as error:  # noqa: BLE001  handed to the awaiting task, which raises it
            outcome = partial(future.set_exception, error)
        with suppress(RuntimeError):  # the loop is closed: the app has gone
            loop.call_soon_threadsafe(settle, outcome)

    threading.Thread(target=run, name="infoview: building ahead", daemon=True).start()
    return await future
