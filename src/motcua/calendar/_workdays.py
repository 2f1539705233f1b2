"""Day queries: which days are working days, what each day is, counting working days."""

from __future__ import annotations

import operator
import warnings
from datetime import date

from motcua._sources import Certainty, LegalSource
from motcua.calendar._day import CalendarDay, DayKind
from motcua.calendar._index import CalendarIndex
from motcua.errors import ArgumentTypeError

__all__ = ["WEEKEND_SOURCE", "DayQueries"]

WEEKEND_SOURCE = LegalSource(
    kind="Quyết định",
    number="188/1999/QĐ-TTg",
    title="Chế độ tuần làm việc 40 giờ (nghỉ thứ Bảy và Chủ nhật hằng tuần)",
    issuer="Thủ tướng Chính phủ",
    issued=date(1999, 9, 17),
    url="https://luatvietnam.vn/lao-dong/quyet-dinh-188-1999-qd-ttg-thu-tuong-chinh-phu-9817-d1.html",
    certainty=Certainty.VERIFIED,
)


class DayQueries(CalendarIndex):
    """The calendar's questions about days (a part of :class:`motcua.WorkingCalendar`)."""

    __slots__ = ()

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
        if i + self._first_ord >= self._check_from and not (
            self._warned[i] and self._warned_under is warnings.filters  # warned already
        ):
            self._estimated(i + self._first_ord, "is_working_day")
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
        >>> from motcua import WorkingCalendar
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
            self._beyond(d, f"counting {n:+d} from", n)
        ordinal = self._wd[k]
        origin = i + self._first_ord
        check = self._check_from
        if ordinal >= check or origin >= check:
            low = origin if origin < ordinal else ordinal
            seen = self._warned[(low if low > check else check) - self._first_ord]
            if not (seen and self._warned_under is warnings.filters):  # warned already
                self._estimated(low, "add_working_days")
        return date.fromordinal(ordinal)

    def count_working_days(self, start: date, end: date) -> int:
        """How many working days lie between *start* and *end*.

        Forward (``end >= start``): the working days d with ``start < d <= end``.
        Backward (``end < start``): minus the working days d with ``end <= d < start``,
        mirroring how :meth:`add_working_days` counts backward, so that
        ``count_working_days(d, add_working_days(d, n)) == n`` for every d and n.

        >>> from datetime import date
        >>> from motcua import WorkingCalendar
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
        if top >= self._check_from:
            self._estimated(min(i, j) + self._first_ord, "count_working_days")
        before = self._before
        if j >= i:
            return before[j] - before[i]
        working = self._working
        return (before[j] - working[j]) - (before[i] - working[i])


def _as_int(n: object) -> int:
    """Accept any integer type (numpy's too), refuse floats, strings and bools."""
    if isinstance(n, bool):
        raise ArgumentTypeError("n", n, expected="an int number of working days")
    try:
        return operator.index(n)  # type: ignore[arg-type]
    except TypeError:
        raise ArgumentTypeError("n", n, expected="an int number of working days") from None
