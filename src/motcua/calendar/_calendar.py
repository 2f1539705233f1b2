"""The working calendar of Vietnamese state agencies, built once into an index.

:class:`WorkingCalendar` is put together from parts, each a module of its own:

* ``_index``: what the calendar is built from, the index, and the lookups on it;
* ``_workdays``: days (is it a working day, what is it, counting working days);
* ``_office``: office time (in office hours, measuring and adding office time);
* ``_due``: the due-time rules (:meth:`WorkingCalendar.due_at`);
* ``_vectorised``: the same day arithmetic over numpy arrays.

This module adds how a calendar is built (:meth:`WorkingCalendar.vietnam`, one per
configuration and process).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from motcua.calendar._day import DayOff
from motcua.calendar._due import DueTimeRules
from motcua.calendar._hours import OfficeHours
from motcua.calendar._identity import CalendarIdentity
from motcua.calendar._index import FIRST_YEAR, HORIZON_YEAR, EstimatePolicy, ScheduleStatus
from motcua.calendar._schedule import OfficialSchedule
from motcua.calendar._vectorised import ArrayQueries
from motcua.calendar._workdays import WEEKEND_SOURCE
from motcua.errors import ArgumentTypeError

__all__ = [
    "FIRST_YEAR",
    "HORIZON_YEAR",
    "WEEKEND_SOURCE",
    "CalendarIdentity",
    "EstimatePolicy",
    "ScheduleStatus",
    "WorkingCalendar",
]


class WorkingCalendar(DueTimeRules, ArrayQueries):
    """The calendar on which one-stop time limits are counted.

    Build it with :meth:`vietnam`; it is immutable and safe to share between threads.
    Every answer comes from an index built once, so date arithmetic costs O(1).

    Example:
        >>> from datetime import date
        >>> cal = WorkingCalendar.vietnam()
        >>> cal.is_working_day(date(2026, 1, 2))    # swapped day off
        False
        >>> cal.is_working_day(date(2026, 1, 10))   # the Saturday worked instead
        True
        >>> cal.add_working_days(date(2026, 2, 13), 1)  # Friday before Tết → after Tết
        datetime.date(2026, 2, 23)
    """

    __slots__ = ()

    # -- construction -------------------------------------------------------------------

    @classmethod
    def vietnam(
        cls,
        *,
        office_hours: OfficeHours | None = None,
        reception_hours: Mapping[int, OfficeHours] | None = None,
        extra_days_off: Iterable[DayOff] = (),
        estimates: EstimatePolicy = EstimatePolicy.WARN,
        schedule: OfficialSchedule | None = None,
    ) -> WorkingCalendar:
        """The calendar of Vietnamese state agencies.

        Saturday–Sunday weekend, office hours 08:00–12:00 and 13:00–17:00, time zone
        Asia/Ho_Chi_Minh; statutory holidays from the ``holidays`` package's VN rules,
        overridden wherever motcua's sourced table of official schedules has the year
        (every year 2018–2026): swapped days off, make-up Saturdays, Tết and the extra
        2/9 day as announced. Later years, up to 2060, are estimated.

        Args:
            office_hours: The centre's own sessions, e.g.
                ``OfficeHours.parse("07:30-11:30, 13:30-17:00")``.
            reception_hours: Extra hours the centre *receives* dossiers on days that are
                not working days, by weekday (``{5: OfficeHours.parse("08:00-12:00")}``
                for Saturday mornings). Reception does not make a day count toward time
                limits: a dossier received then is counted from the next office session.
            extra_days_off: Local days off of the province or agency, each with its source.
            estimates: What to do when a result depends on a year with no official
                schedule (default: compute, flag and warn).
            schedule: The official schedules to use (default: the built-in table);
                merge a newer year with ``OfficialSchedule.builtin().merge(...)``.

        Returns:
            A calendar; the default one is built once per process and shared.

        References:
            * Bộ luật Lao động 45/2019/QH14, Điều 111 khoản 3, Điều 112.
            * Quyết định 188/1999/QĐ-TTg (40-hour week, Saturday and Sunday off).
            * Each year's announcements: see :meth:`OfficialSchedule.builtin`.
        """
        hours = office_hours or OfficeHours.standard()
        if not isinstance(hours, OfficeHours):
            raise ArgumentTypeError(
                "office_hours",
                hours,
                expected='an OfficeHours, e.g. OfficeHours.parse("07:30-11:30, 13:30-17:00")',
            )
        if schedule is not None and not isinstance(schedule, OfficialSchedule):
            raise ArgumentTypeError(
                "schedule", schedule, expected="an OfficialSchedule (OfficialSchedule.builtin()...)"
            )
        if reception_hours is not None and not isinstance(reception_hours, Mapping):
            raise ArgumentTypeError(
                "reception_hours",
                reception_hours,
                expected="a mapping of weekend day to OfficeHours, e.g. "
                '{5: OfficeHours.parse("08:00-12:00")}',
            )
        given = tuple((reception_hours or {}).items())
        for weekday, value in given:
            if type(weekday) is not int or weekday not in (5, 6):
                raise ArgumentTypeError(
                    "reception_hours",
                    weekday,
                    expected="keyed by weekend day 5 (Saturday) or 6 (Sunday); on weekdays "
                    "the centre receives in its office hours",
                )
            if not isinstance(value, OfficeHours):
                raise ArgumentTypeError(
                    f"reception_hours[{weekday}]", value, expected="an OfficeHours"
                )
        reception = tuple(sorted(given))
        if isinstance(extra_days_off, str | bytes) or not isinstance(extra_days_off, Iterable):
            raise ArgumentTypeError("extra_days_off", extra_days_off, expected="DayOff entries")
        extra = tuple(extra_days_off)
        for day in extra:
            if not isinstance(day, DayOff):
                raise ArgumentTypeError("extra_days_off", day, expected="DayOff entries")
        if not isinstance(estimates, str) or estimates not in EstimatePolicy._value2member_map_:
            raise ArgumentTypeError(
                "estimates",
                estimates,
                expected=f"an EstimatePolicy ({', '.join(p.value for p in EstimatePolicy)})",
            )
        policy = EstimatePolicy(estimates)
        if schedule is None:
            return _cached_vietnam(hours, reception, extra, policy)
        return cls(
            schedule=schedule,
            office_hours=hours,
            reception_hours=dict(reception),
            extra_days_off=extra,
            estimates=policy,
        )

    def __repr__(self) -> str:
        span = f"{self._announced[0]}-{self._announced[-1]}" if self._announced else "none"
        return (
            f"<WorkingCalendar Vietnam office_hours='{self._hours}' announced={span} "
            f"estimates={self._estimates.value}>"
        )


@lru_cache(maxsize=16)
def _cached_vietnam(
    hours: OfficeHours,
    reception: tuple[tuple[int, OfficeHours], ...],
    extra: tuple[DayOff, ...],
    policy: EstimatePolicy,
) -> WorkingCalendar:
    return WorkingCalendar(
        schedule=OfficialSchedule.builtin(),
        office_hours=hours,
        reception_hours=dict(reception),
        extra_days_off=extra,
        estimates=policy,
    )
