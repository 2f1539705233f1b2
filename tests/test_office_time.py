"""Office time between moments and added to them: what a dossier's clock is made of."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import VN, vn
from motcua import EstimatePolicy, OfficeDuration, WorkingCalendar
from motcua.errors import (
    ArgumentTypeError,
    DateOutOfRangeError,
    TimeLimitError,
    UnannouncedScheduleError,
)

H = timedelta(hours=1)


@pytest.mark.parametrize(
    ("start", "end", "office"),
    [
        (vn(2026, 3, 6, 16, 0), vn(2026, 3, 9, 9, 0), 2 * H),  # over a weekend
        (vn(2026, 3, 2, 11, 0), vn(2026, 3, 2, 14, 0), 2 * H),  # over lunch
        (vn(2026, 2, 13, 16, 0), vn(2026, 2, 23, 9, 0), 2 * H),  # over Tết
        (vn(2026, 1, 9, 16, 0), vn(2026, 1, 12, 9, 0), 10 * H),  # the make-up Saturday counts
        (vn(2026, 3, 9, 9, 0), vn(2026, 3, 6, 16, 0), -2 * H),  # backwards
        (vn(2026, 3, 7, 10, 0), vn(2026, 3, 8, 10, 0), timedelta(0)),  # a weekend only
    ],
    ids=["weekend", "lunch", "tet", "makeup-saturday", "backwards", "weekend-only"],
)
def test_office_time_between(
    cal: WorkingCalendar, start: datetime, end: datetime, office: timedelta
) -> None:
    assert cal.office_time_between(start, end) == office


def test_add_office_time(cal: WorkingCalendar) -> None:
    assert cal.add_office_time(vn(2026, 3, 6, 16, 0), 2 * H) == vn(2026, 3, 9, 9, 0)
    assert cal.add_office_time(vn(2026, 3, 2, 10, 0), 2 * H) == vn(2026, 3, 2, 12, 0)
    assert cal.add_office_time(vn(2026, 3, 7, 10, 0), timedelta(0)) == vn(2026, 3, 9, 8, 0)
    inside = vn(2026, 3, 2, 10, 0)
    assert cal.add_office_time(inside, timedelta(0)) is inside
    with pytest.raises(TimeLimitError, match="negative office time"):
        cal.add_office_time(inside, -H)
    with pytest.raises(ArgumentTypeError, match="timedelta"):
        cal.add_office_time(inside, 2)  # type: ignore[arg-type]


def test_office_time_is_added_up_to_the_calendars_last_moment_and_no_further() -> None:
    # 30/12/2060 (a Thursday) 09:00: 7 office hours left that day, 8 on Friday 31/12,
    # the last day the calendar covers. 100 hours do not fit: the error names the office
    # time added, in hours (it once read "counting 1 working hour from", then "adding
    # 4 days, 4:00:00").
    cal = WorkingCalendar.vietnam(estimates=EstimatePolicy.ALLOW)
    start = vn(2060, 12, 30, 9)
    assert cal.add_office_time(start, 8 * H) == vn(2060, 12, 31, 9)
    assert cal.add_office_time(start, 15 * H) == vn(2060, 12, 31, 17)
    with pytest.raises(DateOutOfRangeError) as caught:
        cal.add_office_time(start, 100 * H)
    assert str(caught.value) == (
        "adding 100 hours of office time to 2060-12-30 is outside the calendar's range "
        "2018-01-01..2060-12-31 (estimates from the statutory rules stop there)"
    )
    with pytest.raises(DateOutOfRangeError, match=r"^adding 15 hours 1 minute of office time"):
        cal.add_office_time(start, 15 * H + timedelta(minutes=1))
    with pytest.raises(DateOutOfRangeError, match=r"^adding 15:00:00\.000001 of office time"):
        cal.add_office_time(start, 15 * H + timedelta(microseconds=1))


def test_office_time_into_an_unannounced_year_follows_the_estimate_policy() -> None:
    strict = WorkingCalendar.vietnam(estimates=EstimatePolicy.RAISE)
    with pytest.raises(UnannouncedScheduleError, match=r"^add_office_time depends on 2027"):
        strict.add_office_time(vn(2026, 12, 30, 9), 100 * H)
    # Adding nothing after hours on 31/12/2026 lands on the next session, in 2027.
    with pytest.raises(UnannouncedScheduleError, match=r"^add_office_time depends on 2027"):
        strict.add_office_time(vn(2026, 12, 31, 17), timedelta(0))
    assert strict.add_office_time(vn(2026, 12, 31, 9), 7 * H) == vn(2026, 12, 31, 17)


MOMENTS = st.datetimes(
    min_value=datetime(2018, 2, 1),  # noqa: DTZ001 - hypothesis takes naive bounds
    max_value=datetime(2026, 10, 31),  # noqa: DTZ001
    timezones=st.just(VN),
)


@given(MOMENTS, st.integers(1, 200 * 60))
def test_adding_then_measuring_gives_the_same_office_time(start: datetime, minutes: int) -> None:
    cal = WorkingCalendar.vietnam()
    end = cal.add_office_time(start, timedelta(minutes=minutes))
    assert cal.office_time_between(start, end) == timedelta(minutes=minutes)
    assert end > start


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (11 * H, "còn 1 ngày 3 giờ", "1 day 3 hours left"),
        (-2 * H, "quá 2 giờ", "2 hours overdue"),
        (16 * H + timedelta(minutes=5), "còn 2 ngày 5 phút", "2 days 5 minutes left"),
        (timedelta(0), "còn 0 phút", "0 minutes left"),
    ],
    ids=["left", "overdue", "minutes", "zero"],
)
def test_office_duration_reads_like_a_clerk(value: timedelta, vi: str, en: str) -> None:
    duration = OfficeDuration(value, day=8 * H)
    assert str(duration) == vi
    assert duration.describe(lang="en") == en
