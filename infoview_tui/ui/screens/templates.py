"""The words of each kind of message (the ask, the follow-up to it, the thank-you, the
monthly update): built-in templates (read-only, copied to edit) and the user's own, the
kind chosen at the top (or with k), the placeholders of that kind listed beside them, and
the name that signs the messages.

Nothing typed is lost: the name is kept as soon as the field is left; an edited template
is saved with ctrl+s, and escape (or moving to another template) asks before its words go."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from ...domain.drafting import PLACEHOLDERS, check_words, templates_of
from ...domain.model import MessageKind, MessageTemplate
from ...domain.outreach import TemplateError
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader
from .base import StoreAccess
from .dialogs import AsksBeforeDiscarding, ConfirmScreen, TextPrompt


class TemplatesScreen(AsksBeforeDiscarding[None], StoreAccess):
    CSS = """
    #templates-title {
        padding: 0 2;
    }
    #templates-main {
        height: 1fr;
        padding: 0 1;
    }
    #templates-side {  /* wide enough for the built-in names whole at 80 columns (the editor wraps its words) */
        width: 1fr;
        min-width: 40;
        max-width: 40;
        height: 1fr;
    }
    #templates-list {
        height: 1fr;  /* names wrap: never cut at 80 columns */
    }
    #templates-side Label {
        color: $text-muted;
    }
    #templates-editor {
        width: 2fr;
        height: 1fr;
        padding-left: 1;
    }
    #templates-hint, #templates-words {
        color: $text-muted;
        height: auto;
    }
    #templates-text {
        height: 1fr;
    }
    #templates-error {
        padding-left: 0;
    }
    """
    BINDINGS = [
        Binding("escape", "back", "Back", id="templates.back", priority=True),
        Binding("c", "copy", "Copy", id="templates.copy"),
        Binding("d", "delete", "Delete", id="templates.delete"),
        Binding("k", "next_kind", "Kind", id="templates.kind"),
        Binding("ctrl+s", "save", "Save", id="templates.save", priority=True),
    ]

    shown: MessageTemplate | None = None  # the template whose saved words the editor was loaded with
    kind: MessageKind = MessageKind.ASK  # the kind of message whose templates are listed

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static("Message templates", classes="screen-heading", id="templates-title", markup=False)
        with Horizontal(id="templates-main"):
            with Vertical(id="templates-side"):
                yield Label("Templates for (k)", markup=False)
                yield Select(
                    [(kind.label, kind) for kind in MessageKind],
                    value=self.kind,
                    allow_blank=False,
                    id="templates-kind",
                )
                yield OptionList(id="templates-list")
                yield Label("Your name (signs messages)", markup=False)
                yield Input(id="templates-your-name", placeholder="e.g. Sam")
            with Vertical(id="templates-editor"):
                yield Static(id="templates-hint", markup=False)
                yield TextArea(id="templates-text", soft_wrap=True, tab_behavior="focus")
                yield Static(id="templates-error", classes="form-error", markup=False)
                yield Static(id="templates-words", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#templates-your-name", Input).value = self.repository.settings().your_name
        self.reload()

    def reload(self, select: str | None = None, focus_list: bool = True) -> None:
        self.templates = templates_of(self.repository.settings(), self.kind)
        words = " ".join(f"{{{word}}}" for word in PLACEHOLDERS[self.kind])
        self.query_one("#templates-words", Static).update(f"Words filled in: {words}")
        option_list = self.query_one("#templates-list", OptionList)
        current = select or (option_list.highlighted_option.id if option_list.highlighted_option else None)
        own = [t for t in self.templates if not t.builtin]
        options = [Option(Text("Built in (c copies one)", style="bold"), disabled=True)]
        options += [self._line(t) for t in self.templates if t.builtin]
        options.append(Option(Text("Your own", style="bold"), disabled=True))
        options += [self._line(t) for t in own] or [Option(Text(" none yet", style="italic"), disabled=True)]
        option_list.set_options(options)
        ids = [t.id for t in self.templates]
        option_list.highlighted = option_list.get_option_index(current if current in ids else ids[0])
        if focus_list:
            option_list.focus()

    @staticmethod
    def _line(template: MessageTemplate) -> Option:
        return Option(Text(f" {template.name}"), id=template.id)  # wrapped, never cut at 80 columns

    def _selected(self) -> MessageTemplate:
        option = self.query_one("#templates-list", OptionList).highlighted_option
        return next((t for t in self.templates if option and t.id == option.id), self.templates[0])

    def has_unsaved_text(self) -> bool:
        shown = self.shown
        if shown is None or shown.builtin:
            return False
        return self.query_one("#templates-text", TextArea).text != shown.text

    @on(OptionList.OptionHighlighted, "#templates-list")
    def show_template(self) -> None:
        template = self._selected()
        shown = self.shown
        if shown is not None and template.id != shown.id and self.has_unsaved_text():
            self.confirm_discard(self._show_selected, keep_editing=self._back_to_shown)
            return
        self._show_selected()

    def _back_to_shown(self) -> None:
        """Keep editing: the list points at the template being edited again, the cursor in its words."""
        option_list = self.query_one("#templates-list", OptionList)
        shown = self.shown
        if shown is None or shown.id not in {t.id for t in self.templates}:  # gone (deleted): nothing to edit
            self._show_selected()
            return
        with option_list.prevent(OptionList.OptionHighlighted):
            option_list.highlighted = option_list.get_option_index(shown.id)
        self.query_one("#templates-text", TextArea).focus()

    def _show_selected(self) -> None:
        template = self.shown = self._selected()
        editor = self.query_one("#templates-text", TextArea)
        editor.load_text(template.text)
        editor.read_only = template.builtin
        self.query_one("#templates-error", Static).remove_class("-shown")
        self.query_one("#templates-hint", Static).update(
            f"{template.name}: built in, read-only. c copies it into a template of your own."
            if template.builtin
            else f"{template.name}: edit the words; ctrl+s saves."
        )

    @on(OptionList.OptionSelected, "#templates-list")
    def edit_template(self) -> None:
        if not self._selected().builtin:
            self.query_one("#templates-text", TextArea).focus()

    def _store(self, own: list[MessageTemplate]) -> None:
        settings = self.repository.settings()
        self.repository.save_settings(replace(settings, message_templates=own))

    def action_save(self) -> None:
        if self.query_one("#templates-your-name", Input).has_focus:
            self._save_your_name()
            return
        template = self._selected()
        if template.builtin:
            self.notify("Built-in templates stay as they are; c copies one to edit.", severity="warning")
            return
        text = self.query_one("#templates-text", TextArea).text
        error = self.query_one("#templates-error", Static)
        try:
            check_words(text, template.kind)
        except TemplateError as problem:
            error.update(f"Not saved: {problem}")
            error.add_class("-shown")
            return
        error.remove_class("-shown")
        own = [
            replace(t, text=text) if t.id == template.id else t for t in self.repository.settings().message_templates
        ]
        self._store(own)
        self.shown = replace(template, text=text)
        self.notify(f"Saved the template {template.name}.")
        self.reload(select=template.id, focus_list=False)

    @on(Input.Submitted, "#templates-your-name")
    def _save_your_name(self) -> None:
        name = self.query_one("#templates-your-name", Input).value.strip()
        settings = self.repository.settings()
        if name == settings.your_name:
            return
        self.repository.save_settings(replace(settings, your_name=name))
        self.notify(f"Messages are signed {name}." if name else "Messages go unsigned.")

    def action_copy(self) -> None:
        source = self._selected()

        def named(name: str | None) -> None:
            if name:
                copy = MessageTemplate(name=name, text=source.text, kind=source.kind)
                self._store([*self.repository.settings().message_templates, copy])
                self.notify(f"Copied into {copy.name}; edit it on the right.")
                self.reload(select=copy.id, focus_list=False)
                self.query_one("#templates-text", TextArea).focus()

        self.app.push_screen(TextPrompt("Name of your template", placeholder=f"{source.name} (mine)"), named)

    @on(Select.Changed, "#templates-kind")
    def _kind_chosen(self, event: Select.Changed) -> None:
        kind = event.value
        if not isinstance(kind, MessageKind) or kind is self.kind:
            return
        select: Select[MessageKind] = self.query_one("#templates-kind", Select)

        def keep_editing() -> None:
            with select.prevent(Select.Changed):
                select.value = self.kind
            self.query_one("#templates-text", TextArea).focus()

        self.confirm_discard(lambda: self._show_kind(kind), keep_editing=keep_editing)

    def _show_kind(self, kind: MessageKind) -> None:
        self.kind = kind
        self.shown = None  # the words shown were of the other kind: nothing of theirs is being edited now
        self.reload(focus_list=False)
        self._show_selected()

    def action_next_kind(self) -> None:
        kinds = list(MessageKind)
        kind_select: Select[MessageKind] = self.query_one("#templates-kind", Select)
        kind_select.value = kinds[(kinds.index(self.kind) + 1) % len(kinds)]

    def action_delete(self) -> None:
        template = self._selected()
        if template.builtin:
            self.notify("Built-in templates cannot be deleted.", severity="warning")
            return

        def answered(delete: bool | None) -> None:
            if delete:
                own = [t for t in self.repository.settings().message_templates if t.id != template.id]
                self._store(own)
                self.notify(f"Deleted {template.name}. Asks already sent keep their words.")
                self.shown = None  # its words went with it, by the user's choice
                self.reload()

        self.app.push_screen(ConfirmScreen(f"Delete the template {template.name}?", "Delete", "Keep"), answered)

    @on(Input.Blurred, "#templates-your-name")
    def _keep_your_name(self) -> None:
        self._save_your_name()

    def action_back(self) -> None:
        """From a field, back to the list; from the list, back out. An edited template's
        words go only once the user says so; the name as typed is kept."""
        self._save_your_name()
        option_list = self.query_one("#templates-list", OptionList)
        if option_list.has_focus:
            self.confirm_discard(self.leave_without_saving)
        elif self.query_one("#templates-text", TextArea).has_focus:
            self.confirm_discard(self._show_selected_in_list)
        else:
            option_list.focus()

    def _show_selected_in_list(self) -> None:
        self._show_selected()
        self.query_one("#templates-list", OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # c, d and k are letters while typing.
        if action in ("copy", "delete", "next_kind") and isinstance(self.focused, (TextArea, Input)):
            return False
        return True
