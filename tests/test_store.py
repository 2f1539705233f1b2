"""motcua.store on a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Engine, MetaData, Table, create_engine, select, text, update
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from helpers import VN, vn
from motcua import (
    Applicant,
    Channel,
    Dossier,
    DossierAction,
    DossierStatus,
    DueEventKind,
    OfficeHours,
    WorkingCalendar,
)
from motcua.errors import (
    ArgumentTypeError,
    DossierNotFoundError,
    DuplicateDossierError,
    NaiveDatetimeError,
    SchemaVersionError,
    StaleDossierError,
    StoredDossierError,
    StoreError,
    StoreUnavailableError,
)
from motcua.store import (
    AwareDateTime,
    DossierStore,
    SqlSerialSequence,
    check_schema,
    dossier_events,
    dossiers,
    due_events,
    metadata,
)
from store_support import CALENDAR, PROCEDURE, engines, make_engine, receive_numbered, received

CODE = "000.00.20.H12-260302-0001"


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Engine]:
    yield from engines(tmp_path, request)


def _store(session: Session) -> DossierStore:
    return DossierStore(session, CALENDAR)


def _add(engine: Engine, *codes: str) -> None:
    with Session(engine) as session:
        store = _store(session)
        for code in codes or (CODE,):
            store.add(received(code))
        session.commit()


# -- the time-zone-safe column ----------------------------------------------------------------


def test_aware_datetimes_come_back_aware_in_hanoi_time(engine: Engine) -> None:
    table = Table("t_times", MetaData(), Column("at", AwareDateTime, primary_key=True))
    table.create(engine)
    try:
        utc_noon = datetime.fromisoformat("2026-03-02T05:00:00+00:00")
        with engine.begin() as connection:
            connection.execute(table.insert().values(at=utc_noon))
            back = connection.execute(select(table.c.at)).scalar_one()
            assert back == vn(2026, 3, 2, 12)
            assert back.tzinfo == VN
            # Comparisons in SQL are of instants, whatever offset the bound value carries.
            found = connection.execute(
                select(table.c.at).where(table.c.at == vn(2026, 3, 2, 12))
            ).scalar_one()
            assert found == utc_noon
            # In the caller's own Core statements SQLAlchemy wraps what a type raises; the
            # store's own operations raise the motcua error itself.
            with pytest.raises(StatementError) as caught:
                connection.execute(table.insert().values(at=datetime(2026, 3, 2, 12)))  # noqa: DTZ001
            assert isinstance(caught.value.orig, NaiveDatetimeError)
    finally:
        table.drop(engine)


# -- one dossier: add, get, save --------------------------------------------------------------


def test_a_dossier_survives_the_round_trip_with_its_events(engine: Engine) -> None:
    _add(engine)
    with Session(engine) as session:
        store = _store(session)
        dossier = store.get(CODE)
        assert dossier == received()
        dossier.start_processing(at=vn(2026, 3, 2, 10), by="tuphap")
        dossier.request_supplement(
            at=vn(2026, 3, 2, 14), by="tuphap", reason="Thiếu tờ khai", items=["Tờ khai"]
        )
        store.save(dossier)
        session.commit()
    with Session(engine) as session:
        again = _store(session).get(CODE)
        assert again.status is DossierStatus.AWAITING_SUPPLEMENT
        assert again.version == 3
        row = session.execute(select(dossiers).where(dossiers.c.code == CODE)).one()
        assert row.status == "awaiting_supplement"
        assert row.clock_stopped is True
        assert row.paused_since == vn(2026, 3, 2, 14)
        assert row.legal_due_at == again.legal_due_at
        events = session.execute(
            select(dossier_events).where(dossier_events.c.code == CODE).order_by("seq")
        ).all()
        assert [e.action for e in events] == ["receive", "start_processing", "request_supplement"]
        assert [e.seq for e in events] == [1, 2, 3]
        assert events[2].paused is True
        assert events[2].items == ["Tờ khai"]
        assert events[2].at == vn(2026, 3, 2, 14)
        assert events[0].legal_due_at == again.history[0].legal_due_at


def test_the_second_of_two_workers_that_read_one_version_is_refused(engine: Engine) -> None:
    _add(engine)
    with Session(engine) as first, Session(engine) as second:
        a, b = _store(first), _store(second)
        mine, theirs = a.get(CODE), b.get(CODE)
        mine.start_processing(at=vn(2026, 3, 2, 10), by="tuphap")
        a.save(mine)
        first.commit()
        theirs.withdraw(at=vn(2026, 3, 2, 11), by="cb.tiepnhan", reason="Người nộp rút")
        with pytest.raises(StaleDossierError, match="at version 2, not 1"):
            b.save(theirs)
        second.rollback()
    with Session(engine) as session:
        kept = _store(session).get(CODE)
        assert kept.status is DossierStatus.PROCESSING
        assert [e.action for e in kept.history][-1] is DossierAction.START_PROCESSING


def test_refusals_name_what_was_wrong(engine: Engine) -> None:
    _add(engine)
    with Session(engine) as session:
        store = _store(session)
        with pytest.raises(DuplicateDossierError, match="already stored"):
            store.add(received())
        with pytest.raises(DossierNotFoundError, match="no stored dossier has code 'nope'"):
            store.get("nope")
        with pytest.raises(StoreError, match="not added to or read from this store"):
            store.save(received())
        other = WorkingCalendar.vietnam(office_hours=OfficeHours.parse("07:30-11:30, 13:30-17:30"))
        with pytest.raises(StoreError, match="counts on calendar"):
            store.add(_on(other))
    with Session(engine) as session:
        assert _store(session).get(CODE).version == 1  # nothing half-written


def _on(calendar: WorkingCalendar) -> Dossier:
    return Dossier.receive(
        PROCEDURE,
        accepted_at=vn(2026, 3, 2, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="Phạm Thị Dung"),
        calendar=calendar,
        by="cb.tiepnhan",
        code="000.00.20.H12-260302-0009",
    )


def test_a_row_that_does_not_replay_is_refused_on_get(engine: Engine) -> None:
    _add(engine)
    with engine.begin() as connection:
        data = connection.execute(select(dossiers.c.data)).scalar_one()
        data["state"]["status"] = "returned"
        connection.execute(update(dossiers).values(data=data))
    with Session(engine) as session, pytest.raises(StoredDossierError, match=CODE):
        _store(session).get(CODE)


def test_a_version_column_that_disagrees_with_the_history_is_refused(engine: Engine) -> None:
    _add(engine)
    with engine.begin() as connection:
        connection.execute(update(dossiers).values(version=7))
    with Session(engine) as session, pytest.raises(StoredDossierError, match="version"):
        _store(session).get(CODE)


def test_a_store_loads_each_dossier_on_the_calendar_it_recorded(engine: Engine) -> None:
    centre = WorkingCalendar.vietnam(office_hours=OfficeHours.parse("07:30-11:30, 13:30-17:30"))
    with Session(engine) as session:
        DossierStore(session, [CALENDAR, centre]).add(_on(centre))
        session.commit()
    with Session(engine) as session:
        both = DossierStore(session, [CALENDAR, centre])
        assert both.get("000.00.20.H12-260302-0009").calendar is centre
        with pytest.raises(StoredDossierError, match="calendar this store was not given"):
            _store(session).get("000.00.20.H12-260302-0009")
        recounted = _store(session).get("000.00.20.H12-260302-0009", recount=True)
        assert recounted.recounted_from == (centre.identity,)


# -- serials ----------------------------------------------------------------------------------


def test_a_rolled_back_receive_gives_its_serial_back(engine: Engine) -> None:
    with Session(engine) as session:
        assert receive_numbered(session).code.endswith("-260302-0001")
        session.rollback()
    with Session(engine) as session:
        assert receive_numbered(session).code.endswith("-260302-0001")
        assert receive_numbered(session).code.endswith("-260302-0002")
        session.commit()
    with Session(engine) as session:
        assert receive_numbered(session).code.endswith("-260302-0003")
        assert receive_numbered(session, day=3).code.endswith("-260303-0001")
        session.commit()


def test_serials_under_concurrent_writers_never_repeat_or_leave_gaps(engine: Engine) -> None:
    committed: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def worker(n: int) -> None:
        try:
            start.wait()
            for i in range(6):
                with Session(engine) as session:
                    code = receive_numbered(session).code
                    if (n + i) % 3 == 0:
                        session.rollback()
                        continue
                    session.commit()
                    with lock:
                        committed.append(code)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    serials = sorted(int(code.rsplit("-", 1)[1]) for code in committed)
    assert serials == list(range(1, len(committed) + 1))


# -- many writers on one dossier --------------------------------------------------------------


def _moment(version: int) -> datetime:
    return vn(2026, 3, 2, 10) + timedelta(minutes=version)


def _hand_over_until_won(engine: Engine, worker: int, rounds: int) -> list[int]:
    """Each round: read, hand over, save; on a stale save, read again. The versions won."""
    won: list[int] = []
    for _ in range(rounds):
        while True:
            with Session(engine) as session:
                store = _store(session)
                dossier = store.get(CODE)
                dossier.hand_over(at=_moment(dossier.version), by=f"w{worker}", to=f"w{worker}")
                try:
                    store.save(dossier)
                    session.commit()
                except StaleDossierError:
                    session.rollback()
                    continue
                won.append(dossier.version)
                break
    return won


def _processing(engine: Engine) -> None:
    _add(engine)
    with Session(engine) as session:
        store = _store(session)
        dossier = store.get(CODE)
        dossier.start_processing(at=vn(2026, 3, 2, 10), by="tuphap")
        store.save(dossier)
        session.commit()


def _check_every_version_won_once(engine: Engine, won: list[int], expected: int) -> None:
    assert sorted(won) == list(range(3, 3 + expected))  # one winner per version
    with Session(engine) as session:
        dossier = _store(session).get(CODE)
        assert dossier.version == 2 + expected  # no event lost
        seqs = session.execute(
            select(dossier_events.c.seq).where(dossier_events.c.code == CODE).order_by("seq")
        ).scalars()
        assert list(seqs) == list(range(1, dossier.version + 1))


def test_eight_threads_saving_one_dossier_lose_no_event(engine: Engine) -> None:
    _processing(engine)
    won: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        try:
            mine = _hand_over_until_won(engine, n, rounds=5)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
            return
        with lock:
            won.extend(mine)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    _check_every_version_won_once(engine, won, 8 * 5)


def _process_worker(url: str, worker: int, rounds: int) -> list[int]:
    engine = create_engine(url, connect_args={"timeout": 60} if url.startswith("sqlite") else {})
    try:
        return _hand_over_until_won(engine, worker, rounds)
    finally:
        engine.dispose()


def test_four_processes_saving_one_dossier_lose_no_event(engine: Engine) -> None:
    _processing(engine)
    url = engine.url.render_as_string(hide_password=False)
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.starmap(_process_worker, [(url, n, 4) for n in range(4)])
    _check_every_version_won_once(engine, [v for r in results for v in r], 4 * 4)


# -- the sweep --------------------------------------------------------------------------------


def _due_events(engine: Engine, at: datetime) -> list[tuple[str, DueEventKind]]:
    with Session(engine) as session:
        found = _store(session).due_events(at)
        session.commit()
    return [(s.code, s.event.kind) for s in found]


def test_the_sweep_returns_each_due_event_once_and_marks_overdue(engine: Engine) -> None:
    # Received Monday 2/3 09:00 with 3 working days: due Thursday 5/3 09:00; due soon
    # one working day before. A second dossier received 9/3 is not due for a week.
    first, later = CODE, "000.00.20.H12-260309-0001"
    with Session(engine) as session:
        store = _store(session)
        store.add(received(first))
        store.add(received(later, day=9))
        session.commit()
    assert _due_events(engine, vn(2026, 3, 3, 8)) == []
    assert _due_events(engine, vn(2026, 3, 4, 10)) == [(first, DueEventKind.DUE_SOON)]
    assert _due_events(engine, vn(2026, 3, 4, 11)) == []  # not twice
    assert _due_events(engine, vn(2026, 3, 5, 9, 1)) == [(first, DueEventKind.OVERDUE)]
    assert _due_events(engine, vn(2026, 3, 6, 9)) == []
    with Session(engine) as session:
        dossier = _store(session).get(first)
        assert dossier.overdue
        assert dossier.history[-1].action is DossierAction.MARK_OVERDUE
        assert dossier.history[-1].at == vn(2026, 3, 5, 9, 1)
        keys = session.execute(select(due_events.c.key, due_events.c.kind)).all()
        assert sorted(k.kind for k in keys) == ["due_soon", "overdue"]
        untouched = _store(session).get(later)
        assert untouched.version == 1


def test_a_rolled_back_sweep_finds_its_events_again(engine: Engine) -> None:
    _add(engine)
    with Session(engine) as session:
        assert len(_store(session).due_events(vn(2026, 3, 5, 10))) == 1  # overdue
        session.rollback()
    assert _due_events(engine, vn(2026, 3, 5, 10)) == [(CODE, DueEventKind.OVERDUE)]


def test_two_concurrent_sweeps_return_each_event_once(engine: Engine) -> None:
    codes = [f"000.00.20.H12-260302-{n:04d}" for n in range(1, 31)]
    _add(engine, *codes)
    found: list[tuple[str, DueEventKind]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(2)

    def sweep() -> None:
        try:
            start.wait()
            mine = _due_events(engine, vn(2026, 3, 5, 10))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
            return
        with lock:
            found.extend(mine)

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(found) == [(code, DueEventKind.OVERDUE) for code in codes]
    with Session(engine) as session:
        marks = session.execute(
            select(dossier_events.c.code).where(dossier_events.c.action == "mark_overdue")
        ).scalars()
        assert sorted(marks) == codes  # each marked once


# -- lists without loading --------------------------------------------------------------------


def test_records_filter_on_the_projection_columns(engine: Engine) -> None:
    codes = [f"000.00.20.H12-260302-{n:04d}" for n in range(1, 5)]
    _add(engine, *codes)
    with Session(engine) as session:
        store = _store(session)
        dossier = store.get(codes[0])
        dossier.start_processing(at=vn(2026, 3, 2, 10), by="tuphap")
        store.save(dossier)
        store.due_events(vn(2026, 3, 6, 9))
        session.commit()
        assert [r.code for r in store.records(status=DossierStatus.PROCESSING)] == codes[:1]
        assert len(store.records(overdue=True)) == 4
        assert len(store.records(field=dossier.field, limit=2)) == 2
        assert store.records(agency="không có") == []
        record = store.records(status=[DossierStatus.PROCESSING])[0]
        assert record.legal_due_at == dossier.legal_due_at
        assert record.timeliness(vn(2026, 3, 6, 9)).value == "overdue"
        assert len(store.records(due_from=vn(2026, 3, 5, 9), due_until=vn(2026, 3, 5, 9))) == 4


# -- faults: a database that refuses ----------------------------------------------------------


def test_a_read_only_database_is_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "motcua.db"
    make_engine("sqlite", tmp_path).dispose()
    read_only = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    with Session(read_only) as session:
        with pytest.raises(StoreUnavailableError, match=r"refused add of dossier .*readonly"):
            _store(session).add(received())
        session.rollback()
    with Session(read_only) as session, pytest.raises(DossierNotFoundError):
        _store(session).get(CODE)


def test_a_locked_database_is_a_clear_error(tmp_path: Path) -> None:
    make_engine("sqlite", tmp_path).dispose()
    url = f"sqlite:///{tmp_path / 'motcua.db'}"
    holder = create_engine(url)
    impatient = create_engine(url, connect_args={"timeout": 0.1})
    with holder.connect() as connection:
        connection.exec_driver_sql("BEGIN EXCLUSIVE")
        with Session(impatient) as session, pytest.raises(StoreUnavailableError, match="locked"):
            _store(session).add(received())
        connection.exec_driver_sql("ROLLBACK")


def test_a_full_database_is_a_clear_error_and_keeps_what_was_committed(tmp_path: Path) -> None:
    engine = make_engine("sqlite", tmp_path)
    _add(engine)
    with engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()
    with Session(engine) as session:
        session.execute(text(f"PRAGMA max_page_count = {pages}"))
        store = _store(session)

        def fill() -> None:
            for n in range(2, 400):
                store.add(received(f"000.00.20.H12-260302-{n:04d}"))

        with pytest.raises(StoreUnavailableError, match="full"):
            fill()
        session.rollback()
    with Session(engine) as session:
        assert _store(session).get(CODE).version == 1
        assert session.execute(select(dossiers.c.code)).scalars().all() == [CODE]


def test_missing_tables_say_how_to_create_them(tmp_path: Path) -> None:
    bare = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    with Session(bare) as session, pytest.raises(SchemaVersionError, match="create_schema"):
        DossierStore(session, CALENDAR)
    with Session(bare) as session, pytest.raises(SchemaVersionError, match="no motcua tables"):
        check_schema(session)


def test_alembic_autogenerate_sees_every_table_and_nothing_more(engine: Engine) -> None:
    from alembic.autogenerate import compare_metadata  # noqa: PLC0415
    from alembic.migration import MigrationContext  # noqa: PLC0415

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []  # created as declared
        metadata.drop_all(connection)
        connection.commit()
        diff = compare_metadata(context, metadata)
    added = sorted(op[1].name for op in diff if op[0] == "add_table")
    assert added == [
        "motcua_dossier_events",
        "motcua_dossiers",
        "motcua_due_events",
        "motcua_schema",
        "motcua_serials",
    ]


def test_wrong_arguments_are_refused_by_name(engine: Engine) -> None:
    with Session(engine) as session:
        store = _store(session)
        calls: list[tuple[str, Any]] = [
            ("session", lambda: DossierStore("db", CALENDAR)),  # type: ignore[arg-type]
            ("calendar", lambda: DossierStore(session, [])),
            ("dossier", lambda: store.add("D1")),  # type: ignore[arg-type]
            ("dossier", lambda: store.save("D1")),  # type: ignore[arg-type]
            ("code", lambda: store.get(7)),  # type: ignore[arg-type]
            ("status", lambda: store.records(status=["processing"])),  # type: ignore[list-item]
            ("overdue", lambda: store.records(overdue="yes")),  # type: ignore[arg-type]
            ("field", lambda: store.records(field=3)),  # type: ignore[arg-type]
            ("channel", lambda: store.records(channel="fax")),  # type: ignore[arg-type]
            ("limit", lambda: store.records(limit=True)),
            ("limit", lambda: store.due_events(vn(2026, 3, 5), limit="10")),  # type: ignore[arg-type]
            ("due_from", lambda: store.records(due_from=datetime(2026, 3, 5))),  # noqa: DTZ001
            ("at", lambda: store.count_due(datetime(2026, 3, 5))),  # noqa: DTZ001
        ]
        for name, call in calls:
            with pytest.raises((ArgumentTypeError, NaiveDatetimeError), match=name):
                call()


def test_a_sweep_in_batches_leaves_the_rest_for_the_next_call(engine: Engine) -> None:
    codes = [f"000.00.20.H12-260302-{n:04d}" for n in range(1, 8)]
    _add(engine, *codes)
    at = vn(2026, 3, 6, 9)
    seen: list[str] = []
    with Session(engine) as session:
        store = _store(session)
        assert store.count_due(at) == 7
        while store.count_due(at):
            seen += [s.code for s in store.due_events(at, limit=3)]
            session.commit()
    assert sorted(seen) == codes
    with Session(engine) as session:
        assert _store(session).count_due(at) == 0


def test_a_serial_sequence_refuses_what_is_not_a_key_and_a_day(engine: Engine) -> None:
    with Session(engine) as session:
        serials = _store(session).serials
        with pytest.raises(ArgumentTypeError, match="key/day"):
            serials.next_serial("tt01:000.00.20.H12", vn(2026, 3, 2))  # a datetime
        with pytest.raises(ArgumentTypeError, match="session"):
            SqlSerialSequence("db")  # type: ignore[arg-type]
        assert serials.next_serial("tt01:000.00.20.H12", date(2026, 3, 2)) == 1


def test_a_read_only_transaction_on_postgresql_is_a_clear_error(tmp_path: Path) -> None:
    engine = make_engine("postgresql", tmp_path)
    try:
        with Session(engine) as session:
            session.execute(text("SET TRANSACTION READ ONLY"))
            with pytest.raises(StoreUnavailableError, match="read-only transaction"):
                _store(session).add(received())
            session.rollback()
        with Session(engine) as session, pytest.raises(DossierNotFoundError):
            _store(session).get(CODE)
    finally:
        engine.dispose()


def test_codes_every_database_can_keep_are_checked_alike(engine: Engine) -> None:
    with Session(engine) as session:
        store = _store(session)
        for bad in ("X" * 81, "a\x00b", "a\ud800b"):
            with pytest.raises(ArgumentTypeError, match="1–80 printable characters"):
                store.add(received(bad))
            with pytest.raises(ArgumentTypeError, match="1–80 printable characters"):
                store.get(bad)
        session.rollback()


def test_odd_arguments_are_refused_before_any_query(engine: Engine) -> None:
    with Session(engine) as session:
        store = _store(session)
        for call in (
            lambda: store.records(limit=-1),
            lambda: store.records(limit=10**30),
            lambda: store.records(status=5),  # type: ignore[arg-type]
            lambda: store.due_events(vn(2026, 3, 5), limit=-1),
            lambda: store.records(due_from=datetime.min.replace(tzinfo=VN)),
            lambda: store.count_due(datetime.max.replace(tzinfo=VN)),
            lambda: DossierStore(session, None),  # type: ignore[arg-type]
        ):
            with pytest.raises(ArgumentTypeError):
                call()


def _serials_worker(url: str, worker: int, rounds: int) -> list[str]:
    """Receive *rounds* numbered dossiers, rolling every third back; the codes committed."""
    engine = create_engine(url, connect_args={"timeout": 60} if url.startswith("sqlite") else {})
    kept = []
    try:
        for i in range(rounds):
            with Session(engine) as session:
                code = receive_numbered(session).code
                if (worker + i) % 3 == 0:
                    session.rollback()
                    continue
                session.commit()
                kept.append(code)
    finally:
        engine.dispose()
    return kept


def test_four_processes_issuing_serials_never_repeat_or_leave_gaps(engine: Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.starmap(_serials_worker, [(url, n, 6) for n in range(4)])
    serials = sorted(int(code.rsplit("-", 1)[1]) for codes in results for code in codes)
    assert serials == list(range(1, len(serials) + 1))


def test_an_unreadable_row_is_quarantined_and_the_sweep_goes_on(engine: Engine) -> None:
    bad, good = CODE, "000.00.20.H12-260302-0002"
    _add(engine, bad, good)
    with engine.begin() as connection:
        connection.execute(update(dossiers).where(dossiers.c.code == bad).values(data={"x": 1}))
    with Session(engine) as session:
        store = _store(session)
        found = store.due_events(vn(2026, 3, 6, 9))
        session.commit()
        assert [s.code for s in found] == [good]
        assert [e.code for e in store.unreadable] == [bad]
        assert bad in str(store.unreadable[0])
        assert store.count_due(vn(2026, 3, 6, 9)) == 0  # the loop ends


def test_a_recounted_save_rewrites_the_clock_of_its_old_events(engine: Engine) -> None:
    short = WorkingCalendar.vietnam(office_hours=OfficeHours.parse("08:00-09:00"))
    late = Dossier.receive(
        PROCEDURE,
        accepted_at=vn(2026, 3, 2, 10),
        channel=Channel.COUNTER,
        applicant=Applicant(name="Đỗ Văn Em"),
        calendar=CALENDAR,
        by="cb",
        code=CODE,
    )
    with Session(engine) as session:
        _store(session).add(late)
        session.commit()
    with Session(engine) as session:
        store = DossierStore(session, short)
        dossier = store.get(CODE, recount=True)
        store.save(dossier)
        session.commit()
    with Session(engine) as session:
        first = session.execute(
            select(dossier_events.c.legal_due_at).where(dossier_events.c.seq == 1)
        ).scalar_one()
        assert first == dossier.history[0].legal_due_at
        assert first != late.history[0].legal_due_at  # counted on the short hours now
