from __future__ import annotations

from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from motcua import ProcessingTime, TimeUnit
from motcua.errors import TimeLimitError


@pytest.mark.parametrize(
    ("limit", "text"),
    [
        (ProcessingTime.working_days(3), "03 ngày làm việc"),
        (ProcessingTime.working_days(15), "15 ngày làm việc"),
        (ProcessingTime.working_hours(2), "02 giờ làm việc"),
        (ProcessingTime.calendar_days(15), "15 ngày"),
        (
            ProcessingTime.same_day(),
            "Ngay trong ngày tiếp nhận; nhận sau 15 giờ 00 thì trả trong ngày làm việc tiếp theo",
        ),
        (ProcessingTime.same_day(cutoff=None), "Ngay trong ngày tiếp nhận"),
    ],
    ids=["3wd", "15wd", "2h", "15 days", "same-day", "immediate"],
)
def test_vietnamese_text(limit: ProcessingTime, text: str) -> None:
    assert str(limit) == text


def test_values_round_trip_through_json() -> None:
    for limit in (
        ProcessingTime.working_days(3),
        ProcessingTime.same_day(cutoff=time(16, 30)),
        ProcessingTime.calendar_days(15),
    ):
        assert ProcessingTime.model_validate_json(limit.model_dump_json()) == limit
    assert ProcessingTime.working_days(3).model_dump() == {
        "unit": "working_days",
        "amount": 3,
        "cutoff": None,
        "last_hour": False,
        "added": 0,
    }
    assert repr(ProcessingTime.working_hours(2)) == "ProcessingTime.working_hours(2)"
    assert TimeUnit.CALENDAR_DAYS.label == "ngày"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: ProcessingTime.working_days(0), "at least 1, got 0"),
        (lambda: ProcessingTime.working_hours(-2), "at least 1, got -2"),
        (lambda: ProcessingTime.calendar_days(1.5), "whole number, got 1.5"),  # type: ignore[arg-type]
        (lambda: ProcessingTime.working_days(True), "whole number"),
        (lambda: ProcessingTime.same_day(cutoff="15:00"), "wall-clock datetime.time"),  # type: ignore[arg-type]
        (
            lambda: ProcessingTime.same_day(cutoff=time(15, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))),
            "without a time zone",
        ),
    ],
    ids=["zero-days", "negative-hours", "fraction", "bool", "string-cutoff", "aware-cutoff"],
)
def test_impossible_limits_are_refused(make: object, message: str) -> None:
    with pytest.raises(TimeLimitError, match=message):
        make()  # type: ignore[operator]


def test_data_that_mixes_units_is_refused() -> None:
    with pytest.raises(ValidationError, match="calendar-day limit has no cut-off"):
        ProcessingTime.model_validate({"unit": "calendar_days", "amount": 3, "cutoff": "15:00"})
    with pytest.raises(ValidationError, match="no last-hour rule"):
        ProcessingTime.model_validate({"unit": "calendar_days", "amount": 3, "last_hour": True})
    with pytest.raises(ValidationError, match="added working days"):
        ProcessingTime.model_validate({"unit": "working_days", "amount": 3, "added": -1})
    with pytest.raises(ValidationError, match="same-day time limit has no amount"):
        ProcessingTime.model_validate({"unit": "same_day", "amount": 2})
    with pytest.raises(ValidationError):
        ProcessingTime.model_validate({"unit": "weeks", "amount": 2})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 working days", ProcessingTime.working_days(3)),
        ("1 working day", ProcessingTime.working_days(1)),
        ("03 ngày làm việc", ProcessingTime.working_days(3)),
        ("3 ngay lam viec", ProcessingTime.working_days(3)),
        ("  8 Working Hours ", ProcessingTime.working_hours(8)),
        ("8 giờ", ProcessingTime.working_hours(8)),
        ("15 calendar days", ProcessingTime.calendar_days(15)),
        ("15 ngày", ProcessingTime.calendar_days(15)),
        ("same day", ProcessingTime.same_day()),
        ("Trong ngày", ProcessingTime.same_day()),
        ("same day, cut-off 16:30", ProcessingTime.same_day(cutoff=time(16, 30))),
        ("trong ngày, sau 15h00", ProcessingTime.same_day(cutoff=time(15, 0))),
        ("same day, no cut-off", ProcessingTime.same_day(cutoff=None)),
    ],
)
def test_limits_are_read_as_people_write_them(text: str, expected: ProcessingTime) -> None:
    assert ProcessingTime.parse(text) == expected


@pytest.mark.parametrize(
    "text", ["3 days", "soon", "0 working days", "same day, cut-off 25:00", ""]
)
def test_unreadable_limits_say_which_forms_are_read(text: str) -> None:
    with pytest.raises(TimeLimitError):
        ProcessingTime.parse(text)


def test_a_limit_as_office_time_on_a_given_office_day() -> None:
    day = timedelta(hours=7, minutes=30)
    assert ProcessingTime.working_days(3).office_time(day) == 3 * day
    assert ProcessingTime.working_days(3, cutoff=time(15)).office_time(day) == 3 * day
    assert ProcessingTime.working_hours(5).office_time(day) == timedelta(hours=5)
    assert ProcessingTime.same_day().office_time(day) == day
    assert ProcessingTime.working_days(1).plus(2).office_time(day) == day  # the base only
    assert ProcessingTime.calendar_days(15).office_time(day) is None
