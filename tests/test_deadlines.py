from __future__ import annotations

import warnings
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import VN, vn
from motcua import (
    Certainty,
    DayKind,
    DayOff,
    EstimatePolicy,
    LegalSource,
    OfficeHours,
    ProcessingTime,
    WorkingCalendar,
)
from motcua.errors import (
    ArgumentTypeError,
    EstimatedScheduleWarning,
    NaiveDatetimeError,
    UnannouncedScheduleError,
)

WD = ProcessingTime.working_days
WH = ProcessingTime.working_hours
CD = ProcessingTime.calendar_days
SAME_DAY = ProcessingTime.same_day()

CASES = [
    # (accepted, limit, due, why)
    (vn(2026, 3, 2, 9, 15), WD(3), vn(2026, 3, 5, 9, 15), "Mon 09:15 + 3 working days"),
    (vn(2026, 3, 2, 8, 0), WD(1), vn(2026, 3, 2, 17, 0), "from opening: due at closing"),
    (vn(2026, 3, 2, 12, 30), WH(2), vn(2026, 3, 2, 15, 0), "lunch: counted from 13:00"),
    (vn(2026, 3, 2, 10, 0), WH(2), vn(2026, 3, 2, 12, 0), "used up at noon: due 12:00"),
    (vn(2026, 3, 2, 11, 0), WH(2), vn(2026, 3, 2, 14, 0), "across lunch"),
    (vn(2026, 3, 2, 16, 0), WH(2), vn(2026, 3, 3, 9, 0), "across the night"),
    (vn(2026, 3, 2, 18, 0), WD(1), vn(2026, 3, 3, 17, 0), "evening: counted from Tue 08:00"),
    (vn(2026, 3, 7, 10, 0), WD(1), vn(2026, 3, 9, 17, 0), "Saturday online: from Monday"),
    (vn(2026, 3, 6, 16, 30), WH(2), vn(2026, 3, 9, 9, 30), "military service online, 2 h"),
    (vn(2026, 1, 9, 16, 0), WD(1), vn(2026, 1, 10, 16, 0), "make-up Saturday 10/1/2026"),
    (vn(2026, 1, 1, 10, 0), WD(1), vn(2026, 1, 5, 17, 0), "holiday: from Monday 5/1"),
    (vn(2026, 2, 13, 10, 0), WD(3), vn(2026, 2, 25, 10, 0), "over Tết Bính Ngọ"),
    (vn(2026, 11, 23, 9, 0), WD(1), vn(2026, 11, 25, 9, 0), "over 24/11/2026"),
    (vn(2026, 8, 28, 9, 0), WD(1), vn(2026, 9, 3, 9, 0), "over 31/8 swap and 2/9"),
    (vn(2026, 3, 2, 14, 59), SAME_DAY, vn(2026, 3, 2, 17, 0), "same day, before 15:00"),
    (vn(2026, 3, 2, 15, 0), SAME_DAY, vn(2026, 3, 2, 17, 0), "same day, at 15:00"),
    (vn(2026, 3, 2, 15, 1), SAME_DAY, vn(2026, 3, 3, 17, 0), "same day, after 15:00"),
    (vn(2026, 3, 6, 15, 30), SAME_DAY, vn(2026, 3, 9, 17, 0), "Friday after 15:00"),
    (vn(2026, 2, 13, 15, 30), SAME_DAY, vn(2026, 2, 23, 17, 0), "after 15:00 before Tết"),
    (vn(2026, 3, 2, 19, 0), SAME_DAY, vn(2026, 3, 3, 17, 0), "online at night: next day"),
    (
        vn(2026, 3, 2, 16, 0),
        ProcessingTime.same_day(cutoff=None),
        vn(2026, 3, 2, 17, 0),
        "same day, no cut-off",
    ),
    (vn(2026, 3, 2, 9, 0), CD(15), vn(2026, 3, 17, 17, 0), "building permit, 15 days"),
    (vn(2026, 3, 6, 9, 0), CD(15), vn(2026, 3, 23, 17, 0), "15th day a Saturday"),
    (vn(2026, 2, 2, 9, 0), CD(15), vn(2026, 2, 23, 17, 0), "15th day in Tết"),
    (vn(2026, 3, 6, 18, 0), CD(15), vn(2026, 3, 23, 17, 0), "after hours: still from that date"),
    (vn(2026, 2, 13, 17, 30), CD(15), vn(2026, 3, 2, 17, 0), "after hours before Tết"),
    (vn(2026, 3, 7, 9, 0), CD(15), vn(2026, 3, 23, 17, 0), "accepted online on a Saturday"),
    (vn(2026, 2, 18, 9, 0), CD(1), vn(2026, 2, 23, 17, 0), "accepted online in Tết"),
    (
        vn(2026, 3, 4, 12, 15),
        ProcessingTime.same_day(cutoff=time(12, 30)),
        vn(2026, 3, 4, 17, 0),
        "lunch, before a 12:30 cut-off",
    ),
    (
        vn(2026, 3, 4, 7, 10),
        ProcessingTime.same_day(cutoff=time(7, 30)),
        vn(2026, 3, 4, 17, 0),
        "before opening, before a 07:30 cut-off",
    ),
]


@pytest.mark.parametrize(
    ("accepted", "limit", "due"), [c[:3] for c in CASES], ids=[c[3] for c in CASES]
)
def test_due_at(
    cal: WorkingCalendar, accepted: datetime, limit: ProcessingTime, due: datetime
) -> None:
    deadline = cal.due_at(accepted, limit)
    assert deadline.at == due
    assert deadline.at.tzinfo is VN
    assert not deadline.estimated


def test_counted_from_moves_to_the_next_session(cal: WorkingCalendar) -> None:
    assert cal.due_at(vn(2026, 3, 2, 12, 30), WH(1)).counted_from == vn(2026, 3, 2, 13, 0)
    assert cal.due_at(vn(2026, 3, 7, 10, 0), WD(1)).counted_from == vn(2026, 3, 9, 8, 0)
    inside = vn(2026, 3, 2, 9, 15)
    assert cal.due_at(inside, WD(1)).counted_from is inside


def test_an_aware_datetime_in_another_zone_is_converted(cal: WorkingCalendar) -> None:
    utc = datetime(2026, 3, 2, 2, 15, tzinfo=UTC)  # 09:15 in Hà Nội
    deadline = cal.due_at(utc, WD(3))
    assert deadline.at == vn(2026, 3, 5, 9, 15)
    assert deadline.start == vn(2026, 3, 2, 9, 15)


def test_naive_datetimes_are_refused_with_how_to_fix_it(cal: WorkingCalendar) -> None:
    naive = datetime(2026, 3, 2, 9, 15)  # noqa: DTZ001 - the mistake under test
    with pytest.raises(NaiveDatetimeError, match=r"start=.* naive datetime; pass a timezone-aware"):
        cal.due_at(naive, WD(3))
    with pytest.raises(ValueError, match="naive"):
        cal.next_office_time(naive)


def test_a_date_is_not_a_moment(cal: WorkingCalendar) -> None:
    with pytest.raises(ArgumentTypeError, match="timezone-aware datetime"):
        cal.due_at(date(2026, 3, 2), WD(3))  # type: ignore[arg-type]


def test_explain_lists_each_skipped_day_and_why(cal: WorkingCalendar) -> None:
    deadline = cal.due_at(vn(2025, 12, 31, 9, 15), WD(3))
    assert deadline.at == vn(2026, 1, 7, 9, 15)
    days = deadline.explain()
    assert [(d.date, d.kind) for d in days] == [
        (date(2026, 1, 1), DayKind.HOLIDAY),
        (date(2026, 1, 2), DayKind.SWAPPED),
        (date(2026, 1, 3), DayKind.WEEKEND),
        (date(2026, 1, 4), DayKind.WEEKEND),
    ]
    assert days[1].source.number == "12729/VPCP-KGVX"
    text = deadline.describe()
    assert "Hẹn trả kết quả: 09 giờ 15 phút, ngày 07 tháng 01 năm 2026" in text
    assert "Thứ Sáu 02/01/2026: nghỉ hoán đổi, làm bù Thứ Bảy 10/01/2026" in text
    assert "Tết Dương lịch" in text


def test_explain_includes_the_day_of_an_after_hours_acceptance(cal: WorkingCalendar) -> None:
    deadline = cal.due_at(vn(2026, 2, 14, 20, 0), WD(1))  # online, Saturday in Tết
    assert deadline.at == vn(2026, 2, 23, 17, 0)
    skipped = [d.date for d in deadline.explain()]
    assert skipped[0] == date(2026, 2, 14)
    assert skipped[-1] == date(2026, 2, 22)
    assert len(skipped) == 9
    assert "tính từ 08 giờ 00 phút, ngày 23 tháng 02 năm 2026" in deadline.describe()
    assert "counted from 08:00, 23/02/2026" in deadline.describe(lang="en")


def test_deadlines_are_values(cal: WorkingCalendar) -> None:
    a = cal.due_at(vn(2026, 3, 2, 9, 15), WD(3))
    b = cal.due_at(vn(2026, 3, 2, 9, 15), WD(3))
    assert a == b
    assert hash(a) == hash(b)
    assert a != cal.due_at(vn(2026, 3, 2, 9, 15), WD(4))
    assert a != "2026-03-05"
    assert "2026-03-05T09:15:00+07:00" in repr(a)
    assert str(a) == "09 giờ 15 phút, ngày 05 tháng 3 năm 2026"
    with pytest.raises(AttributeError):
        a.at = vn(2026, 3, 6)  # type: ignore[misc]


# -- years without an official schedule ----------------------------------------------------


def test_a_deadline_in_an_estimated_year_is_flagged_and_warns(cal: WorkingCalendar) -> None:
    with pytest.warns(EstimatedScheduleWarning, match="due_at depends on 2027"):
        deadline = cal.due_at(vn(2026, 12, 30, 9, 0), WD(3))
    assert deadline.estimated
    assert deadline.at == vn(2027, 1, 5, 9, 0)  # 31/12, (1/1 off, weekend), 4/1, 5/1
    assert "chưa được công bố" in deadline.describe()


def test_the_raise_policy_refuses_a_deadline_in_an_estimated_year() -> None:
    strict = WorkingCalendar.vietnam(estimates=EstimatePolicy.RAISE)
    with pytest.raises(UnannouncedScheduleError) as info:
        strict.due_at(vn(2026, 12, 30, 9, 0), WD(3))
    assert info.value.year == 2027
    assert info.value.announced[-1] == 2026
    assert not strict.due_at(vn(2026, 12, 1, 9, 0), WD(3)).estimated


def test_tet_2027_is_estimated_from_the_lunar_calendar() -> None:
    quiet = WorkingCalendar.vietnam(estimates=EstimatePolicy.ALLOW)
    # Tết Đinh Mùi: 6/2/2027. The package's rule gives 4/2 (Thu) to 10/2 (Wed) off.
    assert quiet.add_working_days(date(2027, 2, 3), 1) == date(2027, 2, 11)
    day = quiet.day(date(2027, 2, 5))
    assert day.estimated
    assert day.certainty is Certainty.ESTIMATED


# -- custom calendars --------------------------------------------------------------------


def test_a_centre_with_its_own_office_hours() -> None:
    phu_yen = WorkingCalendar.vietnam(office_hours=OfficeHours.parse("07:30-12:00, 13:30-17:00"))
    assert phu_yen.due_at(vn(2026, 3, 2, 7, 45), WD(1)).at == vn(2026, 3, 3, 7, 45)
    assert phu_yen.due_at(vn(2026, 3, 2, 12, 15), WH(1)).at == vn(2026, 3, 2, 14, 30)
    assert phu_yen.due_at(vn(2026, 3, 2, 7, 0), WD(1)).counted_from == vn(2026, 3, 2, 7, 30)
    assert phu_yen.is_office_hours(vn(2026, 3, 2, 7, 30))
    assert not phu_yen.is_office_hours(vn(2026, 3, 2, 13, 0))


def test_saturday_reception_does_not_count_toward_the_limit() -> None:
    hanoi = WorkingCalendar.vietnam(reception_hours={5: OfficeHours.parse("08:00-12:00")})
    saturday = vn(2026, 3, 7, 9, 0)
    assert hanoi.is_receiving(saturday)
    assert not hanoi.is_office_hours(saturday)
    assert not hanoi.is_receiving(vn(2026, 3, 7, 13, 0))
    assert not hanoi.is_receiving(vn(2026, 3, 8, 9, 0))  # Sunday
    assert not hanoi.is_receiving(vn(2026, 2, 14, 9, 0))  # Saturday in the Tết break
    assert not hanoi.is_receiving(vn(2026, 4, 25, 9, 0))  # Monday 27/4 is off
    assert not hanoi.is_receiving(vn(2026, 1, 3, 9, 0))  # Friday 2/1 was swapped off
    assert hanoi.is_receiving(vn(2026, 4, 18, 9, 0))
    assert hanoi.is_receiving(vn(2026, 3, 2, 9, 0))  # ordinary office hours
    deadline = hanoi.due_at(saturday, WD(1))
    assert deadline.counted_from == vn(2026, 3, 9, 8, 0)
    assert deadline.at == vn(2026, 3, 9, 17, 0)


def test_a_local_day_off_with_its_decision() -> None:
    decision = LegalSource(
        kind="Quyết định",
        number="123/QĐ-UBND",
        issuer="UBND tỉnh Phú Thọ",
        issued=date(2026, 3, 1),
        certainty=Certainty.VERIFIED,
    )
    local = DayOff(
        date=date(2026, 3, 9),
        kind=DayKind.LOCAL,
        name="Nghỉ theo quyết định của tỉnh",
        name_en="Provincial day off",
        source=decision,
        certainty=Certainty.VERIFIED,
    )
    province = WorkingCalendar.vietnam(extra_days_off=[local])
    assert not province.is_working_day(date(2026, 3, 9))
    assert province.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 10)
    deadline = province.due_at(vn(2026, 3, 6, 10, 0), WD(1))
    assert deadline.at == vn(2026, 3, 10, 10, 0)
    assert deadline.explain()[-1].source.number == "123/QĐ-UBND"
    # The national calendar is not touched.
    assert WorkingCalendar.vietnam().is_working_day(date(2026, 3, 9))


def test_custom_calendar_arguments_are_checked() -> None:
    with pytest.raises(ArgumentTypeError, match="weekday"):
        WorkingCalendar.vietnam(reception_hours={7: OfficeHours.standard()})
    with pytest.raises(ArgumentTypeError, match="weekend day"):
        WorkingCalendar.vietnam(reception_hours={True: OfficeHours.standard()})
    with pytest.raises(ArgumentTypeError, match="OfficeHours"):
        WorkingCalendar.vietnam(reception_hours={5: "08:00-12:00"})  # type: ignore[dict-item]
    with pytest.raises(ArgumentTypeError, match="DayOff"):
        WorkingCalendar.vietnam(extra_days_off=[date(2026, 3, 9)])  # type: ignore[list-item]


# -- properties ------------------------------------------------------------------------------

# Hypothesis takes naive bounds and attaches the zone itself.
MOMENTS = st.datetimes(
    min_value=datetime(2018, 2, 1),  # noqa: DTZ001
    max_value=datetime(2026, 10, 31),  # noqa: DTZ001
    timezones=st.just(VN),
)
LIMITS = st.one_of(
    st.integers(1, 30).map(WD),
    st.integers(1, 100).map(WH),
    st.integers(1, 45).map(CD),
    st.sampled_from([ProcessingTime.same_day(), ProcessingTime.same_day(cutoff=None)]),
)


def _in_session_end_inclusive(hours: OfficeHours, moment: time) -> bool:
    return any(start < moment <= end for start, end in hours.sessions)


@given(MOMENTS, LIMITS)
def test_due_is_after_the_start_on_a_working_moment(start: datetime, limit: ProcessingTime) -> None:
    cal = WorkingCalendar.vietnam()
    deadline = cal.due_at(start, limit)
    assert deadline.at > start
    assert deadline.counted_from >= start
    assert cal.is_working_day(deadline.at.date())
    assert _in_session_end_inclusive(cal.office_hours, deadline.at.timetz().replace(tzinfo=None))


@given(MOMENTS, st.integers(1, 20))
def test_n_working_days_equal_8n_working_hours(start: datetime, n: int) -> None:
    cal = WorkingCalendar.vietnam()
    assert cal.due_at(start, WD(n)).at == cal.due_at(start, WH(8 * n)).at


@given(MOMENTS, st.integers(1, 20))
def test_working_days_land_n_working_days_after_counting_starts(start: datetime, n: int) -> None:
    cal = WorkingCalendar.vietnam()
    deadline = cal.due_at(start, WD(n))
    begin = deadline.counted_from
    expected_day = cal.add_working_days(begin.date(), n)
    if begin.time() == cal.office_hours.opens:
        # Counting from opening time uses up the budget at the previous day's close.
        expected_day = cal.add_working_days(begin.date(), n - 1) if n > 1 else begin.date()
    assert deadline.at.date() == expected_day


@given(MOMENTS, MOMENTS, LIMITS)
def test_later_starts_never_give_earlier_deadlines(
    a: datetime, b: datetime, limit: ProcessingTime
) -> None:
    cal = WorkingCalendar.vietnam()
    if a <= b:
        assert cal.due_at(a, limit).at <= cal.due_at(b, limit).at


def test_next_office_time(cal: WorkingCalendar) -> None:
    assert cal.next_office_time(vn(2026, 3, 2, 12, 0)) == vn(2026, 3, 2, 13, 0)
    assert cal.next_office_time(vn(2026, 3, 2, 17, 0)) == vn(2026, 3, 3, 8, 0)
    assert cal.next_office_time(vn(2026, 2, 13, 17, 0)) == vn(2026, 2, 23, 8, 0)
    inside = vn(2026, 3, 2, 16, 59)
    assert cal.next_office_time(inside) == inside


def test_microseconds_are_kept(cal: WorkingCalendar) -> None:
    start = vn(2026, 3, 2, 9, 15) + timedelta(seconds=30, microseconds=5)
    assert cal.due_at(start, WD(1)).at == start + timedelta(days=1)


def test_no_warning_inside_announced_years(cal: WorkingCalendar) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cal.due_at(vn(2026, 11, 30, 9, 0), WD(10))
