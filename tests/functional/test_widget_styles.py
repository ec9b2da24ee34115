"""infoview's widgets carry their own look (in their DEFAULT_CSS, as Textual's Switch does), so a
widget placed on a new screen, or in an app without infoview's screens.tcss, still shows its rings,
highlight, late clock and date preview; screens.tcss only lays screens out."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.app import App, ComposeResult
from textual.color import Color
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Static

from infoview_tui.ui.widgets.bullseye import STAGE_GROUPS, Bullseye
from infoview_tui.ui.widgets.contact_list import ContactList
from infoview_tui.ui.widgets.result_list import ResultList
from infoview_tui.ui.widgets.slider import Slider
from infoview_tui.ui.widgets.timer import SessionClock
from infoview_tui.ui.widgets.too_small import TerminalTooSmall
from infoview_tui.ui.widgets.when_input import WhenInput
from tests.conftest import FIXED_NOW


class BareApp(App[None]):
    """No CSS_PATH: only what the widgets bring themselves."""

    def compose(self) -> ComposeResult:
        yield Bullseye()
        yield ContactList()
        yield Slider("Resonance")
        yield SessionClock()
        yield WhenInput("tomorrow 3pm", lambda: FIXED_NOW, id="understood")
        yield WhenInput("the day after never", lambda: FIXED_NOW, id="not-understood")
        yield TerminalTooSmall()


async def test_the_bullseye_shows_its_rings_and_stages_without_the_apps_stylesheet() -> None:
    async with BareApp().run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bullseye = pilot.app.query_one(Bullseye)
        for ring in range(1, 5):
            assert bullseye.get_component_rich_style(f"bullseye--ring-{ring}").bgcolor is not None
        assert bullseye.get_component_rich_style("bullseye--selected", partial=True).reverse
        assert bullseye.get_component_rich_style("bullseye--stage-declined", partial=True).strike
        stage_colours = {
            bullseye.get_component_rich_style(f"bullseye--stage-{group}", partial=True).color for group in STAGE_GROUPS
        }
        assert len(stage_colours) == len(STAGE_GROUPS), "each stage has a colour of its own"


async def test_lists_sliders_and_the_clock_keep_their_look_without_the_apps_stylesheet() -> None:
    async with BareApp().run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app = pilot.app
        assert app.query_one(ContactList).get_component_rich_style("contact-list--highlighted").bgcolor is not None
        slider = app.query_one(Slider)
        assert slider.get_component_rich_style("slider--empty", partial=True).color is not None
        assert slider.get_component_rich_style("slider--value", partial=True).bold
        clock = app.query_one(SessionClock)
        late = clock.get_component_rich_style("session-clock--late", partial=True)
        assert late.bold and late.color is not None
        assert clock.get_component_rich_style("session-clock--elapsed", partial=True).bold


async def test_a_date_preview_is_coloured_by_whether_it_was_understood_without_the_apps_stylesheet() -> None:
    async with BareApp().run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        understood = pilot.app.query_one("#understood > .when-preview", Static)
        not_understood = pilot.app.query_one("#not-understood > .when-preview", Static)
        assert not_understood.has_class("-error") and not understood.has_class("-error")
        plain_text_colour = pilot.app.query_one(WhenInput).styles.color
        assert understood.styles.color != plain_text_colour
        assert not_understood.styles.color not in (plain_text_colour, understood.styles.color)


async def test_the_too_small_view_stays_hidden_until_a_screen_is_too_small() -> None:
    async with BareApp().run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        too_small = pilot.app.query_one(TerminalTooSmall)
        assert not too_small.display
        assert too_small.styles.background != Color(0, 0, 0, 0), "it covers the screen when shown"


class ListsApp(App[None]):
    """Two result lists: one plain (drawn straight from its rows), one that CSS gives a border
    and padding (drawn by Textual's own path, which draws those)."""

    CSS = "#framed { border: round $primary; padding: 0 1; height: 6; } #plain { height: 4; }"

    def compose(self) -> ComposeResult:
        yield ResultList(id="plain")
        yield ResultList(id="framed")

    def on_mount(self) -> None:
        def row(number: int, width: int, style: Style) -> tuple[list[Segment], int]:
            text = f"row {number}".ljust(width)
            return [Segment(text, style)], width

        for listing in self.query(ResultList):
            listing.show_rows(10, row)


async def test_a_result_list_draws_its_rows_and_any_border_css_gives_it() -> None:
    async with ListsApp().run_test(size=(30, 12)) as pilot:
        await pilot.pause()
        plain, framed = pilot.app.query_one("#plain", ResultList), pilot.app.query_one("#framed", ResultList)

        def drawn(listing: ResultList) -> list[Strip]:
            return listing.render_lines(Region(0, 0, *listing.region.size))

        # Each row, then the scrollbar in the last two columns (ten rows, four shown).
        assert [strip.text[:-2].rstrip() for strip in drawn(plain)] == [f"row {n}" for n in range(4)]
        assert drawn(plain)[0].cell_length == 30
        framed_lines = [strip.text for strip in drawn(framed)]
        assert framed_lines[0].startswith("╭") and framed_lines[-1].startswith("╰")
        assert framed_lines[1].startswith("│ row 0") and framed_lines[1].endswith("│")
        plain.focus()
        await pilot.press("down")
        assert plain.highlighted == 1
        lit = drawn(plain)[1]
        assert any(segment.style and segment.style.bold for segment in lit if segment.text.strip())
        assert not any(segment.style and segment.style.bold for segment in drawn(plain)[0] if segment.text.strip())
