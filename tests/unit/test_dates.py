"""What people type, and what it must mean (the moment is Wed 25 Nov 2026, 19:30, Paris)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_tui.domain.dates import (
    DateParseError,
    add_business_days,
    business_days_between,
    describe_age,
    describe_moment,
    parse_when,
)
from tests.conftest import FIXED_NOW, ZONE

NOW = FIXED_NOW


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("typed", "expected", "has_time"),
    [
        ("tue 3pm", at(2026, 12, 1, 15), True),
        ("Tue 3PM", at(2026, 12, 1, 15), True),
        ("tomorrow 10:30", at(2026, 11, 26, 10, 30), True),
        ("next friday", at(2026, 11, 27), False),
        ("friday", at(2026, 11, 27), False),
        ("wed", at(2026, 11, 25), False),  # today counts for a plain weekday
        ("next wed 9am", at(2026, 12, 2, 9), True),  # ...but not after "next"
        ("last fri", at(2026, 11, 20), False),
        ("in 3 days", at(2026, 11, 28), False),
        ("in three days", at(2026, 11, 28), False),
        ("in a week", at(2026, 12, 2), False),
        ("in 2 hours", at(2026, 11, 25, 21, 30), True),
        ("2 days ago", at(2026, 11, 23), False),
        ("2026-12-03 14:00", at(2026, 12, 3, 14), True),
        ("3 dec 2pm", at(2026, 12, 3, 14), True),
        ("3 Dec at 2:30pm", at(2026, 12, 3, 14, 30), True),
        ("25/12", at(2026, 12, 25), False),
        ("today noon", at(2026, 11, 25, 12), True),
        ("yesterday 4pm", at(2026, 11, 24, 16), True),
        ("day after tomorrow 9am", at(2026, 11, 27, 9), True),
        ("10:30", at(2026, 11, 25, 10, 30), True),
        ("3pm UTC", at(2026, 11, 25, 16), True),
        ("3pm +0200", at(2026, 11, 25, 14), True),
        ("3pm Europe/London", at(2026, 11, 25, 16), True),
        ("now", at(2026, 11, 25, 19, 30), True),
    ],
)
def test_understands_what_people_type(typed: str, expected: datetime, has_time: bool) -> None:
    parsed = parse_when(typed, NOW)
    assert parsed.value == expected
    assert parsed.value.tzinfo is not None
    assert parsed.has_time is has_time
    assert parsed.ignored == ()


def test_reports_words_it_ignored() -> None:
    parsed = parse_when("tue 3pm with Anna", NOW)
    assert parsed.value == at(2026, 12, 1, 15)
    assert parsed.ignored == ("with Anna",)
    assert "ignored: with Anna" in parsed.preview(NOW)


def test_preview_reads_like_speech() -> None:
    assert parse_when("tomorrow 15:00", NOW).preview(NOW) == "tomorrow 15:00"
    assert parse_when("3 dec 2pm", NOW).preview(NOW) == "Thu 3 Dec 14:00 (in 8 days)"
    assert parse_when("next friday", NOW).preview(NOW) == "Fri 27 Nov (in 2 days) · the week after? type '4 dec'"
    assert parse_when("23 nov 9am", NOW).preview(NOW) == "Mon 23 Nov 09:00 (2 days ago)"


def test_prefer_future_rolls_a_past_date_to_next_year() -> None:
    assert parse_when("3 jan", NOW).value == at(2026, 1, 3)
    assert parse_when("3 jan", NOW, prefer_future=True).value == at(2027, 1, 3)
    assert parse_when("3 jan 2026", NOW, prefer_future=True).value == at(2026, 1, 3)


@pytest.mark.parametrize(
    ("typed", "message_part"),
    [
        ("", "Type a date"),
        ("   ", "Type a date"),
        ("banana", "Could not read"),
        ("03/04", "could be 3 April or 4 March"),
        ("3", "alone could be a time or a day"),
        ("next wed at 10", "alone could be a time or a day"),
        ("3pm PST", "Unknown time zone 'PST'"),
        ("3pm Mars/Olympus", "Unknown time zone 'Mars/Olympus'"),
        ("tomorrow friday", "both name a day"),
        ("tomorrow 3 dec", "names the day twice"),
        ("dec", "Which day of December"),
        ("31 nov", "not a day or time that exists"),
        ("in 2 hours 5pm", "already sets the time"),
        ("2026-03-29 02:30", "does not exist"),  # clocks go forward in Paris
        ("2026-10-25 02:30", "happens twice"),  # clocks go back
        ("x" * 300, "a date is a few words"),
    ],
)
def test_refuses_with_a_message_that_says_what_to_do(typed: str, message_part: str) -> None:
    with pytest.raises(DateParseError, match=message_part.replace("(", r"\(")):
        parse_when(typed, NOW)


def test_require_time_refuses_a_bare_day() -> None:
    with pytest.raises(DateParseError, match="no time"):
        parse_when("next friday", NOW, require_time=True)
    assert parse_when("next friday 3pm", NOW, require_time=True).has_time


def test_naive_now_is_refused() -> None:
    with pytest.raises(DateParseError):
        parse_when("tomorrow", NOW.replace(tzinfo=None))


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_any_text_gives_a_date_or_our_error(text: str) -> None:
    try:
        parsed = parse_when(text, NOW)
    except DateParseError:
        return
    assert parsed.value.tzinfo is not None


_WORDS = st.sampled_from(
    ["tue", "next", "friday", "in", "3", "days", "tomorrow", "at", "10:30", "3pm", "dec", "2026-12-03",
     "ago", "noon", "UTC", "PST", "/", "12/11", "+0100", "a", "week", "hours", "Europe/Paris", "31", "feb"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, max_size=5).map(" ".join))
def test_date_like_word_salad_gives_a_date_or_our_error(text: str) -> None:
    try:
        parsed = parse_when(text, NOW, prefer_future=True)
    except DateParseError as error:
        assert str(error), "an error the user can read"
        return
    # What comes back is a moment the app can store and show: aware, previewable, and
    # only words from the input are reported as ignored.
    assert parsed.value.tzinfo is not None and parsed.value.utcoffset() is not None
    assert parsed.preview(NOW).strip()
    assert all(piece.casefold() in text.casefold() for word in parsed.ignored for piece in word.split())
    assert abs(parsed.value.year - NOW.year) <= 100  # '+0100' once became the year 100
    if not parsed.has_time:
        assert (parsed.value.hour, parsed.value.minute) == (0, 0)


# --- business days ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (at(2026, 11, 25, 9), 3, at(2026, 11, 30, 9)),  # Wed + 3 -> Mon (over a weekend)
        (at(2026, 11, 25, 9), 7, at(2026, 12, 4, 9)),  # Wed + 7 -> Fri next week
        (at(2026, 11, 27, 9), 1, at(2026, 11, 30, 9)),  # Fri + 1 -> Mon
        (at(2026, 11, 28, 9), 1, at(2026, 11, 30, 9)),  # Sat + 1 -> Mon
        (at(2026, 12, 30, 9), 3, at(2027, 1, 4, 9)),  # across the new year
        (at(2026, 11, 25, 9), 0, at(2026, 11, 25, 9)),
    ],
)
def test_add_business_days(start: datetime, days: int, expected: datetime) -> None:
    assert add_business_days(start, days) == expected


def test_business_days_between_skips_weekends() -> None:
    assert business_days_between(at(2026, 11, 20), at(2026, 11, 25)) == 3  # Fri -> Wed
    assert business_days_between(at(2026, 11, 25), at(2026, 11, 25, 23)) == 0
    assert business_days_between(at(2026, 11, 26), at(2026, 11, 25)) == 0


@given(st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=400))
def test_adding_then_counting_business_days_agrees(days: int, offset: int) -> None:
    start = at(2026, 1, 5, 9) + timedelta(days=offset)  # from a Monday onwards
    if start.weekday() >= 5:
        return
    assert business_days_between(start, add_business_days(start, days)) == days


def test_describe_age_and_moment() -> None:
    assert describe_age(at(2026, 11, 20, 10), NOW) == "3 business days ago"
    assert describe_age(at(2026, 11, 24, 10), NOW) == "yesterday"
    assert describe_age(at(2026, 11, 25, 8), NOW) == "today"
    assert describe_age(at(2026, 11, 26, 8), NOW) == "tomorrow"
    assert describe_moment(at(2026, 11, 26, 15), NOW) == "tomorrow 15:00"
    assert describe_moment(at(2027, 1, 4, 9), NOW) == "Mon 4 Jan 2027 09:00"
    # A moment stored in UTC is shown in the user's zone.
    assert describe_moment(datetime(2026, 11, 26, 14, tzinfo=tz.UTC), NOW) == "tomorrow 15:00"


def _rrule_add(start, days):  # type: ignore[no-untyped-def]
    from dateutil import rrule

    if days == 0:
        return start
    naive = start.replace(tzinfo=None)
    days_rule = rrule.rrule(rrule.DAILY, byweekday=(rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR),
                            dtstart=naive + timedelta(days=1), count=days)  # fmt: skip
    return days_rule[-1].replace(tzinfo=start.tzinfo)


def _rrule_between(earlier, later):  # type: ignore[no-untyped-def]
    from dateutil import rrule

    if later.date() <= earlier.date():
        return 0
    first = datetime.combine(earlier.date() + timedelta(days=1), time())
    last = datetime.combine(later.date(), time())
    return rrule.rrule(rrule.DAILY, byweekday=(rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR),
                       dtstart=first, until=last).count()  # fmt: skip


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 40), st.integers(0, 400))
def test_business_day_arithmetic_agrees_with_rrule(start: date, days: int, span: int) -> None:
    moment = datetime.combine(start, time(15, 30), tzinfo=ZONE)
    assert add_business_days(moment, days) == _rrule_add(moment, days)
    later = moment + timedelta(days=span)
    assert business_days_between(moment, later) == _rrule_between(moment, later)


SUNDAY = datetime(2026, 11, 29, 11, 0, tzinfo=ZONE)


def test_next_tuesday_said_on_a_sunday_shows_the_day_and_offers_the_week_after() -> None:
    # Issue 13: "next tue 3pm" on a Sunday is the Tuesday two days later; many people mean the one after.
    parsed = parse_when("next tue 3pm", SUNDAY)
    assert parsed.value == datetime(2026, 12, 1, 15, 0, tzinfo=ZONE)
    assert parsed.alternative == datetime(2026, 12, 8, 15, 0, tzinfo=ZONE)
    assert parsed.preview(SUNDAY) == "Tue 1 Dec 15:00 (in 2 days) · the week after? type '8 dec 15:00'"
    # What the offer says to type gives the other reading.
    assert parse_when("8 dec 15:00", SUNDAY).value == parsed.alternative


def test_only_next_weekday_is_ambiguous() -> None:
    assert parse_when("tue 3pm", SUNDAY).alternative is None
    assert parse_when("this tue", SUNDAY).alternative is None
    assert parse_when("next sun", SUNDAY).alternative is None  # a week today: only one reading
    assert parse_when("next sun", SUNDAY).preview(SUNDAY) == "Sun 6 Dec (in 7 days)"
