"""Typing notes during a call, with the heavy database loaded and autosaves running,
beside the same typing into a bare Textual TextArea app, in one run.

    python benchmarks/make_heavy_db.py /tmp/heavy.json
    python benchmarks/bench_typing.py /tmp/heavy.json

Figures: per key, the wall time from the key event being posted to the character being
in the text area (the same way for both apps, so the ratio is what counts); the longest
gap of a 1 ms ticker in the app's event loop while typing (an event-loop stall). Keys
come every 5 ms, twenty times a fast typist, so repaints and autosaves overlap them.
Target: p99 <= 1.5x the bare app; no stall > 16 ms.

A third column types into the bare TextArea with infoview's garbage-collection policy
(full collections only at pauses, `IdleCollector`): what Textual's own repaint of a
TextArea costs, the floor for a stall on this machine.
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

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import TextArea

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from loop_gaps import loop_gaps

from infoview_tui.app import InfoviewApp
from infoview_tui.store.repository import Repository
from infoview_tui.ui.idle_collection import IdleCollector
from infoview_tui.ui.screens.session import SessionScreen

CHARACTERS = 2000
TEXT = ("she said the best part is the first hour with a new client when nobody knows yet " * 40)[:CHARACTERS]
KEY_INTERVAL = 0.005  # a fast typist is ~0.1 s a key; this is twenty times faster


class BareTextArea(App[None]):
    def compose(self) -> ComposeResult:
        yield TextArea(soft_wrap=True)


async def type_and_measure(app: App[None], pilot, ready) -> dict[str, float]:  # type: ignore[no-untyped-def]
    await ready(pilot)
    # Keys go in as the terminal would send them, and the clock stops when the character
    # is in the text area: Pilot's own waits per key would swamp what is measured.
    area = app.focused
    assert isinstance(area, TextArea), area
    keys: list[float] = []
    async with loop_gaps() as gaps:
        for count, character in enumerate(TEXT, 1):
            started = time.perf_counter()
            app.post_message(events.Key("space" if character == " " else character, character))
            while len(area.text) < count:
                await asyncio.sleep(0)
            keys.append(time.perf_counter() - started)
            await asyncio.sleep(KEY_INTERVAL)
    keys.sort()
    return {
        "median": statistics.median(keys),
        "p99": keys[int(len(keys) * 0.99)],
        "stall": max(gaps),
    }


async def bare(collect_at_pauses: bool = False) -> dict[str, float]:
    app = BareTextArea()
    collector = IdleCollector()
    async with app.run_test(size=(120, 40)) as pilot:

        async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
            app.query_one(TextArea).focus()
            await pilot.pause()
            if collect_at_pauses:
                collector.start()

        try:
            return await type_and_measure(app, pilot, ready)
        finally:
            collector.stop()


async def infoview(database: Path) -> dict[str, float]:
    repository = Repository.open(database)
    app = InfoviewApp(repository, install_signal_handlers=False)
    saves = 0
    write_snapshot = repository.file.write_snapshot

    def counting_write(*args):  # type: ignore[no-untyped-def]
        nonlocal saves
        result = write_snapshot(*args)
        saves += result.status == "saved"
        return result

    repository.file.write_snapshot = counting_write  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(120, 40)) as pilot:

            async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
                await pilot.press("f3", "i")
                await pilot.pause()
                await pilot.press("ctrl+s")
                await pilot.pause(0.5)
                assert isinstance(app.screen, SessionScreen), app.screen
                await pilot.pause(1.5)  # let the save of the session's start go by

            figures = await type_and_measure(app, pilot, ready)
            figures["saves"] = saves
            notes = app.screen.interview.question_notes  # type: ignore[attr-defined]
            figures["typed"] = sum(len(text) for text in notes.values())
            return figures
    finally:
        repository.close()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description="typing benchmark")
    parser.add_argument("database", type=Path, help="made by benchmarks/make_heavy_db.py")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as scratch:
        heavy = Path(scratch) / "heavy.json"
        shutil.copyfile(args.database, heavy)
        floor = asyncio.run(bare())
        floor_gc = asyncio.run(bare(collect_at_pauses=True))
        ours = asyncio.run(infoview(heavy))
    print(f"{CHARACTERS} characters typed into the notes ({int(ours['typed'])} arrived), "
          f"{int(ours['saves'])} autosaves of the {heavy.name} database meanwhile")  # fmt: skip
    print(f"{'':24}{'bare TextArea':>16}{'infoview':>14}{'ratio':>9}{'bare, GC at pauses':>21}")
    for key, label in (("median", "key, median"), ("p99", "key, 99th percentile"), ("stall", "longest loop stall")):
        print(
            f"{label:24}{ms(floor[key]):>16}{ms(ours[key]):>14}{ours[key] / floor[key]:>8.2f}x{ms(floor_gc[key]):>21}"
        )
    print("targets: p99 <= 1.5x the bare app; no stall > 16 ms")


if __name__ == "__main__":
    main()
