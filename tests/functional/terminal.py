"""Run the real `infoview` command in a pseudo-terminal, as a person's terminal would."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path


class RealTerminal:
    def __init__(self, *args: str, columns: int = 100, rows: int = 30) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)}
        environment.pop("TEXTUAL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "infoview_tui", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            start_new_session=True,  # its own session: the pty becomes its terminal
            close_fds=True,
        )
        os.close(slave)
        self.output = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def wait_for_output(self, needle: bytes, seconds: float = 20.0) -> None:
        deadline = time.monotonic() + seconds
        while needle not in self.output:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"{needle!r} never appeared; output ends {bytes(self.output[-500:])!r}")
            time.sleep(0.05)

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def finish(self, seconds: float = 20.0) -> int:
        try:
            return self.process.wait(timeout=seconds)
        finally:
            with contextlib.suppress(OSError):
                os.close(self.master)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.finish()


def read_brainstorm(db: Path) -> str:
    import orjson

    data = orjson.loads(db.read_bytes())
    records = list(data.get("settings", {}).values())
    return records[0]["brainstorm"] if records else ""
