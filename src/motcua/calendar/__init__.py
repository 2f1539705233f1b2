"""The working calendar of Vietnamese state agencies and deadline arithmetic on it."""

from motcua.calendar._calendar import (
    CalendarIdentity,
    EstimatePolicy,
    ScheduleStatus,
    WorkingCalendar,
)
from motcua.calendar._day import CalendarDay, DayKind, DayOff, YearSchedule
from motcua.calendar._deadline import Deadline, DeadlineCalendar
from motcua.calendar._hours import OfficeHours
from motcua.calendar._limits import ProcessingTime
from motcua.calendar._schedule import OfficialSchedule
from motcua.calendar._units import TimeUnit

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
