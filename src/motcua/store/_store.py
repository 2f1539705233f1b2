"""``DossierStore``: dossiers in the caller's SQLAlchemy session, with a real compare-and-swap."""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Engine, Text, and_, bindparam, func, insert, select, type_coerce, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    IntegrityError,
    SQLAlchemyError,
    StatementError,
)
from sqlalchemy.orm import Session

from motcua.calendar import WorkingCalendar
from motcua.dossiers import (
    Dossier,
    DossierRecord,
    DossierStatus,
    DueChange,
    DueEvent,
    DueEventKind,
)
from motcua.errors import (
    ArgumentTypeError,
    DossierNotFoundError,
    DuplicateDossierError,
    MotcuaError,
    SchemaVersionError,
    StaleDossierError,
    StoredDossierError,
    StoreError,
    StoreUnavailableError,
)
from motcua.procedures import Channel
from motcua.reports import Period, Report
from motcua.reports._report import GroupBy
from motcua.store._fast import Statements
from motcua.store._report import report_from_counts, report_query
from motcua.store._schema import (
    SCHEMA_VERSION,
    bounded_moment,
    dossier_events,
    dossiers,
    due_events,
    metadata,
    schema_version,
    serials,
)

__all__ = [
    "DossierStore",
    "SqlSerialSequence",
    "SweptEvent",
    "check_schema",
    "create_schema",
]


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
_FAST = {name: Statements(dossiers, dossier_events, due_events, name) for name in _SERIAL}
_RAW = type_coerce(dossiers.c.data, Text).label("data")  # SQLite: the text itself
_GET = select(_RAW, dossiers.c.calendar_id, dossiers.c.version).where(
    dossiers.c.code == bindparam("b_code")
)
_VERSION = select(dossiers.c.version).where(dossiers.c.code == bindparam("b_code"))
_LOCK = update(schema_version).values(version=schema_version.c.version)


def _expect(result: Any, rows: int) -> None:
    """A batch the sweep holds locks on must touch every row it names."""
    if result.rowcount not in (rows, -1):  # -1: a driver that does not count batches
        raise StoreError(
            f"the sweep changed {result.rowcount} of {rows} rows it had locked; roll back "
            f"and sweep again",
            operation="due_events",
        )


class SweptEvent(NamedTuple):
    """A due event the sweep found for the first time, recorded in the outbox.

    Attributes:
        code: The dossier's code.
        event: The event (its ``key`` is the outbox's unique key).
    """

    code: str
    event: DueEvent


def create_schema(engine: Engine) -> None:
    """Create the motcua tables (where missing) and record the schema version.

    For a quick start and for tests; a portal with migrations includes
    :data:`motcua.store.metadata` in Alembic's ``target_metadata`` instead and records
    the version with the migration that creates the tables (``docs/store.md``).

    Raises:
        StoreUnavailableError: The database refused.
        SchemaVersionError: The tables exist but record another version.
    """
    with _database("create_schema", None), engine.begin() as connection:
        metadata.create_all(connection)
        found = connection.execute(select(func.max(schema_version.c.version))).scalar()
        if found is None:
            connection.execute(insert(schema_version).values(version=SCHEMA_VERSION))
        elif found != SCHEMA_VERSION:
            raise SchemaVersionError(found=found, expected=SCHEMA_VERSION)


def check_schema(session: Session) -> None:
    """Check that the database holds the motcua tables of this version.

    :class:`DossierStore` calls it once per engine and process.

    Raises:
        SchemaVersionError: The tables are missing or of another version.
        StoreUnavailableError: The database refused.
    """
    with _database("check_schema", None):
        found = session.execute(select(func.max(schema_version.c.version))).scalar()
    if found != SCHEMA_VERSION:
        raise SchemaVersionError(found=found, expected=SCHEMA_VERSION)


_CHECKED: weakref.WeakSet[Engine] = weakref.WeakSet()


class DossierStore:
    """Dossiers stored in a SQL database, inside the caller's session and transaction.

    The store never commits: what it writes becomes visible when the caller commits the
    session, and disappears if the caller rolls back — the dossier, its new events, the
    serial its code used and the due events the sweep recorded, all together. Like the
    session, a store is for one thread (a request); make one per session.

    >>> from sqlalchemy import create_engine
    >>> from sqlalchemy.orm import Session
    >>> from motcua import Applicant, Catalog, Channel, Dossier, DossierStatus, WorkingCalendar
    >>> from motcua.store import DossierStore, create_schema
    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> engine = create_engine("sqlite://")
    >>> create_schema(engine)
    >>> calendar = WorkingCalendar.vietnam()
    >>> at = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    >>> with Session(engine) as session:
    ...     store = DossierStore(session, calendar)
    ...     dossier = Dossier.receive(
    ...         Catalog.builtin().get("1.004873"), accepted_at=at, channel=Channel.COUNTER,
    ...         applicant=Applicant(name="Trần Thị Bình"), calendar=calendar, by="cb.tiepnhan",
    ...         code="000.00.20.H12-260302-0001")
    ...     store.add(dossier)
    ...     session.commit()
    >>> with Session(engine) as session:
    ...     store = DossierStore(session, calendar)
    ...     dossier = store.get("000.00.20.H12-260302-0001")
    ...     dossier.start_processing(at=at.replace(hour=10), by="tuphap")
    ...     store.save(dossier)
    ...     session.commit()
    ...     [r.version for r in store.records(status=DossierStatus.PROCESSING)]
    [2]

    Args:
        session: The caller's SQLAlchemy session (SQLite or PostgreSQL).
        calendar: The calendar the dossiers count on, or several (a portal serving
            centres with different office hours): each stored dossier is loaded on the
            one whose ``identity.calendar_id`` it recorded.

    Raises:
        StoreError: The session is bound to a database other than SQLite or PostgreSQL.
    """

    __slots__ = ("_calendars", "_dialect", "_fast", "_loaded", "_session", "unreadable")

    def __init__(
        self, session: Session, calendar: WorkingCalendar | Iterable[WorkingCalendar]
    ) -> None:
        if not isinstance(session, Session):
            raise ArgumentTypeError("session", session, expected="a sqlalchemy.orm.Session")
        given = [calendar] if isinstance(calendar, WorkingCalendar) else _listed(calendar)
        if not given or not all(isinstance(c, WorkingCalendar) for c in given):
            raise ArgumentTypeError("calendar", calendar, expected="a WorkingCalendar, or several")
        self._calendars = {c.identity.calendar_id: c for c in given}
        self._session = session
        bind = session.get_bind()
        self._dialect = bind.dialect.name
        fast = _FAST.get(self._dialect)
        if fast is None:
            raise StoreError(
                f"motcua.store runs on SQLite and PostgreSQL, not {self._dialect}",
                operation="open",
            )
        self._fast = fast
        engine = bind if isinstance(bind, Engine) else bind.engine
        if engine not in _CHECKED:
            check_schema(session)
            _CHECKED.add(engine)
        self._loaded: dict[str, tuple[Dossier, int, bool]] = {}
        self.unreadable: list[StoredDossierError] = []
        """The rows the last :meth:`due_events` could not load (quarantined, see there)."""

    # -- one dossier ---------------------------------------------------------------------

    def add(self, dossier: Dossier) -> None:
        """Store a new dossier and its history.

        Raises:
            DuplicateDossierError: A dossier with its code is already stored.
            StoreError: It counts on a calendar this store was not given.
            StoreUnavailableError: The database refused (locked, read-only, full).
        """
        if not isinstance(dossier, Dossier):
            raise ArgumentTypeError("dossier", dossier, expected="a motcua.Dossier")
        _code(dossier.code, "dossier.code")
        data, record = self._document(dossier)
        self._known_calendar(dossier.code, record.calendar_id, "add")
        fast = self._fast
        values = fast.add.values(_row(record, data, dossier))
        with _database("add", dossier.code):
            connection = self._session.connection()
            added = connection.exec_driver_sql(fast.add.sql, values)
            if added.first() is None:  # ON CONFLICT DO NOTHING: the code is taken
                raise DuplicateDossierError(code=dossier.code)
            self._append_events(dossier, record, 0)
        self._loaded[dossier.code] = (dossier, record.version, False)

    def get(self, code: str, *, recount: bool = False) -> Dossier:
        """Load a stored dossier (its history replayed and checked, see ``Dossier.from_dict``).

        Args:
            code: Its code.
            recount: Accept a dossier counted on a calendar this store was not given,
                counting it on this store's only calendar (``Dossier.from_dict``'s
                *recount*); save it afterwards.

        Raises:
            DossierNotFoundError: No dossier has this code.
            StoredDossierError: The stored row does not reproduce itself on replay, or
                counts on a calendar this store was not given.
            StoreUnavailableError: The database refused.
        """
        _code(code, "code")
        with _database("get", code):
            row = self._session.connection().execute(_GET, {"b_code": code}).first()
        if row is None:
            raise DossierNotFoundError(code=code)
        dossier = self._load(code, row.data, row.calendar_id, recount=recount)
        if dossier.version != row.version:
            raise StoredDossierError(
                code=code,
                where="motcua_dossiers.version",
                stored=str(row.version),
                replayed=str(dossier.version),
                problem="the row's version column disagrees with its stored history",
            )
        self._loaded[code] = (dossier, row.version, recount)
        return dossier

    def save(self, dossier: Dossier) -> None:
        """Write the dossier's new events and state, if nobody else wrote it since it was read.

        A compare-and-swap on the stored version (``UPDATE … WHERE code = :code AND
        version = :loaded``): of two workers that read the same version, the first to
        save wins and the other gets :class:`~motcua.errors.StaleDossierError` — reload,
        decide again. The new events are appended in the same transaction.

        Raises:
            StaleDossierError: Another writer saved the dossier since this store read it.
            StoreError: This store did not add or get this dossier object.
            DossierNotFoundError: The row was deleted since.
            StoreUnavailableError: The database refused.
        """
        if not isinstance(dossier, Dossier):
            raise ArgumentTypeError("dossier", dossier, expected="a motcua.Dossier")
        entry = self._loaded.get(dossier.code)
        if entry is None or entry[0] is not dossier:
            raise StoreError(
                f"dossier {dossier.code} was not added to or read from this store: get() it "
                f"here, act on that object, then save() it",
                operation="save",
                code=dossier.code,
            )
        data, record = self._document(dossier)
        self._write(dossier, data, record, entry[1], operation="save", recounted=entry[2])

    # -- many dossiers, without loading them ------------------------------------------------

    def records(
        self,
        *,
        status: DossierStatus | Sequence[DossierStatus] | None = None,
        overdue: bool | None = None,
        procedure: str | None = None,
        field: str | None = None,
        agency: str | None = None,
        channel: Channel | None = None,
        due_from: datetime | None = None,
        due_until: datetime | None = None,
        due_estimated: bool | None = None,
        limit: int | None = None,
    ) -> list[DossierRecord]:
        """Stored projections matching every filter given, by appointment then code.

        Reads the projection columns only: no dossier is loaded or replayed. The records
        carry no timeline, so they answer for moments at or after their ``changed_at``
        (today's lists, the overdue board); as-of questions of the past are for
        :meth:`report`, which reads the events table.

        Args:
            status: One status or several.
            overdue: Only dossiers with (True) or without (False) the overdue mark.
            procedure: The procedure's code.
            field: The procedure's field (*lĩnh vực*), as stored.
            agency: The handling agency, as stored.
            channel: How it was submitted.
            due_from: Appointment at or after.
            due_until: Appointment at or before.
            due_estimated: Only dossiers whose due time is (True) or is not (False) an
                estimate: the ones to re-check when a year is announced
                (:meth:`recheck`).
            limit: At most this many.

        Raises:
            ArgumentTypeError: A filter of the wrong type.
            NaiveDatetimeError: A due bound without a time zone.
        """
        conditions: list[Any] = []
        if status is not None:
            wanted = [status] if isinstance(status, DossierStatus) else _listed(status)
            if not wanted or not all(isinstance(s, DossierStatus) for s in wanted):
                raise ArgumentTypeError("status", status, expected="DossierStatus values")
            conditions.append(dossiers.c.status.in_([s.value for s in wanted]))
        for flag, column, wanted_flag in (
            ("overdue", dossiers.c.overdue, overdue),
            ("due_estimated", dossiers.c.due_estimated, due_estimated),
        ):
            if wanted_flag is not None:
                if not isinstance(wanted_flag, bool):
                    raise ArgumentTypeError(flag, wanted_flag, expected="True or False")
                conditions.append(column.is_(wanted_flag))
        for name, column, value in (
            ("procedure", dossiers.c.procedure, procedure),
            ("field", dossiers.c.field, field),
            ("agency", dossiers.c.agency, agency),
        ):
            if value is not None:
                if not isinstance(value, str):
                    raise ArgumentTypeError(name, value, expected="a str")
                conditions.append(column == value)
        if channel is not None:
            if channel not in tuple(Channel):
                raise ArgumentTypeError("channel", channel, expected="a Channel")
            conditions.append(dossiers.c.channel == Channel(channel).value)
        if due_from is not None:
            conditions.append(dossiers.c.due_at >= bounded_moment(due_from, "due_from"))
        if due_until is not None:
            conditions.append(dossiers.c.due_at <= bounded_moment(due_until, "due_until"))
        limit = _count(limit)
        query = (
            select(*_PROJECTION)
            .where(and_(True, *conditions))
            .order_by(dossiers.c.due_at, dossiers.c.code)
            .limit(limit)
        )
        with _database("records", None):
            rows = self._session.execute(query).all()
        return [_record(row) for row in rows]

    def recheck(self) -> list[DueChange]:
        """Recount every stored dossier whose due time is an estimate, and save it.

        When a year motcua had estimated is announced, build the store with the calendar
        that has it (``WorkingCalendar.vietnam(schedule=OfficialSchedule.builtin().merge(
        OfficialSchedule.from_file(...)))``) and call this in a transaction: each dossier
        whose ``due_estimated`` column is set, and that counts on one of this store's
        calendars (by ``calendar_id``; other centres' rows are left alone), is replayed on
        that calendar (``recount``), saved with its new due times and clock columns, and
        listed with its old and new due times (:class:`motcua.dossiers.DueChange`;
        ``notify`` says whose appointment to re-send). It never commits.

        Raises:
            StoredDossierError: A stored dossier fails on the new calendar (named).
            StaleDossierError: Another writer saved one of them meanwhile.
            StoreUnavailableError: The database refused.
        """
        query = (
            select(dossiers.c.code, dossiers.c.legal_due_at, dossiers.c.due_at)
            .where(
                dossiers.c.due_estimated.is_(True),
                dossiers.c.calendar_id.in_(list(self._calendars)),  # not other centres'
            )
            .order_by(dossiers.c.code)
        )
        with _database("recheck", None):
            rows = self._session.execute(query).all()
        changes = []
        for row in rows:
            dossier = self.get(row.code, recount=True)
            self.save(dossier)
            changes.append(
                DueChange.of(
                    dossier, legal_due_at=row.legal_due_at, due_at=row.due_at, was_estimated=True
                )
            )
        return changes

    # -- the sweep ---------------------------------------------------------------------------

    def due_events(
        self, at: datetime, *, by: str = "system", limit: int | None = None
    ) -> list[SweptEvent]:
        """Find the due events of *at*, record each once, and mark overdue dossiers.

        Candidates are the dossiers whose indexed ``next_check_at`` has come, oldest
        first. For each, the events it has at *at* go into the outbox
        (``motcua_due_events``) under their idempotency key, and only the ones new there
        are returned: across runs and workers each event is returned once — by the run
        whose transaction commits. An open dossier past its legal due time gets its
        overdue mark (an event by *by*), and every candidate's ``next_check_at`` moves to
        its next moment after *at*.

        Concurrent sweeps share the work: on PostgreSQL each takes its candidates with
        ``FOR UPDATE SKIP LOCKED``; on SQLite the sweep takes the database's write lock
        first, so a request that saves meanwhile waits for the commit (keep *limit*
        small there, and commit between calls).

        Args:
            at: The moment of the sweep.
            by: Who records the overdue marks.
            limit: At most this many candidates in this call; the rest stay due for the
                next call (loop while :meth:`count_due` is not 0, committing each time).

        A row that does not reproduce itself on replay is **quarantined**: it is skipped,
        its ``next_check_at`` cleared (so the loop ends), and its error kept in
        :attr:`unreadable` for the operator; the rest of the sweep goes on. Saving the
        repaired dossier gives it its ``next_check_at`` again.

        Raises:
            NaiveDatetimeError: *at* has no time zone.
            ArgumentTypeError: *limit* is not a count ≥ 0, or *at* is outside 1900–9998.
            StoreUnavailableError: The database refused.
        """
        at = bounded_moment(at, "at")
        limit = _count(limit)
        query = (
            select(dossiers.c.code, _RAW, dossiers.c.calendar_id, dossiers.c.version)
            .where(dossiers.c.next_check_at <= at)
            .order_by(dossiers.c.next_check_at, dossiers.c.code)
            .limit(limit)
        )
        with _database("due_events", None):
            connection = self._session.connection()
            if self._dialect == "postgresql":
                query = query.with_for_update(skip_locked=True)
            else:  # take SQLite's write lock before reading: no save can slip in between
                connection.execute(_LOCK)
            rows = connection.execute(query).all()
        found: list[SweptEvent] = []
        updates: list[tuple[Any, ...]] = []
        moves: list[tuple[Any, ...]] = []
        events: list[dict[str, Any]] = []
        self.unreadable = []
        for row in rows:
            try:
                dossier = self._load(row.code, row.data, row.calendar_id, recount=False)
            except StoredDossierError as error:  # quarantined: the rest of the sweep goes on
                self.unreadable.append(_named(error, row.code))
                moves.append(self._fast.move.values({"code": row.code, "next_check_at": None}))
                continue
            due = dossier.due_events(at)
            found.extend(SweptEvent(row.code, e) for e in due)
            if any(e.kind is DueEventKind.OVERDUE for e in due) and dossier.check_overdue(
                at, by=by
            ):
                data, record = self._document(dossier)
                record = replace(record, next_check_at=dossier.next_check_after(at))
                updates.append(
                    self._fast.save.values_then(_row(record, data, dossier), row.version)
                )
                events.extend(_event_rows(dossier, record, row.version))
            else:
                moves.append(
                    self._fast.move.values(
                        {"code": row.code, "next_check_at": dossier.next_check_after(at)}
                    )
                )
        with _database("due_events", None):
            fast = self._fast
            if updates:
                _expect(connection.exec_driver_sql(fast.save.sql, updates), len(updates))
                append = fast.append
                connection.exec_driver_sql(append.sql, [append.values(r) for r in events])
            if moves:
                _expect(connection.exec_driver_sql(fast.move.sql, moves), len(moves))
            fresh = self._new_keys(connection, [s.event.key for s in found])
            new = [s for s in found if s.event.key in fresh]
            if new:
                outbox = fast.outbox
                connection.exec_driver_sql(
                    outbox.sql,
                    [
                        outbox.values(
                            {
                                "key": s.event.key,
                                "code": s.code,
                                "kind": s.event.kind.value,
                                "step": s.event.step,
                                "fires_at": s.event.fires_at,
                                "recorded_at": at,
                            }
                        )
                        for s in new
                    ],
                )
        return new

    def count_due(self, at: datetime) -> int:
        """How many dossiers the sweep of *at* has still to look at (an indexed count).

        Raises:
            NaiveDatetimeError: *at* has no time zone.
        """
        at = bounded_moment(at, "at")
        with _database("count_due", None):
            count: int = (
                self._session.connection()
                .execute(select(func.count()).where(dossiers.c.next_check_at <= at))
                .scalar_one()
            )
        return count

    @staticmethod
    def _new_keys(connection: Any, keys: list[str]) -> set[str]:
        """The keys not in the outbox yet (in chunks: databases bound the IN list)."""
        fresh = set(keys)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            fresh.difference_update(
                connection.execute(
                    select(due_events.c.key).where(due_events.c.key.in_(chunk))
                ).scalars()
            )
        return fresh

    # -- reports -----------------------------------------------------------------------------

    def report(self, period: Period, *, at: datetime, group_by: GroupBy | None = "field") -> Report:
        """The period's report, counted in the database as of *at* (no dossier is loaded).

        The same rules as :func:`motcua.reports.report`, made into SQL from one definition:
        each dossier counts as it stood at *at* or at the end of the period, whichever is
        earlier, read from ``motcua_dossier_events`` when it changed since — so a report of
        a closed period reads the same whenever it is taken. Dossiers received after that
        moment belong to later reports and are left out.

        Raises:
            ReportError: An unknown grouping.
            NaiveDatetimeError: *at* has no time zone.
            StoreUnavailableError: The database refused.
        """
        query = report_query(period, at=at, group_by=group_by)
        with _database("report", None):
            rows = self._session.connection().execute(query).all()
        return report_from_counts(rows, period, at=at, group_by=group_by)

    # -- serials -----------------------------------------------------------------------------

    @property
    def serials(self) -> SqlSerialSequence:
        """Daily serials in this session's transaction (for ``DossierNumbering``)."""
        return SqlSerialSequence(self._session)

    # -- inside ------------------------------------------------------------------------------

    def _document(self, dossier: Dossier) -> tuple[Any, DossierRecord]:
        """The stored dossier as this database keeps it, and its projection (one state).

        SQLite keeps motcua's own text, which this process can load again without a
        replay; PostgreSQL parses it into JSONB anyway, so it gets the dict.
        """
        if self._dialect == "postgresql":
            return dossier._stored_pair()
        return dossier._stored_text()

    def _known_calendar(self, code: str, calendar_id: str, operation: str) -> WorkingCalendar:
        calendar = self._calendars.get(calendar_id)
        if calendar is None:
            raise StoreError(
                f"dossier {code} counts on calendar {calendar_id!r}, which this store was not "
                f"given (it has {', '.join(map(repr, self._calendars))}); pass that calendar "
                f"to DossierStore",
                operation=operation,
                code=code,
            )
        return calendar

    def _load(self, code: str, data: Any, calendar_id: str, *, recount: bool) -> Dossier:
        calendar = self._calendars.get(calendar_id)
        if calendar is None:
            if not recount or len(self._calendars) != 1:
                raise StoredDossierError(
                    code=code,
                    where="calendar",
                    stored=calendar_id,
                    replayed=", ".join(self._calendars),
                    problem="it counts on a calendar this store was not given; pass it to "
                    "DossierStore, or get(code, recount=True) on a store of one calendar",
                )
            (calendar,) = self._calendars.values()
        if isinstance(data, str):  # SQLite: the text as written (maybe by this process)
            return Dossier.from_json(data, calendar=calendar, recount=recount)
        if not isinstance(data, dict):
            raise StoredDossierError(
                code=code, where="motcua_dossiers.data", problem="is not a JSON object"
            )
        return Dossier.from_dict(data, calendar=calendar, recount=recount)

    def _write(
        self,
        dossier: Dossier,
        data: dict[str, Any],
        record: DossierRecord,
        loaded: int,
        *,
        operation: str,
        recounted: bool = False,
    ) -> None:
        """The compare-and-swap: update the row if it is still at *loaded*, append events.

        A dossier loaded with ``recount`` has new due times for its old events too: their
        clock columns are rewritten, so the audit trail and as-of reports agree with it.
        """
        fast = self._fast
        values = fast.save.values_then(_row(record, data, dossier), loaded)
        with _database(operation, dossier.code):
            connection = self._session.connection()
            done = connection.exec_driver_sql(fast.save.sql, values)
            if done.rowcount != 1:
                actual = connection.execute(_VERSION, {"b_code": dossier.code}).scalar()
                if actual is None:
                    raise DossierNotFoundError(code=dossier.code)
                raise StaleDossierError(code=dossier.code, expected=loaded, actual=actual)
            if recounted:
                clock = fast.clock
                connection.exec_driver_sql(
                    clock.sql, [clock.values(r) for r in _event_rows(dossier, record, 0)[:loaded]]
                )
            self._append_events(dossier, record, loaded)
        self._loaded[dossier.code] = (dossier, record.version, False)

    def _append_events(self, dossier: Dossier, record: DossierRecord, after: int) -> None:
        rows = _event_rows(dossier, record, after)
        if rows:
            append = self._fast.append
            self._session.connection().exec_driver_sql(append.sql, [append.values(r) for r in rows])


_PROJECTION = (
    dossiers.c.code,
    dossiers.c.procedure,
    dossiers.c.field,
    dossiers.c.agency,
    dossiers.c.channel,
    dossiers.c.status,
    dossiers.c.overdue,
    dossiers.c.accepted_at,
    dossiers.c.legal_due_at,
    dossiers.c.due_at,
    dossiers.c.finished_at,
    dossiers.c.closed_at,
    dossiers.c.paused_since,
    dossiers.c.clock_stopped,
    dossiers.c.late_step,
    dossiers.c.next_check_at,
    dossiers.c.changed_at,
    dossiers.c.version,
    dossiers.c.calendar_id,
    dossiers.c.case_key,
    dossiers.c.due_estimated,
)


def _row(record: DossierRecord, data: dict[str, Any], dossier: Dossier) -> dict[str, Any]:
    return {
        "code": record.code,
        "version": record.version,
        "procedure": record.procedure,
        "field": record.field,
        "agency": record.agency,
        "channel": record.channel.value,
        "status": record.status.value,
        "overdue": record.overdue,
        "clock_stopped": record.clock_stopped,
        "late_step": record.late_step,
        "received_at": dossier.history[0].at,
        "accepted_at": record.accepted_at,
        "legal_due_at": record.legal_due_at,
        "due_at": record.due_at,
        "finished_at": record.finished_at,
        "closed_at": record.closed_at,
        "paused_since": record.paused_since,
        "next_check_at": record.next_check_at,
        "changed_at": record.changed_at,
        "calendar_id": record.calendar_id,
        "case_key": record.case,
        "due_estimated": record.due_estimated,
        "data": data,
    }


_CODE_CHARS = 80


def _code(code: object, name: str) -> str:
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


def _count(limit: object) -> int | None:
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, int) or not 0 <= limit <= 2**31 - 1:
        raise ArgumentTypeError("limit", limit, expected="a count from 0 to 2**31 - 1, or None")
    return limit


def _listed(values: object) -> list[Any]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        return []
    return list(values)


def _named(error: StoredDossierError, code: str) -> StoredDossierError:
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


def _event_rows(dossier: Dossier, record: DossierRecord, after: int) -> list[dict[str, Any]]:
    """The ``motcua_dossier_events`` rows of the events after the first *after*."""
    history = dossier.history[after : record.version]
    timeline = record.timeline[after : record.version]
    return [
        {
            "code": dossier.code,
            "seq": event.seq,
            "action": event.action.value,
            "at": event.at,
            "by": event.by,
            "from_status": event.from_status.value,
            "to_status": event.to_status.value,
            "overdue": phase.overdue,
            "legal_due_at": event.legal_due_at,
            "due_at": event.due_at,
            "paused": event.paused,
            "clock_stopped": phase.clock_stopped,
            "reason": event.reason,
            "items": list(event.items) if event.items else None,
            "agency": event.agency,
            "handed_to": event.handed_to,
            "new_due_at": event.new_due_at,
        }
        for event, phase in zip(history, timeline, strict=True)
    ]


def _record(row: Any) -> DossierRecord:
    return DossierRecord(
        code=row.code,
        procedure=row.procedure,
        field=row.field,
        agency=row.agency,
        channel=Channel(row.channel),
        status=DossierStatus(row.status),
        accepted_at=row.accepted_at,
        legal_due_at=row.legal_due_at,
        finished_at=row.finished_at,
        closed_at=row.closed_at,
        late_step=row.late_step,
        changed_at=row.changed_at,
        overdue=row.overdue,
        due_at=row.due_at,
        paused_since=row.paused_since,
        clock_stopped=row.clock_stopped,
        next_check_at=row.next_check_at,
        version=row.version,
        calendar_id=row.calendar_id,
        case=row.case_key,
        due_estimated=row.due_estimated,
    )


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
        with _database("next_serial", None):
            serial: int = (
                self._session.connection()
                .execute(statement, {"b_key": key, "b_day": day})
                .scalar_one()
            )
        return serial


@contextmanager
def _database(operation: str, code: str | None) -> Iterator[None]:
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
        raise StoreError(f"{operation} failed: {exc}", operation=operation, code=code) from None


def _missing_table(exc: StatementError) -> bool:
    original = exc.orig
    return getattr(original, "sqlstate", None) == "42P01" or "no such table" in str(original)
