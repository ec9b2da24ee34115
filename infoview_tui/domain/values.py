"""Personal values: what the user weighs each line of work against ("what lights them up
may not light you up"). A few common starting points are offered on first use."""

from __future__ import annotations

from dataclasses import replace

from .model import Value

SUGGESTED = (
    ("Autonomy", "deciding how and when I do my work"),
    ("Helping people", "seeing the difference my work makes to someone"),
    ("Creativity", "making things that did not exist before"),
    ("Learning", "getting better at something every month"),
    ("Security", "a steady income I can plan a life on"),
    ("Time for family", "evenings and weekends that stay mine"),
    ("Variety", "no two weeks alike"),
    ("Working with my hands", "something real at the end of the day"),
    ("Recognition", "my work seen and valued"),
    ("Team", "people I like working beside"),
)


def suggestions(existing: list[Value]) -> list[tuple[str, str]]:
    """The starting points the user does not have yet."""
    have = {value.name.casefold() for value in existing}
    return [(name, meaning) for name, meaning in SUGGESTED if name.casefold() not in have]


def active(values: list[Value]) -> list[Value]:
    return [value for value in values if not value.retired]


def moved(values: list[Value], value_id: str, step: int) -> list[Value]:
    """The list with one value moved up (-1) or down (+1), positions renumbered 0.."""
    ordered = list(values)
    index = next(i for i, value in enumerate(ordered) if value.id == value_id)
    target = max(0, min(len(ordered) - 1, index + step))
    ordered.insert(target, ordered.pop(index))
    return [replace(value, position=position) for position, value in enumerate(ordered)]
