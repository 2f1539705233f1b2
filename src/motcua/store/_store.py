"""``DossierStore``: dossiers in the caller's SQLAlchemy session, with a real compare-and-swap.

The facade: it checks what callers pass and which dossier objects it handed out; the
rows are built in ``_rows``, written in ``_write``, selected in ``_query``, swept in
``_sweep``; reports are counted by ``_report`` and serials taken by ``_serials``.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from motcua._bulk import no_cyclic_gc
from motcua.calendar import WorkingCalendar
from motcua.dossiers import Dossier, DossierRecord, DossierStatus, DueChange
from motcua.errors import (
    ArgumentTypeError,
    DossierNotFoundError,
    StoredDossierError,
    StoreError,
)
from motcua.procedures import Channel
from motcua.reports import Period, Report
from motcua.reports._report import GroupBy
from motcua.store._checks import checked_code, checked_limit, database, listed
from motcua.store._migrate import check_schema
from motcua.store._query import estimated, records_query
from motcua.store._report import report_from_counts, report_query
from motcua.store._rows import (
    GET,
    STATEMENTS,
    check_version,
    document,
    known_calendar,
    load_row,
    to_records,
)
from motcua.store._schema import bounded_moment
from motcua.store._serials import SqlSerialSequence
from motcua.store._sweep import SweptEvent, candidates, due_count, sweep
from motcua.store._write import compare_and_swap, insert

__all__ = ["DossierStore"]

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
        given = [calendar] if isinstance(calendar, WorkingCalendar) else listed(calendar)
        if not given or not all(isinstance(c, WorkingCalendar) for c in given):
            raise ArgumentTypeError("calendar", calendar, expected="a WorkingCalendar, or several")
        self._calendars = {c.identity.calendar_id: c for c in given}
        self._session = session
        bind = session.get_bind()
        self._dialect = bind.dialect.name
        fast = STATEMENTS.get(self._dialect)
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
        checked_code(dossier.code, "dossier.code")
        data, record = document(dossier, self._dialect)
        known_calendar(self._calendars, dossier.code, record.calendar_id, "add")
        insert(self._session, self._fast, dossier, data, record)
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
        checked_code(code, "code")
        with database("get", code):
            row = self._session.connection().execute(GET, {"b_code": code}).first()
        if row is None:
            raise DossierNotFoundError(code=code)
        dossier = load_row(self._calendars, code, row.data, row.calendar_id, recount=recount)
        check_version(code, dossier, row.version)
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
        data, record = document(dossier, self._dialect)
        compare_and_swap(
            self._session, self._fast, dossier, data, record, entry[1], recounted=entry[2]
        )
        self._loaded[dossier.code] = (dossier, record.version, False)

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
        query = records_query(
            status=status,
            overdue=overdue,
            procedure=procedure,
            field=field,
            agency=agency,
            channel=channel,
            due_from=due_from,
            due_until=due_until,
            due_estimated=due_estimated,
            limit=limit,
        )
        # Rows and records hold no cycles: the collector would only walk them, again and
        # again as the list grows (a third of building 500,000 records). many() pauses it
        # while it builds the records.
        with no_cyclic_gc(), database("records", None):
            rows = self._session.execute(query).all()
        return to_records(rows)

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
        query = estimated(list(self._calendars))
        with database("recheck", None):
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
        limit = checked_limit(limit)
        with database("due_events", None):
            connection = self._session.connection()
            rows = candidates(connection, self._dialect, at, limit)
        self.unreadable = []
        return sweep(connection, self._fast, self._calendars, rows, at, by, self.unreadable)

    def count_due(self, at: datetime) -> int:
        """How many dossiers the sweep of *at* has still to look at (an indexed count).

        Raises:
            NaiveDatetimeError: *at* has no time zone.
        """
        at = bounded_moment(at, "at")
        with database("count_due", None):
            return due_count(self._session.connection(), at)

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
        with database("report", None):
            rows = self._session.connection().execute(query).all()
        return report_from_counts(rows, period, at=at, group_by=group_by)

    # -- serials -----------------------------------------------------------------------------

    @property
    def serials(self) -> SqlSerialSequence:
        """Daily serials in this session's transaction (for ``DossierNumbering``)."""
        return SqlSerialSequence(self._session)
