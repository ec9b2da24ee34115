"""The network screen: the bullseye, the side list, the contact form, search, filter."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from infoview_tui.demo import build_demo
from infoview_tui.domain.model import Contact
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.contact import ContactForm
from infoview_tui.ui.screens.curiosities import CuriositiesScreen
from infoview_tui.ui.screens.dialogs import ConfirmScreen
from infoview_tui.ui.screens.network import NetworkScreen
from infoview_tui.ui.widgets.bullseye import Bullseye
from infoview_tui.ui.widgets.contact_list import ContactList
from tests.conftest import FIXED_NOW, make_app
from tests.functional.test_app import show_network, wait_until


def contacts_on_disk(db_path: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    data = orjson.loads(db_path.read_bytes())
    return {record["name"]: record for record in data.get("contacts", {}).values()}


async def add_contact(pilot: Pilot[None], name: str, tier: int, company: str) -> None:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ContactForm)
    assert pilot.app.focused.id == "field-name"  # name first
    await pilot.press(*name, "tab", "backspace", str(tier), "tab", *company, "ctrl+s")
    await pilot.pause()


async def test_network_journey_from_the_keyboard_alone(repository: Repository, db_path: Path) -> None:
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NetworkScreen)
        assert "Nobody in tier 1 yet" in str(screen.query_one("#network-detail", Static).render())

        people = [("Ana Lima", 1, "Acme"), ("Ben Ode", 2, "Northwind"), ("Cai Wu", 2, "Fabrikam"),
                  ("Dee Ray", 3, "Contoso"), ("Eve Sol", 4, "Globex")]  # fmt: skip
        for name, tier, company in people:
            await add_contact(pilot, name, tier, company)
            assert isinstance(app.screen, NetworkScreen)
            await wait_until(pilot, lambda name=name: name in contacts_on_disk(db_path), 3.0)
            assert contacts_on_disk(db_path)[name]["tier"] == tier
            assert contacts_on_disk(db_path)[name]["company"] == company
        bullseye = screen.query_one(Bullseye)
        assert [len(bullseye.rings[tier]) for tier in (1, 2, 3, 4)] == [1, 2, 1, 1]

        # The one just added is selected; + moves her inward.
        assert bullseye.selected_marker.name == "Eve Sol"
        await pilot.press("plus")
        await wait_until(pilot, lambda: contacts_on_disk(db_path)["Eve Sol"]["tier"] == 3, 3.0)
        assert bullseye.selected_marker.name == "Eve Sol" and bullseye.selected_tier == 3

        # Search by company, open, edit.
        await pilot.press("slash", *"northw")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press("enter")
        await pilot.pause()
        assert bullseye.selected_marker.name == "Ben Ode"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        await pilot.press("tab", "tab", "tab", *"Product designer", "ctrl+s")
        await wait_until(pilot, lambda: contacts_on_disk(db_path)["Ben Ode"]["role"] == "Product designer", 3.0)

        # Delete, with a confirmation first.
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, NetworkScreen)
        await wait_until(pilot, lambda: "Ben Ode" not in contacts_on_disk(db_path), 3.0)
        assert set(contacts_on_disk(db_path)) == {"Ana Lima", "Cai Wu", "Dee Ray", "Eve Sol"}


async def test_form_shows_mistakes_inline_and_saves_nothing(repository: Repository) -> None:
    app = make_app(repository)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("f3", "a")
        await pilot.pause()
        await pilot.press("tab", "backspace", "7", "tab", "tab", "tab", "tab", "tab", "tab", *"not-an-email", "ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        assert "A name is needed" in str(form.query_one("#error-name", Static).render())
        assert "Tier is 1, 2, 3 or 4" in str(form.query_one("#error-tier", Static).render())
        assert "Not an email address: not-an-email" in str(form.query_one("#error-emails", Static).render())
        assert app.focused.id == "field-name"  # back to the first mistake
        assert repository.count_contacts() == 0


async def test_escape_asks_before_throwing_away_changes(repository: Repository) -> None:
    app = make_app(repository)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("f3", "a")
        await pilot.pause()
        await pilot.press(*"Half typed", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, NetworkScreen)
        assert repository.count_contacts() == 0
        await pilot.press("a", "escape")  # nothing typed: no question
        await pilot.pause()
        assert isinstance(app.screen, NetworkScreen)


async def test_referred_by_and_new_curiosities(repository: Repository) -> None:
    app = make_app(repository)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("f3")
        await add_contact(pilot, "Tom Becker", 1, "City Hospital")
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-name", Input).value = "Uma Patel"
        form.query_one("#field-referred_by", Input).value = "Nobody Known"
        form.query_one("#field-curiosities", Input).value = "Hospital administration, Policy"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Nobody called 'Nobody Known'" in str(form.query_one("#error-referred_by", Static).render())
        form.query_one("#field-referred_by", Input).value = "tom becker"
        await pilot.press("ctrl+s")
        await pilot.pause()
    uma = next(c for c in repository.contacts() if c.name == "Uma Patel")
    tom = next(c for c in repository.contacts() if c.name == "Tom Becker")
    assert uma.referred_by == tom.id
    assert sorted(c.name for c in repository.curiosities()) == ["Hospital administration", "Policy"]
    assert len(uma.curiosity_ids) == 2


async def test_deleting_keeps_interviews_readable(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    maria = next(c for c in repository.contacts() if c.name == "Maria Lopez")
    (interview,) = repository.interviews_with(maria.id)
    nadia = next(c for c in repository.contacts() if c.name == "Nadia Petrov")
    assert nadia.referred_by == maria.id
    repository.delete_contact(maria.id)
    kept = repository.interview(interview.id)
    assert kept is not None and kept.contact_name == "Maria Lopez" and kept.question_notes
    assert repository.contact(nadia.id).referred_by is None


async def test_arrows_walk_the_rings_and_the_list_follows(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        bullseye = screen.query_one(Bullseye)
        assert bullseye.selected_tier == 1 and bullseye.selected_marker.name == "Aisha Khan"
        await pilot.press("right")
        assert bullseye.selected_marker.name == "Daniel Weiss"
        await pilot.press("left", "left")
        assert bullseye.selected_marker.name == "Tom Becker"  # wraps around the ring
        await pilot.press("down")
        await pilot.pause()
        assert bullseye.selected_tier == 2
        title = str(screen.query_one("#network-list-title", Static).render())
        # The tier's name gives way to the count where the side column is narrow.
        assert title.startswith("Tier 2: friends seen less often") and title.endswith("(6)")
        detail = str(screen.query_one("#network-detail", Static).render())
        assert bullseye.selected_marker.name in detail
        await pilot.press("up", "up")
        assert bullseye.selected_tier == 1  # no ring inside tier 1

        # The side list drives the bullseye too: tab into it, walk down, enter opens.
        await pilot.press("tab")
        assert app.focused.id == "network-list"
        await pilot.press("home")
        assert bullseye.selected_marker.name == "Aisha Khan"
        await pilot.press("down", "down")
        assert bullseye.selected_marker.name == "Maria Lopez"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm) and app.screen.original.name == "Maria Lopez"


async def test_click_selects_a_marker(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        bullseye = app.screen.query_one(Bullseye)
        x0, _x1, _ring, _index = next(
            hit for row in bullseye._hit.values() for hit in row if hit[2] == 4 and hit[3] == 2
        )
        y = next(y for y, row in bullseye._hit.items() if any(h[2] == 4 and h[3] == 2 for h in row))
        await pilot.click(Bullseye, offset=(x0, y))
        assert (bullseye.selected_tier, bullseye.selected_index) == (4, 2)


async def test_filter_by_curiosity_and_flagged_curiosities(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3", "c")
        await pilot.pause()
        assert isinstance(app.screen, CuriositiesScreen)
        lines = [str(option.prompt) for option in app.screen.query_one("#curiosities-list").options]
        assert any(line.startswith("UX research") and "5 doing it" in line for line in lines)
        assert lines[0] == "! Climate tech  nobody yet: ask for intros"  # flagged
        detail = str(app.screen.query_one("#curiosities-detail", Static).render())
        assert "Nobody yet" in detail
        await pilot.press("down", "enter")  # Hospital administration -> filter the network
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NetworkScreen)
        bullseye = screen.query_one(Bullseye)
        names = {m.name for ring in bullseye.rings.values() for m in ring}
        assert names == {"Tom Becker", "Chen Wei", "Grace Okafor", "Uma Patel"}
        await pilot.press("escape")  # clears the filter
        await pilot.pause()
        assert sum(len(ring) for ring in bullseye.rings.values()) == 22


async def test_who_next_and_tier_standing_are_shown(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        line = str(app.screen.query_one("#network-standing", Static).render())
        assert "2 of 5 in tier 1 done: keep going with tier 1" in line
        assert "Who next: Daniel Weiss (tier 1, works in Woodworking, not yet asked)" in line


async def test_recording_an_ask_for_introductions(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3", "c")
        await pilot.pause()
        await pilot.press("r")  # the highlighted one: Climate tech, nobody yet
        await pilot.pause()
        await pilot.press(*"Priya Raman (Civic Data Lab)", "enter")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press(*"will ask her brother", "enter")
        await pilot.pause()
        detail = str(app.screen.query_one("#curiosities-detail", Static).render())
        assert "today: Priya Raman, will ask her brother" in detail
    climate = next(c for c in repository.curiosities() if c.name == "Climate tech")
    (request,) = climate.intro_requests
    assert request.outcome == "will ask her brother" and request.asked_at == FIXED_NOW


async def test_stage_change_with_a_typed_date_and_a_preview(repository: Repository) -> None:
    from datetime import datetime

    from infoview_tui.domain.model import Stage
    from infoview_tui.ui.screens.stage import StageScreen
    from tests.conftest import ZONE

    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3", "right")  # Daniel Weiss, not yet asked
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, StageScreen)
        options = [str(o.prompt) for o in dialog.query_one("#stage-options").options]
        assert options == ["asked", "declined"]
        hint = str(dialog.query_one("#stage-hint", Static).render())
        assert "press m" in hint and "scheduled" not in hint  # only the stages offered are explained
        assert str(dialog.query_one("#stage-when .when-preview", Static).render()) == "→ today 19:30"
        await pilot.press("enter")  # "asked" -> on to the date
        dialog.query_one("#stage-when Input", Input).value = "banana"
        await pilot.pause()
        assert "Could not read 'banana'" in str(dialog.query_one("#stage-when .when-preview", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # nothing saved with a date it could not read
        dialog.query_one("#stage-when Input", Input).value = "yesterday 4pm"
        await pilot.pause()
        assert str(dialog.query_one("#stage-when .when-preview", Static).render()) == "→ yesterday 16:00"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NetworkScreen)
    daniel = next(c for c in repository.contacts() if c.name == "Daniel Weiss")
    assert daniel.stage is Stage.ASKED
    assert daniel.stage_history[-1].at == datetime(2026, 11, 24, 16, 0, tzinfo=ZONE)


async def test_an_arrow_shows_the_new_person_in_the_list_and_detail_in_the_same_frame(repository: Repository) -> None:
    """The side list and the detail follow the bullseye in the same turn as the move, so the
    terminal gets one picture per key (rings, list and detail together), never a frame with the
    new person ringed and the old one described."""
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        bullseye = screen.query_one(Bullseye)
        bullseye.action_move(1)  # no pause: nothing queued has run yet
        chosen = bullseye.selected_marker
        assert chosen is not None and chosen.name == "Daniel Weiss"
        assert chosen.name in str(screen.query_one("#network-detail", Static).render())
        assert screen.query_one(ContactList).highlighted == bullseye.selected_index
        bullseye.action_change_ring(1)
        assert bullseye.selected_tier == 2
        assert str(screen.query_one("#network-list-title", Static).render()).startswith("Tier 2:")


async def test_between_long_rings_the_list_scrolls_to_each_ring_s_last_person(repository: Repository) -> None:
    """Moving between two rings longer than the list keeps the scrollbar and gives it the new
    length without a new layout: the list still reaches exactly the last person of each."""
    for index in range(60):
        repository.save_contact(Contact(name=f"Outer {index:02}", tier=4))
    for index in range(45):
        repository.save_contact(Contact(name=f"Third {index:02}", tier=3))
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3", "down", "down", "down")
        await pilot.pause()
        screen = app.screen
        side_list = screen.query_one(ContactList)
        for tier, length, last in ((4, 60, "Outer 59"), (3, 45, "Third 44"), (4, 60, "Outer 59")):
            bullseye = screen.query_one(Bullseye)
            assert bullseye.selected_tier == tier
            assert side_list.virtual_size.height == length
            assert side_list.vertical_scrollbar.window_virtual_size == length
            side_list.focus()
            await pilot.press("end")
            await pilot.pause()
            assert bullseye.selected_marker is not None and bullseye.selected_marker.name == last
            assert not side_list.show_horizontal_scrollbar  # rows are cut to fit: nothing to scroll sideways
            assert side_list.scroll_offset.y == length - side_list.size.height  # the last person on the last row
            bullseye.focus()
            await pilot.press("up" if tier == 4 else "down")
            await pilot.pause()


def ring_label_hidden(bullseye: Bullseye, tier: int) -> int:
    """The N of the ring's own "+N more" (or "+N" where the label is short), as drawn."""
    import re

    drawn = "\n".join(bullseye.render_line(y).text for y in range(bullseye.size.height))
    found = re.search(rf"{tier}·\d+ ?\+(\d+)", drawn)
    assert found is not None, drawn
    return int(found.group(1))


def title_only_here(screen: NetworkScreen) -> int:
    import re

    title = str(screen.query_one("#network-list-title", Static).render())
    found = re.search(r", (\d+) only here", title)
    assert found is not None, title
    return int(found.group(1))


async def test_the_list_title_and_the_ring_count_the_same_people_after_a_resize(repository: Repository) -> None:
    """The list said "388 only here" beside the ring's "+387": the title was counted before the
    bullseye lost a row (the standing line wrapping, a terminal resized) and never again."""
    with repository.together():
        for number in range(300):
            repository.save_contact(Contact(name=f"Friend {number:03}", tier=1))
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await show_network(pilot)
        screen = app.screen
        assert isinstance(screen, NetworkScreen)
        bullseye = screen.query_one(Bullseye)
        await wait_until(pilot, lambda: title_only_here(screen) == ring_label_hidden(bullseye, 1), 2.0)
        before = ring_label_hidden(bullseye, 1)
        await pilot.resize_terminal(100, 30)
        await wait_until(pilot, lambda: ring_label_hidden(bullseye, 1) != before, 2.0)
        await wait_until(pilot, lambda: title_only_here(screen) == ring_label_hidden(bullseye, 1), 2.0)


async def test_the_side_list_is_drawn_anew_at_the_new_width_after_a_resize(
    repository: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows drawn at 80 columns stayed cut at 80 in a terminal widened to 120 ("Counsell…"),
    and rows drawn at 120 were cut bare, without "…", once it was narrowed again: rows were
    kept by their number alone (seen in tmux, resizing 80x24 to 140x40 on the heavy file)."""
    role = "Counsellor at the hospital"  # whole in the list at 140 columns, cut at 80
    with repository.together():
        for number in range(30):
            repository.save_contact(Contact(name=f"Friend {number:02}", tier=1, role=role))
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_network(pilot)
        contact_list = app.screen.query_one(ContactList)
        await wait_until(pilot, lambda: "…" in contact_list.render_line(0).text, 2.0)
        narrow = contact_list.size.width
        # In a real terminal the frame at the new size can be drawn before anything tells the
        # list (its Resize event, a restyle) that its rows were drawn at another width.
        monkeypatch.setattr(ContactList, "on_resize", lambda self, event: None)
        monkeypatch.setattr(ContactList, "notify_style_update", lambda self: None)
        await pilot.resize_terminal(140, 24)
        await wait_until(pilot, lambda: contact_list.size.width > narrow, 2.0)
        assert all(role in contact_list.render_line(y).text for y in range(5))
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: contact_list.size.width == narrow, 2.0)
        assert all(contact_list.render_line(y).text.rstrip().endswith("…") for y in range(5))
