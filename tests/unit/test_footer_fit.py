"""Which footer keys give way when the row is too narrow (ui/widgets/footer.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from infoview_tui.ui.widgets.footer import FooterItem, items_to_drop

OWN, SWITCH = False, True


def items(*spec: tuple[int, bool]) -> list[FooterItem]:
    return [FooterItem(span, yields) for span, yields in spec]


def test_nothing_is_dropped_when_all_fit() -> None:
    assert items_to_drop(items((10, OWN), (10, SWITCH)), room=20) == []


def test_the_last_switching_keys_give_way_first_and_own_keys_never() -> None:
    row = items((10, OWN), (9, SWITCH), (9, OWN), (10, SWITCH), (12, SWITCH))
    assert items_to_drop(row, room=30) == [4, 3]  # F5, then F4; Quit (index 1) stays as it now fits


def test_none_when_the_own_keys_alone_do_not_fit() -> None:
    assert items_to_drop(items((40, OWN), (30, SWITCH), (40, OWN)), room=79) is None


@given(st.lists(st.tuples(st.integers(1, 20), st.booleans()), max_size=20), st.integers(0, 200))
def test_what_is_kept_fits_and_keeps_every_own_key(spec: list[tuple[int, bool]], room: int) -> None:
    row = items(*spec)
    dropped = items_to_drop(row, room)
    own_width = sum(item.span for item in row if not item.yields)
    if own_width > room:
        assert dropped is None
        return
    assert dropped is not None
    assert all(row[index].yields for index in dropped)
    assert sum(item.span for index, item in enumerate(row) if index not in dropped) <= room
