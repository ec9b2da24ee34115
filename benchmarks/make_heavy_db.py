"""Write a realistic heavy database: 2,000 contacts, 500 interviews with ~5 KB of notes
and ~60 reactions each (about 7 MB), through the app's own model and store.

    python benchmarks/make_heavy_db.py /tmp/heavy.json
"""

from __future__ import annotations

import argparse
import random
import sys
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
from infoview_tui.store.repository import Repository

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
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def paragraph(rng: random.Random, characters: int) -> str:
    parts: list[str] = []
    size = 0
    while size < characters:
        part = sentence(rng, rng.randint(6, 18))
        parts.append(part)
        size += len(part) + 1
    return " ".join(parts)


def build(path: Path, contacts: int = 2000, interviews: int = 500, seed: int = 7) -> Path:
    rng = random.Random(seed)
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    repository = Repository.open(path)
    curiosities = [repository.save_curiosity(Curiosity(name=name)) for name in CURIOSITIES]
    values = [
        repository.save_value(Value(name=name, meaning=sentence(rng, 8), position=position))
        for position, name in enumerate(
            ("Autonomy", "Helping people directly", "Craft", "Financial security", "Learning")
        )
    ]
    people: list[Contact] = []
    for index in range(contacts):
        tier = rng.choices([1, 2, 3, 4], weights=[2, 8, 20, 70])[0]
        stage = rng.choice(list(Stage))
        person = Contact(
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
            stage_history=[StageChange(stage, start + timedelta(days=rng.randint(0, 250)))],
        )
        people.append(repository.save_contact(person))
    questions = builtin_question_sets()[0].questions
    for index in range(interviews):
        began = start + timedelta(days=index // 2, hours=rng.randint(0, 8))
        notes = {q.id: paragraph(rng, 520) for q in questions}
        reactions = [
            Reaction(
                rng.choice(list(ReactionKind)),
                rng.randint(0, 10),
                float(minute * 45),
                rng.choice(questions).id,
            )
            for minute in range(60)
        ]
        interview = Interview(
            contact_id=rng.choice(people).id,
            scheduled_at=began,
            planned_minutes=rng.choice([30, 45, 60]),
            mode=rng.choice(list(Mode)),
            question_set_id="seed",
            questions=list(questions),
            question_notes=notes,
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
        )
        repository.save_interview(interview)
    repository.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    if args.path.exists():
        sys.exit(f"{args.path} exists; choose a new path (this script never overwrites a database).")
    build(args.path)
    size = args.path.stat().st_size
    print(f"wrote {args.path}: {size / 1e6:.1f} MB (2,000 contacts, 500 interviews)")


if __name__ == "__main__":
    main()
