"""The schema's version: the tables created, checked, and brought up from an earlier one."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, bindparam, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateColumn

from motcua.calendar import WorkingCalendar
from motcua.errors import ArgumentTypeError, SchemaMismatchError, SchemaVersionError
from motcua.store._checks import database
from motcua.store._schema import SCHEMA_VERSION, dossiers, metadata, schema_version

__all__ = ["check_schema", "create_schema", "upgrade_schema"]

_BATCH = 2_000
_FOUND = select(func.max(schema_version.c.version))  # None: the table is empty


def create_schema(engine: Engine) -> None:
    """Create the motcua tables (where missing) and record the schema version.

    For a quick start and for tests; a portal with migrations includes
    :data:`motcua.store.metadata` in Alembic's ``target_metadata`` instead and records
    the version with the migration that creates the tables (``docs/store.md``).

    Raises:
        StoreUnavailableError: The database refused.
        SchemaVersionError: The tables exist but record another version.
    """
    if not isinstance(engine, Engine):
        raise ArgumentTypeError("engine", engine, expected="a sqlalchemy Engine")
    with database("create_schema", None), engine.begin() as connection:
        # Before creating anything: SQLite's driver runs DDL outside the transaction.
        found = _found(connection)
        if found is not None and found != SCHEMA_VERSION:
            raise SchemaVersionError(found=found, expected=SCHEMA_VERSION)
        check_columns(connection)
        metadata.create_all(connection)
        if found is None:
            connection.execute(insert(schema_version).values(version=SCHEMA_VERSION))


def _found(connection: Any) -> int | None:
    """The version recorded, or None when there is no version table or no row in it."""
    from sqlalchemy import inspect  # noqa: PLC0415 - once per create

    if schema_version.name not in inspect(connection).get_table_names():
        return None
    found: int | None = connection.execute(_FOUND).scalar()
    return found


def check_schema(session: Session) -> None:
    """Check that the database holds the motcua tables of this version.

    :class:`DossierStore` calls it once per engine and process.

    Raises:
        SchemaVersionError: The tables are missing or of another version.
        StoreUnavailableError: The database refused.
    """
    with database("check_schema", None):
        found = session.execute(_FOUND).scalar()
        if found == SCHEMA_VERSION:
            check_columns(session.connection())
    if found != SCHEMA_VERSION:
        raise SchemaVersionError(found=found, expected=SCHEMA_VERSION)


def check_columns(connection: Any) -> None:
    """Refuse a motcua table that lacks columns motcua writes (another system's table).

    ``create_all`` leaves an existing table of the same name alone; without this check
    the first write would fail with the database's "no such column".

    Raises:
        SchemaMismatchError: A table lacks columns (named).
    """
    from sqlalchemy import inspect  # noqa: PLC0415 - once per engine

    inspector = inspect(connection)
    existing = set(inspector.get_table_names())
    for table in metadata.sorted_tables:
        if table.name not in existing:  # create_all makes it; check_schema finds no version
            continue
        present = {c["name"] for c in inspector.get_columns(table.name)}
        missing = tuple(c.name for c in table.columns if c.name not in present)
        if missing:
            raise SchemaMismatchError(table=table.name, missing=missing, expected=SCHEMA_VERSION)


def upgrade_schema(engine: Engine, *, calendar: WorkingCalendar) -> int:
    """Upgrade the motcua tables to this release's schema, in one transaction.

    Version 1 → 2 adds two columns to ``motcua_dossiers`` and fills them from each row's
    stored dossier: ``case_key`` (the procedure's case) and ``due_estimated`` (its due
    time was counted across a year that *calendar* has not announced — pass the calendar
    the dossiers were counted on, before any newly announced year is merged). Nothing
    else changes; a database already at this version is left alone.

    A portal with its own Alembic migrations writes the same step as a migration instead
    (``docs/store.md`` has it) and then calls this to fill the columns.

    Args:
        engine: The database.
        calendar: The calendar the stored dossiers count on.

    Returns:
        The version found before the upgrade.

    Raises:
        SchemaVersionError: No motcua tables (use :func:`create_schema`), or a version this
            release does not know.
        StoreUnavailableError: The database refused; nothing was changed.
    """
    if not isinstance(engine, Engine):
        raise ArgumentTypeError("engine", engine, expected="a sqlalchemy Engine")
    if not isinstance(calendar, WorkingCalendar):
        raise ArgumentTypeError("calendar", calendar, expected="the WorkingCalendar they count on")
    with database("upgrade_schema", None), engine.begin() as connection:
        found = connection.execute(_FOUND).scalar()
        if found == SCHEMA_VERSION:
            return SCHEMA_VERSION
        if found != 1:
            raise SchemaVersionError(found=found, expected=SCHEMA_VERSION)
        present = {c["name"] for c in _columns(connection)}
        for name in ("case_key", "due_estimated"):
            if name not in present:  # a migration may have added them already
                column = CreateColumn(dossiers.c[name]).compile(dialect=connection.dialect)
                connection.exec_driver_sql(f"ALTER TABLE {dossiers.name} ADD COLUMN {column}")
        fill = (
            update(dossiers)
            .where(dossiers.c.code == bindparam("b_code"))
            .values(case_key=bindparam("b_case"), due_estimated=bindparam("b_estimated"))
        )
        after = ""
        while True:  # by pages of codes, so a million rows never sit in memory at once
            page = connection.execute(
                select(dossiers.c.code, dossiers.c.data)
                .where(dossiers.c.code > after)
                .order_by(dossiers.c.code)
                .limit(_BATCH)
            ).all()
            if not page:
                break
            after = page[-1].code
            changed = []
            for row in page:
                case, estimated = _filled(row, calendar)
                if case is not None or estimated:
                    changed.append({"b_code": row.code, "b_case": case, "b_estimated": estimated})
            if changed:
                connection.execute(fill, changed)
        connection.execute(update(schema_version).values(version=SCHEMA_VERSION))
        return 1


def _columns(connection: Any) -> list[Any]:
    from sqlalchemy import inspect  # noqa: PLC0415 - only when upgrading

    return list(inspect(connection).get_columns(dossiers.name))


def _time(value: object) -> datetime | None:
    """A stored aware time, or None for what is not one (the row is checked when loaded)."""
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return moment if moment is not None and moment.utcoffset() is not None else None


def _filled(row: Any, calendar: WorkingCalendar) -> tuple[str | None, bool]:
    """The case key and the estimate flag of one stored dossier, from its JSON."""
    data = row.data if isinstance(row.data, dict) else json.loads(row.data)
    case = (data.get("procedure") or {}).get("case") or {}
    state = data.get("state") or {}
    accepted = _time(state.get("accepted_at"))
    dues = [t for t in map(_time, (state.get("legal_due_at"), state.get("due_at"))) if t]
    estimated = state.get("due_estimated") is True
    if not estimated and accepted is not None and dues:
        estimated = bool(calendar.unannounced_years(accepted, max(dues)))
    key = case.get("key")
    return (key if isinstance(key, str) else None), estimated
