"""LinkedIn's Connections.csv (Settings > Data privacy > Get a copy of your data).

The file opens with a few lines of notes, then the header
`First Name,Last Name,URL,Email Address,Company,Position,Connected On` (translated in
exports made in other languages). The header is found, not assumed at a fixed line.
Most emails are blank; dates read `12 Nov 2025`, or `29-Mar-21` after Excel.
"""

from __future__ import annotations

import warnings
from datetime import datetime

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

    def cell(row: list[str], column: str) -> str:
        index = columns.get(column)
        return row[index].strip() if index is not None and index < len(row) else ""

    for line, row in rows[header_index + 1 :]:
        if not any(value.strip() for value in row):
            parsed.blank_rows += 1
            continue
        name = " ".join(part for part in (cell(row, "first"), cell(row, "last")) if part)
        if not name:
            parsed.rejected.append(Rejected(line, "no first or last name"))
            continue
        email = cell(row, "email")
        url = cell(row, "url")
        connected = connected_on(cell(row, "connected"))
        parsed.people.append(
            Person(
                line=line,
                name=name,
                company=cell(row, "company"),
                role=cell(row, "position"),
                emails=[email] if looks_like_email(email) else [],
                links=[url] if url else [],
                how_we_know=f"LinkedIn connection since {connected}" if connected else "LinkedIn connection",
            )
        )
    return parsed


def connected_on(text: str) -> str:
    """'Nov 2025' from '12 Nov 2025', '29-Mar-21' or '2025-11-12'; the text as it was if unreadable."""
    if not text:
        return ""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            when = dateutil_parser.parse(text, dayfirst=True, default=_FIRST_OF_YEAR)
    except (ValueError, OverflowError):
        return text
    return f"{when:%b %Y}"


_FIRST_OF_YEAR = datetime(2000, 1, 1)
