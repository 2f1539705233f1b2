"""Official schedules: each year's days off and make-up Saturdays, with their sources.

The days themselves (:class:`DayOff`, :class:`YearSchedule`) are in ``_day``; this module
is the table of years, the TOML file format it is read from, and its checks.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator, Mapping
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from motcua._bounds import DEFAULT_MAX_DEPTH, InputRefused, check_shape, file_path, read_text
from motcua._sources import Certainty, LegalSource
from motcua._validation import field_path, real_errors, short
from motcua.calendar._day import DayKind, DayOff, YearSchedule
from motcua.errors import ArgumentTypeError, ScheduleDataError

__all__ = ["OfficialSchedule"]

_BUILTIN = "<builtin>/vn_schedule.toml"
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
"""The largest schedule file read unless a caller allows more (4 MiB)."""


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
    def from_file(
        cls,
        path: str | Path,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_depth: int = DEFAULT_MAX_DEPTH,
    ) -> OfficialSchedule:
        """Load a schedule file (TOML), validating every entry before returning any.

        The file may cite the built-in sources by their identifiers (``blld-2019``…).

        Args:
            path: The TOML file.
            max_bytes: Refuse, unread, a file larger than this (default 4 MiB; the
                built-in table of every year is about 30 kB).
            max_depth: Refuse data nested deeper than this many tables and arrays
                (default 32; schedule files use 4).

        Raises:
            ScheduleDataError: The file cannot be read, is too large, is not UTF-8, is not
                TOML, is nested too deeply, or an entry is wrong; the message names the
                file, the entry and what would be valid.
        """
        for name, value in (("max_bytes", max_bytes), ("max_depth", max_depth)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ArgumentTypeError(name, value, expected="a whole number of at least 1")
        path = file_path(path)
        try:
            text = read_text(path, max_bytes=max_bytes)
        except InputRefused as exc:
            raise ScheduleDataError(
                source=str(path), location="file", problem=exc.problem
            ) from None
        return _parse(
            text, origin=str(path), known_sources=_builtin()._sources, max_depth=max_depth
        )

    @property
    def sources(self) -> Mapping[str, LegalSource]:
        """Every document the table cites, by identifier."""
        return dict(self._sources)

    def merge(self, other: OfficialSchedule) -> OfficialSchedule:
        """Return a table with *other*'s years added, replacing years present in both.

        Raises:
            ArgumentTypeError: *other* is not an OfficialSchedule.
            ScheduleDataError: A make-up day would pay back two days off across the files.
        """
        if not isinstance(other, OfficialSchedule):
            raise ArgumentTypeError(
                "other", other, expected="an OfficialSchedule (OfficialSchedule.from_file(...))"
            )
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


def _parse(
    text: str,
    *,
    origin: str,
    known_sources: Mapping[str, LegalSource],
    max_depth: int | None = None,
) -> OfficialSchedule:
    too_deep = (
        f"nested deeper than the limit of {max_depth} levels of tables and arrays; "
        f"pass a larger max_depth= if it is genuine"
    )
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScheduleDataError(source=origin, location="TOML", problem=str(exc)) from None
    except RecursionError:
        raise ScheduleDataError(source=origin, location="file", problem=too_deep) from None
    if max_depth is not None:
        try:
            check_shape(raw, max_depth=max_depth, size=len(text))
        except InputRefused as exc:
            raise ScheduleDataError(source=origin, location="file", problem=exc.problem) from None
    if isinstance(raw.get("years"), dict):
        # TOML keys are strings; validate "2026" as the integer year it names.
        raw["years"] = {_year_key(k, origin): v for k, v in raw["years"].items()}
    try:
        record = _FileRecord.model_validate(raw)
    except ValidationError as exc:
        location, problem = _explain(exc)
        # from None: the message says what pydantic found, and its error holds the input.
        raise ScheduleDataError(source=origin, location=location, problem=problem) from None
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
                problem=f"unknown source {short(ref)}; known sources: {', '.join(sorted(sources))}",
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
            ) from None
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
