"""Dates the way people type and say them.

`parse_when("next tue 3pm", now)` turns what the user typed into an aware datetime in
their local zone, says which words it ignored, and refuses what it cannot be sure of
(an unknown time zone, "03/04", a bare "3", a clock time that does not exist or
happens twice when the clocks change) with a message that says what to type instead.
Every failure is a `DateParseError`; nothing else escapes.

Words dateutil does not know ("today", "tomorrow", "next friday", "in 3 days") are
resolved here with relativedelta; the rest goes to dateutil with explicit defaults.
Business days (for 3B7 follow-ups) are counted by arithmetic on week numbers, checked
against dateutil's rrule in the tests.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from dateutil.relativedelta import relativedelta

EXAMPLES = "'tomorrow 10:30', 'tue 3pm', 'next friday', 'in 3 days', '3 dec 2pm' or '2026-12-03 14:00'"


class DateParseError(ValueError):
    """What the user typed is not a date we can be sure of; the message says why."""


@dataclass(frozen=True)
class ParsedWhen:
    value: datetime  # aware, in the local zone
    has_time: bool  # False when only a day was given (time is then 00:00)
    ignored: tuple[str, ...] = field(default=())  # words that played no part
    # "next tue" said on a Sunday: the Tuesday two days later, or the one a week after
    # (what many people mean). value is the first; this is the other reading.
    alternative: datetime | None = None

    def preview(self, now: datetime) -> str:
        """What was understood, for showing before the user accepts it: 'Tue 1 Dec 15:00 (in 2 days)',
        and the other reading of "next <day>" with what to type for it."""
        shown = describe_moment(self.value, now) if self.has_time else describe_day(self.value, now)
        shown += _distance(self.value, now)
        if self.alternative is not None:
            other = f"{self.alternative.day} {self.alternative:%b}".lower()
            if self.alternative.year != now.year:
                other += f" {self.alternative.year}"
            if self.has_time:
                other += f" {self.alternative:%H:%M}"
            shown += f" · the week after? type '{other}'"
        if self.ignored:
            shown += f"  (ignored: {', '.join(self.ignored)})"
        return shown


_WEEKDAYS = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # fmt: skip
_UNITS = {"minute": "minutes", "min": "minutes", "hour": "hours", "hr": "hours",
          "day": "days", "week": "weeks", "month": "months"}  # fmt: skip
_COUNT = r"(\d{1,4}|" + "|".join(_NUMBER_WORDS) + ")"
_UNIT = r"(minute|min|hour|hr|day|week|month)s?"
_DAY_WORDS = {"today": 0, "tonight": 0, "tomorrow": 1, "tmrw": 1, "tmr": 1, "yesterday": -1}

_RELATIVE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day_after_tomorrow", re.compile(r"\bday after tomorrow\b", re.IGNORECASE)),
    ("in", re.compile(rf"\bin {_COUNT} {_UNIT}\b", re.IGNORECASE)),
    ("ago", re.compile(rf"\b{_COUNT} {_UNIT} ago\b", re.IGNORECASE)),
    ("day_word", re.compile(r"\b(" + "|".join(_DAY_WORDS) + r")\b", re.IGNORECASE)),
    ("weekday", re.compile(r"\b(?:(next|this|on|last) )?(" + "|".join(_WEEKDAYS) + r")\b\.?", re.IGNORECASE)),
)
# Words that join a date to a time and mean nothing on their own.
_FILLER = {"at", "on", "@", ",", "the", "of", "and", "-", "around", "about"}
_SLASHED_DATE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?\b")
_BARE_NUMBER = re.compile(r"^\d{1,2}$")
_CLOCK_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}
_MAX_INPUT = 200
_YEARS_AROUND_NOW = 100  # any date a conversation or follow-up can have


def local_zone() -> tzinfo:
    # dateutil.tz is imported where a zone is needed, not with this module: it brings ctypes,
    # zoneinfo and importlib.resources (5 ms), and the app's first frame needs no zone (issue #14).
    from dateutil import tz

    return tz.tzlocal()


def parse_when(
    text: str,
    now: datetime,
    *,
    prefer_future: bool = False,
    require_time: bool = False,
) -> ParsedWhen:
    """Parse a typed date/time relative to `now` (aware; its zone is the user's zone).

    prefer_future: a date typed without a year that is already past means next year.
    require_time: refuse a day with no time of day (scheduling needs one).
    """
    if now.tzinfo is None:
        raise DateParseError("internal: 'now' must carry a time zone")
    try:
        parsed = _parse(text, now, prefer_future=prefer_future)
    except DateParseError:
        raise
    except (ValueError, OverflowError, ArithmeticError, TypeError) as error:
        raise DateParseError(f"Could not read {text.strip()!r} as a date ({error}). Try {EXAMPLES}.") from error
    if require_time and not parsed.has_time:
        raise DateParseError(f"{text.strip()!r} names a day but no time; add one, e.g. '{text.strip()} 3pm'.")
    return parsed


def _normalise(text: str) -> str:
    # Case is kept: dateutil only knows zone names like 'PST' in capitals.
    text = " ".join(text.replace("\u00a0", " ").split())
    for word, clock in _CLOCK_WORDS.items():
        text = re.sub(rf"\b{word}\b", clock, text, flags=re.IGNORECASE)
    return text


def _shift(unit: str, amount: int) -> relativedelta:
    """'3 days' as a relativedelta (unit: minutes, hours, days, weeks or months)."""
    keywords: dict[str, Any] = {unit: amount}
    return relativedelta(**keywords)


def _count(raw: str) -> int:
    return _NUMBER_WORDS[raw.lower()] if raw.lower() in _NUMBER_WORDS else int(raw)


def _parse(text: str, now: datetime, *, prefer_future: bool) -> ParsedWhen:
    if len(text) > _MAX_INPUT:
        raise DateParseError(f"That is {len(text)} characters; a date is a few words, e.g. {EXAMPLES}.")
    cleaned = _normalise(text)
    if not cleaned:
        raise DateParseError(f"Type a date, e.g. {EXAMPLES}.")
    zone = now.tzinfo
    assert zone is not None  # parse_when refuses a naive 'now'
    today = now.date()
    if cleaned.lower() in ("now", "just now", "right now"):
        return ParsedWhen(now.replace(second=0, microsecond=0), True)

    found = [(kind, match) for kind, pattern in _RELATIVE_PATTERNS if (match := pattern.search(cleaned))]
    found = _drop_overlaps(found)
    if len(found) > 1:
        words = " and ".join(repr(match.group(0)) for _, match in found)
        raise DateParseError(f"{words} both name a day; keep one of them.")

    base_day: date | None = None
    next_within_the_week = False  # "next tue" resolved to the coming Tuesday: offer the one after too
    rest = cleaned
    if found:
        kind, match = found[0]
        rest = (cleaned[: match.start()] + " " + cleaned[match.end() :]).strip()
        if kind in ("in", "ago"):
            amount = _count(match.group(1)) * (1 if kind == "in" else -1)
            unit = _UNITS[match.group(2).lower()]
            if unit in ("minutes", "hours"):
                if _meaningful(rest):
                    raise DateParseError(f"{match.group(0)!r} already sets the time; leave out {rest!r}.")
                moment = (now + _shift(unit, amount)).astimezone(zone)
                return ParsedWhen(moment.replace(second=0, microsecond=0), True, _ignored_words(rest))
            base_day = today + _shift(unit, amount)
        elif kind == "day_after_tomorrow":
            base_day = today + timedelta(days=2)
        elif kind == "day_word":
            base_day = today + timedelta(days=_DAY_WORDS[match.group(1).lower()])
        else:
            qualifier = match.group(1).lower() if match.group(1) else None
            base_day = _resolve_weekday(today, qualifier, _WEEKDAYS[match.group(2).lower()])
            next_within_the_week = qualifier == "next" and (base_day - today).days < 7

    if not _meaningful(rest):
        if base_day is None:
            raise DateParseError(f"Could not find a date in {text.strip()!r}. Try {EXAMPLES}.")
        parsed = ParsedWhen(_localise(datetime.combine(base_day, time()), zone), False, _ignored_words(rest))
        return _week_later(parsed, zone) if next_within_the_week else parsed

    _refuse_ambiguous_numbers(rest)
    rest, named_zone = _take_named_zone(rest)
    given, result, ignored, parsed_zone = _dateutil_parse(rest)
    parsed_zone = named_zone or parsed_zone

    if base_day is not None and (given["day"] or given["month"] or given["year"]):
        raise DateParseError(f"{text.strip()!r} names the day twice; keep either the word or the date.")
    if given["month"] and not given["day"]:
        raise DateParseError(f"Which day of {result.strftime('%B')}? e.g. '3 {result.strftime('%b').lower()}'.")
    if not any(given.values()):
        raise DateParseError(f"Could not find a date in {text.strip()!r}. Try {EXAMPLES}.")

    day = base_day or today
    year = result.year if given["year"] else day.year
    if abs(year - today.year) > _YEARS_AROUND_NOW:
        # dateutil reads a stray number as a year ("+0100" became the year 100).
        raise DateParseError(
            f"{text.strip()!r} reads as the year {year}; type the date in full, e.g. '3 dec 2026 2pm'."
        )
    month = result.month if given["month"] else day.month
    day_of_month = result.day if given["day"] else day.day
    has_time = given["hour"] or given["minute"]
    clock = time(result.hour, result.minute) if has_time else time()
    naive = datetime.combine(date(year, month, day_of_month), clock)
    if prefer_future and given["month"] and not given["year"] and naive.date() < today:
        naive = naive + relativedelta(years=1)

    if parsed_zone is not None:
        value = naive.replace(tzinfo=parsed_zone).astimezone(zone)
    else:
        value = _localise(naive, zone)
    parsed = ParsedWhen(value, has_time, ignored)
    return _week_later(parsed, zone) if next_within_the_week else parsed


def _distance(moment: datetime, now: datetime) -> str:
    """' (in 2 days)' beside a date further than tomorrow or yesterday, so a weekday is checked at a glance."""
    days = (moment.astimezone(now.tzinfo).date() - now.date()).days
    if days >= 2:
        return f" (in {days} days)"
    if days <= -2:
        return f" ({-days} days ago)"
    return ""


def _week_later(parsed: ParsedWhen, zone: tzinfo) -> ParsedWhen:
    """The same clock time a week later, as the other reading of "next <day>"."""
    try:
        later = _localise(parsed.value.astimezone(zone).replace(tzinfo=None) + timedelta(days=7), zone)
    except DateParseError:  # that clock time does not exist then (the clocks change): offer nothing
        return parsed
    return replace(parsed, alternative=later)


def _drop_overlaps(found: list[tuple[str, re.Match[str]]]) -> list[tuple[str, re.Match[str]]]:
    """'day after tomorrow' also contains 'tomorrow'; keep the longer match."""
    kept: list[tuple[str, re.Match[str]]] = []
    for kind, match in sorted(found, key=lambda item: item[1].end() - item[1].start(), reverse=True):
        if all(match.end() <= other.start() or match.start() >= other.end() for _, other in kept):
            kept.append((kind, match))
    return kept


def _resolve_weekday(today: date, qualifier: str | None, weekday: int) -> date:
    """'fri' / 'this fri' / 'on fri': the coming Friday, today included.
    'next fri': the first Friday after today. 'last fri': the most recent one before today."""
    ahead = (weekday - today.weekday()) % 7
    if qualifier == "next" and ahead == 0:
        ahead = 7
    if qualifier == "last":
        return today - timedelta(days=(today.weekday() - weekday) % 7 or 7)
    return today + timedelta(days=ahead)


def _meaningful(rest: str) -> bool:
    return bool(_without_filler(rest))


def _without_filler(rest: str) -> str:
    return " ".join(word for word in rest.replace(",", " ").split() if word.lower() not in _FILLER)


def _ignored_words(rest: str) -> tuple[str, ...]:
    words = _without_filler(rest)
    return (words,) if words else ()


def _refuse_ambiguous_numbers(rest: str) -> None:
    slashed = _SLASHED_DATE.search(rest)
    if slashed and ":" not in slashed.group(0):
        first, second = int(slashed.group(1)), int(slashed.group(2))
        if first <= 12 and second <= 12 and first != second:
            raise DateParseError(
                f"{slashed.group(0)!r} could be {first} {_month_name(second)} or {second} {_month_name(first)}; "
                f"write '{first} {_month_name(second)[:3].lower()}' or use YYYY-MM-DD."
            )
    number = _without_filler(rest)
    if _BARE_NUMBER.match(number):
        raise DateParseError(
            f"{number!r} alone could be a time or a day; write '{number}am', '{number}pm', '{number}:00' or '{number} dec'."
        )


_NAMED_ZONE = re.compile(r"\b[A-Za-z_]+/[A-Za-z_]+(?:/[A-Za-z_]+)?\b")


def _take_named_zone(rest: str) -> tuple[str, tzinfo | None]:
    """'3pm Europe/London': a zone name from the tz database, refused if unknown."""
    from dateutil import tz

    match = _NAMED_ZONE.search(rest)
    if not match:
        return rest, None
    zone = tz.gettz(match.group(0))
    if zone is None:
        raise DateParseError(
            f"Unknown time zone {match.group(0)!r}. Leave it out to use your local time, or give an offset like '+01:00'."
        )
    return (rest[: match.start()] + rest[match.end() :]).strip(), zone


def _month_name(month: int) -> str:
    return date(2000, month, 1).strftime("%B")


_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)  # leap years and 31-day months on both sides,
_DEFAULT_B = datetime(2004, 3, 2, 1, 1, 1)  # so any typed day fits either default


def _dateutil_parse(rest: str) -> tuple[dict[str, bool], datetime, tuple[str, ...], tzinfo | None]:
    """Parse with two different defaults: a component that comes out the same both
    times was typed by the user; one that differs came from the default."""
    from dateutil import tz

    zones_seen: list[tzinfo] = []

    def zone_for(name: str | None, offset: int | None) -> tzinfo | None:
        if name is None and offset is None:
            return None
        if offset is not None:
            found: tzinfo = tz.tzoffset(name, offset)
        elif name and name.upper() in ("UTC", "GMT", "Z"):
            found = tz.UTC
        else:
            found = tz.gettz(name) if name else None  # type: ignore[assignment]  # dateutil's stubs say tzfile; any tzinfo will do
            if found is None:
                raise DateParseError(
                    f"Unknown time zone {name!r}. Leave it out to use your local time, or give an offset like '+01:00'."
                )
        zones_seen.append(found)
        return found

    # Only a slashed date whose first number cannot be a month is read day-first;
    # the ambiguous ones were refused before we got here.
    slashed = _SLASHED_DATE.search(rest)
    day_first = bool(slashed and int(slashed.group(1)) > 12)
    from dateutil import parser as dateutil_parser  # when a date is typed: off the app's first paint (issue #14)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            first, skipped = dateutil_parser.parse(
                rest, default=_DEFAULT_A, fuzzy_with_tokens=True, dayfirst=day_first, tzinfos=zone_for
            )
            second = dateutil_parser.parse(rest, default=_DEFAULT_B, fuzzy=True, dayfirst=day_first, tzinfos=zone_for)
        except dateutil_parser.ParserError as error:
            if "out of range" in str(error):
                raise DateParseError(f"{rest!r} is not a day or time that exists; check the numbers.") from error
            raise DateParseError(f"Could not read {rest!r} as a date or time. Try {EXAMPLES}.") from error
    given = {part: getattr(first, part) == getattr(second, part) for part in ("year", "month", "day", "hour", "minute")}
    ignored = _ignored_words(" ".join(skipped))
    return given, first, ignored, (first.tzinfo if first.tzinfo is not None else None)


def _localise(naive: datetime, zone: tzinfo) -> datetime:
    """Attach the local zone, refusing clock times that a DST change skips or repeats."""
    from dateutil import tz

    aware = naive.replace(tzinfo=zone)
    if not tz.datetime_exists(aware):
        raise DateParseError(
            f"{naive:%H:%M} does not exist on {naive:%-d %b} (the clocks go forward); pick another time."
        )
    if tz.datetime_ambiguous(aware):
        raise DateParseError(f"{naive:%H:%M} happens twice on {naive:%-d %b} (the clocks go back); pick another time.")
    return aware


# --- business days (3B7 follow-ups) ---------------------------------------------------


def add_business_days(start: datetime, days: int) -> datetime:
    """The moment `days` business days (Mon-Fri) after `start`, same clock time."""
    if days < 0:
        raise ValueError("days must be zero or more")
    day = start.date()
    # Whole weeks at once, then day by day (a few steps): Today computes this for every
    # unanswered ask, so it must not cost an rrule each time (the tests check it against one).
    weeks, rest = divmod(days, 5)
    day += timedelta(weeks=weeks)
    while rest:
        day += timedelta(days=1)
        if day.weekday() < 5:
            rest -= 1
    while days and day.weekday() >= 5:
        # From a weekend, whole weeks of business days end on the Friday before.
        day -= timedelta(days=1)
    return datetime.combine(day, start.timetz()).replace(tzinfo=start.tzinfo)


def _weekdays_up_to(day: date) -> int:
    """Mondays to Fridays from 1 Jan 0001 (a Monday) through `day`."""
    weeks, rest = divmod(day.toordinal() - 1, 7)
    return weeks * 5 + min(rest + 1, 5)


def business_days_between(earlier: datetime, later: datetime) -> int:
    """Whole business days from `earlier`'s day to `later`'s day (0 if the same day)."""
    if later.date() <= earlier.date():
        return 0
    return _weekdays_up_to(later.date()) - _weekdays_up_to(earlier.date())


# --- saying dates the way people do ----------------------------------------------------


def next_midnight(now: datetime) -> datetime:
    """The start of tomorrow where `now` is: when 'today', 'tomorrow', 'due' and '3 business
    days ago' next change."""
    return datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=now.tzinfo)


def describe_day(moment: datetime, now: datetime) -> str:
    """'today', 'tomorrow', 'yesterday', 'Fri 27 Nov', 'Sat 3 Jan 2027'."""
    moment = moment.astimezone(now.tzinfo)
    delta = (moment.date() - now.date()).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    text = f"{moment:%a} {moment.day} {moment:%b}"
    if moment.year != now.year:
        text += f" {moment.year}"
    return text


def describe_moment(moment: datetime, now: datetime) -> str:
    """'tomorrow 15:00', 'Fri 27 Nov 09:30'."""
    local = moment.astimezone(now.tzinfo)
    return f"{describe_day(local, now)} {local:%H:%M}"


def describe_age(moment: datetime, now: datetime) -> str:
    """How long ago, in business days once it is more than a day: '3 business days ago'."""
    local = moment.astimezone(now.tzinfo)
    if local.date() == now.date():
        return "today"
    if local.date() > now.date():
        days = (local.date() - now.date()).days
        return "tomorrow" if days == 1 else f"in {days} days"
    if (now.date() - local.date()).days == 1:
        return "yesterday"
    business = business_days_between(local, now)
    if business == 0:
        return f"{(now.date() - local.date()).days} days ago (a weekend)"
    return f"{business} business day{'s' if business != 1 else ''} ago"
