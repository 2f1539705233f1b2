"""Dossiers in a SQL database: SQLite or PostgreSQL, through SQLAlchemy 2 (``motcua[sql]``).

* :data:`metadata` — the tables, for ``create_all`` or the portal's Alembic migrations;
* :class:`AwareDateTime` — a column type that keeps time zones on every database;
* :class:`DossierStore` — add, get, save (a real compare-and-swap), list projections,
  and the due-event sweep, all inside the caller's session and transaction;
* :class:`SqlSerialSequence` — daily serials that roll back with the transaction;
* :func:`sqlite_engine` — a SQLite file set up for it (WAL, busy timeout, durable).

See ``docs/store.md``.
"""

try:
    import sqlalchemy  # noqa: F401 - the extra's presence, checked once
except ImportError as exc:  # pragma: no cover - exercised in a venv without the extra
    from motcua.errors import MissingDependencyError

    raise MissingDependencyError(feature="motcua.store", package="SQLAlchemy", extra="sql") from exc

from motcua.store._engine import sqlite_engine
from motcua.store._migrate import check_schema, create_schema, upgrade_schema
from motcua.store._parquet import export_parquet, report_on_duckdb
from motcua.store._report import report_from_counts, report_query
from motcua.store._schema import (
    SCHEMA_VERSION,
    AwareDateTime,
    dossier_events,
    dossiers,
    due_events,
    metadata,
    schema_version,
    serials,
)
from motcua.store._serials import SqlSerialSequence
from motcua.store._store import DossierStore
from motcua.store._sweep import SweptEvent

__all__ = [
    "SCHEMA_VERSION",
    "AwareDateTime",
    "DossierStore",
    "SqlSerialSequence",
    "SweptEvent",
    "check_schema",
    "create_schema",
    "dossier_events",
    "dossiers",
    "due_events",
    "export_parquet",
    "metadata",
    "report_from_counts",
    "report_on_duckdb",
    "report_query",
    "schema_version",
    "serials",
    "sqlite_engine",
    "upgrade_schema",
]
