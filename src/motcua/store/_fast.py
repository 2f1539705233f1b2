"""The store's hot statements as driver SQL with values converted once, by column type.

SQLAlchemy Core spends more per statement on compiling parameters and running each
column's bind processor than SQLite spends on the insert itself. For its own tables the
store knows every column's type, so it builds each statement's text once per dialect
and converts values with one function per column — to exactly what the column types of
``_schema`` would send (the same UTC text on SQLite, aware UTC on PostgreSQL), so rows
written either way read back the same through SQLAlchemy.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Table

from motcua._time import require_aware
from motcua.store._schema import AwareDateTime, StoredDocument

__all__ = ["Statements"]

_Convert = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _utc(value: Any) -> datetime:
    """An aware time in UTC, or the motcua error that says what was wrong."""
    return require_aware(value, "a stored time").astimezone(UTC)


def _sqlite_time(value: Any) -> Any:
    # What AwareDateTime + SQLite's DATETIME write: naive UTC, microseconds always shown.
    return None if value is None else _utc(value).isoformat(sep=" ", timespec="microseconds")[:26]


def _pg_time(value: Any) -> Any:
    return None if value is None else _utc(value)


def _sqlite_json(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _pg_json(value: Any) -> Any:
    from psycopg.types.json import Jsonb  # noqa: PLC0415 - only with PostgreSQL

    return None if value is None else Jsonb(value)


def _converter(column: Column[Any], dialect: str) -> _Convert:
    kind = column.type
    pg = dialect == "postgresql"
    if isinstance(kind, AwareDateTime):
        return _pg_time if pg else _sqlite_time
    if isinstance(kind, StoredDocument | JSON):
        return _pg_json if pg else _sqlite_json
    if isinstance(kind, Boolean):
        return bool
    return _same


class _Rows:
    """One statement's text and its columns' converters."""

    __slots__ = ("columns", "converters", "sql")

    def __init__(self, sql: str, columns: Sequence[Column[Any]], dialect: str) -> None:
        self.sql = sql
        self.columns = tuple(c.name for c in columns)
        self.converters = tuple(_converter(c, dialect) for c in columns)

    def values(self, row: dict[str, Any]) -> tuple[Any, ...]:
        """The row's values in the statement's order, converted."""
        return tuple(f(row[name]) for name, f in zip(self.columns, self.converters, strict=True))

    def values_then(self, row: dict[str, Any], last: Any) -> tuple[Any, ...]:
        """:meth:`values` with the last parameter replaced (the loaded version of a save)."""
        return (*self.values(row)[:-1], last)


class Statements:
    """The hot statements on motcua's tables for one dialect (``sqlite`` or ``postgresql``)."""

    def __init__(self, dossiers: Table, events: Table, outbox: Table, dialect: str) -> None:
        mark = "%s" if dialect == "postgresql" else "?"

        def insert(table: Table, tail: str = "") -> _Rows:
            names = ", ".join(f'"{c.name}"' for c in table.c)
            marks = ", ".join(mark for _ in table.c)
            return _Rows(
                f"INSERT INTO {table.name} ({names}) VALUES ({marks}){tail}",
                list(table.c),
                dialect,
            )

        self.add = insert(dossiers, ' ON CONFLICT ("code") DO NOTHING RETURNING "code"')
        self.append = insert(events)
        self.outbox = insert(outbox)
        changing = [c for c in dossiers.c if c.name != "code"]
        sets = ", ".join(f'"{c.name}" = {mark}' for c in changing)
        self.save = _Rows(
            f'UPDATE {dossiers.name} SET {sets} WHERE "code" = {mark} AND "version" = {mark}',
            [*changing, dossiers.c.code, dossiers.c.version],
            dialect,
        )
        clock = [
            events.c[n] for n in ("overdue", "legal_due_at", "due_at", "paused", "clock_stopped")
        ]
        self.clock = _Rows(
            f"UPDATE {events.name} SET "
            + ", ".join(f'"{c.name}" = {mark}' for c in clock)
            + f' WHERE "code" = {mark} AND "seq" = {mark}',
            [*clock, events.c.code, events.c.seq],
            dialect,
        )
        self.move = _Rows(
            f'UPDATE {dossiers.name} SET "next_check_at" = {mark} WHERE "code" = {mark}',
            [dossiers.c.next_check_at, dossiers.c.code],
            dialect,
        )
