"""When to save: after a moment of quiet, and regularly while typing goes on.

Pure timing logic (the caller passes the clock), so it is tested without sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass

QUIET_SECONDS = 1.0  # save once the user pauses this long
MAX_DELAY_SECONDS = 3.0  # but never leave an edit unsaved longer than this while typing


@dataclass
class SaveSchedule:
    quiet_seconds: float = QUIET_SECONDS
    max_delay_seconds: float = MAX_DELAY_SECONDS
    first_unsaved_edit: float | None = None
    last_edit: float | None = None

    def edited(self, now: float) -> None:
        if self.first_unsaved_edit is None:
            self.first_unsaved_edit = now
        self.last_edit = now

    @property
    def pending(self) -> bool:
        return self.first_unsaved_edit is not None

    def due(self, now: float) -> bool:
        if self.first_unsaved_edit is None or self.last_edit is None:
            return False
        quiet_long_enough = now - self.last_edit >= self.quiet_seconds
        waited_too_long = now - self.first_unsaved_edit >= self.max_delay_seconds
        return quiet_long_enough or waited_too_long

    def save_started(self) -> None:
        """Edits from here on belong to the next save."""
        self.first_unsaved_edit = None
        self.last_edit = None
