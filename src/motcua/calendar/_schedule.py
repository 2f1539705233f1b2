"""Official schedules: each year's days off and make-up Saturdays, with their sources."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from motcua._sources import Certainty, LegalSource
from motcua._validation import field_path, real_errors, short
from motcua._vn import Lang, check_lang, vn_date, vn_weekday
from motcua.errors import ScheduleDataError

__all__ = ["CalendarDay", "DayKind", "DayOff", "OfficialSchedule", "YearSchedule"]

_BUILTIN = "<builtin>/vn_schedule.toml"


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


# -- the file format -----------------------------------------------------------------


class _EntryRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    date: dt.date
    kind: DayKind
    name: str
    name_en: str
    makeup: dt.date | None = None
    source: str
    article: str | None = None
    certainty: Certainty | None = None
    note: str | None = None


class _YearRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    basis: tuple[str, ...] = ()
    days_off: tuple[_EntryRecord, ...] = Field(min_length=1)


class _FileRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: int = Field(ge=1, le=1)
    sources: dict[str, LegalSource] = {}
    years: dict[int, _YearRecord] = {}


class OfficialSchedule(Mapping[int, YearSchedule]):
    """The sourced table of official schedules, one :class:`YearSchedule` per year.

    The built-in table covers every year from 2018 whose schedule the Government has
    announced. When next year's schedule is announced before motcua ships it, put it in
    a TOML file of the same format (see ``docs/calendar.md``) and merge it:

    >>> schedule = OfficialSchedule.builtin()
    >>> min(schedule), 2026 in schedule
    (2018, True)
    >>> [d.date.isoformat() for d in schedule[2026].days_off if d.kind is DayKind.SWAPPED]
    ['2026-01-02', '2026-08-31']

    A mapping from year to :class:`YearSchedule`; immutable.
    """

    __slots__ = ("_sources", "_years")

    def __init__(
        self, years: Mapping[int, YearSchedule], *, sources: Mapping[str, LegalSource]
    ) -> None:
        self._years = dict(sorted(years.items()))
        self._sources = dict(sources)

    @classmethod
    def builtin(cls) -> OfficialSchedule:
        """Return the table shipped with motcua."""
        return _builtin()

    @classmethod
    def from_file(cls, path: str | Path) -> OfficialSchedule:
        """Load a schedule file (TOML), validating every entry before returning any.

        The file may cite the built-in sources by their identifiers (``blld-2019``…).

        Raises:
            ScheduleDataError: The file cannot be read, is not TOML, or an entry is wrong;
                the message names the file, the entry and what would be valid.
        """
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ScheduleDataError(
                source=str(path), location="file", problem=f"cannot read it: {exc.strerror}"
            ) from exc
        return _parse(text, origin=str(path), known_sources=_builtin()._sources)

    @property
    def sources(self) -> Mapping[str, LegalSource]:
        """Every document the table cites, by identifier."""
        return dict(self._sources)

    def merge(self, other: OfficialSchedule) -> OfficialSchedule:
        """Return a table with *other*'s years added, replacing years present in both.

        Raises:
            ScheduleDataError: A make-up day would pay back two days off across the files.
        """
        years = {**self._years, **other._years}
        _check_makeup_days(years, origin="merged schedule")
        return OfficialSchedule(years, sources={**self._sources, **other._sources})

    def __getitem__(self, year: int) -> YearSchedule:
        return self._years[year]

    def __iter__(self) -> Iterator[int]:
        return iter(self._years)

    def __len__(self) -> int:
        return len(self._years)

    def __repr__(self) -> str:
        years = list(self._years)
        span = f"{years[0]}-{years[-1]}" if years else "empty"
        return f"<OfficialSchedule {span}>"


@cache
def _builtin() -> OfficialSchedule:
    text = resources.files("motcua.data").joinpath("vn_schedule.toml").read_text("utf-8")
    return _parse(text, origin=_BUILTIN, known_sources={})


def _parse(text: str, *, origin: str, known_sources: Mapping[str, LegalSource]) -> OfficialSchedule:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScheduleDataError(source=origin, location="TOML", problem=str(exc)) from exc
    if isinstance(raw.get("years"), dict):
        # TOML keys are strings; validate "2026" as the integer year it names.
        raw["years"] = {_year_key(k, origin): v for k, v in raw["years"].items()}
    try:
        record = _FileRecord.model_validate(raw)
    except ValidationError as exc:
        location, problem = _explain(exc)
        raise ScheduleDataError(source=origin, location=location, problem=problem) from exc
    sources = {**known_sources, **record.sources}
    years = {
        year: _build_year(year, rec, sources=sources, origin=origin)
        for year, rec in record.years.items()
    }
    _check_makeup_days(years, origin=origin)
    return OfficialSchedule(years, sources=sources)


def _year_key(key: str, origin: str) -> int:
    if not key.isdigit() or not 1900 <= int(key) <= 2200:
        raise ScheduleDataError(
            source=origin, location=f"years.{key}", problem="a year key must be a year like 2027"
        )
    return int(key)


def _build_year(
    year: int, rec: _YearRecord, *, sources: Mapping[str, LegalSource], origin: str
) -> YearSchedule:
    def source(ref: str, where: str) -> LegalSource:
        try:
            return sources[ref]
        except KeyError:
            raise ScheduleDataError(
                source=origin,
                location=f"years.{year}.{where}",
                problem=f"unknown source {ref!r}; known sources: {', '.join(sorted(sources))}",
            ) from None

    basis = tuple(source(ref, f"basis[{i}]") for i, ref in enumerate(rec.basis))
    days: list[DayOff] = []
    seen: dict[date, int] = {}
    for i, entry in enumerate(rec.days_off):
        where = f"years.{year}.days_off[{i}]"
        if entry.date.year != year:
            raise ScheduleDataError(
                source=origin,
                location=f"{where}.date",
                problem=f"{entry.date.isoformat()} is not in {year}",
            )
        if entry.date in seen:
            raise ScheduleDataError(
                source=origin,
                location=f"{where}.date",
                problem=f"{entry.date.isoformat()} is listed twice "
                f"(first at days_off[{seen[entry.date]}]); give each date one entry",
            )
        seen[entry.date] = i
        src = source(entry.source, f"days_off[{i}].source")
        try:
            days.append(
                DayOff(
                    date=entry.date,
                    kind=entry.kind,
                    name=entry.name,
                    name_en=entry.name_en,
                    makeup=entry.makeup,
                    source=src,
                    article=entry.article,
                    certainty=entry.certainty or src.certainty,
                    note=entry.note,
                )
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            raise ScheduleDataError(
                source=origin,
                location=where,
                problem=first["msg"].removeprefix("Value error, "),
            ) from exc
    days.sort(key=lambda d: d.date)
    return YearSchedule(year=year, basis=basis, days_off=tuple(days))


def _check_makeup_days(years: Mapping[int, YearSchedule], *, origin: str) -> None:
    owners: dict[date, date] = {}
    for schedule in years.values():
        for day in schedule.days_off:
            if day.makeup is None:
                continue
            if day.makeup in owners:
                raise ScheduleDataError(
                    source=origin,
                    location=f"years.{schedule.year}",
                    problem=f"make-up day {day.makeup.isoformat()} pays back both "
                    f"{owners[day.makeup].isoformat()} and {day.date.isoformat()}",
                )
            owners[day.makeup] = day.date


def _explain(exc: ValidationError) -> tuple[str, str]:
    """The first real problem's location, and every real problem in words."""
    parts = []
    for e in real_errors(exc):
        text = e["msg"]
        if e["type"] != "missing":
            text += f" (got {short(e.get('input'))})"
        parts.append((field_path(e["loc"], keyed_by_int=("years",)), text))
    location, problem = parts[0]
    for other_location, other_problem in parts[1:]:
        problem += f"; also {other_location}: {other_problem}"
    return location, problem
