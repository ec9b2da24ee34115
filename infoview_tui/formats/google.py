"""Google Contacts CSV, both generations of header.

Newer exports: `First Name,Middle Name,Last Name,...,Organization Name,Organization Title,
...,E-mail 1 - Value,...`. Older ones: `Name,Given Name,Additional Name,Family Name,...,
Organization 1 - Name,Organization 1 - Title,...`. Either way, numbered groups
(`E-mail 2 - Value`) and several values in one cell joined by ` ::: `.
"""

from __future__ import annotations

import re

from .reading import ParsedFile, Person, Rejected, add_unique, looks_like_email, normalise_header, split_values

KIND_NEW = "Google Contacts"
KIND_OLD = "Google Contacts (older export)"
_NUMBERED = re.compile(r"^(e-mail|phone|website|organization) (\d+) - (value|name|title)$")


def header_columns(row: list[str]) -> tuple[str, dict[str, int], dict[str, list[int]]] | None:
    """(kind, single columns, numbered columns) when `row` is a Google Contacts header."""
    names = [normalise_header(cell) for cell in row]
    single = {name: index for index, name in reversed(list(enumerate(names)))}
    numbered: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        if match := _NUMBERED.match(name):
            numbered.setdefault(f"{match.group(1)} {match.group(3)}", []).append(index)
    has_groups = bool(numbered)
    if {"given name", "family name"} <= single.keys() and has_groups:
        return KIND_OLD, single, numbered
    if {"first name", "last name"} <= single.keys() and (has_groups or "organization name" in single):
        if "url" in single:  # that is LinkedIn's header
            return None
        return KIND_NEW, single, numbered
    return None


def parse(
    rows: list[tuple[int, list[str]]], header_index: int, found: tuple[str, dict[str, int], dict[str, list[int]]]
) -> ParsedFile:
    kind, single, numbered = found
    parsed = ParsedFile(kind, default_tier=3)

    def one(row: list[str], name: str) -> str:
        index = single.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    def many(row: list[str], group: str) -> list[str]:
        values: list[str] = []
        for index in numbered.get(group, []):
            if index < len(row):
                values = add_unique(values, split_values(row[index]))
        return values

    for line, row in rows[header_index + 1 :]:
        if not any(value.strip() for value in row):
            parsed.blank_rows += 1
            continue
        if kind == KIND_OLD:
            name = one(row, "name") or " ".join(
                part for part in (one(row, "given name"), one(row, "additional name"), one(row, "family name")) if part
            )
            company = (many(row, "organization name") or [""])[0]
            role = (many(row, "organization title") or [""])[0]
        else:
            name = " ".join(
                part for part in (one(row, "first name"), one(row, "middle name"), one(row, "last name")) if part
            )
            company = one(row, "organization name") or (many(row, "organization name") or [""])[0]
            role = one(row, "organization title") or (many(row, "organization title") or [""])[0]
        name = name or one(row, "nickname") or one(row, "file as")
        emails = [email for email in many(row, "e-mail value") if looks_like_email(email)]
        if not name:
            what = f"only {emails[0]}" if emails else "nothing to call them by"
            parsed.rejected.append(Rejected(line, f"no name ({what})"))
            continue
        parsed.people.append(
            Person(
                line=line,
                name=name,
                company=company,
                role=role,
                emails=emails,
                phones=many(row, "phone value"),
                links=many(row, "website value"),
                notes=one(row, "notes"),
                how_we_know="Google Contacts",
            )
        )
    return parsed
