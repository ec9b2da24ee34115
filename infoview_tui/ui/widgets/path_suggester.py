"""Completes a file path as it is typed (→ accepts), the way a shell's tab does."""

from __future__ import annotations

import os
from pathlib import Path

from textual.suggester import Suggester


class PathSuggester(Suggester):
    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = os.path.expanduser(value)
        folder, _, start = typed.rpartition(os.sep)
        base = Path(folder or ".") if folder or not typed.startswith(os.sep) else Path(os.sep)
        try:
            names = sorted(entry.name for entry in os.scandir(base) if not entry.name.startswith("."))
        except OSError:
            return None
        match = next((name for name in names if name.startswith(start) and name != start), None)
        if match is None:
            return None
        completed = value[: len(value) - len(start)] + match
        return completed + (os.sep if (base / match).is_dir() else "")
