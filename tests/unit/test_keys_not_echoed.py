"""Keys typed while infoview starts are not echoed over the screen by the terminal (the app
takes the terminal only once Textual runs), and the terminal's settings come back after."""

from __future__ import annotations

import os
import pty
import sys
import termios

import pytest

from infoview_tui.__main__ import _keys_not_echoed


def test_the_terminal_echoes_nothing_until_the_app_is_done(monkeypatch: pytest.MonkeyPatch) -> None:
    main, secondary = pty.openpty()
    try:
        with os.fdopen(os.dup(secondary), "r") as terminal_in:
            monkeypatch.setattr(sys, "stdin", terminal_in)
            before = termios.tcgetattr(secondary)
            assert before[3] & termios.ECHO  # a terminal echoes keys by default
            with _keys_not_echoed():
                during = termios.tcgetattr(secondary)
                assert not during[3] & termios.ECHO
                assert not during[3] & termios.ICANON
                os.write(main, b"\x1bOR")  # F3, typed before the app is up
                assert os.read(secondary, 16) == b"\x1bOR"  # kept for the app to read...
                os.set_blocking(main, False)
                with pytest.raises(BlockingIOError):
                    os.read(main, 16)  # ...and nothing printed back on the screen
            assert termios.tcgetattr(secondary) == before
    finally:
        os.close(main)
        os.close(secondary)


def test_without_a_terminal_nothing_is_touched(monkeypatch: pytest.MonkeyPatch) -> None:
    read_end, write_end = os.pipe()
    with os.fdopen(read_end, "r") as pipe_in:
        monkeypatch.setattr(sys, "stdin", pipe_in)
        with _keys_not_echoed():
            pass
    os.close(write_end)
