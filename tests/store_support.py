"""What the store tests share: engines on SQLite and PostgreSQL, and a dossier to store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session

from helpers import vn
from motcua import Applicant, Catalog, Channel, Dossier, DossierNumbering, WorkingCalendar
from motcua.store import DossierStore, create_schema, metadata

POSTGRES_URL = os.environ.get("MOTCUA_TEST_POSTGRES_URL")
POSTGRES_SKIP = (
    'PostgreSQL tests need a server: run `eval "$(bash .ci/postgres.sh start)"` (it sets '
    "MOTCUA_TEST_POSTGRES_URL=postgresql+psycopg://motcua@127.0.0.1:55432/motcua_test), "
    "or point MOTCUA_TEST_POSTGRES_URL at an empty database you own"
)
CALENDAR = WorkingCalendar.vietnam()
PROCEDURE = Catalog.builtin().get("1.004873")  # 3 working days


def make_engine(kind: str, tmp_path: Path) -> Engine:
    """A fresh database with the motcua tables: a SQLite file, or the test PostgreSQL."""
    if kind == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'motcua.db'}", connect_args={"timeout": 60})
    else:
        if POSTGRES_URL is None:
            pytest.skip(POSTGRES_SKIP)
        engine = create_engine(POSTGRES_URL, pool_size=10)
        metadata.drop_all(engine)
    create_schema(engine)
    return engine


def engines(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Engine]:
    """The body of the ``engine`` fixtures."""
    engine = make_engine(request.param, tmp_path)
    yield engine
    engine.dispose()


def received(code: str = "000.00.20.H12-260302-0001", day: int = 2) -> Dossier:
    """1.004873 received at the counter at 09:00 on *day* March 2026 (due 3 working days on)."""
    return Dossier.receive(
        PROCEDURE,
        accepted_at=vn(2026, 3, day, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="Trần Thị Bình"),
        calendar=CALENDAR,
        by="cb.tiepnhan",
        code=code,
    )


def receive_numbered(session: Session, day: int = 2) -> Dossier:
    """A dossier numbered from the session's serials (SqlSerialSequence)."""
    store = DossierStore(session, CALENDAR)
    numbering = DossierNumbering("000.00.20.H12", sequence=store.serials)
    dossier = Dossier.receive(
        PROCEDURE,
        accepted_at=vn(2026, 3, day, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="Lê Văn Cường"),
        calendar=CALENDAR,
        by="cb.tiepnhan",
        numbering=numbering,
    )
    store.add(dossier)
    return dossier
