"""The way to the first frame loads only what the first frame needs (issue #14).

Every module imported at start-up is paid for on every start, before anything shows. These
are imported when first used instead (a merge, a dialog, F1, a follow-up acted on); if one of
them comes back onto the start-up path, a start gets slower without anyone noticing.
"""

import json
import subprocess
import sys
from pathlib import Path

# Loaded when first used, never on the way to the first frame.
LOADED_WHEN_USED = (
    "infoview_tui.store.merging",  # a merge of another copy
    "infoview_tui.store.syncing",
    "infoview_tui.store.sync_copies",  # the conflict-copy scan, scheduled after the first frame
    "infoview_tui.ui.screens.dialogs",  # the first dialog
    "infoview_tui.ui.screens.help",  # the first F1
    "infoview_tui.ui.outreach",  # the first follow-up or ask acted on from Today
    "infoview_tui.domain.outreach",
    "infoview_tui.ui.screens.network",  # the first F3
    "infoview_tui.ui.screens.interviews",
    "infoview_tui.ui.screens.insights",
    "infoview_tui.ui.screens.search",
    "infoview_tui.formats.export",
    "vobject",
    "dateutil.parser",  # a date typed
    "dateutil.tz",  # the first moment read (ctypes, zoneinfo: 5 ms)
    "secrets",  # (hashlib, hmac) ids come from os.urandom
    "textual.widgets._text_area",  # Today's brainstorm, mounted after the first frame
    "textual.widgets._progress_bar",
)


def _loaded_at_start_up(database: Path) -> list[str]:
    """Which of LOADED_WHEN_USED a start loads: the app imported and the database opened (as
    `infoview` does before its first frame), in a fresh interpreter."""
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from infoview_tui.store.repository import Repository\n"
        "import infoview_tui.app\n"
        f"Repository.open(Path({str(database)!r})).close(save=False)\n"
        f"print(json.dumps(sorted(m for m in {list(LOADED_WHEN_USED)!r} if m in sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return loaded


def test_start_up_leaves_what_the_first_frame_does_not_need_unloaded(tmp_path: Path) -> None:
    database = tmp_path / "infoview.json"
    assert _loaded_at_start_up(database) == []  # a new database, created
    assert _loaded_at_start_up(database) == []  # an existing one, opened


def test_the_scan_for_conflict_copies_loads_merging_only_when_it_finds_one(tmp_path: Path) -> None:
    # The app's first scan runs just after the first frame, on every start: with no copy
    # beside the database (nearly always) there is nothing to merge, so nothing to import.
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from infoview_tui.store.repository import Repository\n"
        f"repository = Repository.open(Path({str(tmp_path / 'infoview.json')!r}))\n"
        "assert repository.absorb_conflict_copies() == []\n"
        "print(json.dumps([m for m in ('infoview_tui.store.merging', 'infoview_tui.store.syncing') if m in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert json.loads(done.stdout.splitlines()[-1]) == []
