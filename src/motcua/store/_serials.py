"""Daily serials for dossier codes in a table of the caller's transaction."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from motcua.errors import ArgumentTypeError, StoreError
from motcua.store._checks import database
from motcua.store._schema import serials

__all__ = ["SqlSerialSequence"]


def _serial(dialect: Any) -> Any:
    """Take the next serial in the transaction: ``INSERT … ON CONFLICT DO UPDATE``."""
    return (
        dialect.insert(serials)
        .values(key=bindparam("b_key"), day=bindparam("b_day"), last=1)
        .on_conflict_do_update(
            index_elements=[serials.c.key, serials.c.day], set_={"last": serials.c.last + 1}
        )
        .returning(serials.c.last)
    )


_SERIAL = {"sqlite": _serial(sqlite), "postgresql": _serial(postgresql)}


class SqlSerialSequence:
    """Daily serials in a table of the caller's transaction: no repeat, no gap.

    The serial is taken with one ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` in the
    session's transaction: a concurrent writer waits for the row until this transaction
    ends, so no two transactions get the same serial, and a rolled-back receive gives its
    serial back (the next dossier gets it) — unlike a sequence that commits on its own.

    Args:
        session: The caller's session (SQLite or PostgreSQL).
    """

    __slots__ = ("_session",)

    def __init__(self, session: Session) -> None:
        if not isinstance(session, Session):
            raise ArgumentTypeError("session", session, expected="a sqlalchemy.orm.Session")
        self._session = session

    def next_serial(self, key: str, day: date) -> int:
        """The next serial (1, 2, …) for *key* on *day*, in this transaction.

        Raises:
            StoreUnavailableError: The database refused (a lock held too long).
        """
        if not isinstance(key, str) or not isinstance(day, date) or isinstance(day, datetime):
            raise ArgumentTypeError("key/day", (key, day), expected="a str key and a date")
        statement = _SERIAL.get(self._session.get_bind().dialect.name)
        if statement is None:
            raise StoreError(
                "SqlSerialSequence runs on SQLite and PostgreSQL", operation="next_serial"
            )
        with database("next_serial", None):
            serial: int = (
                self._session.connection()
                .execute(statement, {"b_key": key, "b_day": day})
                .scalar_one()
            )
        return serial
