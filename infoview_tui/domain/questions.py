"""The question sets: the seed's nine questions verbatim, and TIARA."""

from __future__ import annotations

from .model import Question, QuestionSet, Settings

SEED_SET_ID = "seed"
TIARA_SET_ID = "tiara"

# Verbatim from the user's own document (../shared/seed/informational-interview.txt).
SEED_QUESTIONS = (
    "What do you most enjoy about your work?",
    "Please, tell me about your career journey?",
    "What challenges do you find in your specific career and industry?",
    "What advice would you give someone new who is wanting to get into this field?",
    "What type of education is needed, if any?",
    "What do you like and dislike about your organization?",
    "Do you see this industry growing in the future?",
    "What are you most proud of in your career?",
    "What is the salary range?",
)

# Trends, Insights, Advice, Resources, Assignments (Steve Dalton, The 2-Hour Job Search).
TIARA_QUESTIONS = (
    "Trends: What are the biggest trends you see in your field right now?",
    "Insights: What surprised you most about this work once you were in it?",
    "Advice: What can I do now to be a strong candidate for this kind of work?",
    "Resources: What resources (people, groups, reading) should I know about?",
    "Assignments: What projects or assignments have been most important to your growth?",
)


def _builtin(set_id: str, name: str, texts: tuple[str, ...]) -> QuestionSet:
    # Stable ids so notes taken against a built-in question stay linked across runs.
    questions = [Question(text=text, id=f"{set_id}-{index}") for index, text in enumerate(texts, 1)]
    return QuestionSet(name=name, questions=questions, builtin=True, id=set_id)


def builtin_question_sets() -> list[QuestionSet]:
    return [
        _builtin(SEED_SET_ID, "Suggested questions", SEED_QUESTIONS),
        _builtin(TIARA_SET_ID, "TIARA", TIARA_QUESTIONS),
    ]


def all_question_sets(settings: Settings) -> list[QuestionSet]:
    """Built-in sets first, then the user's own."""
    return builtin_question_sets() + list(settings.question_sets)


def default_question_set(settings: Settings) -> QuestionSet:
    sets = all_question_sets(settings)
    for question_set in sets:
        if question_set.id == settings.default_question_set_id:
            return question_set
    return sets[0]
