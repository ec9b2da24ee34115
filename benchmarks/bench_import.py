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

Then the peak memory of importing a ~50 MB file, each in a fresh process (so the figure
is that import's own peak, resource.getrusage's ru_maxrss), beside the file's size:
  LinkedIn  a Connections.csv just under the 50 MB limit (and the 50,000-row cap)
  vCard     a .vcf of many cards, ~1 KB each (a long folded note), just under 50 MB
The import is `infoview import FILE` entire: read, plan, write, the one save.
Target: peak <= 10x the file size.
"""

from __future__ import annotations

import contextlib
import csv
import io
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from infoview_tui.formats.importing import apply, prepare
from infoview_tui.formats.reading import MAX_BYTES, MAX_PEOPLE
from infoview_tui.store.repository import Repository

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


PEAK_TARGET_BYTES = MAX_BYTES - 512 * 1024  # just under the limit
_PEAK_MARKER = "--peak-of"


def make_big_linkedin(path: Path) -> int:
    """A Connections.csv just under the size limit, within the row cap: long rows."""
    rows = MAX_PEOPLE - 10
    filler = " and ".join(f"responsibility {n}" for n in range(60))
    row_bytes = (PEAK_TARGET_BYTES - 400) // rows
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.write('Notes:\n"When exporting your connection data..."\n\n')
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
        for n in range(rows):
            start = [f"Firstname{n}", f"Lastname, {n}", f"https://www.linkedin.com/in/person-{n}",
                     f"person{n}@example.org" if n % 4 == 0 else "", f"Company {n % 700}"]  # fmt: skip
            room = row_bytes - len(",".join(start)) - len(",12 Nov 2025\r\n") - 3
            writer.writerow([*start, f"Head of {n % 50}: {filler}"[:room], "12 Nov 2025"])
    return rows


def make_big_vcard(path: Path) -> int:
    """A .vcf of many cards (3.0, a long note folded at 75 columns), just under the size limit."""
    note = " ".join(f"Met at meetup {n}, talked about the move into research; wants an intro" for n in range(11))
    cards = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        while handle.tell() < PEAK_TARGET_BYTES - 2000 and cards < MAX_PEOPLE - 10:
            text = f"NOTE:Card {cards}. {note}"
            folded = "\r\n ".join(text[i : i + 74] for i in range(0, len(text), 74))
            handle.write(
                f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lastname{cards};Firstname;;;\r\nFN:Firstname Lastname{cards}\r\n"
                f"ORG:Company {cards % 700};Research\r\nTITLE:Senior role {cards % 50}\r\n"
                f"EMAIL;TYPE=INTERNET:person{cards}@example.org\r\nTEL;TYPE=CELL:+44 7700 {cards:06d}\r\n"
                f"{folded}\r\nEND:VCARD\r\n"
            )
            cards += 1
    return cards


def peak_of_import(path: Path, folder: Path) -> int:
    """ru_maxrss (bytes) of a fresh process that runs `infoview import path`."""
    db = folder / f"peak-{path.suffix[1:]}.json"
    child = subprocess.run([sys.executable, __file__, _PEAK_MARKER, str(path), str(db)],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return int(child.stdout.split()[-1])


def _child_import(path: str, db: str) -> None:
    from infoview_tui.__main__ import main as infoview

    with contextlib.redirect_stdout(io.StringIO()):
        code = infoview(["import", path, "--db", db])
    assert code == 0, code
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is in bytes on macOS, KB on Linux
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale)


def measure_peaks() -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        for label, name, make in (("LinkedIn", "Connections.csv", make_big_linkedin),
                                  ("vCard", "contacts.vcf", make_big_vcard)):  # fmt: skip
            path = folder / name
            count = make(path)
            size = path.stat().st_size
            peak = peak_of_import(path, folder)
            path.unlink()
            what = "rows" if label == "LinkedIn" else "cards"
            lines.append(f"peak      {label:<8} {size / 1e6:5.1f} MB, {count:,} {what}: {peak / 1e6:7.0f} MB "
                         f"= {peak / size:.1f}x the file   (target <= 10x)")  # fmt: skip
    return lines


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
    ratio = statistics.median(imported / floor for imported, floor in zip(imports, floors, strict=True))
    ratios = sorted(imported / floor for imported, floor in zip(imports, floors, strict=True))
    print(f"file: {ROWS:,} rows, {size:.1f} MB; medians of {ROUNDS} rounds")
    print(f"floor     csv.reader parse   {f * 1000:8.1f} ms")
    print(
        f"import    infoview import    {i * 1000:8.1f} ms   = {ratio:.2f}x floor   (target <= 5x; "
        f"rounds {ratios[0]:.2f}x to {ratios[-1]:.2f}x)"
    )
    print(f"save      the one save after {statistics.median(saves) * 1000:8.1f} ms")
    print(f"re-import same file again    {statistics.median(reimports) * 1000:8.1f} ms   (adds nothing)")
    print("peak memory of `infoview import FILE`, each in a fresh process (ru_maxrss):")
    for line in measure_peaks():
        print(line)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == _PEAK_MARKER:
        _child_import(sys.argv[2], sys.argv[3])
    else:
        main()
