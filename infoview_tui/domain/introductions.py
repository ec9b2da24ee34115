"""An introduction's outcome in the user's own words, read for the person it names.

"introduced me to Sam Ortiz at SunPower" -> ("Sam Ortiz", "SunPower"). Loose on purpose:
the user checks the result in the contact form before anything is saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What comes before the name: "introduced me to", "intro to", "put me in touch with",
# "connected me with"... The name runs to "at"/"from"/"of" (then the company), or to a
# comma, a full stop, or "who"/"and"/"(".
_LEAD = re.compile(
    r"\b(?:introduc(?:ed|es|ing)?|intro|connect(?:ed|s)?|put|putting|referr(?:ed)?|pointed)\b"
    r"(?:\s+(?:me|us))?(?:\s+in\s+touch)?\s+(?:to|with)\s+(?P<rest>.+)",
    re.IGNORECASE | re.DOTALL,
)
_COMPANY_WORD = re.compile(r"\s+(?:at|from|of|@)\s+", re.IGNORECASE)
_NAME_ENDS = re.compile(r"\s*(?:[,.;:!?()\n]|\s-\s|\s(?:who|and|but|she|he|they)\s)", re.IGNORECASE)


@dataclass(frozen=True)
class Introduced:
    name: str
    company: str = ""


def introduced_person(outcome: str) -> Introduced | None:
    """The person an outcome says the user was introduced to, or None when it names nobody."""
    found = _LEAD.search(outcome)
    if found is None:
        return None
    rest = found.group("rest").strip()
    end = _NAME_ENDS.search(rest)
    phrase = rest[: end.start()] if end else rest
    name, company = phrase, ""
    parts = _COMPANY_WORD.split(phrase, maxsplit=1)
    if len(parts) == 2:
        name, company = parts
    name = name.strip(" '\"")
    company = company.strip(" '\"")
    words = name.split()
    if not words or len(words) > 4 or not any(word[:1].isupper() for word in words):
        return None  # "introduced me to a few people": not a name
    return Introduced(" ".join(words), " ".join(company.split()))
