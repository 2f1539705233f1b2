"""The store's refusals: arguments checked, and the database's exceptions made motcua's."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    IntegrityError,
    SQLAlchemyError,
    StatementError,
)

from motcua.errors import (
    ArgumentTypeError,
    DuplicateDossierError,
    MotcuaError,
    SchemaMismatchError,
    SchemaVersionError,
    StoreCorruptError,
    StoredDossierError,
    StoreError,
    StoreUnavailableError,
)
from motcua.store._schema import SCHEMA_VERSION

__all__ = ["checked_code", "checked_limit", "database", "listed", "named"]

_CODE_CHARS = 80


def checked_code(code: object, name: str) -> str:
    """A code the store can keep on every database: 1–80 printable characters."""
    if (
        not isinstance(code, str)
        or not 1 <= len(code) <= _CODE_CHARS
        or not code.isprintable()
        or not code.encode("utf-8", "surrogatepass").decode("utf-8", "ignore") == code
    ):
        raise ArgumentTypeError(
            name, code, expected=f"a dossier code of 1–{_CODE_CHARS} printable characters"
        )
    return code


def checked_limit(limit: object) -> int | None:
    """A row count for ``LIMIT`` (0 to 2**31 - 1), or None for no limit."""
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, int) or not 0 <= limit <= 2**31 - 1:
        raise ArgumentTypeError("limit", limit, expected="a count from 0 to 2**31 - 1, or None")
    return limit


def listed(values: object) -> list[Any]:
    """The values of an iterable that is not text; empty for anything else."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        return []
    return list(values)


def named(error: StoredDossierError, code: str) -> StoredDossierError:
    """*error* with the row's code when the stored data did not say it."""
    if error.code == code:
        return error
    return StoredDossierError(
        code=code,
        where=error.where,
        problem=error.problem,
        stored=error.stored,
        replayed=error.replayed,
    )


@contextmanager
def database(operation: str, code: str | None) -> Iterator[None]:
    """Turn the database's exceptions into motcua's, naming the operation and dossier."""
    try:
        yield
    except StatementError as exc:
        original = exc.orig
        if isinstance(original, MotcuaError):
            raise original from None
        reason = " ".join(str(original).split())[:300]
        if _missing_table(exc):
            raise SchemaVersionError(found=None, expected=SCHEMA_VERSION) from None
        column = _missing_column(exc)
        if column is not None:
            raise SchemaMismatchError(
                table=column[0], missing=(column[1],), expected=SCHEMA_VERSION
            ) from None
        if _corrupt(exc):
            raise StoreCorruptError(operation=operation, code=code, reason=reason) from None
        if isinstance(exc, IntegrityError) and code is not None and operation == "add":
            raise DuplicateDossierError(code=code) from None
        if isinstance(exc, DataError | IntegrityError):
            of = f" of dossier {code}" if code is not None else ""
            raise StoreError(
                f"{operation}{of}: the database refused a value: {reason}; check the value "
                f"against docs/store.md's column table",
                operation=operation,
                code=code,
            ) from None
        if isinstance(exc, DBAPIError):
            raise StoreUnavailableError(operation=operation, code=code, reason=reason) from None
        raise StoreError(f"{operation} failed: {reason}", operation=operation, code=code) from None
    except SQLAlchemyError as exc:
        reason = " ".join(str(exc).split())[:300]
        raise StoreError(f"{operation} failed: {reason}", operation=operation, code=code) from None
    except MotcuaError:
        raise
    except (ValueError, TypeError) as exc:  # a column the driver could not read back
        raise StoredDossierError(
            code=code or "?",
            where=f"a row read by {operation}",
            problem=f"a column holds what motcua never writes (edited outside motcua?): "
            f"{' '.join(str(exc).split())[:200]}",
        ) from None


_NO_COLUMN = re.compile(r"table (\w+) has no column named (\w+)|no such column: (\S+)")
_PG_COLUMN = re.compile(r'column "?([^"\s]+)"? of relation "?([^"\s]+)"? does not exist')


def _missing_column(exc: StatementError) -> tuple[str, str] | None:
    """The table and column a statement found missing (a table motcua did not make)."""
    text = str(exc.orig)
    found = _NO_COLUMN.search(text)
    if found is not None:
        table, column, bare = found.groups()
        return (table, column) if table else ("(a motcua table)", bare)
    if getattr(exc.orig, "sqlstate", None) == "42703":
        pg = _PG_COLUMN.search(text)
        return (pg.group(2), pg.group(1)) if pg else ("(a motcua table)", text[:80])
    return None


def _corrupt(exc: StatementError) -> bool:
    """Whether SQLite says the file is damaged or not a database (SQLITE_CORRUPT, _NOTADB)."""
    text = str(exc.orig)
    return "file is not a database" in text or "disk image is malformed" in text


def _missing_table(exc: StatementError) -> bool:
    original = exc.orig
    return getattr(original, "sqlstate", None) == "42P01" or "no such table" in str(original)
