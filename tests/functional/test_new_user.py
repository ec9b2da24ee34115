"""Issue 13, "what a new user ran into": each surprise a first session met, as a test."""

from __future__ import annotations

import pytest
import textual.constants
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea

from infoview_tui.demo import build_demo
from infoview_tui.domain.model import Contact, Interview, InterviewStatus, Mode
from infoview_tui.domain.questions import default_question_set
from infoview_tui.domain.session import begin
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.contact import ContactForm
from infoview_tui.ui.screens.curiosities import CuriositiesScreen
from infoview_tui.ui.screens.dialogs import ConfirmScreen, TextPrompt
from infoview_tui.ui.screens.insights import InsightsScreen
from infoview_tui.ui.screens.network import NetworkScreen
from infoview_tui.ui.screens.session import SessionScreen
from infoview_tui.ui.screens.today import TodayScreen
from infoview_tui.ui.widgets.bullseye import Bullseye
from infoview_tui.ui.widgets.question_list import QuestionList
from infoview_tui.ui.widgets.slider import Slider
from tests.conftest import FIXED_NOW, make_app
from tests.functional.test_app import wait_until


def demo(repository: Repository) -> Repository:
    build_demo(repository, FIXED_NOW)
    return repository


async def test_enter_takes_the_suggestion_shown_when_recording_an_ask(repository: Repository) -> None:
    app = make_app(demo(repository))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3", "c")
        await pilot.pause()
        assert isinstance(app.screen, CuriositiesScreen)
        chosen = app.screen._selected()
        assert chosen is not None
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Kwa")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "Kwa"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CuriositiesScreen)
        stored = next(c for c in repository.curiosities() if c.id == chosen.id)
        asked = [repository.contact(r.contact_id) for r in stored.intro_requests]
        assert "Kwame Mensah" in [person.name for person in asked if person is not None]


async def test_f3_from_curiosities_shows_the_network(repository: Repository) -> None:
    app = make_app(demo(repository))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3", "c")
        await pilot.pause()
        assert isinstance(app.screen, CuriositiesScreen)
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, NetworkScreen)


def a_call_under_way(repository: Repository) -> Contact:
    ana = repository.save_contact(Contact(name="Ana Lima", tier=1))
    question_set = default_question_set(repository.settings())
    interview = begin(
        Interview(contact_id=ana.id), question_set, FIXED_NOW, planned_minutes=30, mode=Mode.IN_PERSON, hope_before=None
    )
    repository.save_interview(interview)
    return ana


async def test_f2_to_f5_show_their_screen_and_the_call_stays_one_key_away(repository: Repository) -> None:
    a_call_under_way(repository)
    app = make_app(repository)
    told: list[str] = []
    notify = app.notify
    app.notify = lambda message, **more: (told.append(message), notify(message, **more))[1]  # type: ignore[method-assign]  # listening in
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), 3.0)  # reopened at start
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)
        assert any("F8" in message for message in told)  # says which key brings the call back
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.interview.contact_name or app.screen.contact is not None


async def test_today_hint_follows_the_focus_and_coming_back_starts_at_the_agenda(repository: Repository) -> None:
    app = make_app(demo(repository))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        hint = screen.query_one("#today-agenda-hint", Static)
        assert str(hint.render()).startswith("enter: ")
        await pilot.press("b")  # into the brainstorm, where enter types a new line
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        assert "enter starts a new line" in str(hint.render())
        assert "enter: start" not in str(hint.render())
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert app.focused is screen.query_one("#today-agenda", OptionList)
        assert str(hint.render()).startswith("enter: ")


async def test_opening_a_contact_puts_the_cursor_after_the_name(repository: Repository) -> None:
    app = make_app(demo(repository))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        name = app.screen.query_one("#field-name", Input)
        before = name.value
        assert before and app.focused is name
        await pilot.press("x")
        assert name.value == before + "x"  # the first key typed no longer replaces the name


async def try_to_add(pilot: Pilot[None], name: str, email: str = "") -> None:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ContactForm)
    pilot.app.screen.query_one("#field-name", Input).value = name
    pilot.app.screen.query_one("#field-emails", Input).value = email
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_adding_someone_already_there_warns_and_offers_to_open_them(repository: Repository) -> None:
    repository.save_contact(Contact(name="Ana Lima", tier=2, company="Acme", emails=["ana@acme.example"]))
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3")
        await try_to_add(pilot, "ana lima")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Ana Lima is already in your network" in str(app.screen.query_one("#confirm-question", Static).render())
        await pilot.press("y")  # open theirs
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert app.screen.original is not None and app.screen.original.name == "Ana Lima"
        await pilot.press("escape")
        await pilot.pause()
        assert [c.name for c in repository.contacts()] == ["Ana Lima"]

        # The same email under another name: warned too; n goes back to the form, ctrl+s again saves.
        await try_to_add(pilot, "A. Lima", "ANA@acme.example")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert sorted(c.name for c in repository.contacts()) == ["A. Lima", "Ana Lima"]


def ring_boundaries_shown_as_text(bullseye: Bullseye) -> list[bool]:
    """Along the middle row and the middle column: at each step from one ring to the next,
    is there a character (not only a change of colour) that tells them apart?"""
    layout = bullseye._current_layout()
    assert layout is not None
    text = ["".join(segment.text for segment in bullseye.render_line(y)) for y in range(layout.height)]
    middle_y, middle_x = layout.height // 2, layout.width // 2
    shown = []
    for x in range(layout.width - 1):  # along the middle row
        inner, outer = layout.ring_of_cell[middle_y][x], layout.ring_of_cell[middle_y][x + 1]
        if inner and outer and inner != outer:
            shown.append(text[middle_y][x] != " " or text[middle_y][x + 1] != " ")
    for y in range(layout.height - 1):  # along the middle column
        inner, outer = layout.ring_of_cell[y][middle_x], layout.ring_of_cell[y + 1][middle_x]
        if inner and outer and inner != outer:
            shown.append(text[y][middle_x] != " " or text[y + 1][middle_x] != " ")
    return shown


@pytest.mark.parametrize("colours", ["NO_COLOR", "256", "16"])
async def test_every_ring_is_told_apart_without_colour(
    repository: Repository, monkeypatch: pytest.MonkeyPatch, colours: str
) -> None:
    # Issue 13: tiers 3 and 4 had the same colour on a 256-colour terminal; with NO_COLOR all four do.
    if colours == "NO_COLOR":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", "256" if colours == "256" else "standard")
    repository.save_contact(Contact(name="Ana Lima", tier=1))  # the rest stay empty: nothing hides an edge
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        bullseye = app.screen.query_one(Bullseye)
        shown = ring_boundaries_shown_as_text(bullseye)
        assert len(shown) == 12  # three boundaries on each side of the centre, on both axes
        assert all(shown)


def bar_cells(slider: Slider) -> int:
    return sum(str(slider.render()).count(cell) for cell in "█░")


async def test_resonance_and_dissonance_bars_are_the_same_length(repository: Repository) -> None:
    a_call_under_way(repository)
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), 3.0)
        await pilot.pause()
        resonance, dissonance = (app.screen.query_one(f"#{name}", Slider) for name in ("resonance", "dissonance"))
        assert resonance.size.width == dissonance.size.width
        assert bar_cells(resonance) == bar_cells(dissonance)


async def test_hope_and_values_bars_are_the_same_length(repository: Repository) -> None:
    demo(repository)
    held = next(i for i in repository.interviews_where(InterviewStatus.DONE))
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.reflect(held.id)
        await pilot.pause()
        sliders = list(app.screen.query(Slider))
        assert len(sliders) >= 2  # the values' and hope's
        assert len({bar_cells(slider) for slider in sliders}) == 1


@pytest.mark.parametrize("width", [70, 80])
async def test_the_session_at_narrow_widths_keeps_finish_and_shows_whole_questions(
    repository: Repository, width: int
) -> None:
    a_call_under_way(repository)
    app = make_app(repository)
    async with app.run_test(size=(width, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), 3.0)
        await pilot.pause()
        screen = app.screen
        shown = {key.key: key for key in screen.query("FooterKey") if key.region.right <= width and key.region.width}
        assert {"ctrl+g", "ctrl+n"} <= set(shown), sorted(shown)
        # Every question in full: none is cut with an ellipsis.
        questions = screen.query_one(QuestionList)
        lines = [questions.render_line(y).text for y in range(questions.size.height)]
        assert not any("…" in line for line in lines)
        first = " ".join(" ".join(lines).split())
        assert "What do you most enjoy" in first


async def test_deleting_someone_with_one_interview_reads_right(repository: Repository) -> None:
    ana = repository.save_contact(Contact(name="Ana Lima", tier=1))
    repository.save_interview(Interview(contact_id=ana.id, status=InterviewStatus.DONE))
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        await pilot.press("ctrl+d")
        await pilot.pause()
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert "Their 1 interview stays readable under their name." in question


async def test_help_lists_only_infoview_keys_and_the_palette_offers_nothing_idle(repository: Repository) -> None:
    from infoview_tui.ui.screens.help import HelpScreen

    app = make_app(demo(repository))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")  # a text area focused: its editing keys are Textual's, not infoview's
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = app.screen.rows()
        described = [description for _where, _key, description, _id in rows]
        assert "Today" in described and "Help" in described
        for internal in ("Cursor up", "Scroll Left", "Page Left", "Focus Next", "Select all"):
            assert internal not in described
        assert not any(where in ("TextArea", "VerticalScroll") for where, *_ in rows)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Keys" not in titles and "Maximize" not in titles and "Minimize" not in titles
        assert "Go to Today" in titles and "Theme" in titles


@pytest.mark.parametrize("theme", ["textual-dark", "nord", "textual-light"])
async def test_unticked_starting_points_are_visible(repository: Repository, theme: str) -> None:
    from textual.color import Color
    from textual.widgets import SelectionList

    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await pilot.pause()
        app.action_values()
        await pilot.pause()
        picker = app.screen.query_one(SelectionList)
        box = picker.get_component_rich_style("selection-list--button")
        assert box.bgcolor is not None
        around = picker.background_colors[1]
        # The unticked box stands out from the list around it (it was 0.02 apart on textual-dark).
        assert abs(Color.from_rich_color(box.bgcolor).brightness - around.brightness) >= 0.15


async def test_interviews_and_insights_show_curiosity_names_whole_at_80_columns(repository: Repository) -> None:
    from textual.widgets import DataTable

    app = make_app(demo(repository))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        width = table.columns["curiosity"].width  # type: ignore[index]  # keyed by the column's key
        cells = [str(table.get_cell(row_key, "curiosity")) for row_key in table.rows]
        assert "Hospital administration" in [" ".join(cell.split()) for cell in cells]
        assert all(len(line) <= width for cell in cells for line in cell.splitlines())
        await pilot.press("f5")
        await pilot.pause()
        section = app.screen.query_one("#insights-curiosities", Static)
        text = "\n".join(section.render_line(y).text for y in range(section.size.height))
        assert "…" not in text
        assert "Hospital" in text and "administration" in text


async def test_the_comparison_wraps_takeaways_and_keeps_its_row_labels_below_160_columns(
    repository: Repository,
) -> None:
    from textual.widgets import DataTable, SelectionList

    demo(repository)
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5", "c")
        await pilot.pause()
        picker = app.screen.query_one("#compare-pick", SelectionList)
        # Two interviews: the last options are the conversations held.
        for index in (picker.option_count - 1, picker.option_count - 2):
            picker.select(picker.get_option_at_index(index))
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one("#compare-table", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width  # nothing pushed off screen
        takeaways_row = next(key for key in table.rows if str(table.get_row(key)[0]) == "Takeaways")
        cells = table.get_row(takeaways_row)[1:]
        written = {" ".join(i.reflection.takeaways.split()) for i in repository.interviews() if i.reflection.takeaways}
        assert any(" ".join(str(cell).split()) in written for cell in cells)  # a takeaway whole, wrapped


async def test_template_names_are_not_cut_at_80_columns(repository: Repository) -> None:
    from textual.widgets import OptionList

    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_message_templates()
        await pilot.pause()
        names = app.screen.query_one("#templates-list", OptionList)
        shown = " ".join(" ".join(names.render_line(y).text for y in range(names.size.height)).split())
        assert "…" not in shown
        assert "Acquaintance or referral (tiers 3-4)" in shown


async def test_today_hint_for_a_call_under_way_says_enter_goes_back(repository: Repository) -> None:
    a_call_under_way(repository)
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), 3.0)
        await pilot.press("f2")
        await pilot.pause()
        hint = str(app.screen.query_one("#today-agenda-hint", Static).render())
        assert hint == "enter: back to the conversation with Ana (or F8)"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


async def test_a_call_left_for_another_screen_still_takes_in_merged_notes(repository: Repository) -> None:
    # The call has its own mode now: a merge (another machine's save) must reach it there too,
    # or its next save would write the older notes back.
    a_call_under_way(repository)
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), 3.0)
        session = app.screen
        refreshed: list[bool] = []
        session.refresh_from_store = lambda: refreshed.append(True)  # type: ignore[method-assign]  # listening in
        await pilot.press("f2")
        await pilot.pause()
        refreshed.clear()
        app.refresh_screens()  # what a merge from disk calls
        assert refreshed
