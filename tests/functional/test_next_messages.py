"""The messages after the ask, from Today with an injected clock: ask, seven business days
without a reply, draft the follow-up, the conversation, the thank-you naming the question
whose answer resonated most, a month on the update naming the referrals followed; each kept
on the contact (time, channel, words) before its follow-up counts as done."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from textual.pilot import Pilot
from textual.widgets import OptionList, Select, Static, TextArea

from infoview_tui.domain.model import (
    Channel,
    Contact,
    Curiosity,
    InterviewStatus,
    MessageKind,
    MessageTemplate,
    Stage,
)  # fmt: skip
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.dialogs import ConfirmScreen
from infoview_tui.ui.screens.drafts import DraftScreen, YourNamePrompt
from infoview_tui.ui.screens.outreach import AskScreen
from infoview_tui.ui.screens.reflection import ReflectionScreen
from infoview_tui.ui.screens.session import SessionScreen
from infoview_tui.ui.screens.session_dialogs import ReferralScreen, StartSessionScreen
from infoview_tui.ui.screens.templates import TemplatesScreen
from infoview_tui.ui.screens.today import TodayScreen
from tests.conftest import ZONE, MovableClock, make_app
from tests.functional.test_app import wait_until


def agenda_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(option.prompt) for option in app.screen.query_one("#today-agenda", OptionList).options]


async def do_from_today(pilot: Pilot[None], words: str) -> None:
    """Today, the agenda line holding `words` highlighted, enter."""
    await pilot.press("f3", "f2")
    await pilot.pause()
    lines = agenda_lines(pilot.app)
    (index,) = [i for i, line in enumerate(lines) if words in line]
    agenda = pilot.app.screen.query_one("#today-agenda", OptionList)
    agenda.focus()
    agenda.highlighted = index
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def on_network(pilot: Pilot[None], name: str, key: str) -> None:
    await pilot.press("f3", "slash", *name, "enter")
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()


def draft_text(pilot: Pilot[None]) -> str:
    assert isinstance(pilot.app.screen, DraftScreen)
    return pilot.app.screen.query_one("#draft-message", TextArea).text


def seed(repository: Repository) -> Contact:
    ux = repository.save_curiosity(Curiosity("UX research"))
    ana = repository.save_contact(Contact("Ana Lima", tier=1, role="UX researcher", curiosity_ids=[ux.id]))
    repository.save_contact(Contact("Bo Chen", tier=2, curiosity_ids=[ux.id]))
    return ana


async def hold_the_conversation(pilot: Pilot[None], clock: MovableClock) -> str:
    """Ana says yes: the talk, resonance peaking on the second question, two referrals and a
    takeaway. Returns the second question's words."""
    await on_network(pilot, "Ana", "i")
    assert isinstance(pilot.app.screen, StartSessionScreen)
    await pilot.press("ctrl+s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    await wait_until(pilot, lambda: getattr(pilot.app.focused, "id", None) == "question-notes", 3.0)
    second = screen.interview.questions[1].text
    clock.advance(minutes=5)
    await pilot.press("ctrl+up", "ctrl+up")  # some resonance on the first question
    clock.advance(minutes=5)
    await pilot.press("alt+right")
    clock.advance(minutes=5)
    await pilot.press("ctrl+up", "ctrl+up", "ctrl+up")  # the peak, on the second
    clock.advance(minutes=5)
    await pilot.press("alt+right", "ctrl+down")
    for name in ("Cy Diaz", "Di Park"):
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReferralScreen)
        await pilot.press(*name, "ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SessionScreen)
    clock.advance(minutes=20)
    await pilot.press("ctrl+g", "y")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReflectionScreen)
    pilot.app.screen.query_one("#takeaways", TextArea).focus()
    await pilot.press(*"Research ops is a real career path", "enter", *"Ask about bootcamps")
    await pilot.press("escape")
    await pilot.pause()
    return second


async def test_ask_follow_up_talk_thank_and_update_each_kept(repository: Repository) -> None:
    ana = seed(repository)
    clock = MovableClock()  # Wed 25 Nov 2026 19:30
    app = make_app(repository, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        # The first message of all asks for the name that signs it, once.
        await on_network(pilot, "Ana", "m")
        assert isinstance(app.screen, YourNamePrompt)
        await pilot.press(*"Sam", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        assert app.screen.query_one("#ask-message", TextArea).text.rstrip().endswith("Sam")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert repository.settings().your_name == "Sam"

        # Seven business days later (Friday 4 December), no reply: enter drafts the follow-up.
        clock.moment = datetime(2026, 12, 4, 9, 0, tzinfo=ZONE)
        await do_from_today(pilot, "Send Ana one follow-up")
        follow_up = draft_text(pilot)
        assert follow_up.startswith("Hi Ana,")
        assert 'my note on Wed 25 Nov:\n"Could I borrow 30 to 60 minutes of your time, over coffee?"' in follow_up
        assert "I'm not looking for a job" not in follow_up and follow_up.rstrip().endswith("Sam")
        # Not done until the message is saved: escape with an edit asks first, then nothing is kept.
        await pilot.press("end", *" PS")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        waiting = repository.contact(ana.id)
        assert (
            waiting is not None
            and waiting.messages == []
            and not any("follow_up_ask" in k for k in waiting.follow_ups_done)
        )
        assert any("Send Ana one follow-up" in line for line in agenda_lines(app))

        await do_from_today(pilot, "Send Ana one follow-up")
        app.screen.query_one("#draft-channel", Select).value = Channel.MESSAGE
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert not any("Send Ana one follow-up" in line for line in agenda_lines(app))
        followed_up = repository.contact(ana.id)
        assert followed_up is not None
        (sent,) = followed_up.messages
        assert (sent.kind, sent.at, sent.channel) == (MessageKind.FOLLOW_UP, clock.moment, Channel.MESSAGE)
        assert sent.message == follow_up == app.clipboard
        assert any(key.startswith("follow_up_ask@") for key in followed_up.follow_ups_done)

        # She says yes; the conversation on Monday 7 December.
        clock.moment = datetime(2026, 12, 7, 15, 0, tzinfo=ZONE)
        resonant = await hold_the_conversation(pilot, clock)

        # The next morning: the thank-you names the question whose answer resonated most.
        clock.moment = datetime(2026, 12, 8, 9, 0, tzinfo=ZONE)
        await do_from_today(pilot, "Thank Ana for the conversation")
        assert isinstance(app.screen, DraftScreen)  # the name is not asked again
        thanks = draft_text(pilot)
        assert "Thank you for talking with me yesterday" in thanks
        assert f'Your answer to "{resonant}" has stayed with me.' in thanks
        assert "What I keep coming back to: Research ops is a real career path." in thanks
        assert "bootcamps" not in thanks and "{" not in thanks
        await pilot.press("ctrl+s")
        await pilot.pause()
        thanked = repository.contact(ana.id)
        assert thanked is not None and thanked.stage is Stage.THANKED
        assert [m.kind for m in thanked.messages] == [MessageKind.FOLLOW_UP, MessageKind.THANK_YOU]
        assert thanked.messages[1].message == thanks and thanked.messages[1].at == clock.moment

        # One of her referrals is asked; the other is not.
        clock.moment = datetime(2026, 12, 9, 10, 0, tzinfo=ZONE)
        await on_network(pilot, "Cy Diaz", "m")
        assert isinstance(app.screen, AskScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()

        # A month after the conversation: the update names what came of her suggestions.
        clock.moment = datetime(2027, 1, 8, 9, 0, tzinfo=ZONE)
        await do_from_today(pilot, "Send Ana an update")
        update = draft_text(pilot)
        assert "A quick update on my search since we talked on Mon 7 Dec 2026." in update
        assert "Thanks to you I wrote to Cy Diaz." in update
        assert "Di Park" not in update and "{" not in update
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not any("Send Ana an update" in line for line in agenda_lines(app))
    kept = repository.contact(ana.id)
    assert kept is not None and kept.stage is Stage.KEEPING_IN_TOUCH and kept.last_update_sent == clock.moment
    assert [m.kind for m in kept.messages] == [MessageKind.FOLLOW_UP, MessageKind.THANK_YOU, MessageKind.UPDATE]
    assert kept.messages[2].message == update and kept.messages[2].channel is Channel.EMAIL
    (talk,) = [i for i in repository.interviews_with(ana.id) if i.status is InterviewStatus.DONE]
    assert talk.finished_at is not None


async def test_an_empty_name_is_asked_once_and_escape_writes_nothing(repository: Repository) -> None:
    ana = seed(repository)
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_network(pilot, "Ana", "m")
        assert isinstance(app.screen, YourNamePrompt)
        await pilot.press("escape")  # backs out: no ask, and the name is still to be asked
        await pilot.pause()
        assert not isinstance(app.screen, (YourNamePrompt, AskScreen))
        assert not repository.settings().your_name_asked
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, YourNamePrompt)
        await pilot.press("enter")  # nothing typed: unsigned, and never asked again
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
    settings = repository.settings()
    assert settings.your_name == "" and settings.your_name_asked
    untouched = repository.contact(ana.id)
    assert untouched is not None and untouched.stage is Stage.NOT_ASKED


async def test_own_thank_you_template_is_chosen_by_kind_and_used(repository: Repository) -> None:
    seed(repository)
    repository.save_settings(replace(repository.settings(), your_name="Sam"))
    app = make_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_message_templates()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TemplatesScreen)
        await pilot.press("k", "k")  # ask -> follow-up -> thank-you
        await pilot.pause()
        assert screen.query_one("#templates-kind", Select).value is MessageKind.THANK_YOU
        words = str(screen.query_one("#templates-words", Static).render())
        assert "{question}" in words and "{takeaway_line}" in words and "{length}" not in words
        listed = screen.query_one("#templates-list", OptionList)
        assert [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)] == [
            "Built in (c copies one)",
            " Thank-you",
            " Thank-you, more formal",
            "Your own",
            " none yet",
        ]
        listed.focus()
        await pilot.press("c", *"Short thanks", "enter")
        await pilot.pause()
        editor = screen.query_one("#templates-text", TextArea)
        editor.load_text("Thanks {first_name}! {length}")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(screen.query_one("#templates-error", Static).render())
        assert "{length} is not a word templates know. Use: {first_name}" in error and "{question}" in error
        editor.load_text("Thanks {first_name}! Loved hearing about {question}.\n{your_name}")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (mine,) = repository.settings().message_templates
        assert (mine.name, mine.kind, mine.builtin) == ("Short thanks", MessageKind.THANK_YOU, False)
        # An edit then another kind: asked first, and keep editing stays on the thank-you.
        editor.focus()
        await pilot.press("end", *" x")
        await pilot.pause()
        screen.action_next_kind()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#templates-kind", Select).value is MessageKind.THANK_YOU
        assert " x" in editor.text and editor.text != mine.text  # the edit, still there
    ask_names = [t.name for t in repository.settings().message_templates if t.kind is MessageKind.ASK]
    assert ask_names == []


async def test_a_thank_you_template_of_ones_own_fills_what_it_can(repository: Repository) -> None:
    mine = MessageTemplate(
        "Short thanks", "Thanks {first_name}!\nLoved hearing about {question}.\n{your_name}", kind=MessageKind.THANK_YOU
    )
    ana = seed(repository)
    repository.save_settings(replace(repository.settings(), your_name="Sam", message_templates=[mine]))
    clock = MovableClock(datetime(2026, 12, 7, 15, 0, tzinfo=ZONE))
    app = make_app(repository, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_network(pilot, "Ana", "i")
        await pilot.press("ctrl+s")
        await pilot.pause()
        clock.advance(minutes=30)
        await pilot.press("ctrl+g", "y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        clock.moment = datetime(2026, 12, 8, 9, 0, tzinfo=ZONE)
        await do_from_today(pilot, "Thank Ana")
        app.screen.query_one("#draft-template", Select).value = mine.id
        await pilot.pause()
        # No slider moved: no question to name, so that line is left out, not "{question}".
        assert draft_text(pilot) == "Thanks Ana!\nSam\n"
    assert repository.contact(ana.id) is not None


async def test_a_thank_you_sent_yesterday_is_kept_with_that_time(repository: Repository) -> None:
    from infoview_tui.domain.model import Interview, StageChange
    from infoview_tui.ui.widgets.when_input import WhenInput

    talked = datetime(2026, 12, 7, 16, 0, tzinfo=ZONE)
    ana = repository.save_contact(
        Contact("Ana Lima", tier=1, stage=Stage.INTERVIEWED, stage_history=[StageChange(Stage.INTERVIEWED, talked)])
    )
    repository.save_interview(
        Interview(contact_id=ana.id, status=InterviewStatus.DONE, started_at=talked, finished_at=talked)
    )
    repository.save_settings(replace(repository.settings(), your_name="Sam"))
    app = make_app(repository, MovableClock(datetime(2026, 12, 9, 9, 0, tzinfo=ZONE)))
    async with app.run_test(size=(80, 24)) as pilot:
        await do_from_today(pilot, "Thank Ana")
        when = app.screen.query_one("#draft-when", WhenInput)
        when.input.focus()
        when.input.value = "yesterday 18:00"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    thanked = repository.contact(ana.id)
    sent_at = datetime(2026, 12, 8, 18, 0, tzinfo=ZONE)
    assert thanked is not None and [m.at for m in thanked.messages] == [sent_at]
    assert thanked.stage is Stage.THANKED and thanked.stage_history[-1].at == sent_at
