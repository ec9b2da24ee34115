"""Bringing another copy of the database into this one (two machines, one synced file).

`merged_with` is what a save does when the file changed behind the app's back and what
happens to a sync tool's conflict copy: find the version both copies descend from
(store/sync_copies.py), merge record by record (store/merging.py), and record that the
result descends from both (store/lineage.py). Nothing here touches the disk but reading
backups to find the shared version.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from . import backups, lineage
from .merging import MergeReport, merge
from .schema import CURRENT_SCHEMA, META_TABLE, migrate, schema_of
from .sync_copies import common_base

OTHER_COPY_LABEL = "other-copy"  # the backup of the file as the other machine left it, before a merge
SYNC_CONFLICT_LABEL = "sync-conflict"  # a sync tool's conflict copy, once merged


def merged_with(
    db_path: Path, last_written: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], MergeReport]:
    """`ours` (the data in memory) with `theirs` (another copy) merged in.

    `last_written` is the version this machine last read or wrote (its lineage is ours;
    `ours` is that plus the edits since)."""
    if schema_of(theirs) < CURRENT_SCHEMA:
        theirs = migrate(theirs)
    mine = last_written if lineage.vector(last_written) else ours
    base, _how = common_base(db_path, mine, theirs)
    merged, report = merge(base, ours, theirs, other_label=lineage.describe_writer(theirs, mine))
    merged[META_TABLE] = lineage.combined({**ours, META_TABLE: mine.get(META_TABLE, ours.get(META_TABLE))}, theirs)
    return merged, report


def move_into_backups(copy: Path, db_path: Path, moment: datetime) -> Path:
    """A merged conflict copy goes into the backups folder as a labelled backup (kept at
    least 30 days), out of the way of the sync tool and of the next start."""
    folder = backups.backup_dir(db_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"{db_path.stem}-{moment.astimezone():%Y%m%d-%H%M%S-%f}-{SYNC_CONFLICT_LABEL}.json"
    os.replace(copy, target)
    os.chmod(target, 0o600)
    return target
