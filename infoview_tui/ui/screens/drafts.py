"""The messages after the ask, drafted as the ask is: the follow-up to an unanswered ask,
the thank-you, the monthly update. The draft is filled from a template of its kind (with
the facts the flow gathered), edited here, copied with ctrl+s and handed back to be kept
on the contact; escape asks before edited words go.

Also the one-line prompt for the name that signs messages, asked before the first one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ...domain.drafting import fill_draft
from ...domain.model import Channel, MessageKind, MessageTemplate, SentMessage
from ..widgets.when_input import WhenInput
from .dialogs import TextPrompt
from .message_dialog import MessageDialog

Now = Callable[[], datetime]


class YourNamePrompt(TextPrompt):
    """The name that signs messages, asked once before the first message. Enter keeps what
    was typed (nothing: messages go unsigned, and it is not asked again); escape backs out
    of writing the message (asking first if a name was typed)."""

    def __init__(self) -> None:
        super().__init__(
            "Your name, to sign your messages (asked once)", placeholder="e.g. Sam; Message templates changes it"
        )

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.prevent_default()  # TextPrompt's own handler would dismiss a second time
        self.dismiss(event.value.strip())


class DraftScreen(MessageDialog[SentMessage]):
    """Dismisses with the message as sent (its time, "now" unless typed, channel and words), or None."""

    PREFIX = "draft"

    DEFAULT_CSS = """
    DraftScreen { align: center middle; }
    #draft-dialog { height: 100%; max-height: 30; }
    #draft-title { height: auto; margin-bottom: 1; }
    #draft-message { height: 1fr; min-height: 4; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="draft.cancel"),
        Binding("ctrl+s", "save", "Save and copy", id="draft.save", priority=True),
        Binding("ctrl+y", "copy", "Copy message", id="draft.copy", priority=True),
    ]

    def __init__(
        self,
        kind: MessageKind,
        *,
        title: Text,
        templates: list[MessageTemplate],
        values: dict[str, str],
        channel: Channel,
        now: Now,
    ) -> None:
        super().__init__()
        self.kind = kind
        self.title_text = title
        self.templates = templates
        self.values = values
        self.channel = channel
        self.now = now

    def compose(self) -> ComposeResult:
        with Vertical(id="draft-dialog", classes="dialog"):
            yield Static(self.title_text, id="draft-title", markup=False)
            with Horizontal(classes="dialog-row"):
                with Vertical(classes="dialog-cell -wide"):
                    yield Label(f"{self.kind.label} template", markup=False)
                    yield Select(
                        [(Text(t.name), t.id) for t in self.templates],
                        value=self.templates[0].id,
                        allow_blank=False,
                        id="draft-template",
                    )
                with Vertical(classes="dialog-cell"):
                    yield Label("Sent by", markup=False)
                    yield Select(
                        [(c.label, c) for c in Channel], value=self.channel, allow_blank=False, id="draft-channel"
                    )
                with Vertical(classes="dialog-cell"):
                    yield Label("Sent when", markup=False)
                    yield WhenInput("now", self.now, id="draft-when")
            yield TextArea(id="draft-message", soft_wrap=True, tab_behavior="focus")
            yield Static(id="draft-error", classes="form-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save and copy (ctrl+s)", id="draft-save", variant="primary")
                yield Button("Copy (ctrl+y)", id="draft-copy")
                yield Button("Cancel (esc)", id="draft-cancel")

    def words_from(self, template: MessageTemplate) -> str:
        return fill_draft(template, self.values)

    def result(self, at: datetime, channel: Channel, text: str) -> SentMessage:
        return SentMessage(self.kind, at, channel, text)
