"""InfoviewApp: the screens, the keys that work everywhere, the palette, and the wiring
between them; saving lives in ui/saving.py."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen

from .domain.dates import local_zone
from .domain.model import Interview, InterviewStatus, Mode
from .paths import later_stylesheet_path, stylesheet_path
from .store.repository import Repository
from .ui import flows
from .ui.idle_collection import IdleCollector
from .ui.key_order import KeyOrder
from .ui.saving import BackgroundSaving
from .ui.screens.base import show_too_small_on_every_screen
from .ui.screens.today import TodayScreen
from .ui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH

if TYPE_CHECKING:
    from .formats.importing import ImportResult
    from .store.errors import StoreError

# name -> (title, what it is for); each becomes a mode with its own screen stack.
MAIN_SCREENS = {
    "today": ("Today", "What to do today, and where you stand."),
    "network": ("Network", "Your network as a bullseye of four tiers, inner tiers first."),
    "interviews": ("Interviews", "Every conversation, past and upcoming, with its notes."),
    "insights": ("Insights", "What resonates with you across all your interviews."),
}
EXPORTS = {
    "markdown": "A folder: one readable file per interview, and an index",
    "csv": "A folder: contacts.csv and interviews.csv, safe in a spreadsheet",
    "ics": "Scheduled interviews and follow-ups, for your calendar",
    "json": "A full backup that 'infoview import' restores",
}
TEXTUAL_COMMANDS_LEFT_OUT = frozenset({"Keys", "Maximize", "Minimize"})
CALL_MODE = "call"  # the conversation under way, beside the four main screens
IDLE_CHECK_SECONDS = 0.25
# The first screen's body is built once the first frame is out, and keys typed meanwhile wait
# for it (ui/key_order.py); should that frame never be reported, both happen after this long:
# keys must never stick.
FIRST_SCREEN_AT_MOST_SECONDS = 2.0
# Worker threads (a save's disk work, reading an import file) hold the GIL between
# system calls; Python lets the event loop ask for it back only after the switch
# interval (5 ms by default); 1 ms keeps typing smooth meanwhile.
SWITCH_INTERVAL_SECONDS = 0.001


def _main_screen(name: str) -> Screen[None]:
    if name == "today":
        return TodayScreen()
    if name == "network":
        from .ui.screens.network import NetworkScreen  # off the first paint: the bullseye, forms, outreach

        return NetworkScreen()
    if name == "interviews":
        from .ui.screens.interviews import InterviewsScreen

        return InterviewsScreen()
    from .ui.screens.insights import InsightsScreen

    return InsightsScreen()


class InfoviewApp(App[None]):
    TITLE = "infoview"
    MODES = {name: partial(_main_screen, name) for name in MAIN_SCREENS}
    DEFAULT_MODE = "today"
    # Below 60x18 every screen swaps its layout for a plain "too small" message.
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-wide-enough")]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-tall-enough")]

    # priority: these work from every screen, text fields included.
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help", priority=True),
        Binding("f2", "go('today')", "Today", id="app.today", priority=True),
        Binding("f3", "go('network')", "Network", id="app.network", priority=True),
        Binding("f4", "go('interviews')", "Interviews", id="app.interviews", priority=True),
        Binding("f5", "go('insights')", "Insights", id="app.insights", priority=True),
        Binding("f6", "search", "Search", id="app.search", priority=True),
        # A call under way has its own mode: F2-F5 always show their screen, and this brings the call back.
        # (Not F6 or F7: a text area binds those, and a footer then lists them before the screen's own keys.)
        Binding("f8", "back_to_call", "The call", id="app.call", priority=True),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    save_status: var[str] = var("all saved")
    """How saving goes, in words ("saving…", "saved 14:02"): set by `saving`, shown by every AppHeader."""

    def __init__(
        self,
        repository: Repository,
        *,
        clock: Callable[[], datetime] | None = None,
        install_signal_handlers: bool = True,
    ) -> None:
        super().__init__(css_path=stylesheet_path())
        self.repository = repository
        self._clock = clock or (lambda: datetime.now(local_zone()))
        self._call_open = False
        self.collector = IdleCollector()
        self.saving = BackgroundSaving(self, install_signal_handlers=install_signal_handlers)
        # The first frame is written and the first screen built on it (_show_first_screen, at once).
        self.first_frame_out = False
        self.refused: StoreError | None = None  # the database, read after the first frame, could not be used
        self.key_order = KeyOrder(self, partial(App.on_event, self))  # keys typed ahead land where meant

    def now(self) -> datetime:
        """The current moment, aware; injectable so tests never sleep."""
        return self._clock()

    # --- start and stop ---------------------------------------------------------------

    def on_mount(self) -> None:
        self._previous_switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
        # Full garbage collections wait for a pause in typing (see IdleCollector).
        self.collector.start()
        self.set_interval(IDLE_CHECK_SECONDS, self.collector.tick)
        if self.repository.loaded:
            self._apply_settings()
            self.call_after_refresh(self._resume_interrupted_session)
        else:  # read after the first frame (_read_the_file), which is drawn in the user's theme
            theme = self.repository.theme_before_reading()
            if theme in self.available_themes:
                self.theme = theme
        show_too_small_on_every_screen(self)  # below 60x18, on every screen and dialog
        self.set_timer(FIRST_SCREEN_AT_MOST_SECONDS, self._show_first_screen)
        self.saving.start()

    def _apply_settings(self) -> None:
        settings = self.repository.settings()
        if settings.keymap:
            self.set_keymap(settings.keymap)
        if settings.theme and settings.theme in self.available_themes:
            self.theme = settings.theme

    def on_ready(self) -> None:
        """The first layout is done (Textual's Ready, before that frame is written): once the
        frame is out (after the refresh), the screen shown at start builds its body
        (InfoviewScreen.build_after_first_paint), so a big network never holds it back. Built
        right here, the body went out in that same first frame, ~40 ms later. Headless (a
        pilot, the tests), nothing is drawn: no frame to wait for."""
        if self.is_headless:
            self._show_first_screen()
        else:
            self.call_after_refresh(self._show_first_screen)

    def _show_first_screen(self) -> None:
        """After the first frame (or FIRST_SCREEN_AT_MOST_SECONDS after mount, should that
        frame never be reported): build the first screen's body, hand over the keys typed
        meanwhile, tell what opening the file found. Once."""
        from .ui.screens.base import InfoviewScreen

        if self.first_frame_out:
            return
        self.first_frame_out = True
        # Forms and dialogs: no first frame shows one. Added now, parsed when the next widget
        # is styled (add_source, not read: read leaves the rules map of before in use), and
        # kept on a later reparse (a theme change) like screens.tcss.
        later = later_stylesheet_path()
        self.stylesheet.add_source(later.read_text(encoding="utf-8"), read_from=(str(later), ""))
        for opened_already in self.screen_stack[1:]:  # opened by a program before this frame, not by a person
            self.stylesheet.update(opened_already)
        if not self.repository.loaded and not self._read_the_file():
            return
        for screen in self.screen_stack:
            if isinstance(screen, InfoviewScreen):
                screen.build_now()  # mounted and filled at once; its focus is queued ahead of the keys
        self.key_order.first_screen_shown()  # the keys typed meanwhile, handed over in order
        self.saving.first_screen_shown()  # the records are listed: what was skipped is known
        self.run_worker(self._build_ahead(), name="build ahead", group="build ahead", exit_on_error=False)

    def _read_the_file(self) -> bool:
        """A big database is read here, once the first frame ("Opening ...") is out: its
        parse alone (~0.3 s for 100 MB) would otherwise hold back that frame (`__main__`
        decides, by size). A file that cannot be used ends the app: `refused` holds why,
        and the command prints it and exits as it does for a file refused before start.
        False then."""
        import gc

        from .store.errors import StoreError

        collecting = gc.isenabled()
        gc.disable()  # as for a file read before start (__main__._start_app): no collection walks it half read
        try:
            self.repository.load()
        except StoreError as error:
            self.refused = error
            self.exit(return_code=error.exit_code)
            return False
        finally:
            if collecting:
                gc.enable()
        gc.freeze()  # it lives as long as the app: no collection walks it (ui/idle_collection.py)
        self._apply_settings()
        self._resume_interrupted_session()
        return True

    async def _build_ahead(self) -> None:
        """While the user reads the first screen, build what the others will read (ui/warm_up.py):
        the records, in the user's pauses; what Insights works out per interview; then the
        search index, in a thread as the search screen builds it."""
        from .domain import insights
        from .ui.search_index import build_index, current_index, keep
        from .ui.warm_up import build_while_idle, in_background_thread

        def steps() -> Iterator[None]:
            yield from self.repository.warm_up()
            yield from insights.work_out_ahead(self.repository.interviews())

        self.collector.held = True
        try:
            await build_while_idle(steps(), self.collector.seconds_since_input)
            if current_index(self.repository) is None:
                keep(self.repository, await in_background_thread(partial(build_index, self.repository)))
            self.collector.freeze_what_was_built()
        finally:
            self.collector.held = False

    def on_unmount(self) -> None:
        sys.setswitchinterval(self._previous_switch_interval)
        self.collector.stop()
        self.saving.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.collector.input_seen()
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if self._hidden_by_too_small(event):
                self.bell()
                return
            await self.key_order.arrived(event)  # in order, after what the key before set in motion
            return
        await super().on_event(event)

    def _hidden_by_too_small(self, typed: events.Key | events.Paste) -> bool:
        """Below 60x18 every screen shows only "Terminal too small ... ctrl+q quits": a key
        would act unseen (x set a follow-up aside, letters went into the brainstorm), so only
        ctrl+q is taken."""
        too_small = self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT
        return too_small and not (isinstance(typed, events.Key) and typed.key == "ctrl+q")

    @on(KeyOrder.ReleaseNext)
    async def release_held_key(self) -> None:
        await self.key_order.release_next()

    @on(KeyOrder.DispatchWaiting)
    async def dispatch_waiting_key(self) -> None:
        await self.key_order.dispatch_waiting()

    async def action_quit(self) -> None:
        # ctrl+q comes after the letters typed before it are in their field (ui/key_order.py).
        self.finish_what_was_typed()
        self.saving.flush_now()  # never raises; a failure is handled as for a signal
        self.exit()

    def finish_what_was_typed(self) -> None:
        """On the way out (ctrl+q, a signal): what leaving the field would do is done. A line
        typed in Today's brainstorm becomes a curiosity, as leaving the pad makes it one; it
        was saved in the pad but never became one, and the next start took it as agreed."""
        if isinstance(self.screen, TodayScreen):
            with suppress(Exception):  # leaving must never fail here: the pad's text is saved either way
                self.screen.sync_brainstorm()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every message is shown as written: they quote the user's words (names, paths, a
        template's text), and read as markup "[/]" in a name stopped the app. infoview's
        own messages use no markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_help_quit(self) -> None:
        # Textual's own says "Press [b]ctrl+q[/b]", in markup this app does not read.
        self.notify("ctrl+q quits infoview (ctrl+c copies in a text field).", title="Do you want to quit?")

    def refresh_screens(self) -> None:
        """Every open screen shows the store anew (after a merge, a reload, an import)."""
        from .ui.screens.base import InfoviewScreen

        # The call under way keeps its own mode: it takes merged notes even while another screen shows.
        call = self.get_screen_stack(CALL_MODE) if self._call_open and self.current_mode != CALL_MODE else []
        for screen in [*self.screen_stack, *call]:
            if isinstance(screen, InfoviewScreen):
                screen.refresh_from_store()

    def action_last_merge(self) -> None:
        from .ui.screens.merge_report import MergeReportScreen

        self.push_screen(MergeReportScreen(self.repository.file.last_merge))

    # --- flows between screens (ui/flows.py: screens post these, the app opens what is next)

    @on(flows.StartInterview)
    def start_interview(self, request: flows.StartInterview) -> None:
        """Hand over to the interview session for this contact: choose the questions and
        the length, then talk. A conversation already under way is reopened instead."""
        from .domain.questions import all_question_sets, default_question_set
        from .ui.screens.session_dialogs import SessionChoices, StartSessionScreen

        contact_id = request.contact_id

        running = self._interview_in_progress()
        if running is not None:
            if running.contact_id != contact_id:
                other = self.repository.contact(running.contact_id)
                self.notify(
                    f"The conversation with {other.name if other else running.contact_name} is still open; "
                    "finish it first (ctrl+g).",
                    severity="warning",
                )
            self._open_session(running)
            return
        contact = self.repository.contact(contact_id)
        if contact is None:
            return
        settings = self.repository.settings()
        sets = all_question_sets(settings)
        planned = self.repository.planned_interview(contact_id)

        def chosen(choices: SessionChoices | None) -> None:
            from .domain.model import Interview
            from .domain.session import begin

            if choices is None:
                return
            question_set = next(s for s in sets if s.id == choices.question_set_id)
            interview = planned or Interview(contact_id=contact_id)
            interview = begin(
                interview,
                question_set,
                self.now(),
                planned_minutes=choices.planned_minutes,
                mode=choices.mode,
                hope_before=choices.hope_before,
            )
            self._open_session(self.repository.save_interview(interview))

        self.push_screen(
            StartSessionScreen(
                contact,
                sets,
                default_question_set(settings).id,
                planned.planned_minutes if planned else settings.default_planned_minutes,
                planned.mode if planned else Mode.IN_PERSON,
            ),
            chosen,
        )

    def _interview_in_progress(self) -> Interview | None:
        return next(iter(self.repository.interviews_where(InterviewStatus.IN_PROGRESS)), None)

    def _open_session(self, interview: Interview) -> None:
        """The call gets a mode of its own (CALL_MODE), so F2-F5 leave it where it is."""
        from .ui.screens.session import SessionScreen

        if self._call_open:
            self.switch_mode(CALL_MODE)
            return
        contact = self.repository.contact(interview.contact_id)
        self.add_mode(CALL_MODE, partial(SessionScreen, interview, contact))
        self._call_open = True
        self.switch_mode(CALL_MODE)

    def action_back_to_call(self) -> None:
        if self._call_open:
            self.switch_mode(CALL_MODE)
        else:
            self.notify("No conversation is under way. Start one from Today (enter) or the network (i).")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back_to_call":
            return self._call_open  # the key is listed only while a call is under way
        if action == "go" and parameters == (self.current_mode,) and len(self.screen_stack) == 1:
            return False  # the screen already shown: its key would do nothing, so the footer leaves it out
        return True

    def _resume_interrupted_session(self) -> None:
        from .domain.session import resume

        running = self._interview_in_progress()
        if running is not None:
            resumed = self.repository.save_interview(resume(running, self.now()))
            self._open_session(resumed)
            self.notify("Reopened the conversation that was under way; notes and clock are as they were.")

    @on(flows.SessionFinished)
    def session_finished(self, finished: flows.SessionFinished) -> None:
        """Back to Today, with the reflection on top: what resonated, how it fits."""
        call_was_open, self._call_open = self._call_open, False  # over: going to Today says nothing of it
        self.action_go("today")
        if call_was_open:
            self.remove_mode(CALL_MODE)
        self.notify(finished.message)
        if finished.interview_id is not None:
            self.reflect(finished.interview_id)

    @on(flows.CloseSession)
    def close_session(self, request: flows.CloseSession) -> None:
        """The conversation under way was deleted (Interviews, ctrl+d): its session closes
        without saving again (its clock saves every half minute), so the record stays deleted."""
        from .ui.screens.session import SessionScreen

        if self._call_open and any(
            isinstance(screen, SessionScreen) and screen.interview.id == request.interview_id
            for screen in self.get_screen_stack(CALL_MODE)
        ):
            self._call_open = False
            self.remove_mode(CALL_MODE)

    @on(flows.LogConversation)
    def _log_conversation_asked(self, request: flows.LogConversation) -> None:
        self.log_conversation(request.contact_id)

    def log_conversation(self, contact_id: str | None = None) -> None:
        """Log a conversation held outside infoview (for this person, or one typed in the form),
        then reflect on it, as after a call."""
        from .ui.screens.log_conversation import LogConversationScreen

        contact = self.repository.contact(contact_id) if contact_id else None

        def logged(interview_id: str | None) -> None:
            if not interview_id:
                return
            self.refresh_screens()
            interview = self.repository.interview(interview_id)
            if interview is not None and interview.started_at is not None:
                from .domain.dates import describe_moment

                name = interview.person(self.repository.contact(interview.contact_id))
                done = self.repository.count_interviews(InterviewStatus.DONE)
                target = self.repository.settings().target_interviews
                self.notify(f"Logged the conversation with {name}, {describe_moment(interview.started_at, self.now())}."
                            f" {done} of {target} done.")  # fmt: skip
            self.reflect(interview_id)

        self.push_screen(LogConversationScreen(contact), logged)

    @on(flows.Reflect)
    def _reflection_asked(self, request: flows.Reflect) -> None:
        self.reflect(request.interview_id)

    def reflect(self, interview_id: str) -> None:
        from .ui.screens.reflection import ReflectionScreen

        interview = self.repository.interview(interview_id)
        if interview is None:
            return
        contact = self.repository.contact(interview.contact_id)
        name = interview.person(contact)
        self.push_screen(ReflectionScreen(interview, name, self.now()), lambda _: self.refresh_screens())

    # --- navigation and help ----------------------------------------------------------

    def action_go(self, mode: str) -> None:
        """Show that main screen itself, not what was opened over it (Curiosities over the
        network, Help): those close, unless one holds typed text, which stays to be dealt with."""
        from .ui.screens.dialogs import AsksBeforeDiscarding

        leaving_call = self.current_mode == CALL_MODE
        if self.current_mode != mode:
            self.switch_mode(mode)
        while len(self.screen_stack) > 1:
            top = self.screen
            if isinstance(top, AsksBeforeDiscarding) and top.has_unsaved_text():
                self.notify("Finish this first (ctrl+s) or close it (escape).", severity="warning")
                break
            self.pop_screen()
        if leaving_call and mode != CALL_MODE and self._call_open:
            self.notify("The conversation is still under way: F8 takes you back to it.")

    def action_question_sets(self) -> None:
        from .ui.screens.question_sets import QuestionSetsScreen

        self.push_screen(QuestionSetsScreen())

    def action_import(self) -> None:
        from .ui.screens.importing import ImportScreen

        def imported(result: ImportResult | None) -> None:
            if result is None:
                return
            self.refresh_screens()
            self.notify(result.summary + ("\n" + "\n".join(result.details[:6]) if result.details else ""), timeout=10)

        self.push_screen(ImportScreen(), imported)

    def action_export(self, fmt: str) -> None:
        suffix = {"ics": ".ics", "json": ".json"}.get(fmt, "")
        default = f"~/infoview-{fmt}-{self.now():%Y%m%d-%H%M}{suffix}"
        kind = "file" if suffix else "folder"

        def chosen(typed: str | None) -> None:
            if not typed:
                return
            self.saving.flush_now()  # the export reads what is saved and what is not alike; keep both in step
            # Captured here, between two edits; read in a thread (markdown of 500 interviews: ~2 s) so the
            # app stays usable meanwhile (store/read_only.snapshot_repository).
            from .store.read_only import snapshot_repository

            captured = snapshot_repository(self.repository.path, self.repository.file.capture())
            self.notify(f"Exporting {fmt} to {typed}…", timeout=10)
            self._export_in_background(captured, fmt, typed)

        from .ui.screens.dialogs import TextPrompt  # imported when asked for: off the first frame's path

        # Short enough for the dialog at 80 columns; what "written whole or not at all" means is in the README.
        self.push_screen(
            TextPrompt(f"Export {fmt} to which new {kind}? Nothing is overwritten.", value=default), chosen
        )

    @work(thread=True, group="export", exit_on_error=False)
    def _export_in_background(self, captured: Repository, fmt: str, typed: str) -> None:
        from .formats.export import ExportRefused, export

        try:
            done = export(captured, fmt, Path(typed).expanduser(), self.now())
        except ExportRefused as error:
            self.call_from_thread(self.notify, str(error), severity="error", timeout=10)
        except OSError as error:  # export() words its own; this is the last guard
            message = f"Could not write {typed}: {error.strerror or error}. Nothing was written."
            self.call_from_thread(self.notify, message, severity="error", timeout=10)
        except Exception as error:  # noqa: BLE001 - a worker's error would vanish unseen; say it
            message = f"The export to {typed} failed ({error}). Nothing was written; please report this."
            self.call_from_thread(self.notify, message, severity="error", timeout=10)
        else:
            self.call_from_thread(self.notify, done, timeout=10)

    def action_values(self) -> None:
        from .ui.screens.values import ValuesScreen

        self.push_screen(ValuesScreen())

    def action_message_templates(self) -> None:
        from .ui.screens.templates import TemplatesScreen

        self.push_screen(TemplatesScreen())

    def action_search(self) -> None:
        """F6: the search screen over whatever is open; F6 there goes back to its box, and F6
        over the place a search opened (the reader, a contact) goes back to that search."""
        from .ui.screens.search import SearchScreen

        below = self.screen_stack[-2] if len(self.screen_stack) > 1 else None
        if isinstance(self.screen, SearchScreen):
            self.screen.focus_box()
        elif not (isinstance(below, SearchScreen) and below.come_back()):  # over a place it opened: back to it
            self.push_screen(SearchScreen())

    def action_help(self) -> None:
        from .ui.screens.help import HelpScreen  # imported at the first F1: off the first frame's path

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen(self.screen))

    def watch_theme(self, theme: str) -> None:
        if not self.repository.loaded:  # the theme the file names, set for its first frame: nothing to save
            return
        settings = self.repository.settings()
        if settings.theme != theme:
            self.repository.save_settings(replace(settings, theme=theme))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for name, (title, purpose) in MAIN_SCREENS.items():
            yield SystemCommand(f"Go to {title}", purpose, partial(self.action_go, name))
        yield SystemCommand("Help: all keys", "List every key that works here (F1)", self.action_help)
        yield SystemCommand(
            "Search everything", "Notes, takeaways, people, asks, intros and curiosities (F6)", self.action_search
        )
        yield SystemCommand(
            "Question sets", "The questions to ask: the suggested nine, TIARA, and your own", self.action_question_sets
        )
        yield SystemCommand(
            "Import contacts", "From LinkedIn Connections.csv, Google Contacts, a .vcf, or a backup", self.action_import
        )
        for fmt, purpose in EXPORTS.items():
            yield SystemCommand(f"Export {fmt}", purpose, partial(self.action_export, fmt))
        yield SystemCommand(
            "Log a past conversation", "One held outside infoview: it counts, and its follow-ups start from then",
            self.log_conversation,
        )  # fmt: skip
        yield SystemCommand("Values", "What you weigh each line of work against", self.action_values)
        yield SystemCommand(
            "Message templates",
            "The words of each message (ask, follow-up, thank-you, update) and your name",
            self.action_message_templates,
        )
        yield SystemCommand("Save now", f"Write everything to {self.repository.path.name} now", self.saving.save_now)
        yield SystemCommand(
            "Last merge", "What came in from another copy of the file (a synced folder)", self.action_last_merge
        )
        # Textual's own, less those that do nothing useful here (Keys opens a panel F1 does
        # better; Maximize/Minimize a widget of a screen laid out for the terminal).
        for command in super().get_system_commands(screen):
            if command.title not in TEXTUAL_COMMANDS_LEFT_OUT:
                yield command
