"""Save cost of infoview's storage beside the floor, and the event-loop stall while
saves run in the background, all in one run on the same data.

    python benchmarks/make_heavy_db.py /tmp/heavy.json
    python benchmarks/bench_save.py /tmp/heavy.json

Figures (medians of several rounds; the machine is noisy, so read the ratios):
  ours     edit one contact + Repository.flush() (atomic write, backup check, conflict check)
  floor    orjson.dumps of the same data + write + fsync + os.replace, done bare
  stock    TinyDB's own JSONStorage: one update on a copy of the same file
  stall    longest gap of a 1 ms ticker in the running app's event loop (headless) while
           keys are typed and the app's own worker saves every 0.25 s, beside a bare
           asyncio ticker with no saves (the machine's noise) and one with saves back
           to back (a stress figure; the app never saves that often)
Targets: ours <= 1.5x floor; stall <= 16 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from loop_gaps import loop_gaps

from infoview_tui.store.repository import Repository

ROUNDS = 15


def time_ours(repository: Repository) -> list[float]:
    contacts = repository.contacts()[:ROUNDS]
    timings = []
    for round_number, contact in enumerate(contacts):
        contact.notes = f"edited in round {round_number}"
        repository.save_contact(contact)
        started = time.perf_counter()
        repository.flush()
        timings.append(time.perf_counter() - started)
    return timings


def time_floor(data: dict, folder: Path) -> list[float]:  # type: ignore[type-arg]
    target = folder / "floor.json"
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        payload = orjson.dumps(data, option=orjson.OPT_INDENT_2)
        temporary = folder / "floor.json.tmp"
        with open(temporary, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        timings.append(time.perf_counter() - started)
    return timings


def time_stock_tinydb(source: Path, folder: Path, rounds: int = 3) -> list[float]:
    from tinydb import Query, TinyDB

    copy = folder / "stock.json"
    shutil.copyfile(source, copy)
    database = TinyDB(copy)
    table = database.table("contacts")
    first_id = table.all()[0]["id"]
    timings = []
    for round_number in range(rounds):
        started = time.perf_counter()
        table.update({"notes": f"stock round {round_number}"}, Query().id == first_id)
        timings.append(time.perf_counter() - started)
    database.close()
    return timings


async def longest_stall(seconds: float, repository: Repository | None) -> tuple[float, int]:
    """Run a 1 ms ticker for `seconds`; if `repository` is given, a thread saves meanwhile."""
    saves = 0
    stop = threading.Event()

    def keep_saving() -> None:
        nonlocal saves
        contacts = repository.contacts()[:50]  # type: ignore[union-attr]
        while not stop.is_set():
            contact = contacts[saves % len(contacts)]
            contact.notes = f"background save {saves}"
            repository.save_contact(contact)  # type: ignore[union-attr]
            repository.flush()  # type: ignore[union-attr]
            saves += 1

    worker = threading.Thread(target=keep_saving) if repository is not None else None
    if worker:
        worker.start()
    async with loop_gaps() as gaps:
        await asyncio.sleep(seconds)
    stop.set()
    if worker:
        worker.join()
    return max(gaps), saves


async def stall_in_the_app(
    database: Path, seconds: float = 8.0, every: float | None = 0.25
) -> tuple[float, float, int]:
    """Run the real app headless on the database, type into it, and save through the
    app's own background worker every `every` s (the app itself saves at most about once
    a second). Returns (longest stall, 99th percentile gap, saves done)."""
    from infoview_tui.app import InfoviewApp

    repository = Repository.open(database)
    app = InfoviewApp(repository, install_signal_handlers=False)
    gaps: list[float] = []
    saves = 0
    if every is None:  # no saves at all while measuring: not even the app's own
        app.saving.schedule.quiet_seconds = app.saving.schedule.max_delay_seconds = float("inf")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.5)
            await pilot.press("b")  # type into Today's brainstorm (the agenda has the focus at first)
            await pilot.pause(0.2)
            loop = asyncio.get_running_loop()
            async with loop_gaps() as measured:
                ends = loop.time() + seconds
                next_save = loop.time()
                while loop.time() < ends:
                    await pilot.press("x")
                    if every is not None and loop.time() >= next_save and not app.saving.busy:
                        app.saving.save_in_background()
                        saves += 1
                        next_save = loop.time() + every
                    await asyncio.sleep(0.02)
            gaps.extend(measured)
            await app.workers.wait_for_complete()
    finally:
        repository.close()
    gaps.sort()
    return gaps[-1], gaps[int(len(gaps) * 0.99)], saves


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description="infoview save benchmark")
    parser.add_argument("database", type=Path, help="made by benchmarks/make_heavy_db.py")
    parser.add_argument("--skip-stock", action="store_true", help="do not time TinyDB's stock JSONStorage")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as scratch:
        folder = Path(scratch)
        working = folder / "infoview.json"
        shutil.copyfile(args.database, working)
        size_mb = working.stat().st_size / 1e6
        repository = Repository.open(working)
        try:
            data = repository.file.data
            ours = statistics.median(time_ours(repository))
            floor = statistics.median(time_floor(data, folder))
            quiet_stall, _ = asyncio.run(longest_stall(3.0, None))
            stress_stall, stress_saves = asyncio.run(longest_stall(6.0, repository))
        finally:
            repository.close()
        app_stall, app_p99, app_saves = asyncio.run(stall_in_the_app(working))
        # The same typing with the autosave pushed out of the way: the app's own floor.
        bare_stall, bare_p99, _ = asyncio.run(stall_in_the_app(working, every=None))
        stock = None if args.skip_stock else statistics.median(time_stock_tinydb(args.database, folder))

    print(f"database: {args.database} ({size_mb:.1f} MB)")
    print(f"save, ours (median of {ROUNDS}):        {ms(ours)}")
    print(f"save, floor (median of {ROUNDS}):       {ms(floor)}")
    print(f"ratio ours / floor:             {ours / floor:7.2f}x   (target <= 1.5x)")
    if stock is not None:
        print(f"update, stock TinyDB JSONStorage:{ms(stock)}   ({stock / floor:.1f}x the floor)")
    print(f"event-loop stall in the running app, {app_saves} background saves while typing:")
    print(f"    longest {ms(app_stall)}   (target <= 16 ms), 99th percentile gap {ms(app_p99)}")
    print(f"    same typing, no saves (the app's floor): longest {ms(bare_stall)}, 99th percentile {ms(bare_p99)}")
    print(f"event-loop stall, bare asyncio, no saves (the machine's noise): {ms(quiet_stall)}")
    print(
        f"event-loop stall, bare asyncio, {stress_saves} saves back to back (stress, not a target): {ms(stress_stall)}"
    )


if __name__ == "__main__":
    main()
