"""One definition of "in office hours", at the very edges of the sessions.

Office hours are half-open: the opening instant is in, the closing instant is not (12:00
is lunch, 17:00 evening). An appointment may also sit exactly on a session's end, where
motcua's own due times are; nothing else differs between the two questions.
"""

from __future__ import annotations

from datetime import datetime, time

import pytest

from helpers import VN
from motcua import ProcessingTime, WorkingCalendar

LAST = 999_999  # the last microsecond of a second


def at(hour: int, minute: int = 0, second: int = 0, micro: int = 0) -> datetime:
    """A moment on Monday 02/03/2026, an ordinary working day."""
    return datetime(2026, 3, 2, hour, minute, second, micro, tzinfo=VN)


@pytest.mark.parametrize(
    ("moment", "office", "appointment"),
    [
        (at(7, 59, 59, LAST), False, False),
        (at(8), True, True),
        (at(11, 59, 59, LAST), True, True),
        (at(12), False, True),
        (at(12, 0, 0, 1), False, False),
        (at(12, 59, 59, LAST), False, False),
        (at(13), True, True),
        (at(16, 59, 59, LAST), True, True),
        (at(17), False, True),
        (at(17, 0, 0, 1), False, False),
    ],
    ids=[
        "before-opening",
        "opening",
        "end-of-morning",
        "noon",
        "after-noon",
        "end-of-lunch",
        "afternoon-opening",
        "end-of-afternoon",
        "closing",
        "after-closing",
    ],
)
def test_office_hours_and_appointments_at_the_boundaries(
    cal: WorkingCalendar, moment: datetime, office: bool, appointment: bool
) -> None:
    assert cal.is_office_hours(moment) is office
    assert cal.is_valid_appointment(moment) is appointment
    assert cal.office_hours.contains(moment.time()) is office
    assert cal.is_receiving(moment) is office  # no weekend reception on a weekday


def test_a_day_off_has_no_office_hours_and_no_appointments(cal: WorkingCalendar) -> None:
    saturday = datetime(2026, 3, 7, 8, tzinfo=VN)
    assert not cal.is_office_hours(saturday)
    assert not cal.is_valid_appointment(saturday)
    assert not cal.is_valid_appointment(saturday.replace(hour=17))


@pytest.mark.parametrize(
    ("moment", "limit", "why"),
    [
        # At noon the morning session is over: lunch, counted from 13:00 the same day.
        (
            at(12),
            ProcessingTime.working_days(3),
            "Received outside office hours; counted from 13:00, 02/03/2026",
        ),
        # At closing time the day is over, whatever rule the limit carries.
        (
            at(17),
            ProcessingTime.working_days(3, last_hour=True),
            "Received outside office hours; counted from 08:00, 03/03/2026",
        ),
        (
            at(16, 59),
            ProcessingTime.working_days(3, last_hour=True),
            "Received in the last office hour; counted from the next working day, 08:00, "
            "03/03/2026",
        ),
        # Lunch after a cut-off: the cut-off is why counting starts the next day.
        (
            at(12),
            ProcessingTime.working_days(3, cutoff=time(11, 30)),
            "Received after the 11:30 cut-off; counted from the next working day, 08:00, "
            "03/03/2026",
        ),
        (
            at(12, 30),
            ProcessingTime.working_days(3, cutoff=time(12)),
            "Received after the 12:00 cut-off; counted from the next working day, 08:00, "
            "03/03/2026",
        ),
        (
            at(7),
            ProcessingTime.working_days(3),
            "Received outside office hours; counted from 08:00, 02/03/2026",
        ),
        (
            at(18),
            ProcessingTime.working_days(3, cutoff=time(15)),
            "Received outside office hours; counted from 08:00, 03/03/2026",
        ),
    ],
    ids=[
        "noon",
        "closing",
        "last-hour",
        "noon-after-cutoff",
        "lunch-after-cutoff",
        "before-opening",
        "evening",
    ],
)
def test_a_deadline_says_why_counting_started_later(
    cal: WorkingCalendar, moment: datetime, limit: ProcessingTime, why: str
) -> None:
    lines = cal.due_at(moment, limit).describe(lang="en").splitlines()
    assert lines[2] == why
