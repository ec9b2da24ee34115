"""Importing a 10,000-row LinkedIn Connections.csv beside plain `csv` parsing of the
same file, in one run (the machine is noisy: read the ratio).

    python benchmarks/bench_import.py

Figures (median of several rounds; the ratio is the median of each round's import over
the floor measured just before it, so a slow spell of the machine weighs on both):
  floor    read the file + list(csv.reader(...)): the least any CSV import can do
  import   infoview's import up to the records in the database, in memory: read and
           decode, find the header, build the people, match them against the network
           (empty), build the contacts and insert them (one edit)
  save     the one save that follows, beside the import (not part of the ratio: it is
           the same save any edit makes; see bench_save.py)
  re-import  the same file again into the now full network: everything matched, nothing added
Target: import <= 5x floor.
"""

from __future__ import annotations

import csv
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from infoview_tui.formats.importing import apply, prepare  # noqa: E402
from infoview_tui.store.repository import Repository  # noqa: E402

ROWS = 10_000
ROUNDS = 11


def make_file(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.write('Notes:\n"When exporting your connection data, you may notice that some of the email '
                     'addresses are missing."\n\n')  # fmt: skip
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
        for n in range(ROWS):
            email = f"person{n}@example.org" if n % 4 == 0 else ""
            writer.writerow([f"Firstname{n}", f"Lastname, {n}", f"https://www.linkedin.com/in/person-{n}", email,
                             f"Company {n % 700}", f"Senior role {n % 50}", "12 Nov 2025"])  # fmt: skip


def floor(path: Path) -> float:
    start = time.perf_counter()
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    elapsed = time.perf_counter() - start
    assert len(rows) == ROWS + 4
    return elapsed


def ours(path: Path, folder: Path, n: int) -> tuple[float, float, float]:
    repository = Repository.open(folder / f"db{n}.json")
    try:
        start = time.perf_counter()
        result = apply(repository, prepare(repository, path))
        imported = time.perf_counter() - start
        assert result.summary.startswith(f"Added {ROWS},"), result.summary
        start = time.perf_counter()
        repository.flush()
        saved = time.perf_counter() - start
        start = time.perf_counter()
        again = apply(repository, prepare(repository, path))
        reimported = time.perf_counter() - start
        assert again.summary.startswith("Added 0, merged 0,"), again.summary
        return imported, saved, reimported
    finally:
        repository.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        path = folder / "Connections.csv"
        make_file(path)
        floors, imports, saves, reimports = [], [], [], []
        for n in range(ROUNDS):
            floors.append(floor(path))
            imported, saved, reimported = ours(path, folder, n)
            imports.append(imported)
            saves.append(saved)
            reimports.append(reimported)
        size = path.stat().st_size / 1024 / 1024
    f, i = statistics.median(floors), statistics.median(imports)
    ratio = statistics.median(imported / floor for imported, floor in zip(imports, floors))
    ratios = sorted(imported / floor for imported, floor in zip(imports, floors))
    print(f"file: {ROWS:,} rows, {size:.1f} MB; medians of {ROUNDS} rounds")
    print(f"floor     csv.reader parse   {f * 1000:8.1f} ms")
    print(f"import    infoview import    {i * 1000:8.1f} ms   = {ratio:.2f}x floor   (target <= 5x; "
          f"rounds {ratios[0]:.2f}x to {ratios[-1]:.2f}x)")
    print(f"save      the one save after {statistics.median(saves) * 1000:8.1f} ms")
    print(f"re-import same file again    {statistics.median(reimports) * 1000:8.1f} ms   (adds nothing)")


if __name__ == "__main__":
    main()
