"""Add or edit a contact. ctrl+s saves, escape cancels (asking first if anything
changed), ctrl+d deletes (asking first). Mistakes are shown under the field.

Beside the fields (below them in a narrow terminal), the person's history: stage changes,
asks with the words sent, conversations (enter opens one), referrals both ways, intro
requests, follow-ups set aside (enter brings one back). Newest first."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import Suggester, SuggestFromList
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ...domain.dates import describe_age, describe_day
from ...domain.followups import bring_back
from ...domain.history import HistoryEvent, contact_history
from ...domain.model import TIER_NAMES, TIERS, Contact, Curiosity
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader
from ..widgets.too_small import MIN_WIDTH
from .base import StoreAccess
from .dialogs import AsksBeforeDiscarding, ConfirmScreen

HISTORY_BESIDE_WIDTH = 110  # narrower, the history goes below the fields
DETAIL_CHARACTERS = 240  # of an ask's words or an outcome, in the history
EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
FIELDS = ("name", "tier", "company", "role", "how_we_know", "referred_by", "curiosities", "emails", "phones", "links")


def split_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;]", text) if part.strip()]


def contact_label(contact: Contact) -> str:
    return f"{contact.name} ({contact.company})" if contact.company else contact.name


class LastItemSuggester(Suggester):
    """Completes the last comma-separated item from known names."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.names = names

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        typed = last.lstrip()
        if not typed:
            return None
        for name in self.names:
            if name.casefold().startswith(typed.casefold()):
                prefix = f"{head}, " if head else ""
                return prefix + name
        return None


@dataclass
class FormResult:
    contact: Contact
    new_curiosities: list[Curiosity]


class ContactForm(AsksBeforeDiscarding[str | None], StoreAccess):
    """Dismisses with the saved contact's id, "" after a delete, None when cancelled."""

    CSS = """
    #contact-title {
        padding: 0 2;
        margin: 0;
    }
    #contact-stage {
        padding: 0 2;
        margin: 0;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    #contact-form {
        height: 1fr;
        padding: 0 2;
    }
    #field-notes {
        height: 6;
        margin-bottom: 1;
    }
    ContactForm #contact-body { height: 1fr; layout: vertical; }
    ContactForm #contact-history-box { height: 9; padding: 0 2; border-top: solid $panel; }
    ContactForm.-history-beside #contact-body { layout: horizontal; }
    ContactForm.-history-beside #contact-history-box {
        height: 1fr; width: 45%; border-top: none; border-left: solid $panel; padding: 0 1;
    }
    ContactForm #contact-history-title { color: $text-secondary; text-style: bold; height: 1; }
    ContactForm #contact-history { height: 1fr; border: none; padding: 0; background: transparent; }
    ContactForm #contact-history:focus { background-tint: $foreground 3%; }
    ContactForm #contact-history-hint { color: $text-muted; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    discard_question = "Discard your changes to this contact?"
    HORIZONTAL_BREAKPOINTS = [
        (0, "-too-narrow"), (MIN_WIDTH, "-wide-enough"), (HISTORY_BESIDE_WIDTH, "-history-beside")
    ]  # fmt: skip

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="contact.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="contact.cancel"),
        Binding("ctrl+d", "delete", "Delete", id="contact.delete", priority=True),
        Binding("ctrl+t", "stage", "Stage", id="contact.stage", priority=True),
    ]

    def __init__(self, contact: Contact | None, default_tier: int = 4, draft: Contact | None = None) -> None:
        """draft: a new contact's fields filled in for the user to check (an introduction's)."""
        super().__init__()
        self.original = contact
        self.default_tier = draft.tier if draft and not contact else default_tier
        self.draft = draft if contact is None else None
        self._warned_about: str | None = None  # the look-alike already named once (a second ctrl+s saves)

    def compose(self) -> ComposeResult:
        repository = self.repository
        others = [c for c in repository.contacts() if not self.original or c.id != self.original.id]
        self.others = {contact_label(c).casefold(): c for c in others}
        self.others_by_name: dict[str, list[Contact]] = {}
        for other in others:
            self.others_by_name.setdefault(other.name.casefold(), []).append(other)
        self.curiosities = {c.id: c for c in repository.curiosities()}
        contact = self.original or self.draft
        referrer = next((c for c in others if contact and c.id == contact.referred_by), None)
        values = {
            "name": contact.name if contact else "",
            "tier": str(contact.tier if contact else self.default_tier),
            "company": contact.company if contact else "",
            "role": contact.role if contact else "",
            "how_we_know": contact.how_we_know if contact else "",
            "referred_by": contact_label(referrer) if referrer else "",
            "curiosities": ", ".join(
                self.curiosities[cid].name
                for cid in (contact.curiosity_ids if contact else [])
                if cid in self.curiosities
            ),
            "emails": ", ".join(contact.emails) if contact else "",
            "phones": ", ".join(contact.phones) if contact else "",
            "links": ", ".join(contact.links) if contact else "",
        }
        self.initial = dict(values, notes=contact.notes if contact else "")
        labels = {
            "name": "Name",
            "tier": "Tier (1-4)",
            "company": "Company",
            "role": "Role",
            "how_we_know": "How you know them",
            "referred_by": "Referred by",
            "curiosities": "Curiosities",
            "emails": "Email",
            "phones": "Phone",
            "links": "Links",
        }
        placeholders = {
            "name": "required",
            "referred_by": "someone already in your network",
            "curiosities": "comma-separated; new ones are created",
            "emails": "comma-separated",
            "phones": "comma-separated",
            "links": "LinkedIn, website...",
        }
        suggesters: dict[str, Suggester] = {
            "referred_by": SuggestFromList(sorted(contact_label(c) for c in others), case_sensitive=False),
            "curiosities": LastItemSuggester(sorted(c.name for c in self.curiosities.values())),
        }
        yield AppHeader()
        title = f"Edit {self.original.name}" if self.original else "New contact"
        yield Static(title, id="contact-title", classes="screen-heading", markup=False)
        yield Static(id="contact-stage", classes="form-hint", markup=False)
        with Horizontal(id="contact-body"):
            yield from self._fields(values, labels, placeholders, suggesters)
            with Vertical(id="contact-history-box"):
                yield Label("History, newest first", id="contact-history-title", markup=False)
                yield OptionList(id="contact-history")
                yield Static(id="contact-history-hint", markup=False)
        yield AppFooter()

    def _fields(
        self,
        values: dict[str, str],
        labels: dict[str, str],
        placeholders: dict[str, str],
        suggesters: dict[str, Suggester],
    ) -> ComposeResult:
        with VerticalScroll(id="contact-form"):
            for field in FIELDS:
                with Horizontal(classes="form-row"):
                    yield Label(labels[field], classes="form-label", markup=False)
                    yield Input(
                        values[field],
                        placeholder=placeholders.get(field, ""),
                        id=f"field-{field}",
                        suggester=suggesters.get(field),
                        max_length=1 if field == "tier" else 0,
                        classes="form-input",
                        # The cursor lands after what is there: the first key typed adds, never replaces.
                        select_on_focus=False,
                    )
                yield Static("", id=f"error-{field}", classes="form-error", markup=False)
                if field == "tier":
                    yield Static(self._tier_hint(values["tier"]), id="tier-hint", classes="form-hint", markup=False)
            yield Label("Notes", classes="form-label", markup=False)
            yield TextArea(self.initial["notes"], id="field-notes", soft_wrap=True, tab_behavior="focus")

    def on_mount(self) -> None:
        self.query_one("#field-name", Input).focus()
        if self.original is None:
            self.query_one("#field-tier", Input).value = str(self.default_tier)
        self._show_stage()
        self._show_history()

    def on_screen_resume(self) -> None:
        self._show_history()  # a conversation read or corrected from here, say

    # --- the history --------------------------------------------------------------------

    def _show_history(self) -> None:
        box = self.query_one("#contact-history-box", Vertical)
        box.display = self.original is not None
        if self.original is None:
            return
        repository = self.repository
        contact = repository.contact(self.original.id) or self.original
        events = contact_history(
            contact, repository.interviews_with(contact.id), repository.contacts(), repository.curiosities()
        )
        self.history = {f"event-{index}": event for index, event in enumerate(events)}
        now = self.now()
        history = self.query_one("#contact-history", OptionList)
        highlighted = history.highlighted
        history.set_options(Option(self._event_line(event, now), id=key) for key, event in self.history.items())
        if highlighted is not None and highlighted < history.option_count:
            history.highlighted = highlighted
        hint = self.query_one("#contact-history-hint", Static)
        hint.display = any(event.opens for event in self.history.values())
        hint.update("enter on ↵: read the conversation, or bring the follow-up back")

    @staticmethod
    def _event_line(event: HistoryEvent, now: datetime) -> Text:
        line = Text(no_wrap=False)
        line.append(describe_day(event.at, now), style="bold")
        line.append(f"  {event.what}")
        if event.interview_id:
            line.append("  ↵ read", style="italic")
        elif event.set_aside_key:
            line.append("  ↵ bring back", style="italic")
        detail = " ".join(event.detail.split())
        if detail:
            shown = detail if len(detail) <= DETAIL_CHARACTERS else detail[: DETAIL_CHARACTERS - 1] + "…"
            line.append(f"\n  {shown}", style="italic")
        return line

    @on(OptionList.OptionSelected, "#contact-history")
    def _history_chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = self.history.get(event.option.id or "")
        if chosen is None or self.original is None:
            return
        if chosen.interview_id:
            self._read(chosen.interview_id)
        elif chosen.set_aside_key:
            stored = self.repository.contact(self.original.id) or self.original
            self.original = self.repository.save_contact(bring_back(stored, chosen.set_aside_key))
            self.notify(f"Brought back: {chosen.what.split(': ', 1)[-1]}. It shows on Today when due.")
            self._show_history()

    def _read(self, interview_id: str) -> None:
        from .interviews import InterviewView, Row

        repository = self.repository
        interview = repository.interview(interview_id)
        if interview is None:
            return
        contact = repository.contact(interview.contact_id)
        curiosities = {c.id: c.name for c in repository.curiosities()}
        names = tuple(curiosities[c] for c in contact.curiosity_ids if c in curiosities) if contact else ()
        people = {c.id: c.name for c in repository.contacts()}
        self.app.push_screen(InterviewView(Row(interview, contact, names), people, self.now()))

    def _show_stage(self) -> None:
        line = self.query_one("#contact-stage", Static)
        contact = self.original
        line.display = contact is not None
        if contact is not None:
            now = self.now()
            since = f", {describe_age(contact.stage_history[-1].at, now)}" if contact.stage_history else ""
            line.update(f"Stage: {contact.stage.label}{since} · ctrl+t to move it on")

    def action_stage(self) -> None:
        from .. import outreach

        if self.original is None:
            self.notify("Save the new contact first (ctrl+s); then its stage can move.", severity="warning")
            return

        def moved(saved: Contact) -> None:
            # Later saves of this form start from the moved contact, so they keep the new stage.
            self.original = saved
            self._show_stage()

        outreach.change_stage(self.infoview, self.original, moved)

    @staticmethod
    def _tier_hint(value: str) -> str:
        return TIER_NAMES.get(int(value), "") if value.isdigit() else ""

    @on(Input.Changed, "#field-tier")
    def tier_changed(self, event: Input.Changed) -> None:
        self.query_one("#tier-hint", Static).update(self._tier_hint(event.value))

    @on(Input.Submitted)
    def next_field(self) -> None:
        self.focus_next()

    def _value(self, field: str) -> str:
        return self.query_one(f"#field-{field}", Input).value.strip()

    def _current(self) -> dict[str, str]:
        values = {field: self._value(field) for field in FIELDS}
        values["notes"] = self.query_one("#field-notes", TextArea).text
        return values

    def has_unsaved_text(self) -> bool:
        return self._changed()

    def _changed(self) -> bool:
        current = self._current()
        return any(current[key] != self.initial[key].strip() if key != "notes" else current[key] != self.initial[key]
                   for key in current)  # fmt: skip

    # --- validation -----------------------------------------------------------------------

    def _validate(self) -> FormResult | None:
        errors: dict[str, str] = {}
        name = self._value("name")
        if not name:
            errors["name"] = "A name is needed (a first name is enough)."
        tier_text = self._value("tier")
        if not tier_text.isdigit() or int(tier_text) not in TIERS:
            errors["tier"] = "Tier is 1, 2, 3 or 4: 1 for close friends and family, 4 for acquaintances."
        emails = split_list(self._value("emails"))
        wrong = [email for email in emails if not EMAIL.match(email)]
        if wrong:
            errors["emails"] = f"Not an email address: {', '.join(wrong)} (expected name@example.org)."
        referrer_id = None
        referred = self._value("referred_by")
        if referred:
            match = self.others.get(referred.casefold())
            same_name = self.others_by_name.get(referred.casefold(), [])
            if match is None and len(same_name) == 1:
                match = same_name[0]
            if match is None:
                errors["referred_by"] = (
                    f"Several people are called {referred}; pick one with their company, e.g. "
                    f"'{contact_label(same_name[0])}'."
                    if same_name
                    else f"Nobody called {referred!r} yet; add them first, or leave this empty."
                )
            else:
                referrer_id = match.id
        for field in FIELDS:
            error = self.query_one(f"#error-{field}", Static)
            error.update(errors.get(field, ""))
            error.set_class(field in errors, "-shown")
        if errors:
            first = next(field for field in FIELDS if field in errors)
            self.query_one(f"#field-{first}", Input).focus()
            self.notify(f"Please correct {len(errors)} field{'s' if len(errors) > 1 else ''}.", severity="warning")
            return None

        by_name = {c.name.casefold(): c for c in self.curiosities.values()}
        curiosity_ids: list[str] = []
        new_curiosities: list[Curiosity] = []
        for curiosity_name in split_list(self._value("curiosities")):
            known = by_name.get(curiosity_name.casefold())
            if known is None:
                known = by_name[curiosity_name.casefold()] = Curiosity(name=curiosity_name)
                new_curiosities.append(known)
            if known.id not in curiosity_ids:
                curiosity_ids.append(known.id)
        fields = dict(
            name=name,
            tier=int(tier_text),
            company=self._value("company"),
            role=self._value("role"),
            how_we_know=self._value("how_we_know"),
            referred_by=referrer_id,
            curiosity_ids=curiosity_ids,
            emails=emails,
            phones=split_list(self._value("phones")),
            links=split_list(self._value("links")),
            notes=self.query_one("#field-notes", TextArea).text,
        )
        # What the form does not show (asks, stage history, follow-ups...) comes from the
        # contact as stored now: a merge or another screen may have changed it since the
        # form opened, and the copy taken then must not write over that.
        base = (self.repository.contact(self.original.id) or self.original) if self.original else None
        contact = replace(base, **fields) if base else Contact(**fields)  # type: ignore[arg-type]  # the form's fields are Contact's, by name
        return FormResult(contact, new_curiosities)

    # --- actions ----------------------------------------------------------------------

    def action_save(self) -> None:
        result = self._validate()
        if result is None:
            return
        existing = self._already_there(result.contact) if self.original is None else None
        if existing is not None and existing.id != self._warned_about:  # said once; ctrl+s again saves a second one
            self._warned_about = existing.id
            self._offer_to_open(existing)
            return
        self._store(result)

    def _already_there(self, new: Contact) -> Contact | None:
        """Someone already in the network with this name, or one of these email addresses."""
        same_name = self.others_by_name.get(new.name.casefold(), [])
        if same_name:
            return same_name[0]
        emails = {email.casefold() for email in new.emails}
        return next(
            (other for other in self.others.values() if emails & {email.casefold() for email in other.emails}), None
        )

    def _offer_to_open(self, existing: Contact) -> None:
        known = " · ".join(
            part for part in (f"tier {existing.tier}", existing.work, ", ".join(existing.emails)) if part
        )
        question = (
            f"{existing.name} is already in your network ({known}). Open theirs? "
            "What you typed here is dropped. Or go back (n) to change it; ctrl+s then saves a second one."
        )
        app = self.app

        def answered(open_theirs: bool | None) -> None:
            if open_theirs:
                self.dismiss(existing.id)
                app.push_screen(ContactForm(existing))

        app.push_screen(ConfirmScreen(question, "Open theirs", "Back to the form"), answered)

    def _store(self, result: FormResult) -> None:
        repository = self.repository
        for curiosity in result.new_curiosities:
            repository.save_curiosity(curiosity)
        saved = repository.save_contact(result.contact)
        created = (
            f" New curiosit{'ies' if len(result.new_curiosities) > 1 else 'y'}: "
            + ", ".join(c.name for c in result.new_curiosities)
            if result.new_curiosities
            else ""
        )
        self.notify(f"Saved {saved.name} (tier {saved.tier}).{created}")
        self.dismiss(saved.id)

    def action_delete(self) -> None:
        contact = self.original
        if contact is None:
            self.notify("This contact is not saved yet; escape discards it.", severity="warning")
            return
        interviews = len(self.repository.interviews_with(contact.id))
        kept = (
            f" Their {interviews} interview{'s stay' if interviews != 1 else ' stays'} readable under their name."
            if interviews
            else ""
        )

        def answered(delete: bool | None) -> None:
            if delete:
                self.repository.delete_contact(contact.id)
                self.notify(f"Deleted {contact.name}.")
                self.dismiss("")

        self.app.push_screen(ConfirmScreen(f"Delete {contact.name}?{kept}", "Delete", "Keep"), answered)
