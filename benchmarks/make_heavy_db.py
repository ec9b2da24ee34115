"""Write a realistic heavy database: 2,000 contacts, 500 interviews with ~5 KB of notes
and ~60 reactions each (about 10 MB), through the app's own model and store.

    python benchmarks/make_heavy_db.py /tmp/heavy.json
    python benchmarks/make_heavy_db.py --scale 10 /tmp/heavy10.json   # 20,000 and 5,000, ~100 MB

Deterministic: the same scale and seed write the same records (ids and timestamps come
from the seed, not the clock; only the store's own note of the save, `_meta`, differs). At --scale N the interviews fall in the same months as at scale 1,
N times as many a day. Records go into the store table by table in one edit, so scale 10
takes seconds (one save per record would scan the table each time: quadratic).
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from infoview_tui.domain.model import (
    Contact,
    Curiosity,
    Interview,
    InterviewStatus,
    Mode,
    Reaction,
    ReactionKind,
    Referral,
    Reflection,
    Stage,
    StageChange,
    Value,
)
from infoview_tui.domain.questions import builtin_question_sets
from infoview_tui.domain.records import to_record
from infoview_tui.store.repository import CONTACTS as CONTACTS_TABLE
from infoview_tui.store.repository import CURIOSITIES as CURIOSITIES_TABLE
from infoview_tui.store.repository import INTERVIEWS as INTERVIEWS_TABLE
from infoview_tui.store.repository import VALUES as VALUES_TABLE
from infoview_tui.store.repository import Repository

CONTACTS_PER_SCALE = 2000
INTERVIEWS_PER_SCALE = 500
START = datetime(2026, 3, 2, 9, tzinfo=UTC)
WRITTEN = datetime(2026, 11, 20, 12, tzinfo=UTC)  # every record's "updated": a fixed moment, not the clock

FIRST = ["Ana", "Bea", "Carlos", "Dana", "Emeka", "Fatima", "Grace", "Hiro", "Ines", "Jonas", "Kemal", "Lena",
         "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Yusuf"]  # fmt: skip
LAST = ["Lima", "Okafor", "Schmidt", "Tanaka", "Novak", "Haddad", "Moreau", "Silva", "Kowalski", "Nguyen",
        "Garcia", "Muller, PhD", "O'Brien", "Andersen", "Rossi", "Petrov"]  # fmt: skip
COMPANIES = ["Acme Health", "Northwind", "City Hospital", "Bright Schools", "Fabrikam", "Open Studio", "GreenGrid",
             "Civic Data Lab", "Museum of Craft", "Riverbank Clinic", "Contoso", "Lumen UX"]  # fmt: skip
ROLES = ["UX researcher", "Hospital administrator", "Teacher", "Data analyst", "Product manager", "Nurse",
         "Woodworker", "Policy advisor", "Curator", "Counsellor", "Software engineer", "Designer"]  # fmt: skip
CURIOSITIES = ["UX research", "Hospital administration", "Teaching", "Woodworking", "Public policy",
               "Museum work", "Counselling", "Climate tech"]  # fmt: skip
WORDS = ["listening", "research", "people", "team", "budget", "patients", "school", "craft", "grant", "design", "meeting", "travel", "growth", "mentor", "salary", "hours", "stress", "purpose", "learning", "feedback", "customers", "autonomy", "pressure", "change"]  # fmt: skip


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(WORDS, k=words)).capitalize() + "."


def paragraph(rng: random.Random, characters: int) -> str:
    parts: list[str] = []
    size = 0
    while size < characters:
        part = sentence(rng, rng.randint(6, 18))
        parts.append(part)
        size += len(part) + 1
    return " ".join(parts)


class SeededIds:
    """Record ids from their own seeded stream, so they repeat from run to run and
    drawing them does not shift the content's random choices."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)

    def __call__(self) -> str:
        return f"{self._rng.getrandbits(128):032x}"


def make_contacts(rng: random.Random, new_id: SeededIds, count: int, curiosities: list[Curiosity]) -> list[Contact]:
    people: list[Contact] = []
    for index in range(count):
        tier = rng.choices([1, 2, 3, 4], weights=[2, 8, 20, 70])[0]
        stage = rng.choice(list(Stage))
        people.append(
            Contact(
                name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {index}",
                tier=tier,
                company=rng.choice(COMPANIES),
                role=rng.choice(ROLES),
                how_we_know=sentence(rng, 5),
                referred_by=rng.choice(people).id if people and rng.random() < 0.2 else None,
                curiosity_ids=[rng.choice(curiosities).id],
                emails=[f"person{index}@example.org"] if rng.random() < 0.4 else [],
                notes=sentence(rng, 12) if rng.random() < 0.5 else "",
                stage=stage,
                stage_history=[StageChange(stage, START + timedelta(days=rng.randint(0, 250)))],
                id=new_id(),
                created=START,
                updated=WRITTEN,
            )
        )
    return people


def make_interviews(
    rng: random.Random, new_id: SeededIds, count: int, scale: int, people: list[Contact], values: list[Value]
) -> list[Interview]:
    questions = builtin_question_sets()[0].questions
    interviews: list[Interview] = []
    for index in range(count):
        # Two a day at scale 1; the same months, N times as busy, at scale N.
        began = START + timedelta(days=index // (2 * scale), hours=rng.randint(0, 8))
        reactions = [
            Reaction(rng.choice(list(ReactionKind)), rng.randint(0, 10), float(minute * 45), rng.choice(questions).id)
            for minute in range(60)
        ]
        interviews.append(
            Interview(
                contact_id=rng.choice(people).id,
                scheduled_at=began,
                planned_minutes=rng.choice([30, 45, 60]),
                mode=rng.choice(list(Mode)),
                question_set_id="seed",
                questions=list(questions),
                question_notes={q.id: paragraph(rng, 520) for q in questions},
                free_notes=paragraph(rng, 300),
                reactions=reactions,
                referrals=[Referral(rng.choice(people).id, 2400.0, sentence(rng, 4))],
                reflection=Reflection(
                    value_fit={value.id: rng.randint(1, 5) for value in values},
                    takeaways=paragraph(rng, 200),
                    written_at=began + timedelta(hours=2),
                ),
                hope_before=rng.randint(1, 5),
                hope_after=rng.randint(1, 5),
                status=InterviewStatus.DONE,
                started_at=began,
                finished_at=began + timedelta(minutes=50),
                elapsed_seconds=3000.0,
                id=new_id(),
                created=began,
                updated=WRITTEN,
            )
        )
    return interviews


def build(path: Path, scale: int = 1, seed: int = 7) -> Path:
    """Write `scale` times the heavy data (2,000 contacts and 500 interviews each) to `path`."""
    rng = random.Random(seed)
    new_id = SeededIds(seed + 1)
    curiosities = [Curiosity(name=name, id=new_id(), created=START) for name in CURIOSITIES]
    values = [
        Value(name=name, meaning=sentence(rng, 8), position=position, id=new_id())
        for position, name in enumerate(
            ("Autonomy", "Helping people directly", "Craft", "Financial security", "Learning")
        )
    ]
    people = make_contacts(rng, new_id, CONTACTS_PER_SCALE * scale, curiosities)
    interviews = make_interviews(rng, new_id, INTERVIEWS_PER_SCALE * scale, scale, people, values)
    repository = Repository.open(path)
    with repository.together():  # one edit, one save at close
        for table, records in (
            (CURIOSITIES_TABLE, curiosities),
            (VALUES_TABLE, values),
            (CONTACTS_TABLE, people),
            (INTERVIEWS_TABLE, interviews),
        ):
            repository.restore_records(table, [to_record(record) for record in records])
        # Today's pad lists the curiosities, as infoview keeps it: without them there, the
        # first start would add them and save the whole file during the measured switches.
        repository.save_settings(
            replace(repository.settings(), brainstorm="\n".join(curiosity.name for curiosity in curiosities))
        )
    repository.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument(
        "--scale", type=int, default=1, help="N times the heavy data: 2,000 x N contacts, 500 x N interviews"
    )
    args = parser.parse_args()
    if args.scale < 1:
        sys.exit(f"--scale must be 1 or more, not {args.scale}.")
    if args.path.exists():
        sys.exit(f"{args.path} exists; choose a new path (this script never overwrites a database).")
    build(args.path, scale=args.scale)
    size = args.path.stat().st_size
    print(
        f"wrote {args.path}: {size / 1e6:.1f} MB "
        f"({CONTACTS_PER_SCALE * args.scale:,} contacts, {INTERVIEWS_PER_SCALE * args.scale:,} interviews)"
    )


if __name__ == "__main__":
    main()
