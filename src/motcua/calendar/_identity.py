"""Which calendar a deadline was counted on: the identity a stored dossier records."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from motcua.calendar._day import DayOff
from motcua.calendar._hours import OfficeHours
from motcua.calendar._schedule import OfficialSchedule

__all__ = ["CalendarIdentity", "calendar_identity"]


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


def calendar_identity(
    schedule: OfficialSchedule,
    hours: OfficeHours,
    *,
    reception: Mapping[int, OfficeHours],
    extra: tuple[DayOff, ...],
    horizon_year: int,
    national_horizon: int,
) -> CalendarIdentity:
    """The identity of the calendar built from these parts.

    The national configuration (standard office hours, no reception hours, no local days
    off, the horizon *national_horizon*) is ``"vn"``; any other is ``"vn-"`` and
    a digest of what differs.
    """
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
    standard: tuple[object, ...] = (str(OfficeHours.standard()), [], [], national_horizon)
    calendar_id = "vn" if config == standard else f"vn-{_digest(*config)[:12]}"
    return CalendarIdentity(calendar_id, str(hours), version)
