"""One record against motcua: its history against the chart, its due time, its timeliness."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from motcua.audit._explain import Context, legal_due, policy_reason, why_due
from motcua.audit._findings import Finding, FindingKind
from motcua.dossiers import DossierAction, DossierStatus, finished_timeliness
from motcua.errors import MotcuaError
from motcua.sync import SyncFields, SyncRecord, format_time

__all__ = ["check"]


_REACHABLE = frozenset(
    (status, target)
    for status in DossierStatus
    for action in DossierAction
    if (target := action.target(status)) is not None
)


def _reachable(a: DossierStatus, b: DossierStatus) -> bool:
    return a == b or (a, b) in _REACHABLE


def _history(line: int, record: SyncRecord, f: SyncFields) -> Iterator[Finding]:
    """The findings of the record's status and history against the chart."""
    history = record.history
    if history and history[-1].status is not record.status:
        yield Finding(
            line,
            record.code,
            FindingKind.STATUS_DIFFERS,
            f.status,
            record.status.value,
            history[-1].status.value,
            f"the record says {record.status.label}, its last history entry "
            f"{history[-1].status.label}",
        )
    for i, (before, after) in enumerate(pairwise(history), 1):
        here = f"{f.history}[{i}]"
        if after.at < before.at:
            yield Finding(
                line,
                record.code,
                FindingKind.OUT_OF_ORDER,
                here,
                format_time(after.at),
                f"≥ {format_time(before.at)}",
                "history entries must be in time order",
            )
        if not _reachable(before.status, after.status):
            yield Finding(
                line,
                record.code,
                FindingKind.ILLEGAL_TRANSITION,
                here,
                f"{before.status.value} → {after.status.value}",
                ", ".join(a.value for a in DossierAction.allowed(before.status)),
                f"no action leads from {before.status.label} to {after.status.label}",
            )


def check(line: int, record: SyncRecord, ctx: Context) -> Iterator[Finding]:
    f, calendar = ctx.fields, ctx.calendar
    yield from _history(line, record, f)
    try:
        procedure = ctx.catalog.get(record.procedure)
    except MotcuaError as error:
        yield Finding(
            line,
            record.code,
            FindingKind.UNKNOWN_PROCEDURE,
            f.procedure,
            record.procedure,
            "",
            str(error),
        )
        return
    try:
        limit = procedure.channel(record.channel).time_limit
    except MotcuaError as error:
        yield Finding(
            line,
            record.code,
            FindingKind.CHANNEL_NOT_OFFERED,
            f.channel,
            record.channel.value,
            "",
            str(error),
        )
        return
    if record.received_at is None or record.due_at is None:
        return
    if record.due_at < record.received_at:
        yield Finding(
            line,
            record.code,
            FindingKind.DUE_AT_DIFFERS,
            f.due_at,
            format_time(record.due_at),
            "",
            "the appointment is before the "
            f"dossier was received ({format_time(record.received_at)})",
        )
        return
    try:
        ours_at = legal_due(record, ctx, limit, ctx.policy)
    except MotcuaError as error:
        yield Finding(
            line,
            record.code,
            FindingKind.MALFORMED,
            f.received_at,
            format_time(record.received_at),
            "",
            str(error),
        )
        return
    if record.due_at != ours_at:
        kind = FindingKind.POLICY_DIFFERS
        try:
            why = policy_reason(record, ctx, limit)
            if why is None:
                kind = FindingKind.DUE_AT_DIFFERS
                why = why_due(record.due_at, ours_at, record.received_at, calendar, limit)
        except MotcuaError:  # the record's appointment lies beyond the calendar
            why = (
                f"the appointment is outside the calendar's range "
                f"{calendar.first_date:%d/%m/%Y}–{calendar.last_date:%d/%m/%Y}"
            )
        yield Finding(
            line,
            record.code,
            kind,
            f.due_at,
            format_time(record.due_at),
            format_time(ours_at),
            why,
        )
    if record.finished_at is not None:
        mine = finished_timeliness(record.finished_at, ours_at)
        theirs = finished_timeliness(record.finished_at, record.due_at)
        if mine is not theirs:
            yield Finding(
                line,
                record.code,
                FindingKind.TIMELINESS_DIFFERS,
                f.finished_at,
                theirs.value,
                mine.value,
                f"finished {format_time(record.finished_at)}: {mine.label} against "
                f"the legal due time {format_time(ours_at)}, {theirs.label} against "
                f"the record's"
                + (
                    " (an extension does not make a late dossier on time: it is judged "
                    "against the legal due time, not the extended appointment)"
                    if record.new_due_at is not None and record.due_at == record.new_due_at
                    else ""
                ),
            )
