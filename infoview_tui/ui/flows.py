"""What a screen asks for that leads to another screen: it posts one of these messages
(`self.post_message(StartInterview(contact_id))`), which bubbles up to the app, and the app
(handling it with `@on`) decides what opens next. A screen thus never reaches into the app
to drive navigation, and each journey is written once, in app.py."""

from __future__ import annotations

from textual.message import Message


class StartInterview(Message):
    """Talk with this person now: choose the questions and the length, then the call opens
    (or the conversation already under way is brought back)."""

    def __init__(self, contact_id: str) -> None:
        super().__init__()
        self.contact_id = contact_id


class SessionFinished(Message):
    """The call is over and saved: back to Today, saying `message`, with the reflection on
    this interview on top (none when `interview_id` is None)."""

    def __init__(self, message: str, interview_id: str | None = None) -> None:
        super().__init__()
        self.message = message
        self.interview_id = interview_id


class CloseSession(Message):
    """This interview was deleted: its call, if open, closes without saving it back."""

    def __init__(self, interview_id: str) -> None:
        super().__init__()
        self.interview_id = interview_id


class Reflect(Message):
    """Reflect on this conversation: what resonated, how it fits your values."""

    def __init__(self, interview_id: str) -> None:
        super().__init__()
        self.interview_id = interview_id


class LogConversation(Message):
    """Log a conversation held outside infoview, with this person (or one typed in the form)."""

    def __init__(self, contact_id: str | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id
