"""Writing the messages after the ask from Today's follow-ups: gather what happened (the ask,
the conversation, the referrals followed), open the draft, and only once it is saved keep
it on the contact and count the follow-up as done. Also the name that signs messages,
asked once before the first message of any kind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text

from ..domain import followups
from ..domain.dates import describe_day
from ..domain.drafting import (
    about_the_person,
    follow_up_words,
    record_message,
    templates_of,
    thank_you_words,
    update_words,
)  # fmt: skip
from ..domain.followups import FollowUp, FollowUpKind
from ..domain.model import Channel, Contact, InterviewStatus, MessageKind, SentMessage
from ..domain.stages import StageError
from ..domain.text import clean_text

if TYPE_CHECKING:
    from ..app import InfoviewApp

Done = Callable[[Contact], None]

# The follow-ups whose doing is writing a message, and the kind of message each is.
DRAFTED = {
    FollowUpKind.FOLLOW_UP_ASK: MessageKind.FOLLOW_UP,
    FollowUpKind.THANK_YOU: MessageKind.THANK_YOU,
    FollowUpKind.KEEP_IN_TOUCH: MessageKind.UPDATE,
}


def with_your_name(app: InfoviewApp, write: Callable[[], None]) -> None:
    """write() once the name that signs messages is known, or was asked for once already.
    An empty answer means unsigned (not asked again); escape writes nothing."""
    from .screens.drafts import YourNamePrompt

    settings = app.repository.settings()
    if settings.your_name or settings.your_name_asked:
        write()
        return

    def answered(name: str | None) -> None:
        if name is None:
            return
        name = clean_text(name).strip()
        current = app.repository.settings()
        app.repository.save_settings(replace(current, your_name=name, your_name_asked=True))
        app.notify(
            f"Messages are signed {name}; Message templates (ctrl+p) changes it."
            if name
            else "Messages go unsigned; Message templates (ctrl+p) takes a name any time."
        )
        write()

    app.push_screen(YourNamePrompt(), answered)


def draft_follow_up(app: InfoviewApp, follow_up: FollowUp, done: Done) -> None:
    """Enter on a follow-up that is a message: the draft; saved, it is kept and the follow-up done."""
    from .screens.drafts import DraftScreen

    repository = app.repository
    contact = repository.contact(follow_up.contact_id)
    if contact is None:
        return
    kind = DRAFTED[follow_up.kind]

    def write() -> None:
        settings = repository.settings()
        now = app.now()
        values = about_the_person(contact, repository.curiosities(), settings.your_name)
        if kind is MessageKind.FOLLOW_UP:
            values |= follow_up_words(contact, now)
        elif kind is MessageKind.THANK_YOU:
            talks = [i for i in repository.interviews_with(contact.id) if i.status is InterviewStatus.DONE]
            latest = max(talks, key=lambda i: i.finished_at or i.created, default=None)
            values |= thank_you_words(latest, now)
        else:
            values |= update_words(contact, repository.contacts(), repository.interview_outlines(), now)
        app.push_screen(
            DraftScreen(
                kind,
                title=_title(kind, contact, now),
                templates=templates_of(settings, kind),
                values=values,
                channel=next((a.channel for a in reversed(contact.asks) if a.channel), Channel.EMAIL),
                now=app.now,
            ),
            sent,
        )

    def sent(message: SentMessage | None) -> None:
        if message is None:
            return
        current = repository.contact(contact.id) or contact
        try:
            saved = repository.save_contact(
                followups.mark_done(record_message(current, message), follow_up, message.at)
            )
        except StageError as error:
            app.notify(str(error), severity="error", timeout=8)
            return
        copied = " The message is on the clipboard." if message.message.strip() else ""
        app.notify(f"{saved.name}: {follow_up.action}, kept on their record.{copied}")
        done(saved)

    with_your_name(app, write)


def _title(kind: MessageKind, contact: Contact, now: datetime) -> Text:
    name = (contact.name, "bold")
    if kind is MessageKind.FOLLOW_UP:
        asked = contact.asks[-1].at if contact.asks else None
        when = f" (asked {describe_day(asked, now)}, no reply yet)" if asked else " (no reply yet)"
        return Text.assemble("Follow up with ", name, when)
    if kind is MessageKind.THANK_YOU:
        return Text.assemble("Thank ", name, " for the conversation")
    return Text.assemble("An update for ", name, " on how your search is going")
