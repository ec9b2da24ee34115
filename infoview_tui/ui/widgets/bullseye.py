"""The bullseye: the network as four concentric rings, tier 1 in the middle.

Each contact is a marker (initials, or a first name when there is room) in its ring,
coloured by stage. A ring shows as many markers as fit, and "+N more" in its label;
the screen's side list carries the rest.

Drawn with the Line API: the ring layout for a size is computed once, each row's Strip
is cached, and moving the selection rebuilds only the rows it touches, so a move costs
the same with 20 contacts or 2,000.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

TIERS = (1, 2, 3, 4)
STAGE_GROUPS = ("not-asked", "asked", "scheduled", "interviewed", "thanked", "declined")
GAP = 1  # blank cells kept between two markers
EDGE = "·"  # the dotted line on each ring's outer edge
NAME_LABELS_FROM_WIDTH = 110  # below this many columns, markers show initials


@dataclass(frozen=True)
class Marker:
    contact_id: str
    name: str
    stage_group: str  # one of STAGE_GROUPS


@dataclass(frozen=True)
class Slot:
    x: int
    y: int
    width: int
    angle: float  # clockwise from the top, 0..2pi: the order left/right walks


@dataclass
class Layout:
    """Where everything goes at one size: computed once per size."""

    width: int
    height: int
    ring_of_cell: list[list[int]]  # [y][x] -> 0 outside, 1..4 inside
    slots: dict[int, list[Slot]]  # per ring, in clockwise order
    label_at: dict[int, tuple[int, int, int]]  # ring -> (x, y, room) for its label
    # [y][x] -> the cell is on its ring's outer edge: drawn as a dotted line, so the rings stay
    # apart where their tints do not (256 or 16 colours, NO_COLOR).
    edge_of_cell: list[list[bool]] = field(default_factory=list)


def initials(name: str) -> str:
    words = [word for word in name.replace(",", " ").split() if word[:1].isalnum()]
    if not words:
        return "??"
    if len(words) == 1:
        return words[0][:2].title()
    return (words[0][0] + words[-1][0]).upper()


def short_name(name: str, room: int) -> str:
    first = name.split()[0] if name.split() else name
    return first if len(first) <= room else first[: room - 1] + "…"


def compute_layout(width: int, height: int, marker_width: int) -> Layout:
    cx, cy = (width - 1) / 2, (height - 1) / 2
    rx, ry = max(width / 2 - 0.5, 1.0), max(height / 2 - 0.5, 1.0)
    ring_of_cell: list[list[int]] = []
    for y in range(height):
        row = []
        for x in range(width):
            radius = math.hypot((x - cx) / rx, (y - cy) / ry)
            row.append(0 if radius > 1.0 else max(1, math.ceil(radius * 4)))
        ring_of_cell.append(row)

    taken: list[list[bool]] = [[False] * width for _ in range(height)]
    label_at: dict[int, tuple[int, int, int]] = {}
    for ring in TIERS:
        # The label sits on the vertical axis: mid-band above the centre (ring 1: the centre).
        y = round(cy - ry * (ring - 0.5) / 4) if ring > 1 else round(cy)
        y = max(0, min(height - 1, y))
        row = ring_of_cell[y]
        centre = round(cx)
        left = right = centre
        while left - 1 >= 0 and row[left - 1] == ring and centre - left < 12:
            left -= 1
        while right + 1 < width and row[right + 1] == ring and right - centre < 12:
            right += 1
        room = right - left + 1 if row[centre] == ring else 0
        label_at[ring] = (left, y, room)
        for x in range(left, left + room):
            taken[y][x] = True

    slots: dict[int, list[Slot]] = {ring: [] for ring in TIERS}
    candidates = []
    for y in range(height):
        for x in range(width):
            ring = ring_of_cell[y][x]
            if ring:
                angle = math.atan2((x - cx) / rx, -(y - cy) / ry) % (2 * math.pi)
                candidates.append((ring, angle, -math.hypot((x - cx) / rx, (y - cy) / ry), x, y))
    candidates.sort()
    for ring, angle, _, x, y in candidates:
        start = x - marker_width // 2
        end = start + marker_width
        if start < GAP or end + GAP > width:
            continue
        if any(ring_of_cell[y][cell] != ring for cell in range(start, end)):
            continue
        if any(taken[y][cell] for cell in range(start - GAP, end + GAP)):
            continue
        for cell in range(start, end):
            taken[y][cell] = True
        slots[ring].append(Slot(start, y, marker_width, angle))
    return Layout(width, height, ring_of_cell, slots, label_at, _outer_edges(ring_of_cell))


def _outer_edges(ring_of_cell: list[list[int]]) -> list[list[bool]]:
    """A cell is on its ring's outer edge when a neighbour (above, below, left, right) lies
    further out: in an outer ring, outside the bullseye, or off the widget."""
    height, width = len(ring_of_cell), len(ring_of_cell[0]) if ring_of_cell else 0

    def ring_at(x: int, y: int) -> int:
        return ring_of_cell[y][x] if 0 <= x < width and 0 <= y < height else 0

    return [
        [
            bool(ring)
            and any(
                (other := ring_at(x + dx, y + dy)) == 0 or other > ring for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))
            )
            for x, ring in enumerate(row)
        ]
        for y, row in enumerate(ring_of_cell)
    ]


class Bullseye(Widget, can_focus=True):
    """Four rings of markers. Arrows move the selection; a click selects a marker."""

    BINDINGS = [
        Binding("left", "move(-1)", "Around", id="bullseye.previous", show=False),
        Binding("right", "move(1)", "Around", id="bullseye.next", show=False),
        Binding("up", "change_ring(-1)", "Inner ring", id="bullseye.inner", show=False),
        Binding("down", "change_ring(1)", "Outer ring", id="bullseye.outer", show=False),
        Binding("home", "first", "First in ring", id="bullseye.first", show=False),
        Binding("end", "last", "Last in ring", id="bullseye.last", show=False),
    ]

    COMPONENT_CLASSES = {
        "bullseye--ring-1",
        "bullseye--ring-2",
        "bullseye--ring-3",
        "bullseye--ring-4",
        "bullseye--label",
        "bullseye--edge",
        "bullseye--selected",
        *(f"bullseye--stage-{group}" for group in STAGE_GROUPS),
    }
    DEFAULT_CSS = """
    Bullseye > .bullseye--ring-1 { background: $primary 30%; }
    Bullseye > .bullseye--ring-2 { background: $primary 20%; }
    Bullseye > .bullseye--ring-3 { background: $primary 12%; }
    Bullseye > .bullseye--ring-4 { background: $primary 6%; }
    Bullseye > .bullseye--label { color: $text-muted; }
    Bullseye > .bullseye--edge { color: $text-muted; }
    Bullseye > .bullseye--selected { text-style: bold reverse; }
    Bullseye > .bullseye--stage-not-asked { color: $text; }
    Bullseye > .bullseye--stage-asked { color: $text-warning; text-style: bold; }
    Bullseye > .bullseye--stage-scheduled { color: $text-secondary; text-style: bold underline; }
    Bullseye > .bullseye--stage-interviewed { color: $text-success; text-style: bold; }
    Bullseye > .bullseye--stage-thanked { color: $text-primary; text-style: bold; }
    Bullseye > .bullseye--stage-declined { color: $text-error; text-style: strike; }
    Bullseye:focus > .bullseye--selected { text-style: bold reverse underline; }
    """

    class SelectionChanged(Message):
        def __init__(self, bullseye: Bullseye, tier: int, index: int | None, contact_id: str | None) -> None:
            super().__init__()
            self.bullseye = bullseye
            self.tier = tier
            self.index = index
            self.contact_id = contact_id

        @property
        def control(self) -> Bullseye:
            return self.bullseye

    def __init__(
        self, *, id: str | None = None, follow: Callable[[Bullseye.SelectionChanged], None] | None = None
    ) -> None:
        """`follow` is told of each selection change at once, in the same turn as the move, so
        what it redraws (the screen's side list and detail) reaches the terminal in the same
        screen update as the rings: a handler of SelectionChanged runs after the screen went
        idle once and drew the rings alone (two updates a key). The message is posted too."""
        super().__init__(id=id)
        self._follow = follow
        self.rings: dict[int, list[Marker]] = {tier: [] for tier in TIERS}
        self.selected_tier = 1
        self.selected_index: int | None = None
        self._layout: Layout | None = None
        self._strips: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}
        self._hit: dict[int, list[tuple[int, int, int, int]]] = {}  # y -> (x0, x1, ring, index)
        self._assigned: dict[int, list[Slot]] = {}  # ring -> the slot of each shown marker
        self._looks: tuple[Style, ...] = ()  # the styles the cached rows were drawn with
        self._looks_to_check = False

    # --- data and selection -----------------------------------------------------------

    def set_rings(self, rings: dict[int, list[Marker]], select_id: str | None = None) -> None:
        self.rings = {tier: list(rings.get(tier, [])) for tier in TIERS}
        if select_id is not None:
            for tier, markers in self.rings.items():
                for index, marker in enumerate(markers):
                    if marker.contact_id == select_id:
                        self.selected_tier, self.selected_index = tier, index
        ring = self.rings[self.selected_tier]
        if not ring:
            self.selected_index = None
        elif self.selected_index is None or self.selected_index >= len(ring):
            self.selected_index = min(self.selected_index or 0, len(ring) - 1)
        self._assigned.clear()
        self._strips.clear()
        self._rebuild_hits()
        self.refresh()
        self._announce()

    @property
    def selected_marker(self) -> Marker | None:
        ring = self.rings[self.selected_tier]
        if self.selected_index is None or not ring:
            return None
        return ring[self.selected_index]

    def select(self, tier: int, index: int | None) -> None:
        ring = self.rings[tier]
        index = None if not ring else max(0, min(index or 0, len(ring) - 1))
        if (tier, index) == (self.selected_tier, self.selected_index):
            return
        touched = self._rows_of_selection()
        self.selected_tier, self.selected_index = tier, index
        touched |= self._rows_of_selection()
        width = self.size.width
        for row in touched:
            self._strips.pop(row, None)
        self.refresh(*(Region(0, row, width, 1) for row in touched))
        self._announce()

    def _announce(self) -> None:
        marker = self.selected_marker
        message = self.SelectionChanged(
            self, self.selected_tier, self.selected_index, marker.contact_id if marker else None
        )
        if self._follow is not None:
            self._follow(message)
        self.post_message(message)

    def visible_count(self, tier: int) -> int:
        """How many of the ring's markers are drawn (one slot goes to nothing: the label says +N)."""
        return len(self._slots_for(tier))

    def _slots_for(self, ring: int) -> list[Slot]:
        """The slot of each shown marker, spread evenly around the ring when there are
        fewer markers than slots (so five people do not bunch up at twelve o'clock)."""
        layout = self._current_layout()
        if layout is None:
            return []
        if ring not in self._assigned:
            slots, count = layout.slots[ring], len(self.rings[ring])
            if count >= len(slots):
                self._assigned[ring] = list(slots)
            else:
                self._assigned[ring] = [slots[(index * len(slots)) // count] for index in range(count)]
        return self._assigned[ring]

    # --- keys -------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        ring = self.rings[self.selected_tier]
        if ring:
            index = 0 if self.selected_index is None else (self.selected_index + step) % len(ring)
            self.select(self.selected_tier, index)

    def action_first(self) -> None:
        self.select(self.selected_tier, 0)

    def action_last(self) -> None:
        self.select(self.selected_tier, len(self.rings[self.selected_tier]) - 1)

    def action_change_ring(self, step: int) -> None:
        tier = self.selected_tier + step
        if tier not in TIERS:
            return
        self.select(tier, self._nearest_by_angle(tier))

    def _nearest_by_angle(self, tier: int) -> int | None:
        """Moving between rings keeps the direction: the marker closest in angle."""
        layout = self._current_layout()
        ring = self.rings[tier]
        if not ring:
            return None
        if layout is None or self.selected_index is None:
            return 0
        current_slots = self._slots_for(self.selected_tier)
        if self.selected_index >= len(current_slots):
            return 0
        angle = current_slots[self.selected_index].angle
        visible = self._slots_for(tier)
        if not visible:
            return 0

        def distance(slot: Slot) -> float:
            difference = abs(slot.angle - angle) % (2 * math.pi)
            return min(difference, 2 * math.pi - difference)

        return min(range(len(visible)), key=lambda index: distance(visible[index]))

    def on_click(self, event: events.Click) -> None:
        for x0, x1, ring, index in self._hit.get(event.y, []):
            if x0 <= event.x < x1:
                self.select(ring, index)
                self.focus()
                return

    # --- drawing ----------------------------------------------------------------------

    def _current_layout(self) -> Layout | None:
        width, height = self.size
        if width < 8 or height < 5:
            return None
        marker_width = 9 if width >= NAME_LABELS_FROM_WIDTH else 2
        if self._layout is None or (self._layout.width, self._layout.height) != (width, height):
            self._layout = compute_layout(width, height, marker_width)
            self._assigned.clear()
            self._strips.clear()
            self._rebuild_hits()
        return self._layout

    def _rebuild_hits(self) -> None:
        self._hit = {}
        layout = self._layout
        if layout is None:
            return
        for ring in TIERS:
            for index, slot in enumerate(self._slots_for(ring)):
                self._hit.setdefault(slot.y, []).append((slot.x, slot.x + slot.width, ring, index))

    def _rows_of_selection(self) -> set[int]:
        layout = self._current_layout()
        if layout is None:
            return set()
        rows = {layout.label_at[self.selected_tier][1]}
        slots = self._slots_for(self.selected_tier)
        if self.selected_index is not None and self.selected_index < len(slots):
            rows.add(slots[self.selected_index].y)
        return rows

    def notify_style_update(self) -> None:
        # Textual calls this on every screen resume, not only when a style changed: the rows
        # (35 of them, each built cell by cell) are rebuilt at the next draw only if a style
        # they are drawn with did change (then the component classes are up to date too).
        super().notify_style_update()
        self._styles.clear()
        self._looks_to_check = True

    def _keep_rows_only_if_looks_unchanged(self) -> None:
        if not self._looks_to_check:
            return
        self._looks_to_check = False
        looks = (self.rich_style, *(self._style(name) for name in sorted(self.COMPONENT_CLASSES)))
        if looks != self._looks:
            self._looks = looks
            self._strips.clear()

    def _style(self, name: str) -> Style:
        """A component class's own style; rings bring a background, the rest only colour
        and text style, so markers and labels sit on their ring's tint."""
        if name not in self._styles:
            self._styles[name] = self.get_component_rich_style(name, partial=not name.startswith("bullseye--ring"))
        return self._styles[name]

    def stage_style(self, group: str) -> Style:
        return self._style(f"bullseye--stage-{group}")

    class Resized(Message):
        """The bullseye has another size, so each ring shows another number of markers (and
        another "+N more"): whatever counts them again (the network's list title) does so now."""

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self.post_message(self.Resized())

    def render_line(self, y: int) -> Strip:
        self._keep_rows_only_if_looks_unchanged()
        layout = self._current_layout()
        width = self.size.width
        if layout is None:
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(y)
        if strip is None:
            strip = self._strips[y] = self._build_row(layout, y)
        return strip

    def _build_row(self, layout: Layout, y: int) -> Strip:
        base = self.rich_style
        ring_styles = {ring: base + self._style(f"bullseye--ring-{ring}") for ring in TIERS}
        edge_styles = {ring: style + self._style("bullseye--edge") for ring, style in ring_styles.items()}
        cells: list[tuple[str, Style]] = [
            (EDGE, edge_styles[ring]) if edge else (" ", ring_styles[ring] if ring else base)
            for ring, edge in zip(layout.ring_of_cell[y], layout.edge_of_cell[y], strict=True)
        ]
        names = layout.width >= NAME_LABELS_FROM_WIDTH
        for ring in TIERS:
            markers = self.rings[ring]
            slots = self._slots_for(ring)
            for index, slot in enumerate(slots):
                if slot.y != y:
                    continue
                marker = markers[index]
                text = short_name(marker.name, slot.width) if names else initials(marker.name)
                style = ring_styles[ring] + self._style(f"bullseye--stage-{marker.stage_group}")
                if ring == self.selected_tier and index == self.selected_index:
                    style += self._style("bullseye--selected")
                for offset, char in enumerate(text.ljust(slot.width)[: slot.width]):
                    cells[slot.x + offset] = (char, style)
            label_x, label_y, room = layout.label_at[ring]
            if label_y == y and room:
                hidden = len(markers) - min(len(markers), len(slots))
                label = f"{ring}·{len(markers)}" + (f" +{hidden} more" if hidden else "")
                if len(label) > room:
                    label = f"{ring}·{len(markers)}" + (f"+{hidden}" if hidden else "")
                label = label[:room]
                style = ring_styles[ring] + self._style("bullseye--label")
                if ring == self.selected_tier and (
                    (self.selected_index is not None and self.selected_index >= len(slots)) or not markers
                ):
                    style += self._style("bullseye--selected")
                start = label_x + max(0, (room - len(label)) // 2)
                for offset, char in enumerate(label):
                    cells[start + offset] = (char, style)
        segments: list[Segment] = []
        run_text, run_style = "", None
        for char, style in cells:
            if style is run_style:
                run_text += char
            else:
                if run_text:
                    segments.append(Segment(run_text, run_style))
                run_text, run_style = char, style
        if run_text:
            segments.append(Segment(run_text, run_style))
        return Strip(segments, layout.width)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return container.height
