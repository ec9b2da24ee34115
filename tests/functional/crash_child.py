"""Saves in a loop until killed. State k is a pure function of k, so the parent can
check that the file holds exactly state k or k+1 where k is the last save reported."""

from __future__ import annotations

import sys
from pathlib import Path

from infoview_tui.store.storage import DatabaseFile


def state_notes(k: int) -> str:
    # Shrinks and grows: sizes jump between a few bytes and ~200 KB.
    size = (k * 7919) % 200_000
    return f"state {k}:" + ("n" * size)


def main() -> None:
    database = DatabaseFile(Path(sys.argv[1]))
    database.open()
    records = database.data.setdefault("notes", {})
    k = records["1"]["k"] if "1" in records else 0
    print("ready", flush=True)
    while True:
        k += 1
        database.data["notes"] = {"1": {"k": k, "text": state_notes(k)}}
        database.mark_dirty()
        database.flush()
        print(k, flush=True)


if __name__ == "__main__":
    main()
