"""The messages after the ask, filled from what happened: the follow-up quotes the ask, the
thank-you names the resonant question and the first takeaway, the update names the
referrals followed; a word with nothing to fill never shows as "{word}"."""

from __future__ import annotations

from datetime import datetime

import pytest

from infoview_tui.domain.drafting import (
    BUILTIN_TEMPLATES,
    FOLLOW_UP,
    PLACEHOLDERS,
    THANK_YOU,
    UPDATE,
    ask_line,
    check_words,
    fill_draft,
    fill_words,
    follow_up_words,
    record_message,
    resonant_question,
    templates_of,
    thank_you_words,
    update_words,
)
from infoview_tui.domain.model import (
    Ask,
    Channel,
    Contact,
    Interview,
    InterviewStatus,
    MessageKind,
    MessageTemplate,
    Question,
    Reaction,
    ReactionKind,
    Referral,
    Reflection,
    SentMessage,
    Settings,
    Stage,
    StageChange,
)  # fmt: skip
from infoview_tui.domain.outreach import TemplateError, all_templates
from infoview_tui.domain.records import from_record, to_record
from tests.conftest import ZONE

WARM_ASK_TEXT = (
    "Hi Ana,\n\nI'm exploring a move into UX research and I'd love to hear how you see it. Could I borrow "
    "30 to 60 minutes of your time, over coffee? I'm not looking for a job.\n\nThanks!\nSam"
)


def at(day: int, hour: int = 10, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=ZONE)


def talk(contact: Contact, finished: datetime, **fields: object) -> Interview:
    return Interview(
        contact_id=contact.id, status=InterviewStatus.DONE, started_at=finished, finished_at=finished, **fields
    )  # type: ignore[arg-type]  # test data


def test_the_ask_line_is_its_request_not_the_greeting() -> None:
    assert ask_line(WARM_ASK_TEXT) == "Could I borrow 30 to 60 minutes of your time, over coffee?"
    assert ask_line("Hi Bo,\n\nI am exploring hospital administration and would value your view.\n\nSam") == (
        "I am exploring hospital administration and would value your view."
    )
    assert ask_line("") == ""
    assert len(ask_line("Could " + "very " * 60 + "much?")) == 160


def test_the_follow_up_quotes_one_line_of_the_ask_and_says_when() -> None:
    ana = Contact("Ana Lima", asks=[Ask(at(25), Channel.EMAIL, WARM_ASK_TEXT)])
    values = {"first_name": "Ana", "your_name": "Sam", **follow_up_words(ana, at(4, month=12))}
    text = fill_draft(FOLLOW_UP, values)
    assert "my note on Wed 25 Nov:" in text
    assert '"Could I borrow 30 to 60 minutes of your time, over coffee?"' in text
    assert "I'm not looking" not in text and text.rstrip().endswith("Sam")


def test_a_follow_up_to_an_ask_without_words_leaves_the_quote_out() -> None:
    ana = Contact("Ana Lima", stage=Stage.ASKED, stage_history=[StageChange(Stage.ASKED, at(25))])
    text = fill_draft(FOLLOW_UP, {"first_name": "Ana", **follow_up_words(ana, at(4, month=12))})
    assert "{" not in text and '""' not in text
    assert "my note on Wed 25 Nov.\n" in text  # the colon that led to the quote goes with it


def interview_with_a_peak(ana: Contact) -> Interview:
    first, second = Question("How did you get started?"), Question("What surprised you most?")
    reactions = [
        Reaction(ReactionKind.RESONANCE, 5, 60, first.id),
        Reaction(ReactionKind.DISSONANCE, 9, 100, first.id),
        Reaction(ReactionKind.RESONANCE, 8, 600, second.id),
        Reaction(ReactionKind.RESONANCE, 8, 900, first.id),  # as high, but later: the first peak counts
    ]
    reflection = Reflection(takeaways="\n- Research ops is a real career path\nSecond thought")
    return talk(ana, at(1, 16, month=12), questions=[first, second], reactions=reactions, reflection=reflection)


def test_the_thank_you_names_the_resonant_question_and_the_first_takeaway() -> None:
    ana = Contact("Ana Lima")
    interview = interview_with_a_peak(ana)
    assert resonant_question(interview) == "What surprised you most?"
    values = {"first_name": "Ana", "your_name": "Sam", **thank_you_words(interview, at(2, 9, month=12))}
    text = fill_draft(THANK_YOU, values)
    assert "talking with me yesterday" in text
    assert 'Your answer to "What surprised you most?" has stayed with me.' in text
    assert "What I keep coming back to: Research ops is a real career path." in text
    assert "Second thought" not in text


def test_a_thank_you_with_nothing_noted_is_still_a_clean_message() -> None:
    ana = Contact("Ana Lima")
    values = {"first_name": "Ana", **thank_you_words(talk(ana, at(1, 16, month=12)), at(2, 9, month=12))}
    for template in BUILTIN_TEMPLATES[MessageKind.THANK_YOU]:
        text = fill_draft(template, values)
        assert "{" not in text and "stayed with me" not in text and "\n\n\n" not in text
        assert text.startswith(("Hi Ana,", "Dear Ana,"))


def test_the_update_counts_conversations_and_names_the_referrals_followed() -> None:
    ana = Contact("Ana Lima", stage=Stage.THANKED)
    bo = Contact("Bo Chen", referred_by=ana.id)
    cy = Contact("Cy Diaz", stage=Stage.ASKED, stage_history=[StageChange(Stage.ASKED, at(3, month=12))])
    di = Contact("Di Park")  # suggested, never asked: not named
    with_ana = talk(ana, at(1, 16, month=12), referrals=[Referral(cy.id), Referral(di.id)])
    with_bo = talk(bo, at(10, 11, month=12))
    with_eve = talk(Contact("Eve Stone"), at(12, 11, month=12))
    before = talk(Contact("Old Friend"), at(20, 11))  # before the talk with Ana: not counted
    values = update_words(
        ana, [ana, bo, cy, di], [with_ana, with_bo, with_eve, before], datetime(2027, 1, 2, tzinfo=ZONE)
    )
    text = fill_draft(UPDATE, {"first_name": "Ana", "your_name": "Sam", **values})
    assert "since we talked on Tue 1 Dec 2026." in text
    assert "Since then I have had 2 more conversations." in text
    assert "Thanks to you I talked with Bo Chen and wrote to Cy Diaz." in text
    assert "Di Park" not in text


def test_the_next_update_counts_from_the_last_one_and_leaves_out_what_is_empty() -> None:
    ana = Contact("Ana Lima", stage=Stage.KEEPING_IN_TOUCH, last_update_sent=at(2, month=12))
    values = update_words(ana, [ana], [talk(ana, at(1, 16, month=12))], at(20, month=12))
    text = fill_draft(UPDATE, {"first_name": "Ana", **values})
    assert "since my last note on Wed 2 Dec." in text
    assert "Since then" not in text and "Thanks to you" not in text and "{" not in text


def test_a_word_with_nothing_to_fill_takes_its_line_with_it() -> None:
    text = "Hi {first_name},\nAbout {question}, I learned a lot.\n\n\n{takeaway_line}\nThanks"
    assert fill_words(text, {"first_name": "Ana", "question": "", "takeaway_line": ""}) == "Hi Ana,\n\nThanks\n"


@pytest.mark.parametrize("kind", list(MessageKind))
def test_every_builtin_template_uses_only_its_kinds_words(kind: MessageKind) -> None:
    for template in BUILTIN_TEMPLATES[kind]:
        assert template.kind is kind and template.builtin
        check_words(template.text, kind)


def test_a_word_of_another_kind_is_refused_naming_the_kinds_words() -> None:
    with pytest.raises(TemplateError, match=r"\{question\} is not a word templates know. Use: .*\{your_ask\}"):
        check_words("Hi {first_name}, {question}", MessageKind.FOLLOW_UP)
    assert "{your_ask}" not in str(PLACEHOLDERS[MessageKind.THANK_YOU])


def test_templates_are_listed_by_kind_and_old_files_hold_asks() -> None:
    mine = MessageTemplate("Mine", "Thanks {first_name}", kind=MessageKind.THANK_YOU)
    old = from_record(MessageTemplate, {"name": "Old", "text": "Hi {first_name}", "builtin": False, "id": "x"})
    settings = Settings(message_templates=[mine, old])
    assert old.kind is MessageKind.ASK
    assert [t.name for t in templates_of(settings, MessageKind.THANK_YOU)] == [
        "Thank-you",
        "Thank-you, more formal",
        "Mine",
    ]
    assert "Mine" not in [t.name for t in all_templates(settings)] and "Old" in [
        t.name for t in all_templates(settings)
    ]


def test_a_message_is_kept_on_the_contact_and_survives_a_round_trip() -> None:
    sent = SentMessage(MessageKind.THANK_YOU, at(2, 9, month=12), Channel.EMAIL, "Thank you, Ana")
    ana = record_message(Contact("Ana Lima"), sent)
    assert ana.messages == [sent]
    assert from_record(Contact, to_record(ana)).messages == [sent]
    old = to_record(Contact("Bo Chen"))
    del old["messages"]
    assert from_record(Contact, old).messages == []
