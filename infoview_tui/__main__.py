"""The `infoview` command.

Textual is imported only when the app actually starts, so `--version`, `--help` and
the file commands stay quick and work without a terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .paths import DB_ENV_VAR, DatabasePathRefused, resolve_db_path

if TYPE_CHECKING:  # imported when needed, so --version and --help stay quick
    from .formats.importing import Prepared
    from .store.repository import Repository

NEWEST_READABLE = ""  # `--restore-backup` without a NAME
EXIT_DATABASE_REFUSED = 3  # as StoreError.exit_code: the database (or the backup to restore) cannot be used


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="infoview",
        description=(
            "A keyboard-driven companion for informational interviews during a career transition: "
            "your network as a bullseye of four tiers, the conversation itself, and what resonates with you."
        ),
        epilog=(
            f"The database is one JSON file. Default: your user data folder (infoview/infoview.json); "
            f"{DB_ENV_VAR} overrides it, --db beats both."
        ),
    )
    parser.add_argument("--version", action="version", version=f"infoview {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the database file to open (created if missing)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a generated sample network in a temporary database (your own data is not touched)",
    )
    parser.add_argument(
        "--list-backups",
        action="store_true",
        help="list the database's backups, newest first (time, why taken, size, readable) and exit",
    )
    parser.add_argument(
        "--restore-backup",
        nargs="?",
        const=NEWEST_READABLE,
        metavar="NAME",
        help="put a backup in place of the database and exit: NAME as --list-backups shows it, or a path; "
        "default the newest readable one. The file it replaces is kept (and named)",
    )
    commands = parser.add_subparsers(dest="command", metavar="{import,export,merge}")
    importing = commands.add_parser(
        "import",
        help="bring contacts in: LinkedIn Connections.csv, Google Contacts CSV, vCard (.vcf), or an infoview JSON backup",
        description=(
            "Add the people in FILE to your network. The format is told from the content. Someone already "
            "there (same email, or same name and company) is merged, never doubled; re-importing adds nothing. "
            "Everything is written in one save, or nothing at all."
        ),
    )
    importing.add_argument("file", metavar="FILE")
    importing.add_argument("--tier", type=int, choices=(1, 2, 3, 4), help="tier for new people (default: 4 for "
                           "LinkedIn, 3 for Google and vCard)")  # fmt: skip
    importing.add_argument("--dry-run", action="store_true", help="show what would happen, write nothing")
    importing.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the database file")
    exporting = commands.add_parser(
        "export",
        help="write your notes out: markdown (folder), csv (folder), ics (file), json (full backup file)",
        description="markdown: one file per interview and an index; csv: contacts.csv and interviews.csv; "
        "ics: scheduled interviews and follow-ups for a calendar; json: a full backup 'infoview import' restores. "
        "Nothing is overwritten.",
    )
    exporting.add_argument("format", choices=("markdown", "csv", "ics", "json"))
    exporting.add_argument("out", metavar="OUT")
    exporting.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the database file")
    merging = commands.add_parser(
        "merge",
        help="merge another copy of your database into it, record by record (another machine's, a sync conflict copy)",
        description=(
            "Bring what OTHER holds into your database: records added or changed there come in, notes typed on "
            "both sides are both kept, and a field changed on both takes the later edit (the report lists the "
            "other value). The database as it was is kept as a backup first. OTHER is not changed."
        ),
    )
    merging.add_argument("other", metavar="OTHER")
    merging.add_argument("--dry-run", action="store_true", help="show what would come in, write nothing")
    merging.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the database file")
    return parser


_apps_closed: list[int] = []  # an entry once the app has run and closed its file


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _main(argv)
    except BrokenPipeError:
        # Whoever read our output left (`infoview --list-backups | head`): no error of
        # ours, and no traceback. Anything to save was saved on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if _apps_closed:
        # Saved, the lock released, the terminal given back, the demo's folder removed:
        # nothing is left but freeing every object one by one, which Python does at exit
        # unless told not to (0.9 s on a network of 20,000 people, after ctrl+q). Leave now.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.db == "":
        parser.error("--db needs the path of a database file; leave it out to use the default database")
    try:
        db_path = resolve_db_path(args.db)
    except DatabasePathRefused as error:
        return _fail(f"{error}\nNothing was opened or created.", EXIT_DATABASE_REFUSED)
    if args.command == "import":
        return _import(db_path, args.file, args.tier, args.dry_run)
    if args.command == "export":
        return _export(db_path, args.format, args.out)
    if args.command == "merge":
        return _merge(db_path, Path(args.other).expanduser(), args.dry_run)
    if args.list_backups:
        return _list_backups(db_path)
    if args.restore_backup is not None:
        return _restore_backup(db_path, None if args.restore_backup == NEWEST_READABLE else args.restore_backup)
    if args.demo:
        return _run_demo()
    return _run_app(db_path)


def _run_demo() -> int:
    import shutil
    import tempfile
    from pathlib import Path

    from .demo import build_demo
    from .domain.dates import local_zone
    from .paths import real_path
    from .store import local_base
    from .store.repository import Repository

    folder = Path(tempfile.mkdtemp(prefix="infoview-demo-"))
    try:
        repository = Repository.open(folder / "demo.json")
        build_demo(repository, datetime.now(local_zone()))
        repository.close()
        return _run_app(folder / "demo.json")
    finally:
        local_base.forget(real_path(folder / "demo.json"))  # a throwaway database leaves nothing behind
        shutil.rmtree(folder, ignore_errors=True)


def _fail(message: str, code: int) -> int:
    from .domain.text import clean_text

    # Messages quote file names and file contents: never let an escape sequence through.
    print(_fitted_to_terminal(clean_text(f"infoview: {message}")), file=sys.stderr)
    return code


def _fitted_to_terminal(message: str) -> str:
    """Each line wrapped at a space to the terminal's width, when stderr is one (the terminal
    itself breaks a long line mid-word, and mid-path: "big.backup|s/"). Paths and words
    longer than a line stay whole; a line indented (a command to copy) is left as it is."""
    import shutil
    import textwrap

    if not sys.stderr.isatty():
        return message
    width = max(shutil.get_terminal_size().columns - 1, 40)
    return "\n".join(
        line if line.startswith(" ") else textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False)
        for line in message.splitlines()
    )


def _restore_backup(db_path: Path, name: str | None) -> int:
    from .store.backups import find_backup, restore
    from .store.errors import StoreError
    from .store.lock import DatabaseLock

    lock = DatabaseLock(db_path)
    try:
        lock.acquire()  # never swap the file under a running infoview
        chosen = None if name is None else find_backup(db_path, name)
        restored = restore(db_path, datetime.now().astimezone(), chosen)
    except StoreError as error:
        return _fail(str(error), error.exit_code)
    except OSError as error:
        return _fail(f"could not restore {db_path}: {error.strerror or error}. The database was not replaced.", 3)
    finally:
        lock.release()
    print(f"Restored {db_path} from {restored.backup}.")
    if restored.kept_as is not None:
        what = "The file it replaced" if restored.replaced_was_readable else "The damaged file it replaced"
        print(f"{what} is kept as {restored.kept_as}.")
        if restored.replaced_was_readable:
            print(f"To undo the restore: infoview --db '{db_path}' --restore-backup {restored.kept_as.name}")
    return 0


def _list_backups(db_path: Path) -> int:
    from .domain.text import size_in_words
    from .store.backups import backup_dir, backups_of, why_unreadable

    found = backups_of(db_path)
    if not found:
        print(f"No backups of {db_path} yet (they are kept in {backup_dir(db_path)}).")
        return 0
    now = datetime.now()
    print(f"Backups of {db_path}, newest first, in {backup_dir(db_path)}:")
    for backup in found:
        # The name to copy on a line of its own, then what it is: fits 80 columns.
        problem = why_unreadable(backup.path)
        try:
            size = size_in_words(backup.path.stat().st_size)
        except OSError:
            size = "size unknown"
        print(f"  {backup.path.name}")
        if problem is None:
            print(f"      {_time_in_words(backup.taken, now)}, {backup.reason}, {size}, readable")
        else:
            print(f"      {_time_in_words(backup.taken, now)}, {backup.reason}, {size}")
            print("      cannot be restored: " + problem.replace(f"{backup.path} is ", "it is ", 1))
    print(f"Restore one with: infoview --db '{db_path}' --restore-backup NAME")
    return 0


def _time_in_words(moment: datetime, now: datetime) -> str:
    seconds = (now - moment).total_seconds()
    if seconds < 0:
        ago = "in the future"  # a clock was set back since
    elif seconds < 90:
        ago = "just now"
    elif seconds < 90 * 60:
        ago = f"{round(seconds / 60)} minutes ago"
    elif seconds < 36 * 3600:
        ago = f"{round(seconds / 3600)} hours ago"
    else:
        ago = f"{round(seconds / 86400)} days ago"
    return f"{moment:%a %d %b %Y %H:%M} ({ago})"


EXIT_FILE_REFUSED = 5  # the file to import, or the export's target, was refused: nothing written


def _import(db_path: Path, file: str, tier: int | None, dry_run: bool) -> int:
    from .domain.text import clean_text
    from .formats.importing import apply, prepare
    from .formats.reading import FileRefused
    from .store.errors import StoreError
    from .store.repository import Repository

    path = Path(file).expanduser()
    try:
        repository = Repository.open(db_path)
    except StoreError as error:
        return _fail(str(error), error.exit_code)
    try:
        try:
            prepared = prepare(repository, path, tier)
        except FileRefused as error:
            return _fail(f"{path.name}: {error} Nothing was imported.", EXIT_FILE_REFUSED)
        where = f", new people in tier {prepared.plan.tier}" if prepared.plan else ""
        print(clean_text(f"{path.name}: {prepared.kind}{where}."))
        if dry_run:
            _print_preview(prepared)
            return 0
        result = apply(repository, prepared)
        print(result.summary)
        for line in result.details:
            print(f"  {line}")
    finally:
        for problem in repository.problems_to_report():  # what reading the database put right or skipped
            print(f"infoview: {db_path.name}: {problem}", file=sys.stderr)
        try:
            repository.close(save=not dry_run)  # one save for the whole import; none for a dry run
        except Exception as error:  # noqa: BLE001  any failure of the save: the work goes to a copy
            return _save_failed(db_path, error, repository)
    print(f"Saved to {db_path}.")
    return 0


def _print_preview(prepared: Prepared) -> None:
    from .domain.text import clean_text

    plan = prepared.plan
    if plan is None:
        assert prepared.backup is not None  # a file is either people (a plan) or a backup
        counts = ", ".join(f"{len(records)} {table}" for table, records in prepared.backup.records.items())
        print(f"Would restore whatever of {counts} is not here yet. Nothing written (--dry-run).")
        return
    print(f"Would do: {plan.summary()} Nothing written (--dry-run).")
    # The import cleans what it reads (reading.Person, Rejected); cleaned again where the
    # file's text meets the terminal, so no later change to a format can let an escape through.
    for contact in plan.preview(10):
        print(clean_text(f"  + {contact.name}" + (f", {contact.work}" if contact.work else "")))
    if plan.added_count > 10:
        print(f"  ... and {plan.added_count - 10} more")
    for line in plan.details():
        print(clean_text(f"  {line}"))


def _export(db_path, fmt: str, out: str) -> int:
    """Export the file as last saved: exporting only reads, so it works while the app has
    the database open (it takes no lock and writes nothing beside the database)."""
    from pathlib import Path

    from .domain.dates import describe_day, local_zone
    from .formats.export import ExportRefused, export
    from .store.errors import StoreError
    from .store.read_only import open_last_save

    try:
        last_save = open_last_save(db_path)
    except StoreError as error:
        return _fail(str(error), error.exit_code)
    now = datetime.now(local_zone())
    try:
        print(export(last_save.repository, fmt, Path(out).expanduser(), now))
    except ExportRefused as error:
        return _fail(str(error), EXIT_FILE_REFUSED)
    except Exception as error:  # noqa: BLE001 - an export fails whole, whatever the reason: say so, not a traceback
        return _fail(f"could not export to {out}: {error}. Nothing was written.", EXIT_FILE_REFUSED)
    if last_save.app_is_open:
        saved = last_save.saved_at.astimezone(now.tzinfo)
        print(
            f"Exported from the last save ({describe_day(saved, now)} at {saved:%H:%M}): "
            "infoview is open on this file, so edits made since then are not in it."
        )
    return 0


def _run_app(db_path: Path) -> int:
    with _keys_not_echoed():
        return _start_app(db_path)


@contextmanager
def _keys_not_echoed() -> Iterator[None]:
    """Keys typed while the app starts are not printed by the terminal. Textual takes the
    terminal (raw mode) only once it runs, a few hundred ms on a big network: keys typed
    before that (F3 and arrows, at once) were echoed as ^[OR^[[C over the screen and left
    in the shell after quitting. They still reach the app (the terminal keeps them); the
    terminal's own settings come back when the app is done."""
    give_back = _quiet_terminal()
    try:
        yield
    finally:
        if give_back is not None:
            give_back()


def _quiet_terminal() -> Callable[[], None] | None:
    """Echo and line editing off on the terminal, if stdin is one; returns what puts them back."""
    try:
        import termios
    except ImportError:  # no POSIX terminal here (Windows)
        return None
    try:
        terminal = sys.stdin.fileno()
        before = termios.tcgetattr(terminal)
        quiet = list(before)
        quiet[3] &= ~(termios.ECHO | termios.ICANON)  # local modes: no echo, keys as they come
        termios.tcsetattr(terminal, termios.TCSANOW, quiet)
    except (OSError, ValueError, termios.error):  # not a terminal (a pipe, a test)
        return None

    def give_back() -> None:
        with suppress(termios.error):
            termios.tcsetattr(terminal, termios.TCSADRAIN, before)

    return give_back


def _start_app(db_path: Path) -> int:
    import gc

    from .store.errors import StoreError
    from .store.repository import Repository

    # What is loaded now (the database: 10 MB of records on a big network; the modules) lives
    # as long as the app. Python's collector would walk all of it, more than once, on the way
    # to the first frame: it waits until the load is done, then that is frozen out of its
    # walks (the app's IdleCollector freezes again at mount and unfreezes on the way out).
    gc.disable()
    try:
        try:
            # Locked (or created) now, so another infoview on it is refused before anything shows;
            # a big file is read by the app once its first frame is out (InfoviewApp._read_the_file).
            repository = Repository.open(db_path, load=False)
            if not _read_after_first_frame(repository.path):
                repository.load()
        except StoreError as error:
            return _fail(str(error), error.exit_code)
        from .app import InfoviewApp

        gc.freeze()
    finally:
        gc.enable()

    app = InfoviewApp(repository)
    try:
        app.run()
    finally:
        try:
            result = repository.close()
        except Exception as error:  # noqa: BLE001  any failure of the save: the work goes to a copy
            return _save_failed(db_path, error, repository)
    if app.refused is not None:  # the file, read after the first frame, could not be used: left untouched
        return _fail(str(app.refused), app.refused.exit_code)
    if result.status == "conflict" or repository.file.conflict_copy is not None:
        copy = result.conflict_copy or repository.file.conflict_copy
        print(
            f"infoview: {db_path} was changed by another program while infoview ran; "
            f"your version is in {copy}. Open either with --db.",
            file=sys.stderr,
        )
    _apps_closed.append(app.return_code or 0)
    return app.return_code or 0


# From this size on, the app shows its first frame before reading the file: reading and
# checking it costs ~4 ms a MB here (100 MB: ~0.4 s, more than a whole start on a 10 MB
# network). Below it, the file is read first, so the first frame already has the user's
# theme and a file that cannot be used is refused before the screen is taken.
READ_AFTER_FIRST_FRAME_BYTES = 16 * 1024 * 1024


def _read_after_first_frame(db_path: Path) -> bool:
    try:
        return db_path.stat().st_size >= READ_AFTER_FIRST_FRAME_BYTES
    except OSError:  # the read says what is wrong, before the app starts
        return False


def _merge(db_path: Path, other: Path, dry_run: bool) -> int:
    from .domain.text import clean_text
    from .paths import real_path
    from .store.errors import StoreError
    from .store.repository import Repository
    from .store.storage import read_other_copy

    try:
        repository = Repository.open(db_path)
    except StoreError as error:
        return _fail(str(error), error.exit_code)
    try:
        if real_path(other) == repository.path:
            return _fail(f"{other} is the database itself; give the other copy. Nothing was merged.", EXIT_FILE_REFUSED)
        try:
            theirs, _raw = read_other_copy(other)
        except StoreError as error:
            return _fail(f"{str(error).splitlines()[0]} Nothing was merged.", EXIT_FILE_REFUSED)
        report = repository.file.merge_copy(theirs, dry_run=dry_run)
        if dry_run:
            print(f"What merging {other.name} would do (--dry-run: nothing is written):")
        for line in report.details():
            print(clean_text(line if not dry_run else f"  {line}"))
        if dry_run:
            return 0
        if report.changed_anything:
            repository.file.back_up_before_next_save(MERGE_BACKUP_LABEL)
    finally:
        try:
            repository.close(save=not dry_run)
        except Exception as error:  # noqa: BLE001  any failure of the save: the work goes to a copy
            return _save_failed(db_path, error, repository)
    if not report.changed_anything:
        print(f"Nothing to write: {db_path.name} already holds all of {other.name}.")
        return 0
    print(f"Saved to {db_path}; the database as it was is in the backups (--list-backups).")
    return 0


MERGE_BACKUP_LABEL = "before-merge"


def _save_failed(db_path: Path, error: BaseException, repository: Repository) -> int:
    """The last save failed, whatever the reason: say why in plain words, keep the work in
    an emergency copy, exit 1 (as the README says)."""
    from .store.serialise import why_save_failed

    return _fail(f"could not save {db_path}: {why_save_failed(error)}.\n{_emergency_copy(repository)}", 1)


def _emergency_copy(repository: Repository) -> str:
    """The last save failed (disk full, folder gone or read-only, data orjson refused...):
    put the work somewhere else rather than lose it. The copy is serialised so that the
    failure that stopped the save cannot stop it too (`Repository.emergency_bytes`)."""
    import contextlib
    import tempfile

    from .store.storage import write_atomically

    name = f"infoview-unsaved-{datetime.now():%Y%m%d-%H%M%S}.json"
    try:
        payload, left_out = repository.emergency_bytes()
    except Exception as error:  # noqa: BLE001  even the record-by-record copy failed (out of memory?)
        from .store.serialise import why_save_failed

        return f"infoview could not write your unsaved work anywhere else either ({why_save_failed(error)})."
    folders = [Path(tempfile.gettempdir())]
    with contextlib.suppress(RuntimeError):  # no home folder known (HOME unset, no passwd entry)
        folders.insert(0, Path.home())
    for folder in folders:
        try:
            write_atomically(folder / name, payload)
        except OSError:
            continue
        message = f"Your unsaved work is in {folder / name}; open it with: infoview --db '{folder / name}'"
        if left_out:
            message += f"\nThese could not be written at all: {', '.join(left_out)}."
        return message
    return "infoview could not write your unsaved work anywhere else either."


if __name__ == "__main__":
    sys.exit(main())
