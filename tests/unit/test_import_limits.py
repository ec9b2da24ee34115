"""What an import reads is bounded and clean: pipes and devices refused before they are
opened, never more than the size limit read, a row cap, UTF-16 without its mark read as
text, and no control character from a file reaching the database or the terminal."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import tracemalloc
from pathlib import Path

import pytest

from infoview_tui.formats import reading
from infoview_tui.formats.importing import apply, parse_file, parse_text, prepare
from infoview_tui.formats.reading import FileRefused, ParsedFile
from infoview_tui.store.repository import Repository

LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
CONTROL = ("\x1b", "\x07", "\x9b", "\x90", "\x00")


# --- what a path is ---------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "contacts.vcf"
    os.mkfifo(fifo)
    # A writer stands by, so a reader that opens the pipe (as the import did) gets a card instead of hanging.
    writer = threading.Thread(target=lambda: fifo.write_text("BEGIN:VCARD\nFN:Ana Lima\nEND:VCARD\n"), daemon=True)
    writer.start()
    try:
        with pytest.raises(FileRefused, match=r"contacts.vcf is a named pipe \(as made by <\(\.\.\.\) or mkfifo\)"):
            parse_file(fifo)
    finally:
        unblock = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer's open return
        writer.join()
        os.close(unblock)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_refused_as_a_device() -> None:
    with pytest.raises(FileRefused, match="/dev/null is a device, not a file infoview can import"):
        parse_file(Path("/dev/null"))


def test_never_more_than_the_limit_is_read_whatever_size_the_file_claims(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    big = tmp_path / "Connections.csv"
    big.write_text(LINKEDIN_HEADER + "Ana,Lima,https://x,,,,\n" * 5000)
    real_stat, real_fstat, real_read = os.stat, os.fstat, os.read
    read_bytes = []

    def claims_small(result: os.stat_result) -> os.stat_result:
        return os.stat_result((*result[:6], 10, *result[7:10]))  # st_size, as a pipe or /proc file may give

    def counting_read(descriptor: int, length: int) -> bytes:
        chunk = real_read(descriptor, length)
        read_bytes.append(len(chunk))
        return chunk

    monkeypatch.setattr(os, "stat", lambda path, *a, **k: claims_small(real_stat(path, *a, **k)))
    monkeypatch.setattr(os, "fstat", lambda fd: claims_small(real_fstat(fd)))
    monkeypatch.setattr(os, "read", counting_read)
    with pytest.raises(FileRefused, match=r"Connections\.csv is 0 MB; contact exports are far smaller"):
        parse_file(big)
    assert sum(read_bytes) == 1001


def test_a_missing_file_named_with_escapes_is_named_without_them(tmp_path: Path) -> None:
    with pytest.raises(FileRefused) as refused:
        parse_file(tmp_path / "x\x1b]0;pwned\x07.csv")
    assert "does not exist" in str(refused.value) and not any(c in str(refused.value) for c in CONTROL)


# --- how much ---------------------------------------------------------------------------


def test_a_million_row_linkedin_file_is_refused_early_and_cheaply(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text("Notes:\n\n" + LINKEDIN_HEADER + "".join(f"A{n},B,https://x/{n},,,,\n" for n in range(1_000_000)))
    tracemalloc.start()
    try:
        with pytest.raises(FileRefused, match=r"More than 50,000 rows: infoview imports up to 50,000 people"):
            parse_file(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * path.stat().st_size  # it held 2.5 GB when every row was read


def test_the_row_cap_is_on_people_after_the_header(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_PEOPLE", 100)
    notes = 'Notes:\n"some text"\n\n'
    exactly = parse_text(notes + LINKEDIN_HEADER + "A,B,https://x,,,,\n" * 100)
    assert isinstance(exactly, ParsedFile) and len(exactly.people) == 100
    with pytest.raises(FileRefused, match="More than 100 rows"):
        parse_text(notes + LINKEDIN_HEADER + "A,B,https://x,,,,\n" * 101)
    google = "First Name,Last Name,Organization Name,E-mail 1 - Value\n"
    with pytest.raises(FileRefused, match="More than 100 rows"):
        parse_text(google + "A,B,C,a@b.example\n" * 101)


def test_too_many_cards_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_PEOPLE", 100)
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEND:VCARD\r\n"
    assert len(parse_text(card * 100).people) == 100  # type: ignore[union-attr]
    with pytest.raises(FileRefused, match="More than 100 cards"):
        parse_text(card * 101)


# --- what it is -------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_as_text(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(
        (LINKEDIN_HEADER + "Zoë,Ødegård,https://x,zoe@example.no,Nordlys,Head,12 Nov 2025\n").encode(encoding)
    )
    result = parse_file(path)
    assert isinstance(result, ParsedFile)
    assert [(p.name, p.company, p.emails) for p in result.people] == [("Zoë Ødegård", "Nordlys", ["zoe@example.no"])]


def test_binary_with_zeros_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(FileRefused, match="is not a text file"):
        parse_file(path)


# --- control characters -----------------------------------------------------------------

HOSTILE_VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\x1b]0;pwned\x07 Lima\r\nORG:Lumen\x9b2J\r\nTITLE:\x1b[31mUX\r\n"
    "NOTE:before\x1b[2Jafter\\nnext\x0bline\r\nEMAIL:ana@example.org\x1b[H\r\nTEL:+1\x1b[8m555\r\n"
    "URL:https://ana.example/\x1b]8;;https://evil.example\x1b\\\r\nbroken line \x1b[2J\x1b]0;title\x07\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Bo=1B]0;pwned=07 Chen\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:a=1B[2Jb=C2=9B\r\nEND:VCARD\r\n"
    "\x1b[2Jtext outside a card\r\n"
    "BEGIN:VCARD\r\nFN:\x1b\x07\r\nEND:VCARD\r\n"
)


def test_imported_people_hold_no_control_characters(repository: Repository, tmp_path: Path) -> None:
    path = tmp_path / "hostile.vcf"
    path.write_text(HOSTILE_VCARD, newline="")
    prepared = prepare(repository, path)
    assert prepared.plan is not None
    apply(repository, prepared)
    ana, bo = sorted(repository.contacts(), key=lambda contact: contact.name)
    # Whole escape sequences go, not only their ESC: "Ana Lima", never "Ana]0;pwned Lima".
    assert (ana.name, ana.company, ana.role) == ("Ana Lima", "Lumen", "UX")
    assert ana.notes == "beforeafter\nnextline" and ana.emails == ["ana@example.org"]
    assert ana.phones == ["+1555"] and bo.name == "Bo Chen" and bo.notes == "ab"
    for contact in (ana, bo):
        texts = (contact.name, contact.company, contact.role, contact.notes, contact.how_we_know, *contact.emails,
                 *contact.phones, *contact.links)  # fmt: skip
        assert not any(c in text for c in CONTROL for text in texts)
    reasons = " ".join(rejected.reason for rejected in prepared.plan.rejected)
    assert "no name (only control characters)" in reasons and "text outside any card" in reasons
    assert not any(c in reasons for c in CONTROL)


def test_linkedin_and_google_rows_lose_their_control_characters() -> None:
    linkedin = parse_text(LINKEDIN_HEADER + "Ana\x1b[2J,Lima\x9b,https://x\x07,,Lumen\x1b]0;t\x07,UX,\n")
    google = parse_text("First Name,Last Name,Organization Name,E-mail 1 - Value,Notes\nBo,Chen,Acme,,hi\x1b[2J\r\n")
    assert isinstance(linkedin, ParsedFile) and isinstance(google, ParsedFile)
    (ana,), (bo,) = linkedin.people, google.people
    assert (ana.name, ana.company, ana.links) == ("Ana Lima", "Lumen", ["https://x"])
    assert bo.notes == "hi"


def test_dry_run_prints_no_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "hostile.vcf"
    path.write_text(HOSTILE_VCARD, newline="")
    result = subprocess.run(
        [sys.executable, "-m", "infoview_tui", "import", str(path), "--dry-run", "--db", str(tmp_path / "db.json")],
        capture_output=True, timeout=120, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode() + result.stderr.decode()
    assert "Ana Lima" in out and "not a vCard property" in out  # the rejected line is named, cleaned
    assert not any(c in out for c in CONTROL)


async def test_the_import_preview_shows_markup_from_a_file_as_written(repository: Repository, tmp_path: Path) -> None:
    from rich.text import Text
    from textual.widgets import DataTable, Input, Static

    from tests.conftest import make_app
    from tests.functional.test_app import wait_until

    path = tmp_path / "markup.vcf"
    path.write_text(
        "BEGIN:VCARD\nFN:[/] Ana [bold]Lima\nORG:[link=https://evil.example]Lumen\nEND:VCARD\n"
        "BEGIN:VCARD\nFN:Bo Chen\n[/bold] not a property\nEND:VCARD\n"
    )
    app = make_app(repository)
    async with app.run_test(size=(120, 36)) as pilot:
        app.action_import()
        await pilot.pause()
        screen = app.screen
        screen.query_one("#import-path", Input).value = str(path)
        await pilot.press("enter")
        status = screen.query_one("#import-status", Static)
        await wait_until(pilot, lambda: "Will be:" in str(status.render()), 10.0)
        await pilot.pause()
        table = screen.query_one("#import-preview", DataTable)
        # DataTable shows a str cell as markup; the names come out as the file wrote them.
        name, company = (Text.from_markup(str(cell)).plain for cell in table.get_row_at(0)[:2])
        assert (name, company) == ("[/] Ana [bold]Lima", "[link=https://evil.example]Lumen")
        assert "[/bold] not a property" in str(screen.query_one("#import-details", Static).render())


def test_a_file_named_with_escapes_is_named_without_them_by_the_command(tmp_path: Path) -> None:
    import subprocess
    import sys

    hostile = tmp_path / "contacts\x1b]0;owned\x07.vcf"
    hostile.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEND:VCARD\r\n")
    for args in (["import", str(hostile), "--dry-run"], ["import", str(tmp_path / "gone\x1b[2J.csv")]):
        result = subprocess.run(
            [sys.executable, "-m", "infoview_tui", *args, "--db", str(tmp_path / "db.json")],
            capture_output=True,
            timeout=60,
        )
        assert b"\x1b" not in result.stdout + result.stderr and b"\x07" not in result.stdout + result.stderr
        assert b"contacts.vcf" in result.stdout + result.stderr or b"gone.csv" in result.stderr
