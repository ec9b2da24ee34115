"""LinkedIn's Connections.csv (Settings > Data privacy > Get a copy of your data).

The file opens with a few lines of notes, then the header
`First Name,Last Name,URL,Email Address,Company,Position,Connected On` (translated in
exports made in other languages). The header is found, not assumed at a fixed line.
Most emails are blank; dates read `12 Nov 2025`, or `29-Mar-21` after Excel.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime
from functools import cache

from dateutil import parser as dateutil_parser

from .reading import ParsedFile, Person, Rejected, looks_like_email, normalise_header

KIND = "LinkedIn connections"

# Each column under the names LinkedIn gives it in the languages it exports in.
COLUMNS: dict[str, set[str]] = {
    "first": {"first name", "vorname", "prénom", "prenom", "nombre", "nome", "voornaam", "imię", "förnamn"},
    "last": {"last name", "nachname", "nom", "apellidos", "apellido", "sobrenome", "cognome", "achternaam",
             "nazwisko", "efternamn"},
    "url": {"url", "profile url", "profil-url"},
    "email": {"email address", "e-mail address", "e-mail-adresse", "adresse e-mail", "adresse email",
              "dirección de correo electrónico", "endereço de e-mail", "indirizzo email", "e-mailadres",
              "adres e-mail", "e-postadress"},
    "company": {"company", "unternehmen", "entreprise", "empresa", "azienda", "bedrijf", "firma", "företag"},
    "position": {"position", "poste", "cargo", "posizione", "functie", "stanowisko", "befattning"},
    "connected": {"connected on", "verbunden am", "date de connexion", "connecté le", "conectado el",
                  "conectado em", "data del collegamento", "collegato il", "connectie gemaakt op",
                  "data nawiązania kontaktu", "kontakt sedan"},
}  # fmt: skip


def header_columns(row: list[str]) -> dict[str, int] | None:
    """Column positions when `row` is a LinkedIn header (URL, first and last name at least)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        name = normalise_header(cell)
        for column, names in COLUMNS.items():
            if name in names and column not in found:
                found[column] = index
    return found if {"first", "last", "url"} <= found.keys() else None


def parse(rows: list[tuple[int, list[str]]], header_index: int, columns: dict[str, int]) -> ParsedFile:
    parsed = ParsedFile(KIND, default_tier=4)
    # Each row gets one more cell than the header needs; a column the header lacks reads
    # that last cell (index -1), which is always "" however many stray cells a row has.
    padding = [""] * (max(columns.values()) + 2)
    first, last, url, email_at, company, position, connected = (
        columns.get(name, -1) for name in ("first", "last", "url", "email", "company", "position", "connected")
    )
    # With every column there and a full row, the row is read as it is (no padded copy).
    unpadded_width = max(columns.values()) + 1 if len(columns) == len(COLUMNS) else None
    for line, cells in rows[header_index + 1 :]:
        row = cells if unpadded_width is not None and len(cells) >= unpadded_width else cells + padding
        name = f"{row[first].strip()} {row[last].strip()}".strip()
        if not name:
            if any(value.strip() for value in row):
                parsed.rejected.append(Rejected(line, "no first or last name"))
            else:
                parsed.blank_rows += 1
            continue
        email = row[email_at].strip()
        link = row[url].strip()
        parsed.people.append(
            Person(
                line=line,
                name=name,
                company=row[company].strip(),
                role=row[position].strip(),
                emails=[email] if email and looks_like_email(email) else [],
                links=[link] if link else [],
                how_we_know=how_we_know(row[connected]),
            )
        )
    return parsed


@cache
def how_we_know(connected: str) -> str:
    """'LinkedIn connection since Nov 2025' from the Connected On cell (one per date, not per row)."""
    since = connected_on(connected.strip())
    return f"LinkedIn connection since {since}" if since else "LinkedIn connection"


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# LinkedIn writes "12 Nov 2025"; Excel turns it into "29-Mar-21". Both are read here
# directly (dateutil takes ~80 us a row: most of a 10,000-row import); the rest goes to it.
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-\d{2}")
_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})[ -]([A-Za-z]{3})[a-z]*\.?[ -](\d{2}|\d{4})\s*$")


@cache
def connected_on(text: str) -> str:
    """'Nov 2025' from '12 Nov 2025', '29-Mar-21' or '2025-11-12'; the text as it was if unreadable."""
    if not text:
        return ""
    if (match := _DAY_MONTH_YEAR.match(text)) and match.group(2).casefold() in _MONTHS:
        year = int(match.group(3))
        year += 2000 if year < 100 and year <= datetime.now().year % 100 + 1 else 1900 if year < 100 else 0
        return f"{match.group(2).capitalize()} {year}"
    if match := _ISO.match(text):
        return (
            f"{_MONTHS[int(match.group(2)) - 1].capitalize()} {match.group(1)}"
            if 1 <= int(match.group(2)) <= 12
            else text
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            when = dateutil_parser.parse(text, dayfirst=True, default=_FIRST_OF_YEAR)
    except (ValueError, OverflowError):
        return text
    return f"{when:%b %Y}"


_FIRST_OF_YEAR = datetime(2000, 1, 1)
