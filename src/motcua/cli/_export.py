"""The calendar as data another system reads: JSON, CSV and iCalendar (RFC 5545)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from motcua._text import csv_row
from motcua._vn import Lang, vn_weekday
from motcua.calendar import CalendarDay, WorkingCalendar

__all__ = [
    "CSV_COLUMNS",
    "calendar_csv",
    "calendar_dict",
    "calendar_ics",
    "calendar_json",
    "day_dict",
]

CSV_COLUMNS = (
    "date",
    "weekday",
    "kind",
    "working",
    "name",
    "name_en",
    "swapped_with",
    "source",
    "article",
    "url",
    "certainty",
    "estimated",
    "schedule_version",
)
"""The CSV export's columns, in order; stable across releases."""


def day_dict(day: CalendarDay, calendar: WorkingCalendar, *, lang: Lang = "vi") -> dict[str, Any]:
    """One day as plain JSON types: what it is, why, the document and how sure."""
    source = day.source
    return {
        "date": day.date.isoformat(),
        "weekday": vn_weekday(day.date, lang=lang),
        "working": day.is_working,
        "kind": day.kind.value,
        "kind_label": day.kind.label,
        "name": day.name,
        "name_en": day.name_en,
        "swapped_with": day.swapped_with.isoformat() if day.swapped_with else None,
        "source": {
            "kind": source.kind,
            "number": source.number,
            "issuer": source.issuer,
            "issued": source.issued.isoformat() if source.issued else None,
            "title": source.title,
            "url": source.url,
            "citation": source.cite(),
        },
        "article": day.article,
        "certainty": day.certainty.value,
        "estimated": day.estimated,
        "schedule_version": calendar.identity.schedule_version,
    }


def _days(calendar: WorkingCalendar, first: int, last: int) -> Sequence[CalendarDay]:
    return calendar.special_days(date(first, 1, 1), date(last, 12, 31))


def calendar_dict(
    calendar: WorkingCalendar, first: int, last: int, *, lang: Lang = "vi"
) -> dict[str, Any]:
    """The calendar's identity and every special day of the years *first*–*last*."""
    identity = calendar.identity
    return {
        "calendar_id": identity.calendar_id,
        "office_hours": identity.office_hours,
        "schedule_version": identity.schedule_version,
        "days": [day_dict(d, calendar, lang=lang) for d in _days(calendar, first, last)],
    }


def calendar_json(calendar: WorkingCalendar, first: int, last: int, *, lang: Lang = "vi") -> str:
    """Every holiday, day off and make-up Saturday of the years *first*–*last*, as JSON."""
    data = calendar_dict(calendar, first, last, lang=lang)
    days = data.pop("days")
    return json.dumps(
        {**data, "from": f"{first}-01-01", "to": f"{last}-12-31", "days": days},
        ensure_ascii=False,
        indent=2,
    )


def calendar_csv(calendar: WorkingCalendar, first: int, last: int, *, lang: Lang = "vi") -> str:
    """The same days as CSV, one row each, columns :data:`CSV_COLUMNS`.

    A schedule file's names are text a spreadsheet reads as text (``docs/security.md``).
    """
    lines = [csv_row(CSV_COLUMNS)]
    for day in _days(calendar, first, last):
        row = day_dict(day, calendar, lang=lang)
        lines.append(
            csv_row(
                [
                    row["date"],
                    row["weekday"],
                    row["kind"],
                    row["working"],
                    row["name"] or "",
                    row["name_en"] or "",
                    row["swapped_with"] or "",
                    row["source"]["citation"],
                    row["article"] or "",
                    row["source"]["url"] or "",
                    row["certainty"],
                    row["estimated"],
                    row["schedule_version"],
                ]
            )
        )
    return "".join(lines)


def calendar_ics(calendar: WorkingCalendar, first: int, last: int, *, lang: Lang = "vi") -> str:
    """The same days as an iCalendar file (RFC 5545) an officer can subscribe to.

    One all-day ``VEVENT`` per day, its summary the day's name and its description the
    kind, the document and the certainty; the output is the same for the same calendar
    (stable ``UID`` and ``DTSTAMP``), so subscribers see no spurious changes.
    """
    identity = calendar.identity
    days = _days(calendar, first, last)
    issued = [d.source.issued for d in days if d.source.issued is not None]
    stamp = f"{max(issued, default=date(2018, 1, 1)):%Y%m%d}T000000Z"
    vi = lang == "vi"
    name = "Lịch làm việc cơ quan nhà nước" if vi else "Working calendar of state agencies"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//motcua//Vietnam working calendar//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(name)}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for day in days:
        label = (day.name if vi else day.name_en) or day.kind.label
        kind = day.kind.label if vi else day.kind.value.replace("_", " ")
        why = [
            kind,
            day.source.cite() + (f", {day.article}" if day.article else ""),
            ("mức chắc chắn: " if vi else "certainty: ") + day.certainty.value,
            ("phiên bản lịch: " if vi else "schedule version: ") + identity.schedule_version,
        ]
        if day.swapped_with is not None:
            why.insert(
                1, ("hoán đổi với " if vi else "swapped with ") + f"{day.swapped_with:%d/%m/%Y}"
            )
        lines += [
            "BEGIN:VEVENT",
            f"UID:{day.date:%Y%m%d}-{day.kind.value}@motcua.{identity.calendar_id}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day.date + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_text(label)}",
            f"DESCRIPTION:{_text(chr(10).join(why))}",
            f"CATEGORIES:{_text(day.kind.value)}",
            "TRANSP:TRANSPARENT" if not day.is_working else "TRANSP:OPAQUE",
        ]
        if day.source.url:
            lines.append(f"URL:{day.source.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping (3.3.11)."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str, limit: int = 75) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 3.1)."""
    out: list[str] = []
    current = ""
    size = 0
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            out.append(current)
            current, size = " ", 1  # a continuation line starts with one space
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)
