"""vCard files (.vcf) from phones and address books: versions 2.1, 3.0 and 4.0, many
cards in one file, folded lines. Parsed card by card with vobject, so one broken card
is reported with its line and the others still come in."""

from __future__ import annotations

import logging
import quopri
import re

import vobject

from .reading import ParsedFile, Person, Rejected, add_unique, looks_like_email

KIND = "vCard"
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)
# vobject logs each line it skips to stderr, which would scribble over the full-screen app;
# a card with an unreadable line still comes in with what could be read.
logging.getLogger("vobject").setLevel(logging.CRITICAL)


def is_vcard(text: str) -> bool:
    return text[:4096].lstrip()[:11].upper() == "BEGIN:VCARD"  # not a copy of a whole big file


def cards(text: str) -> list[tuple[int, str]]:
    """Each card's text with the line it begins on."""
    found: list[tuple[int, str]] = []
    start: int | None = None
    lines: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _BEGIN.match(line):
            start, lines = number, [line]
        elif start is not None:
            lines.append(line)
            if _END.match(line):
                found.append((start, "\r\n".join(lines) + "\r\n"))
                start, lines = None, []
    if start is not None:
        found.append((start, "\r\n".join(lines) + "\r\n"))  # unterminated: vobject will say so
    return found


def parse(text: str) -> ParsedFile:
    parsed = ParsedFile(KIND, default_tier=3)
    for line, card_text in cards(text):
        try:
            card = vobject.readOne(card_text, ignoreUnreadable=True)
        except Exception as error:  # vobject raises many kinds; each becomes a reason
            reason = str(error).splitlines()[0][:120] or type(error).__name__
            parsed.rejected.append(Rejected(line, f"unreadable card ({reason})"))
            continue
        person = _person(card, line)
        if isinstance(person, Rejected):
            parsed.rejected.append(person)
        else:
            parsed.people.append(person)
    return parsed


def _values(card: vobject.base.Component, name: str) -> list[str]:
    """Every value of a property, grouped ones (item1.EMAIL) included, as text."""
    values: list[str] = []
    for prop in card.contents.get(name, []):
        value = prop.value
        encoding = " ".join(prop.params.get("ENCODING", [])).upper()
        if isinstance(value, bytes):
            continue  # a photo or other binary: nothing to keep
        if isinstance(value, list):
            value = ";".join(str(part) for part in value if part)
        text = str(value)
        if "QUOTED-PRINTABLE" in encoding:  # vCard 2.1
            charset = (prop.params.get("CHARSET") or ["utf-8"])[0]
            try:
                text = quopri.decodestring(text.encode("latin-1", "replace")).decode(charset, "replace")
            except LookupError:
                text = quopri.decodestring(text.encode("latin-1", "replace")).decode("utf-8", "replace")
        values.append(text.strip())
    return [value for value in values if value]


def _person(card: vobject.base.Component, line: int) -> Person | Rejected:
    name = (_values(card, "fn") or [""])[0]
    if not name and "n" in card.contents:
        structured = card.contents["n"][0].value
        if isinstance(structured, vobject.vcard.Name):
            name = " ".join(str(part) for part in (structured.prefix, structured.given, structured.additional,
                                                   structured.family, structured.suffix) if part)  # fmt: skip
        else:  # 2.1 quoted-printable N stays text: family;given;...
            parts = (_values(card, "n") or [""])[0].split(";")
            name = " ".join(part for part in (parts[1:2] + parts[:1]) if part)
    name = " ".join(name.split())
    emails = [email for email in _values(card, "email") if looks_like_email(email)]
    if not name:
        what = f"only {emails[0]}" if emails else "nothing to call them by"
        return Rejected(line, f"no name ({what})")
    # ORG is "company;department": the company is the first part.
    org = next((value.split(";")[0].strip() for value in _values(card, "org") if value.split(";")[0].strip()), "")
    role = (_values(card, "title") or _values(card, "role") or [""])[0]
    return Person(
        line=line,
        name=name,
        company=org,
        role=role,
        emails=add_unique([], emails),
        # vCard 4.0 may give a phone as a URI (tel:+44-7700-900123).
        phones=add_unique([], [phone.removeprefix("tel:") for phone in _values(card, "tel")]),
        links=add_unique([], _values(card, "url")),
        notes="\n".join(_values(card, "note")),
        how_we_know="address book",
    )
