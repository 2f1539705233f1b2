"""The due-event sweep: candidates by ``next_check_at``, overdue marks, and the outbox.

:class:`~motcua.store.DossierStore` checks the arguments and keeps what could not be
read; the work is here, in two steps around that: :func:`candidates` takes the rows
(and the locks), :func:`sweep` records what they have at the moment of the sweep.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, func, select, update

from motcua.calendar import WorkingCalendar
from motcua.dossiers import DueEvent, DueEventKind
from motcua.errors import StoredDossierError, StoreError
from motcua.store._checks import database, named
from motcua.store._fast import Statements
from motcua.store._rows import RAW, check_version, document, dossier_row, event_rows, load_row
from motcua.store._schema import dossiers, due_events, schema_version

__all__ = ["SweptEvent", "candidates", "due_count", "sweep"]

_LOCK = update(schema_version).values(version=schema_version.c.version)


class SweptEvent(NamedTuple):
    """A due event the sweep found for the first time, recorded in the outbox.

    Attributes:
        code: The dossier's code.
        event: The event (its ``key`` is the outbox's unique key).
    """

    code: str
    event: DueEvent


def _due(at: datetime) -> ColumnElement[bool]:
    """The rows the sweep of *at* has still to look at (``next_check_at`` is indexed)."""
    return dossiers.c.next_check_at <= at


def due_count(connection: Any, at: datetime) -> int:
    """How many rows the sweep of *at* has still to look at."""
    count: int = connection.execute(select(func.count()).where(_due(at))).scalar_one()
    return count


def candidates(connection: Any, dialect: str, at: datetime, limit: int | None) -> Sequence[Any]:
    """The rows due at *at*, oldest first, taken so that no other writer changes them.

    PostgreSQL: ``FOR UPDATE SKIP LOCKED``, so concurrent sweeps share the work; SQLite:
    the database's write lock, taken before reading, so no save can slip in between.
    """
    query = (
        select(dossiers.c.code, RAW, dossiers.c.calendar_id, dossiers.c.version)
        .where(_due(at))
        .order_by(dossiers.c.next_check_at, dossiers.c.code)
        .limit(limit)
    )
    if dialect == "postgresql":
        query = query.with_for_update(skip_locked=True)
    else:  # take SQLite's write lock before reading: no save can slip in between
        connection.execute(_LOCK)
    rows: Sequence[Any] = connection.execute(query).all()
    return rows


def sweep(  # noqa: PLR0917 - private, the store's one caller
    connection: Any,
    fast: Statements,
    calendars: dict[str, WorkingCalendar],
    rows: Sequence[Any],
    at: datetime,
    by: str,
    unreadable: list[StoredDossierError],
) -> list[SweptEvent]:
    """Record the due events of the *rows* once each, mark overdue, move ``next_check_at``.

    A row that does not load is quarantined: its error goes to *unreadable* and its
    ``next_check_at`` is cleared. Returns the events new in the outbox.
    """
    found: list[SweptEvent] = []
    updates: list[tuple[Any, ...]] = []
    moves: list[tuple[Any, ...]] = []
    events: list[dict[str, Any]] = []
    dialect = connection.dialect.name
    for row in rows:
        try:
            dossier = load_row(calendars, row.code, row.data, row.calendar_id, recount=False)
            check_version(row.code, dossier, row.version)
        except StoredDossierError as error:  # quarantined: the rest of the sweep goes on
            unreadable.append(named(error, row.code))
            moves.append(fast.move.values({"code": row.code, "next_check_at": None}))
            continue
        due = dossier.due_events(at)
        found.extend(SweptEvent(row.code, e) for e in due)
        if any(e.kind is DueEventKind.OVERDUE for e in due) and dossier.check_overdue(at, by=by):
            data, record = document(dossier, dialect)
            record = replace(record, next_check_at=dossier.next_check_after(at))
            updates.append(fast.save.values_then(dossier_row(record, data, dossier), row.version))
            events.extend(event_rows(dossier, record, row.version))
        else:
            moves.append(
                fast.move.values({"code": row.code, "next_check_at": dossier.next_check_after(at)})
            )
    with database("due_events", None):
        if updates:
            _expect(connection.exec_driver_sql(fast.save.sql, updates), len(updates))
            append = fast.append
            connection.exec_driver_sql(append.sql, [append.values(r) for r in events])
        if moves:
            _expect(connection.exec_driver_sql(fast.move.sql, moves), len(moves))
        fresh = _new_keys(connection, [s.event.key for s in found])
        new = [s for s in found if s.event.key in fresh]
        if new:
            outbox = fast.outbox
            connection.exec_driver_sql(
                outbox.sql,
                [
                    outbox.values(
                        {
                            "key": s.event.key,
                            "code": s.code,
                            "kind": s.event.kind.value,
                            "step": s.event.step,
                            "fires_at": s.event.fires_at,
                            "recorded_at": at,
                        }
                    )
                    for s in new
                ],
            )
    return new


def _new_keys(connection: Any, keys: list[str]) -> set[str]:
    """The keys not in the outbox yet (in chunks: databases bound the IN list)."""
    fresh = set(keys)
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        fresh.difference_update(
            connection.execute(
                select(due_events.c.key).where(due_events.c.key.in_(chunk))
            ).scalars()
        )
    return fresh


def _expect(result: Any, rows: int) -> None:
    """A batch the sweep holds locks on must touch every row it names."""
    if result.rowcount not in (rows, -1):  # -1: a driver that does not count batches
        raise StoreError(
            f"the sweep changed {result.rowcount} of {rows} rows it had locked; roll back "
            f"and sweep again",
            operation="due_events",
        )
