"""Time limits (thời hạn giải quyết) as values of their own type."""

from __future__ import annotations

import re
import unicodedata
from datetime import time
from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, StrictInt, model_validator

from motcua.errors import TimeLimitError

__all__ = ["ProcessingTime", "TimeUnit"]


class TimeUnit(StrEnum):
    """The units Vietnamese procedures state their time limits in."""

    WORKING_DAYS = "working_days"
    """``NN ngày làm việc``: the most common unit."""
    WORKING_HOURS = "working_hours"
    """``NN giờ`` (làm việc): counted across office sessions and days."""
    CALENDAR_DAYS = "calendar_days"
    """``NN ngày``: calendar days, counted by the Civil Code rules for periods."""
    SAME_DAY = "same_day"
    """``Ngay trong ngày``: the same day, usually with a cut-off (after 15:00 → next day)."""

    @property
    def label(self) -> str:
        """The Vietnamese name of the unit."""
        return _UNIT_LABELS[self]


_UNIT_LABELS = {
    TimeUnit.WORKING_DAYS: "ngày làm việc",
    TimeUnit.WORKING_HOURS: "giờ làm việc",
    TimeUnit.CALENDAR_DAYS: "ngày",
    TimeUnit.SAME_DAY: "trong ngày",
}

_UNIT_EN = {
    TimeUnit.WORKING_DAYS: "working days",
    TimeUnit.WORKING_HOURS: "working hours",
    TimeUnit.CALENDAR_DAYS: "calendar days",
}


class ProcessingTime(BaseModel):
    """A procedure's time limit: an amount in a unit, never a bare number.

    Build one with the constructor named for its unit:

    >>> ProcessingTime.working_days(3)
    ProcessingTime.working_days(3)
    >>> str(ProcessingTime.working_days(3))
    '03 ngày làm việc'
    >>> str(ProcessingTime.same_day())
    'Ngay trong ngày tiếp nhận; nhận sau 15 giờ 00 thì trả trong ngày làm việc tiếp theo'

    How each unit becomes a due time is the calendar's job: see
    :meth:`motcua.WorkingCalendar.due_at`.

    References:
        * Nghị định 23/2015/NĐ-CP, Art. 7 as amended (chứng thực: requests received after
          15:00 are answered the next working day).
        * Bộ luật Dân sự 2015, Art. 147–148 (periods counted in calendar days).

    Attributes:
        unit: What is counted.
        amount: How many (0 for :attr:`TimeUnit.SAME_DAY`).
        cutoff: For same-day limits: dossiers accepted after this time are due at the end
            of the next working day; ``None`` means always the same day.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    unit: TimeUnit
    amount: StrictInt = 0
    cutoff: time | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        _validate(self.unit, self.amount, self.cutoff)
        return self

    @classmethod
    def working_days(cls, n: int) -> ProcessingTime:
        """N working days (``NN ngày làm việc``), n ≥ 1."""
        _validate(TimeUnit.WORKING_DAYS, n, None)
        return cls(unit=TimeUnit.WORKING_DAYS, amount=n)

    @classmethod
    def working_hours(cls, n: int) -> ProcessingTime:
        """N working hours (``NN giờ``), counted only inside office sessions, n ≥ 1."""
        _validate(TimeUnit.WORKING_HOURS, n, None)
        return cls(unit=TimeUnit.WORKING_HOURS, amount=n)

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

        Forms: ``N working days`` / ``N ngày làm việc``; ``N working hours`` / ``N giờ``;
        ``N calendar days`` / ``N ngày``; ``same day`` / ``trong ngày`` (cut-off 15:00),
        ``same day, cut-off HH:MM``, ``same day, no cut-off``.

        Raises:
            TimeLimitError: The text is none of these forms, or the amount is impossible.
        """
        if not isinstance(text, str):
            raise TimeLimitError(
                f"a time limit is text like '3 working days', not {text!r}",
                unit="?",
                value=text,
            )
        folded = " ".join(_fold(text).replace(",", " ").split())
        for pattern, unit in _FORMS:
            match = pattern.fullmatch(folded)
            if match is None:
                continue
            if unit is TimeUnit.SAME_DAY:
                if match.group("none"):
                    return cls.same_day(cutoff=None)
                hour, minute = match.group("h"), match.group("m")
                if hour is None:
                    return cls.same_day()
                if int(hour) > 23 or int(minute) > 59:
                    raise TimeLimitError(
                        f"cut-off {hour}:{minute} is not a time of day", unit="same_day", value=text
                    )
                return cls.same_day(cutoff=time(int(hour), int(minute)))
            build = {
                TimeUnit.WORKING_DAYS: cls.working_days,
                TimeUnit.WORKING_HOURS: cls.working_hours,
                TimeUnit.CALENDAR_DAYS: cls.calendar_days,
            }[unit]
            return build(int(match.group("n")))  # checked there: a motcua error, not pydantic's
        raise TimeLimitError(
            f"cannot read {text!r} as a time limit; write '3 working days', '8 working hours', "
            f"'15 calendar days', 'same day', 'same day, cut-off 15:00' (or in Vietnamese: "
            f"'3 ngày làm việc', '8 giờ làm việc', '15 ngày', 'trong ngày')",
            unit="?",
            value=text,
        )

    def describe(self, *, lang: str = "vi") -> str:
        """The limit as a procedure record states it, in Vietnamese or English.

        >>> ProcessingTime.working_days(3).describe(lang="en")
        '3 working days'
        >>> ProcessingTime.same_day().describe(lang="en")
        'same day; received after 15:00: the next working day'
        """
        if lang != "vi":
            if self.unit is TimeUnit.SAME_DAY:
                if self.cutoff is None:
                    return "same day"
                return f"same day; received after {self.cutoff:%H:%M}: the next working day"
            noun = _UNIT_EN[self.unit]
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
            return f"ProcessingTime.same_day(cutoff={self.cutoff!r})"
        return f"ProcessingTime.{self.unit.value}({self.amount})"


def _fold(text: str) -> str:
    """Lower case, without Vietnamese diacritics (đ → d)."""
    decomposed = unicodedata.normalize("NFD", text.strip().lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_N = r"(?P<n>[0-9]{1,5})"
_FORMS = (
    (re.compile(rf"{_N} ?(?:working days?|ngay lam viec)"), TimeUnit.WORKING_DAYS),
    (re.compile(rf"{_N} ?(?:working hours?|gio lam viec|gio)"), TimeUnit.WORKING_HOURS),
    (re.compile(rf"{_N} ?(?:calendar days?|ngay)"), TimeUnit.CALENDAR_DAYS),
    (
        re.compile(
            r"(?:same day|(?:ngay )?trong ngay)"
            r"(?: (?:(?P<none>no cut-?off|khong gio chot)"
            r"|(?:cut-?off|after|sau|gio chot) (?P<h>[0-9]{1,2})[:h](?P<m>[0-9]{2})))?"
        ),
        TimeUnit.SAME_DAY,
    ),
)


def _validate(unit: TimeUnit, amount: Any, cutoff: time | None) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TimeLimitError(
            f"a {unit.value} time limit needs a whole number, got {amount!r}",
            unit=unit.value,
            value=amount,
        )
    if unit is TimeUnit.SAME_DAY:
        if amount != 0:
            raise TimeLimitError(
                f"a same-day time limit has no amount (got {amount}); "
                f"use ProcessingTime.working_days({amount}) for a count of days",
                unit=unit.value,
                value=amount,
            )
        if cutoff is not None and (not isinstance(cutoff, time) or cutoff.tzinfo is not None):
            raise TimeLimitError(
                f"a same-day cut-off must be a wall-clock datetime.time without a time "
                f"zone, e.g. time(15, 0); got {cutoff!r}",
                unit=unit.value,
                value=cutoff,
            )
        return
    if cutoff is not None:
        raise TimeLimitError(
            f"only same-day time limits have a cut-off, not {unit.value}",
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
