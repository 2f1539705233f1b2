"""The vectorised fast paths: a datetime64[D] array read in place, a plain int n.

Every fast path must give what the general path gives (date objects, strings, other
units, an array of n) and refuse what it refuses, with the same message.
"""

from __future__ import annotations

import re
import warnings
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

DATES = np.array(
    ["2025-03-14", "2025-03-15", "2026-02-13", "2025-12-31", "2018-02-05", "2019-05-01"],
    dtype="datetime64[D]",
)


def _each(cal: WorkingCalendar, dates: np.ndarray, n: int) -> list[date]:
    return [cal.add_working_days(d.astype(date), n) for d in dates.ravel()]


@pytest.mark.parametrize("n", [15, 1, -1, -20, 0])
def test_datetime64_dates_objects_and_strings_agree(cal: WorkingCalendar, n: int) -> None:
    expected = _each(cal, DATES, n)
    as_objects = [d.astype(date) for d in DATES]
    as_strings = [str(d) for d in DATES]
    as_seconds = DATES.astype("datetime64[s]") + np.timedelta64(9, "h")
    for given in (DATES, as_objects, as_strings, as_seconds):
        result = cal.add_working_days_array(given, n)
        assert result.dtype == np.dtype("datetime64[D]")
        assert result.tolist() == expected
    # numpy ints, 0-d arrays and an array of n take the general path: the same answers.
    assert cal.add_working_days_array(DATES, np.int64(n)).tolist() == expected
    assert cal.add_working_days_array(DATES, np.array(n)).tolist() == expected
    each_n = cal.add_working_days_array(DATES, np.full(DATES.size, n))
    assert each_n.tolist() == expected


@pytest.mark.parametrize("n", [15, -3, 0])
def test_the_callers_array_is_read_not_shared(cal: WorkingCalendar, n: int) -> None:
    given = DATES.copy()
    result = cal.add_working_days_array(given, n)
    assert not np.shares_memory(result, given)
    assert (given == DATES).all()
    result[:] = np.datetime64("2030-01-01")
    assert (given == DATES).all()


@pytest.mark.parametrize("n", [15, -3])
def test_layouts_and_byte_order(cal: WorkingCalendar, n: int) -> None:
    grid = np.datetime64("2024-01-01") + np.arange(24).astype("timedelta64[D]").reshape(4, 6)
    for given in (grid, grid.T, grid[:, ::2], np.asfortranarray(grid), grid.astype(">M8[D]")):
        result = cal.add_working_days_array(given, n)
        assert result.shape == given.shape
        assert result.ravel().tolist() == _each(cal, np.ascontiguousarray(given), n)


def test_one_date_gives_a_scalar(cal: WorkingCalendar) -> None:
    for n in (15, -3, 0):
        result = cal.add_working_days_array(np.datetime64("2025-03-14"), n)
        assert isinstance(result, np.datetime64)
        assert result.astype(date) == cal.add_working_days(date(2025, 3, 14), n)
    empty = np.array([], dtype="datetime64[D]").reshape(0, 3)
    for steps in (15, -3, 0, np.array([1, 2, 3])):
        assert cal.add_working_days_array(empty, steps).shape == (0, 3)
    assert cal.count_working_days_array(empty, empty).shape == (0, 3)
    assert cal.count_working_days_array(empty, "2025-03-14").shape == (0, 3)


@pytest.mark.parametrize("n", [15, -1])
@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("1969-12-31", "1969-12-31"),  # before 1970: negative days
        ("1960-06-01", "1960-06-01"),
        ("2017-12-31", "2017-12-31"),  # between 1970 and the calendar's first day
        ("1975-06-01", "1975-06-01"),
        ("2061-01-01", "2061-01-01"),
    ],
)
def test_dates_out_of_range_are_refused(
    cal: WorkingCalendar, n: int, bad: str, message: str
) -> None:
    given = np.array(["2025-03-14", bad, "2020-01-01"], dtype="datetime64[D]")
    with pytest.raises(DateOutOfRangeError, match=message):
        cal.add_working_days_array(given, n)
    with pytest.raises(DateOutOfRangeError, match=message):
        cal.add_working_days_array([str(d) for d in given], n)


@pytest.mark.parametrize("n", [15, -1, 0, np.array([1, 2, 3])])
def test_nat_is_refused_with_its_place(cal: WorkingCalendar, n: object) -> None:
    given = np.array(["2025-03-14", "1900-01-01", "NaT"], dtype="datetime64[D]")
    with pytest.raises(ArgumentTypeError, match=r"dates\[2\]"):
        cal.add_working_days_array(given, n)  # type: ignore[arg-type]


def test_results_out_of_range_name_the_first_date(cal: WorkingCalendar) -> None:
    late = np.array(["2060-12-01", "2060-12-28", "2060-12-20"], dtype="datetime64[D]")
    with pytest.raises(DateOutOfRangeError, match=r"counting \+5 from 2060-12-28"):
        cal.add_working_days_array(late, 5)
    early = np.array(["2018-03-01", "2018-01-03", "2018-01-02"], dtype="datetime64[D]")
    with pytest.raises(DateOutOfRangeError, match="counting -2 from 2018-01-03"):
        cal.add_working_days_array(early, -2)
    with pytest.raises(DateOutOfRangeError, match=r"counting \+4611686018427387904 from"):
        cal.add_working_days_array(early, 1 << 62)
    quiet = WorkingCalendar.vietnam(estimates=EstimatePolicy.ALLOW)
    last = quiet.add_working_days_array(np.array(["2060-12-01"], dtype="datetime64[D]"), 5)
    assert last.tolist() == [quiet.add_working_days(date(2060, 12, 1), 5)]


def test_a_refused_date_is_reported_before_a_refused_n(cal: WorkingCalendar) -> None:
    given = np.array(["2017-06-01"], dtype="datetime64[D]")
    with pytest.raises(DateOutOfRangeError, match="2017-06-01"):
        cal.add_working_days_array(given, 1.5)
    with pytest.raises(ArgumentTypeError, match="array of ints"):
        cal.add_working_days_array(DATES, True)


@pytest.mark.parametrize("n", [2, -2, 0, np.array([2, -2])])
def test_estimated_years_warn_or_raise_on_every_path(n: int) -> None:
    given = np.array(["2026-12-30", "2027-06-01"], dtype="datetime64[D]")
    with pytest.warns(EstimatedScheduleWarning, match="add_working_days_array depends on 2027"):
        WorkingCalendar.vietnam().add_working_days_array(given, n)
    strict = WorkingCalendar.vietnam(estimates=EstimatePolicy.RAISE)
    with pytest.raises(UnannouncedScheduleError, match="2027"):
        strict.add_working_days_array(given, n)
    announced = np.array(["2026-03-02"], dtype="datetime64[D]")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        strict.add_working_days_array(announced, n)


def test_count_takes_datetime64_dates_objects_and_strings(cal: WorkingCalendar) -> None:
    ends = DATES[::-1] + np.timedelta64(40, "D")
    expected = [
        cal.count_working_days(a.astype(date), b.astype(date))
        for a, b in zip(DATES, ends, strict=True)
    ]
    assert cal.count_working_days_array(DATES, ends).tolist() == expected
    as_strings = ([str(d) for d in DATES], [str(d) for d in ends])
    assert cal.count_working_days_array(*as_strings).tolist() == expected
    with pytest.raises(DateOutOfRangeError, match="1975-06-01"):
        cal.count_working_days_array(DATES, np.array(["1975-06-01"], dtype="datetime64[D]"))
    with pytest.raises(ArgumentTypeError, match=r"start\[1\]"):
        cal.count_working_days_array(np.array(["2025-01-01", "NaT"], dtype="datetime64[D]"), DATES)


@pytest.mark.parametrize("n", [15, 1, -1, -20])
def test_a_large_array_is_gathered_once_with_the_same_answers(cal: WorkingCalendar, n: int) -> None:
    # From 65,536 dates on, the two gathers are made once per call over the calendar's
    # days: the answers must be those of smaller arrays, and of the scalar method.
    rng = np.random.default_rng(11)
    span = (date(2060, 11, 1) - date(2018, 3, 1)).days
    large = np.datetime64("2018-03-01") + rng.integers(0, span, 70_000).astype("timedelta64[D]")
    quiet = WorkingCalendar.vietnam(estimates=EstimatePolicy.ALLOW)
    result = quiet.add_working_days_array(large, n)
    in_pieces = [quiet.add_working_days_array(piece, n) for piece in np.array_split(large, 8)]
    assert (result == np.concatenate(in_pieces)).all()
    for i in range(0, large.size, 997):
        assert result[i].astype(date) == quiet.add_working_days(large[i].astype(date), n)
    refused = large.copy()
    refused[66_000] = np.datetime64("2000-02-29")
    with pytest.raises(DateOutOfRangeError, match="2000-02-29"):
        quiet.add_working_days_array(refused, n)
    with pytest.raises(DateOutOfRangeError, match=re.escape(f"counting {n * 10_000:+d} from")):
        quiet.add_working_days_array(large, n * 10_000)
