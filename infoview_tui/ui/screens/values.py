"""The user's personal values: add, edit, reorder, retire. With none yet, a few common
starting points are offered to take or ignore. A value being written is saved with enter
or ctrl+s; escape asks before what was typed is thrown away."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from ...domain.model import Value
from ...domain.values import moved, suggestions
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader
from .base import StoreAccess
from .dialogs import AsksBeforeDiscarding, ConfirmScreen


class ValuesScreen(AsksBeforeDiscarding[None], StoreAccess):
    CSS = """
    #values-title {
        padding: 0 2;
    }
    #values-main {
        height: 1fr;
        padding: 0 1;
    }
    #values-side {
        width: 1fr;
        height: 1fr;
    }
    #values-list {
        height: 1fr;
        min-height: 3;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    /* Unticked boxes stand out on dark themes too (Textual's default box is 2% from the list's
       background): an empty grey box; a tick shows as the success colour in it. */
    #values-suggestions > .selection-list--button,
    #values-suggestions > .selection-list--button-highlighted {
        color: $foreground 35%;
        background: $foreground 35%;
    }
    #values-suggestions > .selection-list--button-selected,
    #values-suggestions > .selection-list--button-selected-highlighted {
        background: $foreground 35%;
    }
    #values-suggestions {
        height: 1fr;
    }
    #values-editor {
        width: 1fr;
        max-width: 50;
        height: 1fr;
        padding-left: 1;
    }
    #values-editor Label {
        color: $text-muted;
    }
    """
    BINDINGS = [
        Binding("escape", "back", "Back", id="values.back", priority=True),
        Binding("t", "take_suggestions", "Take the ticked", id="values.take"),
        Binding("a", "add", "Add", id="values.add"),
        Binding("enter", "edit", "Edit", id="values.edit", show=False),
        Binding("r", "retire", "Retire / bring back", id="values.retire"),
        Binding("alt+up", "move(-1)", "Up", id="values.up"),
        Binding("alt+down", "move(1)", "Down", id="values.down"),
        Binding("ctrl+s", "save", "Save", id="values.save", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.editing: Value | None = None

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static(
            "My values: what I weigh each line of work against",
            classes="screen-heading",
            id="values-title",
            markup=False,
        )
        with Horizontal(id="values-main"):
            with Vertical(id="values-side"):
                yield OptionList(id="values-list")
                yield Static(id="values-suggest-hint", classes="hint", markup=False)
                yield SelectionList[str](id="values-suggestions")
            with Vertical(id="values-editor"):
                yield Label("Value", markup=False)
                yield Input(id="value-name", placeholder="e.g. Autonomy")
                yield Label("What it means to me", markup=False)
                yield Input(id="value-meaning", placeholder="e.g. deciding how and when I do my work")
                yield Static(id="values-help", classes="hint", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        self.reload()

    def reload(self, select: str | None = None) -> None:
        self.values = self.repository.values()
        option_list = self.query_one("#values-list", OptionList)
        current = select or (option_list.highlighted_option.id if option_list.highlighted_option else None)
        option_list.clear_options()
        for value in self.values:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(value.name, style="strike dim" if value.retired else "bold")
            if value.meaning:
                line.append(f"  {value.meaning}", style="dim")
            if value.retired:
                line.append("  retired", style="italic")
            option_list.add_option(Option(line, id=value.id))
        option_list.display = bool(self.values)
        if self.values:
            option_list.highlighted = next((i for i, v in enumerate(self.values) if v.id == current), 0)
        offered = suggestions(self.values)
        picker = self.query_one("#values-suggestions", SelectionList)
        picker.clear_options()
        picker.add_options([(f"{name}: {meaning}", name) for name, meaning in offered])
        if offered:
            picker.highlighted = 0
        show_suggestions = len(self.values) < 3 and bool(offered)
        picker.display = show_suggestions
        hint = self.query_one("#values-suggest-hint", Static)
        hint.display = show_suggestions
        hint.update("Common starting points: space ticks one, t takes the ticked. Or a to write your own.")
        self.query_one("#values-help", Static).update(
            "a adds a value; enter edits the highlighted one; ctrl+s saves. alt+↑/↓ puts them in order, most "
            "important first; r retires one (past reflections keep it)."
        )
        (option_list if self.values else picker).focus()

    def _highlighted(self) -> Value | None:
        option = self.query_one("#values-list", OptionList).highlighted_option
        return next((v for v in self.values if option and v.id == option.id), None)

    def has_unsaved_text(self) -> bool:
        editing = self.editing
        as_opened = (editing.name, editing.meaning) if editing is not None else ("", "")
        typed = (self.query_one("#value-name", Input).value, self.query_one("#value-meaning", Input).value)
        return typed != as_opened

    def _clear_fields(self) -> None:
        self.editing = None
        for field in ("#value-name", "#value-meaning"):
            self.query_one(field, Input).value = ""

    def action_add(self) -> None:
        self.confirm_discard(self._start_new)

    def _start_new(self) -> None:
        self._clear_fields()
        self.query_one("#value-name", Input).focus()

    @on(OptionList.OptionSelected, "#values-list")
    def action_edit(self) -> None:
        self.confirm_discard(self._edit_highlighted)

    def _edit_highlighted(self) -> None:
        value = self._highlighted()
        if value is None:
            return
        self.editing = value
        self.query_one("#value-name", Input).value = value.name
        self.query_one("#value-meaning", Input).value = value.meaning
        self.query_one("#value-name", Input).focus()

    @on(Input.Submitted, "#value-name")
    def _next_field(self) -> None:
        self.query_one("#value-meaning", Input).focus()

    @on(Input.Submitted, "#value-meaning")
    def action_save(self) -> None:
        name = self.query_one("#value-name", Input).value.strip()
        meaning = self.query_one("#value-meaning", Input).value.strip()
        if not name:
            self.notify("A value needs a name (a word or two is enough).", severity="warning")
            self.query_one("#value-name", Input).focus()
            return
        clash = next((v for v in self.values if v.name.casefold() == name.casefold() and v is not self.editing), None)
        if clash is not None:
            self.notify(f"You already have {clash.name}.", severity="warning")
            return
        if self.editing is not None:
            saved = self.repository.save_value(replace(self.editing, name=name, meaning=meaning))
            self.notify(f"Saved {saved.name}.")
        else:
            saved = self.repository.save_value(Value(name, meaning, position=len(self.values)))
            self.notify(f"Added {saved.name}.")
        self._clear_fields()
        self.reload(select=saved.id)

    def action_take_suggestions(self) -> None:
        picker = self.query_one("#values-suggestions", SelectionList)
        chosen = set(picker.selected)
        if not chosen:
            self.notify("Tick some first (space), or press a to write your own.", severity="warning")
            return
        position = len(self.values)
        for name, meaning in suggestions(self.values):
            if name in chosen:
                self.repository.save_value(Value(name, meaning, position=position))
                position += 1
        self.notify(
            f"Added {len(chosen)} value{'s' if len(chosen) != 1 else ''}; edit the meanings to make them yours."
        )
        self.reload()

    def action_retire(self) -> None:
        value = self._highlighted()
        if value is None:
            return
        if value.retired:
            self.repository.save_value(replace(value, retired=False))
            self.notify(f"{value.name} is back.")
            self.reload(select=value.id)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.repository.save_value(replace(value, retired=True))
                self.notify(f"Retired {value.name}; r brings it back.")
                self.reload(select=value.id)

        self.app.push_screen(
            ConfirmScreen(f"Retire {value.name}? Reflections that used it keep it.", "Retire", "Keep"), answered
        )

    def action_move(self, step: int) -> None:
        value = self._highlighted()
        if value is None or not self.query_one("#values-list", OptionList).has_focus:
            return
        with self.repository.together():
            for changed in moved(self.values, value.id, step):
                self.repository.save_value(changed)
        self.reload(select=value.id)

    def action_back(self) -> None:
        """From a field, back to the list; from the list, back out. A value being written
        goes only once the user says so."""
        if isinstance(self.focused, Input):
            self.confirm_discard(self._clear_and_back_to_list)
        else:
            self.confirm_discard(self.leave_without_saving)

    def _clear_and_back_to_list(self) -> None:
        self._clear_fields()
        (self.query_one("#values-list", OptionList) if self.values else self.query_one("#values-suggestions")).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add", "retire", "take_suggestions", "edit") and isinstance(self.focused, Input):
            return False
        if action == "take_suggestions" and not self.query_one("#values-suggestions").display:
            return False
        return True
