"""A small one-stop portal on motcua.store: FastAPI, SQLite (or PostgreSQL), ~150 lines.

The Lê Chân ward centre (Hải Phòng): receive at the counter, submit online and accept,
act on a dossier with its version (a stale one is a 409), print the receipt, list the
overdue, take the monthly report — every answer from motcua, every error a problem JSON
with the status of ``motcua.api.http_status``.

Run it (``pip install 'motcua[sql]' fastapi uvicorn``)::

    MOTCUA_PORTAL_DB=portal.db uvicorn --factory --app-dir examples/portal app:main

The tests drive it through FastAPI's test client (``tests/test_portal_example.py``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from motcua import (
    Applicant,
    Catalog,
    Channel,
    Dossier,
    DossierAction,
    DossierNumbering,
    Office,
    Receipt,
    WorkingCalendar,
    render_html,
)
from motcua.api import DossierView, http_status, problem
from motcua.errors import ArgumentTypeError, MotcuaError
from motcua.reports import Period
from motcua.store import DossierStore, create_schema, sqlite_engine

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CATALOG = Catalog.builtin()
CALENDAR = WorkingCalendar.vietnam()
AGENCY = "000.00.20.H12"
LE_CHAN = Office(
    name="Ủy ban nhân dân phường Lê Chân",
    parent="Ủy ban nhân dân thành phố Hải Phòng",
    unit="Trung tâm Phục vụ hành chính công phường Lê Chân",
    place="Hải Phòng",
    address="Số 1 đường Lê Chân, phường Lê Chân, thành phố Hải Phòng",
    lookup_url="https://dichvucong.haiphong.gov.vn/tra-cuu?ma={code}",
)


class NewDossier(BaseModel):
    """A dossier handed in at the counter, or submitted online."""

    procedure: str = Field(examples=["1.004873"])
    applicant: Applicant
    at: datetime | None = None
    by: str = "cb.tiepnhan"


class Act(BaseModel):
    """An action on a dossier, with the version the caller saw."""

    expected_version: int
    by: str
    at: datetime | None = None
    reason: str | None = None
    items: list[str] = []
    to: str | None = None
    new_due_at: datetime | None = None


router = APIRouter()


def _session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as opened:  # uncommitted work rolls back
        yield opened


Db = Annotated[Session, Depends(_session)]


def _now(request: Request) -> datetime:
    moment: datetime = request.app.state.clock()
    return moment


Now = Annotated[datetime, Depends(_now)]


def create_app(engine: Engine, *, clock: Any = None) -> FastAPI:
    """The portal on *engine* (its tables are created if missing).

    *clock* gives "now" when a request does not say ``at`` (tests pass a fixed one).
    """
    create_schema(engine)
    app = FastAPI(title="Cổng một cửa phường Lê Chân (motcua example)")
    app.state.engine = engine
    app.state.clock = clock or (lambda: datetime.now(VN))
    app.include_router(router)

    @app.exception_handler(MotcuaError)
    async def motcua_error(request: Request, error: MotcuaError) -> JSONResponse:
        del request
        return JSONResponse(problem(error), status_code=http_status(error))

    return app


def _view(dossier: Dossier, now: datetime) -> dict[str, Any]:
    return DossierView.of(dossier, at=now).model_dump(mode="json")


def _new(db: Session, body: NewDossier, now: datetime, *, online: bool) -> dict[str, Any]:
    store = DossierStore(db, CALENDAR)
    numbering = DossierNumbering(AGENCY, sequence=store.serials)
    procedure = CATALOG.get(body.procedure)
    at = body.at or now
    if online:
        dossier = Dossier.submit(
            procedure,
            submitted_at=at,
            channel=Channel.ONLINE,
            applicant=body.applicant,
            calendar=CALENDAR,
            by="cong.dvc",
            numbering=numbering,
        )
    else:
        dossier = Dossier.receive(
            procedure,
            accepted_at=at,
            channel=Channel.COUNTER,
            applicant=body.applicant,
            calendar=CALENDAR,
            by=body.by,
            numbering=numbering,
        )
    store.add(dossier)
    db.commit()
    return _view(dossier, now)


@router.post("/dossiers", status_code=201)
def receive(body: NewDossier, db: Db, now: Now) -> dict[str, Any]:
    """Receive a dossier at the counter: numbered, stored, its view returned."""
    return _new(db, body, now, online=False)


@router.post("/dossiers/online", status_code=201)
def submit(body: NewDossier, db: Db, now: Now) -> dict[str, Any]:
    """Submit a dossier online (the clerk accepts it later)."""
    return _new(db, body, now, online=True)


@router.get("/dossiers/{code}")
def get(code: str, db: Db, now: Now) -> dict[str, Any]:
    """One dossier."""
    return _view(DossierStore(db, CALENDAR).get(code), now)


_DETAILS = {
    DossierAction.REQUEST_SUPPLEMENT: "items",
    DossierAction.HAND_OVER: "to",
    DossierAction.EXTEND: "new_due_at",
}


@router.post("/dossiers/{code}/{action}")
def act(code: str, action: DossierAction, body: Act, db: Db, now: Now) -> dict[str, Any]:
    """Record *action*; a stale ``expected_version`` is a 409."""
    if action.creating or action is DossierAction.MARK_OVERDUE:
        raise ArgumentTypeError("action", action.value, expected="an action of the desk")
    store = DossierStore(db, CALENDAR)
    dossier = store.get(code)
    given: dict[str, Any] = {
        "at": body.at or now,
        "by": body.by,
        "expected_version": body.expected_version,
    }
    if action.needs_reason:
        given["reason"] = body.reason
    if action in _DETAILS:
        given[_DETAILS[action]] = getattr(body, _DETAILS[action])
    getattr(dossier, action.value)(**given)
    store.save(dossier)
    db.commit()
    return _view(dossier, now)


@router.get("/dossiers/{code}/receipt", response_class=HTMLResponse)
def receipt(code: str, db: Db) -> str:
    """The receipt with its appointment (mẫu 01), printable."""
    dossier = DossierStore(db, CALENDAR).get(code)
    procedure = CATALOG.get(dossier.procedure_code)
    return render_html(Receipt.from_dossier(dossier, procedure=procedure, office=LE_CHAN))


@router.get("/overdue")
def overdue(db: Db, now: Now) -> list[dict[str, Any]]:
    """The overdue board (recording the overdue marks that have come: a cron's job)."""
    store = DossierStore(db, CALENDAR)
    store.due_events(now)
    db.commit()
    return [
        {"code": r.code, "field": r.field, "legal_due_at": r.legal_due_at, "status": r.status}
        for r in store.records(overdue=True)
    ]


@router.get("/reports/{year}/{month}")
def monthly(
    year: int,
    month: int,
    db: Db,
    now: Now,
    group_by: Literal["field", "procedure", "agency", "channel"] = "field",
) -> Any:
    """The month's report (TT 01/2018 Art. 13), counted in the database as of now."""
    taken = DossierStore(db, CALENDAR).report(Period.month(year, month), at=now, group_by=group_by)
    return JSONResponse(content=json.loads(taken.to_json()))


def main() -> FastAPI:  # pragma: no cover - the uvicorn entry point
    """The portal on the SQLite file ``$MOTCUA_PORTAL_DB`` (default ``portal.db``)."""
    return create_app(sqlite_engine(os.environ.get("MOTCUA_PORTAL_DB", "portal.db")))
