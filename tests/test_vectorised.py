from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from motcua import EstimatePolicy, WorkingCalendar
from motcua.errors import (
    ArgumentTypeError,
    DateOutOfRangeError,
    EstimatedScheduleWarning,
    UnannouncedScheduleError,
)


def _dates(n: int, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    offsets = rng.integers(0, (date(2026, 10, 31) - date(2018, 3, 1)).days, n)
    return np.datetime64("2018-03-01") + offsets.astype("timedelta64[D]")


@pytest.mark.parametrize("n", [15, 1, -1, -20, 0])
def test_array_matches_scalar_for_one_n(cal: WorkingCalendar, n: int) -> None:
    dates = _dates(3000)
    result = cal.add_working_days_array(dates, n)
    assert result.dtype == np.dtype("datetime64[D]")
    expected = [cal.add_working_days(d.astype(date), n) for d in dates]
    assert [r.astype(date) for r in result] == expected


def test_array_matches_scalar_for_an_array_of_n(cal: WorkingCalendar) -> None:
    dates = _dates(3000)
    steps = np.random.default_rng(3).integers(-20, 21, dates.size)
    result = cal.add_working_days_array(dates, steps)
    for d, n, r in zip(dates, steps, result, strict=True):
        assert r.astype(date) == cal.add_working_days(d.astype(date), int(n))


def test_count_array_matches_scalar(cal: WorkingCalendar) -> None:
    a, b = _dates(3000, seed=1), _dates(3000, seed=2)
    counts = cal.count_working_days_array(a, b)
    for x, y, c in zip(a, b, counts, strict=True):
        assert c == cal.count_working_days(x.astype(date), y.astype(date))


def test_array_accepts_python_dates_and_strings(cal: WorkingCalendar) -> None:
    mixed: list[date | str] = [date(2026, 2, 13), "2025-12-31"]
    result = cal.add_working_days_array(mixed, 1)
    assert result.tolist() == [date(2026, 2, 23), date(2026, 1, 5)]
    assert cal.add_working_days_array(np.array([], dtype="datetime64[D]"), 3).size == 0


def test_array_errors(cal: WorkingCalendar) -> None:
    with pytest.raises(DateOutOfRangeError, match="2017-06-01"):
        cal.add_working_days_array(["2017-06-01"], 1)
    with pytest.raises(DateOutOfRangeError, match="counting -5 from 2018-01-02"):
        cal.add_working_days_array(["2018-03-01", "2018-01-02"], np.array([1, -5]))
    with pytest.raises(ArgumentTypeError, match="array of dates"):
        cal.add_working_days_array(["not a date"], 1)
    with pytest.raises(ArgumentTypeError, match="array of ints"):
        cal.add_working_days_array(["2026-01-02"], 1.5)


def test_array_estimate_policy() -> None:
    with pytest.warns(EstimatedScheduleWarning, match="add_working_days_array depends on 2027"):
        WorkingCalendar.vietnam().add_working_days_array(["2026-12-30"], 2)
    strict = WorkingCalendar.vietnam(estimates=EstimatePolicy.RAISE)
    with pytest.raises(UnannouncedScheduleError):
        strict.count_working_days_array(["2026-12-30"], ["2027-01-05"])
