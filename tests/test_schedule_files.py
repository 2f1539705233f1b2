"""Loading official schedules from files: next year's announcement, and every bad file."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import pytest

from motcua import (
    Certainty,
    DayKind,
    OfficialSchedule,
    ScheduleStatus,
    WorkingCalendar,
)
from motcua.errors import ScheduleDataError

# A hypothetical announcement for 2027, written the way docs/calendar.md tells users to.
SCHEDULE_2027 = """
schema_version = 1

[sources.tb-2027]
kind = "Thông báo"
number = "1234/TB-BNV"
title = "Lịch nghỉ Tết Âm lịch và Quốc khánh năm 2027"
issuer = "Bộ Nội vụ"
issued = 2026-10-20
certainty = "secondary"

[years.2027]
basis = ["tb-2027"]
days_off = [
  { date = 2027-01-01, kind = "holiday", name = "Tết Dương lịch", name_en = "New Year's Day", source = "blld-2019" },
  { date = 2027-02-04, kind = "swapped", makeup = 2027-01-30, name = "Nghỉ hoán đổi", name_en = "Swapped day off", source = "tb-2027" },
  { date = 2027-02-05, kind = "holiday", name = "Tết Nguyên đán", name_en = "Lunar New Year", source = "tb-2027" },
]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "schedule.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_next_years_announcement_can_be_added_before_a_release(tmp_path: Path) -> None:
    extra = OfficialSchedule.from_file(_write(tmp_path, SCHEDULE_2027))
    assert list(extra) == [2027]
    schedule = OfficialSchedule.builtin().merge(extra)
    assert list(schedule)[-1] == 2027
    cal = WorkingCalendar.vietnam(schedule=schedule)
    assert cal.schedule_status(2027) is ScheduleStatus.ANNOUNCED
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 2027 is announced now: no estimate warning
        assert not cal.is_working_day(date(2027, 2, 4))
        assert cal.is_working_day(date(2027, 1, 30))
        day = cal.day(date(2027, 2, 4))
    assert day.kind is DayKind.SWAPPED
    assert day.source.number == "1234/TB-BNV"
    assert day.certainty is Certainty.SECONDARY
    # Cited built-in sources resolve to the built-in documents.
    assert cal.day(date(2027, 1, 1)).source.number == "45/2019/QH14"
    assert extra[2027].makeup_days == (date(2027, 1, 30),)
    assert "tb-2027" in schedule.sources
    assert repr(extra) == "<OfficialSchedule 2027-2027>"


def test_the_builtin_table() -> None:
    schedule = OfficialSchedule.builtin()
    assert list(schedule) == list(range(2018, 2027))
    assert len(schedule) == 9
    assert [s.number for s in schedule[2026].basis] == [
        "12729/VPCP-KGVX",
        "9859/VPCP-KGVX",
        "9441/TB-BNV",
        "28/2026/QH16",
    ]
    for year in schedule:
        for day in schedule[year].days_off:
            assert day.source.url, day
            assert day.date.year == year


BAD_FILES = [
    ("not toml", "schema_version = \n", "TOML", "Invalid value"),
    ("wrong schema", "schema_version = 2\n", "schema_version", "less than or equal to 1"),
    (
        "missing name",
        '{head}days_off = [ {{ date = 2027-01-01, kind = "holiday", name_en = "x", source = "blld-2019" }} ]',
        "years.2027.days_off[0].name",
        "Field required",
    ),
    (
        "bad date",
        '{head}days_off = [ {{ date = "1/1/2027", kind = "holiday", name = "x", name_en = "x", source = "blld-2019" }} ]',
        "years.2027.days_off[0].date",
        "valid date",
    ),
    (
        "unknown kind",
        '{head}days_off = [ {{ date = 2027-01-01, kind = "festival", name = "x", name_en = "x", source = "blld-2019" }} ]',
        "years.2027.days_off[0].kind",
        "'holiday'",
    ),
    (
        "unknown source",
        '{head}days_off = [ {{ date = 2027-01-01, kind = "holiday", name = "x", name_en = "x", source = "nope" }} ]',
        "years.2027.days_off[0].source",
        "unknown source 'nope'; known sources: blld-2012",
    ),
    (
        "wrong year",
        '{head}days_off = [ {{ date = 2026-01-01, kind = "holiday", name = "x", name_en = "x", source = "blld-2019" }} ]',
        "years.2027.days_off[0].date",
        "2026-01-01 is not in 2027",
    ),
    (
        "duplicate",
        '{head}days_off = [ {{ date = 2027-01-01, kind = "holiday", name = "x", name_en = "x", source = "blld-2019" }},'
        ' {{ date = 2027-01-01, kind = "holiday", name = "y", name_en = "y", source = "blld-2019" }} ]',
        "years.2027.days_off[1].date",
        "listed twice",
    ),
    (
        "swap without make-up",
        '{head}days_off = [ {{ date = 2027-02-04, kind = "swapped", name = "x", name_en = "x", source = "blld-2019" }} ]',
        "years.2027.days_off[0]",
        "needs the make-up Saturday",
    ),
    (
        "make-up on a weekday",
        '{head}days_off = [ {{ date = 2027-02-04, kind = "swapped", makeup = 2027-02-03, name = "x", name_en = "x", source = "blld-2019" }} ]',
        "years.2027.days_off[0]",
        "is a Wednesday; a make-up working day must be a Saturday or Sunday",
    ),
    (
        "compensatory on a weekend",
        '{head}days_off = [ {{ date = 2027-01-02, kind = "compensatory", name = "x", name_en = "x", source = "blld-2019" }} ]',
        "years.2027.days_off[0]",
        "falls on a weekend",
    ),
    (
        "bad year key",
        "schema_version = 1\n[years.next]\ndays_off = []\n",
        "years.next",
        "a year key must be a year like 2027",
    ),
    (
        "empty year",
        "schema_version = 1\n[years.2027]\ndays_off = []\n",
        "years.2027.days_off",
        "at least 1 item",
    ),
]


@pytest.mark.parametrize(
    ("text", "location", "problem"), [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES]
)
def test_bad_files_say_where_and_what(
    tmp_path: Path, text: str, location: str, problem: str
) -> None:
    path = _write(tmp_path, text.format(head="schema_version = 1\n[years.2027]\n"))
    with pytest.raises(ScheduleDataError) as info:
        OfficialSchedule.from_file(path)
    error = info.value
    assert error.source == str(path)
    assert error.location.startswith(location), error
    assert problem in error.problem, error
    assert str(error).startswith(f"{path}: {error.location}: ")
    assert isinstance(error, ValueError)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScheduleDataError, match="cannot read it"):
        OfficialSchedule.from_file(tmp_path / "absent.toml")


def test_a_make_up_day_cannot_pay_back_two_days(tmp_path: Path) -> None:
    text = (
        "schema_version = 1\n[years.2027]\ndays_off = [\n"
        ' { date = 2027-02-04, kind = "swapped", makeup = 2027-01-30, name = "x",'
        ' name_en = "x", source = "blld-2019" },\n'
        ' { date = 2027-02-05, kind = "swapped", makeup = 2027-01-30, name = "y",'
        ' name_en = "y", source = "blld-2019" },\n]\n'
    )
    with pytest.raises(ScheduleDataError, match="pays back both 2027-02-04 and 2027-02-05"):
        OfficialSchedule.from_file(_write(tmp_path, text))


def test_a_schedule_with_a_gap_is_refused(tmp_path: Path) -> None:
    text = SCHEDULE_2027.replace("[years.2027]", "[years.2028]").replace("2027-", "2028-")
    text = text.replace("2028-01-30", "2028-01-29")  # a Saturday in 2028
    gap = OfficialSchedule.builtin().merge(OfficialSchedule.from_file(_write(tmp_path, text)))
    with pytest.raises(ScheduleDataError, match="years 2027 are missing"):
        WorkingCalendar.vietnam(schedule=gap)


def test_a_schedule_must_start_in_2018(tmp_path: Path) -> None:
    alone = OfficialSchedule.from_file(_write(tmp_path, SCHEDULE_2027))
    with pytest.raises(ScheduleDataError, match="must start in 2018"):
        WorkingCalendar.vietnam(schedule=alone)


def test_merging_checks_make_up_days_across_files(tmp_path: Path) -> None:
    first = OfficialSchedule.from_file(_write(tmp_path, SCHEDULE_2027))
    second_path = tmp_path / "2028.toml"
    second_path.write_text(
        "schema_version = 1\n[years.2028]\ndays_off = [\n"
        ' { date = 2028-01-03, kind = "swapped", makeup = 2027-01-30, name = "x",'
        ' name_en = "x", source = "blld-2019" },\n]\n',
        encoding="utf-8",
    )
    second = OfficialSchedule.from_file(second_path)  # fine on its own
    with pytest.raises(ScheduleDataError, match="pays back both 2027-02-04 and 2028-01-03"):
        OfficialSchedule.builtin().merge(first).merge(second)
