"""The working calendar of Vietnamese state agencies, built once into an index."""

from __future__ import annotations

import hashlib
import operator
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from motcua._sources import Certainty, LegalSource
from motcua._time import VIETNAM_TZ
from motcua.calendar._deadline import Deadline
from motcua.calendar._estimate import estimate_year
from motcua.calendar._hours import OfficeHours
from motcua.calendar._limits import ProcessingTime, TimeUnit
from motcua.calendar._schedule import CalendarDay, DayKind, DayOff, OfficialSchedule
from motcua.errors import (
    ArgumentTypeError,
    DateOutOfRangeError,
    EstimatedScheduleWarning,
    MissingDependencyError,
    NaiveDatetimeError,
    ScheduleDataError,
    TimeLimitError,
    UnannouncedScheduleError,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TypeAlias

    import numpy as np
    import numpy.typing as npt

    DateArrayLike: TypeAlias = npt.ArrayLike | Sequence[date | str]

__all__ = ["CalendarIdentity", "EstimatePolicy", "ScheduleStatus", "WorkingCalendar"]

FIRST_YEAR = 2018
HORIZON_YEAR = 2060
_UNIX_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_US_PER_HOUR = 3_600_000_000
_ONE_US = timedelta(microseconds=1)

WEEKEND_SOURCE = LegalSource(
    kind="Quyết định",
    number="188/1999/QĐ-TTg",
    title="Chế độ tuần làm việc 40 giờ (nghỉ thứ Bảy và Chủ nhật hằng tuần)",
    issuer="Thủ tướng Chính phủ",
    issued=date(1999, 9, 17),
    url="https://luatvietnam.vn/lao-dong/quyet-dinh-188-1999-qd-ttg-thu-tuong-chinh-phu-9817-d1.html",
    certainty=Certainty.VERIFIED,
)


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


@dataclass(frozen=True, slots=True)
class CalendarIdentity:
    """Which calendar a deadline was counted on: what a stored dossier records.

    Two calendars with the same identity give the same answer to every question; a
    dossier loaded on a calendar of another identity would be counted differently, so
    :meth:`motcua.Dossier.from_dict` refuses it unless asked to recount.

    Attributes:
        calendar_id: The centre's configuration: ``"vn"`` for the national calendar with
            the standard office hours, ``"vn-"`` and a digest of the office hours,
            reception hours and local days off otherwise.
        office_hours: The office sessions, as text (``"07:30-11:30, 13:30-17:30"``).
        schedule_version: The official schedules it carries: the first and last announced
            years and a digest of their days (``"2018-2026.3f9a0c1d"``).
    """

    calendar_id: str
    office_hours: str
    schedule_version: str

    def __str__(self) -> str:
        return f"{self.calendar_id} ({self.office_hours}; schedule {self.schedule_version})"


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


def _identity(
    schedule: OfficialSchedule,
    hours: OfficeHours,
    reception: Mapping[int, OfficeHours],
    extra: tuple[DayOff, ...],
    horizon_year: int,
) -> CalendarIdentity:
    days = sorted(
        (d.date.isoformat(), d.kind.value, d.makeup.isoformat() if d.makeup else "")
        for year in schedule
        for d in schedule[year].days_off
    )
    years = sorted(schedule)
    span = f"{years[0]}-{years[-1]}" if years else "none"
    version = f"{span}.{_digest(*days)[:8]}"
    local = sorted(
        (d.date.isoformat(), d.kind.value, d.makeup.isoformat() if d.makeup else "") for d in extra
    )
    config = (str(hours), sorted((k, str(v)) for k, v in reception.items()), local, horizon_year)
    standard: tuple[object, ...] = (str(OfficeHours.standard()), [], [], HORIZON_YEAR)
    calendar_id = "vn" if config == standard else f"vn-{_digest(*config)[:12]}"
    return CalendarIdentity(calendar_id, str(hours), version)


class WorkingCalendar:
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

    __slots__ = (
        "_announced",
        "_before",
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
        self._np: tuple[Any, Any, Any] | None = None
        extra = tuple(extra_days_off)
        self._identity = _identity(schedule, office_hours, reception_hours, extra, horizon_year)

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
            if info is not None:
                is_working = info.kind.is_working
            else:
                is_working = date.fromordinal(ordinal).weekday() < 5
            if is_working:
                working[i] = 1
                wd.append(ordinal)
            before[i] = len(wd)
        self._working = bytes(working)
        self._before = before
        self._wd = wd
        self._wd_ymd = [date.fromordinal(o).timetuple()[:3] for o in wd]

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
        reception = tuple(sorted((reception_hours or {}).items()))
        for weekday, value in reception:
            if weekday not in (5, 6) or isinstance(weekday, bool):
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
        extra = tuple(extra_days_off)
        for day in extra:
            if not isinstance(day, DayOff):
                raise ArgumentTypeError("extra_days_off", day, expected="DayOff entries")
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

    # -- properties ---------------------------------------------------------------------

    @property
    def identity(self) -> CalendarIdentity:
        """Which calendar this is, as a stored dossier records it (see :class:`CalendarIdentity`).

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
            DateOutOfRangeError: The year is outside the calendar's range.
        """
        if not self._first.year <= year <= self._last.year:
            raise DateOutOfRangeError(
                date(min(max(year, 1), 9999), 1, 1),
                first=self._first,
                last=self._last,
                what="year starting",
            )
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

    # -- days ---------------------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        """Tell whether time limits run on *d*.

        Weekdays are working days unless they are a holiday, a compensatory day, a swapped
        day off or a local day off; Saturdays and Sundays are not, unless they are a
        make-up working day.

        Raises:
            DateOutOfRangeError: *d* is before 2018 or past the estimate horizon.
            UnannouncedScheduleError: *d* is in an estimated year and the policy is RAISE.
        """
        i = self._offset(d)
        ordinal = i + self._first_ord
        if ordinal >= self._estimated_from:
            self._estimated(ordinal, "is_working_day")
        return self._working[i] == 1

    def day(self, d: date) -> CalendarDay:
        """Everything the calendar knows about *d*: its kind, its name and its source."""
        i = self._offset(d)
        ordinal = i + self._first_ord
        info = self._special.get(ordinal)
        if info is not None:
            return info
        estimated = ordinal >= self._estimated_from
        if d.weekday() >= 5:
            return CalendarDay(
                date=d,
                kind=DayKind.WEEKEND,
                name="Nghỉ hằng tuần",
                name_en="weekend",
                source=WEEKEND_SOURCE,
                article="Điều 1",
                certainty=Certainty.VERIFIED,
                estimated=estimated,
            )
        return CalendarDay(
            date=d,
            kind=DayKind.WORKDAY,
            name=None,
            name_en=None,
            source=WEEKEND_SOURCE,
            article="Điều 1",
            certainty=Certainty.ESTIMATED if estimated else Certainty.VERIFIED,
            estimated=estimated,
        )

    def non_working_days(self, start: date, end: date) -> tuple[CalendarDay, ...]:
        """The days from *start* to *end* (inclusive) on which time limits do not run."""
        i, j = self._offset(start), self._offset(end, argument="end")
        first = self._first_ord
        return tuple(
            self.day(date.fromordinal(first + k)) for k in range(i, j + 1) if not self._working[k]
        )

    def special_days(self, start: date, end: date) -> tuple[CalendarDay, ...]:
        """Holidays, swaps, local days off and make-up days from *start* to *end* (inclusive)."""
        lo = self._offset(start) + self._first_ord
        hi = self._offset(end, argument="end") + self._first_ord
        return tuple(info for ordinal, info in sorted(self._special.items()) if lo <= ordinal <= hi)

    def days_off(self, year: int) -> tuple[CalendarDay, ...]:
        """Every holiday, compensatory, swapped and local day off of *year*, in order.

        Holidays that fall on a weekend are included; ordinary weekends are not.
        """
        self.schedule_status(year)
        lo, hi = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        return tuple(
            info
            for ordinal, info in sorted(self._special.items())
            if lo <= ordinal <= hi and not info.kind.is_working
        )

    def makeup_days(self, year: int) -> tuple[CalendarDay, ...]:
        """The make-up Saturdays (*ngày làm bù*) worked in *year*."""
        self.schedule_status(year)
        lo, hi = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        return tuple(
            info
            for ordinal, info in sorted(self._special.items())
            if lo <= ordinal <= hi and info.kind is DayKind.MAKEUP_WORKDAY
        )

    def add_working_days(self, d: date, n: int) -> date:
        """The *n*-th working day after *d* (n ≥ 1) or before it (n ≤ -1).

        *d* itself is never counted, whether or not it is a working day; ``n == 0``
        returns *d*. ``count_working_days(d, add_working_days(d, n)) == n`` always holds.

        >>> from datetime import date
        >>> cal = WorkingCalendar.vietnam()
        >>> cal.add_working_days(date(2025, 4, 25), 1)  # Fri → make-up Saturday 26/4
        datetime.date(2025, 4, 26)
        >>> cal.add_working_days(date(2025, 5, 5), -1)  # Mon → back over 30/4–4/5
        datetime.date(2025, 4, 29)

        Raises:
            DateOutOfRangeError: *d* or the result is outside the calendar's range.
            UnannouncedScheduleError: The result depends on an estimated year and the
                policy is RAISE.
        """
        i = self._offset(d)
        if type(n) is not int:
            n = _as_int(n)
        if n > 0:
            k = self._before[i] + n - 1
        elif n < 0:
            k = self._before[i] - self._working[i] + n
        else:
            return d
        if not 0 <= k < len(self._wd):
            self._overflow(d, n)
        ordinal = self._wd[k]
        origin = i + self._first_ord
        if ordinal >= self._estimated_from or origin >= self._estimated_from:
            self._estimated(min(ordinal, origin), "add_working_days")
        return date.fromordinal(ordinal)

    def count_working_days(self, start: date, end: date) -> int:
        """How many working days lie between *start* and *end*.

        Forward (``end >= start``): the working days d with ``start < d <= end``.
        Backward (``end < start``): minus the working days d with ``end <= d < start``,
        mirroring how :meth:`add_working_days` counts backward, so that
        ``count_working_days(d, add_working_days(d, n)) == n`` for every d and n.

        >>> from datetime import date
        >>> cal = WorkingCalendar.vietnam()
        >>> cal.count_working_days(date(2026, 2, 13), date(2026, 2, 23))  # Tết week
        1
        >>> cal.count_working_days(date(2026, 2, 23), date(2026, 2, 13))
        -1

        Raises:
            DateOutOfRangeError: *start* or *end* is outside the calendar's range.
            UnannouncedScheduleError: An estimated year is involved and the policy is RAISE.
        """
        i, j = self._offset(start), self._offset(end, argument="end")
        top = max(i, j) + self._first_ord
        if top >= self._estimated_from:
            self._estimated(min(i, j) + self._first_ord, "count_working_days")
        before = self._before
        if j >= i:
            return before[j] - before[i]
        working = self._working
        return (before[j] - working[j]) - (before[i] - working[i])

    # -- moments ------------------------------------------------------------------------

    def is_office_hours(self, at: datetime) -> bool:
        """Tell whether *at* falls inside an office session of a working day."""
        local = self._localize(at, "at")
        i = self._offset(local.date(), argument="at")
        if i + self._first_ord >= self._estimated_from:
            self._estimated(i + self._first_ord, "is_office_hours")
        return self._working[i] == 1 and self._hours.contains(local.time())

    def is_valid_appointment(self, at: datetime) -> bool:
        """Tell whether *at* is a moment a citizen can be given to collect a result.

        Inside an office session of a working day, **both ends included**: 17:00 is the
        end of the afternoon session and a valid appointment (motcua's own due times sit
        there), while :meth:`is_office_hours` treats 17:00 as already evening.
        """
        local = self._localize(at, "at")
        i = self._offset(local.date(), argument="at")
        if self._working[i] != 1:
            return False
        clock = local.time().replace(tzinfo=None)
        return any(start <= clock <= end for start, end in self._hours.sessions)

    def is_receiving(self, at: datetime) -> bool:
        """Tell whether the centre receives dossiers at *at*.

        True in office hours, and in the extra reception hours of weekend days (e.g.
        Saturday morning) — except on a weekend that is part of a holiday break, i.e. whose
        Friday before or Monday after is a day off (Tết, 30/4, a swap…): centres close for
        the whole break. Holidays and swapped days off receive nothing.

        Policy (documented in ``docs/calendar.md``): Saturday reception is local practice
        (Hà Nội since 2017, TP.HCM since 2008), not national law; the holiday-break rule
        is motcua's reading of that practice.
        """
        if self.is_office_hours(at):
            return True
        local = self._localize(at, "at")
        hours = self._reception.get(local.weekday())
        if hours is None or not hours.contains(local.time()):
            return False
        i = self._offset(local.date(), argument="at")
        if self.day(local.date()).kind is not DayKind.WEEKEND:
            return False
        weekday = local.weekday()
        friday, monday = i - (weekday - 4), i + (7 - weekday)
        return all(0 <= k < self._ndays and self._working[k] for k in (friday, monday))

    def next_office_time(self, at: datetime) -> datetime:
        """*at* itself if it is in office hours, else the start of the next office session.

        This is where a time limit starts counting for a dossier accepted at *at*.
        """
        local = self._localize(at, "at")
        k, m, moved = self._position(local)
        if self._wd[k] >= self._estimated_from:
            self._estimated(local.toordinal(), "next_office_time")
        return self._combine(k, self._hours.start_clock(m)) if moved else local

    def due_at(self, start: datetime, limit: ProcessingTime) -> Deadline:
        """When *limit*, started at *start*, runs out.

        Rules (each a documented policy, see ``docs/deadlines.md``):

        * A start outside office hours (lunch, evening, weekend, holiday) counts from the
          start of the next office session.
        * N working days: the same office-time position N working days later.
        * N working hours: counted across office sessions and days.
        * Same day with cut-off: accepted by the cut-off → the end of office that day;
          after it → the end of office on the next working day.
        * N calendar days: the end of office on the N-th day after the start date; if that
          day is not a working day, the end of office on the next working day.

        A due time that lands exactly on a session boundary is the end of the earlier
        session (a budget used up at noon is due at 12:00, not 13:00).

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> cal = WorkingCalendar.vietnam()
        >>> monday = datetime(2026, 3, 2, 9, 15, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        >>> cal.due_at(monday, ProcessingTime.working_days(3)).at.isoformat()
        '2026-03-05T09:15:00+07:00'

        Args:
            start: A timezone-aware moment (typically the dossier's acceptance).
            limit: The time limit.

        Raises:
            NaiveDatetimeError: *start* has no time zone.
            DateOutOfRangeError: *start* or the due time is outside the calendar's range.
            UnannouncedScheduleError: The due time depends on an estimated year and the
                policy is RAISE.

        References:
            * Bộ luật Dân sự 91/2015/QH13, Điều 147–148 (calendar-day periods).
            * Nghị định 23/2015/NĐ-CP, Điều 7 as amended (15:00 cut-off for chứng thực).
        """
        if not isinstance(limit, ProcessingTime):
            raise ArgumentTypeError(
                "limit", limit, expected="a ProcessingTime, e.g. ProcessingTime.working_days(3)"
            )
        local = self._localize(start, "start")
        k, m, moved = self._position(local)
        day = self._day_us
        unit = limit.unit
        if unit is TimeUnit.SAME_DAY:
            late = self._late(local, k, m, limit)
            end = (k + 2) * day if late else (k + 1) * day
        elif unit is not TimeUnit.CALENDAR_DAYS and self._late(local, k, m, limit):
            k, m, moved = k + 1, 0, True  # counted from the next working day's opening
        if unit is TimeUnit.WORKING_DAYS:
            end = k * day + m + limit.amount * day
        elif unit is TimeUnit.WORKING_HOURS:
            end = k * day + m + limit.amount * _US_PER_HOUR
        elif unit is TimeUnit.CALENDAR_DAYS:  # from the acceptance date (Civil Code Art. 147)
            target = local.toordinal() + limit.amount - self._first_ord
            if target >= self._ndays:
                self._overflow(local.date(), limit)
            end = (self._before[target] - self._working[target] + 1) * day
        due = self._end_datetime(end + limit.added * day, local, limit)
        top = due.toordinal()
        estimated = top >= self._estimated_from
        if estimated:
            self._estimated(local.toordinal(), "due_at")
        return Deadline(
            start=local,
            counted_from=self._combine(k, self._hours.start_clock(m)) if moved else local,
            at=due,
            limit=limit,
            estimated=estimated,
            calendar=self,
        )

    def _late(self, local: datetime, k: int, m: int, limit: ProcessingTime) -> bool:
        """Whether a dossier received at *local* counts from the next working day.

        It does when received past the limit's cut-off, or in the office day's last hour
        under the last-hour rule (*k*, *m*: the position counting starts at). The
        acceptance time itself is compared when counting starts that same day (a dossier
        received at lunch is compared at its own time), else the time counting starts
        (the next day's opening, never late).
        """
        if self._wd[k] != local.toordinal():
            return False  # received on a day off or after hours: already the next day
        if limit.last_hour and m >= self._day_us - _US_PER_HOUR:
            return True
        cutoff = limit.cutoff
        if cutoff is None:
            return False
        clock = ((local.hour * 60 + local.minute) * 60 + local.second) * 1_000_000
        limit_clock = ((cutoff.hour * 60 + cutoff.minute) * 60 + cutoff.second) * 1_000_000
        return clock + local.microsecond > limit_clock + cutoff.microsecond

    def office_time_between(self, start: datetime, end: datetime) -> timedelta:
        """The office time from *start* to *end* (negative when *end* is earlier).

        Only office sessions of working days count: from Friday 16:00 to Monday 09:00 is
        two hours. This is how much of a time limit passes between two moments.

        Raises:
            NaiveDatetimeError: *start* or *end* has no time zone.
            DateOutOfRangeError: A moment is outside the calendar's range.
        """
        a = self._office_position(self._localize(start, "start"))
        b = self._office_position(self._localize(end, "end"))
        return timedelta(microseconds=b - a)

    def add_office_time(self, start: datetime, duration: timedelta) -> datetime:
        """The moment *duration* of office time after *start*.

        Counting starts at the next office session when *start* is outside one. A result
        on a session boundary is the end of the earlier session (12:00, not 13:00).
        ``add_office_time(a, office_time_between(a, b))`` is *b*, or the end of the
        office session before *b* when *b* is outside office hours.

        Raises:
            NaiveDatetimeError: *start* has no time zone.
            TimeLimitError: *duration* is negative.
            DateOutOfRangeError: The result is outside the calendar's range.
        """
        if not isinstance(duration, timedelta):
            raise ArgumentTypeError("duration", duration, expected="a datetime.timedelta")
        us = duration // _ONE_US
        if us < 0:
            raise TimeLimitError(
                f"cannot add a negative office time ({duration})",
                unit="office time",
                value=duration,
            )
        local = self._localize(start, "start")
        position = self._office_position(local)
        if us == 0:
            k, m, moved = self._position(local)
            return self._combine(k, self._hours.start_clock(m)) if moved else local
        due = self._end_datetime(position + us, local, duration)
        if due.toordinal() >= self._estimated_from:
            self._estimated(local.toordinal(), "add_office_time")
        return due

    def _office_position(self, local: datetime) -> int:
        """Office microseconds since the calendar's first working day, at *local*."""
        k, m, _ = self._position(local)
        return k * self._day_us + m

    # -- vectorised -----------------------------------------------------------------------

    def add_working_days_array(
        self, dates: DateArrayLike, n: npt.ArrayLike
    ) -> npt.NDArray[np.datetime64]:
        """:meth:`add_working_days` over arrays of dates (numpy ``datetime64[D]``).

        *n* is an int or an array broadcastable against *dates*. Needs the ``numpy``
        extra (``pip install 'motcua[numpy]'``).

        Raises:
            MissingDependencyError: numpy is not installed.
            DateOutOfRangeError: A date or result is outside the calendar's range.
        """
        numpy, before, working, wd = self._numpy()
        offsets = self._array_offsets(numpy, dates, "dates")
        steps = numpy.asarray(n)
        if steps.dtype.kind not in "iu":
            raise ArgumentTypeError("n", n, expected="an int or an array of ints")
        steps = steps.astype(numpy.int64, copy=False)
        if steps.ndim == 0:
            # One n for every date: two gathers, no branch arrays.
            step = int(steps)
            if step > 0:
                k = before[offsets] + (step - 1)
            elif step < 0:
                k = before[offsets] - working[offsets] + step
            else:
                k = None
        else:
            b = before[offsets]
            k = numpy.where(steps > 0, b + steps - 1, b - working[offsets] + steps)
        if k is None:
            result = offsets + self._first_ord
        else:
            if k.size and (k.min() < 0 or k.max() >= wd.size):
                bad = int(numpy.argmax((k < 0) | (k >= wd.size)))
                flat_d = numpy.broadcast_to(offsets, k.shape).ravel()[bad]
                flat_n = numpy.broadcast_to(steps, k.shape).ravel()[bad]
                self._overflow(date.fromordinal(int(flat_d) + self._first_ord), int(flat_n))
            result = wd[k]
            if steps.ndim:
                result = numpy.where(steps == 0, offsets + self._first_ord, result)
        if result.size:
            top = int(max(result.max(), offsets.max() + self._first_ord))
            if top >= self._estimated_from:
                low = int(min(result.min(), offsets.min() + self._first_ord))
                self._estimated(low, "add_working_days_array")
        out: npt.NDArray[np.datetime64] = (result - _UNIX_EPOCH_ORDINAL).astype("datetime64[D]")
        return out

    def count_working_days_array(
        self, start: DateArrayLike, end: DateArrayLike
    ) -> npt.NDArray[np.int64]:
        """:meth:`count_working_days` over arrays of dates (numpy ``datetime64[D]``)."""
        numpy, before, working, _wd = self._numpy()
        i = self._array_offsets(numpy, start, "start")
        j = self._array_offsets(numpy, end, "end")
        if i.size and j.size:
            top = int(max(i.max(), j.max())) + self._first_ord
            if top >= self._estimated_from:
                low = int(min(i.min(), j.min())) + self._first_ord
                self._estimated(low, "count_working_days_array")
        forward = before[j] - before[i]
        backward = (before[j] - working[j]) - (before[i] - working[i])
        out: npt.NDArray[np.int64] = numpy.where(j >= i, forward, backward).astype(numpy.int64)
        return out

    # -- internals ----------------------------------------------------------------------

    def _offset(self, d: date, *, argument: str = "d") -> int:
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

    def _overflow(self, d: date, n: int | ProcessingTime | timedelta) -> None:
        if isinstance(n, ProcessingTime):
            what, direction = f"counting {n.describe(lang='en')} from", 1
        elif isinstance(n, timedelta):
            what, direction = f"adding {n} of office time to", 1
        else:
            what, direction = f"counting {n:+d} from", n
        raise DateOutOfRangeError(
            d, first=self._first, last=self._last, what=what, direction=direction
        )

    def _estimated(self, low: int, what: str) -> None:
        """Apply the estimate policy to a result reaching an estimated year from *low* on."""
        if self._estimates is EstimatePolicy.ALLOW:
            return
        year = date.fromordinal(max(low, self._estimated_from)).year
        if self._estimates is EstimatePolicy.RAISE:
            raise UnannouncedScheduleError(year, announced=self._announced, what=what)
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

    def _localize(self, at: datetime, argument: str) -> datetime:
        if not isinstance(at, datetime):
            raise ArgumentTypeError(argument, at, expected="a timezone-aware datetime")
        tz = at.tzinfo
        if tz is self._tz:
            return at
        if tz is None or tz.utcoffset(at) is None:
            raise NaiveDatetimeError(argument, at)
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
            us = (
                (local.hour * 60 + local.minute) * 60 + local.second
            ) * 1_000_000 + local.microsecond
            m, inside = self._hours.locate(us)
            if m < self._day_us:
                return self._before[i] - 1, m, not inside
        k = self._before[i]
        if k >= len(self._wd):
            raise DateOutOfRangeError(
                local.date(),
                first=self._first,
                last=self._last,
                what="the next office session after",
            )
        return k, 0, True

    def _end_datetime(
        self, end: int, local: datetime, limit: ProcessingTime | timedelta
    ) -> datetime:
        k, r = divmod(end - 1, self._day_us)
        if k >= len(self._wd):
            self._overflow(local.date(), limit)
        return self._combine(k, self._hours.end_clock(r + 1))

    def _combine(self, k: int, us: int) -> datetime:
        """The moment *us* microseconds after midnight on working day *k*."""
        year, month, day = self._wd_ymd[k]
        hours, rest = divmod(us, _US_PER_HOUR)
        minutes, rest = divmod(rest, 60_000_000)
        seconds, micro = divmod(rest, 1_000_000)
        return datetime(year, month, day, hours, minutes, seconds, micro, tzinfo=self._tz)

    def _numpy(self) -> tuple[Any, Any, Any, Any]:
        try:
            import numpy as np  # noqa: PLC0415 - optional dependency, imported on first use
        except ImportError as exc:
            raise MissingDependencyError(
                feature="vectorised working-day arithmetic", package="numpy", extra="numpy"
            ) from exc
        if self._np is None:
            self._np = (
                np.asarray(self._before, dtype=np.int64),
                np.frombuffer(self._working, dtype=np.uint8).astype(np.int64),
                np.asarray(self._wd, dtype=np.int64),
            )
        return (np, *self._np)

    def _array_offsets(self, np: Any, values: DateArrayLike, argument: str) -> Any:
        array = np.asarray(values)
        if array.dtype.kind == "M":
            array = array.astype("datetime64[D]")
        else:
            try:
                array = array.astype("datetime64[D]")
            except (TypeError, ValueError) as exc:
                raise ArgumentTypeError(
                    argument, values, expected="an array of dates (datetime64[D])"
                ) from exc
        if np.isnat(array).any():
            index = int(np.argmax(np.isnat(array).ravel()))
            raise ArgumentTypeError(
                f"{argument}[{index}]", "NaT", expected="a date (NaT, not-a-time, has no answer)"
            )
        offsets = array.astype(np.int64) + (_UNIX_EPOCH_ORDINAL - self._first_ord)
        if offsets.size:
            lo, hi = int(offsets.min()), int(offsets.max())
            if lo < 0 or hi >= self._ndays:
                bad = lo if lo < 0 else hi
                raise DateOutOfRangeError(
                    date.fromordinal(bad + self._first_ord), first=self._first, last=self._last
                )
        return offsets

    def __repr__(self) -> str:
        span = f"{self._announced[0]}-{self._announced[-1]}" if self._announced else "none"
        return (
            f"<WorkingCalendar Vietnam office_hours='{self._hours}' announced={span} "
            f"estimates={self._estimates.value}>"
        )


def _as_int(n: object) -> int:
    """Accept any integer type (numpy's too), refuse floats, strings and bools."""
    if isinstance(n, bool):
        raise ArgumentTypeError("n", n, expected="an int number of working days")
    try:
        return operator.index(n)  # type: ignore[arg-type]
    except TypeError:
        raise ArgumentTypeError("n", n, expected="an int number of working days") from None


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
