"""Merging two copies of the database record by record (store/merging.py).

The property tests start from a random base, apply random edit scripts to two copies
(as two machines would), merge, and check that nothing either side did is missing,
that merging again changes nothing, and that the result does not depend on which side
is "ours" (but for the order of kept texts)."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_tui.store.merging import MISSING, marker_line, merge

LABEL = "the other copy (laptop, 28 Nov 14:02)"
MARKER = marker_line(LABEL)
START = datetime(2026, 11, 1, 9, tzinfo=UTC)

TEXTS = st.text(alphabet="abcdefghij XYZ,;:=éÅ\n", min_size=1, max_size=12)


def contact(number: int, updated: datetime = START) -> dict[str, Any]:
    return {
        "id": f"c{number}",
        "name": f"Person {number}",
        "tier": 1 + number % 4,
        "company": f"Company {number}",
        "notes": f"met at event {number}",
        "emails": [f"p{number}@example.org"],
        "asks": [],
        "stage": "not_asked",
        "updated": updated.isoformat(),
    }


def interview(number: int, updated: datetime = START) -> dict[str, Any]:
    return {
        "id": f"i{number}",
        "contact_id": f"c{number}",
        "free_notes": f"talked about {number}",
        "question_notes": {"q1": "first answer", "q2": ""},
        "reactions": [{"kind": "resonance", "value": 3, "offset_seconds": 10.0, "question_id": "q1"}],
        "reflection": {"takeaways": "", "value_fit": {}},
        "status": "done",
        "elapsed_seconds": 1200.0,
        "updated": updated.isoformat(),
    }


def database(contacts: int, interviews: int) -> dict[str, Any]:
    return {
        "_meta": {"1": {"app": "infoview", "schema": 1}},
        "contacts": {str(n + 1): contact(n) for n in range(contacts)},
        "interviews": {str(n + 1): interview(n) for n in range(interviews)},
        "settings": {"1": {"brainstorm": "ideas", "target_interviews": 36}},
    }


# An edit: (kind, which record (an index into what is there), a value).
EDITS = st.tuples(
    st.sampled_from(
        ["add_contact", "contact_notes", "contact_company", "contact_tier", "add_email", "remove_email", "add_ask",
         "delete_contact", "interview_notes", "question_notes", "takeaways", "add_reaction", "delete_interview",
         "brainstorm"]
    ),
    st.integers(min_value=0, max_value=50),
    TEXTS,
)  # fmt: skip


def apply(data: dict[str, Any], script: list[tuple[str, int, str]], side: str) -> dict[str, Any]:
    """The copy after a machine ran `script` on it; each edited record's `updated` moves
    on (side b's clock runs a little behind side a's, so 'newer' is not always one side)."""
    data = copy.deepcopy(data)
    clock = START + timedelta(hours=1 if side == "a" else 0, minutes=7)
    for step, (kind, which, text) in enumerate(script):
        clock += timedelta(minutes=1 + step % 3)
        stamp = clock.isoformat()
        contacts, interviews = data["contacts"], data["interviews"]
        if kind == "add_contact":
            row = str(max((int(key) for key in contacts), default=0) + 1)
            contacts[row] = {**contact(100 + which), "id": f"{side}-new-{step}", "notes": text, "updated": stamp}
            continue
        if kind == "brainstorm":
            data["settings"]["1"] = {**data["settings"]["1"], "brainstorm": data["settings"]["1"]["brainstorm"] + text}
            continue
        table = (
            contacts
            if kind.startswith(("contact", "add_email", "remove_email", "add_ask", "delete_contact"))
            else interviews
        )
        if not table:
            continue
        row = sorted(table)[which % len(table)]
        record = copy.deepcopy(table[row])
        if kind.startswith("delete"):
            del table[row]
            continue
        if kind == "contact_notes":
            record["notes"] = text
        elif kind == "contact_company":
            record["company"] = text
        elif kind == "contact_tier":
            record["tier"] = 1 + (record["tier"] + which) % 4
        elif kind == "add_email":
            record["emails"] = [*record["emails"], f"{text.strip() or 'x'}@{side}.org"]
        elif kind == "remove_email":
            record["emails"] = record["emails"][1:]
        elif kind == "add_ask":
            record["asks"] = [*record["asks"], {"at": stamp, "channel": "email", "message": text}]
        elif kind == "interview_notes":
            record["free_notes"] = record["free_notes"] + " " + text
        elif kind == "question_notes":
            record["question_notes"] = {**record["question_notes"], f"q{1 + which % 3}": text}
        elif kind == "takeaways":
            record["reflection"] = {**record["reflection"], "takeaways": text}
        elif kind == "add_reaction":
            reaction = {"kind": "dissonance", "value": which % 11, "offset_seconds": float(step * 60 + which),
                        "question_id": None}  # fmt: skip
            record["reactions"] = [*record["reactions"], reaction]
        record["updated"] = stamp
        table[row] = record
    return data


def by_id(table: dict[str, Any]) -> dict[str, Any]:
    return {record.get("id", f"row:{row}"): record for row, record in table.items()}


def holds(merged_value: Any, side_value: Any, base_value: Any, key: str) -> bool:
    """Whether the merged field keeps what one side did to it."""
    if side_value == base_value:
        return True  # that side did nothing here
    if isinstance(side_value, str) and key in ("notes", "free_notes", "takeaways", "brainstorm"):
        if side_value.rstrip() in merged_value or side_value in merged_value:
            return True
        # Both sides went on from the same text: it is kept once, then each side's addition.
        return (
            isinstance(base_value, str)
            and side_value.startswith(base_value)
            and base_value in merged_value
            and side_value[len(base_value) :].strip("\n") in merged_value
        )
    if isinstance(side_value, list):
        base_items = base_value if isinstance(base_value, list) else []
        added = all(item in merged_value for item in side_value if item not in base_items)
        removed = all(item not in merged_value for item in base_items if item not in side_value)
        return added and removed
    if isinstance(side_value, dict):
        base_dict = base_value if isinstance(base_value, dict) else {}
        return all(
            holds(merged_value.get(name, MISSING), side_value[name], base_dict.get(name, MISSING), key)
            for name in side_value
        ) if key != "question_notes" else all(
            side_value[name] == base_dict.get(name) or side_value[name] in merged_value.get(name, "")
            for name in side_value
        )  # fmt: skip
    return True  # a plain field changed on both sides: one of them wins, the other is reported


def normalised(data: dict[str, Any]) -> dict[str, Any]:
    """For comparing merges made from either side: records by id, a text kept from both
    sides as its characters, lists as sorted sets."""

    def norm(value: Any) -> Any:
        if isinstance(value, str) and MARKER in value:
            # The same words, whichever side came first: what both started from once, then
            # each side's addition in either order.
            return sorted(value.replace(MARKER, "").replace("\n", "").replace(" ", ""))
        if isinstance(value, dict):
            return {key: norm(item) for key, item in value.items()}
        if isinstance(value, list):
            return sorted((norm(item) for item in value), key=repr)
        return value

    return {table: norm(by_id(records)) for table, records in data.items() if table != "_meta"}


SCRIPTS = st.lists(EDITS, max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 4), st.integers(0, 3), SCRIPTS, SCRIPTS)
def test_a_merge_keeps_every_edit_from_both_sides(contacts: int, interviews: int, script_a, script_b) -> None:  # type: ignore[no-untyped-def]
    base = database(contacts, interviews)
    ours, theirs = apply(base, script_a, "a"), apply(base, script_b, "b")
    merged, report = merge(base, ours, theirs, other_label=LABEL)

    for table in ("contacts", "interviews", "settings"):
        base_records, merged_records = by_id(base[table]), by_id(merged[table])
        for side in (ours, theirs):
            other = theirs if side is ours else ours
            side_records, other_records = by_id(side[table]), by_id(other[table])
            for record_id, record in side_records.items():
                base_record = base_records.get(record_id, {})
                if record != base_record:  # added or edited on this side: it is kept...
                    assert record_id in merged_records, (table, record_id)
                    for key, value in record.items():
                        assert holds(merged_records[record_id].get(key), value, base_record.get(key, MISSING), key), (
                            table, record_id, key
                        )  # fmt: skip
            for record_id, base_record in base_records.items():
                # ...and one deleted here stays deleted unless the other side edited it.
                if record_id not in side_records and other_records.get(record_id, base_record) == base_record:
                    assert record_id not in merged_records, (table, record_id)
    assert report.summary()


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 4), st.integers(0, 3), SCRIPTS, SCRIPTS)
def test_merging_again_changes_nothing(contacts: int, interviews: int, script_a, script_b) -> None:  # type: ignore[no-untyped-def]
    base = database(contacts, interviews)
    ours, theirs = apply(base, script_a, "a"), apply(base, script_b, "b")
    merged, _ = merge(base, ours, theirs, other_label=LABEL)
    for side in (ours, theirs):
        again, report = merge(base, merged, side, other_label=LABEL)
        assert again == merged
        assert not report.texts_kept_both
        # The copy that came in has nothing new for the merged one either (same base).
        assert merge(side, merged, side, other_label=LABEL)[0] == merged


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 4), st.integers(0, 3), SCRIPTS, SCRIPTS)
def test_which_side_is_ours_does_not_matter(contacts: int, interviews: int, script_a, script_b) -> None:  # type: ignore[no-untyped-def]
    base = database(contacts, interviews)
    ours, theirs = apply(base, script_a, "a"), apply(base, script_b, "b")
    one_way, _ = merge(base, ours, theirs, other_label=LABEL)
    other_way, _ = merge(base, theirs, ours, other_label=LABEL)
    assert normalised(one_way) == normalised(other_way)


def test_notes_typed_on_both_machines_are_both_kept_under_a_marker() -> None:
    base = database(1, 1)
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["interviews"]["1"]["question_notes"]["q1"] = "they mentioned fellowships"
    theirs["interviews"]["1"]["question_notes"]["q1"] = "apprenticeships at SunPower"
    theirs["contacts"]["1"]["company"] = "SunPower"
    merged, report = merge(base, ours, theirs, other_label=LABEL)
    notes = merged["interviews"]["1"]["question_notes"]["q1"]
    assert notes == f"they mentioned fellowships\n\n{MARKER}\napprenticeships at SunPower"
    assert merged["contacts"]["1"]["company"] == "SunPower"  # changed on one side only
    assert report.summary() == (
        "Merged from the other copy: 1 contact, 1 interview; 1 note edited on both sides (both kept)."
    )


def test_a_field_changed_on_both_takes_the_later_edit_and_reports_the_other() -> None:
    base = database(1, 0)
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["contacts"]["1"].update(company="Lumen UX", updated=(START + timedelta(days=2)).isoformat())
    theirs["contacts"]["1"].update(company="GreenGrid", updated=(START + timedelta(days=1)).isoformat())
    merged, report = merge(base, ours, theirs, other_label=LABEL)
    assert merged["contacts"]["1"]["company"] == "Lumen UX"
    (lost,) = report.lost_values
    assert (lost.path, lost.kept, lost.lost) == ("company", "Lumen UX", "GreenGrid")
    assert "the other copy had 'GreenGrid'" in "\n".join(report.details())


def test_deleted_here_but_edited_there_is_kept_and_reported() -> None:
    base = database(2, 0)
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    del ours["contacts"]["2"]
    theirs["contacts"]["2"]["notes"] = "now works at SunPower"
    merged, report = merge(base, ours, theirs, other_label=LABEL)
    assert by_id(merged["contacts"])["c1"]["notes"] == "now works at SunPower"
    assert report.kept_despite_deletion == ["contact Person 1 (deleted here)"]


def test_a_call_held_on_both_machines_keeps_both_clocks_notes_and_reactions() -> None:
    base = database(1, 1)
    base["interviews"]["1"].update(status="in_progress", reactions=[])
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["interviews"]["1"].update(elapsed_seconds=1500.0, free_notes="here", status="done")
    ours["interviews"]["1"]["reactions"] = [{"kind": "resonance", "value": 5, "offset_seconds": 90.0}]
    theirs["interviews"]["1"].update(elapsed_seconds=1700.0, free_notes="there")
    theirs["interviews"]["1"]["reactions"] = [{"kind": "dissonance", "value": 2, "offset_seconds": 30.0}]
    merged, _ = merge(base, ours, theirs, other_label=LABEL)
    call = merged["interviews"]["1"]
    assert call["elapsed_seconds"] == 1700.0 and call["status"] == "done"
    assert call["free_notes"] == f"here\n\n{MARKER}\nthere"
    assert [reaction["offset_seconds"] for reaction in call["reactions"]] == [30.0, 90.0]  # in time order


def test_records_added_on_both_sides_under_one_row_number_both_stay() -> None:
    base = database(1, 0)
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["contacts"]["2"] = {**contact(7), "id": "mine"}
    theirs["contacts"]["2"] = {**contact(8), "id": "theirs"}
    merged, _ = merge(base, ours, theirs, other_label=LABEL)
    assert set(by_id(merged["contacts"])) == {"c0", "mine", "theirs"}
    assert len(merged["contacts"]) == 3


def test_notes_both_went_on_from_are_kept_once_then_each_addition() -> None:
    base = database(1, 1)
    base["contacts"]["1"]["notes"] = "Met at the meetup, likes tea."
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["contacts"]["1"]["notes"] += " Works on grids."
    theirs["contacts"]["1"]["notes"] += "\nIntroduced me to Sam."
    merged, _ = merge(base, ours, theirs, other_label=LABEL)
    assert merged["contacts"]["1"]["notes"] == (
        f"Met at the meetup, likes tea. Works on grids.\n\n{MARKER}\nIntroduced me to Sam."
    )
    assert merge(base, merged, theirs, other_label=LABEL)[0] == merged  # and again: no growth
