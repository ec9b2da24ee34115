"""The matching rules of Search everything (F6): folding, words, phrases, one field at a time."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from infoview_tui.domain.model import (
    Ask,
    Contact,
    Curiosity,
    Interview,
    InterviewStatus,
    IntroRequest,
    MessageKind,
    Question,
    Reflection,
    SentMessage,
)
from infoview_tui.domain.search import (
    Field,
    SearchIndex,
    _snippet,
    fold,
    fold_with_offsets,
    matches,
    parse_query,
    searchable_fields,
    snippet,
)

WHEN = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
COMBINING = [chr(code) for code in (0x0300, 0x0301, 0x0302, 0x0303, 0x0308, 0x030A, 0x0327, 0x0328)]
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10)


def decorated(word: str, data: st.DataObject) -> str:
    """The word as a person might have written it: any case, accents on any letter, composed or not."""
    letters = []
    for letter in word:
        cased = letter.upper() if data.draw(st.booleans()) else letter
        marks = "".join(data.draw(st.lists(st.sampled_from(COMBINING), max_size=2)))
        letters.append(unicodedata.normalize(data.draw(st.sampled_from(["NFC", "NFD"])), cased + marks))
    return "".join(letters)


def field(text: str, moment: datetime = WHEN) -> Field:
    return Field("note", text, "Someone", moment)


def test_accents_and_case_do_not_matter() -> None:
    assert fold("Ångström") == "angstrom"
    assert matches(fold("Met Dr. Ångström at CERN"), parse_query("angstrom"))
    assert matches(fold("STRASSE"), parse_query("straße"))  # casefold: ß is ss
    assert matches(fold("ﬁnance"), parse_query("finance"))  # NFKD: the ligature is two letters


@given(st.data(), words)
def test_a_word_is_found_however_it_was_written(data: st.DataObject, word: str) -> None:
    written = decorated(word, data)
    assert matches(fold(f"before {written} after"), parse_query(word))
    assert matches(fold(word), parse_query(written))  # the query may carry the accents instead


@given(st.lists(words, min_size=1, max_size=6), st.randoms())
def test_words_match_in_any_order(field_words: list[str], rng) -> None:  # type: ignore[no-untyped-def]
    query = field_words[:]
    rng.shuffle(query)
    assert matches(fold(" ".join(field_words)), parse_query(" ".join(query).upper()))


@given(words, words)
def test_a_quoted_phrase_matches_as_written(first: str, second: str) -> None:
    phrase = f'"{first} {second}"'
    assert matches(fold(f"x {first.upper()}  {second} y"), parse_query(phrase))  # whitespace runs are one space
    if f"{first} {second}" not in f"{second} {first}":
        assert not matches(fold(f"{second} {first}"), parse_query(phrase))


def test_query_parsing() -> None:
    assert parse_query('Fellowship "Guild  Hall" ÉCOLE') == ("guild hall", "fellowship", "ecole")
    assert parse_query("“curly quotes” too") == ("curly quotes", "too")
    assert parse_query('"unclosed phrase') == ("unclosed phrase",)
    assert parse_query('  "" ') == ()
    assert not matches("anything", parse_query(""))


@given(st.lists(words, min_size=2, max_size=5, unique=True))
def test_words_never_match_across_fields(spread: list[str]) -> None:
    """Each word in a field of its own: the words together find nothing, each alone finds its field."""
    if any(a != b and a in b for a in spread for b in spread):
        return  # one word inside another would match that field on its own
    index = SearchIndex([field(word) for word in spread])
    assert index.search(" ".join(spread)) == []
    for word in spread:
        assert [found.text for found in index.search(word)] == [word]


@given(st.text(max_size=60))
def test_folding_with_offsets_agrees_with_folding(text: str) -> None:
    folded, origins = fold_with_offsets(text)
    assert folded == fold(text)
    assert len(origins) == len(folded) and origins == sorted(origins)
    assert all(0 <= origin < len(text) for origin in origins)


@given(st.data(), words, st.text(alphabet="abc \n", max_size=80), st.text(alphabet="abc \n", max_size=80),
       st.integers(min_value=8, max_value=60))  # fmt: skip
def test_snippet_is_one_line_around_the_match(
    data: st.DataObject, word: str, before: str, after: str, width: int
) -> None:
    written = decorated(word, data)
    cut = snippet(f"{before}{written}{after}", word, width)
    assert "\n" not in cut.text and len(cut.text) <= width
    assert cut.spans, "the match is shown"
    for start, end in cut.spans:  # each lit part is the word, or the part of it the cut left
        lit = fold(cut.text[start:end])
        assert word in lit or lit in word


def test_snippet_highlights_every_match_and_marks_cuts() -> None:
    text = "A long preamble about many other things before the Fellowship and then the fellowships end here."
    cut = snippet(text, "fellowship", 60)
    assert cut.text.startswith("…") and cut.text.endswith("…")
    assert [cut.text[start:end] for start, end in cut.spans] == ["Fellowship", "fellowship"]


def test_every_kind_of_text_is_searchable_newest_first() -> None:
    asked = Question("What challenges do you find?")
    ana = Contact(name="Ana Lima", company="Acme Health", role="Nurse", notes="Met at the Ångström talk",
                  emails=["ana@example.org"], asks=[Ask(at=WHEN, message="Would you have 30 minutes?")],
                  messages=[SentMessage(MessageKind.THANK_YOU, WHEN, message="Thank you for the workshop tour")],
                  created=WHEN - timedelta(days=30))  # fmt: skip
    curiosity = Curiosity(name="Woodworking", created=WHEN - timedelta(days=60),
                          intro_requests=[IntroRequest(ana.id, WHEN + timedelta(days=1), "introduced me to Sam Ortiz")])  # fmt: skip
    talk = Interview(contact_id=ana.id, questions=[asked], question_notes={asked.id: "An apprenticeship"},
                     free_notes="Offered a visit", status=InterviewStatus.DONE, started_at=WHEN + timedelta(days=2),
                     reflection=Reflection(takeaways="Ask about fellowships", written_at=WHEN + timedelta(days=3)))  # fmt: skip
    index = SearchIndex(searchable_fields([ana], [curiosity], [talk]))

    def kinds(query: str) -> list[tuple[str, str]]:
        return [(found.kind, found.person) for found in index.search(query)]

    assert kinds("apprenticeship") == [("note", "Ana Lima")]
    assert index.search("apprenticeship")[0].place == asked.id
    assert kinds("visit") == [("free notes", "Ana Lima")]
    assert kinds("fellowship") == [("takeaway", "Ana Lima")]
    assert kinds("angstrom") == [("contact notes", "Ana Lima")]
    assert kinds("30 minutes") == [("ask", "Ana Lima")]
    assert kinds("workshop tour") == [("thank-you", "Ana Lima")]
    assert kinds("sam ortiz") == [("intro", "Ana Lima")]
    assert kinds("example.org") == [("contact", "Ana Lima")]
    assert kinds("woodworking") == [("intro", "Ana Lima"), ("curiosity", "")]  # newest first
    # Newest first across kinds: the takeaway (day 3), the note (day 2), the intro (day 1)...
    dated = [found.kind for found in index.search("a")]
    assert dated[:3] == ["takeaway", "note", "free notes"]


def test_an_index_built_again_after_an_edit_finds_the_new_words_not_the_old() -> None:
    before = SearchIndex([field("first draft of the note"), field("Ångström talk")])
    after = SearchIndex([field("corrected note"), field("Ångström talk")], previous=before)
    assert after.search("draft") == [] and [found.text for found in after.search("corrected")] == ["corrected note"]
    assert [found.text for found in after.search("angstrom")] == ["Ångström talk"]


@given(
    st.lists(st.text(alphabet="abé É\n", max_size=12), max_size=12),
    st.lists(st.text(alphabet='abe É"', max_size=6), min_size=1, max_size=12),
)
def test_a_query_finds_the_same_whatever_was_searched_before(texts: list[str], queries: list[str]) -> None:
    """Typing narrows the last results rather than scanning everything; what is found never
    depends on that: each query, however the ones before it went, finds what it finds alone."""
    fields = [field(text) for text in texts]
    index = SearchIndex(fields)
    last = ""
    for query in queries:
        for typed in (last + query, query, query + query[:1], query[:-1]):  # keys added, a new word, backspace
            alone = [found for found in fields if matches(fold(found.text), parse_query(typed))]
            assert index.search(typed) == alone, typed
            last = typed


@given(st.text(alphabet="aBz \t\n.É", max_size=40))
def test_each_folded_character_points_at_the_one_it_came_from(text: str) -> None:
    """What the highlight of a match relies on, for plain text and accented alike."""
    folded, origins = fold_with_offsets(text)
    for char, origin in zip(folded, origins, strict=True):
        assert char == " " if text[origin].isspace() else char in fold(text[origin])


pieces = st.sampled_from(["ab", "abc", "Cab", "b.", "ca", "x"])


@given(st.lists(pieces, max_size=30), st.sampled_from([" ", "\t", "\n"]), st.lists(pieces, max_size=3),
       st.integers(0, 30))  # fmt: skip
def test_plain_text_is_cut_as_any_text_is(words: list[str], space: str, query: list[str], width: int) -> None:
    """Text without accents or runs of whitespace takes a quicker way to its snippet: the same one."""
    text, typed = space.join(words), " ".join(query)
    assert snippet(text, typed, width) == _snippet(text, parse_query(typed), max(width, 8), plain=False)
