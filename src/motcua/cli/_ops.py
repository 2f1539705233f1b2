"""The operations every interface answers — the command, ``serve --stdio`` — with one shape.

Each operation takes a JSON object's fields and returns a JSON object; the field names are
the same whichever interface asked (docs/interop.md lists them). A refusal is a motcua
error naming the field; :func:`answer` turns it into ``{"ok": false, "error": …}``.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from motcua._sources import Certainty, LegalSource
from motcua._time import require_aware
from motcua._vn import Lang, check_lang
from motcua.api import http_status
from motcua.calendar import (
    DayKind,
    DayOff,
    EstimatePolicy,
    OfficeHours,
    ProcessingTime,
    WorkingCalendar,
)
from motcua.cli._export import calendar_dict, day_dict
from motcua.cli._request import POLICY_FLAGS, checked_id, known_fields
from motcua.dossiers import ClockPolicy, DossierAction, DossierStatus, finished_timeliness
from motcua.errors import (
    ArgumentTypeError,
    DateOutOfRangeError,
    MotcuaError,
)
from motcua.procedures import Catalog

__all__ = [
    "OPERATIONS",
    "QUERY_LIMIT",
    "TEXT_LIMIT",
    "answer",
    "calendar_for",
    "check_years",
    "request_calendar",
]

QUERY_LIMIT = 200
"""The longest search query answered (what people type is far shorter)."""


@lru_cache(maxsize=64)
def calendar_for(office_hours: str | None, days_off: tuple[str, ...] = ()) -> WorkingCalendar:
    """The national calendar, on a centre's office hours and local days off (kept per process).

    Args:
        office_hours: The centre's sessions, ``"07:30-11:30, 13:30-17:00"``.
        days_off: Local days off, each ``"2026-03-10"`` or ``"2026-03-10=Its name"``
            (a province's or agency's own decision; recorded as ``assumed``, since motcua
            has not read its document).

    Estimated years are allowed without a warning: every answer that rests on one says so
    in its own ``estimated`` field.

    Raises:
        OfficeHoursError: *office_hours* cannot be read.
        ArgumentTypeError: A day off cannot be read.
    """
    hours = None if office_hours is None else OfficeHours.parse(office_hours)
    return WorkingCalendar.vietnam(
        office_hours=hours,
        extra_days_off=tuple(_day_off(text) for text in days_off),
        estimates=EstimatePolicy.ALLOW,
    )


_LOCAL = LegalSource(
    kind="Khai báo",
    number="(không số)",
    issuer="đơn vị sử dụng",
    certainty=Certainty.ASSUMED,
    note="a local day off given by the caller; motcua has not read its document",
)


def _day_off(text: str) -> DayOff:
    when, _, name = text.partition("=")
    try:
        day = date.fromisoformat(when.strip())
        return DayOff(
            date=day,
            kind=DayKind.LOCAL,
            name=name.strip() or "Ngày nghỉ của địa phương",
            name_en=name.strip() or "Local day off",
            source=_LOCAL,
            certainty=Certainty.ASSUMED,
        )
    except ValueError:  # pydantic's ValidationError is a ValueError
        raise ArgumentTypeError(
            "days_off", text, expected='a date, "2026-03-10", or "2026-03-10=Its name"'
        ) from None


@lru_cache(maxsize=1024)
def _limit(text: str) -> tuple[ProcessingTime, str, str]:
    """A limit read once per distinct text, with its English and Vietnamese wording."""
    limit = ProcessingTime.parse(text)
    return limit, limit.describe(lang="en"), limit.describe(lang="vi")


TEXT_LIMIT = 1000
"""The longest text field read (a date, a limit, office hours…: all far shorter).

Answers are kept per distinct limit and calendar (``lru_cache``): the bound keeps that
memory small whatever the requests hold, and the errors that echo a field short.
"""


def _text(
    request: dict[str, Any], name: str, *, required: bool = True, limit: int = TEXT_LIMIT
) -> Any:
    value = request.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise ArgumentTypeError(name, value, expected="a string")
    if len(value) > limit:
        raise ArgumentTypeError(
            name, f"{len(value):,} characters", expected=f"at most {limit:,} characters"
        )
    return value


def _moment(request: dict[str, Any], name: str) -> datetime:
    text = _text(request, name)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(
            name, text, expected="an ISO 8601 time with its offset, 2025-12-31T15:40:00+07:00"
        ) from None
    require_aware(moment, name)
    try:
        moment.astimezone(UTC)
    except OverflowError:
        raise ArgumentTypeError(
            name, text, expected="a time between years 1 and 9999 once in UTC"
        ) from None
    return moment


def _int(request: dict[str, Any], name: str, default: int | None = None) -> int:
    value = request.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentTypeError(name, value, expected="an integer")
    return value


def request_calendar(request: dict[str, Any]) -> WorkingCalendar:
    """The calendar a request asks for: its office_hours and days_off, each checked."""
    days_off = request.get("days_off", [])
    if not isinstance(days_off, list) or not all(isinstance(d, str) for d in days_off):
        raise ArgumentTypeError(
            "days_off", days_off, expected='a list of dates, ["2026-03-10=Its name", …]'
        )
    if len(days_off) > _DAYS_OFF_LIMIT:
        raise ArgumentTypeError(
            "days_off", f"{len(days_off)} days", expected=f"at most {_DAYS_OFF_LIMIT}"
        )
    for i, text in enumerate(days_off):
        if len(text) > TEXT_LIMIT:
            raise ArgumentTypeError(
                f"days_off[{i}]", f"{len(text):,} characters", expected=f"at most {TEXT_LIMIT:,}"
            )
    return calendar_for(_text(request, "office_hours", required=False), tuple(days_off))


_DAYS_OFF_LIMIT = 366


def check_years(calendar: WorkingCalendar, first: int, last: int) -> None:
    """Refuse a year range the calendar does not cover, naming the range it does.

    Raises:
        ArgumentTypeError: *last* is before *first*.
        DateOutOfRangeError: A year outside the calendar.
    """
    if last < first:
        raise ArgumentTypeError("to", last, expected=f"a year from {first} on")
    low, high = calendar.first_date, calendar.last_date
    for name, year in (("from", first), ("to", last)):
        if not low.year <= year <= high.year:
            shown = date(min(max(year, 1), 9999), 1, 1)
            raise DateOutOfRangeError(
                shown, first=low, last=high, what=f"{name} year {year}: its first day", direction=-1
            )


def _lang(request: dict[str, Any]) -> Lang:
    return check_lang(request.get("lang", "vi"))


def day(request: dict[str, Any]) -> dict[str, Any]:
    """``{"date": "2026-01-02"}`` → whether it is a working day, why, the document."""
    text = _text(request, "date")
    try:
        when = date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError("date", text, expected="a date, 2026-01-02") from None
    calendar = request_calendar(request)
    return day_dict(calendar.day(when), calendar, lang=_lang(request))


def due(request: dict[str, Any]) -> dict[str, Any]:
    """``{"start": …, "limit": "3 working days"}`` → the due time and how it was found."""
    start = _moment(request, "start")
    limit, english, vietnamese = _limit(_text(request, "limit"))
    calendar = request_calendar(request)
    deadline = calendar.due_at(start, limit)
    answer: dict[str, Any] = {
        "start": start.isoformat(),
        "counted_from": deadline.counted_from.isoformat(),
        "limit": english,
        "limit_label": vietnamese,
        "due_at": deadline.at.isoformat(),
        "estimated": deadline.estimated,
        "schedule_version": calendar.identity.schedule_version,
        "office_hours": calendar.identity.office_hours,
    }
    explain = True if request.get("explain") is None else request["explain"]  # null: absent
    if not isinstance(explain, bool):
        raise ArgumentTypeError("explain", explain, expected="true or false")
    if explain:
        lang = _lang(request)
        answer["days_skipped"] = [day_dict(d, calendar, lang=lang) for d in deadline.explain()]
        answer["explanation"] = deadline.describe(lang=lang)
    return answer


def calendar_range(request: dict[str, Any]) -> dict[str, Any]:
    """``{"from": 2025, "to": 2027}`` → every holiday, day off and make-up Saturday."""
    first, last = _int(request, "from"), _int(request, "to")
    calendar = request_calendar(request)
    check_years(calendar, first, last)
    return calendar_dict(calendar, first, last, lang=_lang(request))


def search(request: dict[str, Any]) -> dict[str, Any]:
    """``{"query": "xac nhan tinh trang hon nhan"}`` → the best procedures, best first."""
    query = _text(request, "query", limit=QUERY_LIMIT)
    limit = _int(request, "limit", 5)
    if not 1 <= limit <= 50:
        raise ArgumentTypeError("limit", limit, expected="from 1 to 50")
    hits = Catalog.builtin().search(query, limit=limit)
    return {
        "hits": [
            {
                "code": h.procedure.code,
                "name": h.procedure.name,
                "field": h.procedure.field,
                "score": round(h.score, 4),
            }
            for h in hits
        ]
    }


def procedure(request: dict[str, Any]) -> dict[str, Any]:
    """``{"code": "1.004873"}`` → the whole procedure record with its sources."""
    found: dict[str, Any] = Catalog.builtin().get(_text(request, "code")).model_dump(mode="json")
    return found


def transition(request: dict[str, Any]) -> dict[str, Any]:
    """``{"status": "received", "action": "start_processing"}`` → legal? and to what status."""
    status = _enum(DossierStatus, request, "status")
    action = _enum(DossierAction, request, "action")
    target = action.target(status)
    return {
        "allowed": target is not None,
        "to_status": target.value if target is not None else None,
        "allowed_actions": [a.value for a in DossierAction.allowed(status)],
    }


def classify(request: dict[str, Any]) -> dict[str, Any]:
    """``{"finished_at": …, "due_at": …}`` → early, on time or late (TT 01/2018 Art. 13)."""
    result = finished_timeliness(_moment(request, "finished_at"), _moment(request, "due_at"))
    return {"timeliness": result.value, "label": result.label}


def audit_record(request: dict[str, Any]) -> dict[str, Any]:
    """``{"record": {"MaHoSo": …}}`` → the record's findings, each with why (none: clean).

    Options: ``office_hours``, and the centre's clock policy as ``restart_on_supplement``
    and ``payment_wait_counts`` (booleans, default false).
    """
    from motcua.audit import audit  # noqa: PLC0415 - loaded by the first audit asked

    record = request.get("record")
    if not isinstance(record, dict):
        raise ArgumentTypeError("record", record, expected="a sync record object")
    flags: dict[str, Any] = {name: request.get(name) for name in POLICY_FLAGS}
    flags = {name: False if v is None else v for name, v in flags.items()}  # null: absent
    for name, value in flags.items():
        if not isinstance(value, bool):
            raise ArgumentTypeError(name, value, expected="true or false")
    findings = audit(
        [record],
        office_hours=_text(request, "office_hours", required=False),
        policy=ClockPolicy(**flags),
    )
    listed = [
        {
            "kind": f.kind.value,
            "field": f.field,
            "theirs": f.theirs,
            "ours": f.ours,
            "why": f.why,
        }
        for f in findings
    ]
    return {"clean": not listed, "findings": listed}


def _enum(kind: Any, request: dict[str, Any], name: str) -> Any:
    value = _text(request, name)
    try:
        return kind(value)
    except ValueError:
        valid = ", ".join(m.value for m in kind)
        raise ArgumentTypeError(name, value, expected=f"one of {valid}") from None


OPERATIONS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "day": day,
    "due": due,
    "calendar": calendar_range,
    "search": search,
    "procedure": procedure,
    "transition": transition,
    "classify": classify,
    "audit": audit_record,
}
"""Every operation by the name a request gives in ``"op"``."""


def answer(request: Any) -> dict[str, Any]:
    """The answer to one request object: ``{"ok": true, …}`` or ``{"ok": false, "error": …}``.

    The request's ``"id"``, when it has one, is echoed back (text of at most 200
    characters, or an integer). A field the operation does not read is refused
    (``motcua.cli._request.FIELDS``). Never raises for bad input.
    """
    ident = None
    try:
        if not isinstance(request, dict):
            raise ArgumentTypeError("request", request, expected='a JSON object {"op": …}')
        ident = checked_id(request)
        op = request.get("op")
        if not isinstance(op, str) or op not in OPERATIONS:
            raise ArgumentTypeError("op", op, expected=f"one of {', '.join(OPERATIONS)}")
        known_fields(op, request)
        body = {"ok": True, **OPERATIONS[op](request)}
    except MotcuaError as error:
        body = {
            "ok": False,
            "error": {
                "type": type(error).__name__,
                "message": str(error),
                "status": http_status(error),
            },
        }
    except Exception:  # a bug: say so, log it, and go on serving
        traceback.print_exc(file=sys.stderr)
        body = {
            "ok": False,
            "error": {
                "type": "InternalError",
                "message": "motcua could not answer this request (a bug: the trace is on "
                "standard error; please report it with the request)",
                "status": 500,
            },
        }
    if ident is not None:
        body["id"] = ident
    return body
