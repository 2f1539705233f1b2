"""Office time: the moments time limits run in, measured and added across days.

"In office hours" has one definition, :meth:`OfficeHours.contains`: inside a session of
a working day, the session's start included and its end not (08:00 is office hours,
12:00 is lunch, 17:00 evening). An appointment may also sit exactly on a session's end.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from motcua.calendar._day import DayKind
from motcua.calendar._index import US_PER_HOUR
from motcua.calendar._workdays import DayQueries
from motcua.errors import ArgumentTypeError, TimeLimitError

__all__ = ["OfficeTimeQueries"]

_ONE_US = timedelta(microseconds=1)
_US_PER_MINUTE = 60_000_000


class OfficeTimeQueries(DayQueries):
    """The calendar's questions about moments (a part of :class:`motcua.WorkingCalendar`)."""

    __slots__ = ()

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
        clock = local.time()
        return self._hours.contains(clock) or self._hours.ends_session(clock)

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
        return self._combine(k, self._hours._start_clock(m)) if moved else local

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
        k, m, moved = self._position(local)
        if us == 0:
            if self._wd[k] >= self._estimated_from:
                self._estimated(local.toordinal(), "add_office_time")
            return self._combine(k, self._hours._start_clock(m)) if moved else local
        # The end of the office microsecond that uses the duration up: a result on a
        # session boundary is the earlier session's end.
        last, into = divmod(k * self._day_us + m + us - 1, self._day_us)
        if last >= len(self._wd):
            self._beyond(local.date(), f"adding {_office_text(us)} of office time to")
        end = self._combine(last, self._hours._end_clock(into + 1))
        if self._wd[last] >= self._estimated_from:
            self._estimated(local.toordinal(), "add_office_time")
        return end

    def _office_position(self, local: datetime) -> int:
        """Office microseconds since the calendar's first working day, at *local*."""
        k, m, _ = self._position(local)
        return k * self._day_us + m


def _office_text(us: int) -> str:
    """An amount of office time as a reader counts it: ``100 hours``, ``2 hours 30 minutes``."""
    hours, rest = divmod(us, US_PER_HOUR)
    minutes, rest = divmod(rest, _US_PER_MINUTE)
    if rest:
        return str(timedelta(microseconds=us))
    parts = [f"{hours} hour{'' if hours == 1 else 's'}"] if hours else []
    if minutes:
        parts.append(f"{minutes} minute{'' if minutes == 1 else 's'}")
    return " ".join(parts)
