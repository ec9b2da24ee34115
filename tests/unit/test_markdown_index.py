"""index.md of a Markdown export: every interview a working link whose text reads as the person's name."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from infoview_tui.domain.model import Contact, Interview, InterviewStatus
from infoview_tui.formats.export import link_text, write_markdown
from infoview_tui.store.repository import Repository
from tests.conftest import FIXED_NOW

NAMES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda name: name.strip() != ""
)


def links_in(markdown: str) -> list[tuple[str, str]]:
    """(text, href) of each link, as a Markdown reader sees them."""
    found = []
    for block in MarkdownIt("commonmark").parse(markdown):
        children = block.children or []
        for at, token in enumerate(children):
            if token.type == "link_open":
                closing = next(i for i in range(at, len(children)) if children[i].type == "link_close")
                text = "".join(child.content for child in children[at + 1 : closing])
                found.append((text, str(token.attrs["href"])))
    return found


@given(name=NAMES)
def test_any_name_reads_back_from_its_link_text(name: str) -> None:
    assert links_in(f"- [{link_text(name)}](x.md)") == [(" ".join(name.split()), "x.md")]


@settings(max_examples=20, deadline=None)
@given(name=NAMES)
def test_index_links_every_interview_whatever_the_name(name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        repository = Repository.open(Path(folder) / "db.json")
        index, files = markdown_export(repository, name)
        repository.close(save=False)
    links = links_in(index)
    assert sorted(unquote(href) for _, href in links) == files
    assert f"{FIXED_NOW - timedelta(days=1):%Y-%m-%d}, {' '.join(name.split())}" in [text for text, _ in links]


def markdown_export(repository: Repository, name: str) -> tuple[str, list[str]]:
    """index.md and the other files' names, of a database holding one interview with `name`."""
    contact = repository.save_contact(Contact(name=name))
    repository.save_interview(
        Interview(contact_id=contact.id, status=InterviewStatus.DONE, scheduled_at=FIXED_NOW - timedelta(days=1))
    )
    written: dict[str, bytes] = {}
    write_markdown(repository, written.__setitem__, FIXED_NOW)
    return written["index.md"].decode(), sorted(file for file in written if file != "index.md")


def test_a_bracket_in_a_name_no_longer_breaks_the_link() -> None:
    assert links_in(f"- [{link_text('2026-11-19, Ann [Annie] Lee')}](a.md)") == [
        ("2026-11-19, Ann [Annie] Lee", "a.md")
    ]
