"""The path a ministry takes when it outgrows one database: Parquet files read by DuckDB."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql.base import PGDialect
from sqlalchemy.orm import Session

from motcua.errors import ArgumentTypeError, MissingDependencyError, StoreError
from motcua.reports import Period, Report
from motcua.store._checks import database
from motcua.store._report import report_from_counts, report_query
from motcua.store._schema import dossier_events, dossiers

__all__ = ["export_parquet", "report_on_duckdb"]

_DUCK_TYPES = {"BOOLEAN": "BOOLEAN", "INTEGER": "INTEGER", "DATETIME": "TIMESTAMPTZ"}
_TABLES = (
    (dossiers, [c for c in dossiers.c if c.name != "data"]),
    (dossier_events, [c for c in dossier_events.c if c.name != "items"]),
)


def export_parquet(session: Session, directory: str | Path) -> list[Path]:
    """Copy ``motcua_dossiers`` and ``motcua_dossier_events`` to Parquet files in *directory*.

    Every column but the stored documents (``data``, ``items``): what reports and
    inspectors read. Times are written as ``TIMESTAMP WITH TIME ZONE`` (UTC). Needs
    ``duckdb`` (``pip install 'motcua[parquet]'``). Rows are copied through Python, about
    100,000 a second; for tens of millions, have the database write CSV (PostgreSQL's
    ``COPY``) and DuckDB convert it.

    Returns:
        The two files written, ``motcua_dossiers.parquet`` and
        ``motcua_dossier_events.parquet``.

    Raises:
        MissingDependencyError: duckdb is not installed.
        StoreUnavailableError: The database refused.
    """
    try:
        import duckdb  # noqa: PLC0415 - an optional extra
    except ImportError as exc:  # pragma: no cover - exercised without the extra
        raise MissingDependencyError(
            feature="export_parquet", package="duckdb", extra="parquet"
        ) from exc
    if not isinstance(session, Session):
        raise ArgumentTypeError("session", session, expected="a sqlalchemy.orm.Session")
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise ArgumentTypeError("directory", str(folder), expected="a directory (made if missing)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArgumentTypeError(
            "directory", str(folder), expected=f"a directory motcua can write ({exc.strerror})"
        ) from None
    written = []
    duck = duckdb.connect()
    try:
        for table, columns in _TABLES:
            types = ", ".join(f'"{c.name}" {_DUCK_TYPES.get(_kind(c), "VARCHAR")}' for c in columns)
            duck.execute(f"CREATE TABLE {table.name} ({types})")
            marks = ", ".join("?" for _ in columns)
            with database("export_parquet", None):
                result = session.connection().execute(select(*columns))
                while chunk := result.fetchmany(5000):
                    duck.executemany(f"INSERT INTO {table.name} VALUES ({marks})", chunk)
            path = folder / f"{table.name}.parquet"
            quoted = str(path).replace("'", "''")  # a path is data, not SQL
            duck.execute(f"COPY {table.name} TO '{quoted}' (FORMAT parquet)")
            written.append(path)
    finally:
        duck.close()
    return written


def _kind(column: Any) -> str:
    name = type(column.type).__name__.upper()
    return "DATETIME" if name == "AWAREDATETIME" else name


def report_on_duckdb(
    duck: Any, period: Period, *, at: datetime, group_by: str | None = "field"
) -> Report:
    """The report counted by DuckDB over Parquet copies of the motcua tables.

    *duck* is a ``duckdb`` connection in which ``motcua_dossiers`` and
    ``motcua_dossier_events`` exist — tables or views, e.g. made by
    :func:`export_parquet` and ``CREATE VIEW motcua_dossiers AS SELECT * FROM
    read_parquet('…/motcua_dossiers.parquet')``. The query is :func:`report_query`'s,
    in PostgreSQL's dialect, which DuckDB reads.

    Raises:
        ReportError: An unknown grouping.
        NaiveDatetimeError: *at* has no time zone.
    """
    if not callable(getattr(duck, "execute", None)):
        raise ArgumentTypeError("duck", duck, expected="a duckdb connection")
    compiled = report_query(period, at=at, group_by=group_by).compile(
        dialect=PGDialect(),  # type: ignore[no-untyped-call]
        compile_kwargs={"render_postcompile": True},
    )
    sql = re.sub(r"%\((\w+)\)s", r"$\1", str(compiled))
    params = {name: _duck_value(value) for name, value in compiled.params.items()}
    try:
        rows = duck.execute(sql, params).fetchall()
    except Exception as exc:  # duckdb's own errors: a missing table, a wrong column
        raise StoreError(
            f"DuckDB could not count the report: {' '.join(str(exc).split())[:300]}; it needs "
            f"motcua_dossiers and motcua_dossier_events (views over export_parquet's files)",
            operation="report_on_duckdb",
        ) from None
    return report_from_counts(rows, period, at=at, group_by=group_by)


def _duck_value(value: Any) -> Any:
    return value.astimezone(UTC) if isinstance(value, datetime) else value
