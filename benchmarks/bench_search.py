"""Search everything (F6) on the heavy database: the time from a key typed in the search
box to its results drawn, beside a floor measured in the same run.

    python benchmarks/make_heavy_db.py /tmp/heavy.json
    python benchmarks/bench_search.py /tmp/heavy.json                # at 80x24 and 120x40
    python benchmarks/bench_search.py /tmp/heavy.json --size 120x40  # one size (repeatable)

Per key: the wall time from the key event being posted to the app until the screen has
been refreshed with the results for the box's new text (the headless app, Pilot's
driver). The floor: a bare Python scan of the same folded (lower-cased, accent-free)
texts for the same words, the least any search can do. Target: median <= 3x the floor.

Beside them: the key to the results ready in the list (before the screen update that
draws them), and a bare Textual app echoing an Input the same way. "Ready" is often below
the floor: each letter typed searches only what the word so far found. The rest of "drawn"
is Textual's screen update, with no new layout (the list is a box of fixed size that draws
only the rows that show, whatever the number of results): every visible result row painted
(each row's snippet cut around its match for the new text; Textual's own per-line work is
about half of it), the box, the count and the preview.

Then the same queries typed in bursts (a key every 2 ms, faster than results can be
drawn): every search that ran must have been for the box's text at that moment, so no
key waits behind a search the next key had already made stale.

Last, the first F6 after an edit (one interview's notes changed): how soon a key typed in
the box is drawn, the longest the event loop was held meanwhile, and when the new index
(only the interviews read again, in a thread) is in use and finds the new word.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from textual import events, on
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from infoview_tui.app import InfoviewApp
from infoview_tui.domain.search import parse_query
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.search import SearchBox, SearchScreen, index_of
from infoview_tui.ui.search_index import current_index

# Words of the heavy database's notes, names and companies; a miss; a phrase.
QUERIES = ["mentor", "budget stress", "nadia", "grace okafor", "city hospital", "fellowship", '"team budget"']
PACED_INTERVAL = 0.03  # a fast typist; each key's results are drawn before the next
BURST_INTERVAL = 0.002


def bare_scan(texts: list[str], terms: tuple[str, ...]) -> float:
    """The floor: the texts holding every term, each term filtering what the one before
    kept (the quickest plain scan), without building or drawing anything. Seconds."""
    began = time.perf_counter()
    kept = texts
    for term in sorted(terms, key=len, reverse=True):
        kept = [text for text in kept if term in text]
    return time.perf_counter() - began


def key_for(character: str) -> events.Key:
    names = {" ": "space", '"': "quotation_mark"}
    return events.Key(names.get(character, character), character)


class BareInput(App[None]):
    """Textual's own floor for a key: an Input whose text a Static echoes, nothing else."""

    def compose(self) -> ComposeResult:
        yield Input()
        yield Static(id="echo")

    @on(Input.Changed)
    def echo(self, event: Input.Changed) -> None:
        self.query_one("#echo", Static).update(event.value)


async def bare_input(size: tuple[int, int]) -> list[float]:
    """Key posted to the echo drawn, for the same keys."""
    app = BareInput()
    per_key: list[float] = []
    async with app.run_test(size=size) as pilot:
        box = app.query_one(Input)
        box.focus()
        await pilot.pause(0.2)
        for query in QUERIES:
            box.value = ""
            await pilot.pause(0.05)
            for count in range(1, len(query) + 1):
                drawn: list[float] = []
                began = time.perf_counter()
                app.post_message(key_for(query[count - 1]))
                while box.value != query[:count]:
                    await asyncio.sleep(0)
                app.call_after_refresh(lambda: drawn.append(time.perf_counter()))  # noqa: B023  awaited below
                while not drawn:
                    await asyncio.sleep(0)
                per_key.append(drawn[0] - began)
                await asyncio.sleep(PACED_INTERVAL)
    return per_key


async def measure(database: Path, size: tuple[int, int]) -> dict[str, object]:
    repository = Repository.open(database)
    app = InfoviewApp(repository, install_signal_handlers=False)
    try:
        async with app.run_test(size=size) as pilot:
            started = time.perf_counter()
            await pilot.press("f6")
            screen = app.screen
            assert isinstance(screen, SearchScreen), screen
            while screen._index is None:
                await asyncio.sleep(0.001)
            index_built = time.perf_counter() - started
            await pilot.pause(0.2)
            box = screen.query_one("#search-box")

            # When results are drawn: the screen refreshed after showing them.
            drawn: dict[str, float] = {}
            ready: dict[str, float] = {}  # the results set in the list, before the frame that draws them
            searched: list[tuple[str, str]] = []  # (searched for, the box's text then)
            show = screen._show

            def showing(results, query):  # type: ignore[no-untyped-def]
                searched.append((query, box.value))  # type: ignore[attr-defined]
                show(results, query)
                ready.setdefault(query, time.perf_counter())
                screen.call_after_refresh(lambda: drawn.setdefault(query, time.perf_counter()))

            screen._show = showing  # type: ignore[method-assign]

            async def clear() -> None:
                box.value = ""  # type: ignore[attr-defined]
                while screen.shown_query != "":
                    await asyncio.sleep(0.001)
                await pilot.pause(0.05)

            per_key: list[float] = []
            to_ready: list[float] = []
            floor: list[float] = []
            folded = index_of(repository).folded
            for query in QUERIES:
                await clear()
                for count in range(1, len(query) + 1):
                    typed = query[:count]
                    drawn.pop(typed, None)
                    ready.pop(typed, None)
                    began = time.perf_counter()
                    app.post_message(key_for(query[count - 1]))
                    while typed not in drawn:
                        await asyncio.sleep(0)
                    per_key.append(drawn[typed] - began)
                    to_ready.append(ready[typed] - began)
                    terms = parse_query(typed)
                    if terms:
                        floor.append(bare_scan(folded, terms))
                    await asyncio.sleep(PACED_INTERVAL)

            searched.clear()
            typed_keys = 0
            for query in QUERIES:
                await clear()
                searched.clear()
                for character in query:
                    app.post_message(key_for(character))
                    typed_keys += 1
                    await asyncio.sleep(BURST_INTERVAL)
                while screen.shown_query != query:
                    await asyncio.sleep(0.001)
            stale = [(query, then) for query, then in searched if query != then]
            unchanged = await first_f6(app, repository, edit=False)
            after_edit = await first_f6(app, repository, edit=True)
            return {
                **after_edit,
                "unchanged_key_drawn": unchanged["edit_key_drawn"],
                "index": index_built,
                "fields": len(folded),
                "per_key": per_key,
                "to_ready": to_ready,
                "floor": floor,
                "burst_keys": typed_keys,
                "burst_searches": len(searched),
                "stale": stale,
            }
    finally:
        repository.close(save=False)


async def first_f6(app: InfoviewApp, repository: Repository, edit: bool) -> dict[str, float]:
    """From the search, escape; one interview's notes edited (if `edit`); F6, and a key as soon
    as the box has the focus."""
    app.post_message(events.Key("escape", None))
    while isinstance(app.screen, SearchScreen):
        await asyncio.sleep(0.001)
    if edit:
        interview = repository.interviews()[0]
        repository.save_interview(replace(interview, free_notes=interview.free_notes + " zanzibar"))
    longest_hold = 0.0
    watching = True

    async def watch_the_loop() -> None:
        nonlocal longest_hold
        last = time.perf_counter()
        while watching:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            longest_hold, last = max(longest_hold, now - last), now

    watcher = asyncio.create_task(watch_the_loop())
    began = time.perf_counter()
    app.post_message(events.Key("f6", None))
    while not (isinstance(app.screen, SearchScreen) and isinstance(app.focused, SearchBox)):
        await asyncio.sleep(0)
    box = app.focused
    app.post_message(key_for("z"))  # as soon as the box has the focus
    while box.value != "z":
        await asyncio.sleep(0)
    drawn: list[float] = []
    app.screen.call_after_refresh(lambda: drawn.append(time.perf_counter()))
    while not drawn:
        await asyncio.sleep(0)
    screen = app.screen
    while screen._index is None or screen._index is not current_index(repository):
        await asyncio.sleep(0.001)
    in_use = time.perf_counter()
    watching = False
    await watcher
    found = [field.kind for field in screen._index.search("zanzibar")]
    assert found == (["free notes"] if edit else []), found
    return {"edit_key_drawn": drawn[0] - began, "edit_index_in_use": in_use - began, "edit_longest_hold": longest_hold}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description="search benchmark")
    parser.add_argument("database", type=Path, help="made by benchmarks/make_heavy_db.py")
    parser.add_argument(
        "--size", action="append", type=lambda text: tuple(int(part) for part in text.split("x")),
        help="terminal size, e.g. 80x24 (repeatable; default 80x24 and 120x40)",
    )  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as scratch:
        heavy = Path(scratch) / "heavy.json"
        shutil.copyfile(args.database, heavy)
        for size in args.size or [(80, 24), (120, 40)]:
            figures = asyncio.run(measure(heavy, size))
            textual_floor = asyncio.run(bare_input(size))
            rows = {
                "key to results drawn": figures["per_key"],
                "key to results ready": figures["to_ready"],
                "bare Input, key drawn": textual_floor,
            }
            floor = sorted(figures["floor"])  # type: ignore[type-var]
            print(f"{size[0]}x{size[1]}: {figures['fields']} fields searched; index built in {ms(figures['index'])}")  # type: ignore[arg-type]
            print(f"  {'':26}{'median':>11}{'ratio':>8}{'90th pct':>11}{'ratio':>8}")
            floor_median, floor90 = statistics.median(floor), floor[int(len(floor) * 0.9)]
            print(f"  {'floor: bare scan':26}{ms(floor_median):>11}{'':>8}{ms(floor90):>11}")
            for label, values in rows.items():
                ordered = sorted(values)  # type: ignore[type-var]
                median, p90 = statistics.median(ordered), ordered[int(len(ordered) * 0.9)]
                print(f"  {label:26}{ms(median):>11}{median / floor_median:>7.2f}x{ms(p90):>11}{p90 / floor90:>7.2f}x")
            print(
                f"  burst (a key every {BURST_INTERVAL * 1000:.0f} ms): {figures['burst_keys']} keys, "
                f"{figures['burst_searches']} searches run, {len(figures['stale'])} for text already overtaken"  # type: ignore[arg-type]
            )
            print(
                f"  first F6 after an edit: a key drawn in the box after {ms(figures['edit_key_drawn'])}"  # type: ignore[arg-type]
                f" (nothing changed: {ms(figures['unchanged_key_drawn'])}),"  # type: ignore[arg-type]
                f" loop held at most {ms(figures['edit_longest_hold'])};"  # type: ignore[arg-type]
                f" the new index in use after {ms(figures['edit_index_in_use'])}"  # type: ignore[arg-type]
            )
    print(
        "'ready': the search done and the results in the list; 'drawn': then Textual's screen update, which\n"
        "paints every visible result row, the box, the count and the preview (no new layout).\n"
        "targets: median <= 3x the floor; no search run for text a newer key had already replaced"
    )


if __name__ == "__main__":
    main()
