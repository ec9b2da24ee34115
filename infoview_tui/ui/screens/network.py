"""The network: the bullseye, the selected ring's people, and the selected person.

Keys: arrows move around a ring and between rings; + / - move the selected person one
tier inward / outward; a adds, enter opens, i starts an interview, / searches (every
word within one of name, company, role or a curiosity; case and accents do not matter),
f filters by curiosity, c lists curiosities.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from ...domain.dates import describe_age, describe_moment
from ...domain.model import TIER_NAMES, TIERS, Contact, Curiosity, Stage
from ...domain.pipeline import tier_standing, who_next
from ...domain.search import fold, matches, parse_query
from ...store.schema import CONTACTS, CURIOSITIES, INTERVIEWS
from .. import flows, outreach
from ..widgets.bullseye import Bullseye, Marker
from ..widgets.contact_list import ContactList
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader
from .base import InfoviewScreen

STAGE_GROUP = {
    Stage.NOT_ASKED: "not-asked",
    Stage.ASKED: "asked",
    Stage.NO_REPLY: "asked",
    Stage.SCHEDULED: "scheduled",
    Stage.INTERVIEWED: "interviewed",
    Stage.THANKED: "thanked",
    Stage.KEEPING_IN_TOUCH: "thanked",
    Stage.DECLINED: "declined",
}
STAGE_LEGEND = (
    ("not-asked", "not yet asked"),
    ("asked", "asked"),
    ("scheduled", "scheduled"),
    ("interviewed", "interviewed"),
    ("thanked", "thanked"),
    ("declined", "declined"),
)
SEARCH_RESULTS = 200


def search_fields(contact: Contact, curiosities: dict[str, Curiosity]) -> list[str]:
    """What `/` looks in, each on its own: the words of a query must all be in one of them
    (a letter of the name and another of the company no longer make a match)."""
    names = [curiosities[cid].name for cid in contact.curiosity_ids if cid in curiosities]
    return [contact.name, contact.company, contact.role, *names]


# Names, companies and roles are short and the same from key to key: folded once each.
_folded = lru_cache(maxsize=16384)(fold)


def search_rank(contact: Contact, curiosities: dict[str, Curiosity], terms: tuple[str, ...]) -> int | None:
    """Which field matched first (0: the name, best), or None when none does."""
    for rank, text in enumerate(search_fields(contact, curiosities)):
        if matches(_folded(text), terms):
            return rank
    return None


# + and - share one footer label ("Tier"); F1 lists them singly.
TIER_KEYS = Binding.Group("Tier", compact=True)


class NetworkScreen(InfoviewScreen):
    CSS = """
    #network-main {
        height: 1fr;
    }
    #bullseye {
        width: 3fr;
        height: 1fr;
        min-width: 30;
    }
    #network-side {
        width: 2fr;
        min-width: 26;
        max-width: 60;
        height: 1fr;
        padding-left: 1;
    }
    #network-search {
        margin-bottom: 0;
    }
    #network-list-title {
        text-style: bold;
        color: $text-secondary;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    #network-side .network-list {
        height: 1fr;
        min-height: 4;
        border: none;
        padding: 0;
        background: $surface;
    }
    #network-detail {
        /* A fixed height: a detail that grew or shrank with each selection would re-lay out
           the whole screen on every arrow key. */
        height: 40%;
        overflow-y: auto;
        border-top: solid $primary 50%;
        padding-top: 0;
    }
    #network-legend {
        height: 1;
        color: $text-muted;
        padding: 0 1;
    }
    #network-standing {
        height: auto;
        max-height: 2;
        padding: 0 1;
        color: $text;
    }
    """
    AUTO_FOCUS = "#bullseye"
    shows = (CONTACTS, CURIOSITIES, INTERVIEWS)  # interviews: the selected person's planned talk
    BINDINGS = [
        Binding("a", "add", "Add", id="network.add"),
        Binding("enter", "open", "Open", id="network.open"),
        Binding("m", "ask", "Ask", id="network.ask"),
        Binding("t", "schedule", "Schedule", id="network.schedule"),
        Binding("s", "stage", "Stage", id="network.stage"),
        Binding("i", "interview", "Interview", id="network.interview"),
        Binding("l", "log_conversation", "Log a past talk", id="network.log", show=False),
        Binding("plus", "move_tier(-1)", "Inward", id="network.inward", key_display="+", group=TIER_KEYS),
        Binding("minus", "move_tier(1)", "Outward", id="network.outward", key_display="-", group=TIER_KEYS),
        Binding("slash", "search", "Search", id="network.search", key_display="/"),
        Binding("f", "filter", "Filter", id="network.filter"),
        Binding("c", "curiosities", "Curiosities", id="network.curiosities"),
        Binding("escape", "clear", "Clear search", id="network.clear", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.contacts: dict[str, Contact] = {}
        self.curiosities: dict[str, Curiosity] = {}
        self.curiosity_filter: str | None = None
        self.searching = False
        self._list_tier: int | None = None  # the ring the side list shows (None: search results)
        self._detail_lines = 0  # how many lines the detail's text took at the last update

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Horizontal(id="network-main"):
            yield Bullseye(id="bullseye", follow=self.selection_changed)
            with Vertical(id="network-side"):
                yield Input(placeholder="Search name, company, role, curiosity", id="network-search")
                yield Static(id="network-list-title", markup=False)
                yield ContactList(id="network-list", classes="network-list")
                yield Static(id="network-detail", markup=False)
        yield Static(id="network-legend", markup=False)
        yield Static(id="network-standing", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#network-search", Input).display = False
        self._show_legend()
        self.refresh_from_store()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.call_after_refresh(self._restyle))

    def _restyle(self) -> None:
        self._show_legend()
        self._list_tier = None  # rebuild the list with the new theme's colours
        bullseye = self.query_one(Bullseye)
        self.selection_changed(
            Bullseye.SelectionChanged(bullseye, bullseye.selected_tier, bullseye.selected_index,
                                      bullseye.selected_marker.contact_id if bullseye.selected_marker else None)
        )  # fmt: skip

    # --- loading ----------------------------------------------------------------------

    def refresh_from_store(self, select_id: str | None = None) -> None:
        repository = self.infoview.repository
        self.contacts = {contact.id: contact for contact in repository.contacts()}
        self.curiosities = {curiosity.id: curiosity for curiosity in repository.curiosities()}
        if self.curiosity_filter and self.curiosity_filter not in self.curiosities:
            self.curiosity_filter = None
        self._fill_bullseye(select_id)
        self._show_standing()
        self.mark_built()

    def _visible_contacts(self) -> list[Contact]:
        if self.curiosity_filter is None:
            return list(self.contacts.values())
        return [c for c in self.contacts.values() if self.curiosity_filter in c.curiosity_ids]

    def _fill_bullseye(self, select_id: str | None = None) -> None:
        rings: dict[int, list[Marker]] = {tier: [] for tier in TIERS}
        for contact in sorted(self._visible_contacts(), key=lambda c: (c.name.casefold(), c.id)):
            rings[contact.tier].append(Marker(contact.id, contact.name, STAGE_GROUP[contact.stage]))
        bullseye = self.query_one(Bullseye)
        self._list_tier = None  # force the side list to follow the selected ring
        bullseye.set_rings(rings, select_id=select_id)

    def _show_standing(self) -> None:
        contacts = list(self.contacts.values())
        standing = tier_standing(contacts).message
        suggestions = who_next(contacts, self.curiosities, limit=1)
        line = Text(standing, style="bold")
        if suggestions:
            line.append("   Who next: ", style="")
            line.append(suggestions[0].contact.name, style="bold")
            line.append(f" ({suggestions[0].why})")
        self.query_one("#network-standing", Static).update(line)

    # --- the side list and the detail ---------------------------------------------------

    def selection_changed(self, event: Bullseye.SelectionChanged) -> None:
        """Follows the bullseye in the same turn as its move (Bullseye's `follow`): one screen update a key."""
        if self.searching:
            return
        if self._list_tier != event.tier:
            self._show_ring_in_list(event.tier)
        if event.index is not None:
            self._list().highlight(event.index, announce=False)
        self._show_detail(event.contact_id)

    def _show_ring_in_list(self, tier: int) -> None:
        bullseye = self.query_one(Bullseye)
        ids = [marker.contact_id for marker in bullseye.rings[tier]]
        self._list().set_items(ids, self._list_prompt_for, bullseye.selected_index)
        self._list_tier = tier
        self._show_list_title(tier)
        if not bullseye.size.width:
            # Not laid out yet (the screen's first fill): how many markers the ring shows, so how
            # many are "only here", is known once the bullseye has its size.
            self.call_after_refresh(self._show_list_title, tier)

    @on(Bullseye.Resized)
    def _ring_shows_another_count(self) -> None:
        # The standing line below wraps to two rows (or back), a terminal resized: the title's
        # "N only here" follows the ring's "+N more" (they differed by the markers of one row).
        if self._list_tier is not None:
            self._show_list_title(self._list_tier)

    def _show_list_title(self, tier: int) -> None:
        if self.searching or self._list_tier != tier:
            return
        count = len(self._list().ids)
        shown = self.query_one(Bullseye).visible_count(tier)
        counted = f" ({count})" + (f", {count - shown} only here" if count > shown else "")
        heading = self.query_one("#network-list-title", Static)
        # Where the line is short, the tier's name gives way, not how many people are in it.
        room = heading.size.width - len(f"Tier {tier}: ") - len(counted)
        name = TIER_NAMES[tier]
        if heading.size.width and len(name) > room:
            name = name[: max(room - 1, 1)].rstrip() + "…"
        title = f"Tier {tier}: {name}{counted}"
        if self.curiosity_filter:
            title += f" · filter: {self.curiosities[self.curiosity_filter].name}"
        # One line high, always (the CSS above): a new title needs no new layout.
        heading.update(Text(title, overflow="ellipsis", no_wrap=True), layout=False)

    def _list(self) -> ContactList:
        return self.query_one("#network-list", ContactList)

    def _list_prompt_for(self, contact_id: str) -> Text:
        """A row of the side list, built only when the row is drawn."""
        contact = self.contacts[contact_id]
        prompt = Text(no_wrap=True, overflow="ellipsis")
        prompt.append("● ", style=self._stage_style(contact.stage))
        prompt.append(contact.name)
        what = ", ".join(part for part in (contact.role, contact.company) if part)
        if what:
            prompt.append(f"  {what}", style="dim")
        return prompt

    def _stage_style(self, stage: Stage) -> Style:
        """The bullseye's own stage style (its DEFAULT_CSS), for the list, detail and legend."""
        return self.query_one(Bullseye).stage_style(STAGE_GROUP[stage])

    def _show_legend(self) -> None:
        bullseye = self.query_one(Bullseye)
        legend = Text(no_wrap=True, overflow="ellipsis")
        for group, label in STAGE_LEGEND:
            legend.append("●", style=bullseye.stage_style(group))
            legend.append(f" {label}  ")
        self.query_one("#network-legend", Static).update(legend)

    @on(ContactList.Selected, "#network-list")
    def list_selected(self, event: ContactList.Selected) -> None:
        if self.searching:
            self._finish_search(event.item_id)
        else:
            self.action_open()

    @on(ContactList.Highlighted, "#network-list")
    def list_highlighted(self, event: ContactList.Highlighted) -> None:
        if isinstance(event, ContactList.Selected):
            return
        if self._list_tier is not None:
            self.query_one(Bullseye).select(self._list_tier, event.index)
        else:
            self._show_detail(event.item_id)

    def _show_detail(self, contact_id: str | None) -> None:
        contact = self.contacts.get(contact_id) if contact_id else None
        if contact is None:
            tier = self.query_one(Bullseye).selected_tier
            self._update_detail(
                Text(f"Nobody in tier {tier} yet.\nPress a to add someone here: {TIER_NAMES[tier]}.", style="italic")
            )
            return
        now = self.infoview.now()
        text = Text()
        text.append(contact.name + "\n", style="bold")
        if contact.work:
            text.append(contact.work + "\n")
        text.append(f"Tier {contact.tier}", style="bold")
        text.append(f" ({TIER_NAMES[contact.tier]})\n")
        text.append("● ", style=self._stage_style(contact.stage))
        text.append(contact.stage.label)
        if contact.stage_history:
            text.append(f", {describe_age(contact.stage_history[-1].at, now)}")
        if contact.stage is Stage.ASKED and contact.asks and contact.asks[-1].channel is not None:
            text.append(f" by {contact.asks[-1].channel.label}")
        text.append("\n")
        if contact.stage is Stage.SCHEDULED:
            planned = self.repository.planned_interview(contact.id)
            if planned is not None and planned.scheduled_at is not None:
                where = f", {planned.place}" if planned.place else ""
                text.append(
                    f"Talking {describe_moment(planned.scheduled_at, now)}, {planned.planned_minutes} min, "
                    f"{planned.mode.label}{where}\n",
                    style="bold",
                )
        if contact.how_we_know:
            text.append(f"Know them: {contact.how_we_know}\n")
        if contact.referred_by:
            referrer = self.contacts.get(contact.referred_by)
            text.append(f"Referred by {referrer.name if referrer else 'someone since deleted'}\n")
        names = [self.curiosities[cid].name for cid in contact.curiosity_ids if cid in self.curiosities]
        if names:
            text.append(f"Curious about: {', '.join(names)}\n")
        for label, values in (("Email", contact.emails), ("Phone", contact.phones), ("Link", contact.links)):
            if values:
                text.append(f"{label}: {', '.join(values)}\n")
        if contact.notes:
            text.append(contact.notes, style="italic")
        self._update_detail(text)

    def _update_detail(self, text: Text) -> None:
        """The detail box has a fixed height: a new text lays the screen out again (a whole
        repaint, most of an arrow key's time on 2,000 contacts) only when a scrollbar may come,
        go or change, that is when this text or the last did not fit."""
        detail = self.query_one("#network-detail", Static)
        lines = len(text.wrap(self.app.console, max(detail.content_region.width, 1)))
        fits = max(lines, self._detail_lines) <= detail.content_region.height
        detail.update(text, layout=not fits or not detail.content_region.width)
        self._detail_lines = lines

    # --- actions ----------------------------------------------------------------------

    def _selected(self) -> Contact | None:
        if self.searching:
            results = self._list()
            if results.highlighted is None:
                return None
            return self.contacts.get(results.ids[results.highlighted])
        marker = self.query_one(Bullseye).selected_marker
        return self.contacts.get(marker.contact_id) if marker else None

    def action_move_tier(self, step: int) -> None:
        contact = self._selected()
        if contact is None:
            self.notify("Select someone first (arrows), then + or - moves them.", severity="warning")
            return
        tier = contact.tier + step
        if tier not in TIERS:
            edge = "innermost" if step < 0 else "outermost"
            self.notify(f"{contact.name} is already in the {edge} tier.", severity="warning")
            return
        saved = self.infoview.repository.save_contact(replace(contact, tier=tier))
        self.contacts[saved.id] = saved
        self._fill_bullseye(select_id=saved.id)
        self._show_standing()
        self.mark_built()  # what the move changed is shown: no rebuild on the next visit
        self.notify(f"{saved.name} moved to tier {tier} ({TIER_NAMES[tier]}).")

    def action_add(self) -> None:
        from .contact import ContactForm

        tier = self.query_one(Bullseye).selected_tier
        self.app.push_screen(ContactForm(None, default_tier=tier), self._form_closed)

    def action_open(self) -> None:
        from .contact import ContactForm

        contact = self._selected()
        if contact is None:
            self.action_add()
            return
        self.app.push_screen(ContactForm(contact), self._form_closed)

    def _form_closed(self, outcome: str | None) -> None:
        """The form gives back the saved contact's id, "" after a delete, None if cancelled."""
        if outcome is None:
            return
        if self.searching:
            self._close_search()
        self.refresh_from_store(select_id=outcome or None)

    def action_interview(self) -> None:
        contact = self._selected()
        if contact is None:
            self.notify("Select someone first.", severity="warning")
            return
        self.post_message(flows.StartInterview(contact.id))

    def action_log_conversation(self) -> None:
        contact = self._selected()
        if contact is None:
            self.notify("Select someone first.", severity="warning")
            return
        self.post_message(flows.LogConversation(contact.id))

    def action_stage(self) -> None:
        self._reach_out(outreach.change_stage)

    def action_ask(self) -> None:
        self._reach_out(outreach.ask)

    def action_schedule(self) -> None:
        self._reach_out(outreach.plan_conversation)

    def _reach_out(self, step: Callable[..., None]) -> None:
        contact = self._selected()
        if contact is None:
            self.notify("Select someone first.", severity="warning")
            return
        step(self.infoview, contact, lambda saved: self.refresh_from_store(select_id=saved.id))

    def action_curiosities(self) -> None:
        from .curiosities import CuriositiesScreen

        self.app.push_screen(CuriositiesScreen(), self._curiosity_chosen)

    def action_filter(self) -> None:
        from .curiosities import CuriosityPicker

        self.app.push_screen(CuriosityPicker(self.curiosity_filter), self._curiosity_chosen)

    def _curiosity_chosen(self, choice: str | None) -> None:
        """None: leave as is; "" clears the filter; an id filters by that curiosity."""
        if choice is not None:
            self.curiosity_filter = choice or None
        self.refresh_from_store()  # the curiosities screen may have changed things
        if choice is None:
            return
        name = self.curiosities[choice].name if choice in self.curiosities else None
        self.notify(f"Showing people tied to {name}." if name else "Showing everyone.")

    # --- search -------------------------------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#network-search", Input)
        self.searching = True
        search.display = True
        search.focus()
        self._show_matches(search.value)

    @on(Input.Changed, "#network-search")
    def search_changed(self, event: Input.Changed) -> None:
        if self.searching:
            self._show_matches(event.value)

    def _show_matches(self, query: str) -> None:
        candidates = self._visible_contacts()
        terms = parse_query(query)
        if terms:
            # Names that match first, then companies, roles, curiosities; each alphabetical.
            found = [(rank, c) for c in candidates if (rank := search_rank(c, self.curiosities, terms)) is not None]
            ranked = [c for _, c in sorted(found, key=lambda pair: (pair[0], pair[1].name.casefold()))]
        else:
            ranked = sorted(candidates, key=lambda c: c.name.casefold())
        self._list_tier = None
        self._list().set_items([c.id for c in ranked[:SEARCH_RESULTS]], self._list_prompt_for)
        title = f"{len(ranked)} match{'es' if len(ranked) != 1 else ''}" if query.strip() else "Type to search"
        self.query_one("#network-list-title", Static).update(f"{title} (enter picks, escape closes)")
        if ranked:
            self._show_detail(ranked[0].id)

    @on(Input.Submitted, "#network-search")
    def search_submitted(self) -> None:
        results = self._list()
        if results.highlighted is None:
            self.notify("Nobody matches; try fewer letters.", severity="warning")
            return
        self._finish_search(results.ids[results.highlighted])

    def on_key(self, event: events.Key) -> None:
        # From the search field, down goes into the results.
        if self.searching and event.key == "down" and self.focused is self.query_one("#network-search", Input):
            self._list().focus()
            event.stop()

    def _finish_search(self, contact_id: str | None) -> None:
        self._close_search()
        if contact_id:
            self._fill_bullseye(select_id=contact_id)

    def _close_search(self) -> None:
        search = self.query_one("#network-search", Input)
        self.searching = False
        search.value = ""
        search.display = False
        self.query_one(Bullseye).focus()

    def action_clear(self) -> None:
        if self.searching:
            self._close_search()
            self._fill_bullseye()
        elif self.curiosity_filter:
            self._curiosity_chosen("")
