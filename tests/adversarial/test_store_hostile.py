"""Hostile arguments and hostile databases for ``motcua.store``: a StoreError, never half-written.

Issue 15 for the store: every public signature handed hostile values (a motcua error or
an answer, the rows and versions unchanged), and the databases a portal meets — locked by
another connection, read-only, full, damaged or not a database at all, holding another
system's table of the same name, or rows edited behind motcua's back. Each is a
``StoreError`` (or the ``StoredDossierError`` of the row) that names the problem, and a
fresh connection sees nothing of the refused operation. PostgreSQL where it differs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from helpers import vn
from hostile import HOSTILE, assert_cheap_to_print, hostile_settings
from motcua.errors import (
    MotcuaError,
    SchemaMismatchError,
    SchemaVersionError,
    StoreCorruptError,
    StoredDossierError,
    StoreError,
    StoreUnavailableError,
)
from motcua.reports import Period
from motcua.store import (
    DossierStore,
    create_schema,
    metadata,
    report_from_counts,
    report_query,
    sqlite_engine,
    upgrade_schema,
)
from store_support import CALENDAR, POSTGRES_SKIP, POSTGRES_URL, received

pytestmark = pytest.mark.filterwarnings("ignore::motcua.errors.EstimatedScheduleWarning")

CODE = "000.00.20.H12-260302-0001"
AT = vn(2026, 3, 20, 9)


def stored(engine: Engine) -> list[tuple[Any, ...]]:
    """Every dossier's code and version, and the events, through a fresh connection."""
    with engine.connect() as fresh:
        rows = fresh.execute(text("SELECT code, version FROM motcua_dossiers ORDER BY code"))
        events = fresh.execute(text("SELECT count(*) FROM motcua_dossier_events")).scalar()
        return [*map(tuple, rows), ("events", events)]


def add_one(engine: Engine, code: str = CODE) -> None:
    with Session(engine) as session:
        DossierStore(session, CALENDAR).add(received(code))
        session.commit()


def fresh_sqlite(tmp_path: Path, name: str = "motcua.db") -> tuple[Path, Engine]:
    path = tmp_path / name
    engine = sqlite_engine(path, timeout=0.1)
    create_schema(engine)
    return path, engine


# -- databases that refuse ------------------------------------------------------------------


def test_a_locked_sqlite_database_is_unavailable_and_nothing_is_written(tmp_path: Path) -> None:
    _, engine = fresh_sqlite(tmp_path)
    lock = sqlite3.connect(tmp_path / "motcua.db")
    lock.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    try:
        with Session(engine) as session, pytest.raises(StoreUnavailableError) as caught:
            DossierStore(session, CALENDAR).add(received())
        assert "database is locked" in str(caught.value)
        assert caught.value.operation == "add"
        assert caught.value.code == CODE
        assert "retry" in str(caught.value)
    finally:
        lock.rollback()
        lock.close()
    assert stored(engine) == [("events", 0)]
    add_one(engine)  # the lock released, the same add succeeds
    assert stored(engine)[0] == (CODE, 1)


def test_a_read_only_sqlite_database_is_unavailable_and_unchanged(tmp_path: Path) -> None:
    path, engine = fresh_sqlite(tmp_path)
    add_one(engine)
    engine.dispose()
    before = path.read_bytes()
    read_only = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    with Session(read_only) as session:
        store = DossierStore(session, CALENDAR)
        dossier = store.get(CODE)  # reading works
        dossier.start_processing(at=vn(2026, 3, 2, 10), by="tp")
        with pytest.raises(StoreUnavailableError, match="readonly database") as caught:
            store.save(dossier)
        assert_cheap_to_print(caught.value)
    read_only.dispose()
    assert path.read_bytes() == before


@pytest.mark.parametrize("damage", ["garbage", "pages"])
def test_a_damaged_sqlite_file_is_store_corrupt_not_retry(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "motcua.db"
    if damage == "garbage":
        path.write_bytes(bytes(range(256)) * 64)
    else:
        _, engine = fresh_sqlite(tmp_path)
        add_one(engine)
        engine.dispose()
        data = bytearray(path.read_bytes())
        data[100:4000] = b"\xa5" * 3900  # the schema page overwritten
        path.write_bytes(bytes(data))
    before = path.read_bytes()
    engine = create_engine(f"sqlite:///{path}")
    with Session(engine) as session, pytest.raises(StoreCorruptError) as caught:
        DossierStore(session, CALENDAR)
    message = str(caught.value)
    assert "not a database" in message or "malformed" in message
    assert "restore it from a backup" in message
    assert "retrying will not help" in message
    assert isinstance(caught.value, StoreUnavailableError)  # as it was filed before
    with pytest.raises(StoreCorruptError):
        create_schema(engine)
    engine.dispose()
    assert path.read_bytes() == before


def _fill(store: DossierStore) -> None:
    for n in range(2, 200):
        store.add(received(f"000.00.20.H12-260302-{n:04d}"))


def test_a_full_sqlite_database_is_unavailable_and_nothing_half_written(tmp_path: Path) -> None:
    _, engine = fresh_sqlite(tmp_path)
    add_one(engine)
    before = stored(engine)
    with Session(engine) as session:
        session.execute(text("PRAGMA max_page_count = 1"))  # no page more: the disk is full
        store = DossierStore(session, CALENDAR)
        with pytest.raises(StoreUnavailableError, match="full") as caught:
            _fill(store)
        assert "roll the transaction back" in str(caught.value)
        session.rollback()
    assert stored(engine) == before


def test_a_foreign_table_of_a_motcua_name_is_a_schema_mismatch(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'other.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE motcua_dossiers (id INTEGER PRIMARY KEY, ten TEXT)"))
    with pytest.raises(SchemaMismatchError) as caught:
        create_schema(engine)
    assert caught.value.table == "motcua_dossiers"
    assert "code" in caught.value.missing
    assert "not made by motcua" in str(caught.value)
    assert isinstance(caught.value, SchemaVersionError)
    with engine.connect() as fresh:  # nothing of create_schema stayed
        names = fresh.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
        assert sorted(n for (n,) in names) == ["motcua_dossiers"]


def test_a_foreign_table_behind_a_recorded_version_is_found_on_open(tmp_path: Path) -> None:
    path, engine = fresh_sqlite(tmp_path)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE motcua_due_events"))
        connection.execute(text("CREATE TABLE motcua_due_events (x INTEGER)"))
    engine.dispose()
    other = create_engine(f"sqlite:///{path}")
    with Session(other) as session, pytest.raises(SchemaMismatchError, match="motcua_due_events"):
        DossierStore(session, CALENDAR)


# -- rows edited behind motcua's back -------------------------------------------------------

EDITS = {
    "data-garbage": "UPDATE motcua_dossiers SET data = 'garbage'",
    "data-list": "UPDATE motcua_dossiers SET data = '[1]'",
    "status": "UPDATE motcua_dossiers SET status = 'bogus'",
    "channel": "UPDATE motcua_dossiers SET channel = '5'",
    "due_at": "UPDATE motcua_dossiers SET due_at = 'garbage'",
    "version-text": "UPDATE motcua_dossiers SET version = 'x'",
    "version-ahead": "UPDATE motcua_dossiers SET version = 7",
    "calendar": "UPDATE motcua_dossiers SET calendar_id = 'elsewhere'",
}

READS: dict[str, Callable[[DossierStore], object]] = {
    "get": lambda store: store.get(CODE),
    "records": lambda store: store.records(),
    "due_events": lambda store: store.due_events(AT),
    "count_due": lambda store: store.count_due(AT),
    "report": lambda store: store.report(Period.month(2026, 3), at=AT),
}


@pytest.fixture(scope="module")
def edited_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{tmp_path_factory.mktemp('edited') / 'm.db'}")
    create_schema(engine)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_row_edited_outside_motcua_is_a_stored_dossier_error(
    edited_engine: Engine, edit: str
) -> None:
    engine = edited_engine
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM motcua_due_events"))
        connection.execute(text("DELETE FROM motcua_dossier_events"))
        connection.execute(text("DELETE FROM motcua_dossiers"))
    add_one(engine)
    with engine.begin() as connection:
        connection.execute(text(EDITS[edit]))
    before = stored(engine)
    for name, read in READS.items():
        with Session(engine) as session:
            store = DossierStore(session, CALENDAR)
            try:
                read(store)
            except (StoredDossierError, StoreError) as exc:
                assert_cheap_to_print(exc)
            if name == "due_events" and edit != "due_at":
                assert all(isinstance(e, StoredDossierError) for e in store.unreadable)
            session.rollback()
    assert stored(engine) == before
    if edit.startswith("version"):
        with Session(engine) as session, pytest.raises(StoredDossierError, match="version"):
            DossierStore(session, CALENDAR).get(CODE)


# -- PostgreSQL, where it differs -----------------------------------------------------------


@pytest.fixture
def pg() -> Iterator[Engine]:
    if POSTGRES_URL is None:
        pytest.skip(POSTGRES_SKIP)
    engine = create_engine(POSTGRES_URL)
    metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS motcua_dossiers CASCADE"))
    yield engine
    metadata.drop_all(engine)
    engine.dispose()


def test_postgres_a_read_only_transaction_is_unavailable(pg: Engine) -> None:
    create_schema(pg)
    with Session(pg) as session:
        session.execute(text("SET TRANSACTION READ ONLY"))
        with pytest.raises(StoreUnavailableError, match="read-only") as caught:
            DossierStore(session, CALENDAR).add(received())
        assert_cheap_to_print(caught.value)
    assert stored(pg) == [("events", 0)]


def test_postgres_a_row_locked_past_the_lock_timeout_is_unavailable(pg: Engine) -> None:
    create_schema(pg)
    add_one(pg)
    with pg.connect() as holder:
        holder.execute(text("SELECT 1 FROM motcua_dossiers FOR UPDATE"))  # held until closed
        with Session(pg) as session:
            session.execute(text("SET LOCAL lock_timeout = '100ms'"))
            store = DossierStore(session, CALENDAR)
            dossier = store.get(CODE)
            dossier.start_processing(at=vn(2026, 3, 2, 10), by="tp")
            with pytest.raises(StoreUnavailableError, match="lock") as caught:
                store.save(dossier)
            assert caught.value.code == CODE
        holder.rollback()
    assert stored(pg)[0] == (CODE, 1)


def test_postgres_a_foreign_table_is_a_schema_mismatch(pg: Engine) -> None:
    with pg.begin() as connection:
        connection.execute(text("CREATE TABLE motcua_dossiers (id serial PRIMARY KEY)"))
    with pytest.raises(SchemaMismatchError, match="motcua_dossiers"):
        create_schema(pg)


# -- the sweep of every public signature ----------------------------------------------------


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = sqlite_engine(tmp_path_factory.mktemp("sweep") / "m.db")
    create_schema(engine)
    add_one(engine)
    yield engine
    engine.dispose()


def _with_store(method: str) -> Callable[..., object]:
    def call(engine: Engine, **kwargs: Any) -> object:
        with Session(engine) as session:
            store = DossierStore(session, CALENDAR)
            try:
                return getattr(store, method)(**kwargs)
            finally:
                session.rollback()

    return call


def _serial(engine: Engine, **kwargs: Any) -> object:
    with Session(engine) as session:
        try:
            return DossierStore(session, CALENDAR).serials.next_serial(**kwargs)
        finally:
            session.rollback()


def _store(engine: Engine, **kwargs: Any) -> object:
    with Session(engine) as session:
        args: dict[str, Any] = {"session": session, "calendar": CALENDAR} | kwargs
        return DossierStore(**args)


def _created() -> Engine:
    engine = create_engine("sqlite://")
    create_schema(engine)
    return engine


MARCH = Period.month(2026, 3)
ENTRY_POINTS: dict[str, tuple[Callable[..., object], dict[str, Any]]] = {
    "DossierStore": (_store, {"calendar": CALENDAR}),
    "get": (_with_store("get"), {"code": CODE, "recount": False}),
    "add": (_with_store("add"), {"dossier": received("000.00.20.H12-260302-0002")}),
    "save": (_with_store("save"), {"dossier": received()}),
    "records": (
        _with_store("records"),
        {
            "status": None,
            "overdue": None,
            "procedure": "1.004873",
            "field": None,
            "agency": None,
            "channel": None,
            "due_from": vn(2026, 3, 1),
            "due_until": vn(2026, 4, 1),
            "due_estimated": None,
            "limit": 10,
        },
    ),
    "due_events": (_with_store("due_events"), {"at": AT, "by": "system", "limit": 10}),
    "count_due": (_with_store("count_due"), {"at": AT}),
    "report": (_with_store("report"), {"period": MARCH, "at": AT, "group_by": "field"}),
    "next_serial": (_serial, {"key": "000.00.20.H12", "day": date(2026, 3, 2)}),
}
LIBRARY: dict[str, tuple[Callable[..., object], dict[str, Any]]] = {
    "report_query": (report_query, {"period": MARCH, "at": AT, "group_by": "field"}),
    "report_from_counts": (
        report_from_counts,
        {
            "rows": [("Hộ tịch", "received_counter", "in_progress_within", False, 1)],
            "period": MARCH,
            "at": AT,
            "group_by": "field",
        },
    ),
    "sqlite_engine": (sqlite_engine, {"path": ":memory:", "timeout": 1.0, "synchronous": "full"}),
    "upgrade_schema": (upgrade_schema, {"engine": _created(), "calendar": CALENDAR}),
    "create_schema": (create_schema, {"engine": create_engine("sqlite://")}),
}

_TARGETS = [(n, p) for n, (_, kw) in ENTRY_POINTS.items() for p in kw]
_PURE = [(n, p) for n, (_, kw) in LIBRARY.items() for p in kw]


@pytest.mark.parametrize(("name", "parameter"), _TARGETS, ids=[f"{n}-{p}" for n, p in _TARGETS])
@hostile_settings(6)
@given(value=HOSTILE)
def test_a_hostile_argument_to_the_store_changes_nothing(
    engine: Engine, name: str, parameter: str, value: object
) -> None:
    call, valid = ENTRY_POINTS[name]
    before = stored(engine)
    try:
        call(engine, **(valid | {parameter: value}))
    except MotcuaError as exc:
        assert_cheap_to_print(exc)
    assert stored(engine) == before


@pytest.mark.parametrize(("name", "parameter"), _PURE, ids=[f"{n}-{p}" for n, p in _PURE])
@hostile_settings(6)
@given(value=HOSTILE)
def test_a_hostile_argument_to_the_store_functions(
    name: str, parameter: str, value: object
) -> None:
    call, valid = LIBRARY[name]
    if isinstance(value, str) and name == "sqlite_engine" and parameter == "path":
        value = ":memory:"  # text is a path: never create files from the sweep
    try:
        call(**(valid | {parameter: value}))
    except MotcuaError as exc:
        assert_cheap_to_print(exc)


def test_every_store_entry_point_answers_its_valid_arguments(engine: Engine) -> None:
    for name, (call, valid) in ENTRY_POINTS.items():
        if name not in ("add", "save"):  # save refuses a dossier this store did not read
            call(engine, **valid)
    for call, valid in LIBRARY.values():
        call(**valid)


@pytest.mark.parametrize("version", [True, 1.0, "1"])
def test_a_stored_version_must_be_an_int_not_a_bool(edited_engine: Engine, version: object) -> None:
    from motcua.store._rows import check_version  # noqa: PLC0415 - the private check itself

    with pytest.raises(StoredDossierError, match="version"):
        check_version(CODE, received(), version)
