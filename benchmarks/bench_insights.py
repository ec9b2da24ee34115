"""The Insights screen on the heavy database beside the Today screen, in one run.

    python benchmarks/make_heavy_db.py /tmp/heavy.json
    python benchmarks/bench_insights.py /tmp/heavy.json

Both screens are measured the same way, in the headless app at 120x40: the time from the
key that shows the screen (F5 for Insights, F2 for Today, each switching from the other)
until it has settled, which includes reading the store, computing what it shows and
drawing it. The first Insights open (building the screen) is shown too. Median of rounds.
Target: Insights <= 2x Today.
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

ROUNDS = 9


async def measure(database: Path) -> dict[str, float]:
    repository = Repository.open(database)
    interviews = repository.count_interviews()
    reactions = sum(len(raw.get("reactions", [])) for raw in repository.db.table("interviews").all())
    app = InfoviewApp(repository, install_signal_handlers=False)
    today, insights = [], []
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.3)
            started = time.perf_counter()
            await pilot.press("f5")
            await pilot.pause()
            first = time.perf_counter() - started
            for _ in range(ROUNDS):
                started = time.perf_counter()
                await pilot.press("f2")
                await pilot.pause()
                today.append(time.perf_counter() - started)
                started = time.perf_counter()
                await pilot.press("f5")
                await pilot.pause()
                insights.append(time.perf_counter() - started)
    finally:
        repository.close()
    return {
        "interviews": interviews,
        "reactions": reactions,
        "first": first,
        "today": statistics.median(today),
        "insights": statistics.median(insights),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="insights screen benchmark")
    parser.add_argument("database", type=Path, help="made by benchmarks/make_heavy_db.py")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as scratch:
        heavy = Path(scratch) / "heavy.json"
        shutil.copyfile(args.database, heavy)
        figures = asyncio.run(measure(heavy))
    print(f"database: {figures['interviews']:.0f} interviews, {figures['reactions']:,.0f} reactions; "
          f"median of {ROUNDS} rounds")  # fmt: skip
    print(f"today     F2, Today refreshed and drawn      {figures['today'] * 1000:7.1f} ms")
    print(f"insights  F5, Insights refreshed and drawn   {figures['insights'] * 1000:7.1f} ms"
          f"   = {figures['insights'] / figures['today']:.2f}x Today   (target <= 2x)")  # fmt: skip
    print(f"first     F5 the first time (screen built)   {figures['first'] * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
