"""What a day is for a state agency: its kind, a schedule's days off, the calendar's answer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, model_validator

from motcua._sources import Certainty, LegalSource
from motcua._vn import Lang, check_lang, vn_date, vn_weekday

__all__ = ["DAY_OFF_KINDS", "CalendarDay", "DayKind", "DayOff", "YearSchedule"]


class DayKind(StrEnum):
    """What kind of day a date is for a Vietnamese state agency."""

    WORKDAY = "workday"
    """An ordinary Monday–Friday working day."""
    MAKEUP_WORKDAY = "makeup_workday"
    """A Saturday worked in exchange for a swapped day off (*ngày làm bù*)."""
    WEEKEND = "weekend"
    """Saturday or Sunday."""
    HOLIDAY = "holiday"
    """A public holiday or Tết day (*ngày nghỉ lễ, Tết*), Labour Code Art. 112."""
    COMPENSATORY = "compensatory"
    """A day off in place of a holiday that fell on a weekend (*nghỉ bù*), Art. 111(3)."""
    SWAPPED = "swapped"
    """A weekday off swapped with a make-up Saturday (*nghỉ hoán đổi*)."""
    LOCAL = "local"
    """A day off of one province, centre or agency only."""

    @property
    def label(self) -> str:
        """The Vietnamese name of the kind."""
        return _KIND_LABELS[self]

    @property
    def is_working(self) -> bool:
        """Whether time limits run on a day of this kind."""
        return self in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)


_KIND_LABELS = {
    DayKind.WORKDAY: "ngày làm việc",
    DayKind.MAKEUP_WORKDAY: "ngày làm bù",
    DayKind.WEEKEND: "nghỉ hằng tuần",
    DayKind.HOLIDAY: "nghỉ lễ, Tết",
    DayKind.COMPENSATORY: "nghỉ bù",
    DayKind.SWAPPED: "nghỉ hoán đổi",
    DayKind.LOCAL: "nghỉ theo quyết định của địa phương",
}

DAY_OFF_KINDS = frozenset({DayKind.HOLIDAY, DayKind.COMPENSATORY, DayKind.SWAPPED, DayKind.LOCAL})


class DayOff(BaseModel):
    """One day off in a schedule, with the document that makes it one.

    Holidays that fall on a weekend are listed too, so that an explanation can say
    *why* that Sunday matters (and why the Monday after is off).

    Attributes:
        date: The day.
        kind: ``holiday``, ``compensatory``, ``swapped`` or ``local``.
        name: Its Vietnamese name.
        name_en: Its English name.
        makeup: For a swapped day: the Saturday worked instead.
        source: The document that makes it a day off.
        article: The article of *source* that applies, when it matters.
        certainty: How sure motcua is of this entry.
        note: Anything a reader should know.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    date: dt.date
    kind: DayKind
    name: str
    name_en: str
    makeup: dt.date | None = None
    source: LegalSource
    article: str | None = None
    certainty: Certainty
    note: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.kind not in DAY_OFF_KINDS:
            raise ValueError(
                f"kind must be one of {sorted(k.value for k in DAY_OFF_KINDS)} for a day off, "
                f"got {self.kind.value!r}"
            )
        if self.kind is DayKind.SWAPPED:
            if self.makeup is None:
                raise ValueError("a swapped day off needs the make-up Saturday in 'makeup'")
            if self.makeup.weekday() < 5:
                raise ValueError(
                    f"make-up day {self.makeup.isoformat()} is a "
                    f"{vn_weekday(self.makeup, lang='en')}; a make-up working day must be a "
                    f"Saturday or Sunday"
                )
            if self.date.weekday() >= 5:
                raise ValueError(
                    f"swapped day {self.date.isoformat()} is a weekend day; only a weekday can be "
                    f"swapped for a make-up Saturday"
                )
        elif self.makeup is not None:
            raise ValueError(f"only a swapped day off has a make-up day, not a {self.kind.value}")
        if self.kind is DayKind.COMPENSATORY and self.date.weekday() >= 5:
            raise ValueError(
                f"compensatory day {self.date.isoformat()} falls on a weekend; a compensatory day "
                f"off is a working day given in place of a holiday"
            )
        return self


class YearSchedule(BaseModel):
    """A year's official schedule: every day off of the year and the documents behind it.

    Attributes:
        year: The year.
        basis: The documents that announced the year's Tết days, extra 2/9 day and swaps.
        days_off: Every holiday (including those on a weekend), compensatory day, swapped
            day and local day off, in date order.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int
    basis: tuple[LegalSource, ...] = ()
    days_off: tuple[DayOff, ...]

    @property
    def makeup_days(self) -> tuple[date, ...]:
        """The make-up Saturdays this year's swaps create (they may fall in another year)."""
        return tuple(makeup for d in self.days_off if (makeup := d.makeup) is not None)


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """What a date is for a state agency, and why.

    Returned by :meth:`motcua.WorkingCalendar.day` and listed by
    :meth:`motcua.Deadline.explain`.

    Attributes:
        date: The day.
        kind: Working day, make-up Saturday, weekend, holiday, compensatory, swapped or local.
        name: Vietnamese name of the holiday or swap (``None`` for ordinary days).
        name_en: English name (``None`` for ordinary days).
        source: The document behind the day's status.
        article: The article of *source* that applies.
        certainty: How sure motcua is of the day's status.
        swapped_with: For a swapped day off, its make-up Saturday; for a make-up Saturday,
            the day off it pays back.
        estimated: True when the day's year has no official schedule yet.
    """

    date: dt.date
    kind: DayKind
    name: str | None
    name_en: str | None
    source: LegalSource
    article: str | None
    certainty: Certainty
    swapped_with: dt.date | None = None
    estimated: bool = False

    @property
    def is_working(self) -> bool:
        """Whether time limits run on this day."""
        return self.kind.is_working

    def describe(self, *, lang: Lang = "vi") -> str:
        """One line a clerk can read to a citizen: the day, why, and the document.

        >>> from motcua import WorkingCalendar
        >>> cal = WorkingCalendar.vietnam()
        >>> line = cal.day(date(2026, 1, 2)).describe()
        >>> line.split(" (")[0]
        'Thứ Sáu 02/01/2026: nghỉ hoán đổi, làm bù Thứ Bảy 10/01/2026'
        >>> line.split(" (")[1]
        'Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ)'
        """
        lang = check_lang(lang)
        vi = lang == "vi"
        head = f"{vn_weekday(self.date, lang=lang)} {vn_date(self.date)}: "
        if self.kind is DayKind.SWAPPED and self.swapped_with is not None:
            w = self.swapped_with
            what = (
                f"nghỉ hoán đổi, làm bù {vn_weekday(w)} {vn_date(w)}"
                if vi
                else f"swapped day off, worked on {vn_weekday(w, lang='en')} {vn_date(w)}"
            )
        elif self.kind is DayKind.MAKEUP_WORKDAY and self.swapped_with is not None:
            w = self.swapped_with
            what = (
                f"ngày làm bù cho {vn_weekday(w)} {vn_date(w)}"
                if vi
                else f"make-up working day for {vn_weekday(w, lang='en')} {vn_date(w)}"
            )
        else:
            name = self.name if vi else self.name_en
            what = name or (self.kind.label if vi else self.kind.value.replace("_", " "))
        text = f"{head}{what} ({self.source.cite()}"
        if self.article:
            text += f", {self.article}"
        text += ")"
        if self.estimated:
            text += " [dự kiến]" if vi else " [estimated]"
        return text

    def __str__(self) -> str:
        return self.describe()
