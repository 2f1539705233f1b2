"""The golden files' content, computed from this release (see :mod:`motcua.golden`)."""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, time, timedelta
from importlib import resources
from pathlib import Path

from motcua._time import VIETNAM_TZ
from motcua.calendar import EstimatePolicy, OfficeHours, ProcessingTime, WorkingCalendar

__all__ = ["FILES", "calendar_days", "due_cases", "shipped", "write"]

FILES = ("calendar-days.csv", "due-cases.csv")
"""The golden files, by name."""

_SEED = 20260101
_CASES = 2_000
_HOURS = (None, "07:30-11:30, 13:30-17:00", "07:00-11:00, 13:30-17:00")
_LIMITS = (
    "1 working day",
    "3 working days",
    "5 working days",
    "10 working days",
    "15 working days",
    "20 working days",
    "4 working hours",
    "8 working hours",
    "16 working hours",
    "15 calendar days",
    "30 calendar days",
    "same day",
    "same day, cut-off 16:00",
    "same day, no cut-off",
)


def _calendar(hours: str | None) -> WorkingCalendar:
    office = None if hours is None else OfficeHours.parse(hours)
    return WorkingCalendar.vietnam(office_hours=office, estimates=EstimatePolicy.ALLOW)


def calendar_days() -> str:
    """``calendar-days.csv``: one row per day of the national calendar, 2018 to its horizon."""
    calendar = _calendar(None)
    version = calendar.identity.schedule_version
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["date", "working", "kind", "source", "certainty", "estimated", "schedule_version"]
    )
    day = calendar.first_date
    while day <= calendar.last_date:
        info = calendar.day(day)
        writer.writerow(
            [
                day.isoformat(),
                int(info.is_working),
                info.kind.value,
                info.source.number,
                info.certainty.value,
                int(info.estimated),
                version,
            ]
        )
        day += timedelta(days=1)
    return out.getvalue()


def due_cases() -> str:
    """``due-cases.csv``: seeded starts and limits with motcua's due time for each."""
    rng = random.Random(_SEED)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["start", "limit", "office_hours", "counted_from", "due_at", "estimated"])
    first = datetime(2018, 1, 1, tzinfo=VIETNAM_TZ)
    span = (datetime(2027, 12, 1, tzinfo=VIETNAM_TZ) - first).days
    calendars = {hours: _calendar(hours) for hours in _HOURS}
    for _ in range(_CASES):
        day = first.date() + timedelta(days=rng.randrange(span))
        moment = datetime.combine(day, time(rng.randrange(6, 19), rng.choice((0, 15, 30, 40, 59))))
        start = moment.replace(tzinfo=VIETNAM_TZ)
        text = rng.choice(_LIMITS)
        hours = rng.choice(_HOURS)
        deadline = calendars[hours].due_at(start, ProcessingTime.parse(text))
        writer.writerow(
            [
                start.isoformat(),
                text,
                hours or "08:00-12:00, 13:00-17:00",
                deadline.counted_from.isoformat(),
                deadline.at.isoformat(),
                int(deadline.estimated),
            ]
        )
    return out.getvalue()


def shipped(name: str) -> str:
    """The text of the golden file *name* as shipped in this package."""
    if name not in FILES:
        raise KeyError(name)
    return resources.files("motcua.golden").joinpath(name).read_text(encoding="utf-8")


def write(directory: Path | None = None) -> list[Path]:
    """(Re)write the golden files (into the package when *directory* is None)."""
    folder = directory or Path(__file__).parent
    written = []
    for name, build in zip(FILES, (calendar_days, due_cases), strict=True):
        path = folder / name
        path.write_text(build(), encoding="utf-8", newline="")
        written.append(path)
    return written
