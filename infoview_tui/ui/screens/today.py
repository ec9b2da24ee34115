"""Today: what to do today, and where the user stands.

The agenda lists this week's conversations (enter starts one), the follow-ups due and
overdue (computed from what happened; enter does it, x sets it aside) and who to ask
next (enter writes the ask). Above it: progress toward the target and the tiers; below
it, the curiosity brainstorm, the seed's first step.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.agenda import Agenda, build_agenda, passed_unheld
from ...domain.brainstorm import in_use, names_in, sync_pad
from ...domain.dates import describe_age, describe_day, describe_moment
from ...domain.followups import FollowUp, FollowUpKind
from ...domain.model import TIERS, Contact, Curiosity, Interview, InterviewStatus
from ...domain.pipeline import tier_standing
from ...domain.text import clean_text, size_in_words
from ...store.schema import CONTACTS, CURIOSITIES, INTERVIEWS, SETTINGS
from .. import flows
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader
from .base import InfoviewScreen

if TYPE_CHECKING:  # imported with the body, after the first frame (_mount_body)
    from textual.widgets import ProgressBar, TextArea

# Follow-up lines built at a time: a screen shows a dozen; a LinkedIn-sized network can have
# hundreds due, and each line built (and measured for wrapping) cost the first paint.
FOLLOW_UPS_PER_PAGE = 40
MORE_FOLLOW_UPS = "more:follow_ups"
# What enter on a follow-up opens (ui/outreach.py do_follow_up): the hint said what it ends in
# ("enter: thanked"), though nothing is recorded until the message is saved.
ENTER_DOES = {
    FollowUpKind.THANK_YOU: "write the thank-you",
    FollowUpKind.KEEP_IN_TOUCH: "write the update",
    FollowUpKind.FOLLOW_UP_ASK: "write the follow-up",
    FollowUpKind.REACH_REFERRAL: "write the ask",
    FollowUpKind.ASK_SOMEONE_ELSE: "write to the second person",
}


@dataclass(frozen=True)
class AgendaItem:
    interview: Interview | None = None
    follow_up: FollowUp | None = None
    contact: Contact | None = None  # who next
    more: int = 0  # the line that shows this many more follow-ups


NETWORK_LINE_CELLS = 76  # Today's text width at 80 columns


class AgendaList(OptionList):
    """The agenda: enter does the highlighted line, and the footer says so. OptionList's own
    enter is hidden from the footer, and hid Today's "⏎ Do it" while the agenda had the focus
    (the hint below it still said "enter: write the ask"). Same id as Today's binding: a key
    the user maps to "today.do" does both."""

    BINDINGS = [Binding("enter", "select", "Do it", id="today.do")]


class TodayScreen(InfoviewScreen):
    shows = (CONTACTS, INTERVIEWS, CURIOSITIES, SETTINGS)
    BINDINGS = [
        Binding("enter", "do_it", "Do it", id="today.do"),
        Binding("x", "set_aside", "Set aside", id="today.set_aside"),
        Binding("b", "brainstorm", "Brainstorm", id="today.brainstorm"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.agenda: dict[str, AgendaItem] = {}
        self._pad_names: list[str] = []  # the brainstorm lines the curiosities last agreed with
        self.people: dict[str, Contact] = {}
        self._follow_ups_shown = FOLLOW_UPS_PER_PAGE
        self._last_agenda: Agenda | None = None  # what the follow-up page's "more" line adds from
        self._pad: TextArea | None = None  # the brainstorm, once the body is mounted
        self._progress: ProgressBar | None = None
        self._progress_count: Label | None = None
        self._under_a_dialog = False  # suspended by a dialog over Today, not by another screen

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="today"):  # the body comes after the first frame: _mount_body
            repository = self.infoview.repository
            if not repository.loaded:  # a big file, read after the first frame (InfoviewApp._read_the_file)
                name = clean_text(repository.path.name)  # a file's name may hold control characters
                yield Static(f"Opening {name} ({_megabytes(repository.path)})…", id="today-opening", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        # (Textual also runs InfoviewScreen.on_mount: handlers are called along the MRO.)
        self.build_after_first_paint(self._focus_where_work_is)

    @property
    def body_mounted(self) -> bool:
        return self._pad is not None

    def _mount_body(self) -> None:
        """The body, mounted by the first build (refresh_from_store), after the first frame:
        the first frame is the header and footer alone, as quick as a bare Textual app's
        (the body's widgets, the text area's module and their styles were 20-30 ms of it,
        issue #14). Filled in the same step, before it is ever drawn: no empty frame."""
        if self._pad is not None:
            return
        from textual.widgets import ProgressBar, TextArea

        self.query("#today-opening").remove()

        stored = self.infoview.repository.settings().brainstorm
        self._pad = TextArea(
            id="brainstorm",
            soft_wrap=True,
            tab_behavior="focus",
            placeholder="e.g. UX research, hospital administration, woodworking school",
        )
        self._pad_names = names_in(stored)  # the curiosities the pad and the records agree on
        # Children given to a container are mounted when it composes, later: kept to be filled now.
        self._progress = ProgressBar(total=36, show_eta=False, show_percentage=False, id="today-progress")
        self._progress_count = Label(id="today-progress-count", markup=False)
        body: list[Widget] = [
            Static(id="today-date", classes="screen-heading", markup=False),
            Horizontal(
                Label("Interviews done", id="today-progress-label", markup=False),
                self._progress,
                self._progress_count,
                id="today-progress-row",
            ),
            Static(id="today-network", markup=False),
            Static(id="today-standing", markup=False),
            Static(id="today-last", markup=False),
            AgendaList(id="today-agenda"),
            Static(id="today-agenda-hint", classes="hint", markup=False),
            Static(id="today-next-step", classes="hint", markup=False),
            Label("Work that piques my curiosity (one idea a line)", id="brainstorm-label", markup=False),
            self._pad,
        ]
        self.query_one("#today", Vertical).mount_all(body)
        self._pad.load_text(stored)

    def _focus_where_work_is(self) -> None:
        agenda = self.query_one("#today-agenda", OptionList)
        (agenda if agenda.display or self._pad is None else self._pad).focus()

    def refresh_from_store(self, keep_place: bool = False) -> None:
        """keep_place: after an action here, stay on the same line; coming back to Today,
        start at the top (the most pressing thing)."""
        self._mount_body()
        repository = self.infoview.repository
        settings = repository.settings()
        now = self.infoview.now()
        self.query_one("#today-date", Static).update(f"Today, {now:%A} {now.day} {now:%B}")

        done = repository.count_interviews(InterviewStatus.DONE)
        progress, progress_count = self._progress, self._progress_count
        assert progress is not None and progress_count is not None  # mounted above
        progress.update(total=settings.target_interviews, progress=min(done, settings.target_interviews))
        planned = repository.count_interviews(InterviewStatus.PLANNED)
        count = f"{done} of {settings.target_interviews}"
        progress_count.update(f"{count} · {planned} planned" if planned else count)

        contacts = repository.contacts()
        per_tier = Counter(contact.tier for contact in contacts)
        tiers = " · ".join(f"tier {tier}: {per_tier.get(tier, 0):,}" for tier in TIERS)
        people = f"Network: {len(contacts):,} contact{'s' if len(contacts) != 1 else ''}"
        line = f"{people}  ({tiers})"
        # Too long for 80 columns (a big network), the tiers get a line of their own rather than
        # being wrapped wherever the edge falls ("… · tier" / "4: 13989)").
        self.query_one("#today-network", Static).update(
            line if len(line) <= NETWORK_LINE_CELLS else f"{people}\n{tiers}"
        )
        standing = self.query_one("#today-standing", Static)
        standing.update(tier_standing(contacts).message if contacts else "")
        standing.display = bool(contacts)
        next_step = self.query_one("#today-next-step", Static)
        next_step.update(self._next_step(len(contacts), done))
        next_step.display = not contacts  # afterwards the agenda guides
        self.query_one("#today-last", Static).update(self._last_conversation(now))
        agenda = build_agenda(contacts, repository.interview_outlines(), repository.curiosities(), now)
        if not keep_place:
            self._follow_ups_shown = FOLLOW_UPS_PER_PAGE
        self._fill_agenda(contacts, agenda, now, keep_place)

        self._show_pad(settings.brainstorm)
        self.mark_built(agenda.holds_until)

    # --- the agenda -------------------------------------------------------------------

    def _fill_agenda(self, contacts: list[Contact], agenda_now: Agenda, now: datetime, keep_place: bool) -> None:
        agenda = self.query_one("#today-agenda", OptionList)
        highlighted = agenda.highlighted_option.id if agenda.highlighted_option and keep_place else None
        if highlighted == MORE_FOLLOW_UPS:
            highlighted = None  # after "more": on the first line it added, at the same height
        place = agenda.highlighted or 0
        self.agenda = {}
        self._last_agenda = agenda_now
        options: list[Option] = []
        self.query_one("#today").set_class(bool(contacts), "-has-agenda")
        if not contacts:
            agenda.clear_options()
            agenda.display = False
            self._show_hint()
            return
        self.people = {contact.id: contact for contact in contacts}

        conversations = agenda_now.conversations
        options.append(self._heading(f"Conversations this week ({len(conversations)})"))
        for interview in conversations:
            option_id = f"interview:{interview.id}"
            self.agenda[option_id] = AgendaItem(interview=interview)
            options.append(Option(self._interview_line(interview, self.people, now), id=option_id))
        if not conversations:
            options.append(self._note("None yet. Ask someone (F3, m), then set the time (t)."))

        due = agenda_now.follow_ups
        options.append(self._heading(f"Follow-ups due ({len(due)})"))
        for follow_up in due[: self._follow_ups_shown]:
            option_id = f"follow_up:{follow_up.contact_id}:{follow_up.key}"
            self.agenda[option_id] = AgendaItem(follow_up=follow_up)
            options.append(Option(self._follow_up_line(follow_up, now), id=option_id))
        if len(due) > self._follow_ups_shown:
            more = min(FOLLOW_UPS_PER_PAGE, len(due) - self._follow_ups_shown)
            self.agenda[MORE_FOLLOW_UPS] = AgendaItem(more=more)
            line = Text(f" … {len(due) - self._follow_ups_shown} more due", style="italic")
            options.append(Option(line, id=MORE_FOLLOW_UPS))
        if not due:
            options.append(self._note("Nothing due today."))

        suggestion = agenda_now.who_next
        if suggestion is not None:
            options.append(self._heading("Who next"))
            option_id = f"who_next:{suggestion.contact.id}"
            self.agenda[option_id] = AgendaItem(contact=suggestion.contact)
            line = Text.assemble(" ", (suggestion.contact.name, "bold"), f" ({suggestion.why})")
            options.append(Option(line, id=option_id))

        if not agenda.display:
            # The first people just arrived (added or imported): what to do now is the agenda.
            agenda.display = True
            agenda.focus()
        agenda.set_options(options)
        ids = [o.id for o in options if not o.disabled]
        if highlighted in ids:
            agenda.highlighted = agenda.get_option_index(highlighted)  # type: ignore[arg-type]  # ids of options that have one
        elif keep_place and ids:
            # The line just done is gone: stay at the same height, on the next line to do.
            later = [i for i in ids if agenda.get_option_index(i) >= place]  # type: ignore[arg-type]  # ids of options that have one
            agenda.highlighted = agenda.get_option_index(later[0] if later else ids[-1])  # type: ignore[arg-type]  # ids of options that have one
        elif ids:
            agenda.highlighted = agenda.get_option_index(ids[0])  # type: ignore[arg-type]  # ids of options that have one
        self._show_hint()

    @on(OptionList.OptionHighlighted, "#today-agenda")
    def _show_hint(self) -> None:
        """What enter (and x) will do: on the highlighted line, or in the brainstorm when it has the focus."""
        item = self._chosen()
        hint = self.query_one("#today-agenda-hint", Static)
        if self._in_pad():
            agenda_shown = self.query_one("#today-agenda", OptionList).display
            hint.update(
                "In the brainstorm: enter starts a new line" + (" · shift+tab: the agenda" if agenda_shown else "")
            )
            hint.display = True
            return
        hint.display = item is not None
        if item is None:
            return
        if item.interview is not None:
            # From the contacts the agenda was built from: this runs on every arrow key.
            contact = self.people.get(item.interview.contact_id)
            name = contact.name.split()[0] if contact else "them"
            if item.interview.status is InterviewStatus.IN_PROGRESS:
                hint.update(f"enter: back to the conversation with {name} (or F8)")
            else:
                hint.update(f"enter: start the conversation with {name} · x: call it off")
        elif item.follow_up is not None:
            hint.update(f"enter: {ENTER_DOES[item.follow_up.kind]} · x: set aside")
        elif item.more:
            hint.update(f"enter: show {item.more} more")
        else:
            hint.update("enter: write the ask")

    @on(events.DescendantFocus)
    def _focus_moved(self) -> None:
        self._show_hint()

    def on_screen_resume(self) -> None:
        """Coming back to Today starts at the agenda, on its first line (the most pressing
        thing), when it has something on it. (InfoviewScreen's handler runs next: it
        rebuilds the screen only if what it shows changed.) Back from a dialog opened over
        Today (cancelled, or Help), the agenda stays where the user was."""
        if self._under_a_dialog:
            self._under_a_dialog = False
            return
        if not self.body_mounted:
            return  # the first build focuses where the work is
        agenda = self.query_one("#today-agenda", OptionList)
        if agenda.display and agenda.option_count:
            agenda.focus()
            first = next((index for index, option in enumerate(agenda.options) if not option.disabled), None)
            if first is not None:
                agenda.highlighted = first

    @staticmethod
    def _heading(text: str) -> Option:
        return Option(Text(text, style="bold"), disabled=True)

    @staticmethod
    def _note(text: str) -> Option:
        return Option(Text(f" {text}", style="italic"), disabled=True)

    @staticmethod
    def _interview_line(interview: Interview, people: dict[str, Contact], now: datetime) -> Text:
        contact = people.get(interview.contact_id)
        name = interview.person(contact)
        line = Text(" ")
        if interview.status is InterviewStatus.IN_PROGRESS:
            line.append("under way ", style="bold")
        elif interview.scheduled_at is not None:
            line.append(f"{describe_moment(interview.scheduled_at, now)} ", style="bold")
            if passed_unheld(interview, now):
                line.append("(passed, not held) ", style="italic")
        line.append(name)
        details = [f"{interview.planned_minutes} min", interview.mode.label]
        if interview.place:
            details.append(interview.place)
        line.append(f" · {', '.join(details)}")
        return line

    @staticmethod
    def _follow_up_line(follow_up: FollowUp, now: datetime) -> Text:
        when = describe_age(follow_up.due, now)
        line = Text(" ")
        line.append(when, style="bold")
        line.append(f"  {follow_up.message}")
        return line

    def _chosen(self) -> AgendaItem | None:
        if not self.body_mounted:
            return None
        agenda = self.query_one("#today-agenda", OptionList)
        option = agenda.highlighted_option
        return self.agenda.get(option.id) if option and option.id else None

    @on(OptionList.OptionSelected, "#today-agenda")
    def action_do_it(self) -> None:
        item = self._chosen()
        if item is None:
            return
        from .. import outreach  # imported at the first use: off the first frame's path (issue #14)

        app = self.infoview
        if item.interview is not None:
            self.post_message(flows.StartInterview(item.interview.contact_id))
        elif item.follow_up is not None:
            outreach.do_follow_up(app, item.follow_up, lambda _: self.refresh_from_store(keep_place=True))
        elif item.contact is not None:
            outreach.ask(app, item.contact, lambda _: self.refresh_from_store(keep_place=True))
        elif item.more:
            self._show_more_follow_ups()

    def _show_more_follow_ups(self) -> None:
        """The next page of follow-up lines, from the agenda already computed; the
        highlight stays at the same height, on the first line added."""
        if self._last_agenda is None:
            return
        self._follow_ups_shown += FOLLOW_UPS_PER_PAGE
        self._fill_agenda(list(self.people.values()), self._last_agenda, self.now(), keep_place=True)

    def action_set_aside(self) -> None:
        from .. import outreach  # imported at the first use: off the first frame's path (issue #14)

        item = self._chosen()
        if item is not None and item.interview is not None and item.interview.status is InterviewStatus.PLANNED:
            outreach.call_off(self.infoview, item.interview.id, lambda: self.refresh_from_store(keep_place=True))
            return
        if item is None or item.follow_up is None:
            self.notify("Only a follow-up can be set aside (highlight one first).", severity="warning")
            return
        outreach.set_aside(self.infoview, item.follow_up, lambda _: self.refresh_from_store(keep_place=True))

    def action_brainstorm(self) -> None:
        pad = self._pad
        if pad is None:
            return
        pad.focus()
        pad.move_cursor(pad.document.end)  # b is for adding an idea: after the last one,
        if pad.document.end[1]:  # on a line of its own (typed onto the last line, it renamed that idea)
            pad.insert("\n", maintain_selection_offset=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Typing in the brainstorm must not trigger x or b; enter there is a new line.
        if action in ("do_it", "set_aside", "brainstorm") and self._in_pad():
            return False
        return True

    def _in_pad(self) -> bool:
        return self._pad is not None and self.focused is self._pad

    def _last_conversation(self, now: datetime) -> str:
        repository = self.infoview.repository
        latest = repository.latest_finished_interview()
        if latest is None or latest.finished_at is None:
            return ""
        contact = repository.contact(latest.contact_id)
        name = latest.person(contact)
        minutes = round(latest.elapsed_seconds / 60)
        referrals = len(latest.referrals)
        line = f"Last conversation: {name}, {describe_day(latest.finished_at, now)} ({minutes} min"
        line += f", {referrals} referral{'s' if referrals != 1 else ''})" if referrals else ")"
        days_ago = (now.date() - latest.finished_at.astimezone(now.tzinfo).date()).days
        first_name = name.split()[0]
        if days_ago == 0:
            line += f". Thank {first_name} tomorrow."
        elif days_ago == 1:
            line += f". Thank {first_name} today."
        return line

    @staticmethod
    def _next_step(contacts: int, done: int) -> str:
        if contacts == 0:
            return (
                "Start where the method starts: list below the work that piques your curiosity. "
                "Then find people doing it, beginning with tier 1, your close friends and family: "
                "F3 then a adds someone; ctrl+p, Import contacts, brings in a LinkedIn, Google or phone export."
            )
        if done == 0:
            return "Ask someone from tier 1 for 30 to 60 minutes of their time; in person is best."
        return "Keep going: several dozen conversations is the aim. Inner tiers first, then move out."

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        # By its handler's name, not @on(TextArea.Changed): the class is imported with the body.
        if event.text_area is self._pad:
            self.save_brainstorm(event.text_area.text)

    def save_brainstorm(self, text: str) -> None:
        repository = self.infoview.repository
        settings = repository.settings()
        if settings.brainstorm != text:
            repository.save_settings(replace(settings, brainstorm=text))

    # --- the pad is the list of curiosities (domain/brainstorm.py) --------------------------

    def _show_pad(self, stored: str) -> None:
        """The pad as stored, with curiosities added elsewhere (the network's c, a contact's
        form) as lines of their own."""
        pad = self._pad
        assert pad is not None  # shown by refresh_from_store, which mounts the body first
        if pad.text != stored:  # changed under us (a reload, a merge)
            pad.load_text(stored)
        repository = self.infoview.repository
        plan = sync_pad(pad.text, [*self._pad_names, *names_in(pad.text)], repository.curiosities(), ())
        if plan.text != pad.text:
            pad.load_text(plan.text)
            repository.save_settings(replace(repository.settings(), brainstorm=plan.text))
        self._pad_names = sorted({*self._pad_names, *names_in(plan.text)}, key=str.casefold)

    @on(events.DescendantBlur, "#brainstorm")
    def _pad_left(self) -> None:
        self._sync_pad(ask=True)

    def on_screen_suspend(self) -> None:
        # A dialog goes on top of Today (Today stays below it); F3-F6 show another screen stack.
        self._under_a_dialog = self in self.app.screen_stack and self.app.screen is not self
        self._sync_pad(ask=False)  # asking waits until the user is back on the pad

    def sync_brainstorm(self) -> None:
        """Lines typed become curiosities now, as when the pad is left (the app quits)."""
        self._sync_pad(ask=False)

    def _sync_pad(self, *, ask: bool) -> None:
        """Lines typed become curiosities; a line taken out takes its curiosity away when
        nothing points to it, and asks first when people or intro requests do."""
        repository = self.infoview.repository
        pad = self._pad
        if pad is None:  # left before the body was mounted: nothing was typed in it
            return
        curiosities = repository.curiosities()
        plan = sync_pad(pad.text, self._pad_names, curiosities, ())
        if plan.to_remove or plan.to_ask:
            # Only a line taken out asks whether people point to its curiosity: leaving Today
            # no longer reads every contact (2,000 of them: most of the switch).
            plan = sync_pad(pad.text, self._pad_names, curiosities, repository.contacts())
        if plan.to_add or plan.to_remove:  # (an empty edit would still count as one, and save)
            with repository.together():
                for name in plan.to_add:
                    repository.save_curiosity(Curiosity(name=name))
                for gone in plan.to_remove:
                    repository.delete_curiosity(gone.id)
        self._pad_names = [*names_in(pad.text), *(c.name for c in plan.to_ask)]
        if plan.to_add:
            self.notify(f"New curiosit{'ies' if len(plan.to_add) > 1 else 'y'}: {', '.join(plan.to_add)}.")
        if ask and plan.to_ask:
            self._ask_to_remove(plan.to_ask)

    def _ask_to_remove(self, waiting: list[Curiosity]) -> None:
        curiosity, rest = waiting[0], waiting[1:]
        repository = self.infoview.repository
        people = in_use(curiosity, repository.contacts()) - len(curiosity.intro_requests)
        requests = len(curiosity.intro_requests)
        uses = " and ".join(
            part
            for part in (
                f"{people} {'person' if people == 1 else 'people'}" if people else "",
                f"{requests} intro request{'s' if requests != 1 else ''}" if requests else "",
            )
            if part
        )

        def answered(remove: bool | None) -> None:
            names = [name for name in self._pad_names if name.casefold() != curiosity.name.casefold()]
            if remove:
                repository.delete_curiosity(curiosity.id)
                self.notify(f"Removed the curiosity {curiosity.name}.")
                self._pad_names = names
            else:
                pad = self._pad
                assert pad is not None  # what asked is the pad's own sync
                kept = pad.text.rstrip("\n") + ("\n" if pad.text.strip() else "") + curiosity.name
                pad.load_text(kept)
                repository.save_settings(replace(repository.settings(), brainstorm=kept))  # before Today resumes
            if rest:
                self._ask_to_remove(rest)

        question = (
            f"{curiosity.name} is no longer in your list, but {uses} point to it. "
            "Remove the curiosity (they lose the tie)?"
        )
        from .dialogs import ConfirmScreen  # imported at the first use: off the first frame's path (issue #14)

        self.app.push_screen(ConfirmScreen(question, "Remove", "Keep it"), answered)


def _megabytes(path: Path) -> str:
    try:
        return size_in_words(path.stat().st_size)  # as --list-backups names sizes
    except OSError:
        return "size unknown"
