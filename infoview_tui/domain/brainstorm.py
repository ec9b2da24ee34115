"""Today's brainstorm pad is the list of curiosities: each line a curiosity's name.

The pad's text is kept as typed (Settings.brainstorm: the user's order, blank lines and
spelling); the curiosities follow it. A line typed there becomes a curiosity; a curiosity
added elsewhere (the network's c, a contact's form) is added to the pad as a new line; a
line removed takes its curiosity away only when nothing points to it (no contacts, no
intro requests), otherwise the user is asked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Contact, Curiosity

_BULLETS = "-*•·"


def line_name(line: str) -> str:
    """The curiosity a pad line names: the line without a leading bullet and spaces."""
    name = line.strip()
    if name[:1] in _BULLETS:
        name = name[1:].strip()
    return " ".join(name.split())


def names_in(text: str) -> list[str]:
    """The curiosity names the pad holds, once each, in its order."""
    names: list[str] = []
    seen: set[str] = set()
    for line in text.splitlines():
        name = line_name(line)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


@dataclass
class PadSync:
    to_add: list[str] = field(default_factory=list)  # names typed in the pad, new curiosities
    to_remove: list[Curiosity] = field(default_factory=list)  # lines taken out; nothing points to them
    to_ask: list[Curiosity] = field(default_factory=list)  # lines taken out, but people or requests use them
    text: str = ""  # the pad with curiosities added elsewhere appended

    @property
    def changes_records(self) -> bool:
        return bool(self.to_add or self.to_remove or self.to_ask)


def in_use(curiosity: Curiosity, contacts: Iterable[Contact]) -> int:
    """How many contacts and intro requests point to this curiosity."""
    return len(curiosity.intro_requests) + sum(1 for contact in contacts if curiosity.id in contact.curiosity_ids)


def sync_pad(text: str, last_synced: Iterable[str], curiosities: Iterable[Curiosity],
             contacts: Iterable[Contact]) -> PadSync:  # fmt: skip
    """What to do so the pad and the curiosities agree. `last_synced` are the names the pad
    held when they last agreed: a curiosity missing from the pad that was there then was
    taken out by the user; one that was not there was added elsewhere, and joins the pad."""
    typed = {name.casefold(): name for name in names_in(text)}
    before = {name.casefold() for name in last_synced}
    known = list(curiosities)
    people = list(contacts)
    plan = PadSync(text=text)
    known_names = {curiosity.name.casefold() for curiosity in known}
    plan.to_add = [name for key, name in typed.items() if key not in known_names]
    appended: list[str] = []
    for curiosity in sorted(known, key=lambda c: c.created):
        key = " ".join(curiosity.name.split()).casefold()
        if key in typed:
            continue
        if key in before:
            (plan.to_ask if in_use(curiosity, people) else plan.to_remove).append(curiosity)
        else:
            appended.append(curiosity.name)
    if appended:
        plan.text = text.rstrip("\n") + ("\n" if text.strip() else "") + "\n".join(appended)
    return plan
