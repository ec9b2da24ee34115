"""What resonates with the user, across all their interviews: per curiosity and per
person (resonance, dissonance, net, value fit), the questions whose answers most often
resonated, hope over time, progress toward the target, and the referral tree. Pictures
(bars, block lines, a tree) each with its numbers. `c` compares interviews or curiosities
side by side. The figures are defined in `domain/insights.py`."""

from __future__ import annotations

import textwrap

from rich.console import Group
from rich.table import Table
from rich.text import Text
from rich.tree import Tree
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, SelectionList, Static
from textual.widgets.selection_list import Selection

from ...domain import insights
from ...domain.dates import describe_day
from ...domain.model import Contact, Interview
from ...domain.values import active
from ...store.schema import CONTACTS, CURIOSITIES, INTERVIEWS, SETTINGS
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader
from .base import InfoviewScreen, StoreAccess
from .reflection import level_line

PEOPLE_SHOWN = 8
# The referral tree shows this many people at most, innermost tiers first: beyond a few
# screens it is no longer read as a tree (and drawing 6,000 lines took 1.5 s).
REFERRAL_TREE_PEOPLE = 80


def bar(value: float | None, high: float, width: int = 10) -> Text:
    """A bar of `width` cells for 0..high, eighths included, then the number."""
    if value is None:
        return Text("–", style="dim")
    cells = max(0.0, min(1.0, value / high)) * width
    full, part = int(cells), int((cells - int(cells)) * 8)
    text = Text("█" * full + (" ▏▎▍▌▋▊▉"[part] if part else ""))
    text.append(" " * (width - len(text.plain)))
    text.append(f" {value:.1f}")
    return text


def signed(value: float | None) -> Text:
    if value is None:
        return Text("–", style="dim")
    return Text(f"{value:+.1f}", style="bold" if value > 0 else "")


class InsightsScreen(InfoviewScreen):
    CSS = """
    #insights {
        height: 1fr;
        padding: 0 2;
    }
    .insights-section {
        height: auto;
        margin-top: 1;
    }
    #insights-progress {
        height: auto;
    }
    """
    AUTO_FOCUS = "#insights"
    shows = (CONTACTS, INTERVIEWS, CURIOSITIES, SETTINGS)  # settings: the target
    BINDINGS = [
        Binding("c", "compare", "Compare", id="insights.compare"),
        Binding("v", "values", "My values", id="insights.values"),
    ]

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with VerticalScroll(id="insights"):
            yield Static(id="insights-progress", classes="screen-heading", markup=False)
            yield Static(id="insights-empty", classes="hint", markup=False)
            yield Static(id="insights-curiosities", classes="insights-section", markup=False)
            yield Static(id="insights-people", classes="insights-section", markup=False)
            yield Static(id="insights-questions", classes="insights-section", markup=False)
            yield Static(id="insights-hope", classes="insights-section", markup=False)
            yield Static(id="insights-referrals", classes="insights-section", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        self.refresh_from_store()

    def refresh_from_store(self) -> None:
        repository = self.infoview.repository
        contacts = repository.contacts()
        people = {contact.id: contact for contact in contacts}
        interviews = repository.interviews()
        done = insights.finished(interviews)
        target = repository.settings().target_interviews
        progress = self.query_one("#insights-progress", Static)
        filled = round(20 * min(len(done), target) / target)
        progress.update(Text.assemble("Interviews done ", ("█" * filled + "░" * (20 - filled), ""),
                                      (f" {len(done)} of {target}", "bold")))  # fmt: skip
        empty = self.query_one("#insights-empty", Static)
        empty.display = not done
        empty.update(
            "Nothing to add up yet. Finish a conversation (F3, select someone, i) and reflect on it; "
            "each one adds to what you see here."
        )
        sections = ("#insights-curiosities", "#insights-people", "#insights-questions", "#insights-hope")
        for section in sections:
            self.query_one(section).display = bool(done)
        if done:
            self._figures(done, people)
            self._questions(done)
            self._hope(done, people)
        self._referrals(contacts)
        self.mark_built()

    def _table(self, title: str, rows: list[insights.Figures], first: str) -> Table:
        table = Table(title=title, title_justify="left", title_style="bold", box=None, expand=False, pad_edge=False)
        table.add_column(first, overflow="fold", max_width=22)  # a long name wraps, never cut
        table.add_column("Talks", justify="right")
        table.add_column("Resonance", no_wrap=True)
        table.add_column("Dissonance", no_wrap=True)
        table.add_column("Net", justify="right")
        table.add_column("Fit", justify="right")
        for row in rows:
            fit = Text(f"{row.fit:.1f}/5") if row.fit is not None else Text("–", style="dim")
            table.add_row(Text(row.label), str(row.interviews), bar(row.resonance, 10, 8), bar(row.dissonance, 10, 8),
                          signed(row.net), fit)  # fmt: skip
        return table

    def _figures(self, done: list[Interview], people: dict[str, Contact]) -> None:
        curiosities = self.infoview.repository.curiosities()
        per_curiosity = insights.by_curiosity(done, people, curiosities)
        section = self.query_one("#insights-curiosities", Static)
        if per_curiosity:
            section.update(self._table("By curiosity (mean over its interviews; net = resonance - dissonance)",
                                       per_curiosity, "Curiosity"))  # fmt: skip
        else:
            section.update(
                Text("By curiosity: link people to curiosities (network, enter) to see this.", style="italic")
            )
        per_person = insights.by_person(done, people)
        shown = per_person[:PEOPLE_SHOWN]
        title = f"By person (top {len(shown)} of {len(per_person)})" if len(per_person) > len(shown) else "By person"
        self.query_one("#insights-people", Static).update(self._table(title, shown, "Person"))

    def _questions(self, done: list[Interview]) -> None:
        ranked = insights.resonant_questions(done)
        text = Text.assemble(("Questions whose answers resonated most", "bold"), " (in how many interviews)\n")
        if not ranked:
            text.append("No resonance rises recorded yet.", style="italic")
        for question in ranked:
            text.append(f"{question.interviews:>3} of {question.asked}  ", style="bold")
            text.append(f"{question.text}\n")
        self.query_one("#insights-questions", Static).update(text)

    def _hope(self, done: list[Interview], people: dict[str, Contact]) -> None:
        points = insights.hope_over_time(done, people)
        text = Text.assemble(("Hope over time", "bold"), " (1-5, oldest first)\n")
        if not points:
            text.append("Give your hope before and after each call to see it move.", style="italic")
        else:
            before = [float(p.before or 0) for p in points]
            after = [float(p.after or 0) for p in points]
            text.append(f"before {level_line(before, 5)}  ")
            text.append(" ".join(str(p.before or "–") for p in points[-12:]) + "\n")
            text.append(f"after  {level_line(after, 5)}  ")
            text.append(" ".join(str(p.after or "–") for p in points[-12:]) + "\n")
            last = points[-1]
            text.append(f"latest: {last.label}, {describe_day(last.when, self.infoview.now())}", style="italic")
        self.query_one("#insights-hope", Static).update(text)

    def _referrals(self, contacts: list[Contact]) -> None:
        roots = insights.referral_tree(contacts)
        section = self.query_one("#insights-referrals", Static)
        furthest = insights.furthest_tier(contacts)
        moved = (
            f"Furthest out you have talked: tier {furthest}." if furthest else "No conversation yet: start in tier 1."
        )
        if not roots:
            section.update(Text.assemble(("Referral tree\n", "bold"), f"{moved}\n",
                                         ("Nobody referred yet: ask for 2-3 names before each call ends.", "italic")))  # fmt: skip
            return
        reach = insights.reach(roots)
        referred = sum(1 for contact in contacts if contact.referred_by)
        tree = Tree(Text(f"Referral tree: {referred} people referred, reaching {reach} step"
                         f"{'s' if reach != 1 else ''} out from people you knew yourself", style="bold"))  # fmt: skip

        shown = 0

        def add(branch: Tree, node: insights.TreeNode) -> None:
            nonlocal shown
            if shown >= REFERRAL_TREE_PEOPLE:
                return
            shown += 1
            contact = node.contact
            label = Text(contact.name)
            label.append(f"  tier {contact.tier} · {contact.stage.label}", style="dim")
            child = branch.add(label)
            for grandchild in node.children:
                add(child, grandchild)

        for root in roots:
            add(tree, root)
        in_tree = insights.people_in(roots)
        lines: list[Tree | Text] = [tree]
        if in_tree > shown:
            lines.append(Text(f"… and {in_tree - shown} more people in the tree", style="italic"))
        section.update(Group(*lines, Text(moved)))

    def action_compare(self) -> None:
        self.app.push_screen(ComparisonScreen())

    def action_values(self) -> None:
        self.infoview.action_values()


COMPARE_LABEL_WIDTH = 20  # the row labels: "Takeaways", a value's name
COMPARE_MIN_WIDTH = 14  # narrower than this, the columns scroll (the labels stay)
TAKEAWAY_LINES = 8


class ComparisonScreen(Screen[None], StoreAccess):
    """Two or more interviews or curiosities side by side: resonance, dissonance, net,
    fit per value, takeaways. Space ticks one; the table follows."""

    CSS = """
    #compare-title {
        padding: 0 2;
    }
    #compare-main {
        height: 1fr;
        padding: 0 1;
    }
    #compare-pick {
        width: 1fr;
        max-width: 36;
        height: 1fr;
    }
    #compare-table {
        width: 2fr;
        height: 1fr;
    }
    """

    AUTO_FOCUS = "#compare-pick"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="compare.back")]

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static("Compare: tick two or more (space); the table follows", classes="screen-heading",
                     id="compare-title", markup=False)  # fmt: skip
        with Horizontal(id="compare-main"):
            yield SelectionList[str](id="compare-pick")
            yield DataTable(id="compare-table", cursor_type="none", show_cursor=False)
        yield AppFooter()

    def on_mount(self) -> None:
        repository = self.repository
        now = self.now()
        self.people = {c.id: c for c in repository.contacts()}
        self.done = insights.finished(repository.interviews())
        self.per_curiosity = insights.per_curiosity(self.done, self.people)
        self.curiosities = repository.curiosities()
        self.values = active(repository.values())
        picker = self.query_one("#compare-pick", SelectionList)
        options: list[Selection[str]] = []
        for curiosity in sorted(self.curiosities, key=lambda c: c.name.casefold()):
            options.append(Selection(Text(f"◆ {curiosity.name}"), f"c:{curiosity.id}"))
        for interview in reversed(self.done):
            contact = self.people.get(interview.contact_id)
            name = contact.name if contact else interview.contact_name
            when = interview.finished_at
            options.append(Selection(Text(f"{name}, {describe_day(when, now) if when else ''}"), f"i:{interview.id}"))
        picker.add_options(options)
        if options:
            picker.highlighted = 0
        picker.focus()
        self.call_after_refresh(self._fill)  # once laid out: the columns share the table's width

    def on_resize(self) -> None:
        self.call_after_refresh(self._fill)

    @on(SelectionList.SelectedChanged)
    def _fill(self) -> None:
        table = self.query_one("#compare-table", DataTable)
        table.clear(columns=True)
        chosen = self.query_one("#compare-pick", SelectionList).selected
        if len(chosen) < 2:
            table.add_column("")
            table.add_row(Text("Tick two or more on the left.", style="italic"))
            return
        columns: list[tuple[str, list[Interview]]] = []
        for key in chosen:
            kind, _, item_id = key.partition(":")
            if kind == "i":
                interview = next(i for i in self.done if i.id == item_id)
                contact = self.people.get(interview.contact_id)
                columns.append((contact.name if contact else interview.contact_name, [interview]))
            else:
                curiosity = next(c for c in self.curiosities if c.id == item_id)
                group = self.per_curiosity.get(curiosity.id, [])
                columns.append((curiosity.name, group))
        # Below 160 columns the compared columns share what is left beside the row labels, and
        # takeaways wrap inside them: nothing is pushed off screen, the labels stay in view.
        table.fixed_columns = 1
        room = table.scrollable_content_region.width - COMPARE_LABEL_WIDTH - 2 * (len(columns) + 1)
        width = max(COMPARE_MIN_WIDTH, room // len(columns))
        table.add_column("", key="what", width=COMPARE_LABEL_WIDTH)
        for label, _ in columns:
            # Text: a str would be read as markup. Cut with an ellipsis: a name cut bare reads as another.
            table.add_column(Text(label, no_wrap=True, overflow="ellipsis"), width=width)
        stats = [insights.figures(label, group) for label, group in columns]

        def number(value: float | None, fmt: str = "{:.1f}") -> str:
            return "–" if value is None else fmt.format(value)

        table.add_row("Interviews", *[str(s.interviews) for s in stats])
        table.add_row("Resonance", *[number(s.resonance) for s in stats])
        table.add_row("Dissonance", *[number(s.dissonance) for s in stats])
        table.add_row("Net", *[number(s.net, "{:+.1f}") for s in stats])
        table.add_row("Fit (mean)", *[number(s.fit, "{:.1f}/5") for s in stats])
        for value in self.values:
            fits = []
            for _, group in columns:
                given = [i.reflection.value_fit[value.id] for i in group if i.reflection.value_fit.get(value.id)]
                fits.append(f"{sum(given) / len(given):.1f}/5" if given else "–")
            table.add_row(Text(f"  {value.name}", no_wrap=True, overflow="ellipsis"), *fits)
        takeaways = []
        for _, group in columns:
            written = [i.reflection.takeaways.strip() for i in group if i.reflection.takeaways.strip()]
            text = written[-1] if len(group) == 1 and written else f"{len(written)} written"
            lines = [line for paragraph in text.splitlines() for line in textwrap.wrap(paragraph, width) or [""]]
            if len(lines) > TAKEAWAY_LINES:
                lines = [*lines[: TAKEAWAY_LINES - 1], "… (F4 reads it whole)"]
            takeaways.append(lines)
        table.add_row(
            "Takeaways", *(Text("\n".join(lines)) for lines in takeaways), height=max(len(lines) for lines in takeaways)
        )
