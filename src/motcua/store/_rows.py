"""Between a dossier and its rows: the columns written, the projection and the dossier read back.

Every statement on one row is built here once: the driver SQL of the hot writes
(:data:`STATEMENTS`, see ``_fast``), the row read by ``get`` (:data:`GET`), the version
a failed compare-and-swap reads (:data:`VERSION`), and the projection columns that
``records`` selects (:data:`PROJECTION`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Text, bindparam, select, type_coerce

from motcua.calendar import WorkingCalendar
from motcua.dossiers import Dossier, DossierRecord, DossierStatus
from motcua.errors import StoredDossierError, StoreError
from motcua.procedures import Channel
from motcua.store._fast import Statements
from motcua.store._schema import dossier_events, dossiers, due_events

__all__ = [
    "GET",
    "PROJECTION",
    "RAW",
    "STATEMENTS",
    "VERSION",
    "check_version",
    "document",
    "dossier_row",
    "event_rows",
    "known_calendar",
    "load_row",
    "record_columns",
    "to_record",
    "to_records",
]

STATEMENTS = {
    name: Statements(dossiers, dossier_events, due_events, name)
    for name in ("sqlite", "postgresql")
}
"""The hot writes' driver SQL, by dialect: the store runs on these two and no other."""

RAW = type_coerce(dossiers.c.data, Text).label("data")  # SQLite: the text itself
GET = select(RAW, dossiers.c.calendar_id, dossiers.c.version).where(
    dossiers.c.code == bindparam("b_code")
)
VERSION = select(dossiers.c.version).where(dossiers.c.code == bindparam("b_code"))

PROJECTION = (
    dossiers.c.code,
    dossiers.c.procedure,
    dossiers.c.field,
    dossiers.c.agency,
    dossiers.c.channel,
    dossiers.c.status,
    dossiers.c.overdue,
    dossiers.c.accepted_at,
    dossiers.c.legal_due_at,
    dossiers.c.due_at,
    dossiers.c.finished_at,
    dossiers.c.closed_at,
    dossiers.c.paused_since,
    dossiers.c.clock_stopped,
    dossiers.c.late_step,
    dossiers.c.next_check_at,
    dossiers.c.changed_at,
    dossiers.c.version,
    dossiers.c.calendar_id,
    dossiers.c.case_key,
    dossiers.c.due_estimated,
)


def document(dossier: Dossier, dialect: str) -> tuple[Any, DossierRecord]:
    """The stored dossier as this database keeps it, and its projection (one state).

    SQLite keeps motcua's own text, which this process can load again without a
    replay; PostgreSQL parses it into JSONB anyway, so it gets the dict.
    """
    if dialect == "postgresql":
        return dossier._stored_pair()
    return dossier._stored_text()


def dossier_row(record: DossierRecord, data: dict[str, Any], dossier: Dossier) -> dict[str, Any]:
    """The ``motcua_dossiers`` row of *dossier*: its projection and stored *data*."""
    return {
        "code": record.code,
        "version": record.version,
        "procedure": record.procedure,
        "field": record.field,
        "agency": record.agency,
        "channel": record.channel.value,
        "status": record.status.value,
        "overdue": record.overdue,
        "clock_stopped": record.clock_stopped,
        "late_step": record.late_step,
        "received_at": dossier.history[0].at,
        "accepted_at": record.accepted_at,
        "legal_due_at": record.legal_due_at,
        "due_at": record.due_at,
        "finished_at": record.finished_at,
        "closed_at": record.closed_at,
        "paused_since": record.paused_since,
        "next_check_at": record.next_check_at,
        "changed_at": record.changed_at,
        "calendar_id": record.calendar_id,
        "case_key": record.case,
        "due_estimated": record.due_estimated,
        "data": data,
    }


def event_rows(dossier: Dossier, record: DossierRecord, after: int) -> list[dict[str, Any]]:
    """The ``motcua_dossier_events`` rows of the events after the first *after*."""
    history = dossier.history[after : record.version]
    timeline = record.timeline[after : record.version]
    return [
        {
            "code": dossier.code,
            "seq": event.seq,
            "action": event.action.value,
            "at": event.at,
            "by": event.by,
            "from_status": event.from_status.value,
            "to_status": event.to_status.value,
            "overdue": phase.overdue,
            "legal_due_at": event.legal_due_at,
            "due_at": event.due_at,
            "paused": event.paused,
            "clock_stopped": phase.clock_stopped,
            "reason": event.reason,
            "items": list(event.items) if event.items else None,
            "agency": event.agency,
            "handed_to": event.handed_to,
            "new_due_at": event.new_due_at,
        }
        for event, phase in zip(history, timeline, strict=True)
    ]


def to_record(row: Any) -> DossierRecord:
    """The projection a row of :data:`PROJECTION` columns holds.

    Raises:
        StoredDossierError: A column holds what motcua never writes (edited by hand).
    """
    try:
        return _record(row)
    except (ValueError, TypeError) as exc:  # pydantic's ValidationError is a ValueError
        problem = " ".join(str(exc).split())[:200]
        raise StoredDossierError(
            code=str(row.code)[:80],
            where="motcua_dossiers (projection columns)",
            problem=f"a column holds what motcua never writes (edited outside motcua?): "
            f"{problem}; save the dossier again from its history to rewrite them",
        ) from None


def check_version(code: str, dossier: Dossier, stored: object) -> None:
    """Refuse a row whose version column is not its history's length.

    Raises:
        StoredDossierError: They disagree (the row was edited outside motcua).
    """
    if isinstance(stored, bool) or not isinstance(stored, int) or dossier.version != stored:
        raise StoredDossierError(
            code=code,
            where="motcua_dossiers.version",
            stored=str(stored)[:80],
            replayed=str(dossier.version),
            problem="the row's version column disagrees with its stored history",
        )


def record_columns(row: Any) -> tuple[Any, ...]:
    """The columns of the projection a row of :data:`PROJECTION` holds, in field order.

    For :meth:`motcua.DossierRecord.many`, which checks them as the constructor does.
    """
    return (
        row.code,
        row.procedure,
        row.field,
        row.agency,
        Channel(row.channel),
        DossierStatus(row.status),
        row.accepted_at,
        row.legal_due_at,
        row.finished_at,
        row.closed_at,
        row.late_step,
        row.changed_at,
        row.overdue,
        row.due_at,
        row.paused_since,
        row.clock_stopped,
        row.next_check_at,
        row.version,
        row.calendar_id,
        (),
        row.case_key,
        row.due_estimated,
    )


def to_records(rows: Sequence[Any]) -> list[DossierRecord]:
    """The projections rows of :data:`PROJECTION` columns hold, built in bulk.

    Raises:
        StoredDossierError: A column holds what motcua never writes; the error names the
            first such row.
    """
    try:
        return DossierRecord.many(map(record_columns, rows))
    except (ValueError, TypeError):  # a row edited outside motcua: find and name it
        return [to_record(row) for row in rows]


def _record(row: Any) -> DossierRecord:
    return DossierRecord(*record_columns(row))


def known_calendar(
    calendars: dict[str, WorkingCalendar], code: str, calendar_id: str, operation: str
) -> WorkingCalendar:
    """The store's calendar of *calendar_id*, or the error that says which it was given."""
    calendar = calendars.get(calendar_id)
    if calendar is None:
        raise StoreError(
            f"dossier {code} counts on calendar {calendar_id!r}, which this store was not "
            f"given (it has {', '.join(map(repr, calendars))}); pass that calendar "
            f"to DossierStore",
            operation=operation,
            code=code,
        )
    return calendar


def load_row(
    calendars: dict[str, WorkingCalendar], code: str, data: Any, calendar_id: str, *, recount: bool
) -> Dossier:
    """The dossier a row stores, loaded on the calendar it counts on (or recounted)."""
    calendar = calendars.get(calendar_id)
    if calendar is None:
        if not recount or len(calendars) != 1:
            raise StoredDossierError(
                code=code,
                where="calendar",
                stored=calendar_id,
                replayed=", ".join(calendars),
                problem="it counts on a calendar this store was not given; pass it to "
                "DossierStore, or get(code, recount=True) on a store of one calendar",
            )
        (calendar,) = calendars.values()
    if isinstance(data, str):  # SQLite: the text as written (maybe by this process)
        return Dossier.from_json(data, calendar=calendar, recount=recount)
    if not isinstance(data, dict):
        raise StoredDossierError(
            code=code, where="motcua_dossiers.data", problem="is not a JSON object"
        )
    return Dossier.from_dict(data, calendar=calendar, recount=recount)
