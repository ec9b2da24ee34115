"""The search index of an open database: brought up to date table by table after an edit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from infoview_tui.demo import build_demo
from infoview_tui.domain.search import SearchIndex
from infoview_tui.store.repository import Repository
from infoview_tui.ui.search_index import index_of
from tests.conftest import FIXED_NOW


def count_reads(repository: Repository, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each searched table is read from now on."""
    reads: Counter[str] = Counter()

    def counting(name: str, read: Callable[[], Any]) -> Callable[[], Any]:
        def counted() -> Any:
            reads[name] += 1
            return read()

        return counted

    for name in ("contacts", "curiosities", "interview_writings"):
        monkeypatch.setattr(repository, name, counting(name, getattr(repository, name)))
    return reads


def as_if_built_afresh(index: SearchIndex, repository: Repository) -> bool:
    """The same fields, in the same order, folded the same, as an index built from nothing."""
    afresh = SearchIndex.of(repository.contacts(), repository.curiosities(), repository.interviews())
    return index.fields == afresh.fields and index.folded == afresh.folded


def test_an_edit_reads_again_only_the_table_it_changed(repository: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    build_demo(repository, FIXED_NOW)
    index_of(repository)
    interview = repository.interviews()[0]
    reads = count_reads(repository, monkeypatch)

    repository.save_interview(replace(interview, free_notes="Crossed paths at a zebra crossing"))
    index = index_of(repository)
    assert reads == {"interview_writings": 1}  # 2,000 contacts are not read again for a note
    assert [(found.kind, found.interview_id) for found in index.search("zebra")] == [("free notes", interview.id)]
    assert as_if_built_afresh(index, repository)

    contact = repository.contact(interview.contact_id)
    assert contact is not None
    reads.clear()
    repository.save_contact(replace(contact, name="Zora Quill"))
    index = index_of(repository)
    assert reads == {"contacts": 1}
    assert [found.person for found in index.search("zebra")] == ["Zora Quill"]  # the note says whose it is now
    assert [found.kind for found in index.search("zora quill")] == ["contact"]
    assert as_if_built_afresh(index, repository)

    reads.clear()
    assert index_of(repository) is index and not reads  # nothing changed: nothing read


def test_search_reads_what_was_written_in_an_interview_not_its_reactions(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    for full, written in zip(repository.interviews(), repository.interview_writings(), strict=True):
        assert written.reactions == [] and written.referrals == []
        assert replace(written, reactions=full.reactions, referrals=full.referrals) == full
    assert any(interview.reactions for interview in repository.interviews())  # the demo has some to leave out
