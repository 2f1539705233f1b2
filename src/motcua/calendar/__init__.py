"""The working calendar of Vietnamese state agencies and deadline arithmetic on it."""

from motcua.calendar._calendar import (
    CalendarIdentity,
    EstimatePolicy,
    ScheduleStatus,
    WorkingCalendar,
)
from motcua.calendar._deadline import Deadline, DeadlineCalendar
from motcua.calendar._hours import OfficeHours
from motcua.calendar._limits import ProcessingTime, TimeUnit
from motcua.calendar._schedule import CalendarDay, DayKind, DayOff, OfficialSchedule, YearSchedule

__all__ = [
    "CalendarDay",
    "CalendarIdentity",
    "DayKind",
    "DayOff",
    "Deadline",
    "DeadlineCalendar",
    "EstimatePolicy",
    "OfficeHours",
    "OfficialSchedule",
    "ProcessingTime",
    "ScheduleStatus",
    "TimeUnit",
    "WorkingCalendar",
    "YearSchedule",
]
