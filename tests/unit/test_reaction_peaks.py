"""The interviews list reads each interview's highest resonance and dissonance off the stored
reactions (Repository.reaction_peaks) instead of building every reaction: the figures must be
those of Interview.peak."""

from __future__ import annotations

from infoview_tui.demo import build_demo
from infoview_tui.domain.model import Contact, Interview, InterviewStatus, Reaction, ReactionKind
from infoview_tui.store.repository import Repository
from tests.conftest import FIXED_NOW


def test_peaks_are_those_of_the_interviews(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    ana = repository.save_contact(Contact(name="Ana Lima"))
    moves = [Reaction(ReactionKind.RESONANCE, 4, 10.0), Reaction(ReactionKind.RESONANCE, 9, 20.0),
             Reaction(ReactionKind.DISSONANCE, 2, 30.0), Reaction(ReactionKind.RESONANCE, 7, 40.0)]  # fmt: skip
    repository.save_interview(Interview(contact_id=ana.id, status=InterviewStatus.DONE, reactions=moves))
    repository.save_interview(Interview(contact_id=ana.id, status=InterviewStatus.PLANNED))  # never moved

    peaks = repository.reaction_peaks()
    interviews = repository.interviews()
    assert set(peaks) == {interview.id for interview in interviews}
    for interview in interviews:
        assert peaks[interview.id] == (interview.peak(ReactionKind.RESONANCE), interview.peak(ReactionKind.DISSONANCE))
    assert (9, 2) in peaks.values() and (None, None) in peaks.values()
