"""Below 60x18 every screen and dialog says the terminal is too small (instead of coming
up blank), and growing the terminal back brings the screen back as it was, typed text
included. The lists below name every screen class in infoview_tui/ui (found with
`grep -rn "class .*Screen\\b\\|ModalScreen\\|Screen\\[" infoview_tui/ui`, plus ContactForm and
YourNamePrompt, which that grep misses); test_the_list_names_every_screen keeps them complete.
Bases never shown on their own are left out: InfoviewScreen, AsksBeforeDiscarding and
MessageDialog (shown as AskScreen and DraftScreen)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.command import CommandInput, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from infoview_tui.demo import build_demo
from infoview_tui.domain.drafting import templates_of
from infoview_tui.domain.model import Channel, Contact, InterviewStatus, MessageKind, Mode
from infoview_tui.domain.outreach import all_templates
from infoview_tui.domain.questions import default_question_set
from infoview_tui.domain.session import begin
from infoview_tui.store.merging import MergeReport
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.conflict import ConflictScreen
from infoview_tui.ui.screens.contact import ContactForm
from infoview_tui.ui.screens.curiosities import CuriositiesScreen, CuriosityPicker
from infoview_tui.ui.screens.dialogs import ConfirmScreen, TextPrompt
from infoview_tui.ui.screens.drafts import DraftScreen, YourNamePrompt
from infoview_tui.ui.screens.help import HelpScreen
from infoview_tui.ui.screens.importing import ImportScreen
from infoview_tui.ui.screens.insights import ComparisonScreen, InsightsScreen
from infoview_tui.ui.screens.interviews import InterviewsScreen, InterviewView, Row
from infoview_tui.ui.screens.log_conversation import LogConversationScreen
from infoview_tui.ui.screens.merge_report import MergeReportScreen
from infoview_tui.ui.screens.network import NetworkScreen
from infoview_tui.ui.screens.outreach import AskScreen, ScheduleScreen
from infoview_tui.ui.screens.question_sets import QuestionSetsScreen
from infoview_tui.ui.screens.reflection import ReflectionScreen
from infoview_tui.ui.screens.search import SearchScreen
from infoview_tui.ui.screens.session import SessionScreen
from infoview_tui.ui.screens.session_dialogs import ReferralScreen, StartSessionScreen
from infoview_tui.ui.screens.stage import StageScreen
from infoview_tui.ui.screens.templates import TemplatesScreen
from infoview_tui.ui.screens.today import TodayScreen
from infoview_tui.ui.screens.values import ValuesScreen
from infoview_tui.ui.widgets.too_small import TerminalTooSmall
from tests.conftest import FIXED_NOW, make_app

TYPED = "kept words"
Build = Callable[[Repository], Screen[object]]


def a_contact(repository: Repository) -> Contact:
    return repository.contacts()[0]


def a_done_interview_row(repository: Repository) -> Row:
    done = repository.interviews_where(InterviewStatus.DONE)[0]
    return Row(done, repository.contact(done.contact_id), ())


def a_running_call(repository: Repository) -> SessionScreen:
    contact = a_contact(repository)
    question_set = default_question_set(repository.settings())
    interview = repository.interviews_with(contact.id)[0]
    begun = begin(interview, question_set, FIXED_NOW, planned_minutes=30, mode=Mode.VIDEO, hope_before=None)
    return SessionScreen(repository.save_interview(begun), contact)


# Each screen built from the data its caller gives it (the app's own flows pass the same).
BUILT: dict[str, Build] = {
    "ConfirmScreen": lambda _: ConfirmScreen("Delete this?"),
    "ConflictScreen": lambda r: ConflictScreen(r.path, r.path.with_name("infoview.conflict-20261125-193000.json")),
    "ContactForm": lambda r: ContactForm(a_contact(r)),
    "ContactForm (new)": lambda _: ContactForm(None),
    "CuriosityPicker": lambda _: CuriosityPicker(None),
    "CuriositiesScreen": lambda _: CuriositiesScreen(),
    "TextPrompt": lambda _: TextPrompt("Name of the new set?"),
    "YourNamePrompt": lambda _: YourNamePrompt(),
    "DraftScreen": lambda r: DraftScreen(
        MessageKind.FOLLOW_UP,
        title=a_contact(r).name,  # type: ignore[arg-type]  # a str is a fine title to draw
        templates=templates_of(r.settings(), MessageKind.FOLLOW_UP),
        values={},
        channel=Channel.EMAIL,
        now=lambda: FIXED_NOW,
    ),
    "ImportScreen": lambda _: ImportScreen(str(Path(__file__))),
    "ComparisonScreen": lambda _: ComparisonScreen(),
    "InterviewView": lambda r: InterviewView(a_done_interview_row(r), {}, FIXED_NOW),
    "LogConversationScreen": lambda r: LogConversationScreen(a_contact(r)),
    "MergeReportScreen": lambda _: MergeReportScreen(MergeReport(came_in=["new: contact Eve Park"])),
    "AskScreen": lambda r: AskScreen(
        a_contact(r),
        templates=all_templates(r.settings()),
        curiosities=r.curiosities(),
        referrer=None,
        your_name="Sam",
        now=lambda: FIXED_NOW,
    ),
    "ScheduleScreen": lambda r: ScheduleScreen(
        a_contact(r), planned=None, others=[], names={}, default_minutes=30, now=lambda: FIXED_NOW
    ),
    "QuestionSetsScreen": lambda _: QuestionSetsScreen(),
    "ReflectionScreen": lambda r: ReflectionScreen(a_done_interview_row(r).interview, "Ana", FIXED_NOW),
    "SessionScreen": a_running_call,
    "StartSessionScreen": lambda r: StartSessionScreen(
        a_contact(r), [default_question_set(r.settings())], default_question_set(r.settings()).id, 30, Mode.VIDEO
    ),
    "ReferralScreen": lambda r: ReferralScreen(a_contact(r), 0),
    "StageScreen": lambda r: StageScreen(a_contact(r), FIXED_NOW),
    "TemplatesScreen": lambda _: TemplatesScreen(),
    "ValuesScreen": lambda _: ValuesScreen(),
    "HelpScreen": lambda r: HelpScreen(TodayScreen()),
}

# The main screens and the ones a key opens, opened as a user does.
BY_KEY: dict[str, tuple[str, type[Screen[object]]]] = {
    "TodayScreen": ("f2", TodayScreen),
    "NetworkScreen": ("f3", NetworkScreen),
    "InterviewsScreen": ("f4", InterviewsScreen),
    "InsightsScreen": ("f5", InsightsScreen),
    "SearchScreen": ("f6", SearchScreen),
    "HelpScreen (F1)": ("f1", HelpScreen),
}


BASES = {"InfoviewScreen", "AsksBeforeDiscarding", "MessageDialog"}


def test_the_list_names_every_screen() -> None:
    import infoview_tui.ui.screens as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    found: set[str] = set()
    kinds: list[type] = [Screen]
    while kinds:
        kind = kinds.pop()
        kinds.extend(kind.__subclasses__())
        if kind.__module__.startswith("infoview_tui.ui"):
            found.add(kind.__name__)
    listed = {name.split(" ")[0] for name in [*BUILT, *BY_KEY]}
    assert found - BASES == listed


async def open_screen(pilot: Pilot[None], name: str) -> Screen[object]:
    app = pilot.app
    if name in BY_KEY:
        key, kind = BY_KEY[name]
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, kind)
    else:
        app.push_screen(BUILT[name](app.repository))  # type: ignore[attr-defined]  # InfoviewApp's store
        await pilot.pause()
    await pilot.pause()
    return app.screen


def too_small_message(screen: Screen[object]) -> str:
    """The message as it is on screen ('' when it is hidden)."""
    shown = [w for w in screen.query_children(TerminalTooSmall) if w.display and w.region.area]
    return "\n".join(str(w.render()) for w in shown)


def visible_content(screen: Screen[object]) -> list[str]:
    """The screen's own children that can be seen: laid out and not covered by the message."""
    return [
        str(w)
        for w in screen.children
        if not isinstance(w, TerminalTooSmall)
        and w.region.area
        and not isinstance(screen.get_widget_at(*w.region.offset)[0], TerminalTooSmall)
    ]


@pytest.mark.parametrize("name", [*BUILT, *BY_KEY])
async def test_every_screen_says_when_the_terminal_is_too_small(repository: Repository, name: str) -> None:
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, name)  # (below 60x18 no key but ctrl+q acts)
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert "Terminal too small: 50x15" in too_small_message(screen)
        assert not visible_content(screen)

        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen is screen
        assert not too_small_message(screen)
        assert visible_content(screen)

        fields = [*screen.query(Input), *screen.query(TextArea)]  # a one-line field first
        fields = [w for w in fields if w.focusable and not (isinstance(w, TextArea) and w.read_only)]
        if fields:  # what was typed survives a shrink and a grow
            fields[0].focus()
            await pilot.pause()
            await pilot.press(*TYPED)
            await pilot.resize_terminal(50, 15)
            await pilot.pause()
            assert "Terminal too small: 50x15" in too_small_message(screen)
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            assert visible_content(screen)
            typed = fields[0]
            assert TYPED in (
                typed.value if isinstance(typed, Input) else typed.text if isinstance(typed, TextArea) else ""
            )


async def test_a_screen_that_rebuilds_itself_keeps_the_message(repository: Repository) -> None:
    """The reflection rebuilds its layout (recompose) when the values come back from ctrl+o;
    the too-small message is put back with it."""
    build_demo(repository, FIXED_NOW)
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        reflection = await open_screen(pilot, "ReflectionScreen")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ValuesScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is reflection and visible_content(reflection)
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert "Terminal too small: 50x15" in too_small_message(reflection)
        assert not visible_content(reflection)


async def test_the_command_palette_says_so_too(repository: Repository) -> None:
    """Textual's own palette (ctrl+p) is a screen like the others: it gets the message too."""
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"val")  # (below 60x18 no key but ctrl+q acts)
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        # The palette's own container is drawn invisible (Textual's style); its search field shows.
        search_field = app.screen.query_one(CommandInput)
        assert not too_small_message(app.screen) and search_field.region.area
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert "Terminal too small: 50x15" in too_small_message(app.screen) and not search_field.region.area
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not too_small_message(app.screen)
        assert search_field.region.area and search_field.value == "val"


async def test_keys_behind_the_message_do_nothing_but_ctrl_q(repository: Repository) -> None:
    """Behind "Terminal too small" nothing shows: x set a follow-up aside and letters went
    into the brainstorm, unseen. Now only ctrl+q is taken."""
    build_demo(repository, FIXED_NOW)
    done_before = {c.id: c.follow_ups_done for c in repository.contacts()}
    brainstorm_before = repository.settings().brainstorm
    app = make_app(repository)
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause()
        await pilot.press("x", "x", "enter", "b", *"pottery", "f3")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)  # F3 did not switch either
        assert app.screen.query_one("#brainstorm", TextArea).text == brainstorm_before
        assert {c.id: c.follow_ups_done for c in repository.contacts()} == done_before
        assert repository.settings().brainstorm == brainstorm_before
        await pilot.resize_terminal(50, 15)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
