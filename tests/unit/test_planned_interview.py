"""The repository answers "what is planned with this person" (it was a query on the App)."""

from __future__ import annotations

from datetime import timedelta

from infoview_tui.domain.model import Contact, Interview, InterviewStatus
from infoview_tui.store.repository import Repository
from tests.conftest import FIXED_NOW


def test_the_planned_conversation_is_the_earliest_one_and_one_without_a_time_comes_last(
    repository: Repository,
) -> None:
    ana = repository.save_contact(Contact(name="Ana Lima", tier=1))
    ben = repository.save_contact(Contact(name="Ben Ito", tier=2))
    unscheduled = repository.save_interview(Interview(contact_id=ana.id))
    later = repository.save_interview(Interview(contact_id=ana.id, scheduled_at=FIXED_NOW + timedelta(days=9)))
    sooner = repository.save_interview(Interview(contact_id=ana.id, scheduled_at=FIXED_NOW + timedelta(days=2)))
    repository.save_interview(Interview(contact_id=ben.id, scheduled_at=FIXED_NOW + timedelta(days=1)))
    repository.save_interview(
        Interview(contact_id=ana.id, scheduled_at=FIXED_NOW - timedelta(days=1), status=InterviewStatus.DONE)
    )

    assert repository.planned_interview(ana.id) == sooner
    repository.delete_interview(sooner.id)
    repository.delete_interview(later.id)
    assert repository.planned_interview(ana.id) == unscheduled
    assert repository.planned_interview("nobody") is None
