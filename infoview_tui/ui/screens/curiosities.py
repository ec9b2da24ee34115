"""Curiosities: the fields of work the user wants to explore. For each, who does that
work, and whom the user asked "do you know anyone in X?" (with when, and what came of
it). A curiosity with nobody yet is flagged: that is where to ask for introductions."""

from __future__ import annotations

from dataclasses import replace

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.dates import describe_age
from ...domain.introductions import introduced_person
from ...domain.model import Contact, Curiosity, IntroRequest
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader
from .base import StoreAccess
from .contact import ContactForm, contact_label
from .dialogs import ConfirmScreen, TextPrompt


class CuriosityPicker(ModalScreen[str | None], StoreAccess):
    """Pick a curiosity to filter by: its id, "" for everyone, None if escaped."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="picker.cancel")]

    def __init__(self, current: str | None) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        repository = self.repository
        contacts = repository.contacts()
        options = [Option(Text(f"Everyone ({len(contacts)})"), id="")]
        for curiosity in sorted(repository.curiosities(), key=lambda c: c.name.casefold()):
            count = sum(1 for contact in contacts if curiosity.id in contact.curiosity_ids)
            options.append(
                Option(Text(f"{curiosity.name} ({count})", no_wrap=True, overflow="ellipsis"), id=curiosity.id)
            )
        with Vertical(id="picker-dialog"):
            yield Label("Show people tied to which curiosity?", id="picker-title", markup=False)
            yield OptionList(*options, id="picker-list")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        if self.current:
            option_list.highlighted = option_list.get_option_index(self.current)

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id or "")


class CuriositiesScreen(Screen[str | None], StoreAccess):
    """Dismisses with a curiosity id to filter the network by, or None."""

    CSS = """
    #curiosities-title {
        padding: 0 2;
    }
    #curiosities-main {
        height: 1fr;
        padding: 0 1;
    }
    #curiosities-list {
        width: 2fr;
        height: 1fr;
    }
    #curiosities-detail {
        width: 3fr;
        height: 1fr;
        padding: 0 1;
        overflow-y: auto;
    }
    #curiosities-list {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back", id="curiosities.back"),
        Binding("a", "add", "Add curiosity", id="curiosities.add"),
        Binding("r", "record_ask", "Asked someone", id="curiosities.ask"),
        Binding("o", "outcome", "Outcome", id="curiosities.outcome"),
        Binding("enter", "show_in_network", "Show in network", id="curiosities.show", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static(
            "Curiosities: work that piques your curiosity",
            classes="screen-heading",
            id="curiosities-title",
            markup=False,
        )
        with Horizontal(id="curiosities-main"):
            yield OptionList(id="curiosities-list")
            yield Static(id="curiosities-detail", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        self.reload()

    def reload(self, select: str | None = None) -> None:
        repository = self.repository
        self.contacts: dict[str, Contact] = {c.id: c for c in repository.contacts()}
        self.items = sorted(repository.curiosities(), key=lambda c: c.name.casefold())
        option_list = self.query_one("#curiosities-list", OptionList)
        previous = select or (option_list.highlighted_option.id if option_list.highlighted_option else None)
        option_list.clear_options()
        for curiosity in self.items:
            people = self._people(curiosity)
            line = Text(no_wrap=True, overflow="ellipsis")
            if people:
                line.append(f"{curiosity.name}  ")
                line.append(f"{len(people)} doing it", style="dim")
            else:
                flag = Style(color=self.app.current_theme.warning, bold=True)
                line.append("! ", style=flag)
                line.append(f"{curiosity.name}  ")
                line.append("nobody yet: ask for intros", style=flag + Style(italic=True, bold=False))
            option_list.add_option(Option(line, id=curiosity.id))
        if not self.items:
            self.query_one("#curiosities-detail", Static).update(
                "No curiosities yet. Press a to add a field of work you want to explore, "
                "e.g. UX research or hospital administration."
            )
            return
        index = next((i for i, c in enumerate(self.items) if c.id == previous), 0)
        option_list.highlighted = index
        option_list.focus()

    def _people(self, curiosity: Curiosity) -> list[Contact]:
        return sorted(
            (c for c in self.contacts.values() if curiosity.id in c.curiosity_ids), key=lambda c: (c.tier, c.name)
        )

    def _selected(self) -> Curiosity | None:
        option = self.query_one("#curiosities-list", OptionList).highlighted_option
        return next((c for c in self.items if option and c.id == option.id), None)

    @on(OptionList.OptionHighlighted)
    def highlighted(self) -> None:
        curiosity = self._selected()
        if curiosity is None:
            return
        now = self.now()
        text = Text()
        text.append(curiosity.name + "\n", style="bold")
        if curiosity.description:
            text.append(curiosity.description + "\n", style="italic")
        people = self._people(curiosity)
        text.append("\nWho does this work\n", style="bold")
        if people:
            for person in people:
                text.append(f"  tier {person.tier}  {person.name}")
                text.append(f"  {person.role}\n" if person.role else "\n", style="dim")
        else:
            text.append("  Nobody yet. Ask people you know: do you know anyone in this? (r)\n", style="italic")
        text.append("\nAsked for introductions\n", style="bold")
        if curiosity.intro_requests:
            for request in curiosity.intro_requests:
                who = self.contacts.get(request.contact_id)
                text.append(f"  {describe_age(request.asked_at, now)}: {who.name if who else 'a deleted contact'}")
                text.append(f", {request.outcome}\n" if request.outcome else ", no answer yet\n", style="dim")
        else:
            text.append("  Nobody asked yet.\n", style="dim")
        text.append("\nenter shows these people in the network", style="dim")
        self.query_one("#curiosities-detail", Static).update(text)

    @on(OptionList.OptionSelected)
    def chosen(self) -> None:
        self.action_show_in_network()

    def action_show_in_network(self) -> None:
        curiosity = self._selected()
        if curiosity is not None:
            self.dismiss(curiosity.id)

    def action_add(self) -> None:
        def added(name: str | None) -> None:
            if not name:
                return
            if any(c.name.casefold() == name.casefold() for c in self.items):
                self.notify(f"{name} is already on the list.", severity="warning")
                return
            curiosity = self.repository.save_curiosity(Curiosity(name=name))
            self.notify(f"Added {name}. Now: who do you know who does it, or knows someone who does?")
            self.reload(select=curiosity.id)

        self.app.push_screen(TextPrompt("A field of work you want to explore", placeholder="e.g. UX research"), added)

    def action_record_ask(self) -> None:
        curiosity = self._selected()
        if curiosity is None:
            self.notify("Add a curiosity first (a).", severity="warning")
            return
        labels = {contact_label(c): c for c in self.contacts.values()}
        suggestions = sorted(labels)

        def asked(label: str | None) -> None:
            if not label:
                return
            contact = labels.get(label) or next(
                (c for c in self.contacts.values() if c.name.casefold() == label.casefold()), None
            )
            if contact is None:
                # What enter submits is what the field showed: the completion the suggester
                # offered (SuggestFromList: the first, in this order, starting with the text typed).
                shown = next((known for known in suggestions if known.casefold().startswith(label.casefold())), None)
                contact = labels[shown] if shown else None
            if contact is None:
                self.notify(f"Nobody called {label!r}; add them in the network first (F3, a).", severity="error")
                return
            request = IntroRequest(contact.id, self.now())
            self.repository.save_curiosity(replace(curiosity, intro_requests=[*curiosity.intro_requests, request]))
            self.notify(f"Noted: you asked {contact.name} about {curiosity.name}.")
            self.reload(select=curiosity.id)

        self.app.push_screen(
            TextPrompt(f"Whom did you ask: do you know anyone in {curiosity.name}?", suggestions), asked
        )

    def action_outcome(self) -> None:
        curiosity = self._selected()
        if curiosity is None or not curiosity.intro_requests:
            self.notify("Record an ask first (r).", severity="warning")
            return
        last = curiosity.intro_requests[-1]
        who = self.contacts.get(last.contact_id)

        def answered(outcome: str | None) -> None:
            if not outcome:
                return
            requests = [*curiosity.intro_requests[:-1], replace(last, outcome=outcome)]
            self.repository.save_curiosity(replace(curiosity, intro_requests=requests))
            self.notify("Outcome saved.")
            self.reload(select=curiosity.id)
            self._offer_to_add(outcome, who, curiosity)

        self.app.push_screen(
            TextPrompt(
                f"What came of asking {who.name if who else 'them'}?",
                placeholder="e.g. introduced me to Sam Ortiz at SunPower",
                value=last.outcome,
            ),
            answered,
        )

    def _offer_to_add(self, outcome: str, introducer: Contact | None, curiosity: Curiosity) -> None:
        """An introduction names a person: offer to add them (tier 4, referred by whoever
        introduced them, tied to this curiosity), checked in the contact form first."""
        introduced = introduced_person(outcome)
        if introduced is None:
            return
        known = [c for c in self.contacts.values() if c.name.casefold() == introduced.name.casefold()]
        if known:
            self.notify(f"{introduced.name} is already in your network.")
            return
        draft = Contact(
            name=introduced.name,
            tier=4,
            company=introduced.company,
            how_we_know=f"introduced by {introducer.name}" if introducer else "an introduction",
            referred_by=introducer.id if introducer else None,
            curiosity_ids=[curiosity.id],
        )
        at = f" ({introduced.company})" if introduced.company else ""
        by = f", referred by {introducer.name}" if introducer else ""

        def answered(add: bool | None) -> None:
            if add:
                self.app.push_screen(ContactForm(None, draft=draft), added)

        def added(contact_id: str | None) -> None:
            if contact_id:
                self.reload(select=curiosity.id)

        question = (
            f"Add {introduced.name}{at} to your network? Tier 4{by}, tied to {curiosity.name}; you check it first."
        )
        self.app.push_screen(ConfirmScreen(question, "Add", "Not now"), answered)
