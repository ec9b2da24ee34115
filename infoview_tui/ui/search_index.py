"""The search index of an open database, kept between searches and brought up to date by table.

Building it on the heavy database reads 2,000 contacts (~90 ms) and 500 interviews (~15 ms:
their writings, without the 30,000 reactions), lists their fields and folds the texts no
earlier index folded. A change touches one table
(notes typed in a call, a contact edited), and `Repository.generation(table)` says which: only
that table is read again; the others' records are kept from the last build. Folding reuses the
last index's folded texts. The build needs no event loop, so the search screen runs it in a
thread (the store gives each table a new dict per write, so a read in a thread never sees one
half written) and keeps answering from the last index meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from ..domain.model import Contact, Curiosity, Interview
from ..domain.search import SearchIndex
from ..store.repository import Repository
from ..store.schema import CONTACTS, CURIOSITIES, INTERVIEWS

SEARCHED_TABLES = (CONTACTS, CURIOSITIES, INTERVIEWS)


@dataclass(frozen=True)
class BuiltIndex:
    """An index and what it was built from: each searched table's generation and records."""

    generations: tuple[int, ...]
    contacts: list[Contact]
    curiosities: list[Curiosity]
    interviews: list[Interview]
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
    contacts = previous.contacts if previous is not None and contacts_same else repository.contacts()
    curiosities = previous.curiosities if previous is not None and curiosities_same else repository.curiosities()
    interviews = previous.interviews if previous is not None and interviews_same else repository.interview_writings()
    index = SearchIndex.of(contacts, curiosities, interviews, previous.index if previous is not None else None)
    return BuiltIndex(now, contacts, curiosities, interviews, index)


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
