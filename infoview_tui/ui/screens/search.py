"""F6: search everything. One box; results update as you type, newest first.

The index (every field folded once, `domain/search.py`) is rebuilt only when the store
changed since it was built, table by table, in a thread (`ui/search_index.py`), and kept
between openings. A search runs on the event loop: one scan of the folded texts (2-5 ms on
the heavy database), or, as a word is typed, of what the word so far found (well under a
millisecond; benchmarks/bench_search.py), less than a thread's hand-over. Keys typed faster
than results are drawn are not searched one by one: the search is queued behind the keys
already typed and reads the box when it runs, so text a newer key replaced is never searched.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import partial
from typing import Any, Self

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from ...domain import search
from ...domain.dates import describe_day, describe_moment
from ...domain.search import Field, SearchIndex
from ..search_index import BuiltIndex, build_index, current_index, index_of, keep, last_index
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader
from ..widgets.result_list import ResultList
from ..widgets.text_box import TextBox
from .base import InfoviewScreen
from .dialogs import AsksBeforeDiscarding

EMPTY_HINT = (
    "Type a word: notes, takeaways, people, asks, intros, curiosities.\n\n"
    "Every word must be in the same note or field, in any order; "
    '"quotes" keep a phrase together. Case and accents do not matter: angstrom finds Ångström.\n\n'
    "up/down choose, enter opens it, escape goes back."
)
READING = "Reading the record to search it… the results show as soon as it is read."
_KIND_WIDTH = 12
_DAY_WIDTH = 10
_DIM = Style(dim=True)


class SearchResults(ResultList):
    """The results, one line each, built only when drawn (a common letter matches thousands)."""

    COMPONENT_CLASSES = ResultList.COMPONENT_CLASSES | {"search-results--match", "search-results--kind"}
    DEFAULT_CSS = """
    SearchResults > .search-results--match { color: $text-accent; text-style: bold underline; }
    SearchResults > .search-results--kind { color: $text-secondary; }
    """


class SearchBox(Input):
    """The box. Its new text is searched from the box's own queue, straight after the key:
    from the screen's queue the results often missed the frame that drew the key, and
    came one frame (16.7 ms) later. Queued behind keys already typed, so only the newest
    text is searched."""

    def __init__(self, *, placeholder: str, id: str) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self._search_scheduled = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        """Input asks for a layout of the whole screen on every key (its text's width is its
        virtual size), which took a third of the time from a key to its results drawn. The
        box's size is fixed (width 100%, height 3; never hidden), and the screen lays itself
        out on a resize or a theme change, so once laid out the box only needs repainting:
        its scrolling reads the virtual size Input sets, not the layout."""
        laid_out_and_fixed = bool(self.size) and not self.styles.auto_dimensions
        return super().refresh(*regions, repaint=repaint, layout=layout and not laid_out_and_fixed, recompose=recompose)

    def on_input_changed(self) -> None:
        if not self._search_scheduled:
            self._search_scheduled = True
            self.call_later(self._search)

    def _search(self) -> None:
        self._search_scheduled = False
        if isinstance(self.screen, SearchScreen):
            self.screen.search_now()


class SearchScreen(InfoviewScreen):
    AUTO_FOCUS = "#search-box"
    BINDINGS = [
        Binding("escape", "close", "Back", id="search.close"),
        Binding("enter", "open", "Open", id="search.open"),
        Binding("down", "move(1)", "Next", id="search.next", show=False),
        Binding("up", "move(-1)", "Previous", id="search.previous", show=False),
        Binding("pagedown", "page(1)", "Page down", id="search.page_down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="search.page_up", show=False),
    ]
    DEFAULT_CSS = """
    SearchScreen #search-box { margin: 0 1; }
    SearchScreen #search-count { width: 1fr; height: 1; padding: 0 2; color: $text-muted; }
    SearchScreen #search-results { height: 1fr; margin: 0 1; }  /* padding would overflow its rows sideways */
    SearchScreen #search-preview { width: 1fr; height: 5; padding: 0 2; border-top: solid $primary; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.results: Sequence[Field] = []
        self.shown_query = ""  # the query the results on screen are for
        self._index: SearchIndex | None = None
        self._building: Worker[BuiltIndex] | None = None
        self._opened: Screen[Any] | None = None  # the place `enter` opened last
        self._listing = SearchResults(id="search-results")  # kept: every drawn row asks for it
        self._drawn_at = datetime.min
        # (field, person column's width, row style) -> a row's first columns, while the day and styles hold
        self._columns_made: dict[tuple[Field, int, Style], tuple[list[Segment], int]] = {}
        self._columns_epoch: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield SearchBox(placeholder="Search notes, takeaways, people, asks, intros, curiosities", id="search-box")
        yield TextBox(id="search-count")
        yield self._listing
        yield TextBox(id="search-preview")
        yield AppFooter()

    def on_mount(self) -> None:
        self._show([], "")
        # After the first paint, so F6 answers at once however the index is found.
        self.call_after_refresh(self.refresh_from_store)

    def refresh_from_store(self) -> None:
        """The store may have changed (a contact edited from here, a merge): search the index
        of the store as it is now. One that has to be built is built in a thread, and the last
        one (behind by the latest edits only) answers meanwhile, so the box takes keys at once."""
        index = current_index(self.repository)
        if index is None:
            # Once the screen is drawn: a thread started now would slow the first paint (they share the GIL).
            self.call_after_refresh(self._build_index)
            index = last_index(self.repository)
        self._use(index)

    def _build_index(self) -> None:
        if current_index(self.repository) is None and (self._building is None or self._building.is_finished):
            self._building = self.run_worker(partial(build_index, self.repository), name="search index",
                                             group="search-index", thread=True, exit_on_error=False)  # fmt: skip

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "search-index":
            return
        if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, BuiltIndex):
            self._use(keep(self.repository, event.worker.result))
            if current_index(self.repository) is None:  # the store changed while it was built
                self.refresh_from_store()
        elif event.state is WorkerState.ERROR:  # then the loop builds it, at the cost of a pause
            self._use(index_of(self.repository))

    def _use(self, index: SearchIndex | None) -> None:
        if index is None or index is self._index:  # the same index: the results, and the one chosen, stay
            return
        self._index = index
        self.search_now(force=True)

    # --- searching ----------------------------------------------------------------------

    def search_now(self, force: bool = False) -> None:
        """Show the results for the box's text as it is now (not as it was when a key asked)."""
        query = self.query_one("#search-box", Input).value  # the newest, not the one that asked
        if self._index is None:  # the first index is being built: its results come when it is ready
            self._listing.show_message(READING if search.parse_query(query) else EMPTY_HINT)
            return
        if query == self.shown_query and not force:
            return
        self._show(self._index.found(query), query)

    def _show(self, results: Sequence[Field], query: str) -> None:
        self._drawn_at = self.now()  # the rows' dates are said relative to this moment
        self.results = results
        self.shown_query = query
        listing = self._listing
        searching = bool(search.parse_query(query))
        if results:
            listing.show_rows(len(results), self._row)
        else:  # said in the list's place: showing another widget would lay the screen out
            listing.show_message(self._nothing_found(query) if searching else EMPTY_HINT)
        count = f"{len(results)} match{'es' if len(results) != 1 else ''}" if searching else ""
        self.query_one("#search-count", TextBox).show(count)
        self._show_preview()

    def _nothing_found(self, query: str) -> Text:
        text = Text("Nothing matches ")
        text.append(query.strip(), style="bold")
        text.append(
            ". Every word must be in one note or field: try fewer words, or part of a word "
            '(fellow finds fellowships); "quotes" keep a phrase together.'
        )
        return text

    # --- drawing ------------------------------------------------------------------------

    def _row(self, number: int, width: int, style: Style) -> tuple[list[Segment], int]:
        """One result on the row's `style`: what it is, whose, when, and the words around the
        first match, in `width` cells (and how many it took). Built as segments: every key
        redraws every visible row, and Rich's Text rendering was most of a row's cost."""
        found = self.results[number]
        segments, columns_width = self._columns(found, 16 if width >= 100 else 13, style)
        segments = list(segments)
        cut = search.snippet(found.text, self.shown_query, max(width - columns_width - 1, 10))
        match = style + self._listing.part_style("search-results--match")
        shown = 0
        for start, end in cut.spans:
            if start > shown:
                segments.append(Segment(cut.text[shown:start], style))
            segments.append(Segment(cut.text[start:end], match))
            shown = end
        if shown < len(cut.text):
            segments.append(Segment(cut.text[shown:], style))
        cells = columns_width + cell_len(cut.text)
        if cells < width:
            segments.append(Segment(" " * (width - cells), style))
        return segments, max(cells, width)

    def _columns(self, found: Field, person_width: int, style: Style) -> tuple[list[Segment], int]:
        """What it is, whose and when, and their width: the same for a field at every key
        (only the snippet follows the words typed), so made once a day (the day is said
        relative to today) for each style of row."""
        kind_style = self._listing.part_style("search-results--kind")
        epoch = (self._drawn_at.tzinfo, self._drawn_at.date(), kind_style)
        if epoch != self._columns_epoch:
            self._columns_epoch = epoch
            self._columns_made.clear()
        made = self._columns_made.get((found, person_width, style))
        if made is None:
            lead = f"{found.kind:<{_KIND_WIDTH}} "
            person = _fit(found.person or "—", person_width) + " "
            day = _fit(self._day(found), _DAY_WIDTH) + "  "
            segments = [Segment(lead, style + kind_style), Segment(person, style), Segment(day, style + _DIM)]
            made = segments, cell_len(lead + person + day)
            if len(self._columns_made) > 5000:
                self._columns_made.clear()
            self._columns_made[found, person_width, style] = made
        return made

    def _snippet(self, found: Field, width: int) -> Text:
        cut = search.snippet(found.text, self.shown_query, width)
        text = Text(cut.text)  # people's text: never read as markup
        style = self._listing.part_style("search-results--match")
        for start, end in cut.spans:
            text.stylize(style, start, end)
        return text

    def _day(self, found: Field) -> str:
        if found.moment is None:
            return ""
        day = describe_day(found.moment, self._drawn_at)
        # 'Sat 3 Jan 2027' is too wide for the column: '3 Jan 2027' says the same.
        return day if len(day) <= _DAY_WIDTH else day.split(" ", 1)[-1]

    @on(ResultList.Highlighted, "#search-results")
    def _highlight_moved(self) -> None:
        self._show_preview()

    def _selected(self) -> Field | None:
        listing = self.query_one(SearchResults)
        if listing.highlighted is None or listing.highlighted >= len(self.results):
            return None
        return self.results[listing.highlighted]

    def _show_preview(self) -> None:
        preview = self.query_one("#search-preview", TextBox)
        found = self._selected()
        if found is None:
            preview.show("")
            return
        text = Text(no_wrap=False)
        text.append(found.kind, style="bold")
        if found.person:
            text.append(f" · {found.person}")
        if found.moment is not None:
            text.append(f" · {describe_moment(found.moment, self.now())}")
        if found.label:
            text.append(f" · {found.label}", style="italic")  # the question, "email"...
        text.append("\n")
        width = max(preview.size.width, 40)
        text.append_text(self._snippet(found, width * 3 - 4))
        preview.show(text)

    # --- keys -----------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self.query_one(SearchResults).action_move(step)

    def action_page(self, step: int) -> None:
        self.query_one(SearchResults).action_page(step)

    def focus_box(self) -> None:
        """F6 again: back to the box, its words selected, ready for a new query."""
        box = self.query_one("#search-box", Input)
        box.focus()
        box.select_all()

    @on(Input.Submitted, "#search-box")
    @on(ResultList.Selected, "#search-results")
    def action_open(self) -> None:
        found = self._selected()
        if found is None:
            if self.shown_query.strip():
                self.notify("Nothing to open: no result matches.", severity="warning")
            return
        if found.interview_id is not None:
            self._open_interview(found)
        elif found.contact_id is not None:
            self._open_contact(found.contact_id)
        else:
            from .curiosities import CuriositiesScreen

            self._open(CuriositiesScreen())

    def _open_interview(self, found: Field) -> None:
        from .interviews import InterviewView, Row

        assert found.interview_id is not None
        interview = self.repository.interview(found.interview_id)
        if interview is None:
            self.notify("That conversation was deleted since.", severity="warning")
            self.refresh_from_store()
            return
        contact = self.repository.contact(interview.contact_id)
        curiosities = {curiosity.id: curiosity.name for curiosity in self.repository.curiosities()}
        row = Row(interview, contact, tuple(curiosities[c] for c in contact.curiosity_ids if c in curiosities)
                  if contact else ())  # fmt: skip
        names = {person.id: person.name for person in self.repository.contacts()}
        self._open(InterviewView(row, names, self.now(), focus_question_id=found.place))

    def _open_contact(self, contact_id: str) -> None:
        from .contact import ContactForm

        contact = self.repository.contact(contact_id)
        if contact is None:
            self.notify("That person was deleted since.", severity="warning")
            self.refresh_from_store()
            return
        self._open(ContactForm(contact))

    def _open(self, place: Screen[Any]) -> None:
        self._opened = place
        self.app.push_screen(place)

    def come_back(self) -> bool:
        """F6 over the place this search opened (the reader, a contact...): back to these
        results and the box, unless leaving that place would throw away something typed
        (then False: a new search opens over it)."""
        stack = self.app.screen_stack
        place = stack[-1]
        if len(stack) < 2 or stack[-2] is not self or place is not self._opened:
            return False
        if isinstance(place, AsksBeforeDiscarding) and place.has_unsaved_text():
            return False
        self.app.pop_screen()
        self.focus_box()
        return True

    def action_close(self) -> None:
        self.dismiss()


def _fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells, cut with an ellipsis."""
    text = " ".join(text.split())
    return set_cell_size(text, width) if cell_len(text) <= width else set_cell_size(text, width - 1) + "…"
