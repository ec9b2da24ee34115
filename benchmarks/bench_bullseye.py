"""The network screen with 2,000 contacts beside an empty network, in one run.

    python benchmarks/make_heavy_db.py /tmp/heavy.json
    python benchmarks/bench_bullseye.py /tmp/heavy.json

Figures (headless app at 120x40; each key is pressed and the app left to settle, which
includes handling the key and repainting what changed). Moves are measured in CPU time
(time.process_time), so the test harness's idle waits do not count; what the harness
itself costs shows in the empty-network column:
  open      F3 from Today until the network screen has settled (first frame)
  around    100 moves around a ring (right), median and worst
  rings     20 moves between rings (down/up, which refills the side list)
Target: a selection move costs <= 16 ms at 2,000 contacts.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from infoview_tui.app import InfoviewApp
from infoview_tui.store.repository import Repository


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
        empty = Path(scratch) / "empty.json"
        Repository.open(empty).close()
        floor = asyncio.run(measure(empty))
        loaded = asyncio.run(measure(heavy))

    print(f"{'':28}{'empty network':>16}{int(loaded['contacts']):>10,} contacts")
    for key, label in (
        ("open", "open the network (F3)"),
        ("around_median", "move around a ring, median"),
        ("around_worst", "move around a ring, worst"),
        ("rings_median", "move between rings, median"),
        ("rings_worst", "move between rings, worst"),
    ):
        print(f"{label:28}{ms(floor[key]):>16}{ms(loaded[key]):>16}")
    print("target: a selection move <= 16 ms at 2,000 contacts")


if __name__ == "__main__":
    main()
