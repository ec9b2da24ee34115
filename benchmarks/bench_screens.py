"""Start-up and every main screen, on an empty, the heavy and (optionally) a ten times
heavier database, beside floors measured in the same run.

    python benchmarks/make_heavy_db.py /tmp/heavy.json
    python benchmarks/make_heavy_db.py --scale 10 /tmp/heavy10.json
    python benchmarks/bench_screens.py /tmp/heavy.json --scale-db /tmp/heavy10.json --rounds 5

First paint: the real `infoview --db COPY` in a pseudo-terminal of 80x24 (TERM
xterm-256color), from the process started to the footer drawn (its last item, the
command palette's "^p palette", read back from the terminal), beside a bare Textual app
with a Header and a Footer started the same way. "Body drawn" beside it: until Today's
heading is on the screen too (no target; it shows work moved after the first frame).
Then, in the same process, F3, F4, F5 and F6 are pressed, each left to settle, and the
peak memory (VmHWM) is read before ctrl+q.

Switches: a fresh process per database and round runs the headless app (Pilot's driver,
120x40) and presses F3, F4, F5, F2, F6 (escape closes the search, unmeasured), then the
same again. Each key is posted to the app as the terminal's would be, and the time runs
until the screen is settled: the expected screen is current, no worker is running, and
the process has then been idle (its CPU time, all threads, advancing under half the wall
time) for QUIET_SECONDS; the figure ends at the last moment it was busy. A fresh process
each time, so a screen's first visit pays for importing its modules, as a user's does.
Today is shown at start, so F2's "first" is the first return to it. A switch that takes
over a second can hold the full garbage collection the app runs after a second without
input (ui/idle_collection.py), as it would for a person waiting on it. The CPU time of
each switch is printed beside it: it moves less than the wall time when other processes
load the machine.

Every database is copied for each run (locks, backups and saves never meet), HOME and the
XDG folders point into a temporary folder (the user's own state is never touched), and
the subjects alternate within each round, so a load from elsewhere falls on all of them.
Medians of --rounds rounds. It reports, it does not judge: the exit status is always 0,
and "MISSED" marks each target (issue #14) not met.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

COLUMNS, ROWS = 80, 24
HEADLESS_SIZE = (120, 40)
FOOTER_DRAWN = b" palette"  # the footer's last item: once it is out, the whole footer is
BODY_DRAWN = b"Today, "  # Today's heading
PAINT_TIMEOUT_SECONDS = 120.0
# Keys as xterm sends them.
TERMINAL_KEYS = {"f2": b"\x1bOQ", "f3": b"\x1bOR", "f4": b"\x1bOS", "f5": b"\x1b[15~", "f6": b"\x1b[17~"}
QUIT = b"\x11"  # ctrl+q
TOUR = ("f3", "f4", "f5", "f6", "f2")
SWITCH_KEYS = ("f3", "f4", "f5", "f2", "f6")
SCREEN_FOR_KEY = {
    "f2": "TodayScreen",
    "f3": "NetworkScreen",
    "f4": "InterviewsScreen",
    "f5": "InsightsScreen",
    "f6": "SearchScreen",
}
PASSES = ("first", "again")
# Settled: this long without the process being busy (it would notice a screen that
# finishes its work in a timer or after a refresh).
QUIET_SECONDS = 0.25
SAMPLE_SECONDS = 0.004
# A sample is busy when the process (any of its threads) used more than this share of its
# wall time on the CPU, or more than BUSY_CPU_SECONDS in all: a sample that ran long because
# the event loop was held by the app's work, on a machine whose other processes took most
# of the CPU meanwhile, is busy however small its share (an idle sample uses ~1%).
BUSY_SHARE = 0.25
BUSY_CPU_SECONDS = 0.002
IDLE_TICKS = 2  # CPU clock ticks (10 ms) in the pty's settle window that still count as idle
SETTLE_TIMEOUT_SECONDS = 120.0

BARE_APP = """
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header


class Bare(App[None]):
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Footer()


Bare().run()
"""


# --- places ---------------------------------------------------------------------------


@contextmanager
def private_state(scratch: Path) -> Iterator[None]:
    """HOME and the XDG folders inside `scratch` for this process and its children."""
    names = {
        "HOME": "home",
        "XDG_STATE_HOME": "state",
        "XDG_DATA_HOME": "data",
        "XDG_CONFIG_HOME": "config",
        "XDG_CACHE_HOME": "cache",
    }
    before = {name: os.environ.get(name) for name in names}
    for name, folder in names.items():
        (scratch / folder).mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(scratch / folder)
    os.environ.pop("INFOVIEW_DB", None)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def fresh_copy(database: Path, scratch: Path, label: str) -> Path:
    """A copy in a folder of its own, so lock files and backups of one run never meet another's."""
    folder = Path(tempfile.mkdtemp(prefix=f"{label}-", dir=scratch))
    copy = folder / "infoview.json"
    shutil.copyfile(database, copy)
    return copy


def compile_to_bytecode() -> None:
    """Compile infoview's modules as `pip install` does, so a start reads bytecode as the
    bare app's Textual does. Without this an editable install on a machine that sets
    PYTHONDONTWRITEBYTECODE (this one does) compiled ~45 modules from source on every start,
    ~50 ms of the first paint that no installed copy pays."""
    import compileall

    import infoview_tui

    compileall.compile_dir(Path(infoview_tui.__file__).parent, quiet=1)
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("note: infoview's modules compiled to bytecode first (PYTHONDONTWRITEBYTECODE is set here)")


def infoview_command() -> list[str]:
    script = Path(sys.executable).with_name("infoview")
    return [str(script)] if script.exists() else [sys.executable, "-m", "infoview_tui"]


# --- first paint in a real terminal -----------------------------------------------------


@dataclass
class Paint:
    footer: float  # seconds from the process started to the footer drawn
    body: float | None  # ... to Today's heading drawn (None: not seen, the bare app)
    peak_bytes: int | None  # VmHWM after the tour of the screens


class Terminal:
    """One process in a pseudo-terminal of COLUMNS x ROWS, its output read as it comes."""

    def __init__(self, command: Sequence[str]) -> None:
        import fcntl
        import termios

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(ROWS)}
        for name in ("TEXTUAL", "TEXTUAL_DRIVER", "NO_COLOR"):
            environment.pop(name, None)
        self.output = bytearray()
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(command),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            start_new_session=True,  # the pty becomes its controlling terminal
            close_fds=True,
        )
        os.close(slave)

    def read_for(self, seconds: float) -> bool:
        """Read what comes within `seconds`; False once the process has closed the terminal."""
        ready, _, _ = select.select([self.master], [], [], seconds)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:
            return False
        self.output.extend(chunk)
        return bool(chunk)

    def seconds_until(self, needle: bytes, timeout: float = PAINT_TIMEOUT_SECONDS) -> float | None:
        """Seconds from the start to the read that brought `needle` (None: it never came)."""
        while needle not in self.output:
            if time.perf_counter() - self.started > timeout or self.process.poll() is not None:
                return None
            if not self.read_for(0.05):
                return None
        return time.perf_counter() - self.started

    def cpu_ticks(self) -> int:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime

    def settle(self, quiet: float = 0.5, timeout: float = SETTLE_TIMEOUT_SECONDS) -> None:
        """Until the process has used (almost) no CPU for `quiet` seconds. (Its output never
        stops: a text area's cursor blinks.)"""
        began = time.perf_counter()
        window_start, ticks = began, self.cpu_ticks()
        while time.perf_counter() - began < timeout:
            if not self.read_for(0.05):
                return
            now = time.perf_counter()
            if now - window_start >= quiet:
                now_ticks = self.cpu_ticks()
                if now_ticks - ticks <= IDLE_TICKS:
                    return
                window_start, ticks = now, now_ticks

    def peak_bytes(self) -> int | None:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
        return None

    def press(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self) -> None:
        if self.process.poll() is None:
            self.press(QUIT)
            deadline = time.perf_counter() + 60
            while self.process.poll() is None and time.perf_counter() < deadline:
                if not self.read_for(0.05):
                    break
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        os.close(self.master)


def first_paint(command: Sequence[str], *, tour: bool) -> Paint:
    terminal = Terminal(command)
    try:
        footer = terminal.seconds_until(FOOTER_DRAWN)
        if footer is None:
            tail = bytes(terminal.output[-400:])
            raise RuntimeError(f"{' '.join(command)}: the footer never appeared; output ends {tail!r}")
        body = terminal.seconds_until(BODY_DRAWN, timeout=footer + 30) if tour else None
        if tour:
            terminal.settle()
            for key in TOUR:
                terminal.press(TERMINAL_KEYS[key])
                terminal.settle()
        peak = terminal.peak_bytes()
        return Paint(footer, body, peak)
    finally:
        terminal.close()


# --- switches, headless (runs in a child process of its own) ---------------------------


async def settled_after(app: object, screen_name: str, began: float) -> tuple[float, float]:
    """Seconds from `began` to the last moment the app was busy before it settled on
    `screen_name`: (wall time, CPU time of the process meanwhile)."""
    from textual.app import App
    from textual.worker import WorkerState

    assert isinstance(app, App)
    began_cpu = time.process_time()
    last_busy, last_busy_cpu = time.perf_counter(), began_cpu
    while True:
        wall, cpu = time.perf_counter(), time.process_time()
        await asyncio.sleep(SAMPLE_SECONDS)
        now = time.perf_counter()
        used = time.process_time() - cpu
        busy = used > min(BUSY_CPU_SECONDS, BUSY_SHARE * (now - wall))
        working = any(worker.state in (WorkerState.PENDING, WorkerState.RUNNING) for worker in app.workers)
        if busy or working or type(app.screen).__name__ != screen_name:
            last_busy, last_busy_cpu = now, time.process_time()
        elif now - last_busy >= QUIET_SECONDS:
            return last_busy - began, last_busy_cpu - began_cpu
        if now - began > SETTLE_TIMEOUT_SECONDS:
            raise RuntimeError(f"no settled {screen_name} after {SETTLE_TIMEOUT_SECONDS:.0f} s")


async def switch_times(database: Path) -> dict[str, tuple[float, float]]:
    from textual import events

    from infoview_tui.app import InfoviewApp
    from infoview_tui.store.repository import Repository

    repository = Repository.open(database)
    app = InfoviewApp(repository, install_signal_handlers=False)
    figures: dict[str, tuple[float, float]] = {}
    try:
        async with app.run_test(size=HEADLESS_SIZE):
            await settled_after(app, SCREEN_FOR_KEY["f2"], time.perf_counter())
            for label in PASSES:
                for key in SWITCH_KEYS:
                    began = time.perf_counter()
                    app.post_message(events.Key(key, None))
                    figures[f"{key} {label}"] = await settled_after(app, SCREEN_FOR_KEY[key], began)
                app.post_message(events.Key("escape", None))  # close the search, back to Today
                await settled_after(app, SCREEN_FOR_KEY["f2"], time.perf_counter())
    finally:
        repository.close(save=False)
    return figures


def run_switch_child(database: Path, out: Path) -> None:
    out.write_text(json.dumps(asyncio.run(switch_times(database))))


def switches_in_child(database: Path, scratch: Path) -> dict[str, list[float]]:
    out = scratch / "switches.json"
    out.unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--switches-child", str(database), "--out", str(out)],
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,  # the figures come back in `out`; a stray print must not break the table
    )
    figures: dict[str, list[float]] = json.loads(out.read_text())  # name -> [wall, cpu]
    return figures


# --- the run ---------------------------------------------------------------------------


@dataclass
class Subject:
    label: str
    database: Path | None  # None: the bare Textual app
    paints: list[Paint] = field(default_factory=list)
    switches: list[dict[str, list[float]]] = field(default_factory=list)


def rotated(items: list[Subject], by: int) -> list[Subject]:
    by %= len(items)
    return items[by:] + items[:by]


def measure(subjects: list[Subject], scratch: Path, bare_script: Path, rounds: int) -> None:
    """Fill each subject's paints and switches, round by round, the order turning each round.
    A run that fails is said on stderr and left out (the table shows what was measured)."""
    databases = [subject for subject in subjects if subject.database is not None]
    for round_number in range(rounds):
        print(f"round {round_number + 1} of {rounds} (load {os.getloadavg()[0]:.2f})", file=sys.stderr, flush=True)
        for subject in rotated(subjects, round_number):
            try:
                if subject.database is None:
                    subject.paints.append(first_paint([sys.executable, str(bare_script)], tour=False))
                else:
                    copy = fresh_copy(subject.database, scratch, subject.label)
                    subject.paints.append(first_paint([*infoview_command(), "--db", str(copy)], tour=True))
                    shutil.rmtree(copy.parent)
            except RuntimeError as error:
                print(f"  first paint, {subject.label}: left out: {error}", file=sys.stderr)
        for subject in rotated(databases, round_number):
            assert subject.database is not None
            copy = fresh_copy(subject.database, scratch, subject.label)
            try:
                subject.switches.append(switches_in_child(copy, scratch))
            except (subprocess.CalledProcessError, OSError, ValueError) as error:
                print(f"  switches, {subject.label}: left out: {error}", file=sys.stderr)
            shutil.rmtree(copy.parent)


# --- the table ---------------------------------------------------------------------------


def ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:,.0f} ms"


def median_of(values: Sequence[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return statistics.median(known) if known else None


def verdict(ratio: float | None, target: float) -> str:
    missed = ratio is not None and ratio > target
    return f"<= {target:g}x" + ("  MISSED" if missed else "")


def row(label: str, figure: float | None, floor_label: str, floor: float | None, target: float | None) -> str:
    ratio = figure / floor if figure is not None and floor else None
    ratio_text = "" if ratio is None else f"{ratio:.2f}x"
    target_text = "" if target is None else verdict(ratio, target)
    return f"  {label:28}{ms(figure):>10}   {floor_label:18}{ms(floor):>10}{ratio_text:>8}   {target_text}"


HEADINGS = f"  {'':28}{'median':>10}   {'floor':18}{'median':>10}{'ratio':>8}   target"


def report_first_paint(bare: Subject, databases: list[Subject], rounds: int) -> None:
    def paint(subject: Subject) -> float | None:
        return median_of([p.footer for p in subject.paints])

    empty, heavy, *scaled = databases
    print(f"\nfirst paint: process start to the footer drawn, real pty {COLUMNS}x{ROWS}, median of {rounds}")
    print(HEADINGS)
    print(row("bare Textual app", paint(bare), "", None, None))
    print(row("empty database", paint(empty), "bare Textual app", paint(bare), 1.2))
    print(row("heavy database", paint(heavy), "bare Textual app", paint(bare), 1.5))
    for subject in scaled:
        print(row(subject.label, paint(subject), "heavy database", paint(heavy), 2.0))
    print("  body drawn too (Today's heading; no target):")
    for subject in databases:
        body = median_of([p.body for p in subject.paints])
        print(row(f"  {subject.label}", body, "its footer", paint(subject), None))


def report_switches(databases: list[Subject], rounds: int) -> None:
    def switch(subject: Subject, name: str, part: int) -> float | None:
        return median_of([figures[name][part] if name in figures else None for figures in subject.switches])

    empty, heavy, *scaled = databases
    print(f"\nswitches: key to a settled screen, headless {HEADLESS_SIZE[0]}x{HEADLESS_SIZE[1]}, median of {rounds}")
    print(HEADINGS + "      (CPU time: figure / floor)")
    for label in PASSES:
        for key in SWITCH_KEYS:
            name = f"{key} {label}"
            title = f"{key.upper()} {SCREEN_FOR_KEY[key].removesuffix('Screen')} ({label})"
            cpu = f"cpu {ms(switch(heavy, name, 1))} / {ms(switch(empty, name, 1))}"
            target = 2.0 if label == "first" else 1.5
            line = row(title, switch(heavy, name, 0), "empty database", switch(empty, name, 0), target)
            print(f"{line:<100} {cpu}")
            for subject in scaled:
                cpu = f"cpu {ms(switch(subject, name, 1))} / {ms(switch(heavy, name, 1))}"
                line = row("  at scale 10", switch(subject, name, 0), "heavy database", switch(heavy, name, 0), 2.0)
                print(f"{line:<100} {cpu}")


def report_memory(bare: Subject, databases: list[Subject], rounds: int) -> None:
    print(f"\npeak memory: VmHWM after first paint and F3, F4, F5, F6, F2 in the pty, median of {rounds}")
    bare_peak = median_of([p.peak_bytes for p in bare.paints])
    print(f"  {'bare Textual app':28}{(bare_peak or 0) / 1e6:>7,.0f} MB")
    for index, subject in enumerate(databases):
        peak = median_of([p.peak_bytes for p in subject.paints])
        assert subject.database is not None
        size = subject.database.stat().st_size
        line = f"  {subject.label:28}{(peak or 0) / 1e6:>7,.0f} MB   file {size / 1e6:,.1f} MB"
        if peak and index > 0:  # the empty file is a few bytes: no ratio worth printing
            line += f"   {peak / size:.1f}x the file"
            if index > 1:
                line += "   " + verdict(peak / size, 8.0)
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path, nargs="?", help="the heavy database (benchmarks/make_heavy_db.py)")
    parser.add_argument("--scale-db", type=Path, help="one made with make_heavy_db.py --scale 10")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--switches-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.switches_child:
        run_switch_child(args.switches_child, args.out)
        return
    if args.database is None:
        parser.error("give the heavy database (made by benchmarks/make_heavy_db.py)")
    if args.rounds < 5:
        print(f"note: {args.rounds} rounds; the issue's figures are medians of at least 5", file=sys.stderr)
    for path in (args.database, args.scale_db):
        if path is not None and not path.is_file():
            sys.exit(f"{path} is not a file; make it with benchmarks/make_heavy_db.py.")
    compile_to_bytecode()
    with tempfile.TemporaryDirectory(prefix="infoview-bench-screens-") as folder:
        scratch = Path(folder)
        with private_state(scratch):
            from infoview_tui.store.repository import Repository

            empty_database = scratch / "empty.json"
            Repository.open(empty_database).close()
            bare_script = scratch / "bare_app.py"
            bare_script.write_text(BARE_APP)
            bare = Subject("bare Textual app", None)
            empty = Subject("empty database", empty_database)
            heavy = Subject("heavy database", args.database.resolve())
            scaled = Subject("scale 10 database", args.scale_db.resolve()) if args.scale_db else None
            subjects = [bare, empty, heavy, *([scaled] if scaled else [])]
            print(f"load average at the start: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
            measure(subjects, scratch, bare_script, args.rounds)
            databases = subjects[1:]
            report_first_paint(bare, databases, args.rounds)
            report_switches(databases, args.rounds)
            report_memory(bare, databases, args.rounds)
            print(f"\nload average at the end: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")


if __name__ == "__main__":
    main()
