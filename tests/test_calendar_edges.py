"""Edges of the calendar: its range, its description, data validation, missing extras."""

from __future__ import annotations

import sys
import warnings
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from helpers import VN, vn
from motcua import (
    Certainty,
    DayKind,
    DayOff,
    EstimatePolicy,
    LegalSource,
    OfficeHours,
    OfficialSchedule,
    ProcessingTime,
    WorkingCalendar,
)
from motcua.calendar._estimate import estimate_year
from motcua.errors import (
    ArgumentTypeError,
    DateOutOfRangeError,
    MissingDependencyError,
    OfficeHoursError,
    ScheduleDataError,
    UnannouncedScheduleError,
)

SOURCE = LegalSource(kind="Quyết định", number="1/QĐ-UBND", issuer="UBND tỉnh X")


def test_calendar_properties(cal: WorkingCalendar) -> None:
    assert cal.timezone is VN
    assert (cal.first_date, cal.last_date) == (date(2018, 1, 1), date(2060, 12, 31))
    assert cal.announced_years == tuple(range(2018, 2027))
    assert cal.estimates is EstimatePolicy.WARN
    assert cal.office_hours == OfficeHours.standard()
    assert repr(cal) == (
        "<WorkingCalendar Vietnam office_hours='08:00-12:00, 13:00-17:00' "
        "announced=2018-2026 estimates=warn>"
    )


def test_deadlines_that_leave_the_range_say_so() -> None:
    quiet = WorkingCalendar.vietnam(estimates=EstimatePolicy.ALLOW)
    with pytest.raises(DateOutOfRangeError, match="counting 30 calendar days from 2060-12-20"):
        quiet.due_at(vn(2060, 12, 20, 9), ProcessingTime.calendar_days(30))
    with pytest.raises(DateOutOfRangeError, match="counting 5 working days from 2060-12-29"):
        quiet.due_at(vn(2060, 12, 29, 9), ProcessingTime.working_days(5))
    with pytest.raises(DateOutOfRangeError, match="date 2061-01-02 is outside"):
        quiet.due_at(vn(2061, 1, 2, 9), ProcessingTime.working_days(1))
    with pytest.raises(
        DateOutOfRangeError, match="the next office session after 2060-12-31 is outside"
    ):
        quiet.due_at(vn(2060, 12, 31, 18), ProcessingTime.working_days(1))  # a Friday evening


def test_a_local_day_off_outside_the_range_is_refused() -> None:
    early = DayOff(
        date=date(2017, 5, 1),
        kind=DayKind.LOCAL,
        name="x",
        name_en="x",
        source=SOURCE,
        certainty=Certainty.VERIFIED,
    )
    with pytest.raises(DateOutOfRangeError, match="extra day off 2017-05-01"):
        WorkingCalendar.vietnam(extra_days_off=[early])


def test_a_saturday_that_is_itself_a_holiday_receives_nothing() -> None:
    hanoi = WorkingCalendar.vietnam(reception_hours={5: OfficeHours.parse("08:00-12:00")})
    assert not hanoi.is_receiving(vn(2023, 4, 29, 9))  # Giỗ Tổ Hùng Vương on a Saturday
    assert hanoi.is_receiving(vn(2023, 4, 22, 9))


def test_missing_numpy_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = WorkingCalendar.vietnam(office_hours=OfficeHours.parse("07:00-11:00, 13:00-17:00"))
    monkeypatch.setitem(sys.modules, "numpy", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'motcua\[numpy\]'") as info:
        fresh.add_working_days_array(["2026-01-02"], 1)
    assert isinstance(info.value, ImportError)
    assert info.value.extra == "numpy"


def test_estimates_carry_the_swaps_the_holidays_package_knows() -> None:
    # For an estimated year motcua keeps a swap the package knows, with its make-up day.
    # 2026 is announced in motcua, so it serves here to check the mapping.
    days = {d.date: d for d in estimate_year(2026)}
    swap = days[date(2026, 8, 31)]
    assert swap.kind is DayKind.SWAPPED
    assert swap.makeup == date(2026, 8, 22)
    assert swap.certainty is Certainty.ESTIMATED
    assert days[date(2026, 4, 27)].kind is DayKind.COMPENSATORY
    assert days[date(2026, 4, 26)].kind is DayKind.HOLIDAY


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": DayKind.WORKDAY}, "kind must be one of"),
        (
            {"kind": DayKind.SWAPPED, "date": date(2026, 3, 7), "makeup": date(2026, 3, 14)},
            "is a weekend day; only a weekday can be swapped",
        ),
        (
            {"kind": DayKind.HOLIDAY, "makeup": date(2026, 3, 14)},
            "only a swapped day off has a make-up day",
        ),
    ],
    ids=["workday-is-not-a-day-off", "swap-on-weekend", "makeup-on-holiday"],
)
def test_day_off_validation(fields: dict[str, object], message: str) -> None:
    base: dict[str, object] = {
        "date": date(2026, 3, 9),
        "name": "x",
        "name_en": "x",
        "source": SOURCE,
        "certainty": Certainty.VERIFIED,
    }
    with pytest.raises(ValidationError, match=message):
        DayOff.model_validate({**base, **fields})


def test_several_problems_in_a_file_are_all_named(tmp_path: Path) -> None:
    path = tmp_path / "two.toml"
    path.write_text(
        "schema_version = 1\n[years.2027]\ndays_off = [\n"
        ' { date = 2027-01-01, kind = "holiday", name_en = "x", source = "blld-2019" },\n'
        ' { date = 2027-01-02, kind = "holiday", name = "x", source = "blld-2019" },\n]\n',
        encoding="utf-8",
    )
    with pytest.raises(ScheduleDataError) as info:
        OfficialSchedule.from_file(path)
    assert info.value.location == "years.2027.days_off[0].name"
    assert "also years.2027.days_off[1].name_en: Field required" in info.value.problem


def test_descriptions_in_both_languages(cal: WorkingCalendar) -> None:
    makeup = cal.day(date(2026, 1, 10))
    assert str(makeup).startswith("Thứ Bảy 10/01/2026: ngày làm bù cho Thứ Sáu 02/01/2026")
    assert makeup.describe(lang="en").startswith(
        "Saturday 10/01/2026: make-up working day for Friday 02/01/2026"
    )
    assert cal.day(date(2026, 3, 2)).describe(lang="en").startswith("Monday 02/03/2026: workday")
    assert DayKind.COMPENSATORY.label == "nghỉ bù"
    assert Certainty.REPORTED.label == "theo thông tin báo chí"
    assert SOURCE.cite() == "Quyết định 1/QĐ-UBND của UBND tỉnh X"
    assert ProcessingTime.working_days(1).describe(lang="en") == "1 working day"
    assert ProcessingTime.same_day(cutoff=None).describe(lang="en") == "same day"
    assert repr(ProcessingTime.same_day()) == "ProcessingTime.same_day(cutoff=datetime.time(15, 0))"


def test_estimated_deadlines_warn_at_the_callers_line(cal: WorkingCalendar) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cal.due_at(vn(2026, 12, 30, 9), ProcessingTime.working_days(3))
    assert caught[0].filename == __file__


def test_wrong_types_get_motcua_errors(cal: WorkingCalendar) -> None:
    with pytest.raises(ArgumentTypeError, match=r"limit must be a ProcessingTime"):
        cal.due_at(vn(2026, 3, 2, 9), 3)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match=r"OfficeHours\.parse"):
        WorkingCalendar.vietnam(office_hours="08:00-12:00")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="OfficialSchedule"):
        WorkingCalendar.vietnam(schedule={})  # type: ignore[arg-type]
    with pytest.raises(OfficeHoursError, match=r"use OfficeHours\.parse\('08:00-12:00'\)"):
        OfficeHours("08:00-12:00")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="weekend day 5"):
        WorkingCalendar.vietnam(reception_hours={0: OfficeHours.parse("17:00-19:00")})
    with pytest.raises(ArgumentTypeError, match="int number of working days"):
        cal.add_working_days(date(2026, 3, 2), True)
    with pytest.raises(ArgumentTypeError, match=r"dates\[1\]"):
        cal.add_working_days_array(np.array(["2026-03-02", "NaT"], dtype="datetime64[D]"), 1)


def test_numpy_integers_are_integers(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(date(2026, 3, 2), np.int64(3)) == date(2026, 3, 5)  # type: ignore[arg-type]


def test_moments_follow_the_estimate_policy() -> None:
    strict = WorkingCalendar.vietnam(estimates=EstimatePolicy.RAISE)
    with pytest.raises(UnannouncedScheduleError, match="next_office_time depends on 2027"):
        strict.next_office_time(vn(2026, 12, 31, 18))
    with pytest.raises(UnannouncedScheduleError, match="is_office_hours"):
        strict.is_office_hours(vn(2027, 1, 4, 9))


def test_calendar_day_explanations_list_only_what_moved_the_end(cal: WorkingCalendar) -> None:
    deadline = cal.due_at(vn(2026, 3, 6, 9), ProcessingTime.calendar_days(15))
    assert deadline.at == vn(2026, 3, 23, 17)
    assert [d.date for d in deadline.explain()] == [date(2026, 3, 21), date(2026, 3, 22)]
    assert "Ngày cuối của thời hạn là ngày nghỉ" in deadline.describe()
    assert cal.due_at(vn(2026, 3, 2, 9), ProcessingTime.calendar_days(15)).explain() == ()


def test_a_deadline_says_which_days_it_rests_on_are_unconfirmed(cal: WorkingCalendar) -> None:
    over_culture_day = cal.due_at(vn(2026, 11, 23, 9), ProcessingTime.working_days(1))
    assert [d.date for d in over_culture_day.unconfirmed_days()] == [date(2026, 11, 24)]
    assert cal.due_at(vn(2026, 3, 2, 9), ProcessingTime.working_days(3)).unconfirmed_days() == ()


def test_estimated_compensatory_days_keep_their_wording() -> None:
    days = {d.date: d for d in estimate_year(2026)}
    assert days[date(2026, 4, 27)].name == "Nghỉ bù Ngày Giỗ Tổ Hùng Vương"
