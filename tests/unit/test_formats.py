"""Import: every format from its fixture (with the quirks real exports have), bad files
refused with a clear message, duplicates merged; export: csv neutralised, markdown,
ics that parses back, json that round-trips."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import orjson
import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_tui.demo import build_demo
from infoview_tui.domain.model import Contact
from infoview_tui.domain.records import to_record
from infoview_tui.formats import reading
from infoview_tui.formats.backup import Backup
from infoview_tui.formats.export import ExportRefused, export, neutralise
from infoview_tui.formats.importing import apply, parse_file, parse_text, prepare
from infoview_tui.formats.merge import new_contact_records, plan_import
from infoview_tui.formats.reading import FileRefused, ParsedFile
from infoview_tui.store.repository import Repository
from tests.conftest import FIXED_NOW

FIXTURES = Path(__file__).parent.parent / "fixtures"
# Public sample files kept beside the project (../shared/fixtures/public), read in place.
_SHARED = [Path(__file__).resolve().parents[2].parent / "shared", Path("/work/shared")]
PUBLIC = next((folder for folder in _SHARED if folder.is_dir()), _SHARED[0]) / "fixtures" / "public"


def parsed(name: str) -> ParsedFile:
    result = parse_file(FIXTURES / name)
    assert isinstance(result, ParsedFile)
    return result


def people(result: ParsedFile) -> list[tuple[int, str, str, str]]:
    return [(p.line, p.name, p.company, p.role) for p in result.people]


# --- LinkedIn ---------------------------------------------------------------------------


def test_linkedin_header_found_after_the_notes_with_its_quirks() -> None:
    result = parsed("linkedin/Connections.csv")
    assert result.kind == "LinkedIn connections" and result.default_tier == 4
    assert people(result) == [
        (5, "Ana Lima", "Lumen UX", "UX Researcher"),
        (6, "Hans Muller, PhD", "Acme, Inc.", "Engineer, Platform"),  # quoted commas
        (8, "Zoë Ødegård", "Nordlys", 'Head of "Research"'),
        (10, "Ana Lima", "Lumen UX", "UX Researcher"),  # twice in the file: merged later
        (11, "Bo Chen", "", ""),
    ]
    assert result.blank_rows == 1  # ",,,,,,"
    assert [(r.line, r.reason) for r in result.rejected] == [(9, "no first or last name")]
    hans = result.people[1]
    assert hans.emails == ["hans@example.de"] and hans.links == ["https://www.linkedin.com/in/hansmuller"]
    assert hans.how_we_know == "LinkedIn connection since Mar 2021"  # Excel's 29-Mar-21
    assert result.people[0].how_we_know == "LinkedIn connection since Nov 2025"
    assert result.people[4].emails == []  # "not-an-email" is not kept as one


def test_linkedin_translated_header() -> None:
    result = parsed("linkedin/Connections-de.csv")
    assert people(result) == [
        (5, "Jürgen Müller", "Tischlerei Müller", "Tischlermeister"),
        (6, "Petra Schmidt", "Stadtwerke", "Ingenieurin"),
    ]
    assert result.people[0].emails == ["jm@example.de"]


def test_linkedin_columns_missing_from_the_header_never_read_stray_cells() -> None:
    text = "First Name,Last Name,URL,Company\nAna,Lima,https://x,Lumen,stray,more,cells,here,and,more\n"
    result = parse_text(text)
    assert isinstance(result, ParsedFile)
    (ana,) = result.people
    assert (ana.name, ana.company, ana.role, ana.emails) == ("Ana Lima", "Lumen", "", [])
    assert ana.how_we_know == "LinkedIn connection"


# Control characters are dropped on import (tests/unit/test_import_limits.py), so none here.
_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)


@given(st.lists(st.tuples(_cell, _cell, _cell, _cell), min_size=1, max_size=20))
@settings(max_examples=80, deadline=None)
def test_linkedin_rows_come_back_as_written(rows: list[tuple[str, str, str, str]]) -> None:
    buffer = io.StringIO(newline="")
    buffer.write('Notes:\n"Some text, with a comma"\n\n')
    writer = csv.writer(buffer)
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
    for first, last, company, role in rows:
        writer.writerow([first, last, "", "", company, role, ""])
    result = parse_text(buffer.getvalue())
    assert isinstance(result, ParsedFile)
    expected = [
        (" ".join(p for p in (first.strip(), last.strip()) if p), company.strip(), role.strip())
        for first, last, company, role in rows
        if first.strip() or last.strip()
    ]
    assert [(p.name, p.company, p.role) for p in result.people] == expected
    assert len(result.people) + len(result.rejected) + result.blank_rows == len(rows)


@given(st.text(max_size=400))
@settings(max_examples=200, deadline=None)
def test_any_text_is_parsed_or_refused_never_crashes(text: str) -> None:
    try:
        parse_text(text)
    except FileRefused as refused:
        assert str(refused)


# --- Google -----------------------------------------------------------------------------


def test_google_new_header_with_multi_values() -> None:
    result = parsed("google/contacts.csv")
    assert result.kind == "Google Contacts" and result.default_tier == 3
    maria, tom = result.people
    assert (maria.name, maria.company, maria.role) == ("Maria Lopez", "City Hospital", "Ward administrator")
    assert maria.emails == ["maria@example.org", "m.lopez@hospital.example"]  # " ::: "
    assert maria.phones == ["+34 600 111 222"] and maria.notes == "Met at the 2024 reunion"
    assert tom.name == "Tom J. Becker" and tom.emails == ["tom@example.com", "tom@work.example"]
    assert tom.phones == ["+49 151 000", "+49 30 123"] and tom.links == ["https://tom.example"]
    assert [(r.line, r.reason) for r in result.rejected] == [(5, "no name (only onlyanemail@example.com)")]
    assert result.blank_rows == 1


def test_google_old_header() -> None:
    result = parsed("google/contacts-old.csv")
    assert result.kind == "Google Contacts (older export)"
    assert people(result) == [
        (2, "Sofia Rossi", "Studio Rossi", "Service designer"),
        (3, "Kwame Mensah", "Green Energy Co", "Engineer"),
    ]
    assert result.people[0].emails == ["sofia@example.it", "sofia.rossi@studio.example"]


# --- vCard ------------------------------------------------------------------------------


def test_vcard_versions_folding_and_many_cards() -> None:
    result = parsed("vcard/contacts.vcf")
    assert result.kind == "vCard"
    assert people(result) == [
        (1, "Jürgen Müller", "Tischlerei Müller", ""),  # 2.1, quoted-printable
        (9, "Jane Doe", "Acme, Inc.", "Designer"),  # 3.0, escaped comma, ORG with a department
        (21, "Lena Fischer", "Riverside School", "Head of year"),  # 4.0
    ]
    jane = result.people[1]
    assert jane.notes == "Met at the design meetup; wants to hear about the career change."  # folded
    assert jane.emails == ["jane@acme.example", "jane@home.example"]
    assert result.people[2].phones == ["+44-7700-900123"] and result.people[2].emails == ["lena@school.example"]
    assert [(r.line, r.reason) for r in result.rejected] == [(30, "no name (only noname@example.org)")]


@pytest.mark.parametrize("name", ["korean-c.vcf", "multiemail.vcf", "photov3.vcf"])
def test_public_khard_samples_import_without_error(name: str, repository: Repository) -> None:
    path = PUBLIC / "khard" / name
    if not path.exists():
        pytest.skip(f"the shared public fixtures are not beside this checkout ({PUBLIC})")
    prepared = prepare(repository, path)
    assert prepared.plan is not None and len(prepared.plan.added) == 1 and not prepared.plan.rejected
    apply(repository, prepared)
    (contact,) = repository.contacts()
    expected = {"korean-c.vcf": "최유림", "multiemail.vcf": "multi email", "photov3.vcf": "with photo v3"}[name]
    assert contact.name == expected
    if name == "multiemail.vcf":
        assert contact.emails == ["searchme@otherdomain.com", "testname@domain.net"]  # item1.EMAIL too


# --- bad files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("bad/junk.bin", "not a text file"),
        ("bad/latin1.csv", "is not UTF-8 text (byte 0xE9 on line 2)"),
        ("bad/missing-columns.csv", "a LinkedIn export also has Last Name, URL"),
        ("bad/diary.txt", "Not a file infoview can import"),
        ("bad/empty.csv", "is empty"),
        ("bad/no-such-file.csv", "does not exist"),
        ("bad", "is a folder"),
    ],
)
def test_bad_files_are_refused_with_a_reason(name: str, words: str) -> None:
    with pytest.raises(FileRefused, match=words.replace("(", r"\(").replace(")", r"\)")):
        parse_file(FIXTURES / name)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    big = tmp_path / "big.csv"
    big.write_text("First Name,Last Name,URL\n" + "a,b,c\n" * 400)
    with pytest.raises(FileRefused, match=r"big.csv is 0 MB; contact exports are far smaller"):
        parse_file(big)


def test_a_json_file_that_is_not_ours_is_refused() -> None:
    with pytest.raises(FileRefused, match="not an infoview backup"):
        parse_text('{"contacts": []}')
    with pytest.raises(FileRefused, match="broken"):
        parse_text('{"contacts": [')


# --- merging ----------------------------------------------------------------------------


def test_duplicates_merge_and_reimporting_adds_nothing(repository: Repository) -> None:
    repository.save_contact(Contact("Hans Muller", tier=2, emails=["HANS@example.de"], notes="my old boss"))
    repository.save_contact(Contact("Zoë Ødegård", tier=3, company="nordlys"))
    first = prepare(repository, FIXTURES / "linkedin/Connections.csv")
    plan = first.plan
    assert plan is not None
    assert [c.name for c in plan.added] == ["Ana Lima", "Bo Chen"]
    assert sorted(c.name for c in plan.merged) == ["Hans Muller", "Zoë Ødegård"]  # same email / name+company
    assert plan.duplicates_in_file == 1  # Ana twice
    assert plan.summary() == "Added 2, merged 3, skipped 1, rejected 1."
    apply(repository, first)
    hans = next(c for c in repository.contacts() if c.name == "Hans Muller")
    assert hans.tier == 2 and hans.notes == "my old boss"  # what the user set stays
    assert hans.company == "Acme, Inc." and hans.role == "Engineer, Platform"  # what was missing is filled
    assert hans.links == ["https://www.linkedin.com/in/hansmuller"] and hans.emails == ["HANS@example.de"]
    assert all(c.tier == 4 for c in repository.contacts() if c.name in ("Ana Lima", "Bo Chen"))

    again = prepare(repository, FIXTURES / "linkedin/Connections.csv")
    assert again.plan is not None and again.plan.added == [] and again.plan.merged == []
    assert again.plan.summary() == "Added 0, merged 0, skipped 6, rejected 1."
    assert len(repository.contacts()) == 4


def test_tier_is_checked() -> None:
    with pytest.raises(ValueError, match="tier must be 1, 2, 3 or 4"):
        plan_import([], ParsedFile("x"), 5)


# --- export -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "shown"),
    [("=1+2", "'=1+2"), ("+49 30 123", "'+49 30 123"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\t=cmd", "'\t=cmd"), ("Ana", "Ana"), ("a=b", "a=b"), (3, "3"), (None, "")],
)  # fmt: skip
def test_csv_cells_are_neutralised(cell: object, shown: str) -> None:
    assert neutralise(cell) == shown


def test_csv_export_is_safe_and_complete(repository: Repository, tmp_path: Path) -> None:
    build_demo(repository, FIXED_NOW)
    repository.save_contact(Contact('=HYPERLINK("http://evil")', notes="+1 nice", company="@corp"))
    message = export(repository, "csv", tmp_path / "out", FIXED_NOW)
    assert message.startswith("Wrote 23 contacts and 5 interviews to")
    with open(tmp_path / "out" / "contacts.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 24
    evil = next(row for row in rows if "HYPERLINK" in row[0])
    assert evil[0].startswith("'=") and evil[3] == "'@corp" and evil[11] == "'+1 nice"
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)
    with open(tmp_path / "out" / "interviews.csv", encoding="utf-8-sig", newline="") as handle:
        interviews = list(csv.DictReader(handle))
    tom = next(row for row in interviews if row["Person"] == "Tom Becker")
    assert tom["Status"] == "done" and "Loves the moment a pattern shows up" in tom["Notes"]


def test_markdown_export_one_file_per_interview_and_an_index(repository: Repository, tmp_path: Path) -> None:
    build_demo(repository, FIXED_NOW)
    export(repository, "markdown", tmp_path / "notes", FIXED_NOW)
    files = sorted(p.name for p in (tmp_path / "notes").iterdir())
    assert files == [
        "2026-10-11-jonas-berg.md", "2026-11-05-maria-lopez.md", "2026-11-19-tom-becker.md",
        "2026-11-27-aisha-khan.md", "2026-12-01-ines-moreau.md", "index.md",
    ]  # fmt: skip
    tom = (tmp_path / "notes" / "2026-11-19-tom-becker.md").read_text()
    assert tom.startswith("# Tom Becker, 19 Nov 2026\n\nWard administrator at City Hospital · tier 1")
    assert "### What do you most enjoy about your work?\n\nLoves the moment a pattern shows up" in tom
    assert "## Resonance and dissonance" in tom and "## Referrals" in tom
    index = (tmp_path / "notes" / "index.md").read_text()
    assert "- [2026-11-19, Tom Becker](2026-11-19-tom-becker.md)" in index and "## Upcoming (2)" in index


def test_ics_parses_back_with_one_event_per_scheduled_interview(repository: Repository, tmp_path: Path) -> None:
    build_demo(repository, FIXED_NOW)
    export(repository, "ics", tmp_path / "cal.ics", FIXED_NOW)
    calendar = vobject.readOne((tmp_path / "cal.ics").read_text())
    events = calendar.vevent_list
    interviews = [e for e in events if e.summary.value.startswith("Informational interview: ")]
    assert sorted(e.summary.value for e in interviews) == [
        "Informational interview: Aisha Khan", "Informational interview: Ines Moreau",
    ]  # fmt: skip
    aisha = next(e for e in interviews if "Aisha" in e.summary.value)
    assert aisha.dtstart.value == datetime(2026, 11, 27, 15, 0, tzinfo=FIXED_NOW.tzinfo)
    assert (aisha.dtend.value - aisha.dtstart.value).total_seconds() == 45 * 60
    follow_ups = [e for e in events if e not in interviews]
    assert len(follow_ups) == 11 and len({e.uid.value for e in events}) == len(events)


def test_json_round_trip_into_an_empty_database(repository: Repository, tmp_path: Path) -> None:
    build_demo(repository, FIXED_NOW)
    export(repository, "json", tmp_path / "backup.json", FIXED_NOW)
    fresh = Repository.open(tmp_path / "fresh.json")
    prepared = prepare(fresh, tmp_path / "backup.json")
    assert isinstance(prepared.backup, Backup)
    result = apply(fresh, prepared)
    assert result.summary == "Restored 22 contacts, 6 curiosities, 5 interviews, 4 values and your settings."

    def tables(repo: Repository) -> dict[str, list[dict]]:  # type: ignore[type-arg]
        data = orjson.loads(repo.backup_bytes())
        return {name: sorted(data.get(name, {}).values(), key=lambda r: str(r.get("id")))
                for name in ("contacts", "curiosities", "interviews", "values", "settings")}  # fmt: skip

    assert tables(fresh) == tables(repository)
    again = apply(fresh, prepare(fresh, tmp_path / "backup.json"))
    assert again.summary == "Restored nothing new." and again.details == ["37 already here, kept as they are"]


def test_export_never_overwrites(repository: Repository, tmp_path: Path) -> None:
    (tmp_path / "taken.json").write_text("mine")
    with pytest.raises(ExportRefused, match="already exists"):
        export(repository, "json", tmp_path / "taken.json", FIXED_NOW)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.md").write_text("mine")
    with pytest.raises(ExportRefused, match="not empty"):
        export(repository, "markdown", tmp_path / "full", FIXED_NOW)
    assert (tmp_path / "taken.json").read_text() == "mine"


# --- the import's records and plan, against the domain model ---------------------------

_word = st.text(alphabet="AaBb Éé", max_size=4)
_person = st.builds(
    reading.Person,
    line=st.integers(1, 9999),
    name=st.text(alphabet="AaBb Éé", min_size=1, max_size=4).filter(str.strip),
    company=_word, role=_word, how_we_know=_word, notes=_word,
    emails=st.lists(st.sampled_from(["a@x.org", "A@X.ORG", "b@x.org"]), max_size=2),
    phones=st.lists(st.sampled_from(["+1 555", "+44 20"]), max_size=2),
    links=st.lists(st.sampled_from(["https://l/a", "https://l/b"]), max_size=2),
)  # fmt: skip


@given(st.lists(_person, max_size=8), st.sampled_from([1, 2, 3, 4]))
def test_new_contact_records_are_what_the_model_would_store(people: list[reading.Person], tier: int) -> None:
    """The import builds records straight, not Contacts; they must be the very records
    `to_record(Contact(...))` gives, and share no list (an edit to one is not to all)."""
    records = new_contact_records(people, tier, now=FIXED_NOW)
    for person, record in zip(people, records, strict=True):
        assert len(record["id"]) == 32 and int(record["id"], 16) >= 0
        expected = Contact(
            name=person.name, tier=tier, company=person.company, role=person.role, how_we_know=person.how_we_know,
            emails=person.emails, phones=person.phones, links=person.links, notes=person.notes,
            id=record["id"], created=FIXED_NOW, updated=FIXED_NOW,
        )  # fmt: skip
        assert record == to_record(expected)
    lists = [id(value) for record in records for value in record.values() if isinstance(value, list)]
    lists += [id(value) for person in people for value in (person.emails, person.phones, person.links)]
    assert len(lists) == len(set(lists))


def _reference_plan(existing: list[Contact], people: list[reading.Person]) -> tuple[list, list, int, int]:
    """The merge rule as the import first did it, with a Contact per person: the plan built
    on records must reach the same people with the same fields."""
    current = {contact.id: contact for contact in existing}
    by_email: dict[str, str] = {}
    by_name: dict[tuple[str, str], str] = {}

    def index(contact: Contact) -> None:
        for email in contact.emails:
            by_email.setdefault(email.casefold(), contact.id)
        by_name.setdefault(
            (" ".join(contact.name.casefold().split()), " ".join(contact.company.casefold().split())), contact.id
        )

    for contact in existing:
        index(contact)
    new_ids: list[str] = []
    changed: set[str] = set()
    duplicates = unchanged = 0
    for person in people:
        match = next((by_email[e.casefold()] for e in person.emails if e.casefold() in by_email), None)
        name_key = (" ".join(person.name.casefold().split()), " ".join(person.company.casefold().split()))
        match = match or by_name.get(name_key)
        if match is None:
            contact = Contact(person.name, company=person.company, role=person.role, how_we_know=person.how_we_know,
                              emails=list(person.emails), phones=list(person.phones), links=list(person.links),
                              notes=person.notes)  # fmt: skip
            current[contact.id] = contact
            new_ids.append(contact.id)
            index(contact)
            continue
        before = current[match]
        notes = before.notes
        if person.notes and person.notes not in notes:
            notes = f"{notes}\n{person.notes}".strip()
        after = replace(
            before, company=before.company or person.company, role=before.role or person.role,
            how_we_know=before.how_we_know or person.how_we_know, emails=reading.add_unique(before.emails, person.emails),
            phones=reading.add_unique(before.phones, person.phones), links=reading.add_unique(before.links, person.links),
            notes=notes,
        )  # fmt: skip
        if match in new_ids:
            duplicates += 1
        elif after != before:
            changed.add(match)
        else:
            unchanged += 1
        current[match] = after
        index(after)

    def shown(contact: Contact) -> tuple:
        return (contact.name, contact.company, contact.role, contact.how_we_know, contact.emails, contact.phones,
                contact.links, contact.notes)  # fmt: skip

    return ([shown(current[i]) for i in new_ids], sorted(shown(current[i]) for i in changed), duplicates, unchanged)


@settings(max_examples=300)
@given(st.lists(_person, max_size=3), st.lists(_person, max_size=10))
def test_the_plan_merges_as_the_plain_rule_says(known: list[reading.Person], people: list[reading.Person]) -> None:
    existing = [Contact(p.name, tier=2, company=p.company, emails=p.emails, notes=p.notes) for p in known]
    plan = plan_import(existing, ParsedFile("x", people=people), 4)
    added, merged, duplicates, unchanged = _reference_plan(existing, people)
    assert [
        (c.name, c.company, c.role, c.how_we_know, c.emails, c.phones, c.links, c.notes) for c in plan.added
    ] == added
    assert (
        sorted((c.name, c.company, c.role, c.how_we_know, c.emails, c.phones, c.links, c.notes) for c in plan.merged)
        == merged
    )
    assert (plan.duplicates_in_file, plan.unchanged) == (duplicates, unchanged)
    assert all(c.tier == 4 for c in plan.added) and all(c.tier == 2 for c in plan.merged)


def test_the_tier_chosen_after_the_preview_is_the_one_stored(repository: Repository) -> None:
    prepared = prepare(repository, FIXTURES / "linkedin/Connections.csv")
    assert prepared.plan is not None and prepared.plan.tier == 4
    prepared.plan.place_in(3)
    assert {c.tier for c in prepared.plan.preview(10)} == {3}
    apply(repository, prepared)
    assert {c.tier for c in repository.contacts()} == {3}
    with pytest.raises(ValueError, match="tier must be"):
        prepared.plan.place_in(0)


def test_contacts_saved_after_an_import_get_rows_of_their_own(repository: Repository) -> None:
    """The import writes its rows in one pass, behind TinyDB's row counter: the next
    contact saved must not land on an imported one."""
    apply(repository, prepare(repository, FIXTURES / "linkedin/Connections.csv"))
    before = {c.id: c.name for c in repository.contacts()}
    repository.save_contact(Contact("Dana Park"))
    after = {c.id: c.name for c in repository.contacts()}
    assert len(after) == len(before) + 1 and all(after[i] == name for i, name in before.items())
