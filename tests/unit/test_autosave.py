from infoview_tui.store.autosave import SaveSchedule


def test_saves_after_a_second_of_quiet() -> None:
    schedule = SaveSchedule()
    assert not schedule.due(0.0)
    schedule.edited(10.0)
    assert not schedule.due(10.5)
    assert schedule.due(11.0)


def test_saves_at_least_every_three_seconds_while_typing_goes_on() -> None:
    schedule = SaveSchedule()
    moment = 10.0
    schedule.edited(moment)
    while moment < 12.9:
        moment += 0.2  # a key every 200 ms: never a second of quiet
        schedule.edited(moment)
        assert not schedule.due(moment)
    moment = 13.0
    schedule.edited(moment)
    assert schedule.due(moment)


def test_edits_after_a_save_starts_wait_for_the_next_one() -> None:
    schedule = SaveSchedule()
    schedule.edited(1.0)
    schedule.save_started()
    assert not schedule.pending and not schedule.due(5.0)
    schedule.edited(5.0)
    assert schedule.due(6.0)
