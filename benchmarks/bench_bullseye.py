"""The network screen with 2,000 contacts beside a network of a few people, in one run.

    python benchmarks/make_heavy_db.py /tmp/heavy.json
    python benchmarks/bench_bullseye.py /tmp/heavy.json

Figures (headless app at 120x40; each key is pressed and the app left to settle, which
includes handling the key and repainting what changed). Moves are measured in CPU time
(time.process_time), so the test harness's idle waits do not count.

The floor is a network of twelve people, three in each ring, not an empty one: on an empty
network an arrow selects nothing and repaints nothing, so it measured the key harness alone
(4 ms against 11 ms), not "the same move". With a few people each key makes the same move
(a real selection change: the bullseye's rows, the side list and the detail redrawn), so the
ratio shows what 2,000 contacts add, with the harness's own cost in both columns:
  open      F3 from Today until the network screen has settled (first frame)
  around    100 moves around a ring (right), median and worst
  rings     20 moves between rings (down/up, which refills the side list)
Target (issue #14): a move's median at 2,000 contacts <= 1.5x the same move among a few people.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.make_heavy_db import CURIOSITIES, START, SeededIds, make_contacts
from infoview_tui.app import InfoviewApp
from infoview_tui.domain.model import Curiosity
from infoview_tui.store.repository import Repository

PEOPLE_PER_RING_IN_FLOOR = 3


def write_few_people(path: Path) -> None:
    """The floor's network: contacts made as the heavy ones are, three in each ring."""
    new_id = SeededIds(11)
    curiosities = [Curiosity(name=name, id=new_id(), created=START) for name in CURIOSITIES]
    people = make_contacts(random.Random(3), new_id, 4 * PEOPLE_PER_RING_IN_FLOOR, curiosities)
    repository = Repository.open(path)
    try:
        for curiosity in curiosities:
            repository.save_curiosity(curiosity)
        for index, person in enumerate(people):
            repository.save_contact(replace(person, tier=1 + index % 4, referred_by=None))
    finally:
        repository.close()


async def measure(database: Path) -> dict[str, float]:
    repository = Repository.open(database)
    contacts = repository.count_contacts()
    app = InfoviewApp(repository, install_signal_handlers=False)
    figures: dict[str, float] = {"contacts": contacts}
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.3)
            started = time.perf_counter()
            await pilot.press("f3")
            await pilot.pause()
            figures["open"] = time.perf_counter() - started

            await pilot.press("down", "down", "down")  # the outermost, fullest ring
            await pilot.pause()
            around = []
            for _ in range(100):
                started = time.process_time()
                await pilot.press("right")
                await pilot.pause()
                around.append(time.process_time() - started)
            rings = []
            for step in range(20):
                started = time.process_time()
                await pilot.press("up" if step % 2 == 0 else "down")
                await pilot.pause()
                rings.append(time.process_time() - started)
    finally:
        repository.close()
    figures["around_median"] = statistics.median(around)
    figures["around_worst"] = max(around)
    figures["rings_median"] = statistics.median(rings)
    figures["rings_worst"] = max(rings)
    return figures


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description="network screen benchmark")
    parser.add_argument("database", type=Path, help="made by benchmarks/make_heavy_db.py")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as scratch:
        heavy = Path(scratch) / "heavy.json"
        shutil.copyfile(args.database, heavy)
        few = Path(scratch) / "few.json"
        write_few_people(few)
        floor = asyncio.run(measure(few))
        loaded = asyncio.run(measure(heavy))

    print(f"{'':28}{int(floor['contacts']):>10,} people{int(loaded['contacts']):>10,} contacts{'ratio':>8}")
    for key, label in (
        ("open", "open the network (F3)"),
        ("around_median", "move around a ring, median"),
        ("around_worst", "move around a ring, worst"),
        ("rings_median", "move between rings, median"),
        ("rings_worst", "move between rings, worst"),
    ):
        print(f"{label:28}{ms(floor[key]):>16}{ms(loaded[key]):>16}{loaded[key] / floor[key]:>7.2f}x")
    print("target: a selection move's median at 2,000 contacts <= 1.5x the same move among a few people")


if __name__ == "__main__":
    main()
