"""The tables of :mod:`motcua.store`, as SQLAlchemy ``MetaData`` for the portal's migrations.

Four tables and a one-row version table, all prefixed ``motcua_`` so they sit beside the
portal's own:

* ``motcua_dossiers``: one row per dossier, the stored dossier (JSON; JSONB on
  PostgreSQL) and the projection columns a sweep, a list or a report filters on;
* ``motcua_dossier_events``: one row per history event, with the clock right after it —
  append-only, the audit trail an inspector queries, and what as-of reports read;
* ``motcua_due_events``: the outbox of due events, one row per idempotency key;
* ``motcua_serials``: the last serial issued per numbering key and day.
"""

from __future__ import annotations

import json
from datetime import UTC as _UTC
from datetime import datetime
from typing import Any

import pydantic_core
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    false,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator

from motcua._time import VIETNAM_TZ, require_aware
from motcua.errors import ArgumentTypeError, StoredDossierError

__all__ = [
    "SCHEMA_VERSION",
    "AwareDateTime",
    "dossier_events",
    "dossiers",
    "due_events",
    "metadata",
    "schema_version",
    "serials",
]

SCHEMA_VERSION = 2
"""The layout of the tables below; :func:`motcua.store.check_schema` compares it.

Version 2 added ``motcua_dossiers.case_key`` and ``due_estimated``; a database of version
1 is brought up to date by :func:`motcua.store.upgrade_schema`.
"""


class AwareDateTime(TypeDecorator[datetime]):
    """A time-zone-safe datetime column: stores UTC, returns aware Hà Nội times.

    SQLite has no time zones (``DateTime(timezone=True)`` silently drops them), so this
    type converts every value to UTC before it is written — naive UTC text on SQLite,
    ``timestamp with time zone`` on PostgreSQL — and gives every value read back the zone
    ``Asia/Ho_Chi_Minh``. Text in UTC sorts and compares as time does, so indexes and
    ``WHERE due_at <= :at`` work the same on both.

    A naive datetime is refused (:class:`motcua.errors.NaiveDatetimeError`): its zone
    would be a guess.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        """UTC, naive on databases without time zones."""
        if value is None:
            return None
        utc = require_aware(value, "a value for an AwareDateTime column").astimezone(_UTC)
        return utc if dialect.name == "postgresql" else utc.replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Aware, in Asia/Ho_Chi_Minh."""
        del dialect
        if value is None:
            return None
        raw = value
        if isinstance(value, str):  # SQLite through a raw query
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                value = None
        if not isinstance(value, datetime):  # a value written outside motcua
            raise StoredDossierError(
                code="?",
                where="an AwareDateTime column",
                stored=str(raw)[:80],
                problem="is not a time (motcua writes UTC times); it was edited outside motcua",
            )
        if value.tzinfo is None:
            value = value.replace(tzinfo=_UTC)
        moment: datetime = value.astimezone(VIETNAM_TZ)
        return moment


class StoredDocument(TypeDecorator[Any]):
    """The stored dossier: the exact JSON text motcua wrote on SQLite, JSONB on PostgreSQL.

    Keeping motcua's own text on SQLite lets a process that wrote a dossier load it again
    without a replay (``Dossier.from_json`` remembers the texts it wrote). Values are
    read back as parsed JSON on both databases; bind a ``dict`` or JSON text.
    """

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        """JSONB on PostgreSQL; TEXT elsewhere."""
        if dialect.name == "postgresql":
            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(Text())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        """Text as is on SQLite (parsed on PostgreSQL); a dict as JSON text on SQLite."""
        if value is None:
            return None
        if dialect.name == "postgresql":
            return pydantic_core.from_json(value) if isinstance(value, str | bytes) else value
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        """Parsed JSON."""
        del dialect
        return pydantic_core.from_json(value) if isinstance(value, str | bytes) else value


YEARS = (1900, 9998)
"""The years a store's times may fall in (what every supported database can hold)."""


def bounded_moment(value: object, name: str) -> datetime:
    """*value* as an aware time within :data:`YEARS`, or the motcua error naming *name*.

    Raises:
        NaiveDatetimeError: It has no time zone.
        ArgumentTypeError: It is not a datetime, or falls outside the years.
    """
    moment = require_aware(value, name)
    try:
        year = moment.astimezone(_UTC).year
    except OverflowError:
        year = 0
    if not YEARS[0] <= year <= YEARS[1]:
        raise ArgumentTypeError(
            name, value, expected=f"an aware time between {YEARS[0]} and {YEARS[1]}"
        )
    return moment


_CODE = String(80)
_DOCUMENT = JSON().with_variant(JSONB(), "postgresql")

metadata = MetaData()
"""Every motcua table. Include it in Alembic's ``target_metadata`` (a list is accepted)."""

schema_version = Table(
    "motcua_schema",
    metadata,
    Column("version", Integer, primary_key=True, comment="motcua.store.SCHEMA_VERSION"),
    comment="The layout of the motcua tables (one row).",
)

dossiers = Table(
    "motcua_dossiers",
    metadata,
    Column("code", _CODE, primary_key=True, comment="The dossier code (mã hồ sơ)."),
    Column("version", Integer, nullable=False, comment="Events so far; the compare-and-swap."),
    Column("procedure", String(64), nullable=False, comment="The procedure's code."),
    Column("field", Text, nullable=False, comment="The procedure's field (lĩnh vực)."),
    Column("agency", Text, nullable=False, comment="The handling agency."),
    Column("channel", String(16), nullable=False, comment="counter, online or post."),
    Column("status", String(32), nullable=False, comment="motcua.DossierStatus value."),
    Column("overdue", Boolean, nullable=False, comment="The overdue mark was recorded."),
    Column("clock_stopped", Boolean, nullable=False, comment="Waiting, the clock stopped."),
    Column("late_step", Boolean, nullable=False, comment="A step finished late (policy)."),
    Column("received_at", AwareDateTime, nullable=False, comment="Its first event."),
    Column("accepted_at", AwareDateTime, comment="When the clock started."),
    Column("legal_due_at", AwareDateTime, comment="The legal due time."),
    Column("due_at", AwareDateTime, comment="The appointment (legal or extended)."),
    Column("finished_at", AwareDateTime, comment="Decided: result ready or refused."),
    Column("closed_at", AwareDateTime, comment="Ended: returned, withdrawn, stopped…"),
    Column("paused_since", AwareDateTime, comment="When the current wait began."),
    Column("next_check_at", AwareDateTime, comment="When the sweep must next look at it."),
    Column("changed_at", AwareDateTime, nullable=False, comment="Its last event."),
    Column("calendar_id", String(80), nullable=False, comment="The calendar it counts on."),
    Column("case_key", String(64), comment="The procedure's case (trường hợp), if any."),
    Column(
        "due_estimated",
        Boolean,
        nullable=False,
        server_default=false(),
        comment="Its due time was counted across a year with no announced schedule.",
    ),
    Column(
        "data", StoredDocument, nullable=False, comment="The stored dossier (motcua.dossier/2)."
    ),
    Index("ix_motcua_dossiers_next_check_at", "next_check_at"),
    Index("ix_motcua_dossiers_status", "status", "overdue"),
    Index("ix_motcua_dossiers_field", "field"),
    Index("ix_motcua_dossiers_agency", "agency"),
    Index("ix_motcua_dossiers_received_at", "received_at"),
    Index("ix_motcua_dossiers_due_at", "due_at"),
    comment="One row per dossier: the stored dossier and its projection.",
)

dossier_events = Table(
    "motcua_dossier_events",
    metadata,
    Column("code", _CODE, nullable=False, comment="The dossier's code."),
    Column("seq", Integer, nullable=False, comment="Its position in the history (1, 2, …)."),
    Column("action", String(32), nullable=False, comment="motcua.DossierAction value."),
    Column("at", AwareDateTime, nullable=False, comment="When it happened."),
    Column("by", Text, nullable=False, comment="Who did it."),
    Column("from_status", String(32), nullable=False, comment="The status before."),
    Column("to_status", String(32), nullable=False, comment="The status after."),
    Column("overdue", Boolean, nullable=False, comment="The overdue mark right after."),
    Column("legal_due_at", AwareDateTime, comment="The legal due time right after."),
    Column("due_at", AwareDateTime, comment="The appointment right after."),
    Column("paused", Boolean, nullable=False, comment="Waiting for the applicant after."),
    Column("clock_stopped", Boolean, nullable=False, comment="The clock stopped after."),
    Column("reason", Text, comment="Why, when the action needs one."),
    Column("items", _DOCUMENT, comment="The items a supplement request asks for."),
    Column("agency", Text, comment="The agency that asked for a supplement."),
    Column("handed_to", Text, comment="Who received the dossier (hand_over)."),
    Column("new_due_at", AwareDateTime, comment="The new appointment (extend)."),
    PrimaryKeyConstraint("code", "seq", name="pk_motcua_dossier_events"),
    Index("ix_motcua_dossier_events_at", "at"),
    comment="Append-only: one row per event of every dossier, with the clock after it.",
)

due_events = Table(
    "motcua_due_events",
    metadata,
    Column("key", String(200), primary_key=True, comment="The event's idempotency key."),
    Column("code", _CODE, nullable=False, comment="The dossier's code."),
    Column("kind", String(16), nullable=False, comment="due_soon, overdue or step_overdue."),
    Column("step", Integer, comment="The step's position, for a step event."),
    Column("fires_at", AwareDateTime, nullable=False, comment="When it became due."),
    Column("recorded_at", AwareDateTime, nullable=False, comment="The sweep that found it."),
    Index("ix_motcua_due_events_code", "code"),
    comment="The outbox: every due event once, by its idempotency key.",
)

serials = Table(
    "motcua_serials",
    metadata,
    Column("key", String(120), nullable=False, comment="The numbering key (scheme:agency)."),
    Column("day", Date, nullable=False, comment="The day received, in Hà Nội."),
    Column("last", Integer, nullable=False, comment="The last serial issued."),
    PrimaryKeyConstraint("key", "day", name="pk_motcua_serials"),
    comment="Daily serials of dossier codes; they roll back with the transaction.",
)
