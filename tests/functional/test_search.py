"""F6: search everything, from a finished call back to the place a word was written."""

from __future__ import annotations

import threading

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input, TextArea

from infoview_tui.demo import build_demo
from infoview_tui.store.repository import Repository
from infoview_tui.ui import search_index
from infoview_tui.ui.screens import search as search_screen
from infoview_tui.ui.screens.contact import ContactForm
from infoview_tui.ui.screens.interviews import InterviewView
from infoview_tui.ui.screens.network import NetworkScreen
from infoview_tui.ui.screens.reflection import ReflectionScreen
from infoview_tui.ui.screens.search import SearchResults, SearchScreen
from infoview_tui.ui.screens.session import SessionScreen
from infoview_tui.ui.screens.today import TodayScreen
from tests.conftest import FIXED_NOW, MovableClock, make_app
from tests.functional.test_app import wait_until
from tests.functional.test_session import finish_the_call, start_with_daniel


def shown_rows(screen: SearchScreen) -> list[str]:
    """The result rows as drawn, plain text."""
    listing = screen.query_one(SearchResults)
    return [listing.render_line(y).text for y in range(min(listing.count, listing.size.height))]


def shown_message(screen: SearchScreen) -> str:
    """What the results' place says when nothing is listed, plain text in one line."""
    listing = screen.query_one(SearchResults)
    return " ".join(" ".join(listing.render_line(y).text.split()) for y in range(listing.size.height)).strip()


async def search_for(pilot, words: str) -> SearchScreen:  # type: ignore[no-untyped-def]
    """F6 (from wherever the app is), the words typed, the results shown."""
    await pilot.press("f6")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, SearchScreen), 3.0)
    screen = pilot.app.screen
    await wait_until(pilot, lambda: isinstance(pilot.app.focused, Input), 3.0)
    await pilot.press(*words)
    await wait_until(pilot, lambda: screen.shown_query == words, 3.0)
    await pilot.pause()
    return screen


async def test_words_from_a_call_are_found_and_open_their_question(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository, MovableClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await start_with_daniel(pilot)
        # A long first note, so the third question starts below the first screenful.
        await pilot.press(*"Loves oak", *["enter"] * 30, *"end of the first note")
        await pilot.press("alt+right", *"Started as a carpenter")
        await pilot.press("alt+right", *"An apprenticeship at sixteen")
        session = app.screen
        assert isinstance(session, SessionScreen)
        third_question = session.interview.questions[2]
        await finish_the_call(pilot)
        reflection = app.screen
        assert isinstance(reflection, ReflectionScreen)
        reflection.query_one("#takeaways").focus()
        await pilot.press(*"Ask about guild fellowships")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen), 3.0)

        screen = await search_for(pilot, "Fellowship")
        assert len(screen.results) == 1
        assert screen.results[0].kind == "takeaway"
        assert screen.query_one("#search-count").render_line(0).text.strip() == "1 match"
        (row,) = shown_rows(screen)
        assert row.startswith("takeaway") and "Daniel Weiss" in row and "today" in row
        assert "guild fellowships" in row

        await pilot.press("f6")  # back to the box, the old words selected: typing replaces them
        await pilot.press(*"APPRENTICESHIP")
        await wait_until(pilot, lambda: screen.shown_query == "APPRENTICESHIP", 3.0)
        assert [(found.kind, found.place) for found in screen.results] == [("note", third_question.id)]
        (row,) = shown_rows(screen)
        assert row.startswith("note") and "An apprenticeship at sixteen" in row

        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, InterviewView), 3.0)
        reader = app.screen
        view = reader.query_one("#interview-view", VerticalScroll)
        await wait_until(pilot, lambda: view.scroll_offset.y > 0, 3.0)
        heading = reader._text().plain.split("\n").index(third_question.text)
        # In view: at the top, or as near it as the end of the text lets it be.
        assert view.scroll_offset.y == min(heading, view.max_scroll_y)
        assert view.scroll_offset.y <= heading < view.scroll_offset.y + view.size.height

        await pilot.press("escape")  # back to the results, as they were
        await pilot.pause()
        assert app.screen is screen and len(screen.results) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_f6_works_in_a_text_field_and_a_contact_opens(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3", "slash")  # a text field has the focus
        await pilot.pause()
        assert isinstance(app.focused, Input)
        screen = await search_for(pilot, "carpenter")
        kinds = [(found.kind, found.person) for found in screen.results]
        assert ("contact", "Daniel Weiss") in kinds
        index = kinds.index(("contact", "Daniel Weiss"))
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactForm), 3.0)
        assert app.screen.original is not None and app.screen.original.name == "Daniel Weiss"


async def test_nothing_found_says_what_to_try_and_empty_box_teaches(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert "Type a word" in shown_message(app.screen)
        screen = await search_for(pilot, "")
        await pilot.press(*"daniel carpenter")  # name and role: two fields, no match
        await wait_until(pilot, lambda: screen.shown_query == "daniel carpenter", 3.0)
        assert not screen.results
        assert "Nothing matches daniel carpenter" in shown_message(screen)


async def test_network_slash_matches_words_within_one_field(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3", "slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NetworkScreen)
        listing = screen.query_one("#network-list")

        def names() -> list[str]:
            return [screen.contacts[contact_id].name for contact_id in listing.ids]

        # Letters spread over the name and the role found Daniel before; now nothing does.
        await pilot.press(*"dwrc")
        await pilot.pause()
        assert names() == []
        await pilot.press(*["backspace"] * 4, *"daniel carpenter")
        await pilot.pause()
        assert names() == []
        # Words of one field, in any order, any case or accent, still find him.
        await pilot.press(*["backspace"] * 16, *"WEISS dánIel")
        await pilot.pause()
        assert names() == ["Daniel Weiss"]


async def test_the_palette_opens_it_and_f6_works_from_a_notes_area(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Search everything")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen), 3.0)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen), 3.0)

        await start_with_daniel(pilot)  # the call's notes area has the focus
        assert isinstance(app.focused, TextArea)
        await pilot.press("f6")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen), 3.0)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), 3.0)
        assert isinstance(app.focused, TextArea) and app.focused.text == ""  # the F6 typed nothing there


async def test_f6_over_a_place_a_search_opened_goes_back_to_that_search(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_for(pilot, "budgets")
        assert [found.kind for found in screen.results][:1] == ["note"]
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, InterviewView), 3.0)
        await pilot.press("f6")  # from the reader: back to the results, not a second search on top
        await wait_until(pilot, lambda: app.screen is screen, 3.0)
        assert sum(isinstance(each, SearchScreen) for each in app.screen_stack) == 1
        await wait_until(pilot, lambda: app.focused is screen.query_one("#search-box"), 3.0)
        await pilot.press(*"carpenter")  # the old words were selected: typing replaced them
        await wait_until(pilot, lambda: screen.shown_query == "carpenter", 3.0)

        kinds = [(found.kind, found.person) for found in screen.results]
        for _ in range(kinds.index(("contact", "Daniel Weiss"))):
            await pilot.press("down")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactForm), 3.0)
        form = app.screen
        await pilot.press("f6")  # nothing typed in the form: back to the search too
        await wait_until(pilot, lambda: app.screen is screen, 3.0)

        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactForm) and app.screen is not form, 3.0)
        form = app.screen
        form.query_one(Input).focus()
        await pilot.press(*" Jr")
        await pilot.press("f6")  # typed and not saved: the form stays, a search opens over it
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen) and app.screen is not screen, 3.0)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is form, 3.0)
        assert form.query_one(Input).value.endswith(" Jr")


async def test_many_results_scroll_with_the_choice_and_long_ones_end_in_an_ellipsis(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_for(pilot, "e")
        listing = screen.query_one(SearchResults)
        assert len(screen.results) > listing.size.height  # more than fit: a scrollbar at the right
        bar = listing.styles.scrollbar_size_vertical
        rows = shown_rows(screen)
        # A long snippet is cut before the scrollbar, and says so; none runs under it.
        assert any(row[:-bar].rstrip().endswith("…") for row in rows)
        assert all(len(row) == listing.size.width for row in rows)
        for _ in range(listing.size.height + 2):
            await pilot.press("down")
        await pilot.pause()
        chosen = screen.results[listing.highlighted or 0]
        assert listing.highlighted == listing.size.height + 2
        assert any(chosen.person in row for row in shown_rows(screen)[-1:])  # the choice shows, at the bottom
        assert chosen.kind in str(screen.query_one("#search-preview").render_line(0).text)


async def test_words_typed_while_the_record_is_first_read_are_searched_once_it_is(
    repository: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_demo(repository, FIXED_NOW)
    read = threading.Event()

    def slow_build(repository: Repository) -> search_index.BuiltIndex:
        read.wait(5)  # a heavy file takes a while
        return search_index.build_index(repository)

    monkeypatch.setattr(search_screen, "build_index", slow_build)
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await wait_until(pilot, lambda: isinstance(app.focused, Input), 3.0)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"carpenter")  # the box takes the words at once
        await wait_until(pilot, lambda: "Reading the record" in shown_message(screen), 3.0)
        read.set()
        await wait_until(pilot, lambda: screen.shown_query == "carpenter", 3.0)
        assert ("contact", "Daniel Weiss") in [(found.kind, found.person) for found in screen.results]
