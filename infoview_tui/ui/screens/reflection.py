"""After the call (and any time later): how it felt over time, how well this work would
fit each of the user's values, the key takeaways, and hope now. Everything optional;
every change is kept at once, so leaving never loses anything."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static, TextArea

from ...domain import insights
from ...domain.dates import describe_day
from ...domain.model import Interview, ReactionKind
from ...domain.values import active
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader
from ..widgets.slider import Slider
from .base import StoreAccess

BLOCKS = " ▁▂▃▄▅▆▇█"


def level_line(levels: list[float], high: int = 10) -> str:
    """Levels on a fixed 0..high scale as block characters (a 5 looks like a 5 in every call)."""
    return "".join(BLOCKS[round(level / high * (len(BLOCKS) - 1))] for level in levels)


class ReflectionScreen(Screen[None], StoreAccess):
    CSS = """
    #reflection {
        height: 1fr;
        padding: 0 2;
    }
    #reflection-title {
        height: auto;
    }
    .reflection-chart {
        height: 1;
    }
    .chart-label {
        width: 12;
        color: $text-muted;
    }
    .chart {
        width: 1fr;
        height: 1;
    }
    .chart.-resonance {
        color: $text-success;
    }
    .chart.-dissonance {
        color: $text-error;
    }
    #reflection-peaks {
        height: auto;
        color: $text-muted;
    }
    .reflection-label {
        margin-top: 1;
        color: $text-secondary;
        text-style: bold;
    }
    .fit-slider, #hope-after {
        max-width: 70;
    }
    #hope-after {
        margin-top: 1;
    }
    #hope-before {
        margin: 0;
    }
    #takeaways {
        height: 6;
        min-height: 4;
    }
    """
    BINDINGS = [
        Binding("escape", "done", "Done", id="reflection.done", priority=True),
        Binding("ctrl+s", "done", "Save", id="reflection.save", priority=True, show=False),
        Binding("ctrl+o", "values", "My values", id="reflection.values", priority=True),
    ]

    def __init__(self, interview: Interview, name: str, now: datetime) -> None:
        super().__init__()
        self.interview = interview
        self.person = name
        self.opened_at = now  # the dates shown are said relative to this moment
        self.changed = False  # anything given here, this time

    def compose(self) -> ComposeResult:
        interview = self.interview
        when = interview.finished_at or interview.started_at
        minutes = round(interview.elapsed_seconds / 60)
        yield AppHeader()
        with VerticalScroll(id="reflection"):
            yield Static(
                Text.assemble(
                    "Reflect on the conversation with ",
                    (self.person, "bold"),
                    f" ({describe_day(when, self.opened_at) if when else 'undated'}, {minutes} min)",
                ),
                classes="screen-heading",
                id="reflection-title",
                markup=False,
            )
            yield from self._timeline()
            self.values = active(self.repository.values())
            yield Label(
                "How well would this work fit what matters to you? (0: skip)", classes="reflection-label", markup=False
            )
            if not self.values:
                yield Static("No values yet: ctrl+o lists your values (a few common ones to start from).",
                             classes="hint", id="reflection-no-values", markup=False)  # fmt: skip
            hope = "Hope now (1-5, 0: skip)"
            # One label width for the values and hope, so every bar has as many cells.
            width = min(24, max((len(value.name) + 1 for value in self.values), default=0))
            width = max(width, len(hope))
            for value in self.values:
                yield Slider(value.name[:24], interview.reflection.value_fit.get(value.id, 0), high=5,
                             id=f"fit-{value.id}", classes="fit-slider", label_width=width)  # fmt: skip
            yield Slider(hope, interview.hope_after or 0, high=5, id="hope-after", label_width=width)
            if interview.hope_before:
                yield Static(
                    f"Before the call you said {interview.hope_before}.", classes="hint", id="hope-before", markup=False
                )
            yield Label("Key takeaways", classes="reflection-label", markup=False)
            yield TextArea(interview.reflection.takeaways, id="takeaways", soft_wrap=True, tab_behavior="focus")
        yield AppFooter()

    def _timeline(self) -> ComposeResult:
        interview = self.interview
        if not interview.reactions:
            yield Static("No resonance or dissonance was recorded in this call.", classes="hint", markup=False)
            return
        resonance, dissonance = insights.timeline(interview, points=48)
        with Horizontal(classes="reflection-chart"):
            yield Label("Resonance  ", classes="chart-label", markup=False)
            yield Static(level_line(resonance), classes="chart -resonance", id="chart-resonance", markup=False)
        with Horizontal(classes="reflection-chart"):
            yield Label("Dissonance ", classes="chart-label", markup=False)
            yield Static(level_line(dissonance), classes="chart -dissonance", id="chart-dissonance", markup=False)
        lines = Text()
        for peak in insights.peaks(interview):
            word = "resonance" if peak.kind is ReactionKind.RESONANCE else "dissonance"
            lines.append(f"▲ {word} {peak.value} at {int(peak.offset_seconds // 60)} min", style="bold")
            lines.append(f": {peak.question}\n" if peak.question else "\n")
        yield Static(lines, id="reflection-peaks", markup=False)

    def on_mount(self) -> None:
        first = self.query(".fit-slider").first() if self.values else self.query_one("#hope-after")
        first.focus()

    def _save(self, interview: Interview) -> None:
        reflection = interview.reflection
        if reflection.written_at is None:
            interview = replace(interview, reflection=replace(reflection, written_at=self.now()))
        self.interview = self.repository.save_interview(interview)
        self.changed = True

    @on(Slider.Changed, ".fit-slider")
    def _fit_changed(self, event: Slider.Changed) -> None:
        value_id = (event.slider.id or "").removeprefix("fit-")
        fits = dict(self.interview.reflection.value_fit)
        if event.value:
            fits[value_id] = event.value
        else:
            fits.pop(value_id, None)
        if fits != self.interview.reflection.value_fit:
            self._save(replace(self.interview, reflection=replace(self.interview.reflection, value_fit=fits)))

    @on(Slider.Changed, "#hope-after")
    def _hope_changed(self, event: Slider.Changed) -> None:
        hope = event.value or None
        if hope != self.interview.hope_after:
            self._save(replace(self.interview, hope_after=hope))

    @on(TextArea.Changed, "#takeaways")
    def _takeaways_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        if text != self.interview.reflection.takeaways:
            self._save(replace(self.interview, reflection=replace(self.interview.reflection, takeaways=text)))

    def action_done(self) -> None:
        fits = len(self.interview.reflection.value_fit)
        if self.changed:
            self.notify(
                f"Reflection kept ({fits} value{'s' if fits != 1 else ''} weighed). F5 shows it among the rest."
            )
        self.dismiss()

    def action_values(self) -> None:
        from .values import ValuesScreen

        def back(_: None) -> None:
            # New values get their sliders; what was given so far is already saved.
            self.refresh(recompose=True)
            self.call_after_refresh(self.on_mount)

        self.app.push_screen(ValuesScreen(), back)
