"""Kill a real saving process with SIGKILL at random instants: the file must always
parse and hold the last reported state or the one after it, never anything else."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from tests.functional.crash_child import state_notes

KILLS = 200
CHILD = Path(__file__).with_name("crash_child.py")


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_sigkill_at_random_instants_never_damages_the_file(tmp_path: Path) -> None:
    db = tmp_path / "crash.json"
    rng = random.Random(20261125)
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    last_acknowledged = 0
    for kill in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(db)], stdout=subprocess.PIPE, text=True, env=environment
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.12))
        child.send_signal(signal.SIGKILL)
        child.wait()
        reported = [int(line) for line in child.stdout.read().split() if line.isdigit()]
        child.stdout.close()
        if reported:
            last_acknowledged = reported[-1]

        data = orjson.loads(db.read_bytes())  # always parses
        record = data["notes"]["1"] if "notes" in data else {"k": 0, "text": state_notes(0)}
        k = record["k"]
        assert k in (last_acknowledged, last_acknowledged + 1), (
            f"kill {kill}: file holds {k}, reported {last_acknowledged}"
        )
        assert record["text"] == state_notes(k), f"kill {kill}: state {k} is not whole"
        last_acknowledged = k
    assert last_acknowledged > KILLS  # the children did save, many times over
