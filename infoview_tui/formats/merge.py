"""Bringing imported people into the network without doubling anyone.

Two records are the same person when they share an email address, or the same name
and company (compared without case). A match gains what it lacked (company, role,
emails, phones, links, notes) and keeps everything the user set (tier, stage, notes
already written). Re-importing a file therefore adds nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from typing import Any

from ..domain.model import Contact, utc_now
from ..domain.records import from_record, to_record
from .reading import ParsedFile, Person, Rejected, add_unique


@dataclass
class ImportPlan:
    """What an import will do. New people are held as the records the database will
    store (`new_contact_records`), not as Contact objects: a 10,000-row LinkedIn file
    spent over half its import time building objects only to turn them into records.
    Contacts are built only for what is shown (`preview`)."""

    kind: str
    tier: int
    added_records: list[dict[str, Any]] = field(default_factory=list)
    merged: list[Contact] = field(default_factory=list)  # existing contacts, with what they gained
    duplicates_in_file: int = 0  # rows folded into an earlier row of the same file
    unchanged: int = 0  # already in the network, nothing new
    blank_rows: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def added_count(self) -> int:
        return len(self.added_records)

    def preview(self, count: int) -> list[Contact]:
        """The first `count` new contacts, as they will be added."""
        return [from_record(Contact, record) for record in self.added_records[:count]]

    @property
    def added(self) -> list[Contact]:
        return self.preview(len(self.added_records))

    def place_in(self, tier: int) -> None:
        """New people go to `tier` (the user changed it after the preview)."""
        _check_tier(tier)
        self.tier = tier
        for record in self.added_records:
            record["tier"] = tier

    @property
    def skipped(self) -> int:
        return self.unchanged + self.blank_rows

    def summary(self) -> str:
        parts = [f"added {self.added_count}", f"merged {len(self.merged) + self.duplicates_in_file}",
                 f"skipped {self.skipped}", f"rejected {len(self.rejected)}"]  # fmt: skip
        return ", ".join(parts).capitalize() + "."

    def details(self) -> list[str]:
        """The lines that explain the counts, rejected rows by line number."""
        lines = []
        if self.unchanged:
            lines.append(f"{self.unchanged} already in your network with nothing new")
        if self.duplicates_in_file:
            lines.append(f"{self.duplicates_in_file} repeated within the file, folded into one")
        if self.blank_rows:
            lines.append(f"{self.blank_rows} empty row{'s' if self.blank_rows != 1 else ''}")
        lines += [f"line {rejected.line}: {rejected.reason}" for rejected in self.rejected]
        return lines


def _check_tier(tier: int) -> None:
    if tier not in (1, 2, 3, 4):
        raise ValueError(f"tier must be 1, 2, 3 or 4, not {tier}")


def _folded(text: str) -> str:
    """Without case and with any run of spaces as one: how names are compared."""
    return " ".join(text.casefold().split())


def _name_key(name: str, company: str) -> tuple[str, str]:
    return (_folded(name), _folded(company))


def _gains(current: Callable[[str], Any], person: Person) -> dict[str, Any]:
    """The fields a known person gains from a file row: what they lacked (company, role,
    how we know), emails, phones and links not there yet, notes not written yet. Empty
    when the row brings nothing new. `current(name)` reads a field of the known person
    (a Contact or a stored record: one rule for both)."""
    changes: dict[str, Any] = {}
    for name in ("company", "role", "how_we_know"):
        value = getattr(person, name)
        if value and not current(name):
            changes[name] = value
    for name in ("emails", "phones", "links"):
        new = getattr(person, name)
        if new:
            had = current(name)
            merged = add_unique(had, new)
            if len(merged) != len(had):
                changes[name] = merged
    notes = current("notes")
    if person.notes and person.notes not in notes:
        joined = f"{notes}\n{person.notes}".strip()
        if joined != notes:  # notes of only spaces add nothing
            changes["notes"] = joined
    return changes


def _folded_field(folded: dict[str, Any], person: Person, name: str) -> Any:
    """A field of a new person as the rows folded into them so far left it."""
    return folded[name] if name in folded else getattr(person, name)


def new_contact_records(people: list[Person], tier: int, now: datetime | None = None) -> list[dict[str, Any]]:
    """Each person as the record `to_record(Contact(...))` would store for them, built
    straight onto a blank record of the model (so a field added to Contact is here too):
    ~1 us a person instead of ~8 for a Contact and its conversion."""
    now = now or utc_now()
    blank = to_record(Contact(name="-", tier=tier, id="", created=now, updated=now))
    # The model's other list fields (curiosities, stage history, asks, ...): a new empty
    # list in each record, never one list shared by thousands.
    empty_lists = [name for name, value in blank.items() if isinstance(value, list) and name not in _FROM_PERSON]
    ids = os.urandom(16 * len(people)).hex()  # new_id's 32 hex digits each, in one call
    records = []
    for index, person in enumerate(people):
        record = dict(
            blank, id=ids[32 * index : 32 * index + 32], name=person.name, company=person.company, role=person.role,
            how_we_know=person.how_we_know, emails=[*person.emails], phones=[*person.phones], links=[*person.links],
            notes=person.notes,
        )  # fmt: skip
        for name in empty_lists:
            record[name] = []
        records.append(record)
    return records


_FROM_PERSON = frozenset({"name", "company", "role", "how_we_know", "emails", "phones", "links", "notes"})


def plan_import(existing: list[Contact], parsed: ParsedFile, tier: int) -> ImportPlan:
    _check_tier(tier)
    plan = ImportPlan(parsed.kind, tier, blank_rows=parsed.blank_rows, rejected=list(parsed.rejected))
    current: dict[str, Contact] = {contact.id: contact for contact in existing}
    by_email: dict[str, int | str] = {}  # casefolded email -> a contact id, or a new person's index
    by_name: dict[tuple[str, str], int | str] = {}
    for contact in existing:
        for email in contact.emails:
            by_email.setdefault(email.casefold(), contact.id)
        by_name.setdefault(_name_key(contact.name, contact.company), contact.id)

    companies: dict[str, str] = {}  # a file names a few hundred companies over thousands of rows
    new_people: list[Person] = []
    folded: dict[int, dict[str, Any]] = {}  # a new person's index -> what later rows added
    changed_ids: set[str] = set()

    for person in parsed.people:
        if not person.name:  # it was only control characters (see reading.Person)
            plan.rejected.append(Rejected(person.line, "no name (only control characters)"))
            continue
        match = None
        if person.emails:  # most LinkedIn rows have none
            match = next((by_email[found] for email in person.emails if (found := email.casefold()) in by_email), None)
        company = companies.get(person.company)
        if company is None:
            company = companies[person.company] = _folded(person.company)
        key = (_folded(person.name), company)
        if match is None:
            match = by_name.get(key)
        if match is None:  # someone new
            match = len(new_people)
            new_people.append(person)
            for email in person.emails:
                by_email.setdefault(email.casefold(), match)
            by_name.setdefault(key, match)
            continue
        if isinstance(match, int):  # an earlier row of this file
            plan.duplicates_in_file += 1
            earlier = new_people[match]
            row = folded.setdefault(match, {})
            gained = _gains(partial(_folded_field, row, earlier), person)
            row.update(gained)
            known_as = earlier.name
        else:
            before = current[match]
            gained = _gains(partial(getattr, before), person)
            if gained:
                current[match] = replace(before, **gained)
                changed_ids.add(match)
            else:
                plan.unchanged += 1
            known_as = before.name
        # What they gained finds them too: a later row with that email, or that company.
        for email in gained.get("emails", ()):
            by_email.setdefault(email.casefold(), match)
        if "company" in gained:
            by_name.setdefault(_name_key(known_as, gained["company"]), match)

    plan.added_records = new_contact_records(new_people, tier)
    for index, row in folded.items():
        plan.added_records[index].update(row)
    plan.merged = [current[contact_id] for contact_id in current if contact_id in changed_ids]
    return plan
