"""The calendar's index: every day from 2018 to the horizon, built once, and its lookups.

:class:`CalendarIndex` is the base of :class:`motcua.WorkingCalendar`. It holds what the
calendar was built from (office hours, reception hours, the estimate policy), the index
every question is answered from, and the lookups the other parts share:

* ``_working[i]``: 1 when day *i* (``i = ordinal - _first_ord``) is a working day;
* ``_before[i]``: how many working days there are up to day *i*, inclusive;
* ``_wd[k]``: the ordinal of working day *k*, and ``_wd_ymd[k]`` its (year, month, day);
* ``_special``: the holidays, swaps, local days off and make-up days, by ordinal.

A moment in office time is a *position*: working-day index *k* and office microseconds
*m* into that day, or ``k * _day_us + m`` as one number. The parts built on it:
``_workdays`` (days), ``_office`` (office time), ``_due`` (the due-time rules) and
``_vectorised`` (numpy); ``_calendar`` puts them together.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from motcua._time import VIETNAM_TZ, require_aware, us_of_day
from motcua.calendar._day import CalendarDay, DayKind, DayOff
from motcua.calendar._estimate import estimate_year
from motcua.calendar._hours import OfficeHours
from motcua.calendar._identity import CalendarIdentity, calendar_identity
from motcua.calendar._schedule import OfficialSchedule
from motcua.errors import (
    ArgumentTypeError,
    DateOutOfRangeError,
    EstimatedScheduleWarning,
    ScheduleDataError,
    UnannouncedScheduleError,
)

__all__ = [
    "FIRST_YEAR",
    "HORIZON_YEAR",
    "US_PER_HOUR",
    "CalendarIndex",
    "EstimatePolicy",
    "ScheduleStatus",
]

FIRST_YEAR = 2018
HORIZON_YEAR = 2060
US_PER_HOUR = 3_600_000_000


class EstimatePolicy(StrEnum):
    """What to do when a result depends on a year with no official schedule yet.

    Such a year is estimated from the statutory rules; its Tết days, the extra 2/9 day and
    any swap are only decided later by the Prime Minister.
    """

    WARN = "warn"
    """Compute, flag the result as estimated and emit :class:`EstimatedScheduleWarning`."""
    RAISE = "raise"
    """Refuse with :class:`motcua.errors.UnannouncedScheduleError`."""
    ALLOW = "allow"
    """Compute and flag the result as estimated, silently."""


class ScheduleStatus(StrEnum):
    """Whether a year's days off come from an official announcement or an estimate."""

    ANNOUNCED = "announced"
    """Every day off of the year comes from motcua's sourced table."""
    ESTIMATED = "estimated"
    """The year is computed from the statutory rules; the Government has not announced it."""


class CalendarIndex:
    """The index of working days and office time every calendar question is answered from.

    Not used on its own: :class:`motcua.WorkingCalendar` is this index with its queries.
    """

    __slots__ = (
        "_announced",
        "_before",
        "_check_from",
        "_day_us",
        "_estimated_from",
        "_estimates",
        "_first",
        "_first_ord",
        "_hours",
        "_identity",
        "_last",
        "_ndays",
        "_np",
        "_reception",
        "_special",
        "_tz",
        "_warned",
        "_warned_under",
        "_wd",
        "_wd_ymd",
        "_working",
    )

    def __init__(
        self,
        *,
        schedule: OfficialSchedule,
        office_hours: OfficeHours,
        reception_hours: Mapping[int, OfficeHours],
        extra_days_off: Iterable[DayOff],
        estimates: EstimatePolicy,
        horizon_year: int = HORIZON_YEAR,
    ) -> None:
        announced = tuple(sorted(schedule))
        _check_contiguous(announced)
        self._announced = announced
        self._hours = office_hours
        self._day_us = office_hours._day_us
        self._reception = dict(reception_hours)
        self._estimates = EstimatePolicy(estimates)
        self._tz = VIETNAM_TZ
        self._first = date(FIRST_YEAR, 1, 1)
        self._last = date(horizon_year, 12, 31)
        self._first_ord = self._first.toordinal()
        self._ndays = self._last.toordinal() - self._first_ord + 1
        last_announced = announced[-1] if announced else FIRST_YEAR - 1
        self._estimated_from = date(last_announced + 1, 1, 1).toordinal()
        # From where a result needs the estimate policy applied: never under ALLOW.
        self._check_from = (
            self._estimated_from
            if self._estimates is not EstimatePolicy.ALLOW
            else self._last.toordinal() + 1
        )
        self._np: Any = None  # the numpy tables of _vectorised, built on first use
        self._warned = bytearray(self._ndays)  # per day: its year warned under _warned_under
        self._warned_under: object = None
        extra = tuple(extra_days_off)
        self._identity = calendar_identity(
            schedule,
            office_hours,
            reception=reception_hours,
            extra=extra,
            horizon_year=horizon_year,
            national_horizon=HORIZON_YEAR,
        )

        special: dict[int, CalendarDay] = {}

        def put(day: DayOff, *, estimated: bool) -> None:
            special[day.date.toordinal()] = CalendarDay(
                date=day.date,
                kind=day.kind,
                name=day.name,
                name_en=day.name_en,
                source=day.source,
                article=day.article,
                certainty=day.certainty,
                swapped_with=day.makeup,
                estimated=estimated,
            )
            if day.makeup is not None:
                special[day.makeup.toordinal()] = CalendarDay(
                    date=day.makeup,
                    kind=DayKind.MAKEUP_WORKDAY,
                    name=f"Làm bù cho ngày {day.date:%d/%m/%Y}",
                    name_en=f"Make-up working day for {day.date:%d/%m/%Y}",
                    source=day.source,
                    article=day.article,
                    certainty=day.certainty,
                    swapped_with=day.date,
                    estimated=estimated,
                )

        for year in range(FIRST_YEAR, horizon_year + 1):
            if year in schedule:
                for day in schedule[year].days_off:
                    put(day, estimated=False)
            else:
                for day in estimate_year(year):
                    put(day, estimated=True)
        for day in extra:
            if not self._first <= day.date <= self._last:
                raise DateOutOfRangeError(
                    day.date, first=self._first, last=self._last, what="extra day off"
                )
            put(day, estimated=day.date.toordinal() >= self._estimated_from)
        self._special = special

        working = bytearray(self._ndays)
        before = [0] * self._ndays
        wd: list[int] = []
        for i in range(self._ndays):
            ordinal = self._first_ord + i
            info = special.get(ordinal)
            # Ordinal 1, 1 January of year 1, was a Monday: weekday = (ordinal - 1) % 7.
            is_working = info.kind.is_working if info is not None else (ordinal - 1) % 7 < 5
            if is_working:
                working[i] = 1
                wd.append(ordinal)
            before[i] = len(wd)
        self._working = bytes(working)
        self._before = before
        self._wd = wd
        fromordinal = date.fromordinal
        self._wd_ymd = [(d.year, d.month, d.day) for d in map(fromordinal, wd)]

    # -- what the calendar was built from -----------------------------------------------

    @property
    def identity(self) -> CalendarIdentity:
        """Which calendar this is, as a stored dossier records it (see :class:`CalendarIdentity`).

        >>> from motcua import WorkingCalendar
        >>> WorkingCalendar.vietnam().identity.calendar_id
        'vn'
        >>> centre = WorkingCalendar.vietnam(
        ...     office_hours=OfficeHours.parse("07:30-11:30, 13:30-17:30")
        ... )
        >>> centre.identity.calendar_id.startswith("vn-"), centre.identity.office_hours
        (True, '07:30-11:30, 13:30-17:30')
        """
        return self._identity

    @property
    def office_hours(self) -> OfficeHours:
        """The office sessions of every working day."""
        return self._hours

    @property
    def reception_hours(self) -> Mapping[int, OfficeHours]:
        """Extra hours the centre receives dossiers, by weekday (5: Saturday), if any."""
        return MappingProxyType(self._reception)

    @property
    def timezone(self) -> ZoneInfo:
        """The calendar's time zone (Asia/Ho_Chi_Minh); due times are expressed in it."""
        return self._tz

    @property
    def first_date(self) -> date:
        """The first day the calendar covers (1 January 2018)."""
        return self._first

    @property
    def last_date(self) -> date:
        """The last day the calendar covers (the end of the estimate horizon)."""
        return self._last

    @property
    def announced_years(self) -> tuple[int, ...]:
        """The years whose official schedule motcua carries."""
        return self._announced

    @property
    def estimates(self) -> EstimatePolicy:
        """What the calendar does when a result depends on an estimated year."""
        return self._estimates

    def schedule_status(self, year: int) -> ScheduleStatus:
        """Tell whether *year* is announced or only estimated.

        Raises:
            ArgumentTypeError: The year is not an int.
            DateOutOfRangeError: The year is outside the calendar's range.
        """
        if type(year) is not int:
            raise ArgumentTypeError("year", year, expected="an int year, e.g. 2026")
        if not self._first.year <= year <= self._last.year:
            first, last = self._first, self._last
            day = date(min(max(year, 1), 9999), 1, 1)
            raise DateOutOfRangeError(day, first=first, last=last, what="year starting")
        return ScheduleStatus.ANNOUNCED if year in self._announced else ScheduleStatus.ESTIMATED

    def unannounced_years(self, start: datetime, end: datetime) -> tuple[int, ...]:
        """The years from *start*'s to *end*'s (in the calendar's zone) not yet announced.

        A due time counted from *start* to *end* across one of them is an estimate.

        Raises:
            NaiveDatetimeError: *start* or *end* has no time zone.
        """
        first = self._localize(start, "start").year
        last = self._localize(end, "end").year
        return tuple(y for y in range(first, last + 1) if y not in self._announced)

    # -- lookups the queries share --------------------------------------------------------

    def _offset(self, d: date, *, argument: str = "d") -> int:
        """The index of day *d*; refuses a datetime, a non-date and a day out of range."""
        if type(d) is not date:
            if isinstance(d, datetime):
                raise ArgumentTypeError(
                    argument, d, expected="a date (pass moment.date() for a datetime)"
                )
            if not isinstance(d, date):
                raise ArgumentTypeError(argument, d, expected="a datetime.date")
        i = d.toordinal() - self._first_ord
        if not 0 <= i < self._ndays:
            raise DateOutOfRangeError(d, first=self._first, last=self._last)
        return i

    def _beyond(self, d: date, what: str, direction: int = 1) -> NoReturn:
        """Refuse a computation from *d* that runs off the calendar's range."""
        raise DateOutOfRangeError(
            d, first=self._first, last=self._last, what=what, direction=direction
        )

    def _estimated(self, low: int, what: str) -> None:
        """Apply the estimate policy to a result reaching an estimated year from *low* on."""
        i = (low if low > self._estimated_from else self._estimated_from) - self._first_ord
        # Warned already for this year under the same warning filters: nothing to do. A
        # warning costs more than the answer (2.7 µs for a 0.65 µs add_working_days).
        if self._warned[i] and self._warned_under is warnings.filters:
            return
        if self._estimates is EstimatePolicy.ALLOW:
            return
        year = date.fromordinal(i + self._first_ord).year
        if self._estimates is EstimatePolicy.RAISE:
            raise UnannouncedScheduleError(year, announced=self._announced, what=what)
        # Once per year and calendar under the same filters: a new filter list
        # (warnings.catch_warnings, as pytest.warns uses) starts over; a warning turned
        # into an error is not counted as given, so it is raised again: never silent.
        if self._warned_under is not warnings.filters:
            self._warned_under = warnings.filters  # held: its identity cannot be reused
            self._warned = bytearray(self._ndays)
        warnings.warn(
            EstimatedScheduleWarning(
                f"{what} depends on {year}, whose official schedule has not been announced; "
                f"the result is estimated from the statutory rules (Tết days, the extra 2/9 "
                f"day and swaps are decided each year). Pass estimates=EstimatePolicy.RAISE "
                f"to refuse or EstimatePolicy.ALLOW to silence this.",
                year=year,
            ),
            stacklevel=3,
        )
        first = max(date(year, 1, 1).toordinal(), self._estimated_from) - self._first_ord
        last = min(date(year, 12, 31).toordinal() - self._first_ord, self._ndays - 1)
        self._warned[first : last + 1] = b"\x01" * (last - first + 1)

    def _localize(self, at: datetime, argument: str) -> datetime:
        """*at* in the calendar's zone; refuses what is not an aware datetime."""
        if isinstance(at, datetime) and at.tzinfo is self._tz:
            return at
        require_aware(at, argument)
        try:
            return at.astimezone(self._tz)
        except OverflowError:  # datetime.max in UTC, datetime.min at +14:00…
            raise DateOutOfRangeError(at.date(), first=self._first, last=self._last) from None

    def _position(self, local: datetime) -> tuple[int, int, bool]:
        """Where counting starts: (working-day index, office µs into it, moved?).

        *moved* is True when *local* was outside office hours and counting starts at the
        next session instead.
        """
        i = local.toordinal() - self._first_ord
        if not 0 <= i < self._ndays:
            raise DateOutOfRangeError(local.date(), first=self._first, last=self._last)
        if self._working[i]:
            m, inside = self._hours._locate(us_of_day(local))
            if m < self._day_us:
                return self._before[i] - 1, m, not inside
        k = self._before[i]
        if k >= len(self._wd):
            self._beyond(local.date(), "the next office session after")
        return k, 0, True

    def _combine(self, k: int, us: int) -> datetime:
        """The moment *us* microseconds after midnight on working day *k*."""
        year, month, day = self._wd_ymd[k]
        hours, rest = divmod(us, US_PER_HOUR)
        minutes, rest = divmod(rest, 60_000_000)
        seconds, micro = divmod(rest, 1_000_000)
        return datetime(year, month, day, hours, minutes, seconds, micro, tzinfo=self._tz)


def _check_contiguous(years: tuple[int, ...]) -> None:
    if not years:
        return
    if years[0] != FIRST_YEAR:
        raise ScheduleDataError(
            source="schedule",
            location="years",
            problem=f"the schedule starts in {years[0]}; it must start in {FIRST_YEAR} "
            f"(merge your file into OfficialSchedule.builtin())",
        )
    missing = sorted(set(range(years[0], years[-1] + 1)) - set(years))
    if missing:
        raise ScheduleDataError(
            source="schedule",
            location="years",
            problem=f"years {', '.join(map(str, missing))} are missing between "
            f"{years[0]} and {years[-1]}; a schedule must cover every year without gaps",
        )
