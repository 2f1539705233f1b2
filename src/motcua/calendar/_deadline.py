"""A computed due time, and the explanation a clerk can give for it."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Protocol

from motcua._sources import Certainty
from motcua._vn import Lang, check_lang, vn_datetime_long
from motcua.calendar._limits import ProcessingTime
from motcua.calendar._units import TimeUnit

if TYPE_CHECKING:
    from motcua.calendar._day import CalendarDay
    from motcua.calendar._hours import OfficeHours

__all__ = ["Deadline", "DeadlineCalendar"]


class DeadlineCalendar(Protocol):
    """What a :class:`Deadline` asks of the calendar it was counted on.

    :class:`motcua.WorkingCalendar` is one; the deadline needs no more of it than this
    to explain itself, so it does not depend on the calendar class.
    """

    @property
    def timezone(self) -> tzinfo:
        """The calendar's time zone."""
        ...

    @property
    def office_hours(self) -> OfficeHours:
        """The office sessions of every working day."""
        ...

    def is_working_day(self, d: date) -> bool:
        """Tell whether time limits run on *d*."""
        ...

    def day(self, d: date) -> CalendarDay:
        """Everything the calendar knows about *d*."""
        ...

    def non_working_days(self, start: date, end: date) -> tuple[CalendarDay, ...]:
        """The days from *start* to *end* (inclusive) on which time limits do not run."""
        ...

    def special_days(self, start: date, end: date) -> tuple[CalendarDay, ...]:
        """Holidays, swaps, local days off and make-up days from *start* to *end*."""
        ...


class Deadline:
    """When a time limit that started at :attr:`start` runs out.

    Returned by :meth:`motcua.WorkingCalendar.due_at`; immutable. Two deadlines are
    equal when their start, counting start, due time, limit and estimate flag are.

    Attributes:
        start: The moment counting was asked to start from (e.g. a dossier's acceptance),
            in the calendar's time zone.
        counted_from: Where counting actually started: *start* itself when it falls in
            office hours, else the start of the next office session.
        at: The due time, timezone-aware, in the calendar's time zone.
        limit: The time limit that was applied.
        estimated: True when the result depends on a year whose official schedule has not
            been announced (see :class:`motcua.EstimatePolicy`).
        calendar: The calendar the due time was computed on.
    """

    # Plain slots behind read-only properties: a frozen dataclass costs about a
    # microsecond more per construction, and due_at sits on every portal page.
    __slots__ = ("_at", "_calendar", "_counted_from", "_estimated", "_limit", "_start")

    def __init__(
        self,
        *,
        start: datetime,
        counted_from: datetime,
        at: datetime,
        limit: ProcessingTime,
        estimated: bool,
        calendar: DeadlineCalendar,
    ) -> None:
        self._start = start
        self._counted_from = counted_from
        self._at = at
        self._limit = limit
        self._estimated = estimated
        self._calendar = calendar

    @property
    def start(self) -> datetime:
        """The moment counting was asked to start from."""
        return self._start

    @property
    def counted_from(self) -> datetime:
        """Where counting started (the next office session for an after-hours start)."""
        return self._counted_from

    @property
    def at(self) -> datetime:
        """The due time, timezone-aware."""
        return self._at

    @property
    def limit(self) -> ProcessingTime:
        """The time limit that was applied."""
        return self._limit

    @property
    def estimated(self) -> bool:
        """True when the due time depends on a year with no official schedule yet."""
        return self._estimated

    @property
    def calendar(self) -> DeadlineCalendar:
        """The calendar the due time was computed on (a :class:`motcua.WorkingCalendar`)."""
        return self._calendar

    def _key(self) -> tuple[datetime, datetime, datetime, ProcessingTime, bool]:
        return (self._start, self._counted_from, self._at, self._limit, self._estimated)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Deadline):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Deadline(start={self._start.isoformat()!r}, at={self._at.isoformat()!r}, "
            f"limit={self._limit!r}, estimated={self._estimated})"
        )

    def explain(self) -> tuple[CalendarDay, ...]:
        """Every non-working day between the start and the due date, in order, and why.

        Each item names the day and its reason: the weekend, the holiday's Vietnamese
        name, or the swap and the document that made it.

        >>> from datetime import datetime, timedelta
        >>> from zoneinfo import ZoneInfo
        >>> from motcua import ProcessingTime, WorkingCalendar
        >>> cal = WorkingCalendar.vietnam()
        >>> start = datetime(2025, 12, 31, 9, 15, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        >>> deadline = cal.due_at(start, ProcessingTime.working_days(3))
        >>> deadline.at.date()
        datetime.date(2026, 1, 7)
        >>> for day in deadline.explain():
        ...     print(day.date, day.kind.value, day.name, day.source.number)
        2026-01-01 holiday Tết Dương lịch 45/2019/QH14
        2026-01-02 swapped Nghỉ hoán đổi dịp Tết Dương lịch 12729/VPCP-KGVX
        2026-01-03 weekend Nghỉ hằng tuần 188/1999/QĐ-TTg
        2026-01-04 weekend Nghỉ hằng tuần 188/1999/QĐ-TTg
        """
        if self._limit.unit is TimeUnit.CALENDAR_DAYS:
            # Every day of a calendar-day period counts; only the days that pushed its end
            # to the next working day (Civil Code Art. 148) are not counted.
            last = self._start.date() + timedelta(days=self._limit.amount)
            return self._calendar.non_working_days(last, self._at.date())
        return self._calendar.non_working_days(self._start.date(), self._at.date())

    def unconfirmed_days(self) -> tuple[CalendarDay, ...]:
        """Days off or make-up days the due time rests on that are not confirmed.

        A holiday, swap or make-up day between the start and the due date whose status
        is only *reported* (24/11/2026) or *estimated* (a year with no
        official schedule): if it turns out otherwise, the due time moves. Empty when the
        due time rests only on verified or secondary sources.
        """
        span = self._calendar.special_days(self._start.date(), self._at.date())
        return tuple(d for d in span if d.certainty in (Certainty.REPORTED, Certainty.ESTIMATED))

    def describe(self, *, lang: Lang = "vi") -> str:
        """A few lines for a receipt or a support ticket: the due time and how it was found."""
        lang = check_lang(lang)
        vi = lang == "vi"
        lines = [
            (
                f"Hẹn trả kết quả: {vn_datetime_long(self.at)}"
                if vi
                else f"Due: {self.at:%H:%M, %d/%m/%Y}"
            ),
            (
                f"Thời hạn giải quyết: {self.limit}"
                if vi
                else f"Time limit: {self.limit.describe(lang='en')}"
            ),
        ]
        if self.counted_from != self.start:
            lines.append(self._why_later(vi))
        elif self._limit.unit is TimeUnit.SAME_DAY and self._after_same_day_cutoff():
            cutoff = self._limit.cutoff
            assert cutoff is not None
            lines.append(
                f"Nhận sau {cutoff.hour:02d} giờ {cutoff.minute:02d}, trả trong ngày làm việc "
                f"tiếp theo"
                if vi
                else f"Received after the {cutoff:%H:%M} cut-off; due on the next working day"
            )
        boundary = self._boundary(vi)
        if boundary:
            lines.append(boundary)
        skipped = self.explain()
        if skipped:
            if self._limit.unit is TimeUnit.CALENDAR_DAYS:
                lines.append(
                    "Ngày cuối của thời hạn là ngày nghỉ, chuyển sang ngày làm việc tiếp theo:"
                    if vi
                    else "The period's last day is a day off; it ends on the next working day:"
                )
            else:
                lines.append("Không tính các ngày:" if vi else "Days not counted:")
            lines.extend(f"  - {day.describe(lang=lang)}" for day in skipped)
        if self.estimated:
            lines.append(
                "Lưu ý: lịch nghỉ của năm này chưa được công bố, ngày hẹn là dự kiến."
                if vi
                else "Note: this year's official schedule is not announced; the date is estimated."
            )
        return "\n".join(lines)

    def _after_same_day_cutoff(self) -> bool:
        """Whether a same-day limit's start came after its cut-off on a working day."""
        cutoff = self._limit.cutoff
        start = self._start.astimezone(self._calendar.timezone)
        return (
            cutoff is not None
            and self._calendar.is_working_day(start.date())
            and start.time().replace(tzinfo=None) > cutoff
        )

    def _moved_to_next_day(self) -> bool:
        """Whether a cut-off or the last-hour rule moved counting past the start's own day.

        Counting would have started that day (at the start, or at the next session of the
        day) when the start is on a working day before the office day ends; it started on
        a later day only because a rule said so.
        """
        start = self._start.astimezone(self._calendar.timezone)
        return (
            self._counted_from.date() > start.date()
            and self._calendar.day(start.date()).is_working
            and start.time() < self._calendar.office_hours.closes
        )

    def _why_later(self, vi: bool) -> str:
        """Why counting started after the start: office hours, a cut-off, the last hour."""
        limit, since = self._limit, self.counted_from
        if limit.unit is not TimeUnit.SAME_DAY and self._moved_to_next_day():
            cutoff = limit.cutoff
            if cutoff is not None and self._start.time() > cutoff:
                return (
                    f"Nhận sau {cutoff.hour:02d} giờ {cutoff.minute:02d}, tính từ ngày làm việc "
                    f"tiếp theo: {vn_datetime_long(since)}"
                    if vi
                    else f"Received after the {cutoff:%H:%M} cut-off; counted from the next "
                    f"working day, {since:%H:%M, %d/%m/%Y}"
                )
            return (
                f"Nhận trong giờ làm việc cuối cùng của ngày, tính từ ngày làm việc tiếp theo: "
                f"{vn_datetime_long(since)}"
                if vi
                else f"Received in the last office hour; counted from the next working day, "
                f"{since:%H:%M, %d/%m/%Y}"
            )
        return (
            f"Tiếp nhận ngoài giờ hành chính, tính từ {vn_datetime_long(since)}"
            if vi
            else f"Received outside office hours; counted from {since:%H:%M, %d/%m/%Y}"
        )

    def _boundary(self, vi: bool) -> str | None:
        """The session-boundary rule, when the due time sits on a session's end."""
        if self._limit.unit not in (TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS):
            return None
        clock = self._at.time()
        if not self._calendar.office_hours.ends_session(clock):
            return None
        return (
            f"Thời hạn hết đúng lúc kết thúc buổi làm việc: hẹn vào {clock:%H} giờ "
            f"{clock:%M} của ngày đó, không chuyển sang đầu buổi làm việc sau (cùng một thời "
            f"điểm tính theo giờ làm việc)"
            if vi
            else f"The limit runs out exactly at the end of a session: due at {clock:%H:%M} "
            f"that day, not at the start of the next session (the same moment in office time)"
        )

    def __str__(self) -> str:
        return vn_datetime_long(self.at)
