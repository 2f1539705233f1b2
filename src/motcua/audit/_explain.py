"""Motcua's due time for a record, and why the record's differs: a day off, a rule, a policy.

Each explanation is tried in turn, the likeliest first: another clock policy that gives
the record's appointment, a time seven hours off (UTC labelled +07:00), a day off or a
make-up working day between the two answers, a counting rule (a session boundary, a
period ending on a day off, a cut-off), and last the office time between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from itertools import pairwise
from typing import Any

from motcua.calendar import WorkingCalendar
from motcua.dossiers import ClockPolicy
from motcua.errors import MotcuaError
from motcua.procedures import Catalog
from motcua.sync import SyncFields, SyncRecord, format_time, replay

__all__ = ["Context", "legal_due", "policy_reason", "why_due"]

_SEVEN = timedelta(hours=7)


@dataclass(frozen=True, slots=True)
class Context:
    """What every record of one audit is checked against."""

    calendar: WorkingCalendar
    catalog: Catalog
    fields: SyncFields
    policy: ClockPolicy


def legal_due(record: SyncRecord, ctx: Context, limit: Any, policy: ClockPolicy) -> datetime:
    """Motcua's legal due time for the record: its history replayed, pauses counted."""
    assert record.received_at is not None
    if len(record.history) > 1:
        replayed = replay(record, calendar=ctx.calendar, catalog=ctx.catalog, policy=policy)
        if replayed.dossier is not None and replayed.dossier.legal_due_at is not None:
            return replayed.dossier.legal_due_at
    at: datetime = ctx.calendar.due_at(record.received_at, limit).at
    return at


def _ours(policy: ClockPolicy) -> str:
    """What the audit's own policy does, in words."""
    if policy == ClockPolicy():
        return (
            "motcua pauses the clock while it waits and counts the time already used "
            "(ClockPolicy defaults: NĐ 61/2018 and NĐ 107/2021 practice; land procedures "
            "exclude the payment wait, NĐ 151/2025)"
        )
    return (
        f"the audit's policy is restart_on_supplement={policy.restart_on_supplement}, "
        f"payment_wait_counts={policy.payment_wait_counts}"
    )


def policy_reason(record: SyncRecord, ctx: Context, limit: Any) -> str | None:
    """A clock policy other than the audit's that reproduces the record's due time, if any.

    Tried in order: the limit restarted when a supplement arrived; the payment wait counted
    (or not counted, when the audit counts it); the calendar days of each pause added to
    the appointment made at reception (a common shortcut that ignores days off).
    """
    theirs = record.due_at
    assert theirs is not None
    assert record.received_at is not None
    waits = _waits(record)
    if not waits:
        return None
    policy = ctx.policy
    for other, how in (
        (
            policy.model_copy(update={"restart_on_supplement": not policy.restart_on_supplement}),
            "restarts the whole limit when the wait ended"
            if not policy.restart_on_supplement
            else "resumes with the time already used instead of restarting the limit",
        ),
        (
            policy.model_copy(update={"payment_wait_counts": not policy.payment_wait_counts}),
            "counts the wait for the applicant's payment as processing time"
            if not policy.payment_wait_counts
            else "stops the clock during the payment wait",
        ),
    ):
        try:
            if legal_due(record, ctx, limit, other) == theirs:
                return f"the record {how}; {_ours(policy)}"
        except MotcuaError:
            continue
    days = sum((end.date() - start.date()).days for start, end in waits)
    base = ctx.calendar.due_at(record.received_at, limit).at
    if days and theirs in (
        base + timedelta(days=days),
        base + sum((end - start for start, end in waits), timedelta()),
    ):
        return (
            f"the record adds the {days} calendar days of the wait to the appointment made at "
            f"reception ({format_time(base)}), days off included; {_ours(policy)}, and adds "
            f"the unused time on the working calendar"
        )
    return None


def _waits(record: SyncRecord) -> list[tuple[datetime, datetime]]:
    """Each pause in the record's history: (entered, left); one still open is left out."""
    waits: list[tuple[datetime, datetime]] = []
    since: datetime | None = None
    for before, entry in pairwise(record.history):
        if entry.status.is_paused and not before.status.is_paused:
            since = entry.at
        elif since is not None and not entry.status.is_paused:
            waits.append((since, entry.at))
            since = None
    return waits


def why_due(
    theirs: datetime, ours: datetime, start: datetime, calendar: WorkingCalendar, limit: Any
) -> str:
    """The likeliest reason the other system's due time differs from motcua's."""
    if theirs - ours in (_SEVEN, -_SEVEN):
        return (
            "the record's time is motcua's shifted by 7 hours: a UTC time labelled as "
            "Hà Nội time (+07:00), or the reverse"
        )
    low, high = sorted((theirs, ours))
    span = calendar.special_days(start.date(), high.date())
    if theirs < ours:  # the record counted a day motcua does not: a weekday off
        days = [d for d in span if not d.is_working and d.date.weekday() < 5]
        how = "counts as a working day what motcua does not"
    else:  # the record skipped a day motcua counts: a make-up Saturday
        days = [d for d in span if d.is_working]
        how = "skips a day motcua counts as working"
    if days:
        listed = "; ".join(
            f"{d.date:%d/%m/%Y} {d.name or d.kind.label} ({d.kind.value}, {d.source.cite()}, "
            f"{d.certainty.value})"
            for d in days
        )
        return f"the record is {'earlier' if theirs < ours else 'later'}: it likely {how}: {listed}"
    rule = _rule(theirs, ours, start, calendar, limit)
    if rule is not None:
        return rule
    gap = calendar.office_time_between(low, high)
    return (
        f"the record is {'earlier' if theirs < ours else 'later'} by {gap} of office time "
        f"with no day off between: office hours {calendar.identity.office_hours}, the limit "
        f"{limit.describe(lang='en')}, or a cut-off"
    )


def _rule(
    theirs: datetime, ours: datetime, start: datetime, calendar: WorkingCalendar, limit: Any
) -> str | None:
    """A counting rule that reproduces the record's due time, in words; None if none does."""
    low, high = sorted((theirs, ours))
    if not calendar.office_time_between(low, high) and calendar.is_valid_appointment(theirs):
        return (
            f"the same moment of office time: a limit used up at the end of a session is due "
            f"at its end ({format_time(ours)}) by motcua's rule, not at the next session's "
            f"start ({format_time(theirs)}) — or the reverse; docs/deadlines.md, session "
            f"boundary"
        )
    unit = limit.unit.value
    if unit == "calendar_days":
        last = start.date() + timedelta(days=limit.amount)
        if theirs.date() == last and not calendar.is_working_day(last):
            return (
                f"the record ends the period on {last:%d/%m/%Y}, a day off: a period whose "
                f"last day is a day off ends on the next working day (Bộ luật Dân sự "
                f"91/2015/QH13, Điều 148), {format_time(ours)}"
            )
        return None
    tomorrow = calendar.next_office_time(
        datetime.combine(start.date() + timedelta(days=1), time(), start.tzinfo)
    )
    later = calendar.due_at(tomorrow, limit).at
    if not calendar.office_time_between(*sorted((later, theirs))):  # 17:00 is 08:00 next day
        cutoff = getattr(limit, "cutoff", None)
        return (
            f"the record counts from the next working day ({format_time(tomorrow)}), as if "
            f"the dossier came after a cut-off; "
            + (
                f"the limit's cut-off is {cutoff:%H:%M}, and it was received at {start:%H:%M}"
                if cutoff is not None
                else "the limit has no cut-off"
            )
        )
    return None
