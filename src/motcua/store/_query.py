"""The store's selections of many dossiers by their projection columns (no dossier loaded)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, select

from motcua.dossiers import DossierStatus
from motcua.errors import ArgumentTypeError
from motcua.procedures import Channel
from motcua.store._checks import checked_limit, listed
from motcua.store._rows import PROJECTION
from motcua.store._schema import bounded_moment, dossiers

__all__ = ["estimated", "records_query"]


def records_query(
    *,
    status: DossierStatus | Sequence[DossierStatus] | None,
    overdue: bool | None,
    procedure: str | None,
    field: str | None,
    agency: str | None,
    channel: Channel | None,
    due_from: datetime | None,
    due_until: datetime | None,
    due_estimated: bool | None,
    limit: int | None,
) -> Select[Any]:
    """The :data:`PROJECTION` of the rows matching every filter given (``DossierStore.records``).

    Raises:
        ArgumentTypeError: A filter of the wrong type.
        NaiveDatetimeError: A due bound without a time zone.
    """
    conditions: list[Any] = []
    if status is not None:
        wanted = [status] if isinstance(status, DossierStatus) else listed(status)
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
    return (
        select(*PROJECTION)
        .where(and_(True, *conditions))
        .order_by(dossiers.c.due_at, dossiers.c.code)
        .limit(checked_limit(limit))
    )


def estimated(calendar_ids: list[str]) -> Select[Any]:
    """The rows whose due time is an estimate, counted on one of *calendar_ids*, by code.

    What ``DossierStore.recheck`` recounts: other centres' rows are left alone.
    """
    return (
        select(dossiers.c.code, dossiers.c.legal_due_at, dossiers.c.due_at)
        .where(
            dossiers.c.due_estimated.is_(True),
            dossiers.c.calendar_id.in_(calendar_ids),  # not other centres'
        )
        .order_by(dossiers.c.code)
    )
