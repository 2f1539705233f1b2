from __future__ import annotations

import warnings
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua import EstimatePolicy, OfficeHours, ScheduleStatus, WorkingCalendar
from motcua.errors import (
    ArgumentTypeError,
    DateOutOfRangeError,
    EstimatedScheduleWarning,
    UnannouncedScheduleError,
)

# Far enough from both ends that 25 working days either way stay in announced years.
ANNOUNCED = st.dates(min_value=date(2018, 3, 1), max_value=date(2026, 10, 31))
STEPS = st.integers(min_value=-25, max_value=25).filter(bool)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 3, 2), 3, date(2026, 3, 5)),  # plain week
        (date(2026, 3, 6), 1, date(2026, 3, 9)),  # Friday -> Monday
        (date(2026, 3, 7), 1, date(2026, 3, 9)),  # from a Saturday
        (date(2025, 12, 31), 1, date(2026, 1, 5)),  # over 1/1 and the 2/1 swap
        (date(2026, 1, 9), 1, date(2026, 1, 10)),  # the make-up Saturday counts
        (date(2026, 2, 13), 1, date(2026, 2, 23)),  # over Tết Bính Ngọ
        (date(2026, 11, 23), 1, date(2026, 11, 25)),  # over 24/11/2026
        (date(2026, 3, 5), -3, date(2026, 3, 2)),
        (date(2026, 1, 5), -1, date(2025, 12, 31)),
        (date(2026, 2, 23), -1, date(2026, 2, 13)),
        (date(2026, 1, 11), -1, date(2026, 1, 10)),  # back onto the make-up Saturday
        (date(2026, 3, 7), 0, date(2026, 3, 7)),
    ],
    ids=[
        "plain",
        "fri-mon",
        "from-saturday",
        "new-year-2026",
        "makeup-saturday",
        "tet-2026",
        "culture-day-2026",
        "back-plain",
        "back-new-year",
        "back-tet",
        "back-makeup",
        "zero",
    ],
)
def test_add_working_days(cal: WorkingCalendar, start: date, n: int, expected: date) -> None:
    assert cal.add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 3, 2), date(2026, 3, 5), 3),
        (date(2026, 3, 5), date(2026, 3, 2), -3),
        (date(2026, 2, 13), date(2026, 2, 23), 1),
        (date(2025, 12, 31), date(2026, 1, 10), 6),  # 5-9/1 and make-up Sat 10/1
        (date(2026, 1, 1), date(2026, 1, 1), 0),
        (date(2026, 1, 1), date(2026, 12, 31), 249),
    ],
    ids=["week", "backwards", "tet", "new-year", "same-day", "whole-2026"],
)
def test_count_working_days(cal: WorkingCalendar, start: date, end: date, expected: int) -> None:
    assert cal.count_working_days(start, end) == expected


def test_2026_has_249_working_days(cal: WorkingCalendar) -> None:
    # 261 weekdays (52 weeks + Thursday 1/1) - 14 weekday days off + 2 make-up Saturdays.
    days = [date(2026, 1, 1) + timedelta(days=i) for i in range(365)]
    assert sum(cal.is_working_day(d) for d in days) == 261 - 14 + 2


@given(ANNOUNCED, STEPS)
def test_count_inverts_add(d: date, n: int) -> None:
    cal = WorkingCalendar.vietnam()
    assert cal.count_working_days(d, cal.add_working_days(d, n)) == n


@given(ANNOUNCED, STEPS)
def test_result_is_a_working_day_on_the_right_side(d: date, n: int) -> None:
    cal = WorkingCalendar.vietnam()
    result = cal.add_working_days(d, n)
    assert cal.is_working_day(result)
    assert (result > d) if n > 0 else (result < d)


@given(ANNOUNCED, st.integers(min_value=1, max_value=25))
def test_backward_undoes_forward_from_a_working_day(d: date, n: int) -> None:
    cal = WorkingCalendar.vietnam()
    forward = cal.add_working_days(d, n)
    back = cal.add_working_days(forward, -n)
    # Back lands on d itself when d is a working day, else on the last working day before.
    expected = d if cal.is_working_day(d) else cal.add_working_days(d, -1)
    assert back == expected


@given(ANNOUNCED, ANNOUNCED, st.integers(min_value=1, max_value=25))
def test_add_is_monotonic(a: date, b: date, n: int) -> None:
    cal = WorkingCalendar.vietnam()
    if a <= b:
        assert cal.add_working_days(a, n) <= cal.add_working_days(b, n)


@given(ANNOUNCED, st.integers(min_value=1, max_value=25))
def test_add_matches_a_day_by_day_walk(d: date, n: int) -> None:
    cal = WorkingCalendar.vietnam()
    walk, left = d, n
    while left:
        walk += timedelta(days=1)
        left -= cal.is_working_day(walk)
    assert cal.add_working_days(d, n) == walk


def test_dates_before_2018_are_refused_with_the_range(cal: WorkingCalendar) -> None:
    with pytest.raises(DateOutOfRangeError, match=r"2017-12-29 is outside .* 2018-01-01"):
        cal.is_working_day(date(2017, 12, 29))
    with pytest.raises(DateOutOfRangeError, match="counting -5 from 2018-01-02") as info:
        cal.add_working_days(date(2018, 1, 2), -5)
    assert info.value.first == date(2018, 1, 1)
    assert "start in 2018" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_dates_past_the_horizon_are_refused(cal: WorkingCalendar) -> None:
    with pytest.raises(DateOutOfRangeError, match="2061-01-02"):
        cal.count_working_days(date(2026, 1, 1), date(2061, 1, 2))
    quiet = WorkingCalendar.vietnam(estimates=EstimatePolicy.ALLOW)
    with pytest.raises(DateOutOfRangeError, match=r"counting \+30 from 2060-12-20"):
        quiet.add_working_days(date(2060, 12, 20), 30)


def test_a_datetime_is_not_a_date(cal: WorkingCalendar) -> None:
    with pytest.raises(ArgumentTypeError, match=r"moment\.date\(\)"):
        cal.is_working_day(datetime(2026, 1, 2, 9, 0, tzinfo=UTC))
    with pytest.raises(ArgumentTypeError, match=r"datetime\.date"):
        cal.add_working_days("2026-01-02", 1)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="int number of working days"):
        cal.add_working_days(date(2026, 1, 2), 1.5)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="int number of working days"):
        cal.add_working_days(date(2026, 1, 2), "3")  # type: ignore[arg-type]


# -- years without an official schedule ----------------------------------------------------


def test_2027_is_estimated_and_warns_once_per_call(cal: WorkingCalendar) -> None:
    assert cal.schedule_status(2027) is ScheduleStatus.ESTIMATED
    with pytest.warns(EstimatedScheduleWarning, match="depends on 2027") as record:
        result = cal.add_working_days(date(2026, 12, 30), 2)
    assert result == date(2027, 1, 4)  # 31/12, then 1/1/2027 off, weekend
    assert record[0].message.year == 2027  # type: ignore[union-attr]


def test_estimated_days_say_so(cal: WorkingCalendar) -> None:
    day = cal.day(date(2027, 1, 1))  # describing a day is not a computation: no warning
    with pytest.warns(EstimatedScheduleWarning):
        working = cal.is_working_day(date(2027, 1, 1))
    assert working is False
    assert day.estimated
    assert day.source.certainty.value == "estimated"
    assert "[dự kiến]" in day.describe()


def test_raise_policy_refuses_estimated_years() -> None:
    strict = WorkingCalendar.vietnam(estimates=EstimatePolicy.RAISE)
    with pytest.raises(UnannouncedScheduleError, match=r"2027, which has no official schedule"):
        strict.add_working_days(date(2026, 12, 30), 2)
    with pytest.raises(LookupError):
        strict.count_working_days(date(2026, 12, 1), date(2027, 1, 5))
    # Inside the announced years nothing changes.
    assert strict.add_working_days(date(2026, 12, 28), 2) == date(2026, 12, 30)


def test_allow_policy_is_silent() -> None:
    quiet = WorkingCalendar.vietnam(estimates=EstimatePolicy.ALLOW)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert quiet.add_working_days(date(2026, 12, 30), 2) == date(2027, 1, 4)


def test_schedule_status_outside_the_range(cal: WorkingCalendar) -> None:
    with pytest.raises(DateOutOfRangeError):
        cal.schedule_status(2017)
    with pytest.raises(DateOutOfRangeError):
        cal.schedule_status(2100)


def test_the_default_calendar_is_built_once() -> None:
    assert WorkingCalendar.vietnam() is WorkingCalendar.vietnam()


def test_an_estimated_year_warns_once_per_calendar_and_never_silently() -> None:
    cal = WorkingCalendar.vietnam(office_hours=OfficeHours.parse("07:30-11:30, 13:00-17:00"))
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        for _ in range(5):
            cal.add_working_days(date(2026, 12, 30), 2)
        cal.add_working_days(date(2028, 6, 1), 2)  # another year: warned too
    assert [w.message.year for w in seen] == [2027, 2028]  # type: ignore[union-attr]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning made an error is raised every time
        for _ in range(2):
            with pytest.raises(EstimatedScheduleWarning):
                cal.add_working_days(date(2026, 12, 30), 2)
    with pytest.warns(EstimatedScheduleWarning):  # new filters: told again
        cal.add_working_days(date(2026, 12, 30), 2)
