"""Measure event-loop stalls: a task that asks to wake every millisecond records how
late each wake-up is. Shared by the benchmarks that report stalls."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

TICK = 0.001


@asynccontextmanager
async def loop_gaps() -> AsyncIterator[list[float]]:
    """`async with loop_gaps() as gaps:` fills `gaps` with each wake-up's lateness (s)."""
    gaps: list[float] = []
    finished = asyncio.Event()

    async def ticker() -> None:
        previous = time.perf_counter()
        while not finished.is_set():
            await asyncio.sleep(TICK)
            now = time.perf_counter()
            gaps.append(now - previous - TICK)
            previous = now

    ticking = asyncio.create_task(ticker())
    try:
        yield gaps
    finally:
        finished.set()
        await ticking
