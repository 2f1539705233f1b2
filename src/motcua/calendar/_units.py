"""The units Vietnamese procedures state their time limits in, and their names."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["UNIT_EN", "TimeUnit"]


class TimeUnit(StrEnum):
    """The units Vietnamese procedures state their time limits in."""

    WORKING_DAYS = "working_days"
    """``NN ngày làm việc``: the most common unit."""
    WORKING_HOURS = "working_hours"
    """``NN giờ`` (làm việc): counted across office sessions and days."""
    CALENDAR_DAYS = "calendar_days"
    """``NN ngày``: calendar days, counted by the Civil Code rules for periods."""
    SAME_DAY = "same_day"
    """``Ngay trong ngày``: the same day, usually with a cut-off (after 15:00 → next day)."""

    @property
    def label(self) -> str:
        """The Vietnamese name of the unit."""
        return _UNIT_LABELS[self]


_UNIT_LABELS = {
    TimeUnit.WORKING_DAYS: "ngày làm việc",
    TimeUnit.WORKING_HOURS: "giờ làm việc",
    TimeUnit.CALENDAR_DAYS: "ngày",
    TimeUnit.SAME_DAY: "trong ngày",
}

UNIT_EN = {
    TimeUnit.WORKING_DAYS: "working days",
    TimeUnit.WORKING_HOURS: "working hours",
    TimeUnit.CALENDAR_DAYS: "calendar days",
}
