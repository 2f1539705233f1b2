"""Shared test helpers: moments in Hà Nội time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from motcua import OfficialSchedule, WorkingCalendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A moment in Hà Nội time."""
    return datetime(year, month, day, hour, minute, tzinfo=VN)


def announced_2027() -> WorkingCalendar:
    """The national calendar with a made-up 2027 (tests/data): Tết Thu 04/02 – Thu 11/02.

    One weekday longer than motcua's estimate.
    """
    path = Path(__file__).parent / "data" / "announced-2027.toml"
    schedule = OfficialSchedule.builtin().merge(OfficialSchedule.from_file(path))
    return WorkingCalendar.vietnam(schedule=schedule)
