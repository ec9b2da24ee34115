"""A sample network for `infoview --demo`: every tier, every stage, a few curiosities
and past interviews, so a newcomer sees every screen populated without touching their
own data. Deterministic (fixed names, dates relative to `now`), so screenshots of it
are stable."""

from __future__ import annotations

from datetime import datetime, timedelta

from .domain.model import (
    Contact,
    Curiosity,
    Interview,
    InterviewStatus,
    IntroRequest,
    Mode,
    Question,
    Reaction,
    ReactionKind,
    Referral,
    Reflection,
    Stage,
    StageChange,
    Value,
)
from .domain.questions import builtin_question_sets
from .store.repository import Repository

CURIOSITIES = {
    "ux": ("UX research", "Understanding how people use things, and making them better."),
    "hospital": ("Hospital administration", "Running the places where care happens."),
    "teaching": ("Teaching", "Secondary school, maybe adult education."),
    "woodwork": ("Woodworking", "Furniture making as a trade."),
    "policy": ("Public policy", ""),
    "climate": ("Climate tech", "Nobody I know does this yet."),
}

# name, tier, company, role, how we know, curiosity keys, stage
PEOPLE = [
    ("Maria Lopez", 1, "Lumen UX", "UX researcher", "my sister", ["ux"], Stage.THANKED),
    (
        "Tom Becker",
        1,
        "City Hospital",
        "Ward administrator",
        "best friend since school",
        ["hospital"],
        Stage.INTERVIEWED,
    ),
    ("Aisha Khan", 1, "Bright Schools", "Maths teacher", "cousin", ["teaching"], Stage.SCHEDULED),
    ("Daniel Weiss", 1, "", "Retired carpenter", "uncle", ["woodwork"], Stage.NOT_ASKED),
    ("Priya Raman", 1, "Civic Data Lab", "Policy analyst", "flatmate at university", [], Stage.ASKED),
    ("Jonas Berg", 2, "Northwind", "Product designer", "former colleague", ["ux"], Stage.KEEPING_IN_TOUCH),
    ("Chen Wei", 2, "Riverbank Clinic", "Practice manager", "climbing partner", ["hospital"], Stage.NO_REPLY),
    ("Sofia Rossi", 2, "Open Studio", "Service designer", "old team lead", ["ux"], Stage.NOT_ASKED),
    ("Kwame Mensah", 2, "GreenGrid", "Engineer", "book club", [], Stage.DECLINED),
    ("Lena Fischer", 2, "Bright Schools", "Head of year", "neighbour", ["teaching"], Stage.NOT_ASKED),
    ("Omar Haddad", 2, "Fabrikam", "Operations lead", "former colleague", [], Stage.ASKED),
    ("Grace Okafor", 3, "City Hospital", "Nurse manager", "friend's wedding", ["hospital"], Stage.NOT_ASKED),
    ("Hiro Tanaka", 3, "Museum of Craft", "Curator", "ceramics class", ["woodwork"], Stage.NOT_ASKED),
    ("Ines Moreau", 3, "Lumen UX", "Research ops", "conference", ["ux"], Stage.SCHEDULED),
    ("Viktor Novak", 3, "Contoso", "Data analyst", "running club", [], Stage.NOT_ASKED),
    ("Rosa Silva", 3, "", "Joiner", "friend of Daniel", ["woodwork"], Stage.ASKED),
    ("Uma Patel", 4, "Acme Health", "Hospital director", "referred by Tom", ["hospital"], Stage.NOT_ASKED),
    ("Sven Andersen", 4, "Nordic Wood", "Workshop owner", "referred by Daniel", ["woodwork"], Stage.NOT_ASKED),
    ("Nadia Petrov", 4, "Lumen UX", "Head of research", "referred by Maria", ["ux"], Stage.NOT_ASKED),
    ("Quinn O'Brien", 4, "Teach First", "Recruiter", "LinkedIn", ["teaching"], Stage.NO_REPLY),
    ("Yusuf Demir", 4, "", "", "LinkedIn", [], Stage.NOT_ASKED),
    ("Wen Li", 4, "Civic Data Lab", "Director", "meetup", ["policy"], Stage.NOT_ASKED),
]
REFERRALS = {"Uma Patel": "Tom Becker", "Sven Andersen": "Daniel Weiss", "Nadia Petrov": "Maria Lopez"}


def build_demo(repository: Repository, now: datetime) -> None:
    curiosities = {
        key: repository.save_curiosity(Curiosity(name=name, description=description, id=f"demo-{key}", created=now))
        for key, (name, description) in CURIOSITIES.items()
    }
    by_name: dict[str, Contact] = {}
    for index, (name, tier, company, role, how, keys, stage) in enumerate(PEOPLE):
        changed = now - timedelta(days=2 + index)
        contact = Contact(
            name=name,
            tier=tier,
            company=company,
            role=role,
            how_we_know=how,
            curiosity_ids=[curiosities[key].id for key in keys],
            emails=[f"{name.split()[0].lower()}@example.org"] if index % 3 == 0 else [],
            stage=stage,
            stage_history=[StageChange(stage, changed)] if stage is not Stage.NOT_ASKED else [],
            id=f"demo-contact-{index:02d}",
            created=now - timedelta(days=40),
            updated=changed,
        )
        by_name[name] = contact
    for name, referrer in REFERRALS.items():
        by_name[name].referred_by = by_name[referrer].id
    for contact in by_name.values():
        repository.save_contact(contact)

    curiosities["ux"].intro_requests.append(
        IntroRequest(by_name["Jonas Berg"].id, now - timedelta(days=9), "introduced me to Sofia Rossi")
    )
    curiosities["hospital"].intro_requests.append(IntroRequest(by_name["Chen Wei"].id, now - timedelta(days=5)))
    for curiosity in curiosities.values():
        repository.save_curiosity(curiosity)

    for value_name, meaning in (
        ("Autonomy", "I decide how my day goes"),
        ("Helping people directly", "I see the person I helped"),
        ("Craft", "Making things well, with care"),
        ("Financial security", "Enough to not worry"),
    ):
        repository.save_value(Value(name=value_name, meaning=meaning, id=f"demo-value-{value_name.lower()[:6]}"))

    seed = builtin_question_sets()[0]
    values = ("demo-value-autono", "demo-value-helpin", "demo-value-craft", "demo-value-financ")
    _interview(repository, by_name["Maria Lopez"], now - timedelta(days=20), seed.questions, 8, 2,
               referral=by_name["Nadia Petrov"], fits=dict(zip(values, (4, 5, 3, 3), strict=True)), hope=(2, 4),
               takeaways="Research is mostly listening; that is what I liked about nursing too.")  # fmt: skip
    _interview(repository, by_name["Tom Becker"], now - timedelta(days=6), seed.questions, 5, 6,
               referral=by_name["Uma Patel"], fits=dict(zip(values, (2, 4, 2, 4), strict=True)), hope=(3, 2),
               takeaways="Steady, but the days are meetings and spreadsheets.")  # fmt: skip
    _interview(repository, by_name["Jonas Berg"], now - timedelta(days=45), seed.questions, 7, 3,
               fits=dict(zip(values, (4, 3, 4, 3), strict=True)), hope=(2, 3),
               takeaways="Design is craft with deadlines.")  # fmt: skip
    for name, days in (("Aisha Khan", 2), ("Ines Moreau", 6)):
        repository.save_interview(
            Interview(
                contact_id=by_name[name].id,
                scheduled_at=(now + timedelta(days=days)).replace(hour=15, minute=0, second=0, microsecond=0),
                planned_minutes=45,
                mode=Mode.IN_PERSON if days == 2 else Mode.VIDEO,
                question_set_id=seed.id,
                id=f"demo-planned-{name.split()[0].lower()}",
                created=now - timedelta(days=3),
                updated=now - timedelta(days=3),
            )
        )
    settings = repository.settings()
    settings.brainstorm = "\n".join(name for name, _ in CURIOSITIES.values())
    repository.save_settings(settings)


def _interview(repository: Repository, contact: Contact, when: datetime, questions: list[Question], resonance: int,
               dissonance: int, referral: Contact | None = None, fits: dict[str, int] | None = None,
               hope: tuple[int, int] = (2, 4), takeaways: str = "") -> None:  # fmt: skip
    notes = {
        questions[0].id: "Loves the moment a pattern shows up across people. Hates the reporting.",
        questions[1].id: "Started somewhere else entirely; moved sideways twice.",
        questions[2].id: "Budgets, and proving the value of the work to people who do not see it.",
    }
    reactions = [
        Reaction(ReactionKind.RESONANCE, min(10, resonance - 2 + step), 120.0 * (step + 1), questions[step].id)
        for step in range(3)
    ] + [Reaction(ReactionKind.DISSONANCE, dissonance, 900.0, questions[2].id)]
    repository.save_interview(
        Interview(
            contact_id=contact.id,
            scheduled_at=when,
            planned_minutes=45,
            question_set_id="seed",
            questions=list(questions),
            question_notes=notes,
            free_notes="Generous with time. Offered to introduce me further.",
            reactions=reactions,
            referrals=[Referral(referral.id, 2400.0, "works close to this")] if referral else [],
            reflection=Reflection(value_fit=fits or {}, takeaways=takeaways, written_at=when + timedelta(hours=3)),
            hope_before=hope[0],
            hope_after=hope[1],
            status=InterviewStatus.DONE,
            started_at=when,
            finished_at=when + timedelta(minutes=47),
            elapsed_seconds=47 * 60.0,
            id=f"demo-done-{contact.id}",
            created=when - timedelta(days=7),
            updated=when,
        )
    )
