"""infoview's widgets carry their own look (in their DEFAULT_CSS, as Textual's Switch does), so a
widget placed on a new screen, or in an app without infoview's screens.tcss, still shows its rings,
highlight, late clock and date preview; screens.tcss only lays screens out."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.color import Color
from textual.widgets import Static

from infoview_tui.ui.widgets.bullseye import STAGE_GROUPS, Bullseye
from infoview_tui.ui.widgets.contact_list import ContactList
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
