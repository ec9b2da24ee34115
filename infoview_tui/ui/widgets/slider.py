"""A focusable 0-10 slider drawn as a bar with its value. Keys and mouse (click, drag).

Modelled on Textual's Switch: a small widget with a reactive value, its own bindings,
and a Changed message whose `control` is the slider.
"""

from __future__ import annotations

import math

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class Slider(Widget, can_focus=True):
    BINDINGS = [
        Binding("right,up,plus", "step(1)", "More", id="slider.more", show=False),
        Binding("left,down,minus", "step(-1)", "Less", id="slider.less", show=False),
        Binding("home", "set(0)", "Zero", id="slider.zero", show=False),
        Binding("end", "set_high", "Full", id="slider.full", show=False),
    ]
    COMPONENT_CLASSES = {"slider--label", "slider--filled", "slider--empty", "slider--value"}
    DEFAULT_CSS = """
    Slider { height: 1; width: 1fr; min-width: 24; }
    Slider > .slider--empty { color: $text-muted; }
    Slider > .slider--label { color: $text-muted; }
    Slider:focus > .slider--label { color: $text; text-style: bold underline; }
    Slider > .slider--value { text-style: bold; }
    """

    value: reactive[int] = reactive(0)
    LOW, HIGH = 0, 10

    class Changed(Message):
        def __init__(self, slider: Slider, value: int) -> None:
            super().__init__()
            self.slider = slider
            self.value = value

        @property
        def control(self) -> Slider:
            return self.slider

    def __init__(self, label: str, value: int = 0, *, high: int = 10, id: str | None = None,
                 classes: str | None = None, label_width: int = 0) -> None:  # fmt: skip
        """label_width: sliders shown one under another pass the same, so their bars are as long."""
        super().__init__(id=id, classes=classes)
        self.label = label.ljust(label_width)
        self.HIGH = high  # 10 for resonance and dissonance, 5 for a value's fit or hope
        self.set_reactive(Slider.value, value)
        self._dragging = False

    def validate_value(self, value: int) -> int:
        return max(self.LOW, min(self.HIGH, value))

    def watch_value(self, value: int) -> None:
        self.post_message(self.Changed(self, value))

    def action_step(self, step: int) -> None:
        self.value += step

    def action_set(self, value: int) -> None:
        self.value = value

    def action_set_high(self) -> None:
        self.value = self.HIGH

    # --- drawing ----------------------------------------------------------------------

    def _bar_start(self) -> int:
        return len(self.label) + 1

    def _bar_width(self) -> int:
        return max(5, self.size.width - self._bar_start() - 4)

    def render(self) -> Text:
        width = self._bar_width()
        filled = round(width * self.value / self.HIGH)
        text = Text(no_wrap=True)
        text.append(self.label + " ", style=self.get_component_rich_style("slider--label", partial=True))
        text.append("█" * filled, style=self.get_component_rich_style("slider--filled", partial=True))
        text.append("░" * (width - filled), style=self.get_component_rich_style("slider--empty", partial=True))
        text.append(f" {self.value:>2}", style=self.get_component_rich_style("slider--value", partial=True))
        return text

    # --- mouse ------------------------------------------------------------------------

    def _value_at(self, x: int) -> int:
        """The first cell of the bar is 1, the last is 10; dragging left of the bar is 0."""
        cells = max(0, min(x - self._bar_start() + 1, self._bar_width()))
        return math.ceil(self.HIGH * cells / self._bar_width())

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.x >= self._bar_start():
            self._dragging = True
            self.capture_mouse()
            self.value = self._value_at(event.x)
            self.focus()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            self.value = self._value_at(event.x)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
