"""The question sets: the seed's nine questions and TIARA (read-only), and the user's
own sets, edited as plain text, one question a line. alt+↑/↓ moves the line under the
cursor, so reordering needs no mouse. ctrl+s saves a set; escape (or moving to another
set) asks before edited questions are thrown away."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ...domain.model import Question, QuestionSet
from ...domain.questions import all_question_sets, default_question_set
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader
from .base import StoreAccess
from .dialogs import AsksBeforeDiscarding, ConfirmScreen, TextPrompt


def set_as_text(question_set: QuestionSet) -> str:
    return "\n".join(question.text for question in question_set.questions)


def questions_from_text(text: str, previous: list[Question]) -> list[Question]:
    """One question a line; a line that was there before keeps its question's id."""
    known = {question.text: question for question in previous}
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [known.get(line) or Question(line) for line in lines]


class QuestionSetsScreen(AsksBeforeDiscarding[None], StoreAccess):
    CSS = """
    #sets-title {
        padding: 0 2;
    }
    #sets-main {
        height: 1fr;
        padding: 0 1;
    }
    #sets-list {
        width: 1fr;
        max-width: 40;
        height: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    #sets-editor {
        width: 2fr;
        height: 1fr;
        padding-left: 1;
    }
    #sets-hint {
        color: $text-muted;
        height: auto;
    }
    #sets-text {
        height: 1fr;
    }
    """
    BINDINGS = [
        Binding("escape", "back", "Back", id="sets.back", priority=True),
        Binding("n", "new", "New set", id="sets.new"),
        Binding("c", "copy", "Copy", id="sets.copy"),
        Binding("s", "make_default", "Make default", id="sets.default"),
        Binding("d", "delete", "Delete", id="sets.delete"),
        Binding("ctrl+s", "save", "Save", id="sets.save", priority=True),
        Binding("alt+up", "move_line(-1)", "Line up", id="sets.line_up"),
        Binding("alt+down", "move_line(1)", "Line down", id="sets.line_down"),
    ]

    shown: QuestionSet | None = None  # the set whose saved questions the editor was loaded with

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static("Question sets", classes="screen-heading", id="sets-title", markup=False)
        with Horizontal(id="sets-main"):
            yield OptionList(id="sets-list")
            with Vertical(id="sets-editor"):
                yield Static(id="sets-hint", markup=False)
                yield TextArea(id="sets-text", soft_wrap=True, tab_behavior="focus")
        yield AppFooter()

    def on_mount(self) -> None:
        self.reload()

    def reload(self, select: str | None = None, focus_list: bool = True) -> None:
        settings = self.repository.settings()
        self.sets = all_question_sets(settings)
        default_id = default_question_set(settings).id
        option_list = self.query_one("#sets-list", OptionList)
        current = select or (option_list.highlighted_option.id if option_list.highlighted_option else default_id)
        option_list.clear_options()
        for question_set in self.sets:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append("★ " if question_set.id == default_id else "  ")
            line.append(question_set.name)
            line.append(
                f"  {len(question_set.questions)}" + ("  built-in" if question_set.builtin else ""), style="dim"
            )
            option_list.add_option(Option(line, id=question_set.id))
        index = next((i for i, s in enumerate(self.sets) if s.id == current), 0)
        option_list.highlighted = index
        if focus_list:
            option_list.focus()

    def _selected(self) -> QuestionSet:
        option = self.query_one("#sets-list", OptionList).highlighted_option
        return next((s for s in self.sets if option and s.id == option.id), self.sets[0])

    def has_unsaved_text(self) -> bool:
        shown = self.shown
        if shown is None or shown.builtin:
            return False
        return self.query_one("#sets-text", TextArea).text != set_as_text(shown)

    @on(OptionList.OptionHighlighted, "#sets-list")
    def show_set(self) -> None:
        shown = self.shown
        if shown is not None and self._selected().id != shown.id and self.has_unsaved_text():
            self.confirm_discard(self._show_selected, keep_editing=self._back_to_shown)
            return
        self._show_selected()

    def _back_to_shown(self) -> None:
        """Keep editing: the list points at the set being edited again, the cursor in its questions."""
        option_list = self.query_one("#sets-list", OptionList)
        index = next((i for i, s in enumerate(self.sets) if self.shown and s.id == self.shown.id), None)
        if index is None:  # the set is gone (deleted): nothing left to edit
            self._show_selected()
            return
        with option_list.prevent(OptionList.OptionHighlighted):
            option_list.highlighted = index
        self.query_one("#sets-text", TextArea).focus()

    def _show_selected(self) -> None:
        question_set = self.shown = self._selected()
        editor = self.query_one("#sets-text", TextArea)
        editor.load_text(set_as_text(question_set))
        editor.read_only = question_set.builtin
        self.query_one("#sets-hint", Static).update(
            f"{question_set.name}: built in, read-only. c copies it into a set of your own."
            if question_set.builtin
            else f"{question_set.name}: one question a line; alt+↑/↓ moves a line; ctrl+s saves."
        )

    @on(OptionList.OptionSelected, "#sets-list")
    def edit_set(self) -> None:
        if not self._selected().builtin:
            self.query_one("#sets-text", TextArea).focus()

    def _own_sets(self) -> list[QuestionSet]:
        return list(self.repository.settings().question_sets)

    def _store(self, own: list[QuestionSet], default_id: str | None = None) -> None:
        settings = self.repository.settings()
        self.repository.save_settings(
            replace(settings, question_sets=own, default_question_set_id=default_id or settings.default_question_set_id)
        )

    def action_save(self) -> None:
        question_set = self._selected()
        if question_set.builtin:
            self.notify("Built-in sets stay as they are; c copies one to edit.", severity="warning")
            return
        questions = questions_from_text(self.query_one("#sets-text", TextArea).text, question_set.questions)
        if not questions:
            self.notify("A set needs at least one question; d deletes the set.", severity="warning")
            return
        own = [replace(s, questions=questions) if s.id == question_set.id else s for s in self._own_sets()]
        self._store(own)
        self.shown = replace(question_set, questions=questions)
        self.notify(f"Saved {question_set.name}: {len(questions)} question{'' if len(questions) == 1 else 's'}.")
        self.reload(select=question_set.id, focus_list=False)

    def action_new(self) -> None:
        def named(name: str | None) -> None:
            if name:
                created = QuestionSet(name=name, questions=[Question("What does a normal week look like for you?")])
                self._store([*self._own_sets(), created])
                self.reload(select=created.id)
                self.query_one("#sets-text", TextArea).focus()

        self.app.push_screen(TextPrompt("Name of the new question set", placeholder="e.g. Teachers"), named)

    def action_copy(self) -> None:
        source = self._selected()
        copy = QuestionSet(name=f"{source.name} (mine)", questions=[Question(q.text) for q in source.questions])
        self._store([*self._own_sets(), copy])
        self.notify(f"Copied into {copy.name}; edit it on the right.")
        self.reload(select=copy.id)

    def action_make_default(self) -> None:
        question_set = self._selected()
        self._store(self._own_sets(), default_id=question_set.id)
        self.notify(f"New conversations start with {question_set.name}.")
        self.reload(select=question_set.id)

    def action_delete(self) -> None:
        question_set = self._selected()
        if question_set.builtin:
            self.notify("Built-in sets cannot be deleted.", severity="warning")
            return

        def answered(delete: bool | None) -> None:
            if delete:
                settings = self.repository.settings()
                default_id = (
                    None if settings.default_question_set_id == question_set.id else settings.default_question_set_id
                )
                own = [s for s in settings.question_sets if s.id != question_set.id]
                self.repository.save_settings(replace(settings, question_sets=own, default_question_set_id=default_id))
                self.notify(f"Deleted {question_set.name}. Past interviews keep their questions.")
                self.shown = None  # its words went with it, by the user's choice
                self.reload()

        self.app.push_screen(ConfirmScreen(f"Delete the question set {question_set.name}?", "Delete", "Keep"), answered)

    def action_move_line(self, step: int) -> None:
        editor = self.query_one("#sets-text", TextArea)
        if editor.read_only or not editor.has_focus:
            return
        lines = editor.text.split("\n")
        row = editor.cursor_location[0]
        target = row + step
        if not 0 <= target < len(lines):
            return
        lines[row], lines[target] = lines[target], lines[row]
        editor.load_text("\n".join(lines))
        editor.move_cursor((target, 0))

    def action_back(self) -> None:
        """From the editor, back to the list; from the list, back out. Edited questions go
        only once the user says so."""
        if self.query_one("#sets-text", TextArea).has_focus:
            self.confirm_discard(self._show_selected_in_list)
        else:
            self.confirm_discard(self.leave_without_saving)

    def _show_selected_in_list(self) -> None:
        self._show_selected()
        self.query_one("#sets-list", OptionList).focus()
