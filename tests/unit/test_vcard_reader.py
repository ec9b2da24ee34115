"""The vCard reader reads every value whole (folded lines, quoted-printable soft breaks,
unescaped commas, grouped properties) and never drops a line without saying so."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_tui.formats import vcard
from infoview_tui.formats.importing import parse_file, parse_text
from infoview_tui.formats.reading import FileRefused, ParsedFile

FIXTURES = Path(__file__).parent.parent / "fixtures"


def read(text: str) -> ParsedFile:
    result = parse_text(text)
    assert isinstance(result, ParsedFile)
    return result


def rejected(result: ParsedFile) -> list[tuple[int, str]]:
    return [(r.line, r.reason) for r in result.rejected]


def test_android_quoted_printable_soft_breaks_and_unescaped_commas_read_whole() -> None:
    result = parse_file(FIXTURES / "vcard/android-2.1.vcf")
    assert isinstance(result, ParsedFile)
    jurgen, tom = result.people
    assert jurgen.name == "Jürgen Müller"
    # The value goes on after '=' at the end of a line, whether or not the next line starts with a space.
    assert jurgen.notes == (
        "Met at the Handwerksmesse, stand 12; wants an apprentice\nAsk about the Köln workshop, and the tools."
    )
    assert tom.notes == "Neighbour, plays chess, owes me a book"  # 2.1 writes commas unescaped
    assert tom.emails == ["tom@example.de"]  # after a photo whose base64 lines are not indented
    assert result.rejected == []


def test_commas_in_any_text_come_back_3_0_too() -> None:
    result = read(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Doe, Jane\r\nTITLE:Head of Research, Europe\r\n"
        "ORG:Acme\\, Inc.;Research, Berlin\r\nNOTE:one, two,, three\\, four\\; five\\nsix\r\nEND:VCARD\r\n"
    )
    (jane,) = result.people
    assert (jane.name, jane.role, jane.company) == ("Doe, Jane", "Head of Research, Europe", "Acme, Inc.")
    assert jane.notes == "one, two,, three, four; five\nsix"


def test_grouped_properties_and_folding_with_tabs() -> None:
    result = read(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Lena\n  Fischer\nitem1.EMAIL;TYPE=INTERNET:lena@\n\tschool.example\n"
        "item1.X-ABLabel:_$!<Other>!$_\nitem2.NOTE:Met at\n  the fair\nitem3.TITLE:Head of year\nEND:VCARD\n"
    )
    (lena,) = result.people
    assert (lena.name, lena.emails, lena.notes, lena.role) == (
        "Lena Fischer", ["lena@school.example"], "Met at the fair", "Head of year")  # fmt: skip


def test_a_card_inside_a_card_keeps_the_outer_one() -> None:
    result = read(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Boss;Big\r\nFN:Big Boss\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\n"
        "FN:Pat Assistant\r\nTEL:+1 555 0100\r\nEND:VCARD\r\nTEL:+1 555 0199\r\nNOTE:after the agent\r\nEND:VCARD\r\n"
    )
    assert [(p.line, p.name, p.phones) for p in result.people] == [
        (6, "Pat Assistant", ["+1 555 0100"]),
        (1, "Big Boss", ["+1 555 0199"]),
    ]
    assert result.people[1].notes == "after the agent"
    assert result.rejected == []


def test_no_line_is_dropped_without_a_rejected_entry() -> None:
    result = read(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\nthis line is no property\nNOTE:kept\nEND:VCARD\n"
        "stray text between cards\n\nEND:VCARD\nBEGIN:VCARD\nFN:Cut Short\n"
    )
    assert [p.name for p in result.people] == ["Ana Lima"]
    assert result.people[0].notes == "kept"
    assert rejected(result) == [
        (4, "not a vCard property, left out: 'this line is no property'"),
        (7, "text outside any card, left out: 'stray text between cards'"),
        (9, "END:VCARD with no BEGIN:VCARD before it"),
        (10, "the card never ends (no END:VCARD): is the file cut short?"),
    ]


def test_a_broken_parameter_list_is_a_rejected_line_read_at_once() -> None:
    # vobject's pattern backtracks exponentially on this line (30 commas took minutes).
    line = "X-HOSTILE;A=" + "," * 40 + "!"
    result = read(f"BEGIN:VCARD\nFN:Ana Lima\n{line}\nEND:VCARD\n")
    assert [p.name for p in result.people] == ["Ana Lima"]
    assert [(r.line, r.reason.split(":")[0]) for r in result.rejected] == [(3, "not a vCard property, left out")]


def test_line_separators_inside_a_note_are_its_text() -> None:
    result = read("BEGIN:VCARD\nFN:Ana Lima\nNOTE:first\u2028second\u0085third\nEND:VCARD\n")
    (ana,) = result.people
    assert ana.notes == "first\u2028secondthird"  # NEL is a C1 control: dropped, not a line break
    assert result.rejected == []


def test_a_card_too_big_is_rejected_and_its_photo_never_counts(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(vcard, "MAX_CARD_CHARS", 2000)
    photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + "\n ".join(["QUJD" * 18] * 400)  # ~29 KB of base64, folded
    result = read(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:With Photo\n{photo}\nEND:VCARD\n"
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Long Note\nNOTE:{'word ' * 1000}\nEND:VCARD\n"
    )
    assert [p.name for p in result.people] == ["With Photo"]
    assert rejected(result) == [
        (405, "the card holds over 1 KB of text (photos aside), more than a contact can: left out")
    ]


@pytest.mark.parametrize("charset", ["idna", "rot13", "x-unknown", "undefined", "hex"])
def test_a_charset_python_cannot_decode_with_is_read_as_utf8(charset: str) -> None:
    result = read(f"BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen\nEND:VCARD\n")
    assert [p.name for p in result.people] == ["Jürgen"] and result.rejected == []


# --- every value comes back whole, however the card is written ---------------------------

_PRINTABLE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
_SPECIAL = st.sampled_from([",", ";", ":", "=", "\\", " ", '"', "é", "ß", "€", "日本", "=3D", "\\n", "  "])
_WORDS = st.lists(st.one_of(_PRINTABLE, _SPECIAL), min_size=1, max_size=20).map("".join).filter(str.strip)
_LONG = st.builds(lambda text, times: text * times, _PRINTABLE, st.integers(20, 200))  # up to ~2,400 characters
_NOTE = (
    st.lists(st.one_of(_PRINTABLE, _SPECIAL, st.just("\n"), _LONG), min_size=1, max_size=60)
    .map("".join)
    .filter(str.strip)
)


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _folded(line: str, width: int, fold: str) -> str:
    return fold.join(line[i : i + width] for i in range(0, len(line), width))


def _quoted_printable(text: str, charset: str, width: int) -> str:
    """As a 2.1 writer: bytes outside printable ASCII (and '=') as =XX, spaces literal,
    lines broken with a soft break ('=' at the end) so the next may begin with a space."""
    tokens = [chr(byte) if (33 <= byte <= 126 and byte != 61) or byte == 32 else f"={byte:02X}"
              for byte in text.replace("\n", "\r\n").encode(charset)]  # fmt: skip
    lines, current = [], ""
    for token in tokens:
        if len(current) + len(token) > width:
            lines.append(current)
            current = ""
        current += token
    return "=\r\n".join([*lines, current])


@st.composite
def _cards(draw: st.DrawFn) -> tuple[str, list[tuple[str, str, str, str, str]]]:
    cards, expected = [], []
    for number in range(draw(st.integers(1, 3))):
        name, company, role, note = draw(_WORDS), draw(_WORDS), draw(_WORDS), draw(_NOTE)
        email = f"person{number}@example.org"
        style = draw(st.sampled_from(["3.0 folded", "2.1 quoted-printable", "2.1 plain"]))
        group = draw(st.sampled_from(["", "item1.", "item2."]))
        if style == "3.0 folded":
            fold = draw(st.sampled_from(["\r\n ", "\r\n\t", "\n "]))
            width = draw(st.integers(5, 75))
            lines = [f"FN:{_escaped(name)}", f"ORG:{_escaped(company)};Some department", f"TITLE:{_escaped(role)}",
                     f"{group}NOTE:{_escaped(note)}", f"{group}EMAIL;TYPE=INTERNET:{email}"]  # fmt: skip
            body = "\r\n".join(_folded(line, width, fold) for line in ["VERSION:3.0", *lines])
        elif style == "2.1 quoted-printable":
            charset = "ISO-8859-1" if all(ord(c) < 256 for c in name + company + role + note) else "UTF-8"
            width = draw(st.integers(4, 72))
            qp = f";CHARSET={charset};ENCODING=QUOTED-PRINTABLE" if draw(st.booleans()) else ";QUOTED-PRINTABLE"
            if qp == ";QUOTED-PRINTABLE":
                charset = "UTF-8"  # no CHARSET parameter: UTF-8 is assumed

            def encoded(text: str, charset: str = charset, width: int = width) -> str:
                return _quoted_printable(text, charset, width)

            company = company.replace("\\", "/")  # 2.1 has no escape for a backslash in a structured value
            body = "\r\n".join([
                "VERSION:2.1", f"FN{qp}:{encoded(name)}", f"ORG{qp}:{encoded(company.replace(';', chr(92) + ';'))};Dept",
                f"TITLE{qp}:{encoded(role)}", f"{group}NOTE{qp}:{encoded(note)}", f"{group}EMAIL;INTERNET:{email}",
            ])  # fmt: skip
        else:  # as Android writes 2.1 text needing no encoding: commas bare, ';' escaped, one line
            name, company, role = (text.replace("\\", "/") for text in (name, company, role))
            note = " ".join(note.replace("\\", "/").split("\n")).strip() or "x"
            body = "\r\n".join([
                "VERSION:2.1", f"FN:{name.replace(';', chr(92) + ';')}", f"ORG:{company.replace(';', chr(92) + ';')}",
                f"TITLE:{role.replace(';', chr(92) + ';')}", f"{group}NOTE:{note.replace(';', chr(92) + ';')}",
                f"{group}EMAIL;INTERNET:{email}",
            ])  # fmt: skip
        cards.append(f"BEGIN:VCARD\r\n{body}\r\nEND:VCARD\r\n")
        expected.append((" ".join(name.split()), company.strip(), role.strip(), note.strip(), email))
    return "".join(cards), expected


@given(_cards())
@settings(max_examples=300, deadline=None)
def test_every_value_comes_back_whole(generated: tuple[str, list[tuple[str, str, str, str, str]]]) -> None:
    text, expected = generated
    result = read(text)
    assert result.rejected == []
    assert [(p.name, p.company, p.role, p.notes, p.emails[0]) for p in result.people] == expected


_PIECES = st.sampled_from([
    "BEGIN:VCARD", "END:VCARD", "FN:", "N:", "NOTE", "ORG:", ";", ":", ",", "=", "\\", '"', "item1.", "EMAIL",
    ";ENCODING=QUOTED-PRINTABLE", ";QUOTED-PRINTABLE", ";CHARSET=", "idna", "rot13", "utf-16", "x-unknown",
    ";ENCODING=b", "PHOTO", "=C3=BC", "=0D=0A", "=\r\n", "\r\n", "\n", "\r", " ", "\t", "AGENT:", "ü", "\x1b",
])  # fmt: skip


@given(st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=60).map("".join))
@settings(max_examples=400, deadline=None)
def test_any_card_text_is_read_or_refused_never_crashes(body: str) -> None:
    try:
        result = read("BEGIN:VCARD\r\n" + body)
    except FileRefused as refused:
        assert str(refused)
        return
    for person in result.people:
        assert "\x1b" not in person.name + person.notes  # a name of only control characters is rejected later
