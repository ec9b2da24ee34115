"""The shared small dialogs (ConfirmScreen: yes or no before anything is destroyed or thrown
away; TextPrompt: one line of text), and the rule every screen with typed input follows:
escape never throws typed text away.

A screen either keeps what was typed as it is typed (the session's notes, the reflection,
Today's brainstorm) or derives from AsksBeforeDiscarding: escape with nothing typed (or
the text exactly as the screen opened with) leaves at once; otherwise it asks "Discard
what you typed?", with Keep editing the default and what escape on the question does."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static, TextArea

DISCARD_QUESTION = "Discard what you typed?"
ResultType = TypeVar("ResultType")


class ConfirmScreen(ModalScreen[bool]):
    """Ask before anything is destroyed or thrown away: y or the first button says yes; n,
    escape or the second (focused, so enter is safe) says no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(self.question, id="confirm-question", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button(f"{self.no} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # the safe answer is the default

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class AsksBeforeDiscarding(Screen[ResultType]):
    """A screen whose escape (action_cancel) asks before typed text is thrown away.

    What counts as typed is every Input and TextArea on the screen, compared with what they
    held once the screen had mounted; a screen with another notion of "unsaved" overrides
    typed_text or has_unsaved_text. Leaving calls leave_without_saving (dismiss(None)).

    A dialog names ModalScreen first, `class X(ModalScreen[T], AsksBeforeDiscarding[T])`:
    Textual takes a screen's CSS (the see-through backdrop) from its first base only."""

    discard_question = DISCARD_QUESTION  # a screen may say more precisely what would go
    _typed_at_open: tuple[str, ...] = ()

    def typed_text(self) -> tuple[str, ...]:
        typed: list[str] = []
        for field in self.query("Input, TextArea"):
            if isinstance(field, Input):
                typed.append(field.value)
            elif isinstance(field, TextArea):
                typed.append(field.text)
        return tuple(typed)

    def remember_typed_text(self) -> None:
        """From now on, what the fields hold counts as nothing typed (a screen calls it after a save)."""
        self._typed_at_open = self.typed_text()

    def has_unsaved_text(self) -> bool:
        return self.typed_text() != self._typed_at_open

    def on_mount(self) -> None:
        # Textual calls on_mount along the MRO, the screen's own first: its fields are filled by now.
        self.remember_typed_text()

    def confirm_discard(self, discard: Callable[[], None], keep_editing: Callable[[], None] | None = None) -> None:
        """discard() at once when nothing was typed; otherwise only once the user says Discard."""
        if not self.has_unsaved_text():
            discard()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                discard()
            elif keep_editing is not None:
                keep_editing()

        # Keep editing is the default button, and what n or escape on the question do.
        self.app.push_screen(ConfirmScreen(self.discard_question, "Discard", "Keep editing"), answered)

    def action_cancel(self) -> None:
        self.confirm_discard(self.leave_without_saving)

    def leave_without_saving(self) -> None:
        self.dismiss(None)


class TextPrompt(ModalScreen[str | None], AsksBeforeDiscarding[str | None]):
    """One line of text, with optional suggestions. Enter accepts; escape cancels (asking
    first when something was typed)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(
        self, question: str, suggestions: list[str] | None = None, placeholder: str = "", value: str = ""
    ) -> None:
        super().__init__()
        self.question = question
        self.suggestions = suggestions
        self.placeholder = placeholder
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-dialog"):
            yield Label(self.question, id="prompt-question", markup=False)
            suggester = SuggestFromList(self.suggestions, case_sensitive=False) if self.suggestions else None
            yield Input(self.value, placeholder=self.placeholder, suggester=suggester, id="prompt-input")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)
