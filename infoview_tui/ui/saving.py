"""Saving while the app runs: when (the schedule), how (a background worker), what to do
when the file changed behind the app's back (merge, or a conflict the user settles), the
flushes before leaving (quit, SIGTERM, SIGHUP), and the save status the header shows.

The app builds one `BackgroundSaving` and starts it on mount; everything about the file's
fate after that lives here, so the app keeps to configuration and wiring."""

from __future__ import annotations

import asyncio
import select
import signal
import sys
import time
from typing import TYPE_CHECKING

from ..store.autosave import SaveSchedule
from ..store.storage import SaveResult
from .screens.conflict import KEEP_DISK, ConflictScreen

if TYPE_CHECKING:
    from ..app import InfoviewApp

SAVE_CHECK_SECONDS = 0.25
CONFLICT_COPY_CHECK_SECONDS = 10  # a listing of one folder: cheap, and a sync tool is no faster
# A background save serialises for this long, then lets the event loop run this long.
SAVE_SLICE_SECONDS = 0.001
SAVE_PAUSE_SECONDS = 0.002
# The terminal may be gone (SIGHUP) or the system shutting down (SIGTERM): save, then leave.
EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
# A terminal can close without a SIGHUP (the app is not its session's controlling process:
# some wrappers, a pty handed over by another program). Textual then reads end-of-file in a
# busy loop and the app would hold the database's lock, unsaved work and a CPU forever.
HANG_UP_CHECK_SECONDS = 1.0


def terminal_hung_up(fd: int) -> bool:
    """Whether the terminal on `fd` has gone (its other side closed). Polling reads nothing,
    so keys waiting there stay for Textual."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)  # POLLHUP and POLLERR are reported whatever is asked
    gone = select.POLLHUP | select.POLLERR | select.POLLNVAL
    return any(events & gone for _, events in poller.poll(0))


class BackgroundSaving:
    """Keeps the app's repository written to disk without ever making typing wait.

    `status` words what the header shows ("saving…", "saved 14:02"); every change is
    copied into the app's `save_status` reactive, which the header watches."""

    def __init__(self, app: InfoviewApp, *, install_signal_handlers: bool = True) -> None:
        self.app = app
        self.repository = app.repository
        self.schedule = SaveSchedule()
        self.busy = False  # a save is under way (captured, serialising or writing)
        self.last_save: SaveResult | None = None
        self._install_signal_handlers = install_signal_handlers
        self._conflict_shown = False
        self._leaving = False  # told to exit (a signal, or the terminal gone)
        self.repository.file.on_dirty = self.note_edit
        if self.repository.file.dirty:  # e.g. a migration on open: save it like any edit
            self.note_edit()

    # --- start and stop ---------------------------------------------------------------

    def start(self) -> None:
        """Called once the app is mounted: the timers and the signals."""
        app = self.app
        app.set_interval(SAVE_CHECK_SECONDS, self.save_if_due)
        self.update_status()
        app.set_interval(CONFLICT_COPY_CHECK_SECONDS, self.absorb_conflict_copies)
        if self._install_signal_handlers:
            loop = asyncio.get_running_loop()
            for signum in EXIT_SIGNALS:
                loop.add_signal_handler(signum, self._exit_on_signal, signum)
            if not app.is_headless and sys.__stdin__ is not None and sys.__stdin__.isatty():
                app.set_interval(HANG_UP_CHECK_SECONDS, self._exit_if_terminal_gone)

    def _exit_if_terminal_gone(self) -> None:
        assert sys.__stdin__ is not None  # checked before the timer was set
        if not self._leaving and terminal_hung_up(sys.__stdin__.fileno()):
            self._exit_on_signal(signal.SIGHUP)  # what a hang-up signal would have done

    def stop(self) -> None:
        if self._install_signal_handlers:
            loop = asyncio.get_running_loop()
            for signum in EXIT_SIGNALS:
                loop.remove_signal_handler(signum)

    def _exit_on_signal(self, signum: int) -> None:
        # The terminal may already be gone (SIGHUP): save first, then leave. A save that
        # fails here is tried once more as the command closes the database, which then
        # writes the emergency copy and exits 1 (__main__._run_app).
        self._leaving = True
        self.app.finish_what_was_typed()
        self.flush_now()
        self.app.exit(return_code=128 + signum)

    # --- saving now -------------------------------------------------------------------

    def flush_now(self) -> None:
        """Save now; any failure (not only the disk's: data orjson refuses, memory...) is
        said in plain words and the work stays in memory. Never raises: quitting calls it."""
        try:
            self.last_save = self.repository.flush()
        except Exception as error:  # noqa: BLE001  quitting must never raise
            self._tell_save_failed(error)

    def save_now(self) -> None:
        """The palette's "Save now": save, and say where."""
        self.flush_now()
        self.update_status()
        if self.last_save is not None and self.last_save.status != "conflict":
            self.app.notify(f"Saved to {self.repository.path}")

    def _tell_save_failed(self, error: BaseException) -> None:
        from ..store.serialise import why_save_failed

        self.app.notify(
            f"Could not save {self.repository.path.name}: {why_save_failed(error)}. "
            "Your work is kept in memory; infoview will keep trying. If you quit now, it is written "
            "to an infoview-unsaved copy in your home folder.",
            severity="error",
            timeout=10,
        )

    # --- saving in the background -----------------------------------------------------

    def note_edit(self) -> None:
        self.schedule.edited(time.monotonic())
        self.update_status()

    def save_if_due(self) -> None:
        if not self.repository.loaded:  # a big file not read yet (InfoviewApp._read_the_file): nothing to save
            return
        if not self.busy and self.schedule.due(time.monotonic()):
            self.save_in_background()

    def save_in_background(self) -> None:
        """Start a save now, whatever the schedule says (the benchmarks call this)."""
        self.busy = True
        self.schedule.save_started()
        self.app.run_worker(self._save(), group="save", exclusive=True, exit_on_error=False)

    async def _save(self) -> None:
        """Save while the user goes on typing: the state is captured here, between two
        edits; it is serialised in slices of about a millisecond with pauses between
        them for keys and repaints (never 15 ms of the event loop in one go for a 10 MB
        database); the disk work runs in a thread. (Serialising in a thread took the GIL
        from the event loop and stretched a repaint under way to 20-30 ms.)"""
        outcome: SaveResult | Exception
        try:
            snapshot = self.repository.file.capture()
            payload: list[bytes | memoryview] = []
            slice_ends = time.perf_counter() + SAVE_SLICE_SECONDS
            for piece in snapshot.pieces():
                payload.append(piece)
                if time.perf_counter() >= slice_ends:
                    await asyncio.sleep(SAVE_PAUSE_SECONDS)
                    slice_ends = time.perf_counter() + SAVE_SLICE_SECONDS
            outcome = await asyncio.to_thread(self.repository.file.write_snapshot, snapshot, payload)
        except Exception as error:  # noqa: BLE001  never leave saving stuck: say it, try again later
            outcome = error
        self._save_finished(outcome)

    def _save_finished(self, outcome: SaveResult | Exception) -> None:
        self.busy = False
        if isinstance(outcome, Exception):
            self.schedule.edited(time.monotonic())  # try again after the next pause
            self._tell_save_failed(outcome)
        else:
            self.last_save = outcome
            if outcome.status == "merge":
                self._merge_other_copy()
            elif outcome.status == "conflict" and not self._conflict_shown:
                self._conflict_shown = True
                assert outcome.conflict_copy is not None
                conflict = ConflictScreen(self.repository.path, outcome.conflict_copy)
                self.app.push_screen(conflict, self._conflict_resolved)
        self.update_status()

    def update_status(self) -> None:
        if self.repository.file.conflict_copy is not None:
            status = "changes go to a conflict copy"
        elif self.repository.file.dirty:
            status = "saving…"
        elif self.last_save is not None and self.last_save.status == "saved":
            status = f"saved {self.app.now():%H:%M}"
        else:
            status = "all saved"
        self.app.save_status = status

    # --- another copy of the file -----------------------------------------------------

    def _merge_other_copy(self) -> None:
        """Another machine saved the file (a synced folder): bring its edits in, record by
        record, say so quietly, and save the merged state soon. Whatever fails here (a
        full disk for the backup) is said and retried, never a crash: ours stays in memory."""
        try:
            report = self.repository.merge_from_disk()
        except Exception as error:  # noqa: BLE001  the save path never stops the app
            self._tell_save_failed(error)
            report = None
        else:
            if report is None:  # unreadable after all (a sync still writing it): keep ours aside
                self.repository.file.divert_to_conflict_copy()
        if report is not None:
            self.app.refresh_screens()
            self.app.notify(report.summary() + " (palette: Last merge)", timeout=8)
        self.schedule.edited(time.monotonic())

    def absorb_conflict_copies(self) -> None:
        """A sync tool's conflict copies beside the file: merged in, moved to the backups
        once saved. Checked at start and every few seconds; a copy that is not infoview's
        is named once, and not read again until it changes."""
        try:
            outcomes = self.repository.absorb_conflict_copies()
        except Exception as error:  # noqa: BLE001  a copy that cannot be merged never stops the app
            self.app.notify(f"A sync tool's conflict copy could not be merged: {error}", severity="error", timeout=12)
            return
        for copy, outcome in outcomes:
            if isinstance(outcome, str):
                self.app.notify(f"{copy.name}: {outcome}.", severity="warning", timeout=12)
            else:
                self.app.notify(f"Merged {copy.name}: {outcome.summary()} (palette: Last merge)", timeout=8)
        if any(not isinstance(outcome, str) for _copy, outcome in outcomes):
            self.app.refresh_screens()
            self.schedule.edited(time.monotonic())
            self.update_status()

    def _tell_what_was_brought_back(self) -> None:
        if self.repository.file.brought_back is not None:
            self.app.notify(
                "The file held an older version, or another machine's, without what you wrote here last "
                "time: that is merged back in. The file as it was is kept in the backups (other-copy). "
                "(palette: Last merge)",
                severity="warning",
                timeout=15,
            )

    def _conflict_resolved(self, choice: str | None) -> None:
        """The user's choice after a conflict. "The file on disk" when that file cannot be
        read (damaged, cut short by a sync still under way) keeps theirs instead: the
        unreadable file is kept as a labelled backup, and nothing is lost either way."""
        from ..store.errors import StoreError

        self._conflict_shown = False
        try:
            if choice == KEEP_DISK:
                try:
                    self._continue_with_disk_version()
                except StoreError as unreadable:
                    self._keep_mine()
                    first_line = str(unreadable).splitlines()[0]
                    self.app.notify(
                        f"The file on disk cannot be read, so infoview cannot continue with it: {first_line}\n"
                        f"Your version was kept and saved as {self.repository.path.name}; the unreadable file "
                        "is kept in the backups folder.",
                        severity="error",
                        timeout=15,
                    )
            else:
                self._keep_mine()
                self.app.notify("Kept your version. The one that was on disk is in the backups folder.")
        except Exception as error:  # noqa: BLE001  a failed save is said and retried, never a crash
            self.schedule.edited(time.monotonic())
            self._tell_save_failed(error)
        self.update_status()

    def _continue_with_disk_version(self) -> None:
        conflict_copy = self.repository.file.conflict_copy
        self.repository.reload_from_disk()
        self.app.notify(
            f"Continuing with the file on disk. Your version stays in {conflict_copy.name if conflict_copy else 'the conflict copy'}."
        )
        self.app.refresh_screens()
        self._tell_about_file_problems()

    def _keep_mine(self) -> None:
        self.last_save = self.repository.file.keep_my_version()

    def first_screen_shown(self) -> None:
        """Called once the first screen shows the store: what reading the file found
        (repairs, records skipped as that screen listed them, a merge on open, sync tools'
        conflict copies, merged in and shown on that screen)."""
        self._tell_about_file_problems()
        self._tell_what_was_brought_back()
        self.absorb_conflict_copies()

    def _tell_about_file_problems(self) -> None:
        """What reading the database put right or skipped (records set aside, ids given,
        control characters removed), so the user hears of it and where the original is."""
        problems = self.repository.problems_to_report()
        if not problems:
            return
        shown = problems[:6] + ([f"... and {len(problems) - 6} more"] if len(problems) > 6 else [])
        self.app.notify(
            f"Some of {self.repository.path.name} was not as infoview writes it:\n" + "\n".join(shown),
            title="The database was repaired",
            severity="warning",
            timeout=20,
        )
