"""The due-time rules: when a time limit, started at a moment, runs out."""

from __future__ import annotations

from datetime import datetime

from motcua._time import us_of_day
from motcua.calendar._deadline import Deadline
from motcua.calendar._index import US_PER_HOUR
from motcua.calendar._limits import ProcessingTime
from motcua.calendar._office import OfficeTimeQueries
from motcua.calendar._units import TimeUnit
from motcua.errors import ArgumentTypeError

__all__ = ["DueTimeRules"]


class DueTimeRules(OfficeTimeQueries):
    """The calendar's due-time rules (a part of :class:`motcua.WorkingCalendar`)."""

    __slots__ = ()

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
        >>> from motcua import WorkingCalendar
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
            end = k * day + m + limit.amount * US_PER_HOUR
        elif unit is TimeUnit.CALENDAR_DAYS:  # from the acceptance date (Civil Code Art. 147)
            target = local.toordinal() + limit.amount - self._first_ord
            if target >= self._ndays:
                self._beyond(local.date(), f"counting {limit.describe(lang='en')} from")
            end = (self._before[target] - self._working[target] + 1) * day
        # The due time is the end of the office microsecond that uses the limit up: on a
        # session boundary, the earlier session's end.
        last, into = divmod(end + limit.added * day - 1, day)
        if last >= len(self._wd):
            self._beyond(local.date(), f"counting {limit.describe(lang='en')} from")
        due = self._combine(last, self._hours._end_clock(into + 1))
        estimated = self._wd[last] >= self._estimated_from
        if estimated:
            self._estimated(local.toordinal(), "due_at")
        return Deadline(
            start=local,
            counted_from=self._combine(k, self._hours._start_clock(m)) if moved else local,
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
        if limit.last_hour and m >= self._day_us - US_PER_HOUR:
            return True
        cutoff = limit.cutoff
        return cutoff is not None and us_of_day(local) > us_of_day(cutoff)
