"""What a request to ``serve`` may hold: its size, its fields, its ``id``.

Each operation reads the fields listed in :data:`FIELDS` (``docs/interop.md``); a field it
does not read is refused, so a misspelt option is never silently ignored. A request is at
most :data:`MAX_REQUEST_BYTES` (``docs/security.md``, "The service").
"""

from __future__ import annotations

from typing import Any

from motcua.errors import ArgumentTypeError

__all__ = ["FIELDS", "MAX_REQUEST_BYTES", "POLICY_FLAGS", "checked_id", "known_fields"]

MAX_REQUEST_BYTES = 1 << 20
"""The largest request read (1 MiB): a ``serve --stdio`` line, an HTTP body.

A request is a few hundred bytes, a sync record to audit a few kilobytes; a larger one is
refused unread (``motcua serve --max-request-bytes`` raises it).
"""

POLICY_FLAGS = ("restart_on_supplement", "payment_wait_counts")
"""The clock-policy flags an ``audit`` request may set."""

_CALENDAR = ("office_hours", "days_off", "lang")
FIELDS: dict[str, frozenset[str]] = {
    "day": frozenset({"date", *_CALENDAR}),
    "due": frozenset({"start", "limit", "explain", *_CALENDAR}),
    "calendar": frozenset({"from", "to", *_CALENDAR}),
    "search": frozenset({"query", "limit", "lang"}),
    "procedure": frozenset({"code"}),
    "transition": frozenset({"status", "action"}),
    "classify": frozenset({"finished_at", "due_at"}),
    "audit": frozenset({"record", "office_hours", *POLICY_FLAGS}),
}
"""The fields each operation reads, besides ``op`` and ``id``: any other is refused.

A misspelt field (``"ofice_hours"``) would otherwise be ignored and the answer given on
the national office hours without a word.
"""


def known_fields(op: str, request: dict[str, Any]) -> None:
    known = FIELDS[op]
    for name, value in request.items():
        if name not in known and name not in ("op", "id"):
            valid = ", ".join(sorted(known))
            raise ArgumentTypeError(
                _shown_name(name),
                value,
                expected=f"a field of {op!r}, which takes {valid} (and op, id); "
                f"this field is unknown",
            )


def _shown_name(name: str) -> str:
    return name if len(name) <= 60 and name.isprintable() else repr(name[:60])


def checked_id(request: dict[str, Any]) -> Any:
    """The request's ``id`` to echo: text of at most 200 characters, an integer, or None."""
    ident = request.get("id")
    if ident is None or (isinstance(ident, int) and not isinstance(ident, bool)):
        return ident
    if isinstance(ident, str) and len(ident) <= 200:
        return ident
    raise ArgumentTypeError(
        "id", ident, expected="text of at most 200 characters or an integer, echoed back"
    )
