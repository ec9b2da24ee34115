"""What the ask and the messages after it share: the words filled from a template (and
kept, once the user edits them), how and when they were sent ("now" unless typed),
ctrl+y to copy, ctrl+s to copy and keep them, escape asking before edits go.

A subclass composes its own fields with ids `<PREFIX>-template`, `-channel`, `-when`,
`-message`, `-error`, `-save`, `-copy`, `-cancel`, says how a template becomes words
(`words_from`) and what the dialog hands back (`result`)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.screen import ModalScreen
from textual.widgets import Button, Select, Static, TextArea

from ...domain.model import Channel, MessageTemplate
from ...domain.outreach import TemplateError
from ..widgets.when_input import WhenInput
from .dialogs import AsksBeforeDiscarding

Result = TypeVar("Result")


class MessageDialog(ModalScreen[Result | None], AsksBeforeDiscarding[Result | None], Generic[Result]):
    PREFIX: ClassVar[str]
    REFILL_ON: ClassVar[tuple[str, ...]] = ("template",)  # choices whose change refills the words
    WHEN_QUESTION: ClassVar[str] = "When did you send it?"

    templates: list[MessageTemplate]

    def __init__(self) -> None:
        super().__init__()
        self._filled = ""  # the last text the template produced, to tell user edits apart

    # --- what a subclass says -------------------------------------------------------------

    def words_from(self, template: MessageTemplate) -> str:
        """The template filled in for the choices on screen; TemplateError when it cannot be."""
        raise NotImplementedError

    def result(self, at: datetime, channel: Channel, text: str) -> Result:
        raise NotImplementedError

    # --- shared ---------------------------------------------------------------------------

    def _part(self, name: str) -> str:
        return f"#{self.PREFIX}-{name}"

    def on_mount(self) -> None:
        self._fill()
        self.query_one(self._part("message"), TextArea).focus()

    @on(Select.Changed)
    def _choice_changed(self, event: Select.Changed) -> None:
        if event.select.id in {f"{self.PREFIX}-{name}" for name in self.REFILL_ON}:
            self._fill()

    def _fill(self) -> None:
        """Refill from the template, unless the user has edited the words (kept, and said so)."""
        message = self.query_one(self._part("message"), TextArea)
        if self._filled and message.text != self._filled:
            self.notify("Kept your edited message; clear it (ctrl+a, delete) to refill from the template.")
            return
        chosen = self.query_one(self._part("template"), Select).value
        template = next((t for t in self.templates if t.id == chosen), self.templates[0])
        error = self.query_one(self._part("error"), Static)
        try:
            text = self.words_from(template)
        except TemplateError as problem:
            error.update(f"Template '{template.name}': {problem} (palette: Message templates)")
            error.add_class("-shown")
            return
        error.remove_class("-shown")
        self._filled = text
        message.load_text(text)

    @on(TextArea.Changed)
    def _edited(self, event: TextArea.Changed) -> None:
        if event.text_area.id == f"{self.PREFIX}-message" and not event.text_area.text.strip():
            self._filled = ""  # emptied: the next choice refills

    def has_unsaved_text(self) -> bool:
        # The template's own words (refilled when a choice changes) are not typing; edits are.
        message = self.query_one(self._part("message"), TextArea).text
        edited = bool(message.strip()) and message != self._filled
        return edited or self.query_one(self._part("when"), WhenInput).input.value != "now"

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        action = (event.button.id or "").removeprefix(f"{self.PREFIX}-")
        if action == "save":
            self.action_save()
        elif action == "copy":
            self.action_copy()
        elif action == "cancel":
            self.action_cancel()

    def action_copy(self) -> None:
        text = self.query_one(self._part("message"), TextArea).text
        if not text.strip():
            self.notify("The message is empty; nothing copied.", severity="warning")
            return
        self.app.copy_to_clipboard(text)
        self.notify("Message copied: paste it into your email or chat.")

    def action_save(self) -> None:
        when = self.query_one(self._part("when"), WhenInput)
        if when.parsed is None:
            self.notify(f"{self.WHEN_QUESTION} {when.error}", severity="warning")
            when.input.focus()
            return
        text = self.query_one(self._part("message"), TextArea).text
        if text.strip():
            self.app.copy_to_clipboard(text)
        channel = self.query_one(self._part("channel"), Select).value
        self.dismiss(self.result(when.parsed.value, channel, text))  # type: ignore[arg-type]  # a Select without a blank holds one of its options
