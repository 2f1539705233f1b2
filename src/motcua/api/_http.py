"""motcua errors as HTTP answers: one status code per kind, and an RFC 9457 problem body."""

from __future__ import annotations

from typing import Any

from motcua import errors as e

__all__ = ["HTTP_STATUS", "http_status", "problem"]

HTTP_STATUS: tuple[tuple[type[BaseException], int], ...] = (
    (e.DossierNotFoundError, 404),
    (e.ProcedureNotFoundError, 404),
    (e.StaleDossierError, 409),
    (e.ActionNotAllowedError, 409),
    (e.DuplicateDossierError, 409),
    (e.StoreCorruptError, 500),
    (e.StoreUnavailableError, 503),
    (e.SchemaVersionError, 500),
    (e.StoredDossierError, 500),
    (e.MissingDependencyError, 500),
    (e.MotcuaError, 422),
)
"""Each motcua error's HTTP status, first match wins.

* 404 — what was asked for does not exist (a dossier code, a procedure code);
* 409 — it exists but cannot be done now: another writer got there first
  (``StaleDossierError``: reload and decide again), the status does not allow the action,
  the code is already taken;
* 422 — the request itself is wrong: a naive datetime, a wrong type, an impossible
  time limit, a date outside the calendar, an unknown grouping;
* 503 — the database refused for now (locked, read-only, full): retry later;
* 500 — the server's own data or set-up is wrong: a stored row that does not replay, the
  tables missing or foreign, a damaged database file, an extra not installed. Never the
  client's fault.

Anything that is not a motcua error is a 500 too.
"""


def http_status(error: BaseException) -> int:
    """The HTTP status for *error* (see :data:`HTTP_STATUS`).

    >>> from motcua.errors import StaleDossierError
    >>> http_status(StaleDossierError(code="X", expected=2, actual=3))
    409
    """
    for kind, status in HTTP_STATUS:
        if isinstance(error, kind):
            return status
    return 500


def problem(error: BaseException) -> dict[str, Any]:
    """An RFC 9457 problem document for *error*: ``type``, ``title``, ``status``, ``detail``.

    The detail is the motcua error's message (what was wrong, where, what would be
    valid); a server-side failure (500) says only that, so no internal detail leaks.

    >>> from motcua.errors import DossierNotFoundError
    >>> problem(DossierNotFoundError(code="X"))["status"]
    404
    """
    status = http_status(error)
    name = type(error).__name__
    if status == 500:
        return {
            "type": "about:blank",
            "title": "Internal Server Error",
            "status": 500,
            "detail": "the server could not answer; the error is in its log",
        }
    return {
        "type": f"https://motcua.readthedocs.io/errors#{name}",
        "title": name,
        "status": status,
        "detail": str(error),
    }
