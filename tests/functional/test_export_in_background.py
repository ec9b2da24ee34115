"""The palette's export runs beside the app: keys still work while it writes."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Input

from infoview_tui.domain.model import Contact
from infoview_tui.formats import export as export_module
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.dialogs import TextPrompt
from infoview_tui.ui.screens.network import NetworkScreen
from tests.conftest import make_app
from tests.functional.test_app import wait_until

# How long the stand-in export waits for the test's key before it gives up (a guard
# against a frozen loop, never a measure: the test passes long before).
GIVE_UP_SECONDS = 5.0


def messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [notification.message for notification in app._notifications]


async def export_markdown_from_the_palette(app, pilot, out: Path) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.press(*"Export markdown")
    await pilot.pause(0.5)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, TextPrompt), 2.0)
    app.screen.query_one(Input).value = str(out)
    await pilot.press("enter")


async def test_a_key_typed_during_the_export_is_handled_before_it_ends(
    repository: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository.save_contact(Contact("Ana Lima", tier=1))
    key_handled = threading.Event()
    real_export = export_module.export

    def export_that_waits_for_the_key(repo: Repository, fmt: str, out: Path, now: datetime) -> str:
        # Finishes only once the app has handled a key pressed while it runs: on the event
        # loop (as before) the key could not be handled, and this reports a failure instead.
        if not key_handled.wait(GIVE_UP_SECONDS):
            raise export_module.ExportRefused("The key was not handled while exporting. Nothing was written.")
        return real_export(repo, fmt, out, now)

    monkeypatch.setattr(export_module, "export", export_that_waits_for_the_key)
    app = make_app(repository)
    out = tmp_path / "notes"
    async with app.run_test(size=(100, 30)) as pilot:
        await export_markdown_from_the_palette(app, pilot, out)
        await wait_until(pilot, lambda: any(m.startswith("Exporting") for m in messages(app)), 2.0)
        await pilot.press("f3")  # the network, while the export runs
        await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen), 2.0)
        assert not out.exists()  # still writing
        key_handled.set()
        await wait_until(pilot, lambda: any("Wrote 0 interviews and index.md" in m for m in messages(app)), 5.0)
        assert not any(notification.severity == "error" for notification in app._notifications)
    assert (out / "index.md").exists()


async def test_a_failed_export_says_so_and_writes_nothing(
    repository: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def export_that_fails(repo: Repository, fmt: str, out: Path, now: datetime) -> str:
        raise export_module.ExportRefused(f"Could not write {out}: Disk full. Nothing was written.")

    monkeypatch.setattr(export_module, "export", export_that_fails)
    app = make_app(repository)
    out = tmp_path / "notes"
    async with app.run_test(size=(100, 30)) as pilot:
        await export_markdown_from_the_palette(app, pilot, out)
        await wait_until(pilot, lambda: any("Disk full" in m for m in messages(app)), 5.0)
        failure = next(n for n in app._notifications if "Disk full" in n.message)
        assert failure.severity == "error"
    assert not out.exists()
