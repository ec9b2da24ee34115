"""Search everything: the matching rules and the index of searchable texts.

Every piece of text a person wrote or kept (the notes under each question, free notes,
takeaways, a contact's fields and notes, the words of each ask, intro requests' outcomes,
curiosity names) is one *field*. A query matches a field when every one of its terms is
in that field, in any order; a term is a word or "a quoted phrase". Matching ignores case
and accents: both sides are folded (NFKD, combining marks dropped, casefold, runs of
whitespace as one space), so "angstrom" finds "Ångström". Terms never match across two
fields: a word in a person's name and another in their notes find nothing together.

The index folds every field once per change of the store (not per keystroke) and keeps
the fields newest first, so a search is one scan that yields results already in order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import overload

from .model import Contact, Curiosity, Interview, InterviewStatus

_WHITESPACE = re.compile(r"\s+")
_WHITESPACE_RUN = re.compile(r"\s{2,}")  # what folding shortens in ASCII text
_ONE_WHITESPACE = re.compile(r"\s")  # exactly the characters str.isspace() says are
# Straight and typographic double quotes both open and close a phrase (phones type “ ”).
_QUOTES = '"“”„'
_PHRASE = re.compile(f"[{_QUOTES}]([^{_QUOTES}]*)(?:[{_QUOTES}]|$)")
_OLDEST = datetime.min.replace(tzinfo=UTC)

# What a result is, in a few letters (the first column of the results); a message sent
# after the ask is named by its kind: "follow-up", "thank-you", "update".
NOTE = "note"
FREE_NOTES = "free notes"
TAKEAWAY = "takeaway"
CONTACT = "contact"
CONTACT_NOTES = "contact notes"
ASK = "ask"
INTRO = "intro"
CURIOSITY = "curiosity"

# Where `enter` goes inside the interview reader for free notes and takeaways (a
# question's notes go to the question's id).
FREE_NOTES_PLACE = "free-notes"
TAKEAWAYS_PLACE = "takeaways"


def fold(text: str) -> str:
    """`text` as matching sees it: no accents, no case, one space for any whitespace."""
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():
        decomposed = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _WHITESPACE.sub(" ", decomposed.casefold())


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(part for part in decomposed if not unicodedata.combining(part)).casefold()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """`fold(text)`, and for each of its characters the index in `text` it came from, so a
    match found in the folded text can be shown (and highlighted) in the original."""
    if text.isascii() and not _WHITESPACE_RUN.search(text):
        # Most text: folding only lower-cases and makes each whitespace a space, one for one.
        return _WHITESPACE.sub(" ", text.lower()), list(range(len(text)))
    folded: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        for part in _fold_char(char):
            if _WHITESPACE.match(part):
                if folded and folded[-1] == " ":
                    continue  # a run of whitespace is one space
                folded.append(" ")
            else:
                folded.append(part)
            origins.append(index)
    return "".join(folded), origins


@lru_cache(maxsize=64)  # each drawn row asks again for the query on screen
def parse_query(query: str) -> tuple[str, ...]:
    """The folded terms of a query: each "quoted phrase" whole, then each other word.
    An unclosed quote runs to the end. Empty phrases and duplicates are dropped."""
    phrases = [fold(match.group(1)).strip() for match in _PHRASE.finditer(query)]
    words = fold(_PHRASE.sub(" ", query)).split()
    terms: list[str] = []
    for term in (*phrases, *words):
        if term and term not in terms:
            terms.append(term)
    return tuple(terms)


def matches(folded_field: str, terms: tuple[str, ...]) -> bool:
    """Every term is in the one field (an empty query matches nothing)."""
    return bool(terms) and all(term in folded_field for term in terms)


@dataclass(frozen=True)
class Field:
    """One searchable text, where it lives and whose it is."""

    kind: str  # NOTE, TAKEAWAY, CONTACT...
    text: str  # as written
    person: str  # whose it is ("" for a curiosity)
    moment: datetime | None  # when it was written or happened
    contact_id: str | None = None
    interview_id: str | None = None
    place: str | None = None  # in the interview reader: a question's id, FREE_NOTES_PLACE, TAKEAWAYS_PLACE
    label: str = ""  # what part it is: the question, "email", the curiosity of an intro...


@dataclass(frozen=True)
class Snippet:
    """One line of a field around its first match; `spans` are the matched parts (start,
    end) in `text`."""

    text: str
    spans: tuple[tuple[int, int], ...]


def _contact_fields(contact: Contact) -> Iterator[Field]:
    def field(kind: str, text: str, label: str, moment: datetime | None = contact.created) -> Field:
        return Field(kind, text, contact.name, moment, contact_id=contact.id, label=label)

    yield field(CONTACT, contact.name, "name")
    for label, value in (("company", contact.company), ("role", contact.role), ("how we know", contact.how_we_know)):
        if value.strip():
            yield field(CONTACT, value, label)
    for label, values in (("email", contact.emails), ("phone", contact.phones), ("link", contact.links)):
        for value in values:
            if value.strip():
                yield field(CONTACT, value, label)
    if contact.notes.strip():
        yield field(CONTACT_NOTES, contact.notes, "notes")
    for ask in contact.asks:
        if ask.message.strip():
            yield field(ASK, ask.message, ask.channel.label if ask.channel else "", ask.at)
    for sent in contact.messages:  # the follow-up, thank-you and updates, as sent
        if sent.message.strip():
            yield field(
                sent.kind.value.replace("_", "-"), sent.message, sent.channel.label if sent.channel else "", sent.at
            )


def _interview_fields(interview: Interview, person: str) -> Iterator[Field]:
    if interview.status is InterviewStatus.CANCELLED and not (interview.question_notes or interview.free_notes):
        return
    moment = interview.moment or interview.created
    for question in interview.questions:
        notes = interview.question_notes.get(question.id, "")
        if notes.strip():
            yield Field(NOTE, notes, person, moment, interview.contact_id, interview.id, question.id, question.text)
    if interview.free_notes.strip():
        yield Field(FREE_NOTES, interview.free_notes, person, moment, interview.contact_id, interview.id,
                    FREE_NOTES_PLACE)  # fmt: skip
    takeaways = interview.reflection.takeaways
    if takeaways.strip():
        written = interview.reflection.written_at or interview.finished_at or moment
        yield Field(TAKEAWAY, takeaways, person, written, interview.contact_id, interview.id, TAKEAWAYS_PLACE)


def _curiosity_fields(curiosity: Curiosity, people: Mapping[str, Contact]) -> Iterator[Field]:
    yield Field(CURIOSITY, curiosity.name, "", curiosity.created)
    if curiosity.description.strip():
        yield Field(CURIOSITY, curiosity.description, "", curiosity.created, label=curiosity.name)
    for request in curiosity.intro_requests:
        contact = people.get(request.contact_id)
        person = contact.name if contact else "someone since deleted"
        contact_id = contact.id if contact else None
        # The request is found by its curiosity's name, its outcome by its own words.
        yield Field(INTRO, curiosity.name, person, request.asked_at, contact_id, label="asked for an intro")
        if request.outcome.strip():
            yield Field(INTRO, request.outcome, person, request.asked_at, contact_id, label=curiosity.name)


def contact_fields(contacts: Iterable[Contact]) -> list[Field]:
    return [field for contact in contacts for field in _contact_fields(contact)]


def curiosity_fields(curiosities: Iterable[Curiosity], people: Mapping[str, Contact]) -> list[Field]:
    return [field for curiosity in curiosities for field in _curiosity_fields(curiosity, people)]


def interview_fields(interviews: Iterable[Interview], people: Mapping[str, Contact]) -> list[Field]:
    return [
        field
        for interview in interviews
        for field in _interview_fields(interview, interview.person(people.get(interview.contact_id)))
    ]


def _newest_first(field: Field) -> datetime:
    return field.moment or _OLDEST


def searchable_fields(
    contacts: Iterable[Contact], curiosities: Iterable[Curiosity], interviews: Iterable[Interview]
) -> list[Field]:
    """Every field of the record, newest first."""
    people = {contact.id: contact for contact in contacts}
    fields = [
        *contact_fields(people.values()),
        *curiosity_fields(curiosities, people),
        *interview_fields(interviews, people),
    ]
    fields.sort(key=_newest_first, reverse=True)
    return fields


@dataclass(frozen=True)
class FieldGroup:
    """The fields of one table and their folded texts: an index is put together from groups,
    so a change to one table lists and folds that table's fields only."""

    fields: list[Field]
    folded: list[str]

    @classmethod
    def of(cls, fields: list[Field], previous: FieldGroup | None = None) -> FieldGroup:
        """`previous`: this table's group before the change; the texts it folded are not folded again."""
        known = dict(zip((field.text for field in previous.fields), previous.folded, strict=True)) if previous else {}
        return cls(fields, [known.get(field.text) or fold(field.text) for field in fields])


class Found(Sequence[Field]):
    """What a search found, newest first: the index's fields by number, so finding thousands
    (a common letter) makes no list of them; only the rows drawn look theirs up."""

    def __init__(self, fields: list[Field], numbers: list[int]) -> None:
        self._fields = fields
        self._numbers = numbers

    def __len__(self) -> int:
        return len(self._numbers)

    @overload
    def __getitem__(self, index: int) -> Field: ...

    @overload
    def __getitem__(self, index: slice) -> list[Field]: ...

    def __getitem__(self, index: int | slice) -> Field | list[Field]:
        if isinstance(index, slice):
            return [self._fields[number] for number in self._numbers[index]]
        return self._fields[self._numbers[index]]

    def __iter__(self) -> Iterator[Field]:
        return (self._fields[number] for number in self._numbers)


class SearchIndex:
    """The fields and their folded texts, built once; `search` is one scan in order, over
    the fields a recent query found when the new one can only find fewer."""

    RECENT_QUERIES = 32  # remembered: typing a word and backspacing over it goes back and forth

    def __init__(
        self, fields: list[Field], previous: SearchIndex | None = None, *, folded: list[str] | None = None
    ) -> None:
        """`previous`: the index before the store changed; the texts it folded are not
        folded again (one edit changes one field; folding all took ~65 ms on the heavy file).
        `folded`: the fields' texts folded already."""
        self.fields: list[Field] = fields
        if folded is None:
            folded = FieldGroup.of(fields, FieldGroup(previous.fields, previous.folded) if previous else None).folded
        self.folded: list[str] = folded
        # terms -> the numbers of the fields holding all of them, most recent query last
        self._recent: dict[tuple[str, ...], list[int]] = {}

    @classmethod
    def of(
        cls,
        contacts: Iterable[Contact],
        curiosities: Iterable[Curiosity],
        interviews: Iterable[Interview],
        previous: SearchIndex | None = None,
    ) -> SearchIndex:
        return cls(searchable_fields(contacts, curiosities, interviews), previous)

    @classmethod
    def of_groups(cls, *groups: FieldGroup) -> SearchIndex:
        """The groups' fields together, newest first (as `searchable_fields` orders them when
        the groups are given in its order: contacts, curiosities, interviews)."""
        pairs = [pair for group in groups for pair in zip(group.fields, group.folded, strict=True)]
        pairs.sort(key=lambda pair: _newest_first(pair[0]), reverse=True)
        return cls([field for field, _ in pairs], folded=[folded for _, folded in pairs])

    def search(self, query: str) -> list[Field]:
        """The fields matching `query`, newest first."""
        return list(self.found(query))

    def found(self, query: str) -> Found:
        """The fields matching `query`, newest first, looked up only when asked for."""
        terms = parse_query(query)
        return Found(self.fields, self._matching(terms) if terms else [])

    def _matching(self, terms: tuple[str, ...]) -> list[int]:
        kept = self._recent.pop(terms, None)
        if kept is None:
            kept = self._scan(terms, self._candidates(terms))
        self._recent[terms] = kept  # now the most recent
        if len(self._recent) > self.RECENT_QUERIES:
            del self._recent[next(iter(self._recent))]
        return kept

    def _candidates(self, terms: tuple[str, ...]) -> list[int] | None:
        """The fewest fields an earlier query found that hold every field `terms` can match
        (None: all). A field holding each new term holds each earlier term that is part of
        a new one, so when every earlier term is, the earlier results are the only candidates:
        each letter typed searches what the word so far found, not the whole record."""
        fewest: list[int] | None = None
        for earlier, found in self._recent.items():
            if (fewest is None or len(found) < len(fewest)) and all(
                any(part in term for term in terms) for part in earlier
            ):
                fewest = found
        return fewest

    def _scan(self, terms: tuple[str, ...], candidates: list[int] | None) -> list[int]:
        # The longest term first (it rules out the most), then each next term only among
        # the fields still in: plain comprehensions, twice as quick as all() per field.
        first, *rest = sorted(terms, key=len, reverse=True)
        folded = self.folded
        if candidates is None:
            kept = [number for number, text in enumerate(folded) if first in text]
        else:
            kept = [number for number in candidates if first in folded[number]]
        for term in rest:
            kept = [number for number in kept if term in folded[number]]
        return kept


def _spans_of(folded: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _original_index(text: str, folded_index: int) -> int:
    """Where in `text` the character `fold(text)[folded_index]` came from (at or just
    before it where folding changed lengths). Cheap: a note runs to kilobytes, and each
    result row drawn asks this once."""
    if text.isascii():  # folding only lower-cases and collapses runs of whitespace
        removed = 0
        for run in _WHITESPACE_RUN.finditer(text):
            if folded_index <= run.start() - removed:
                break
            removed += len(run.group()) - 1
        return min(folded_index + removed, len(text))
    # fold(text[:k]) is a prefix of fold(text) that grows with k: the last k it fits in.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if len(fold(text[:middle])) <= folded_index:
            low = middle
        else:
            high = middle - 1
    return low


def snippet(text: str, query: str, width: int) -> Snippet:
    """At most `width` characters of `text` on one line, around the first match, with the
    matches' positions; "…" marks a cut. Whitespace becomes plain spaces, one per one."""
    plain, folded = _folded_for_snippet(text)
    return _snippet(text, parse_query(query), max(width, 8), plain, folded)


# text -> (plain, folded): the same for a field at every key, and most of a row's snippet's
# cost (notes run to kilobytes; each key redraws every visible row). Bounded: cleared when full.
_FOLDED_FOR_SNIPPET: dict[str, tuple[bool, str]] = {}
_FOLDED_FOR_SNIPPET_MOST = 4096


def _folded_for_snippet(text: str) -> tuple[bool, str]:
    """Whether `text` is plain, and its folded form. Most text is plain: folding it keeps each
    character in its place (no accents to drop, no run of whitespace to shorten), so positions
    need no mapping back."""
    made = _FOLDED_FOR_SNIPPET.get(text)
    if made is None:
        plain = text.isascii() and not _WHITESPACE_RUN.search(text)
        made = (plain, _WHITESPACE.sub(" ", text.lower()) if plain else fold(text))
        if len(_FOLDED_FOR_SNIPPET) >= _FOLDED_FOR_SNIPPET_MOST:
            _FOLDED_FOR_SNIPPET.clear()
        _FOLDED_FOR_SNIPPET[text] = made
    return made


def _snippet(text: str, terms: tuple[str, ...], width: int, plain: bool, folded: str | None = None) -> Snippet:
    if folded is None:
        folded = _WHITESPACE.sub(" ", text.lower()) if plain else fold(text)
    firsts = [found for found in (folded.find(term) for term in terms) if found >= 0]
    first = (min(firsts) if plain else _original_index(text, min(firsts))) if firsts else 0
    start = 0
    if len(text) > width and first > width // 3:
        start = min(first - width // 3, max(len(text) - width, 0))
    end = min(len(text), start + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    end = min(end, start + width - len(prefix) - len(suffix))
    # Only the shown part is folded character by character (a match cut by the end, too).
    longest = max((len(term) for term in terms), default=0)
    if plain:
        found = [(start + a, start + b) for a, b in _spans_of(folded[start : end + longest], terms)]
    else:
        reach, wanted = end, len(fold(text[start:end])) + longest
        while reach < len(text) and len(fold(text[start:reach])) < wanted:  # accents add characters
            reach += longest
        window_folded, origins = fold_with_offsets(text[start:reach])
        found = [(start + origins[a], start + origins[b - 1] + 1) for a, b in _spans_of(window_folded, terms)]
    shown = _ONE_WHITESPACE.sub(" ", text[start:end])
    shift = len(prefix) - start
    spans = tuple((max(a, start) + shift, min(b, end) + shift) for a, b in found if b > start and a < end)
    return Snippet(prefix + shown + suffix, spans)
