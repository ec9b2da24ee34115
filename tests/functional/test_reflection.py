"""After the call: the reflection filled from the keyboard, then the insights change."""

from __future__ import annotations

from textual.widgets import Static

from infoview_tui.demo import build_demo
from infoview_tui.store.repository import Repository
from infoview_tui.ui.screens.insights import ComparisonScreen, InsightsScreen
from infoview_tui.ui.screens.reflection import ReflectionScreen
from infoview_tui.ui.screens.today import TodayScreen
from infoview_tui.ui.screens.values import ValuesScreen
from infoview_tui.ui.widgets.slider import Slider
from tests.conftest import FIXED_NOW, MovableClock, make_app
from tests.functional.test_session import finish_the_call, start_with_daniel


def rendered(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    """What the widget shows, as plain text (tables and trees drawn as on a 120-column screen)."""
    import io

    from rich.console import Console

    console = Console(width=116, file=io.StringIO(), color_system=None)
    console.print(app.screen.query_one(selector, Static).content)
    return console.file.getvalue()  # type: ignore[attr-defined]


async def test_reflect_after_the_call_then_insights_change(repository: Repository) -> None:
    build_demo(repository, FIXED_NOW)
    clock = MovableClock()
    app = make_app(repository, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)
        assert "3 of 36" in rendered(app, "#insights-progress")
        assert "Woodworking" not in rendered(app, "#insights-curiosities")

        await start_with_daniel(pilot)  # Woodworking
        await pilot.press(*"Loves the smell of oak")
        clock.advance(minutes=5)
        await pilot.press("ctrl+up", "ctrl+up", "ctrl+up", "ctrl+up", "ctrl+up", "ctrl+up", "ctrl+up")  # 7
        await pilot.press("alt+right")
        clock.advance(minutes=10)
        await pilot.press("alt+up", "alt+up")  # dissonance 2
        clock.advance(minutes=15)
        await finish_the_call(pilot)

        screen = app.screen
        assert isinstance(screen, ReflectionScreen)
        assert "Reflect on the conversation with Daniel Weiss (today, 30 min)" in rendered(app, "#reflection-title")
        peaks = rendered(app, "#reflection-peaks")
        assert "▲ resonance 7 at 5 min: What do you most enjoy about your work?" in peaks
        assert "▲ dissonance 2 at 15 min: Please, tell me about your career journey?" in peaks
        fits = list(screen.query(".fit-slider").results(Slider))
        assert [s.label.strip() for s in fits] == ["Autonomy", "Helping people directly", "Craft", "Financial security"]
        assert app.focused is fits[0]
        await pilot.press("right", "right", "right", "right", "right")  # Autonomy 5
        await pilot.press("tab", "right", "right")  # Helping 2
        await pilot.press("tab", "end")  # Craft 5
        await pilot.press("tab")  # Financial security: skipped
        await pilot.press("tab", "right", "right", "right", "right")  # hope now 4
        await pilot.press("tab", *"Wood lights me up; the money worries me.")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)

        daniel = next(c for c in repository.contacts() if c.name == "Daniel Weiss")
        (daniel_talk,) = repository.interviews_with(daniel.id)
        assert daniel_talk.reflection.value_fit == {
            "demo-value-autono": 5, "demo-value-helpin": 2, "demo-value-craft": 5,
        }  # fmt: skip
        assert daniel_talk.reflection.takeaways == "Wood lights me up; the money worries me."
        assert daniel_talk.hope_after == 4 and daniel_talk.reflection.written_at is not None

        await pilot.press("f5")
        await pilot.pause()
        assert "4 of 36" in rendered(app, "#insights-progress")
        curiosities = rendered(app, "#insights-curiosities")
        woodworking = next(line for line in curiosities.splitlines() if line.startswith("Woodworking"))
        assert woodworking.split()[1] == "1" and woodworking.rstrip().endswith("4.0/5")  # (5 + 2 + 5) / 3
        assert "Daniel Weiss" in rendered(app, "#insights-people")

        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ComparisonScreen)
        picker = app.screen.query_one("#compare-pick")
        picker.select_all()
        await pilot.pause()
        table = app.screen.query_one("#compare-table")
        assert str(table.get_row_at(0)[0]) == "Interviews"
        assert table.row_count == 10  # interviews, 3 figures + fit, 4 values, takeaways


async def test_values_first_run_suggestions_add_edit_reorder_retire(repository: Repository) -> None:
    app = make_app(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_values()
        await pilot.pause()
        assert isinstance(app.screen, ValuesScreen)
        assert app.focused.id == "values-suggestions"  # type: ignore[union-attr]
        await pilot.press("space", "down", "space", "t")  # Autonomy, Helping people
        await pilot.pause()
        assert [v.name for v in repository.values()] == ["Autonomy", "Helping people"]
        await pilot.press("a", *"Craft", "enter", *"making things well", "enter")
        await pilot.pause()
        assert [(v.name, v.position) for v in repository.values()] == [
            ("Autonomy", 0),
            ("Helping people", 1),
            ("Craft", 2),
        ]
        await pilot.press("alt+up", "alt+up")  # Craft to the top
        await pilot.pause()
        assert [v.name for v in repository.values()] == ["Craft", "Autonomy", "Helping people"]
        await pilot.press("down", "r", "y")  # retire Autonomy
        await pilot.pause()
        assert [v.name for v in repository.values() if v.retired] == ["Autonomy"]
        await pilot.press("enter", "ctrl+a", "ctrl+k", *"Freedom", "ctrl+s")
        await pilot.pause()
        assert [v.name for v in repository.values()] == ["Craft", "Freedom", "Helping people"]
