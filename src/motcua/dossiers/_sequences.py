"""Where the daily serials of dossier codes come from: in memory, in SQLite, or yours."""

from __future__ import annotations

import math
import sqlite3
import threading
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from motcua._bounds import file_path
from motcua.errors import ArgumentTypeError, StoreUnavailableError, _shown

__all__ = ["MemorySequence", "SerialSequence", "SqliteSequence"]


class SerialSequence(Protocol):
    """Where daily serials come from; plug in your own database with one method."""

    def next_serial(self, key: str, day: date) -> int:
        """The next serial (1, 2, …) for *key* on *day*, never the same twice."""
        ...


class MemorySequence:
    """Serials kept in memory: one process, any number of threads (tests, demos)."""

    def __init__(self) -> None:
        self._last: dict[tuple[str, date], int] = {}
        self._lock = threading.Lock()

    def next_serial(self, key: str, day: date) -> int:
        """The next serial for *key* on *day*.

        Raises:
            ArgumentTypeError: *key* is not a str or *day* not a date.
        """
        key, day = _checked(key, day)
        with self._lock:
            serial = self._last.get((key, day), 0) + 1
            self._last[(key, day)] = serial
            return serial


class SqliteSequence:
    """Serials in a SQLite file: safe across threads and processes (one transaction each).

    Each call opens its own connection and takes SQLite's write lock for one statement,
    so concurrent workers in several processes never share a serial.
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        """Open (and create, if need be) the serials table in the SQLite file *path*.

        Raises:
            ArgumentTypeError: *path* is not a file path, or *timeout* not a number of
                seconds from 0.
            StoreUnavailableError: SQLite cannot open or write the file.
        """
        self._path = str(file_path(path))
        if (
            isinstance(timeout, bool)
            or not isinstance(timeout, int | float)
            or not (math.isfinite(timeout) and timeout >= 0)
        ):
            raise ArgumentTypeError("timeout", timeout, expected="a number of seconds from 0")
        self._timeout = float(timeout)
        try:
            with self._connect() as connection:
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS motcua_serials ("
                    " key TEXT NOT NULL, day TEXT NOT NULL, last INTEGER NOT NULL,"
                    " PRIMARY KEY (key, day))"
                )
        except (sqlite3.Error, ValueError) as exc:  # ValueError: a NUL in the path
            raise self._refused("opening the serials file", exc) from None

    def _refused(self, operation: str, exc: Exception) -> StoreUnavailableError:
        return StoreUnavailableError(
            operation=f"{operation} {_shown(self._path)}", code=None, reason=str(exc)
        )

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self._path, timeout=self._timeout, isolation_level=None)

    def next_serial(self, key: str, day: date) -> int:
        """The next serial for *key* on *day* (one IMMEDIATE transaction).

        Raises:
            ArgumentTypeError: *key* is not a str or *day* not a date.
            StoreUnavailableError: SQLite refused (a lock held past the timeout, a full
                disk…); no serial was taken.
        """
        key, day = _checked(key, day)
        try:
            return self._next(key, day)
        except sqlite3.Error as exc:
            raise self._refused("taking a serial from", exc) from None

    def _next(self, key: str, day: date) -> int:
        connection = self._connect()
        try:
            connection.execute("BEGIN IMMEDIATE")
            row = connection.execute(
                "INSERT INTO motcua_serials (key, day, last) VALUES (?, ?, 1)"
                " ON CONFLICT (key, day) DO UPDATE SET last = last + 1 RETURNING last",
                (key, day.isoformat()),
            ).fetchone()
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        finally:
            connection.close()
        serial: int = row[0]
        return serial


def _checked(key: object, day: object) -> tuple[str, date]:
    """The arguments of ``next_serial``, refused unless a str key and a calendar date."""
    if not isinstance(key, str):
        raise ArgumentTypeError("key", key, expected="a str naming the series")
    if not isinstance(day, date) or isinstance(day, datetime):
        raise ArgumentTypeError("day", day, expected="a calendar date (datetime.date)")
    return key, day
