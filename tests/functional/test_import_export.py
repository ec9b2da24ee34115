"""Import and export as the user meets them: the `infoview import/export` commands and
the import screen with its preview."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, Static

from infoview_tui.__main__ import main
from infoview_tui.domain.model import Contact
from infoview_tui.store import local_base, storage
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.curiosities import TextPrompt
from infoview_tui.ui.screens.importing import ImportScreen
from tests.conftest import make_app
from tests.functional.test_app import wait_until
from tests.functional.test_cli import run_cli

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_import_command_reports_counts_and_reimport_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "infoview.json"
    first = run_cli("import", str(FIXTURES / "linkedin/Connections.csv"), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [
        "Connections.csv: LinkedIn connections, new people in tier 4.",
        "Added 4, merged 1, skipped 1, rejected 1.",
        "  1 repeated within the file, folded into one",
        "  1 empty row",
        "  line 9: no first or last name",
        f"Saved to {db}.",
    ]
    again = run_cli("import", str(FIXTURES / "linkedin/Connections.csv"), "--db", str(db), "--tier", "2")
    assert again.returncode == 0
    assert "Added 0, merged 0, skipped 6, rejected 1." in again.stdout
    repository = Repository.open(db)
    try:
        assert sorted(c.name for c in repository.contacts()) == [
            "Ana Lima",
            "Bo Chen",
            "Hans Muller, PhD",
            "Zoë Ødegård",
        ]
        assert {c.tier for c in repository.contacts()} == {4}
    finally:
        repository.close()


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "infoview.json"
    Repository.open(db).close()
    before = db.read_bytes()
    result = run_cli("import", str(FIXTURES / "vcard/contacts.vcf"), "--db", str(db), "--dry-run")
    assert result.returncode == 0
    assert "Would do: Added 3, merged 0, skipped 0, rejected 1. Nothing written (--dry-run)." in result.stdout
    assert "  + Jane Doe, Designer at Acme, Inc." in result.stdout
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "words"),
    [("bad/junk.bin", "not a text file"), ("bad/latin1.csv", "not UTF-8"), ("bad/missing-columns.csv", "header"),
     ("bad/diary.txt", "Not a file infoview can import"), ("nothing-here.csv", "does not exist")],
)  # fmt: skip
def test_bad_files_exit_5_and_leave_the_database_as_it_was(tmp_path: Path, name: str, words: str) -> None:
    db = tmp_path / "infoview.json"
    repository = Repository.open(db)
    repository.save_contact(Contact("Ana Lima", tier=1))
    repository.close()
    before = db.read_bytes()
    result = run_cli("import", str(FIXTURES / name), "--db", str(db))
    assert result.returncode == 5
    assert words in result.stderr and "Nothing was imported." in result.stderr
    assert db.read_bytes() == before


def test_ten_thousand_rows_import_in_one_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "Connections.csv"
    with big.open("w", newline="") as handle:
        handle.write('Notes:\n"exported"\n\n')
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
        for n in range(10_000):
            writer.writerow(
                [
                    f"First{n}",
                    f"Last{n}",
                    f"https://www.linkedin.com/in/p{n}",
                    "",
                    f"Co {n % 300}",
                    "Role",
                    "12 Nov 2025",
                ]
            )
    db = tmp_path / "infoview.json"
    Repository.open(db).close()
    writes: list[Path] = []
    real_write = storage.write_atomically

    def counting(path: Path, payload: bytes) -> None:
        writes.append(path)
        real_write(path, payload)

    monkeypatch.setattr(storage, "write_atomically", counting)
    assert main(["import", str(big), "--db", str(db)]) == 0
    # One save of the database; beside it only the copy of what this machine wrote last,
    # kept in the state folder for the next start (store/local_base.py).
    assert writes.count(db) == 1
    assert all(path == db or local_base.bases_folder() in path.parents for path in writes)
    assert "Added 10000, merged 0, skipped 0, rejected 0." in capsys.readouterr().out
    repository = Repository.open(db)
    try:
        assert repository.count_contacts() == 10_000
    finally:
        repository.close()


def test_export_command_writes_each_format_and_never_overwrites(tmp_path: Path) -> None:
    db = tmp_path / "infoview.json"
    repository = Repository.open(db)
    repository.save_contact(Contact("Ana Lima", tier=1, notes="=cmd|' /C calc'!A0"))
    repository.close()
    for fmt, out in (("markdown", "notes"), ("csv", "table"), ("ics", "cal.ics"), ("json", "backup.json")):
        result = run_cli("export", fmt, str(tmp_path / out), "--db", str(db))
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("Wrote ")
    assert "'=cmd" in (tmp_path / "table" / "contacts.csv").read_text(encoding="utf-8-sig")
    again = run_cli("export", "json", str(tmp_path / "backup.json"), "--db", str(db))
    assert again.returncode == 5 and "already exists; nothing was overwritten" in again.stderr


async def test_import_screen_previews_then_imports_in_the_chosen_tier(repository: Repository) -> None:
    repository.save_contact(Contact("Hans Muller", tier=2, emails=["hans@example.de"]))
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_import()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        await pilot.press(*str(FIXTURES / "bad/latin1.csv"), "enter")
        status = screen.query_one("#import-status", Static)
        await wait_until(pilot, lambda: "Nothing was imported" in str(status.render()), 3.0)
        assert "not UTF-8 text (byte 0xE9 on line 2)" in str(status.render())
        await pilot.press("ctrl+s")  # nothing read: nothing to import
        assert isinstance(app.screen, ImportScreen) and len(repository.contacts()) == 1

        path = screen.query_one("#import-path", Input)
        path.value = str(FIXTURES / "linkedin/Connections.csv")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Will be:" in str(status.render()), 3.0)
        assert "Connections.csv: LinkedIn connections. Will be: added 3, merged 2, skipped 1, rejected 1." in str(
            status.render()
        )
        table = screen.query_one("#import-preview", DataTable)
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == ["Ana Lima", "Zoë Ødegård", "Bo Chen"]
        assert "line 9: no first or last name" in str(screen.query_one("#import-details", Static).render())
        assert screen.query_one("#import-tier", Select).value == 4
        assert len(repository.contacts()) == 1  # nothing written by the preview
        screen.query_one("#import-tier", Select).value = 2
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
        assert any("Added 3, merged 2, skipped 1, rejected 1." in n.message for n in app._notifications)
    tiers = {c.name: c.tier for c in repository.contacts()}
    assert tiers == {"Hans Muller": 2, "Ana Lima": 2, "Zoë Ødegård": 2, "Bo Chen": 2}
    hans = next(c for c in repository.contacts() if c.name == "Hans Muller")
    assert hans.company == "Acme, Inc."


async def test_export_from_the_palette(repository: Repository, tmp_path: Path) -> None:
    repository.save_contact(Contact("Ana Lima", tier=1))
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_export("csv")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        field = prompt.query_one(Input)
        assert field.value.startswith("~/infoview-csv-20261125-")
        field.value = str(tmp_path / "out")
        await pilot.press("enter")  # written in a thread: the message comes when it is done
        await wait_until(
            pilot, lambda: any("Wrote 1 contact and 0 interviews" in n.message for n in app._notifications), 5.0
        )
    assert (tmp_path / "out" / "contacts.csv").exists()
