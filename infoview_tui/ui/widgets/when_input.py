"""A date typed in plain words, with what was understood shown right under it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from ...domain.dates import DateParseError, ParsedWhen, parse_when


class WhenInput(Vertical):
    """`parsed` holds the understood moment, or None while the text cannot be read
    (the preview then says why and what to type)."""

    DEFAULT_CSS = """
    WhenInput { height: auto; }
    WhenInput > .when-preview { height: auto; padding: 0 1; color: $text-success; }
    WhenInput > .when-preview.-error { color: $text-error; }
    """

    class Changed(Message):
        def __init__(self, when_input: WhenInput) -> None:
            super().__init__()
            self.when_input = when_input

    def __init__(
        self,
        value: str,
        now: Callable[[], datetime],
        *,
        placeholder: str = "",
        prefer_future: bool = False,
        require_time: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._value = value
        self._now = now
        self._placeholder = placeholder
        self._prefer_future = prefer_future
        self._require_time = require_time
        self.parsed: ParsedWhen | None = None
        self.error = ""

    def compose(self) -> ComposeResult:
        yield Input(self._value, placeholder=self._placeholder, classes="when-text")
        yield Static(classes="when-preview", markup=False)

    def on_mount(self) -> None:
        self._understand(self._value)

    @property
    def input(self) -> Input:
        return self.query_one(".when-text", Input)

    @on(Input.Changed, ".when-text")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._understand(event.value)
        self.post_message(self.Changed(self))

    def _understand(self, typed: str) -> None:
        preview = self.query_one(".when-preview", Static)
        now = self._now()
        if not typed.strip():
            self.parsed, self.error = None, "Type a day and time, e.g. 'next tue 3pm'."
            preview.update(Text(self.error, style="italic"))
            preview.set_class(False, "-error")
            return
        try:
            self.parsed = parse_when(typed, now, prefer_future=self._prefer_future, require_time=self._require_time)
        except DateParseError as error:
            self.parsed, self.error = None, str(error)
            preview.update(Text(self.error))
            preview.set_class(True, "-error")
            return
        self.error = ""
        preview.set_class(False, "-error")
        preview.update(Text(f"→ {self.parsed.preview(now)}"))
