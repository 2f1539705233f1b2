"""Time limits (thời hạn giải quyết) as values of their own type."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, StrictBool, StrictInt, model_validator

from motcua._vn import Lang, check_lang
from motcua.calendar._limit_text import read_limit
from motcua.calendar._units import UNIT_EN, TimeUnit
from motcua.errors import ArgumentTypeError, TimeLimitError, _shown

__all__ = ["ProcessingTime"]


class ProcessingTime(BaseModel):
    """A procedure's time limit: an amount in a unit, never a bare number.

    Build one with the constructor named for its unit:

    >>> ProcessingTime.working_days(3)
    ProcessingTime.working_days(3)
    >>> str(ProcessingTime.working_days(3))
    '03 ngày làm việc'
    >>> str(ProcessingTime.same_day())
    'Ngay trong ngày tiếp nhận; nhận sau 15 giờ 00 thì trả trong ngày làm việc tiếp theo'

    A working-day or working-hour limit can have a cut-off too, and a limit can carry
    working days added on top of it (*kéo dài thêm*):

    >>> str(ProcessingTime.working_days(3, cutoff=time(15, 0)))
    '03 ngày làm việc; nhận sau 15 giờ 00 thì tính từ ngày làm việc tiếp theo'
    >>> ProcessingTime.same_day().plus(2).describe(lang="en")
    'same day; received after 15:00: the next working day; plus 2 working days'

    How each unit becomes a due time is the calendar's job: see
    :meth:`motcua.WorkingCalendar.due_at`.

    References:
        * Nghị định 23/2015/NĐ-CP, Art. 7 as amended (chứng thực: requests received after
          15:00 are answered the next working day); QĐ 2637/QĐ-UBND Vĩnh Long, 16/11/2025,
          item 2.000815 ("kéo dài thêm không quá 02 ngày làm việc").
        * Liên thông 2.002621 (khai sinh – thường trú – BHYT): "nộp sau 15 giờ thì tính từ
          ngày làm việc hôm sau" (a published guide; certainty secondary).
        * Nghị định 297/2025/NĐ-CP (hộ kinh doanh): a dossier received in the last office
          hour counts from the next working day (as quoted; certainty secondary).
        * Bộ luật Dân sự 2015, Art. 147–148 (periods counted in calendar days).

    Attributes:
        unit: What is counted.
        amount: How many (0 for :attr:`TimeUnit.SAME_DAY`).
        cutoff: Dossiers received after this wall-clock time are counted from the next
            working day (same day: due at the end of the next working day). ``None``: no
            cut-off. Not for calendar-day limits (a calendar day counts whole).
        last_hour: Dossiers received in the last hour of the office day (or later) are
            counted from the next working day — the rule for the centre's own closing
            time, whatever its office hours.
        added: Working days added **on top** of the limit (*kéo dài thêm N ngày làm
            việc*): the due time is the base limit's, then *added* working days later.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    unit: TimeUnit
    amount: StrictInt = 0
    cutoff: time | None = None
    last_hour: StrictBool = False
    added: StrictInt = 0

    @model_validator(mode="after")
    def _check(self) -> Self:
        _validate(self.unit, self.amount, self.cutoff)
        _validate_rest(self.unit, self.cutoff, self.last_hour, self.added)
        return self

    @classmethod
    def working_days(
        cls, n: int, *, cutoff: time | None = None, last_hour: bool = False
    ) -> ProcessingTime:
        """N working days (``NN ngày làm việc``), n ≥ 1.

        Args:
            n: How many.
            cutoff: Received after it → counted from the next working day.
            last_hour: Received in the office day's last hour → the next working day.
        """
        _validate(TimeUnit.WORKING_DAYS, n, cutoff)
        _validate_rest(TimeUnit.WORKING_DAYS, cutoff, last_hour, 0)
        return cls(unit=TimeUnit.WORKING_DAYS, amount=n, cutoff=cutoff, last_hour=last_hour)

    @classmethod
    def working_hours(
        cls, n: int, *, cutoff: time | None = None, last_hour: bool = False
    ) -> ProcessingTime:
        """N working hours (``NN giờ``), counted only inside office sessions, n ≥ 1.

        Args:
            n: How many.
            cutoff: Received after it → counted from the next working day.
            last_hour: Received in the office day's last hour → the next working day.
        """
        _validate(TimeUnit.WORKING_HOURS, n, cutoff)
        _validate_rest(TimeUnit.WORKING_HOURS, cutoff, last_hour, 0)
        return cls(unit=TimeUnit.WORKING_HOURS, amount=n, cutoff=cutoff, last_hour=last_hour)

    def plus(self, days: int) -> ProcessingTime:
        """This limit with *days* working days added on top (*kéo dài thêm*), days ≥ 1.

        >>> ProcessingTime.same_day().plus(2).added
        2

        Raises:
            TimeLimitError: *days* is not a whole number from 1 to 99,999.
        """
        _validate(TimeUnit.WORKING_DAYS, days, None)
        return self.model_copy(update={"added": self.added + days})

    @property
    def base(self) -> ProcessingTime:
        """The limit without the working days added on top."""
        return self.model_copy(update={"added": 0}) if self.added else self

    def office_time(self, day: timedelta) -> timedelta | None:
        """The limit as office time, when one working day is *day* of it.

        N working hours are N hours; N working days are N times *day*; a same-day limit
        is one *day*. Calendar days have no office-time measure: None. The working days
        added on top (:meth:`plus`) are not included. Give a centre's own day
        (``calendar.office_hours.length``): a working day is 8 hours only for the
        standard 08:00–12:00, 13:00–17:00.

        >>> from datetime import timedelta
        >>> day = timedelta(hours=7, minutes=30)  # 07:30-11:30, 13:30-17:00
        >>> ProcessingTime.working_days(2).office_time(day)
        datetime.timedelta(seconds=54000)
        >>> ProcessingTime.working_hours(4).office_time(day)
        datetime.timedelta(seconds=14400)
        >>> ProcessingTime.calendar_days(15).office_time(day) is None
        True

        Raises:
            ArgumentTypeError: *day* is not a ``timedelta``.
        """
        if not isinstance(day, timedelta):
            raise ArgumentTypeError(
                "day", day, expected="a timedelta, e.g. calendar.office_hours.length"
            )
        if self.unit is TimeUnit.WORKING_HOURS:
            return timedelta(hours=self.amount)
        if self.unit is TimeUnit.WORKING_DAYS:
            return day * self.amount
        if self.unit is TimeUnit.SAME_DAY:
            return day
        return None

    @classmethod
    def calendar_days(cls, n: int) -> ProcessingTime:
        """N calendar days (``NN ngày``), n ≥ 1."""
        _validate(TimeUnit.CALENDAR_DAYS, n, None)
        return cls(unit=TimeUnit.CALENDAR_DAYS, amount=n)

    @classmethod
    def same_day(cls, cutoff: time | None = time(15, 0)) -> ProcessingTime:
        """The same day (``ngay trong ngày``); after *cutoff*, the next working day.

        Args:
            cutoff: The latest acceptance time still answered the same day (inclusive);
                ``None`` when the procedure is always answered the same day.
        """
        _validate(TimeUnit.SAME_DAY, 0, cutoff)
        return cls(unit=TimeUnit.SAME_DAY, cutoff=cutoff)

    @classmethod
    def parse(cls, text: str) -> ProcessingTime:
        """A limit as people write it, in English or Vietnamese (with or without diacritics).

        >>> ProcessingTime.parse("3 working days"), ProcessingTime.parse("8 giờ làm việc")
        (ProcessingTime.working_days(3), ProcessingTime.working_hours(8))
        >>> ProcessingTime.parse("15 ngay"), ProcessingTime.parse("same day, cut-off 16:00")
        (ProcessingTime.calendar_days(15), ProcessingTime.same_day(cutoff=datetime.time(16, 0)))
        >>> ProcessingTime.parse("3 ngày làm việc, sau 15h00")
        ProcessingTime.working_days(3, cutoff=datetime.time(15, 0))
        >>> ProcessingTime.parse("same day, plus 2 working days")
        ProcessingTime.same_day(cutoff=datetime.time(15, 0)).plus(2)

        Forms: ``N working days`` / ``N ngày làm việc``; ``N working hours`` / ``N giờ``;
        ``N calendar days`` / ``N ngày``; ``same day`` / ``trong ngày`` (cut-off 15:00),
        ``same day, cut-off HH:MM``, ``same day, no cut-off``; after a working-day or
        working-hour limit ``cut-off HH:MM`` (``sau HHhMM``) and ``last hour``
        (``giờ cuối``); after any limit ``plus N working days`` (``thêm N ngày làm việc``).

        Raises:
            TimeLimitError: The text is none of these forms, or the amount is impossible.
        """
        if not isinstance(text, str):
            raise TimeLimitError(
                f"a time limit is text like '3 working days', not {_shown(text)}",
                unit="?",
                value=text,
            )
        written = read_limit(text)
        unit, n, cutoff = written.unit, written.amount, written.cutoff
        if unit is TimeUnit.SAME_DAY:
            if written.no_cutoff:
                limit = cls.same_day(cutoff=None)
            else:
                limit = cls.same_day() if cutoff is None else cls.same_day(cutoff=cutoff)
        elif unit is TimeUnit.CALENDAR_DAYS:
            if cutoff is not None:
                _validate(unit, n, cutoff)  # refuses it, saying why
            limit = cls.calendar_days(n)
        else:
            build = cls.working_days if unit is TimeUnit.WORKING_DAYS else cls.working_hours
            limit = build(n, cutoff=cutoff)  # the amount is checked here: a motcua error
        if written.last_hour:
            limit = _rebuilt(limit, last_hour=True)
        return limit if written.added is None else limit.plus(written.added)

    def describe(self, *, lang: Lang = "vi") -> str:
        """The limit as a procedure record states it, in Vietnamese or English.

        >>> ProcessingTime.working_days(3).describe(lang="en")
        '3 working days'
        >>> ProcessingTime.same_day().describe(lang="en")
        'same day; received after 15:00: the next working day'
        >>> ProcessingTime.working_days(3, last_hour=True).describe(lang="en")
        '3 working days; received in the last office hour: counted from the next working day'
        """
        lang = check_lang(lang)
        vi = lang == "vi"
        parts = [self._describe_base(vi)]
        if self.unit is not TimeUnit.SAME_DAY and self.cutoff is not None:
            parts.append(
                f"nhận sau {self.cutoff.hour:02d} giờ {self.cutoff.minute:02d} thì tính từ "
                f"ngày làm việc tiếp theo"
                if vi
                else f"received after {self.cutoff:%H:%M}: counted from the next working day"
            )
        if self.last_hour:
            parts.append(
                "nhận trong giờ làm việc cuối cùng của ngày thì tính từ ngày làm việc tiếp theo"
                if vi
                else "received in the last office hour: counted from the next working day"
            )
        if self.added:
            parts.append(
                f"kéo dài thêm {self.added:02d} ngày làm việc"
                if vi
                else f"plus {self.added} working day{'s' if self.added != 1 else ''}"
            )
        return "; ".join(parts)

    def _describe_base(self, vi: bool) -> str:
        if not vi:
            if self.unit is TimeUnit.SAME_DAY:
                if self.cutoff is None:
                    return "same day"
                return f"same day; received after {self.cutoff:%H:%M}: the next working day"
            noun = UNIT_EN[self.unit]
            if self.amount == 1:
                noun = noun.removesuffix("s")
            return f"{self.amount} {noun}"
        if self.unit is TimeUnit.SAME_DAY:
            if self.cutoff is None:
                return "Ngay trong ngày tiếp nhận"
            return (
                f"Ngay trong ngày tiếp nhận; nhận sau {self.cutoff.hour:02d} giờ "
                f"{self.cutoff.minute:02d} thì trả trong ngày làm việc tiếp theo"
            )
        return f"{self.amount:02d} {self.unit.label}"

    def __str__(self) -> str:
        return self.describe()

    def __repr__(self) -> str:
        if self.unit is TimeUnit.SAME_DAY:
            options = [f"cutoff={self.cutoff!r}"]
        else:
            options = [str(self.amount)]
            if self.cutoff is not None:
                options.append(f"cutoff={self.cutoff!r}")
        if self.last_hour:
            options.append("last_hour=True")
        text = f"ProcessingTime.{self.unit.value}({', '.join(options)})"
        return f"{text}.plus({self.added})" if self.added else text


def _rebuilt(limit: ProcessingTime, **changes: Any) -> ProcessingTime:
    """*limit* with *changes*, validated as a new value."""
    data = {**limit.model_dump(), **changes}
    _validate_rest(limit.unit, data["cutoff"], data["last_hour"], data["added"])
    return limit.model_copy(update=changes)


def _validate(unit: TimeUnit, amount: Any, cutoff: Any) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TimeLimitError(
            f"a {unit.value} time limit needs a whole number, got {_shown(amount)}",
            unit=unit.value,
            value=amount,
        )
    if cutoff is not None and (not isinstance(cutoff, time) or cutoff.tzinfo is not None):
        raise TimeLimitError(
            f"a cut-off must be a wall-clock datetime.time without a time zone, e.g. "
            f"time(15, 0); got {_shown(cutoff)}",
            unit=unit.value,
            value=cutoff,
        )
    if unit is TimeUnit.SAME_DAY:
        if amount != 0:
            raise TimeLimitError(
                f"a same-day time limit has no amount (got {amount}); "
                f"use ProcessingTime.working_days({amount}) for a count of days",
                unit=unit.value,
                value=amount,
            )
        return
    if cutoff is not None and unit is TimeUnit.CALENDAR_DAYS:
        raise TimeLimitError(
            "a calendar-day limit has no cut-off: every calendar day counts whole (Civil "
            "Code Art. 147); give a working-day limit with a cut-off instead",
            unit=unit.value,
            value=cutoff,
        )
    if amount < 1:
        raise TimeLimitError(
            f"a {unit.value} time limit must be at least 1, got {amount}; "
            f"use ProcessingTime.same_day() for a procedure answered the same day",
            unit=unit.value,
            value=amount,
        )


def _validate_rest(unit: TimeUnit, cutoff: Any, last_hour: Any, added: Any) -> None:
    """The rules of the options a limit can carry beside its amount."""
    del cutoff  # checked with the amount
    if not isinstance(last_hour, bool):
        raise TimeLimitError(
            f"last_hour is True or False, got {_shown(last_hour)}", unit=unit.value, value=last_hour
        )
    if last_hour and unit is TimeUnit.CALENDAR_DAYS:
        raise TimeLimitError(
            "a calendar-day limit has no last-hour rule: every calendar day counts whole",
            unit=unit.value,
            value=last_hour,
        )
    if isinstance(added, bool) or not isinstance(added, int) or not 0 <= added <= 99_999:
        raise TimeLimitError(
            f"added working days must be a whole number from 0 to 99,999, got {_shown(added)}",
            unit=unit.value,
            value=added,
        )
