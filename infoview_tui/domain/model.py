"""The things infoview holds: contacts in four tiers, curiosities, interviews.

Plain dataclasses. Every record carries its own uuid (`id`), and records refer to
each other by that id, never by the storage's row numbers. Datetimes are aware.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime

TIERS = (1, 2, 3, 4)
TIER_NAMES = {
    1: "close friends and family",
    2: "friends seen less often, and co-workers",
    3: "friends seen a couple of times a year",
    4: "acquaintances and friends of friends",
}
PLANNED_MINUTES_RANGE = (30, 60)
REACTION_RANGE = (0, 10)
HOPE_RANGE = (1, 5)
DEFAULT_TARGET_INTERVIEWS = 36  # "several dozen" in the seed


def new_id() -> str:
    """128 random bits as 32 hex digits, like uuid4().hex at a quarter of the cost
    (10,000 imported contacts each need one). What secrets.token_hex does, without
    importing secrets (hashlib, hmac: 1.4 ms of the first paint)."""
    return os.urandom(16).hex()


def utc_now() -> datetime:
    return datetime.now(UTC)


def _check_range(what: str, value: int | float, bounds: tuple[int, int]) -> None:
    low, high = bounds
    if not low <= value <= high:
        raise ValueError(f"{what} must be between {low} and {high}, not {value}")


class Stage(enum.Enum):
    """Where a contact stands on the way from "I know someone" to "we talked"."""

    NOT_ASKED = "not_asked"
    ASKED = "asked"
    NO_REPLY = "no_reply"
    DECLINED = "declined"
    SCHEDULED = "scheduled"
    INTERVIEWED = "interviewed"
    THANKED = "thanked"
    KEEPING_IN_TOUCH = "keeping_in_touch"

    @property
    def label(self) -> str:
        return {
            Stage.NOT_ASKED: "not yet asked",
            Stage.KEEPING_IN_TOUCH: "keeping in touch",
            Stage.NO_REPLY: "no reply",
        }.get(self, self.value)


class Mode(enum.Enum):
    """How the conversation happens; in person is best, per the seed."""

    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"

    @property
    def label(self) -> str:
        return {Mode.IN_PERSON: "in person", Mode.VIDEO: "video call", Mode.PHONE: "phone"}[self]


class Channel(enum.Enum):
    """How an ask was sent."""

    EMAIL = "email"
    MESSAGE = "message"
    PHONE = "phone"
    IN_PERSON = "in_person"

    @property
    def label(self) -> str:
        return {Channel.IN_PERSON: "in person"}.get(self, self.value)


class MessageKind(enum.Enum):
    """What a message is for: the ask, and the three that follow it."""

    ASK = "ask"
    FOLLOW_UP = "follow_up"  # one follow-up, 7 business days after an unanswered ask
    THANK_YOU = "thank_you"  # the morning after a conversation
    UPDATE = "update"  # keeping in touch, monthly

    @property
    def label(self) -> str:
        return {
            MessageKind.ASK: "Ask",
            MessageKind.FOLLOW_UP: "Follow-up to an ask",
            MessageKind.THANK_YOU: "Thank-you",
            MessageKind.UPDATE: "Monthly update",
        }[self]


class InterviewStatus(enum.Enum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class ReactionKind(enum.Enum):
    RESONANCE = "resonance"
    DISSONANCE = "dissonance"


@dataclass
class StageChange:
    stage: Stage
    at: datetime


@dataclass
class Ask:
    """Asking someone for a conversation: when, how, and the words sent."""

    at: datetime
    channel: Channel | None = None  # None: recorded as a stage change, channel not said
    message: str = ""


@dataclass
class SentMessage:
    """A message written after the ask (a follow-up, a thank-you, an update): when, how, the words."""

    kind: MessageKind
    at: datetime
    channel: Channel | None = None
    message: str = ""


@dataclass
class Contact:
    name: str
    tier: int = 4
    company: str = ""
    role: str = ""
    how_we_know: str = ""
    referred_by: str | None = None  # id of the contact who referred this one
    curiosity_ids: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    notes: str = ""
    stage: Stage = Stage.NOT_ASKED
    stage_history: list[StageChange] = field(default_factory=list)
    last_update_sent: datetime | None = None  # the latest keep-in-touch update
    asks: list[Ask] = field(default_factory=list)
    # Computed follow-ups the user has done or set aside (FollowUp.key), so they stay gone.
    follow_ups_done: list[str] = field(default_factory=list)
    messages: list[SentMessage] = field(default_factory=list)  # follow-ups, thank-yous, updates, as sent
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=utc_now)
    updated: datetime = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a contact needs a name")
        if self.tier not in TIERS:
            raise ValueError(f"tier must be 1, 2, 3 or 4, not {self.tier}")

    @property
    def work(self) -> str:
        """'UX researcher at Lumen UX', or whichever half is known."""
        return " at ".join(part for part in (self.role, self.company) if part)


@dataclass
class IntroRequest:
    """Asking someone "do you know anyone in X?"."""

    contact_id: str
    asked_at: datetime
    outcome: str = ""


@dataclass
class Curiosity:
    """A field of work the user wants to explore."""

    name: str
    description: str = ""
    intro_requests: list[IntroRequest] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a curiosity needs a name")


@dataclass
class Question:
    text: str
    id: str = field(default_factory=new_id)


@dataclass
class QuestionSet:
    name: str
    questions: list[Question] = field(default_factory=list)
    builtin: bool = False
    id: str = field(default_factory=new_id)


@dataclass
class Reaction:
    """One move of the resonance or dissonance slider during a conversation."""

    kind: ReactionKind
    value: int
    offset_seconds: float  # since the conversation started
    question_id: str | None = None

    def __post_init__(self) -> None:
        _check_range(f"{self.kind.value}", self.value, REACTION_RANGE)
        if self.offset_seconds < 0:
            raise ValueError("a reaction cannot happen before the conversation starts")


@dataclass
class Referral:
    """Someone the interviewee suggested; they become a contact of their own."""

    contact_id: str
    offset_seconds: float = 0.0
    note: str = ""


@dataclass
class Reflection:
    value_fit: dict[str, int] = field(default_factory=dict)  # value id -> 1..5
    takeaways: str = ""
    written_at: datetime | None = None


@dataclass
class Interview:
    contact_id: str
    # The person's name, kept when their contact is deleted so the interview stays readable.
    contact_name: str = ""
    scheduled_at: datetime | None = None
    planned_minutes: int = 45
    mode: Mode = Mode.IN_PERSON
    place: str = ""
    question_set_id: str | None = None
    # The questions as they were asked: editing a set later must not rewrite history.
    questions: list[Question] = field(default_factory=list)
    question_notes: dict[str, str] = field(default_factory=dict)  # question id -> notes
    free_notes: str = ""
    reactions: list[Reaction] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    reflection: Reflection = field(default_factory=Reflection)
    hope_before: int | None = None
    hope_after: int | None = None
    status: InterviewStatus = InterviewStatus.PLANNED
    started_at: datetime | None = None
    finished_at: datetime | None = None
    elapsed_seconds: float = 0.0  # clock time so far, so a resumed session continues
    clock_updated_at: datetime | None = None  # when elapsed_seconds was last brought up to date
    current_question: int = 0
    asked_question_ids: list[str] = field(default_factory=list)
    edited: datetime | None = None  # notes corrected after the conversation, last at this moment
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=utc_now)
    updated: datetime = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        _check_range("planned length (minutes)", self.planned_minutes, PLANNED_MINUTES_RANGE)
        for hope in (self.hope_before, self.hope_after):
            if hope is not None:
                _check_range("hope", hope, HOPE_RANGE)

    def person(self, contact: Contact | None, fallback: str = "someone") -> str:
        """The interviewee's name: their contact's, else the name kept when it was deleted."""
        return contact.name if contact else self.contact_name or fallback

    @property
    def moment(self) -> datetime | None:
        """When it happened or is to happen: the start once begun, else the scheduled time."""
        return self.started_at or self.scheduled_at

    def peak(self, kind: ReactionKind) -> int | None:
        """The highest level one slider reached (None: it never moved)."""
        return max((reaction.value for reaction in self.reactions if reaction.kind is kind), default=None)


@dataclass
class Value:
    """A personal value the user weighs each line of work against."""

    name: str
    meaning: str = ""
    retired: bool = False
    position: int = 0  # the user's order, most important first
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a value needs a name")


@dataclass
class MessageTemplate:
    """The words of a message, with {first_name}, {curiosity}, {your_name}... filled in."""

    name: str
    text: str
    builtin: bool = False
    id: str = field(default_factory=new_id)
    kind: MessageKind = MessageKind.ASK  # files from before other kinds existed held asks only


@dataclass
class Settings:
    target_interviews: int = DEFAULT_TARGET_INTERVIEWS
    default_planned_minutes: int = 45
    default_question_set_id: str | None = None
    question_sets: list[QuestionSet] = field(default_factory=list)  # the user's own
    message_templates: list[MessageTemplate] = field(default_factory=list)  # the user's own
    your_name: str = ""  # signs the messages
    your_name_asked: bool = False  # asked once, before the first message; an empty answer is not asked again
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys
    theme: str | None = None
    # First step of the method: brainstorm work that piques your curiosity.
    brainstorm: str = ""

    def __post_init__(self) -> None:
        if self.target_interviews < 1:
            raise ValueError("the target number of interviews must be at least 1")
        _check_range("planned length (minutes)", self.default_planned_minutes, PLANNED_MINUTES_RANGE)
