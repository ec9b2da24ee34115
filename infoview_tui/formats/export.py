"""Notes out of the app, as files people can read anywhere.

- markdown: a folder, one file per interview (person, date, questions and notes,
  reactions, referrals, reflection) and an index.md linking them.
- csv: a folder with contacts.csv and interviews.csv, safe to open in a spreadsheet
  (a cell starting with = + - @ is prefixed with ' so it is never run as a formula).
- ics: scheduled interviews and pending follow-ups as calendar events.
- json: the whole database, which `infoview import` restores.

Every export is whole or not written at all, private to the user (folders 0700, files
0600), and never written over anything: see export_files.py.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta
from pathlib import Path

import vobject
from dateutil import tz

from ..domain.followups import pending_follow_ups
from ..domain.model import Contact, Interview, InterviewStatus, ReactionKind
from ..store.repository import Repository
from .export_files import ExportRefused, WriteFile, interview_file_name, new_file, new_folder, slug

__all__ = ["FORMATS", "ExportRefused", "export", "interview_markdown", "neutralise", "slug"]

UTC = tz.UTC  # vobject writes dateutil's UTC as a plain 'Z' time; it cannot name the stdlib one

FORMATS = ("markdown", "csv", "ics", "json")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NOT_GIVEN = "\N{EN DASH}"
CONTACT_COLUMNS = [
    "Name", "Tier", "Stage", "Company", "Role", "Emails", "Phones", "Links", "How we know each other",
    "Referred by", "Curiosities", "Notes", "Added",
]  # fmt: skip
INTERVIEW_COLUMNS = [
    "When", "Person", "Status", "Minutes", "Planned minutes", "How", "Where", "Hope before", "Hope after",
    "Peak resonance", "Peak dissonance", "Referrals", "Takeaways", "Notes",
]  # fmt: skip


def export(repository: Repository, fmt: str, out: Path, now: datetime) -> str:
    """Write the export; returns a one-line description of what was written. Raises
    ExportRefused (saying nothing was written) for any failure to write it."""
    if fmt not in FORMATS:
        raise ExportRefused(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}. Nothing was written.")
    try:
        if fmt == "markdown":
            interviews = new_folder(out, lambda write: write_markdown(repository, write, now))
            return f"Wrote {_counted(interviews, 'interview')} and index.md to {out}/."
        if fmt == "csv":
            contacts, interviews = new_folder(out, lambda write: write_csv(repository, write, now))
            return (
                f"Wrote {_counted(contacts, 'contact')} and {_counted(interviews, 'interview')} to {out}/ "
                "(contacts.csv, interviews.csv)."
            )
        if fmt == "ics":
            payload, planned, follow_ups = ics_bytes(repository, now)
            new_file(out, payload)
            return f"Wrote {_counted(planned, 'interview')} and {_counted(follow_ups, 'follow-up')} to {out}."
        new_file(out, repository.backup_bytes())
        return f"Wrote the whole database to {out} ('infoview import {out.name}' restores it)."
    except OSError as error:
        raise ExportRefused(f"Could not write {out}: {error.strerror or error}. Nothing was written.") from error


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


# --- csv ------------------------------------------------------------------------------


def neutralise(value: object) -> str:
    """A cell a spreadsheet will show as text, never evaluate."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([[neutralise(cell) for cell in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read it as UTF-8


def write_csv(repository: Repository, write: WriteFile, now: datetime) -> tuple[int, int]:
    """contacts.csv and interviews.csv; returns how many of each."""
    contacts = repository.contacts()
    names = {contact.id: contact.name for contact in contacts}
    curiosities = {curiosity.id: curiosity.name for curiosity in repository.curiosities()}
    contact_rows: list[list[object]] = [
        [c.name, c.tier, c.stage.label, c.company, c.role, "; ".join(c.emails), "; ".join(c.phones),
         "; ".join(c.links), c.how_we_know, names.get(c.referred_by or "", ""),
         "; ".join(curiosities[i] for i in c.curiosity_ids if i in curiosities), c.notes, c.created.date().isoformat()]
        for c in sorted(contacts, key=lambda c: (c.tier, c.name.casefold()))
    ]  # fmt: skip
    write("contacts.csv", _csv_bytes(CONTACT_COLUMNS, contact_rows))
    interviews = sorted(repository.interviews(), key=lambda i: i.moment or now)
    interview_rows: list[list[object]] = []
    for interview in interviews:
        when = interview.moment
        notes = "\n\n".join(
            f"{q.text}\n{interview.question_notes[q.id].strip()}"
            for q in interview.questions
            if interview.question_notes.get(q.id, "").strip()
        )
        if interview.free_notes.strip():
            notes = f"{notes}\n\n{interview.free_notes.strip()}".strip()
        interview_rows.append([
            when.astimezone(now.tzinfo).strftime("%Y-%m-%d %H:%M") if when else "",
            names.get(interview.contact_id, interview.contact_name), interview.status.value,
            round(interview.elapsed_seconds / 60) if interview.status is InterviewStatus.DONE else "",
            interview.planned_minutes, interview.mode.label, interview.place,
            interview.hope_before or "", interview.hope_after or "",
            _blank_if_none(interview.peak(ReactionKind.RESONANCE)), _blank_if_none(interview.peak(ReactionKind.DISSONANCE)),
            len(interview.referrals), interview.reflection.takeaways, notes,
        ])  # fmt: skip
    write("interviews.csv", _csv_bytes(INTERVIEW_COLUMNS, interview_rows))
    return len(contacts), len(interviews)


def _blank_if_none(value: int | None) -> int | str:
    return "" if value is None else value


# --- markdown -------------------------------------------------------------------------


def write_markdown(repository: Repository, write: WriteFile, now: datetime) -> int:
    """A file per interview and index.md; returns how many interviews."""
    people = {contact.id: contact for contact in repository.contacts()}
    curiosities = {curiosity.id: curiosity.name for curiosity in repository.curiosities()}
    values = {value.id: value.name for value in repository.values()}
    interviews = sorted(repository.interviews(), key=lambda i: i.moment or now)
    taken: set[str] = set()
    index_done, index_upcoming = [], []
    for interview in interviews:
        contact = people.get(interview.contact_id)
        name = interview.person(contact)
        when = interview.moment
        day = f"{when.astimezone(now.tzinfo):%Y-%m-%d}" if when else None
        file_name = interview_file_name(name, day, taken)
        text = interview_markdown(interview, contact, name, people, curiosities, values, now)
        write(file_name, text.encode())
        shown = link_text(f"{day or 'no date'}, {name}")
        line = f"- [{shown}]({file_name})"
        if interview.status is InterviewStatus.DONE:
            index_done.append(line)
        elif interview.status in (InterviewStatus.PLANNED, InterviewStatus.IN_PROGRESS):
            index_upcoming.append(line)
    index = [f"# Informational interviews\n\nExported by infoview on {now:%Y-%m-%d %H:%M}.\n"]
    index.append(f"## Done ({len(index_done)})\n\n" + ("\n".join(reversed(index_done)) or "None yet.") + "\n")
    index.append(f"## Upcoming ({len(index_upcoming)})\n\n" + ("\n".join(index_upcoming) or "None.") + "\n")
    write("index.md", "\n".join(index).encode())
    return len(interviews)


# Characters that Markdown reads as syntax inside a link's text: a name holding one broke the link.
_LINK_SYNTAX = re.compile(r"([\\`*_\[\]<>&~|])")


def link_text(text: str) -> str:
    """`text` as a Markdown link's text that reads back as itself: its lines joined with a
    space (a list item is one line) and Markdown's syntax characters escaped."""
    return _LINK_SYNTAX.sub(r"\\\1", " ".join(text.split()))


def interview_markdown(
    interview: Interview,
    contact: Contact | None,
    name: str,
    people: dict[str, Contact],
    curiosities: dict[str, str],
    values: dict[str, str],
    now: datetime,
) -> str:
    when = interview.moment
    lines = [f"# {name}" + (f", {when.astimezone(now.tzinfo):%d %b %Y}" if when else ""), ""]
    if contact is not None:
        about = [contact.work, f"tier {contact.tier}"]
        fields = [curiosities[i] for i in contact.curiosity_ids if i in curiosities]
        if fields:
            about.append("curious about " + ", ".join(fields))
        lines += [" · ".join(part for part in about if part), ""]
    facts = []
    if when:
        facts.append(f"- When: {when.astimezone(now.tzinfo):%a %d %b %Y %H:%M}")
    minutes = f"{round(interview.elapsed_seconds / 60)} of {interview.planned_minutes} min" if (
        interview.status is InterviewStatus.DONE) else f"{interview.planned_minutes} min planned"  # fmt: skip
    facts.append(f"- Length: {minutes}, {interview.mode.label}" + (f", {interview.place}" if interview.place else ""))
    if interview.hope_before or interview.hope_after:
        facts.append(
            f"- Hope: before {interview.hope_before or _NOT_GIVEN}/5, after {interview.hope_after or _NOT_GIVEN}/5"
        )
    lines += [*facts, ""]
    noted = [(q, interview.question_notes.get(q.id, "").strip()) for q in interview.questions]
    if any(notes for _, notes in noted):
        lines += ["## Questions and notes", ""]
        for question, notes in noted:
            if notes:
                lines += [f"### {question.text}", "", notes, ""]
    if interview.free_notes.strip():
        lines += ["## Other notes", "", interview.free_notes.strip(), ""]
    if interview.reactions:
        texts = {q.id: q.text for q in interview.questions}
        lines += ["## Resonance and dissonance", "", "| Minute | Question | Resonance | Dissonance |"]
        lines.append("| --- | --- | --- | --- |")
        for reaction in interview.reactions:
            cell = str(reaction.value)
            resonance = cell if reaction.kind is ReactionKind.RESONANCE else ""
            dissonance = cell if reaction.kind is ReactionKind.DISSONANCE else ""
            asked = texts.get(reaction.question_id or "", "").replace("|", "\\|")
            lines.append(f"| {int(reaction.offset_seconds // 60)} | {asked} | {resonance} | {dissonance} |")
        lines.append("")
    if interview.referrals:
        lines += ["## Referrals", ""]
        for referral in interview.referrals:
            referred = people.get(referral.contact_id)
            label = referred.name if referred else "someone since deleted"
            if referred and referred.work:
                label += f" ({referred.work})"
            lines.append(f"- {label}" + (f": {referral.note}" if referral.note else ""))
        lines.append("")
    reflection = interview.reflection
    if reflection.value_fit or reflection.takeaways.strip():
        lines += ["## Reflection", ""]
        for value_id, fit in reflection.value_fit.items():
            lines.append(f"- {values.get(value_id, 'a retired value')}: {fit}/5")
        if reflection.takeaways.strip():
            lines += ["", reflection.takeaways.strip()]
        lines.append("")
    return "\n".join(lines)


# --- ics ------------------------------------------------------------------------------


def ics_bytes(repository: Repository, now: datetime) -> tuple[bytes, int, int]:
    """The calendar, and how many interviews and follow-ups it holds."""
    contacts = repository.contacts()
    people = {contact.id: contact for contact in contacts}
    calendar = vobject.iCalendar()
    calendar.add("prodid").value = "-//infoview//informational interviews//EN"
    calendar.add("x-wr-calname").value = "Informational interviews"
    planned = [
        (i, i.scheduled_at) for i in repository.interviews_where(InterviewStatus.PLANNED) if i.scheduled_at is not None
    ]
    for interview, start in planned:
        contact = people.get(interview.contact_id)
        name = interview.person(contact)
        event = calendar.add("vevent")
        event.add("uid").value = f"{interview.id}@infoview"
        event.add("dtstamp").value = now.astimezone(UTC)
        event.add("dtstart").value = start.astimezone(UTC)
        event.add("dtend").value = (start + timedelta(minutes=interview.planned_minutes)).astimezone(UTC)
        event.add("summary").value = f"Informational interview: {name}"
        if interview.place:
            event.add("location").value = interview.place
        about = [contact.work if contact else "", interview.mode.label, f"{interview.planned_minutes} min",
                 "Ask for 2-3 referrals before the end."]  # fmt: skip
        event.add("description").value = "\n".join(part for part in about if part)
    follow_ups = pending_follow_ups(contacts, repository.interviews(), repository.curiosities())
    for follow_up in follow_ups:
        event = calendar.add("vevent")
        stamp = follow_up.due.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        event.add("uid").value = f"{follow_up.contact_id}-{follow_up.kind.value}-{stamp}@infoview"
        event.add("dtstamp").value = now.astimezone(UTC)
        day = follow_up.due.astimezone(now.tzinfo).date()
        event.add("dtstart").value = day
        event.add("dtend").value = day + timedelta(days=1)
        event.add("summary").value = follow_up.message
    return calendar.serialize().encode(), len(planned), len(follow_ups)
