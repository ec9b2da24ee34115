"""vCard files (.vcf) from phones and address books: versions 2.1, 3.0 and 4.0, many
cards in one file.

Read line by line here, not with vobject.readOne, which on real exports (vobject 0.9.9):
- cuts every text at its first unescaped comma (VCardTextBehavior keeps
  stringToTextValues(...)[0]): Android's 2.1 `NOTE:Met at the fair, Berlin` came back
  as "Met at the fair", and `FN:Doe, Jane` as "Doe";
- joins quoted-printable soft line breaks only if asked (allowQP), else the rest of the
  value is a line it "Failed to parse" and drops;
- decodes quoted-printable strictly in the card's CHARSET (an unknown one lost the card);
- matches content lines with a regex that backtracks exponentially on a broken
  parameter list (`X;a=,,,,...,!` of 40 characters took minutes): a hostile file hung.
So lines are unfolded here (CRLF and a space or tab; a quoted-printable line ending in
'='), each is split by a linear pattern of vobject's own grammar (group.NAME;PARAM=a,"b":
value), and values are decoded by the vCard rules. A line that is not a property, text
outside any card, a card that never ends or is too big: each is a rejected line with its
number, never dropped silently. Photos and other binary properties are skipped unread.
"""

from __future__ import annotations

import itertools
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import reading
from .reading import ParsedFile, Person, Rejected, add_unique, looks_like_email, too_many_people

KIND = "vCard"
# One contact's text (photos aside): a long note is a few KB. The cap keeps a hostile
# card from costing memory without limit (a 46 MB card took 6.6 GB through vobject).
MAX_CARD_CHARS = 256 * 1024
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})  # base64 pictures, sounds, keys: nothing to keep
_STRUCTURED = frozenset({"N", "ORG"})  # fields separated by ';'
_READ = frozenset({"FN", "N", "ORG", "TITLE", "ROLE", "EMAIL", "TEL", "URL", "NOTE"})

_BEGIN = re.compile(r"^BEGIN:VCARD[ \t]*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD[ \t]*$", re.IGNORECASE)
_BEGIN_IN_TEXT = re.compile(r"^BEGIN:VCARD[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
_LINE_BREAK = re.compile(r"\r\n?|\n")
# vobject's grammar (vobject.base.patterns), written with possessive quantifiers so a line
# that does not match fails at once instead of backtracking through every split of it.
_NAME = r"[A-Za-z0-9_-]++"
_PARAM_VALUE = r'(?:"[^"]*+"|[^";:,]*+)'
_PARAMS = rf"(?:;{_NAME}(?:={_PARAM_VALUE})?+(?:,{_PARAM_VALUE})*+)*+"
_CONTENT_LINE = re.compile(
    rf"(?:(?P<group>{_NAME})\.)?+(?P<name>{_NAME})(?P<params>{_PARAMS}):(?P<value>.*)", re.DOTALL
)
_PROPERTY_START = re.compile(rf"(?:{_NAME}\.)?+(?P<name>{_NAME})[;:]")
_PARAM = re.compile(rf";(?P<name>{_NAME})(?P<values>(?:={_PARAM_VALUE})?+(?:,{_PARAM_VALUE})*+)")
_PARAM_VALUES = re.compile(r'"([^"]*)"|([^",]+)')
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_FIELD_TOKENS = re.compile(r"\\.|;|[^\\;]+|\\", re.DOTALL)


def is_vcard(text: str) -> bool:
    return text[:4096].lstrip()[:11].upper() == "BEGIN:VCARD"  # not a copy of a whole big file


@dataclass(slots=True)
class _Card:
    line: int  # where BEGIN:VCARD is
    lines: list[tuple[int, str]] = field(default_factory=list)
    size: int = 0
    too_big: bool = False

    def add(self, number: int, line: str | None) -> None:
        self.size += MAX_CARD_CHARS + 1 if line is None else len(line)
        if line is None or self.size > MAX_CARD_CHARS:
            self.too_big = True
            self.lines.clear()  # what is over the cap is not held
        else:
            self.lines.append((number, line))


def parse(text: str) -> ParsedFile:
    # Counted before anything is built (a regex scan), so a file far too long costs little.
    if sum(1 for _ in itertools.islice(_BEGIN_IN_TEXT.finditer(text), reading.MAX_PEOPLE + 1)) > reading.MAX_PEOPLE:
        raise too_many_people("cards")
    parsed = ParsedFile(KIND, default_tier=3)
    open_cards: list[_Card] = []  # more than one when a card holds another (a 2.1 AGENT)
    begun = 0
    for number, line in _logical_lines(text):
        if line is not None and _BEGIN.match(line):
            begun += 1
            if begun > reading.MAX_PEOPLE:  # cards the count above missed (lines ending in CR alone)
                raise too_many_people("cards")
            open_cards.append(_Card(number))
        elif line is not None and _END.match(line):
            if open_cards:
                _read_card(open_cards.pop(), parsed)
            else:
                parsed.rejected.append(Rejected(number, "END:VCARD with no BEGIN:VCARD before it"))
        elif open_cards:
            open_cards[-1].add(number, line)
        elif line is None or line.strip():
            parsed.rejected.append(Rejected(number, f"text outside any card, left out: {_quoted(line)}"))
    for card in open_cards:
        parsed.rejected.append(Rejected(card.line, "the card never ends (no END:VCARD): is the file cut short?"))
    return parsed


def _physical_lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line with its number, split at CR LF, CR or LF only (str.splitlines also splits
    at form feeds, U+2028 and others, which inside a note are its text)."""
    position = 0
    number = 1
    for line_break in _LINE_BREAK.finditer(text):
        yield number, text[position : line_break.start()]
        position = line_break.end()
        number += 1
    if position < len(text):
        yield number, text[position:]


def _logical_lines(text: str) -> Iterator[tuple[int, str | None]]:
    """Each content line whole, with the number of the line it starts on: folded lines
    (a line starting with a space or tab continues the one before, less that character)
    and quoted-printable soft breaks (a line ending in '=' continues on the next, whatever
    that starts with) joined. Binary properties are skipped, never held; a line longer
    than a card may be comes as None. Blank lines are left out (vCard 2.1 ends a base64
    value with one)."""
    start = 0
    parts: list[str] | None = None  # the line being joined; None between lines
    size = 0
    quoted_printable = soft_break = skipping = False
    for number, line in _physical_lines(text):
        if soft_break and line and not _END.match(line):
            continuation: str | None = line
        elif line[:1] in (" ", "\t") and (parts is not None or skipping):
            continuation = line[1:]
        else:
            continuation = None
        if skipping and (continuation is not None or (line.strip() and not _PROPERTY_START.match(line))):
            continue  # a photo's base64 lines (2.1 writers may not indent them)
        if parts is not None and continuation is not None:
            if soft_break:
                parts[-1] = parts[-1][:-1]  # the '=' of a soft break is no part of the value
            size += len(continuation)
            if size <= MAX_CARD_CHARS:
                parts.append(continuation)
            soft_break = quoted_printable and continuation.endswith("=")
            continue
        if parts is not None:
            yield start, "".join(parts) if size <= MAX_CARD_CHARS else None
        parts, size, start = None, 0, number
        soft_break = skipping = False
        if not line.strip():
            continue
        property_start = _PROPERTY_START.match(line)
        skipping = property_start is not None and property_start["name"].upper() in _BINARY
        if skipping:
            continue
        quoted_printable = "QUOTED-PRINTABLE" in line.partition(":")[0].upper()
        parts, size = [line] if len(line) <= MAX_CARD_CHARS else [], len(line)
        soft_break = quoted_printable and line.endswith("=")
    if parts is not None:
        yield start, "".join(parts) if size <= MAX_CARD_CHARS else None


def _read_card(card: _Card, parsed: ParsedFile) -> None:
    if card.too_big:
        parsed.rejected.append(Rejected(card.line, f"the card holds over {MAX_CARD_CHARS // 1024} KB of text "
                                                   "(photos aside), more than a contact can: left out"))  # fmt: skip
        return
    properties: dict[str, list[list[str]]] = {}
    for number, line in card.lines:
        match = _CONTENT_LINE.fullmatch(line)
        if match is None:
            parsed.rejected.append(Rejected(number, f"not a vCard property, left out: {_quoted(line)}"))
            continue
        name = match["name"].upper().replace("_", "-")  # as vobject: Lotus Notes writes X_NAME
        if name in _READ and (fields := _fields(name, match["params"], match["value"])) is not None:
            properties.setdefault(name, []).append(fields)
    person = _person(properties, card.line)
    if isinstance(person, Rejected):
        parsed.rejected.append(person)
    else:
        parsed.people.append(person)


def _quoted(line: str | None) -> str:
    if line is None:
        return f"a line over {MAX_CARD_CHARS // 1024} KB"
    return repr(line[:60] + ("…" if len(line) > 60 else ""))


def _fields(name: str, params_text: str, value: str) -> list[str] | None:
    """The value's fields (one for a text property), decoded; None for a binary value."""
    params: dict[str, list[str]] = {}
    for param in _PARAM.finditer(params_text):
        found = _PARAM_VALUES.findall(param["values"].removeprefix("="))
        params.setdefault(param["name"].upper(), []).extend((quoted or plain).upper() for quoted, plain in found)
    # vCard 2.1 may name an encoding alone (EMAIL;QUOTED-PRINTABLE:...).
    encodings = {*params.get("ENCODING", []), *(param for param, values in params.items() if not values)}
    if encodings & {"B", "BASE64"}:
        return None
    structured = name in _STRUCTURED
    if "QUOTED-PRINTABLE" in encodings:
        text = _from_quoted_printable(value, (params.get("CHARSET") or ["utf-8"])[0])
        # Quoted-printable (2.1) text is taken as it is; only ';' is escaped, between fields.
        return [field.replace("\\;", ";") for field in _split_fields(text)] if structured else [text]
    return [_unescaped(field) for field in (_split_fields(value) if structured else [value])]


def _from_quoted_printable(value: str, charset: str) -> str:
    raw = quopri.decodestring(value.encode("utf-8"))
    try:
        return raw.decode(charset, "replace")
    except (LookupError, ValueError):  # a charset Python does not know, or not text (idna, hex): most are UTF-8
        return raw.decode("utf-8", "replace")


def _split_fields(value: str) -> list[str]:
    """`value` split at each ';' that is not escaped, escapes kept."""
    fields = [""]
    for token in _FIELD_TOKENS.findall(value):
        if token == ";":
            fields.append("")
        else:
            fields[-1] += token
    return fields


def _unescaped(text: str) -> str:
    r"""\n and \N are a newline; \\ \, \; \: \" the character; any other backslash stays."""
    if "\\" not in text:
        return text
    return _ESCAPED.sub(lambda escape: _UNESCAPE.get(escape[1], escape[0]), text)


_UNESCAPE = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":", '"': '"'}


def _texts(properties: dict[str, list[list[str]]], name: str) -> list[str]:
    """Each value of a text property (grouped ones, item1.EMAIL, included), stripped, empty ones left out."""
    return [text for fields in properties.get(name, []) if (text := fields[0].strip())]


def _person(properties: dict[str, list[list[str]]], line: int) -> Person | Rejected:
    name = next(iter(_texts(properties, "FN")), "")
    if not name and "N" in properties:
        family, given, additional, prefix, suffix = (properties["N"][0] + [""] * 5)[:5]
        name = " ".join(part for part in (prefix, given, additional, family, suffix) if part.strip())
    name = " ".join(name.split())
    emails = [email for email in _texts(properties, "EMAIL") if looks_like_email(email)]
    if not name:
        what = f"only {emails[0]}" if emails else "nothing to call them by"
        return Rejected(line, f"no name ({what})")
    # ORG is "company;department": the company is the first field.
    company = next((fields[0].strip() for fields in properties.get("ORG", []) if fields[0].strip()), "")
    role = next(iter(_texts(properties, "TITLE") or _texts(properties, "ROLE")), "")
    return Person(
        line=line,
        name=name,
        company=company,
        role=role,
        emails=add_unique([], emails),
        # vCard 4.0 may give a phone as a URI (tel:+44-7700-900123).
        phones=add_unique([], [phone.removeprefix("tel:") for phone in _texts(properties, "TEL")]),
        links=add_unique([], _texts(properties, "URL")),
        notes="\n".join(_texts(properties, "NOTE")),
        how_we_know="address book",
    )
