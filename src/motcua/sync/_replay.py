"""A lenient replay: another system's sparse history made into a motcua dossier.

Where loading a stored motcua dossier refuses the first inconsistency, an external
history is replayed leniently: each entry that the lifecycle rules do not allow is
*recorded* as a :class:`Violation` — and skipped, or bridged by the step it implies —
instead of stopping, so an auditor sees every problem of one record at once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from motcua.calendar import WorkingCalendar
from motcua.dossiers import Applicant, ClockPolicy, Dossier, DossierAction, DossierStatus
from motcua.errors import ArgumentTypeError, MotcuaError
from motcua.procedures import Catalog
from motcua.sync._record import SyncEvent, SyncFields, SyncRecord, checked_fields, read_record

__all__ = ["Replayed", "Violation", "replay"]

_UNKNOWN = "(không rõ)"
_A = DossierAction


class Violation(NamedTuple):
    """One thing the rules did not allow, and what the replay did about it.

    Attributes:
        entry: The history entry's index (-1: the record as a whole).
        kind: ``illegal_transition``, ``implied_step``, ``out_of_order``,
            ``missing_reason``, ``refused_by_rules``, ``starts_mid_way``, ``no_history``
            or ``unknown_procedure``.
        detail: What happened, in words.
    """

    entry: int
    kind: str
    detail: str


class Replayed(NamedTuple):
    """The dossier the replay built (None when it could not start) and every violation."""

    dossier: Dossier | None
    violations: tuple[Violation, ...]


def replay(
    record: SyncRecord | dict[str, Any],
    *,
    calendar: WorkingCalendar,
    catalog: Catalog | None = None,
    fields: SyncFields = SyncFields(),  # noqa: B008
    policy: ClockPolicy | None = None,
) -> Replayed:
    """Replay an external record's history through motcua's rules, recording violations.

    The first entry creates the dossier (``1``: submitted online, ``2``: received; another
    status is a ``starts_mid_way`` violation and the dossier is received then). Each later
    entry becomes the action that leads to its status: a missing step (received → result
    ready) is bridged and recorded as ``implied_step``; a status no action reaches is an
    ``illegal_transition`` and skipped; an entry earlier than the one before is
    ``out_of_order`` and skipped; an action that needs a reason gets a placeholder and a
    ``missing_reason``; what the rules refuse (a second supplement) is
    ``refused_by_rules``.

    Args:
        record: The record, read or as parsed JSON.
        calendar: The working calendar the due times are counted on.
        catalog: Where the procedure is looked up (default: the built-in catalog).
        fields: The record's field names.
        policy: The clock policy of the replayed dossier (default: :class:`ClockPolicy`'s).

    Raises:
        SyncRecordError: *record* is a dict that cannot be read as a sync record.
        ArgumentTypeError: *calendar* is not a WorkingCalendar, or *policy* not a
            ClockPolicy.
    """
    if not isinstance(calendar, WorkingCalendar):
        raise ArgumentTypeError("calendar", calendar, expected="a WorkingCalendar")
    if policy is not None and not isinstance(policy, ClockPolicy):
        raise ArgumentTypeError("policy", policy, expected="a ClockPolicy")
    if catalog is not None and not isinstance(catalog, Catalog):
        raise ArgumentTypeError("catalog", catalog, expected="a Catalog, or None for the built-in")
    checked_fields(fields)
    if not isinstance(record, SyncRecord):
        record = read_record(record, fields)
    violations: list[Violation] = []
    try:
        procedure = (catalog or Catalog.builtin()).get(record.procedure)
    except MotcuaError as error:
        return Replayed(None, (Violation(-1, "unknown_procedure", str(error)),))
    history = list(record.history)
    if not history:
        if record.received_at is None:
            return Replayed(None, (Violation(-1, "no_history", "no history, no reception"),))
        violations.append(Violation(-1, "no_history", "no history: received at NgayTiepNhan"))
        history = [SyncEvent(DossierStatus.RECEIVED, record.received_at)]
    first = history[0]
    applicant = Applicant(name=_UNKNOWN)
    try:
        if first.status is DossierStatus.SUBMITTED:
            dossier = Dossier.submit(
                procedure,
                submitted_at=first.at,
                channel=record.channel,
                applicant=applicant,
                calendar=calendar,
                by=first.by or _UNKNOWN,
                code=record.code,
                policy=policy,
            )
        else:
            if first.status is not DossierStatus.RECEIVED:
                violations.append(
                    Violation(0, "starts_mid_way", f"the history starts at {first.status.value}")
                )
            dossier = Dossier.receive(
                procedure,
                accepted_at=first.at,
                channel=record.channel,
                applicant=applicant,
                calendar=calendar,
                by=first.by or _UNKNOWN,
                code=record.code,
                policy=policy,
            )
    except MotcuaError as error:
        return Replayed(None, (*violations, Violation(0, "refused_by_rules", str(error))))
    for index, entry in enumerate(history[1:], 1):
        _step(dossier, record, index, entry, violations)
    return Replayed(dossier, tuple(violations))


def _step(
    dossier: Dossier,
    record: SyncRecord,
    index: int,
    entry: SyncEvent,
    violations: list[Violation],
) -> None:
    current = dossier.status
    if entry.at < dossier.history[-1].at:
        violations.append(
            Violation(index, "out_of_order", f"{entry.at.isoformat()} is before the entry before")
        )
        return
    if entry.status is current:
        return  # the same status again: nothing to replay
    path = _path(current, entry.status)
    if path is None:
        violations.append(
            Violation(
                index,
                "illegal_transition",
                f"no action leads from {current.value} to {entry.status.value}",
            )
        )
        return
    if len(path) > 1:
        violations.append(
            Violation(
                index,
                "implied_step",
                f"{current.value} → {entry.status.value} skips "
                f"{', '.join(a.value for a in path[:-1])}",
            )
        )
    for action in path:
        try:
            _act(dossier, action, entry, record, index=index, violations=violations)
        except MotcuaError as error:
            violations.append(Violation(index, "refused_by_rules", str(error)))
            return


def _path(start: DossierStatus, goal: DossierStatus) -> tuple[DossierAction, ...] | None:
    """The shortest run of at most two actions from *start* to *goal* (refusal last)."""
    direct = [a for a in DossierAction.allowed(start) if a.target(start) is goal]
    if direct:
        return (direct[0],)
    for first in DossierAction.allowed(start):
        middle = first.target(start)
        if middle is None or middle is start or not middle.is_open:
            continue
        for second in DossierAction.allowed(middle):
            if second.target(middle) is goal:
                return (first, second)
    return None


def _act(
    dossier: Dossier,
    action: DossierAction,
    entry: SyncEvent,
    record: SyncRecord,
    *,
    index: int,
    violations: list[Violation],
) -> None:
    at: datetime = entry.at
    given: dict[str, Any] = {"at": at, "by": entry.by or _UNKNOWN}
    if action.needs_reason:
        reason = entry.note or (record.refusal_reason if action is _A.REFUSE else None)
        if not reason:
            violations.append(Violation(index, "missing_reason", f"{action.value} without one"))
        given["reason"] = reason or _UNKNOWN
    if action is _A.REQUEST_SUPPLEMENT:
        given["items"] = [entry.note or _UNKNOWN]
    elif action is _A.HAND_OVER:
        given["to"] = _UNKNOWN
    elif action is _A.EXTEND:
        given["new_due_at"] = record.new_due_at
    getattr(dossier, action.value)(**given)
