"""Today: where the user stands, and the first step of the method.

For now it reads the store (contacts per tier, interviews planned and done, progress
toward the target) and holds the curiosity brainstorm, the seed's first step. The
follow-ups and "who next" join it with their own issues.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Label, ProgressBar, Static, TextArea

from ...domain.dates import describe_day
from ...domain.followups import due_by, pending_follow_ups
from ...domain.model import TIERS, InterviewStatus
from ...domain.pipeline import who_next
from .base import InfoviewScreen

FOLLOW_UPS_SHOWN = 3


class TodayScreen(InfoviewScreen):
    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="today"):
            yield Static(id="today-date", classes="screen-heading")
            with Horizontal(id="today-progress-row"):
                yield Label("Interviews done", id="today-progress-label")
                yield ProgressBar(total=36, show_eta=False, show_percentage=False, id="today-progress")
                yield Label(id="today-progress-count")
            yield Static(id="today-network")
            yield Static(id="today-interviews")
            yield Static(id="today-last", markup=False)
            yield Static(id="today-follow-ups")
            yield Static(id="today-next-step", classes="hint")
            yield Label("Work that piques my curiosity (one idea a line)", id="brainstorm-label")
            yield TextArea(id="brainstorm", soft_wrap=True, tab_behavior="focus")
        yield Footer()

    def on_mount(self) -> None:
        # (Textual also runs InfoviewScreen.on_mount: handlers are called along the MRO.)
        brainstorm = self.query_one("#brainstorm", TextArea)
        brainstorm.load_text(self.infoview.repository.settings().brainstorm)
        brainstorm.placeholder = "e.g. UX research, hospital administration, woodworking school"
        self.refresh_from_store()

    def refresh_from_store(self) -> None:
        repository = self.infoview.repository
        settings = repository.settings()
        now = self.infoview.now()
        self.query_one("#today-date", Static).update(f"Today, {now:%A} {now.day} {now:%B}")

        done = repository.count_interviews(InterviewStatus.DONE)
        planned = repository.count_interviews(InterviewStatus.PLANNED)
        progress = self.query_one("#today-progress", ProgressBar)
        progress.update(total=settings.target_interviews, progress=min(done, settings.target_interviews))
        self.query_one("#today-progress-count", Label).update(f"{done} of {settings.target_interviews}")

        per_tier = repository.contacts_per_tier()
        contacts = sum(per_tier.values())
        tiers = " · ".join(f"tier {tier}: {per_tier.get(tier, 0)}" for tier in TIERS)
        self.query_one("#today-network", Static).update(
            f"Network: {contacts} contact{'s' if contacts != 1 else ''}  ({tiers})"
        )
        self.query_one("#today-interviews", Static).update(f"Interviews: {planned} planned · {done} done")
        next_step = self.query_one("#today-next-step", Static)
        next_step.update(self._next_step(contacts, done))
        next_step.display = contacts == 0  # afterwards the follow-ups and "who next" guide
        self.query_one("#today-last", Static).update(self._last_conversation(now))
        self.query_one("#today-follow-ups", Static).update(self._follow_ups(now))

        brainstorm = self.query_one("#brainstorm", TextArea)
        if brainstorm.text != settings.brainstorm:  # changed under us (a reload)
            brainstorm.load_text(settings.brainstorm)

    def _follow_ups(self, now: datetime) -> Text:
        """Due and overdue follow-ups (computed, never typed), then who to ask next."""
        repository = self.infoview.repository
        contacts = repository.contacts()
        if not contacts:
            return Text()
        curiosities = repository.curiosities()
        due = due_by(pending_follow_ups(contacts, repository.interviews(), curiosities), now)
        text = Text()
        if due:
            text.append(f"Follow-ups due ({len(due)})\n", style="bold")
            for follow_up in due[:FOLLOW_UPS_SHOWN]:
                when = describe_day(follow_up.due, now)
                text.append(f" • {follow_up.message}")
                text.append(" (today)\n" if when == "today" else f" (due {when})\n", style="italic")
            if len(due) > FOLLOW_UPS_SHOWN:
                text.append(f"   and {len(due) - FOLLOW_UPS_SHOWN} more\n", style="italic")
        else:
            text.append("No follow-ups due today.\n", style="italic")
        suggestions = who_next(contacts, {c.id: c for c in curiosities}, limit=1)
        if suggestions:
            text.append("Who next: ", style="bold")
            text.append(f"{suggestions[0].contact.name} ({suggestions[0].why})")
        return text

    def _last_conversation(self, now: datetime) -> str:
        repository = self.infoview.repository
        latest = repository.latest_finished_interview()
        if latest is None or latest.finished_at is None:
            return ""
        contact = repository.contact(latest.contact_id)
        name = contact.name if contact else latest.contact_name or "someone"
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
                "Then find people doing it, beginning with tier 1, your close friends and family."
            )
        if done == 0:
            return "Ask someone from tier 1 for 30 to 60 minutes of their time; in person is best."
        return "Keep going: several dozen conversations is the aim. Inner tiers first, then move out."

    @on(TextArea.Changed, "#brainstorm")
    def save_brainstorm(self, event: TextArea.Changed) -> None:
        repository = self.infoview.repository
        settings = repository.settings()
        if settings.brainstorm != event.text_area.text:
            repository.save_settings(replace(settings, brainstorm=event.text_area.text))
