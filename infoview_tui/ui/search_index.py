"""The search index of an open database, kept between searches and brought up to date by table.

Building it on the heavy database reads 2,000 contacts (~90 ms) and 500 interviews (~15 ms:
their writings, without the 30,000 reactions), lists their fields (~40 ms) and folds their
texts. A change touches one table (notes typed in a call, a contact edited), and
`Repository.generation(table)` says which: only that table is read again, and only its fields
are listed again (and those of the tables whose fields name people, when a contact changed);
the others' records and fields are kept from the last build, and a text folded before is not
folded again. The build needs no event loop, so the search screen runs it in a thread (the
store gives each table a new dict per write, so a read in a thread never sees one half
written) and keeps answering from the last index meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from ..domain.model import Contact, Curiosity, Interview
from ..domain.search import FieldGroup, SearchIndex, contact_fields, curiosity_fields, interview_fields
from ..store.repository import Repository
from ..store.schema import CONTACTS, CURIOSITIES, INTERVIEWS

SEARCHED_TABLES = (CONTACTS, CURIOSITIES, INTERVIEWS)


@dataclass(frozen=True)
class BuiltIndex:
    """An index and what it was built from: each searched table's generation, records and
    fields (the curiosities' and interviews' fields name people: they follow the contacts too)."""

    generations: tuple[int, ...]
    contacts: list[Contact]
    curiosities: list[Curiosity]
    interviews: list[Interview]
    groups: tuple[FieldGroup, FieldGroup, FieldGroup]  # contacts', curiosities', interviews'
    index: SearchIndex


# One per open database: the newest index built for it.
_built: WeakKeyDictionary[Repository, BuiltIndex] = WeakKeyDictionary()


def generations(repository: Repository) -> tuple[int, ...]:
    return tuple(repository.generation(table) for table in SEARCHED_TABLES)


def current_index(repository: Repository) -> SearchIndex | None:
    """The kept index if the searched tables have not changed since it was built."""
    built = _built.get(repository)
    return built.index if built is not None and built.generations == generations(repository) else None


def last_index(repository: Repository) -> SearchIndex | None:
    """The newest index built, current or not (good enough to answer while a new one is built)."""
    built = _built.get(repository)
    return built.index if built is not None else None


def build_index(repository: Repository) -> BuiltIndex:
    """A new index of the store as it is now, reading again only the tables that changed since
    the kept one. Touches nothing shared, so it may run in a thread; `keep` it on the loop."""
    previous = _built.get(repository)
    now = generations(repository)  # before reading: a change while reading makes it stale, not wrong
    same = previous.generations if previous is not None else (None,) * len(now)
    contacts_same, curiosities_same, interviews_same = (a == b for a, b in zip(same, now, strict=True))
    if previous is None:
        contacts, curiosities, interviews = (
            repository.contacts(),
            repository.curiosities(),
            repository.interview_writings(),
        )
        people = {contact.id: contact for contact in contacts}
        groups = (
            FieldGroup.of(contact_fields(contacts)),
            FieldGroup.of(curiosity_fields(curiosities, people)),
            FieldGroup.of(interview_fields(interviews, people)),
        )
        return BuiltIndex(now, contacts, curiosities, interviews, groups, SearchIndex.of_groups(*groups))
    contacts = previous.contacts if contacts_same else repository.contacts()
    curiosities = previous.curiosities if curiosities_same else repository.curiosities()
    interviews = previous.interviews if interviews_same else repository.interview_writings()
    people = {contact.id: contact for contact in contacts}
    contact_group, curiosity_group, interview_group = previous.groups
    if not contacts_same:
        contact_group = FieldGroup.of(contact_fields(contacts), contact_group)
    if not (contacts_same and curiosities_same):
        curiosity_group = FieldGroup.of(curiosity_fields(curiosities, people), curiosity_group)
    if not (contacts_same and interviews_same):
        interview_group = FieldGroup.of(interview_fields(interviews, people), interview_group)
    groups = (contact_group, curiosity_group, interview_group)
    return BuiltIndex(now, contacts, curiosities, interviews, groups, SearchIndex.of_groups(*groups))


def keep(repository: Repository, built: BuiltIndex) -> SearchIndex:
    """Keep `built` as the repository's index unless a newer one is kept already."""
    kept = _built.get(repository)
    if kept is None or all(old <= new for old, new in zip(kept.generations, built.generations, strict=True)):
        _built[repository] = built
    return built.index


def index_of(repository: Repository) -> SearchIndex:
    """The index of the store as it is now, built here and now if it has to be."""
    index = current_index(repository)
    return index if index is not None else keep(repository, build_index(repository))
