"""Reports in the database equal the Python report cell for cell: SQLite, PostgreSQL, DuckDB."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from helpers import VN, vn
from motcua import Applicant, Catalog, Channel, Dossier, DossierAction
from motcua.errors import ActionNotAllowedError, ReportError
from motcua.reports import Period, Report, report
from motcua.store import DossierStore, export_parquet, report_on_duckdb
from store_support import CALENDAR, make_engine

_A = DossierAction
PROCEDURES = [Catalog.builtin().get(code) for code in ("1.004873", "2.002621", "1.001193")]
START = vn(2026, 3, 2, 8)
LAST = vn(2026, 6, 30, 17)
_ENDINGS = frozenset({_A.WITHDRAW, _A.STOP, _A.REFUSE})


def _life(rng: random.Random, n: int) -> Dossier:
    """A dossier with a random but lawful history between March and June 2026."""
    at = START + timedelta(minutes=rng.randrange(0, 80 * 24 * 60))
    procedure = rng.choice(PROCEDURES)
    channel = rng.choice([o.channel for o in procedure.channels])
    if channel is not Channel.ONLINE:
        at = CALENDAR.next_office_time(at)  # the desk receives in office hours
    dossier = Dossier.receive(
        procedure,
        accepted_at=at,
        channel=channel,
        applicant=Applicant(name=f"Người nộp {n}"),
        calendar=CALENDAR,
        by="cb.tiepnhan",
        code=f"000.00.20.H12-{at:%y%m%d}-{n:04d}",
    )
    for _ in range(rng.randrange(0, 8)):
        at += timedelta(minutes=rng.choice((30, 240, 1440, 4320, 10080)))
        allowed = [a for a in dossier.allowed_actions() if a is not _A.MARK_OVERDUE]
        if at > LAST or not allowed:
            break
        ending = [a for a in allowed if a in _ENDINGS]
        going = [a for a in allowed if a not in _ENDINGS]
        action = rng.choice(ending if not going or (ending and rng.random() < 0.1) else going)
        try:
            _do(dossier, action, at)
        except ActionNotAllowedError:
            continue  # a policy refusal (a second supplement…): try something else
    if rng.random() < 0.3:
        dossier.check_overdue(at + timedelta(days=3))
    return dossier


def _do(dossier: Dossier, action: DossierAction, at: datetime) -> None:
    by = "cb"
    reason = "lý do"
    calls: dict[DossierAction, Any] = {
        _A.START_PROCESSING: lambda: dossier.start_processing(at=at, by=by),
        _A.HAND_OVER: lambda: dossier.hand_over(at=at, by=by, to="phòng"),
        _A.REQUEST_SUPPLEMENT: lambda: dossier.request_supplement(
            at=at, by=by, reason=reason, items=["Tờ khai"]
        ),
        _A.SUPPLEMENT_RECEIVED: lambda: dossier.supplement_received(at=at, by=by),
        _A.REQUEST_PAYMENT: lambda: dossier.request_payment(at=at, by=by, reason=reason),
        _A.PAYMENT_RECEIVED: lambda: dossier.payment_received(at=at, by=by),
        _A.EXTEND: lambda: dossier.extend(
            at=at, by=by, reason=reason, new_due_at=at + timedelta(days=5)
        ),
        _A.MARK_RESULT_READY: lambda: dossier.mark_result_ready(at=at, by=by),
        _A.RETURN_RESULT: lambda: dossier.return_result(at=at, by=by),
        _A.REFUSE: lambda: dossier.refuse(at=at, by=by, reason=reason),
        _A.WITHDRAW: lambda: dossier.withdraw(at=at, by=by, reason=reason),
        _A.STOP: lambda: dossier.stop(at=at, by=by, reason=reason),
        _A.ACCEPT: lambda: dossier.accept(at=at, by=by),
    }
    calls[action]()


DOSSIERS = [_life(random.Random(7 + n), n) for n in range(240)]


class Where:
    """One database holding DOSSIERS, and how to take a report there."""

    def __init__(self, kind: str, tmp: Path) -> None:
        self.kind = kind
        self.engine: Engine = make_engine("sqlite" if kind == "duckdb" else kind, tmp)
        with Session(self.engine) as session:
            store = DossierStore(session, CALENDAR)
            for dossier in DOSSIERS:
                store.add(dossier)
            session.commit()
        self.duck: Any = None
        if kind == "duckdb":
            with Session(self.engine) as session:
                files = export_parquet(session, tmp / "parquet")
            self.duck = duckdb.connect()
            for path in files:
                self.duck.execute(
                    f"CREATE VIEW {path.stem} AS SELECT * FROM read_parquet('{path}')"
                )

    def report(self, period: Period, at: datetime, group_by: Any) -> Report:
        if self.duck is not None:
            return report_on_duckdb(self.duck, period, at=at, group_by=group_by)
        with Session(self.engine) as session:
            return DossierStore(session, CALENDAR).report(period, at=at, group_by=group_by)


@pytest.fixture(scope="module", params=["sqlite", "postgresql", "duckdb"])
def where(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Where]:
    place = Where(request.param, tmp_path_factory.mktemp(request.param))
    yield place
    place.engine.dispose()


def _python(period: Period, at: datetime, group_by: Any) -> Report:
    end = datetime.combine(
        period.last + timedelta(days=1), datetime.min.time(), tzinfo=START.tzinfo
    )
    return report([d for d in DOSSIERS if d.history[0].at < end], period, at=at, group_by=group_by)


periods = st.one_of(
    st.sampled_from([Period.month(2026, m) for m in (3, 4, 5, 6)]),
    st.dates(date(2026, 3, 2), date(2026, 6, 30)).map(Period.day),
)
moments = st.datetimes(
    datetime(2026, 3, 1),  # noqa: DTZ001 - hypothesis bounds are naive; the zone is given
    datetime(2026, 9, 1),  # noqa: DTZ001
    timezones=st.just(VN),
)
groupings = st.sampled_from(["field", "procedure", "agency", "channel", None])


@settings(max_examples=40, deadline=None)
@given(period=periods, at=moments, group_by=groupings)
@example(period=Period.month(2026, 5), at=vn(2026, 4, 1), group_by="field")  # taken early
def test_the_database_counts_as_python_does(
    where: Where, period: Period, at: datetime, group_by: Any
) -> None:
    assert where.report(period, at, group_by) == _python(period, at, group_by)


def test_a_closed_month_reads_the_same_whenever_it_is_taken(where: Where) -> None:
    april = Period.month(2026, 4)
    on_the_day = where.report(april, vn(2026, 4, 30, 23, 59), "field")
    assert on_the_day.total.received > 50
    for later in (vn(2026, 5, 15), vn(2026, 8, 1)):
        assert where.report(april, later, "field").rows == on_the_day.rows


def test_an_unknown_grouping_is_refused_before_any_query(where: Where) -> None:
    with pytest.raises(ReportError, match="cannot group by 'ward'"):
        where.report(Period.month(2026, 4), vn(2026, 5, 1), "ward")
