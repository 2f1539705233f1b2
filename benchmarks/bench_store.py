"""motcua.store on 100,000 stored dossiers, on SQLite and (when a server is given) PostgreSQL.

Run with ``make bench`` (PostgreSQL too with ``MOTCUA_TEST_POSTGRES_URL`` set, e.g. after
``eval "$(bash .ci/postgres.sh start)"``). In one process, per database:

* **receive + add + commit** of one dossier, on a table of 100,000;
* **get + one action + save + commit** of one dossier;
* **the first sweep** of the day, with about 20,000 dossiers due (overdue marks recorded,
  outbox rows written, ``next_check_at`` moved), against loading every candidate;
* **the store's overhead** over raw SQLAlchemy Core inserts of the very same rows.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Date,
    Engine,
    and_,
    case,
    cast,
    create_engine,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from motcua import Applicant, Catalog, Channel, Dossier, WorkingCalendar
from motcua.reports import Period
from motcua.store import (
    DossierStore,
    create_schema,
    dossier_events,
    dossiers,
    metadata,
    sqlite_engine,
)
from motcua.store._report import report_query
from motcua.store._rows import dossier_row, event_rows

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkingCalendar.vietnam()
PROCEDURE = Catalog.builtin().get("1.004873")  # 3 working days
N = int(os.environ.get("MOTCUA_BENCH_DOSSIERS", "100000"))
REPORT_TIMES = int(os.environ.get("MOTCUA_BENCH_REPORT_TIMES", "10"))  # 100k × 10 = 1M
APPLICANT = Applicant(name="Nguyễn Văn An", phone="0912345678")
START = datetime(2026, 1, 5, 8, 0, tzinfo=VN)
DAYS = 50
# Received on 50 working days from 5/1, the older three quarters finished; the sweep on
# the morning of the next working day finds the open ones received two or more working
# days before due soon or overdue (3 working days each): about a fifth of the table.
SWEEP_AT = datetime.combine(CAL.add_working_days(START.date(), DAYS), START.timetz()).replace(
    hour=7
)


def dossier(i: int) -> Dossier:
    day = CAL.add_working_days(START.date(), i * DAYS // N)
    at = datetime.combine(day, START.timetz()) + timedelta(minutes=(i * 7) % 480)
    at = CAL.next_office_time(at)  # the counter receives in office hours
    d = Dossier.receive(
        PROCEDURE,
        accepted_at=at,
        channel=Channel.COUNTER,
        applicant=APPLICANT,
        calendar=CAL,
        by="cb.tiepnhan",
        code=f"000.00.20.H12-{day:%y%m%d}-{i:06d}",
    )
    if i < N * 3 // 4:  # the older three quarters are finished and returned
        d.start_processing(at=at + timedelta(hours=1), by="tuphap")
        d.mark_result_ready(at=at + timedelta(hours=2), by="tuphap")
        d.return_result(at=at + timedelta(hours=3), by="cb.tiepnhan")
    return d


def fill(engine: Engine) -> None:
    with Session(engine) as session:
        store = DossierStore(session, CAL)
        for i in range(N):
            store.add(dossier(i))
            if i % 2000 == 1999:
                session.commit()
                store = DossierStore(session, CAL)
        session.commit()


def per_op(engine: Engine, op: Callable[[Session, int], None], n: int = 300) -> float:
    started = time.perf_counter()
    for i in range(n):
        with Session(engine) as session:
            op(session, i)
            session.commit()
    return (time.perf_counter() - started) / n


def receive_add(session: Session, i: int) -> None:
    d = Dossier.receive(
        PROCEDURE,
        accepted_at=CAL.next_office_time(SWEEP_AT + timedelta(minutes=i)),
        channel=Channel.COUNTER,
        applicant=APPLICANT,
        calendar=CAL,
        by="cb.tiepnhan",
        code=f"000.00.20.H12-{SWEEP_AT:%y%m%d}-{N + i:06d}",
    )
    DossierStore(session, CAL).add(d)


def act(session: Session, i: int) -> None:
    store = DossierStore(session, CAL)
    d = store.get(f"000.00.20.H12-{SWEEP_AT:%y%m%d}-{N + i:06d}")
    d.start_processing(at=SWEEP_AT + timedelta(days=1), by="tuphap")
    store.save(d)


def sweep(engine: Engine) -> tuple[float, int]:
    with Session(engine) as session:
        started = time.perf_counter()
        found = DossierStore(session, CAL).due_events(SWEEP_AT)
        session.commit()
        return time.perf_counter() - started, len(found)


def load_every_candidate(engine: Engine) -> float:
    """What a portal without next_check_at does: load every open dossier and ask it."""
    with Session(engine) as session:
        started = time.perf_counter()
        rows = session.execute(select(dossiers.c.data).where(dossiers.c.closed_at.is_(None)))
        for (data,) in rows:
            Dossier.from_dict(data, calendar=CAL).due_events(SWEEP_AT)
        return time.perf_counter() - started


def overhead(engine: Engine, n: int = 3000) -> tuple[float, float]:
    """store.add of n new dossiers against Core inserts of exactly the rows it writes."""
    made = [dossier(i) for i in range(n)]
    for d in made:  # new codes: the same dossiers, received again
        d._code = "X" + d._code
        d._ctx = d._ctx._replace(code=d._code)
    with Session(engine) as session:
        store = DossierStore(session, CAL)
        started = time.perf_counter()
        for d in made:
            store.add(d)
        session.flush()
        with_store = time.perf_counter() - started
        session.rollback()
    pairs = [(d, *d._stored_pair()) for d in made]
    rows = [(dossier_row(record, data, d), event_rows(d, record, 0)) for d, data, record in pairs]
    with Session(engine) as session:
        started = time.perf_counter()
        connection = session.connection()
        for row, events in rows:
            connection.execute(insert(dossiers), row)
            connection.execute(insert(dossier_events), events)
        session.flush()
        raw = time.perf_counter() - started
        session.rollback()
    return with_store, raw


def grow(engine: Engine, times: int) -> int:
    """Copy every dossier and its events *times* - 1 times under new codes (bulk SQL)."""
    with engine.begin() as connection:
        for k in range(1, times):
            for table in (dossiers, dossier_events):
                columns = list(table.c)
                chosen = [(c + f"-{k}").label("code") if c.name == "code" else c for c in columns]
                connection.execute(
                    insert(table).from_select(
                        [c.name for c in columns],
                        select(*chosen).where(~table.c.code.like("%-_")),
                    )
                )
        total: int = connection.execute(select(func.count()).select_from(dossiers)).scalar_one()
    return total


def hand_written(engine: Engine, period: Period) -> float:
    """What a portal writes by hand: today's columns grouped, no as-of state."""
    end = datetime.combine(period.last + timedelta(days=1), datetime.min.time(), tzinfo=VN)
    query = (
        select(dossiers.c.field, dossiers.c.status, dossiers.c.overdue, func.count())
        .where(dossiers.c.received_at < end)
        .group_by(dossiers.c.field, dossiers.c.status, dossiers.c.overdue)
    )
    with engine.connect() as connection:
        started = time.perf_counter()
        connection.execute(query).all()
        return time.perf_counter() - started


def _day(engine: Engine, column: Any) -> Any:
    """The Hà Nội day of a stored time, as a portal would write it per database."""
    if engine.dialect.name == "sqlite":  # UTC text; Hà Nội is UTC+7
        return func.date(column, "+7 hours")
    return cast(func.timezone("Asia/Ho_Chi_Minh", column), Date)


def hand_written_as_of(
    engine: Engine, period: Period, *, one_pass: bool
) -> tuple[float, Counter[tuple[Any, ...]]]:
    """The same report written by hand in SQL: as of the moment, the same columns.

    What a careful portal developer writes without motcua for this report: the state of
    each dossier at the moment (its row, or its last event before the moment when it
    changed since), then one ``CASE`` per column of TT 01/2018's table, grouped. The state
    can be read in two shapes, and which is faster depends on the database: *one_pass*
    joins every row to its last event when it changed since (one scan; SQLite's planner
    likes it), else a union of the unchanged rows and the changed ones joined to their
    event (PostgreSQL's planner likes that).
    """
    d, e = dossiers.c, dossier_events.c
    end = datetime.combine(period.last + timedelta(days=1), datetime.min.time(), tzinfo=VN)
    moment = min(SWEEP_AT, end - timedelta(microseconds=1))
    first = datetime.combine(period.first, datetime.min.time(), tzinfo=VN)
    since = min(first, moment)
    m = literal(moment, dossiers.c.changed_at.type)
    last_seq = (
        select(func.max(e.seq))
        .where(e.code == d.code, e.at <= m)
        .correlate(dossiers)
        .scalar_subquery()
    )
    changed = d.changed_at > m

    def seen(column: Any) -> Any:
        return case((column <= m, column))

    kept = and_(
        d.received_at <= m,
        or_(
            func.coalesce(d.finished_at, d.closed_at).is_(None),
            func.coalesce(d.finished_at, d.closed_at) >= since,
        ),
    )
    common = (
        d.field.label("grp"),
        d.channel,
        seen(d.accepted_at).label("acc"),
        seen(d.finished_at).label("fin"),
        seen(d.closed_at).label("clo"),
        d.late_step,
    )
    state: Any
    if one_pass:
        state = (
            select(
                *common,
                case((changed, e.to_status), else_=d.status).label("status"),
                case((changed, e.legal_due_at), else_=d.legal_due_at).label("due"),
            )
            .select_from(
                dossiers.outerjoin(
                    dossier_events, and_(changed, e.code == d.code, e.seq == last_seq)
                )
            )
            .where(kept)
            .subquery()
        )
    else:
        unchanged = select(*common, d.status.label("status"), d.legal_due_at.label("due")).where(
            kept, ~changed
        )
        moved = (
            select(*common, e.to_status.label("status"), e.legal_due_at.label("due"))
            .join_from(dossiers, dossier_events, and_(e.code == d.code, e.seq == last_seq))
            .where(kept, changed)
        )
        state = union_all(unchanged, moved).subquery()
    s = state.c
    day = partial(_day, engine)
    first_day = literal(period.first, Date)
    fin = s.fin.is_not(None)
    source = case(
        (day(s.acc) < first_day, literal("carried_over")), else_=literal("received_") + s.channel
    )
    outcome = case(
        (
            and_(fin, or_(s.late_step.is_(True), and_(s.due.is_not(None), s.fin > s.due))),
            literal("resolved_late"),
        ),
        (and_(fin, s.due.is_not(None), day(s.fin) < day(s.due)), literal("resolved_early")),
        (fin, literal("resolved_on_time")),
        (and_(s.status == "stopped", s.clo.is_not(None)), literal("stopped")),
        (and_(s.status == "withdrawn", s.clo.is_not(None)), literal("withdrawn")),
        (s.status == "awaiting_supplement", literal("paused_supplement")),
        (s.status == "awaiting_payment", literal("paused_payment")),
        (and_(s.due.is_not(None), m > s.due), literal("in_progress_overdue")),
        else_=literal("in_progress_within"),
    )
    refused = case((and_(fin, s.status == "refused"), 1), else_=0)
    before = day(s.acc) < first_day
    gone = or_(
        and_(fin, day(s.fin) < first_day),
        and_(~fin, s.clo.is_not(None), day(s.clo) < first_day),
    )
    query = (
        select(s.grp, source, outcome, refused, func.count())
        .where(s.acc.is_not(None), ~and_(before, gone))
        .group_by(s.grp, source, outcome, refused)
    )
    with engine.connect() as connection:
        started = time.perf_counter()
        rows = connection.execute(query).all()
        seconds = time.perf_counter() - started
    return seconds, Counter({(g, src, o, bool(r)): n for g, src, o, r, n in rows})


def report_in_sql(engine: Engine, period: Period) -> float:
    with Session(engine) as session:
        started = time.perf_counter()
        DossierStore(session, CAL).report(period, at=SWEEP_AT, group_by="field")
        return time.perf_counter() - started


def report_at_scale(engine: Engine) -> None:
    total = grow(engine, REPORT_TIMES)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    period = Period.month(2026, 2)
    with engine.connect() as connection:
        rows = connection.execute(report_query(period, at=SWEEP_AT, group_by="field")).all()
    counted = Counter({(g, src, o, bool(r)): n for g, src, o, r, n in rows})
    for one_pass in (True, False):
        _, by_hand = hand_written_as_of(engine, period, one_pass=one_pass)
        assert by_hand == counted, "the hand-written report must count what motcua's counts"
    ours, joined, united, plain = [], [], [], []
    for _ in range(3):  # alternated, so a busy minute falls on all of them
        ours.append(report_in_sql(engine, period))
        joined.append(hand_written_as_of(engine, period, one_pass=True)[0])
        united.append(hand_written_as_of(engine, period, one_pass=False)[0])
        plain.append(hand_written(engine, period))
    best = min(*joined, *united)
    print(
        f"| report of {period} in SQL over {total:,} stored dossiers, as of {SWEEP_AT:%d/%m} "
        f"| {min(ours):.2f} s |"
    )
    print(
        f"| the same report by hand in SQL, one pass (outer join) / union | "
        f"{min(joined):.2f} s / {min(united):.2f} s (ours = {min(ours) / best:.2f}× the faster) |"
    )
    print(
        f"| plain GROUP BY of today's columns (no as-of: not the same report) | "
        f"{min(plain):.2f} s (ours = {min(ours) / min(plain):.2f}×) |"
    )


def run(name: str, engine: Engine) -> None:
    started = time.perf_counter()
    fill(engine)
    print(f"\n## {name}: {N:,} dossiers stored in {time.perf_counter() - started:.0f} s\n")
    print("| operation | per call / total |")
    print("|---|---:|")
    print(f"| receive + add + commit | {per_op(engine, receive_add) * 1e3:.2f} ms |")
    print(f"| get + one action + save + commit | {per_op(engine, act) * 1e3:.2f} ms |")
    with Session(engine) as session:
        due = session.scalar(select(func.count()).where(dossiers.c.next_check_at <= SWEEP_AT))
    seconds, found = sweep(engine)
    print(f"| first sweep: {due:,} candidates, {found:,} due events | {seconds:.2f} s |")
    print(
        f"| the same without next_check_at: load every open dossier | "
        f"{load_every_candidate(engine):.2f} s |"
    )
    again, _ = sweep(engine)
    print(f"| second sweep at the same moment (nothing new) | {again:.3f} s |")
    with_store, raw = overhead(engine)
    print(
        f"| store.add vs Core inserts of the same rows (3,000) | {with_store:.2f} s vs "
        f"{raw:.2f} s = {with_store / raw:.2f}× |"
    )
    report_at_scale(engine)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for synchronous in ("full", "normal"):
            engine = sqlite_engine(Path(tmp) / f"bench-{synchronous}.db", synchronous=synchronous)
            create_schema(engine)
            run(f"SQLite, a file in WAL mode, synchronous={synchronous}", engine)
            engine.dispose()
    url = os.environ.get("MOTCUA_TEST_POSTGRES_URL")
    if url is None:
        print("\nPostgreSQL: skipped (set MOTCUA_TEST_POSTGRES_URL, see .ci/postgres.sh)")
        return
    engine = create_engine(url)
    metadata.drop_all(engine)
    create_schema(engine)
    run("PostgreSQL 127.0.0.1", engine)
    with engine.begin() as connection:
        connection.execute(delete(dossiers))
    engine.dispose()


if __name__ == "__main__":
    main()
