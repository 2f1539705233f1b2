"""Schema 2 of motcua.store: the case and estimate columns, the re-check, the upgrade from 1.

On a real SQLite file and a real PostgreSQL server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text, update
from sqlalchemy.orm import Session

from helpers import announced_2027, vn
from motcua import Applicant, Catalog, Channel, Dossier, OfficeHours, WorkingCalendar
from motcua.errors import ArgumentTypeError, SchemaVersionError
from motcua.reports import Period, report
from motcua.store import (
    SCHEMA_VERSION,
    DossierStore,
    check_schema,
    dossiers,
    metadata,
    schema_version,
    upgrade_schema,
)
from store_support import CALENDAR, engines

pytestmark = pytest.mark.filterwarnings("ignore::motcua.errors.EstimatedScheduleWarning")

LAND = Catalog.builtin().get("1.013831")


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Engine]:
    yield from engines(tmp_path, request)


def _land(code: str, at: object, case: str | None = None) -> Dossier:
    return Dossier.receive(
        LAND,
        accepted_at=at,  # type: ignore[arg-type]
        channel=Channel.COUNTER,
        applicant=Applicant(name="Phạm Văn C"),
        calendar=CALENDAR,
        by="cb.tiepnhan",
        code=code,
        case=case,
    )


def _stored(engine: Engine) -> list[Dossier]:
    kept = [
        _land("LAND-1", vn(2026, 3, 2, 9)),
        _land("LAND-2", vn(2026, 3, 2, 9), "nd101-24-2a"),
        _land("LAND-3", vn(2026, 3, 3, 9), "nd101-24-2bc"),
        _land("LAND-4", vn(2027, 1, 18, 9), "nd101-24-2bc"),  # across Tết 2027: estimated
    ]
    with Session(engine) as session:
        store = DossierStore(session, CALENDAR)
        for dossier in kept:
            store.add(dossier)
        session.commit()
    return kept


def test_the_store_keeps_the_case_and_reports_by_it_as_the_library_does(engine: Engine) -> None:
    kept = _stored(engine)
    with Session(engine) as session:
        store = DossierStore(session, CALENDAR)
        rows = {r.code: r for r in store.records()}
        assert rows["LAND-2"].case == "nd101-24-2a"
        assert rows["LAND-1"].case is None
        month = Period.month(2026, 3)
        at = vn(2026, 3, 31, 17)
        stored = store.report(month, at=at, group_by="case")
    expected = report(kept[:3], month, at=at, group_by="case")
    assert [r.group for r in stored.rows] == [
        "1.013831",
        "1.013831/nd101-24-2a",
        "1.013831/nd101-24-2bc",
    ]
    assert stored.rows == expected.rows


def test_recheck_recounts_and_saves_each_estimated_dossier(engine: Engine) -> None:
    _stored(engine)
    with Session(engine) as session:
        store = DossierStore(session, CALENDAR)
        assert [r.code for r in store.records(due_estimated=True)] == ["LAND-4"]
    announced = announced_2027()
    with Session(engine) as session:
        store = DossierStore(session, announced)
        (change,) = store.recheck()
        session.commit()
    assert change.code == "LAND-4"
    assert change.legal_due_at == vn(2027, 2, 22, 9)  # estimated Tết: 5 weekdays off
    assert change.new_legal_due_at == vn(2027, 2, 23, 9)  # announced: one more
    assert change.notify
    with Session(engine) as session:
        store = DossierStore(session, announced)
        assert store.records(due_estimated=True) == []
        again = store.get("LAND-4")
        assert again.legal_due_at == vn(2027, 2, 23, 9)
        assert again.recounted_from == (CALENDAR.identity,)


def _as_version_1(engine: Engine) -> None:
    """Take the columns of schema 2 away, as a database made by the previous release."""
    with engine.begin() as connection:
        for name in ("case_key", "due_estimated"):
            connection.execute(text(f"ALTER TABLE motcua_dossiers DROP COLUMN {name}"))
        connection.execute(update(schema_version).values(version=1))


def test_a_version_1_database_is_refused_then_upgraded_with_its_columns_filled(
    engine: Engine,
) -> None:
    _stored(engine)
    _as_version_1(engine)
    engine.dispose()  # forget the checked engine: a new process would see version 1
    with (
        Session(engine) as session,
        pytest.raises(SchemaVersionError, match="version 1, not 2; upgrade it with"),
    ):
        check_schema(session)
    assert upgrade_schema(engine, calendar=CALENDAR) == 1
    with Session(engine) as session:
        check_schema(session)
        store = DossierStore(session, CALENDAR)
        rows = {r.code: r for r in store.records()}
    assert rows["LAND-3"].case == "nd101-24-2bc"
    assert [c for c, r in sorted(rows.items()) if r.due_estimated] == ["LAND-4"]
    assert upgrade_schema(engine, calendar=CALENDAR) == SCHEMA_VERSION  # nothing to do


def test_upgrading_what_is_not_a_motcua_database_is_refused(engine: Engine) -> None:
    metadata.drop_all(engine)
    with pytest.raises(SchemaVersionError):
        upgrade_schema(engine, calendar=CALENDAR)
    metadata.create_all(engine)  # the fixture's engine is reused by nobody else
    with engine.begin() as connection:
        assert connection.execute(select(func.count()).select_from(dossiers)).scalar() == 0


def test_recheck_leaves_the_rows_of_another_centres_calendar_alone(engine: Engine) -> None:
    centre = WorkingCalendar.vietnam(office_hours=OfficeHours.parse("07:30-11:30, 13:30-17:00"))
    theirs = Dossier.receive(
        LAND,
        accepted_at=vn(2027, 1, 18, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="B"),
        calendar=centre,
        by="cb",
        code="B-1",
        case="nd101-24-2bc",
    )
    with Session(engine) as session:
        DossierStore(session, centre).add(theirs)
        DossierStore(session, CALENDAR).add(_land("A-1", vn(2027, 1, 18, 9), "nd101-24-2bc"))
        session.commit()
    with Session(engine) as session:
        changes = DossierStore(session, announced_2027()).recheck()
        session.commit()
    assert [c.code for c in changes] == ["A-1"]
    with Session(engine) as session:
        (row,) = DossierStore(session, centre).records(procedure="1.013831", agency=None)[:1]
        kept = DossierStore(session, centre).get("B-1")
    assert kept == theirs
    assert kept.counted_on == centre.identity
    assert row.code in ("A-1", "B-1")


def test_upgrade_refuses_what_it_cannot_upgrade(engine: Engine) -> None:
    with pytest.raises(ArgumentTypeError, match="engine"):
        upgrade_schema("sqlite://", calendar=CALENDAR)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="calendar"):
        upgrade_schema(engine, calendar="vn")  # type: ignore[arg-type]
    with engine.begin() as connection:
        connection.execute(update(schema_version).values(version=SCHEMA_VERSION + 1))
    with pytest.raises(SchemaVersionError, match="newer than this release's"):
        upgrade_schema(engine, calendar=CALENDAR)
