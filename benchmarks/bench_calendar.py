"""Calendar speed, side by side with what a user would otherwise use, in one process.

Run with ``make bench`` (or ``python benchmarks/bench_calendar.py``). Prints a Markdown
table of per-call times (best of several repeats) and ratios; paste it into
``benchmarks/README.md`` with the date and machine. Timing never fails a test.

Compared:
* ``holidays`` (the package motcua builds on): ``get_nth_working_day`` and
  ``get_working_days_count`` on a pre-populated VN holiday set;
* numpy: ``busday_offset`` / ``busday_count`` with a ``busdaycalendar`` holding the
  same official weekday days off (numpy cannot make a Saturday a working day, so its
  answers differ on make-up Saturdays; only the speed is compared);
* for ``add_working_days_array``, also the floor: two bare ``np.take`` calls on the same
  index (``np.take(before, offsets)``, then ``np.take(wd, k)``), with nothing checked.
"""

from __future__ import annotations

import platform
import sys
import timeit
import warnings
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
import numpy as np

from motcua import ProcessingTime, WorkingCalendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")
START = date(2025, 3, 14)


def per_call(func: Callable[[], object], *, number: int, repeat: int = 7) -> float:
    """Best seconds per call over *repeat* runs of *number* calls."""
    return min(timeit.repeat(func, number=number, repeat=repeat)) / number


def fmt(seconds: float) -> str:
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.2f} µs"


def two_takes_baseline(cal: WorkingCalendar) -> tuple[np.ndarray, np.ndarray]:
    """The index as plain numpy arrays: working days up to each day, and the working days.

    Built from the public API, for the floor an array call is measured against: two bare
    ``np.take`` calls, ``np.take(before, offsets)`` then ``np.take(wd, k)``.
    """
    first, last = cal.first_date, cal.last_date
    days = [first + timedelta(i) for i in range((last - first).days + 1)]
    working = np.array([cal.is_working_day(d) for d in days], dtype=np.int64)
    day_numbers = np.datetime64(first) + np.arange(len(days)).astype("timedelta64[D]")
    return np.cumsum(working), day_numbers[working.astype(bool)].view(np.int64)


def array_rows(
    cal: WorkingCalendar, busdaycal: np.busdaycalendar
) -> list[tuple[str, str, float, float]]:
    """``add_working_days_array(dates, 15)`` on 10 to 1,000,000 dates.

    Against numpy's ``busday_offset`` and against two bare ``np.take`` calls (the floor).
    """
    before, wd = two_takes_baseline(cal)
    first = np.datetime64(cal.first_date)
    rng = np.random.default_rng(1)
    many = np.datetime64("2019-01-01") + rng.integers(0, 2500, 1_000_000).astype("timedelta64[D]")
    cal.add_working_days_array(many[:10], 15)  # build the numpy tables once
    rows: list[tuple[str, str, float, float]] = []
    for size in (10, 100, 10_000, 1_000_000):
        dates = many[:size]
        offsets = (dates - first).astype(np.int64)
        k = np.take(before, offsets) + 14

        def two_takes(offsets: np.ndarray = offsets, k: np.ndarray = k) -> object:
            np.take(before, offsets)
            return np.take(wd, k)

        number, repeat = (3, 5) if size >= 1_000_000 else (max(10, 100_000 // size), 7)

        def ours_call(d: np.ndarray = dates) -> object:
            return cal.add_working_days_array(d, 15)

        def numpy_call(d: np.ndarray = dates) -> object:
            return np.busday_offset(d, 15, roll="forward", busdaycal=busdaycal)

        ours = per_call(ours_call, number=number, repeat=repeat)
        name = f"add_working_days_array({size:,} dates, 15)"
        numpy_t = per_call(numpy_call, number=number, repeat=repeat)
        rows.append((name, "numpy busday_offset (array)", ours, numpy_t))
        floor = per_call(two_takes, number=number, repeat=repeat)
        rows.append((name, "two bare np.take (the floor)", ours, floor))
    return rows


def main() -> None:
    warnings.simplefilter("ignore")
    cal = WorkingCalendar.vietnam()
    vn_holidays = holidays.country_holidays("VN", years=range(2018, 2028))
    days_off = [
        np.datetime64(d.date)
        for year in cal.announced_years
        for d in cal.days_off(year)
        if d.date.weekday() < 5
    ]
    busdaycal = np.busdaycalendar(holidays=days_off)
    start64 = np.datetime64(START)
    end = START + timedelta(days=90)
    moment = datetime(2025, 3, 14, 9, 15, tzinfo=VN)
    limit = ProcessingTime.working_days(15)

    two_hours, same_day = ProcessingTime.working_hours(2), ProcessingTime.same_day()
    due = per_call(lambda: cal.due_at(moment, limit), number=100_000)
    due_hours = per_call(lambda: cal.due_at(moment, two_hours), number=100_000)
    due_same = per_call(lambda: cal.due_at(moment, same_day), number=100_000)

    rows: list[tuple[str, str, float, float]] = []

    ours = per_call(lambda: cal.add_working_days(START, 15), number=100_000)
    rows.append(
        (
            "add_working_days(d, 15)",
            "holidays get_nth_working_day",
            ours,
            per_call(lambda: vn_holidays.get_nth_working_day(START, 15), number=2_000),
        )
    )
    rows.append(
        (
            "add_working_days(d, 15)",
            "numpy busday_offset (scalar date)",
            ours,
            per_call(
                lambda: np.busday_offset(START, 15, roll="forward", busdaycal=busdaycal),
                number=100_000,
            ),
        )
    )
    rows.append(
        (
            "add_working_days(d, 15)",
            "numpy busday_offset (scalar datetime64)",
            ours,
            per_call(
                lambda: np.busday_offset(start64, 15, roll="forward", busdaycal=busdaycal),
                number=100_000,
            ),
        )
    )
    ours = per_call(lambda: cal.count_working_days(START, end), number=100_000)
    rows.append(
        (
            "count_working_days(d, d+90)",
            "holidays get_working_days_count",
            ours,
            per_call(lambda: vn_holidays.get_working_days_count(START, end), number=500),
        )
    )
    rows.append(
        (
            "count_working_days(d, d+90)",
            "numpy busday_count (scalar date)",
            ours,
            per_call(lambda: np.busday_count(START, end, busdaycal=busdaycal), number=100_000),
        )
    )

    rows += array_rows(cal, busdaycal)

    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"holidays {holidays.__version__}, numpy {np.__version__}"  # type: ignore[attr-defined]
    )
    print()
    print("| motcua | compared with | motcua | other | other / motcua |")
    print("|---|---|---:|---:|---:|")
    for ours_name, other_name, ours_t, other_t in rows:
        print(
            f"| `{ours_name}` | {other_name} | {fmt(ours_t)} | {fmt(other_t)} "
            f"| {other_t / ours_t:.1f}× |"
        )
    print()
    print("| motcua alone | per call |")
    print("|---|---:|")
    print(f"| `due_at(start, working_days(15))` | {fmt(due)} |")
    print(f"| `due_at(start, working_hours(2))` | {fmt(due_hours)} |")
    print(f"| `due_at(start, same_day())` | {fmt(due_same)} |")
    sys.stdout.flush()
    estimated_years()


def estimated_years() -> None:
    """The same call in an announced year (2025) and an estimated one (2028), warnings on."""
    cal = WorkingCalendar.vietnam()
    announced, estimated = date(2025, 3, 5), date(2028, 3, 6)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the default WARN policy, its warning not shown
        rows = [
            (
                "add_working_days(d, 15)",
                per_call(lambda: cal.add_working_days(announced, 15), number=100_000),
                per_call(lambda: cal.add_working_days(estimated, 15), number=100_000),
            ),
            (
                "is_working_day(d)",
                per_call(lambda: cal.is_working_day(announced), number=100_000),
                per_call(lambda: cal.is_working_day(estimated), number=100_000),
            ),
        ]
    print()
    print("| under EstimatePolicy.WARN | announced year | estimated year | ratio (target ≤ 1.2×) |")
    print("|---|---:|---:|---:|")
    for name, ours, est in rows:
        print(f"| `{name}` | {fmt(ours)} | {fmt(est)} | {est / ours:.2f}× |")


if __name__ == "__main__":
    main()
