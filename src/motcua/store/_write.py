"""Writing a dossier's rows: the insert, the compare-and-swap, the events appended."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from motcua.dossiers import Dossier, DossierRecord
from motcua.errors import DossierNotFoundError, DuplicateDossierError, StaleDossierError
from motcua.store._checks import database
from motcua.store._fast import Statements
from motcua.store._rows import VERSION, dossier_row, event_rows

__all__ = ["append_events", "compare_and_swap", "insert"]


def insert(
    session: Session, fast: Statements, dossier: Dossier, data: Any, record: DossierRecord
) -> None:
    """Insert a new dossier's row and its events (``ON CONFLICT DO NOTHING``).

    Raises:
        DuplicateDossierError: A dossier with its code is already stored.
        StoreUnavailableError: The database refused.
    """
    values = fast.add.values(dossier_row(record, data, dossier))
    with database("add", dossier.code):
        connection = session.connection()
        added = connection.exec_driver_sql(fast.add.sql, values)
        if added.first() is None:  # ON CONFLICT DO NOTHING: the code is taken
            raise DuplicateDossierError(code=dossier.code)
        append_events(connection, fast, dossier, record, 0)


def compare_and_swap(  # noqa: PLR0917 - private, the store's one caller
    session: Session,
    fast: Statements,
    dossier: Dossier,
    data: Any,
    record: DossierRecord,
    loaded: int,
    *,
    recounted: bool = False,
) -> None:
    """Update the row if it is still at version *loaded*, and append the new events.

    A dossier loaded with ``recount`` has new due times for its old events too: their
    clock columns are rewritten, so the audit trail and as-of reports agree with it.

    Raises:
        StaleDossierError: The row is at another version.
        DossierNotFoundError: The row was deleted since.
        StoreUnavailableError: The database refused.
    """
    values = fast.save.values_then(dossier_row(record, data, dossier), loaded)
    with database("save", dossier.code):
        connection = session.connection()
        done = connection.exec_driver_sql(fast.save.sql, values)
        if done.rowcount != 1:
            actual = connection.execute(VERSION, {"b_code": dossier.code}).scalar()
            if actual is None:
                raise DossierNotFoundError(code=dossier.code)
            raise StaleDossierError(code=dossier.code, expected=loaded, actual=actual)
        if recounted:
            clock = fast.clock
            connection.exec_driver_sql(
                clock.sql, [clock.values(r) for r in event_rows(dossier, record, 0)[:loaded]]
            )
        append_events(connection, fast, dossier, record, loaded)


def append_events(
    connection: Any, fast: Statements, dossier: Dossier, record: DossierRecord, after: int
) -> None:
    """Insert the ``motcua_dossier_events`` rows of the events after the first *after*."""
    rows = event_rows(dossier, record, after)
    if rows:
        append = fast.append
        connection.exec_driver_sql(append.sql, [append.values(r) for r in rows])
