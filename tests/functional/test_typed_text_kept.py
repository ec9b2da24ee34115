"""Escape never throws typed text away: every screen and dialog with typed input either
keeps what was typed (saved as it is typed) or asks "Discard what you typed?" first, with
Keep editing the default. The list below names every such place; screens without typed
input are listed at the end, so a reviewer can see none is missing."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Literal

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, Static, TextArea

from infoview_tui.demo import build_demo
from infoview_tui.domain.model import InterviewStatus, MessageTemplate, Question, QuestionSet
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.dialogs import DISCARD_QUESTION, ConfirmScreen
from infoview_tui.ui.screens.session import SessionScreen
from tests.conftest import FIXED_NOW, MovableClock, make_app
from tests.functional.test_session import start_with_daniel

TYPED = "something"
Open = Callable[[Pilot[None]], Awaitable[None]]


@dataclass(frozen=True)
class TypedPlace:
    """Where text can be typed, how to get there (the focus left in the field), and what
    escape does with what was typed there."""

    open: Open
    kept: Literal["saved", "asks"]
    saved: Callable[[Repository], bool] | None = None  # "saved": the typed text is where it belongs
    question: str = DISCARD_QUESTION
    after_discard: Literal["closed", "cleared"] = "closed"  # a dialog closes; a screen's editor is emptied


def seed(repository: Repository) -> None:
    """The sample network (contacts, curiosities, an intro request, finished interviews,
    values), plus a message template and a question set of the user's own to edit."""
    build_demo(repository, FIXED_NOW)
    settings = repository.settings()
    repository.save_settings(
        replace(
            settings,
            message_templates=[MessageTemplate(name="Mine", text="Hi {first_name}, coffee? {your_name}")],
            question_sets=[QuestionSet(name="Teachers", questions=[Question("What does a school day look like?")])],
            your_name_asked=True,  # the name is asked once, before the first message: its own place below
        )
    )
    assert TYPED.encode() not in repository.backup_bytes().lower()


async def on_network(pilot: Pilot[None], name: str, *keys: str) -> None:
    await pilot.press("f3", "slash", *name, "enter")
    await pilot.pause()
    await pilot.press(*keys)


def keys(*pressed: str) -> Open:
    async def open_it(pilot: Pilot[None]) -> None:
        await pilot.press(*pressed)

    return open_it


def network(name: str, *pressed: str) -> Open:
    async def open_it(pilot: Pilot[None]) -> None:
        await on_network(pilot, name, *pressed)

    return open_it


def in_session(*pressed: str) -> Open:
    async def open_it(pilot: Pilot[None]) -> None:
        await start_with_daniel(pilot)
        await pilot.press(*pressed)

    return open_it


def first_message(*pressed: str) -> Open:
    """The first message ever written: the name that signs it is asked first."""

    async def open_it(pilot: Pilot[None]) -> None:
        repository: Repository = pilot.app.repository  # type: ignore[attr-defined]
        repository.save_settings(replace(repository.settings(), your_name_asked=False))
        await on_network(pilot, *pressed)

    return open_it


def today_line(words: str) -> Open:
    """Enter on the line of Today's agenda that holds `words`."""

    async def open_it(pilot: Pilot[None]) -> None:
        await pilot.press("f2")
        await pilot.pause()
        agenda = pilot.app.screen.query_one("#today-agenda", OptionList)
        (index,) = [i for i in range(agenda.option_count) if words in str(agenda.get_option_at_index(i).prompt)]
        agenda.focus()
        agenda.highlighted = index
        await pilot.press("enter")

    return open_it


def action(name: str, *pressed: str, argument: str | None = None) -> Open:
    """An app action as the palette runs it (Import contacts, Export csv, Values...)."""

    async def open_it(pilot: Pilot[None]) -> None:
        method = getattr(pilot.app, f"action_{name}")
        method(argument) if argument is not None else method()
        await pilot.pause()
        await pilot.press(*pressed)

    return open_it


async def reflection_takeaways(pilot: Pilot[None]) -> None:
    repository: Repository = pilot.app.repository  # type: ignore[attr-defined]
    done = repository.interviews_where(InterviewStatus.DONE)[0]
    pilot.app.reflect(done.id)  # type: ignore[attr-defined]
    await pilot.pause()
    pilot.app.screen.query_one("#takeaways", TextArea).focus()


def running_notes(repository: Repository) -> bool:
    (running,) = repository.interviews_where(InterviewStatus.IN_PROGRESS)
    return any(TYPED in notes for notes in running.question_notes.values())


def corrected_notes(repository: Repository) -> bool:
    return any(
        TYPED in notes for i in repository.interviews_where(InterviewStatus.DONE) for notes in i.question_notes.values()
    )


def takeaways(repository: Repository) -> bool:
    return any(TYPED in i.reflection.takeaways for i in repository.interviews_where(InterviewStatus.DONE))


PLACES: dict[str, TypedPlace] = {
    # Network and reaching out
    "contact form, new (network a)": TypedPlace(
        keys("f3", "a"), "asks", question="Discard your changes to this contact?"
    ),
    "contact form, edit (network enter)": TypedPlace(
        network("Daniel", "enter"), "asks", question="Discard your changes to this contact?"
    ),
    "ask (network m)": TypedPlace(network("Daniel", "m"), "asks"),
    "schedule (network t)": TypedPlace(network("Daniel", "t"), "asks"),
    "your name, before the first message (network m)": TypedPlace(first_message("Daniel", "m"), "asks"),
    # Today's follow-ups that are messages (enter drafts them)
    "draft: follow-up to an ask": TypedPlace(today_line("Send Rosa one follow-up"), "asks"),
    "draft: thank-you": TypedPlace(today_line("Thank Tom for the conversation"), "asks"),
    "draft: monthly update": TypedPlace(today_line("Send Jonas an update"), "asks"),
    "stage (network s, its date)": TypedPlace(network("Daniel", "s", "tab"), "asks"),
    # Curiosities (network c)
    "curiosities: add (a)": TypedPlace(keys("f3", "c", "a"), "asks"),
    "curiosities: whom did you ask (r)": TypedPlace(keys("f3", "c", "r"), "asks"),
    "curiosities: what came of it (o)": TypedPlace(keys("f3", "c", "down", "o"), "asks"),
    # The conversation and after
    "session: question notes": TypedPlace(in_session(), "saved", saved=running_notes),
    "session: add a question (ctrl+n)": TypedPlace(in_session("ctrl+n"), "asks"),
    "session: referral (ctrl+r)": TypedPlace(in_session("ctrl+r"), "asks"),
    "reflection: takeaways": TypedPlace(reflection_takeaways, "saved", saved=takeaways),
    "interview reader: notes corrected (F4, enter, e)": TypedPlace(
        keys("f4", "down", "down", "enter", "e"), "saved", saved=corrected_notes
    ),
    "log a past conversation (network l)": TypedPlace(network("Daniel", "l"), "asks"),
    "today: brainstorm (b)": TypedPlace(
        keys("f2", "b"), "saved", saved=lambda repository: TYPED in repository.settings().brainstorm
    ),
    # From the palette
    "message templates: a template's words": TypedPlace(
        action("message_templates", "end", "enter"), "asks", after_discard="cleared"
    ),
    "message templates: your name": TypedPlace(
        action("message_templates", "tab"), "saved", saved=lambda repository: TYPED in repository.settings().your_name
    ),
    "message templates: name of a copy (c)": TypedPlace(action("message_templates", "c"), "asks"),
    "question sets: a set's questions": TypedPlace(
        action("question_sets", "end", "enter"), "asks", after_discard="cleared"
    ),
    "question sets: name of a new set (n)": TypedPlace(action("question_sets", "n"), "asks"),
    "values: add (a)": TypedPlace(action("values", "a"), "asks", after_discard="cleared"),
    "values: edit (enter)": TypedPlace(action("values", "enter"), "asks", after_discard="cleared"),
    "import: the file's path": TypedPlace(action("import"), "asks"),
    "export: the target path": TypedPlace(action("export", argument="csv"), "asks"),
}
# No typed input, so nothing to lose on escape: the Today agenda, the network's bullseye
# (its search box is a filter that escape clears, by design), CuriosityPicker (f),
# StartSessionScreen (choices only), ConfirmScreen, ConflictScreen, HelpScreen, the
# Interviews list and InterviewView, Insights and ComparisonScreen.
ASKING = [name for name, place in PLACES.items() if place.kept == "asks"]


def text_of(widget: object) -> str:
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    return ""


def typed_anywhere(pilot: Pilot[None]) -> bool:
    return any(TYPED in text_of(field) for field in pilot.app.screen.query("Input, TextArea"))


async def open_place(pilot: Pilot[None], place: TypedPlace) -> None:
    await place.open(pilot)
    await pilot.pause()
    assert isinstance(pilot.app.focused, (Input, TextArea)), f"the focus is on {pilot.app.focused!r}, not a field"


@asynccontextmanager
async def at_place(repository: Repository, place: TypedPlace) -> AsyncIterator[Pilot[None]]:
    """The seeded app at 120x40, opened at `place` with the focus in its field."""
    seed(repository)
    app = make_app(repository, MovableClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_place(pilot, place)
        yield pilot


@pytest.mark.parametrize("name", list(PLACES))
async def test_escape_keeps_the_text_or_asks_first(repository: Repository, name: str) -> None:
    place = PLACES[name]
    async with at_place(repository, place) as pilot:
        app = pilot.app
        screen, field = app.screen, app.focused
        await pilot.press(*TYPED)
        await pilot.pause()
        assert TYPED in text_of(field)
        await pilot.press("escape")
        await pilot.pause()

        if place.kept == "saved":
            assert place.saved is not None and place.saved(repository), f"{name}: what was typed was not kept"
            assert not isinstance(app.screen, ConfirmScreen)
            return

        assert isinstance(app.screen, ConfirmScreen), f"{name}: escape threw the typed text away without asking"
        assert str(app.screen.query_one("#confirm-question", Static).render()) == place.question
        # Keep editing is the default button (enter), and what escape on the question does.
        for keep_editing in ("enter", "escape"):
            await pilot.press(keep_editing)
            await pilot.pause()
            assert app.screen is screen and app.focused is field
            assert TYPED in text_of(field)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)

        await pilot.press("y")  # Discard
        await pilot.pause()
        if place.after_discard == "closed":
            assert screen not in app.screen_stack
        else:
            assert app.screen is screen and not typed_anywhere(pilot)
    assert TYPED.encode() not in repository.backup_bytes()


@pytest.mark.parametrize("name", ASKING)
async def test_escape_with_nothing_typed_closes_at_once(repository: Repository, name: str) -> None:
    place = PLACES[name]
    async with at_place(repository, place) as pilot:
        app = pilot.app
        screen = app.screen
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        if place.after_discard == "closed":
            assert screen not in app.screen_stack
        else:
            assert app.focused is not None and not isinstance(app.focused, (Input, TextArea))


async def test_the_referral_dialog_says_how_to_save_it(repository: Repository) -> None:
    seed(repository)
    app = make_app(repository, MovableClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await start_with_daniel(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press(*"Sven Holm")
        add = app.screen.query_one("#referral-add", Button)
        cancel = app.screen.query_one("#referral-cancel", Button)
        assert str(add.label) == "Add (ctrl+s)" and str(cancel.label) == "Cancel (esc)"
        for button in (add, cancel):  # whole, on an 80x24 terminal
            assert app.screen.region.contains_region(button.region)
        await pilot.click("#referral-add")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        (referral,) = app.screen.interview.referrals
        sven = repository.contact(referral.contact_id)
        assert sven is not None and sven.name == "Sven Holm"


@pytest.mark.parametrize(
    ("open_it", "list_id", "editor_id"),
    [("message_templates", "#templates-list", "#templates-text"), ("question_sets", "#sets-list", "#sets-text")],
    ids=["message templates", "question sets"],
)
async def test_moving_to_another_item_asks_before_edits_go(
    repository: Repository, open_it: str, list_id: str, editor_id: str
) -> None:
    """The editor shows the highlighted item: moving the highlight with edits not saved
    would replace them, so it asks first; Keep editing goes back to the edited item."""
    seed(repository)
    app = make_app(repository, MovableClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await action(open_it, "end", "enter")(pilot)
        await pilot.pause()
        screen = app.screen
        editor = screen.query_one(editor_id, TextArea)
        mine = editor.text
        await pilot.press(*TYPED)
        screen.query_one(list_id).focus()
        await pilot.press("up")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing: the edited item again, the cursor in its words
        await pilot.pause()
        assert app.focused is editor and TYPED in editor.text and mine in editor.text.replace(TYPED, "")
        screen.query_one(list_id).focus()
        await pilot.press("up")
        await pilot.pause()
        await pilot.press("y")  # discard: the other item shows
        await pilot.pause()
        assert app.screen is screen and TYPED not in editor.text and editor.text != mine
    assert TYPED.encode() not in repository.backup_bytes()
