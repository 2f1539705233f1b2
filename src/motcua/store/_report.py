"""Reports taken in the database: the report's rules (``motcua.reports._rules``) as SQL.

The query reads each dossier as it stood at the report's moment — from its row when it
has not changed since, else from its last event at or before the moment in
``motcua_dossier_events`` — and counts the rules' classes with one ``GROUP BY``. No dossier
is loaded; the same query runs on SQLite, PostgreSQL, and DuckDB over Parquet exports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import fields
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import Date, and_, case, func, literal, not_, or_, select, union_all
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import ColumnElement, Select
from sqlalchemy.sql.functions import FunctionElement

from motcua._names import clean
from motcua._time import VIETNAM_TZ, require_aware
from motcua.errors import ArgumentTypeError, StoredDossierError
from motcua.reports import Period, Report, ReportRow
from motcua.reports._report import check_group, tallied
from motcua.reports._rules import (
    COUNTED,
    OUTCOMES,
    REFUSED,
    SOURCES,
    After,
    AllOf,
    AnyOf,
    Condition,
    DayBefore,
    Flag,
    IsSet,
    Not,
    StatusIs,
)
from motcua.store._schema import bounded_moment, dossier_events, dossiers

__all__ = ["report_from_counts", "report_query"]

_US = timedelta(microseconds=1)
_COUNTS = frozenset(f.name for f in fields(ReportRow)) - {"group"}


class local_day(FunctionElement[Any]):  # noqa: N801 - reads as the SQL function it is
    """The day in Hà Nội of a stored (UTC) time."""

    type = Date()
    inherit_cache = True


@compiles(local_day, "sqlite")
def _local_day_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    # Stored as UTC text; Hà Nội has been UTC+7 without daylight saving since 1975.
    return f"date({compiler.process(element.clauses, **kw)}, '+7 hours')"


@compiles(local_day)
def _local_day_default(element: Any, compiler: Any, **kw: Any) -> str:
    # PostgreSQL and DuckDB: timestamp with time zone, converted in the database.
    return (
        f"CAST(({compiler.process(element.clauses, **kw)}) AT TIME ZONE 'Asia/Ho_Chi_Minh' AS DATE)"
    )


def _sql(condition: Condition, ns: dict[str, Any]) -> ColumnElement[bool]:  # noqa: PLR0911 - one case per shape
    """The rule's condition as SQL over the as-of columns *ns* (never NULL)."""
    if isinstance(condition, IsSet):
        return ns[condition.field].is_not(None)  # type: ignore[no-any-return]
    if isinstance(condition, Flag):
        return ns[condition.field].is_(True)  # type: ignore[no-any-return]
    if isinstance(condition, StatusIs):
        return ns["status"].in_([s.value for s in condition.statuses])  # type: ignore[no-any-return]
    if isinstance(condition, After):
        a, b = ns[condition.a], ns[condition.b]
        return and_(a.is_not(None), b.is_not(None), a > b)
    if isinstance(condition, DayBefore):
        a = local_day(ns[condition.a])
        b = ns["first"] if condition.b == "first" else local_day(ns[condition.b])
        guards = [ns[n].is_not(None) for n in (condition.a, condition.b) if n != "first"]
        return and_(*guards, a < b)
    if isinstance(condition, AllOf):
        return and_(*(_sql(p, ns) for p in condition.parts))
    if isinstance(condition, AnyOf):
        return or_(*(_sql(p, ns) for p in condition.parts))
    if isinstance(condition, Not):
        return not_(_sql(condition.part, ns))
    raise TypeError(condition)  # pragma: no cover - the rules use only the shapes above


def report_query(period: Period, *, at: datetime, group_by: str | None = "field") -> Select[Any]:
    """The SQL that counts *period*'s report as of *at*: ``(group, source, outcome, refused, n)``.

    Run it anywhere the motcua tables are (SQLite, PostgreSQL, or DuckDB over Parquet
    copies of ``motcua_dossiers`` and ``motcua_dossier_events``) and give the rows to
    :func:`report_from_counts`. :meth:`motcua.store.DossierStore.report` does both.

    Raises:
        ReportError: An unknown grouping.
        NaiveDatetimeError: *at* has no time zone.
    """
    check_group(group_by)
    if not isinstance(period, Period):
        raise ArgumentTypeError("period", period, expected="a Period (Period.month(2026, 4)…)")
    at = bounded_moment(at, "at")
    end = datetime.combine(period.last + timedelta(days=1), time(0), tzinfo=VIETNAM_TZ) - _US
    moment = min(at, end)
    d, e = dossiers.c, dossier_events.c

    begins = datetime.combine(period.first, time(0), tzinfo=VIETNAM_TZ)
    ended = func.coalesce(d.finished_at, d.closed_at)
    # Finished or closed before the period began (and before the moment, for a report
    # taken early): never counted, the rules say so too; leaving them out here spares
    # the as-of work.
    since = min(begins, moment)
    candidates = and_(d.received_at <= moment, or_(ended.is_(None), ended >= since))
    if group_by == "case":  # as motcua.reports.report writes it: "1.013831/nd101-24-2bc"
        chosen: Any = case(
            (d.case_key.is_(None), d.procedure), else_=d.procedure + literal("/") + d.case_key
        )
    else:
        chosen = getattr(d, group_by) if group_by else literal("")
    group = chosen.label("grp")

    def seen(column: Any) -> Any:
        return case((column <= moment, column), else_=None)

    def as_of(status: Any, legal_due_at: Any) -> Select[Any]:
        finished = seen(d.finished_at)
        return select(
            status.label("status"),
            legal_due_at.label("legal_due_at"),
            seen(d.accepted_at).label("accepted_at"),
            finished.label("finished_at"),
            seen(d.closed_at).label("closed_at"),
            and_(d.late_step.is_(True), finished.is_not(None)).label("late_step"),
            d.channel.label("channel"),
            group,
        )

    # Unchanged since the moment: the row is how it stood. Changed since: its last event
    # at or before the moment says the status and the legal due time.
    unchanged = as_of(d.status, d.legal_due_at).where(candidates, d.changed_at <= moment)
    before = dossier_events.alias("before")
    last_seq = (
        select(func.max(before.c.seq))
        .where(before.c.code == d.code, before.c.at <= moment)
        .correlate(dossiers)
        .scalar_subquery()
    )
    changed = (
        as_of(e.to_status, e.legal_due_at)
        .join_from(dossiers, dossier_events, and_(e.code == d.code, e.seq == last_seq))
        .where(candidates, d.changed_at > moment)
    )
    inner = union_all(unchanged, changed).subquery()
    cols = {name: inner.c[name] for name in inner.c.keys()}  # noqa: SIM118 - a ColumnCollection
    cols["moment"] = literal(moment, dossiers.c.changed_at.type)
    cols["first"] = literal(period.first, Date())
    carried = SOURCES[0][1]
    assert carried is not None
    source = case(
        (_sql(carried, cols), literal("carried_over")),
        else_=literal("received_") + cols["channel"],
    )
    outcome = case(
        *((_sql(c, cols), literal(name)) for name, c in OUTCOMES if c is not None),
        else_=literal(OUTCOMES[-1][0]),
    )
    refused = case((_sql(REFUSED, cols), literal(1)), else_=literal(0))
    classes = (
        select(
            cols["grp"].label("grp"),
            source.label("source"),
            outcome.label("outcome"),
            refused.label("refused"),
        )
        .where(_sql(COUNTED, cols))
        .subquery()
    )
    c = classes.c
    return select(c.grp, c.source, c.outcome, c.refused, func.count().label("n")).group_by(
        c.grp, c.source, c.outcome, c.refused
    )


def report_from_counts(
    rows: Any, period: Period, *, at: datetime, group_by: str | None = "field"
) -> Report:
    """The :class:`motcua.reports.Report` from the rows :func:`report_query` gave.

    Raises:
        ArgumentTypeError: *rows* are not ``(group, source, outcome, refused, n)`` rows of
            the query's classes with a count ``n`` ≥ 0, or *period* is not a Period.
        ReportError: An unknown grouping.
        NaiveDatetimeError: *at* has no time zone.
    """
    check_group(group_by)
    if not isinstance(period, Period):
        raise ArgumentTypeError("period", period, expected="a Period (Period.month(2026, 4)…)")
    at = require_aware(at, "at")
    if isinstance(rows, str | bytes) or not isinstance(rows, Iterable):
        raise ArgumentTypeError("rows", rows, expected="the rows of report_query")
    tally: Counter[tuple[str, str, str, bool]] = Counter()
    for i, row in enumerate(rows):
        grp, source, outcome, refused, n = _count_row(i, row)
        tally[clean(str(grp)) if group_by else "", source, outcome, refused] += n
    return tallied(tally, period, at, group_by)


def _count_row(i: int, row: Any) -> tuple[Any, str, str, bool, int]:
    """One row of :func:`report_query`, checked: a class the rules have, and a count."""
    try:
        grp, source, outcome, refused, n = row
    except (TypeError, ValueError):
        grp = source = outcome = refused = n = None
    if isinstance(source, str) and isinstance(outcome, str) and not {source, outcome} <= _COUNTS:
        raise StoredDossierError(
            code="?",
            where=f"rows[{i}]",
            stored=str(tuple(row))[:200],
            problem="counts a class the report does not have: a stored channel or status "
            "motcua does not write (edited outside motcua?)",
        )
    if (
        source not in _COUNTS
        or outcome not in _COUNTS
        or not isinstance(refused, bool | int)
        or isinstance(n, bool)
        or not isinstance(n, int)
        or n < 0
    ):
        raise ArgumentTypeError(
            f"rows[{i}]",
            row,
            expected="(group, source, outcome, refused, n) as report_query gives, n a count ≥ 0",
        )
    return grp, str(source), str(outcome), bool(refused), n
