"""Merging two heavy copies of one database, beside the floor of reading them.

    python benchmarks/make_heavy_db.py /tmp/heavy.json
    python benchmarks/bench_merge.py /tmp/heavy.json

Two machines start from the same file (the base); each changes a different 2.5% of the
records (5% of the records differ between the two copies): contacts' notes and company,
interviews' notes and a new reaction; a few records are edited on both sides. The merge
(store/merging.py) is timed beside the floor: parsing the three files with orjson, which
any merge must do first. Median of rounds; the ratio is taken per round against the floor
measured just before it. Target: merge <= 3x the floor.
"""

from __future__ import annotations

import argparse
import copy
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from infoview_tui.store.merging import merge

ROUNDS = 7


def edited_copy(base: dict[str, Any], share: float, seed: int, shared_rows: set[str]) -> dict[str, Any]:
    """`base` with `share` of its contacts and interviews changed (and the shared rows,
    changed on both sides). Records are replaced, never edited in place, as the app does."""
    rng = random.Random(seed)
    data = dict(base)
    stamp = (datetime(2026, 11, 28, tzinfo=UTC) + timedelta(minutes=seed)).isoformat()
    for table in ("contacts", "interviews"):
        records = dict(data[table])
        rows = [row for row in records if rng.random() < share] + [row for row in shared_rows if row in records]
        for row in rows:
            record = copy.deepcopy(records[row])
            if table == "contacts":
                record["notes"] = f"{record.get('notes', '')} seen again ({seed})"
                record["company"] = f"Company {seed}-{row}"
            else:
                record["free_notes"] = f"{record.get('free_notes', '')} more notes ({seed})"
                record["reactions"] = [*record.get("reactions", []), {"kind": "resonance", "value": 7,
                                       "offset_seconds": 3000.0 + seed, "question_id": None}]  # fmt: skip
            record["updated"] = stamp
            records[row] = record
        data[table] = records
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args()

    base = orjson.loads(args.database.read_bytes())
    shared = {str(row) for row in range(1, 2001, 200)}  # ten records edited on both sides
    ours = edited_copy(base, 0.025, 1, shared)
    theirs = edited_copy(base, 0.025, 2, shared)
    files = [orjson.dumps(each) for each in (base, ours, theirs)]
    differing = sum(
        1
        for table in ("contacts", "interviews")
        for row in base[table]
        if ours[table].get(row) != theirs[table].get(row)
    )
    total = sum(len(base[table]) for table in ("contacts", "interviews"))
    print(f"{args.database.name}: {sum(map(len, files)) / 3 / 1e6:.1f} MB a copy, "
          f"{differing} of {total} records differ ({differing / total:.1%})")  # fmt: skip

    floors, merges, ratios = [], [], []
    for _ in range(args.rounds):
        started = time.perf_counter()
        parsed = [orjson.loads(raw) for raw in files]
        floor = time.perf_counter() - started
        started = time.perf_counter()
        parsed = [orjson.loads(raw) for raw in files]
        _merged, report = merge(parsed[0], parsed[1], parsed[2], other_label="bench")
        took = time.perf_counter() - started
        floors.append(floor)
        merges.append(took)
        ratios.append(took / floor)
    print(f"floor (parse the three files): median {statistics.median(floors) * 1000:.1f} ms")
    print(f"merge (parse + merge):         median {statistics.median(merges) * 1000:.1f} ms")
    print(f"ratio per round: {', '.join(f'{ratio:.2f}' for ratio in ratios)}")
    print(f"median ratio {statistics.median(ratios):.2f}x (target <= 3x)")
    print(f"report: {report.summary()}")


if __name__ == "__main__":
    main()
