"""The questions of a conversation: the current one highlighted, asked ones ticked,
ones with notes marked. Each question is shown whole, wrapped over as many lines as it needs."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...domain.model import Question


class QuestionList(OptionList):
    def show(self, questions: list[Question], current: int, asked: set[str], noted: set[str]) -> None:
        options = []
        for number, question in enumerate(questions, 1):
            # Wrapped, never cut: at 80 columns the list is ~20 characters wide.
            line = Text()
            mark = "✎" if question.id in noted else "✓" if question.id in asked else " "
            line.append(f"{mark} {number} ", style="bold" if question.id in asked else "dim")
            line.append(question.text)
            options.append(Option(line, id=question.id))
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(options)
        if questions:
            self.highlighted = min(current, len(questions) - 1)
        elif highlighted is not None:
            self.highlighted = None
