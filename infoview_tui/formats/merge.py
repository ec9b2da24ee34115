"""Bringing imported people into the network without doubling anyone.

Two records are the same person when they share an email address, or the same name
and company (compared without case). A match gains what it lacked (company, role,
emails, phones, links, notes) and keeps everything the user set (tier, stage, notes
already written). Re-importing a file therefore adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..domain.model import Contact
from .reading import ParsedFile, Person, Rejected, add_unique


@dataclass
class ImportPlan:
    kind: str
    tier: int
    added: list[Contact] = field(default_factory=list)
    merged: list[Contact] = field(default_factory=list)  # existing contacts, with what they gained
    duplicates_in_file: int = 0  # rows folded into an earlier row of the same file
    unchanged: int = 0  # already in the network, nothing new
    blank_rows: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return self.unchanged + self.blank_rows

    def summary(self) -> str:
        parts = [f"added {len(self.added)}", f"merged {len(self.merged) + self.duplicates_in_file}",
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


def _name_key(name: str, company: str) -> tuple[str, str]:
    return (" ".join(name.casefold().split()), " ".join(company.casefold().split()))


def _merge(contact: Contact, person: Person) -> Contact:
    notes = contact.notes
    if person.notes and person.notes not in notes:
        notes = f"{notes}\n{person.notes}".strip()
    return replace(
        contact,
        company=contact.company or person.company,
        role=contact.role or person.role,
        how_we_know=contact.how_we_know or person.how_we_know,
        emails=add_unique(contact.emails, person.emails),
        phones=add_unique(contact.phones, person.phones),
        links=add_unique(contact.links, person.links),
        notes=notes,
    )


def plan_import(existing: list[Contact], parsed: ParsedFile, tier: int) -> ImportPlan:
    if tier not in (1, 2, 3, 4):
        raise ValueError(f"tier must be 1, 2, 3 or 4, not {tier}")
    plan = ImportPlan(parsed.kind, tier, blank_rows=parsed.blank_rows, rejected=list(parsed.rejected))
    current: dict[str, Contact] = {contact.id: contact for contact in existing}
    by_email: dict[str, str] = {}
    by_name: dict[tuple[str, str], str] = {}

    def index(contact: Contact) -> None:
        for email in contact.emails:
            by_email.setdefault(email.casefold(), contact.id)
        by_name.setdefault(_name_key(contact.name, contact.company), contact.id)

    for contact in existing:
        index(contact)
    new_ids: set[str] = set()
    changed_ids: set[str] = set()

    for person in parsed.people:
        match_id = next((by_email[e.casefold()] for e in person.emails if e.casefold() in by_email), None)
        match_id = match_id or by_name.get(_name_key(person.name, person.company))
        if match_id is None:
            contact = Contact(
                name=person.name, tier=tier, company=person.company, role=person.role,
                how_we_know=person.how_we_know, emails=list(person.emails), phones=list(person.phones),
                links=list(person.links), notes=person.notes,
            )  # fmt: skip
            current[contact.id] = contact
            new_ids.add(contact.id)
            index(contact)
            continue
        before = current[match_id]
        after = _merge(before, person)
        if match_id in new_ids:
            plan.duplicates_in_file += 1
        elif after != before:
            changed_ids.add(match_id)
        else:
            plan.unchanged += 1
        current[match_id] = after
        index(after)

    plan.added = [current[contact_id] for contact_id in current if contact_id in new_ids]
    plan.merged = [current[contact_id] for contact_id in current if contact_id in changed_ids]
    return plan
