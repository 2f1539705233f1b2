"""Filling a :class:`motcua.DossierRecord` quickly: its open twin, and the quick check.

A frozen slots dataclass refuses a plain store, so a record's 22 slots would each be set
through a call. ``DossierRecord.__init__`` instead turns the new record into an
:class:`_Open` one (the same slots, no frozen ``__setattr__``), fills it with plain
stores, and turns it back; :meth:`motcua.DossierRecord.many` builds it open from the
start. 1,000,000 records spent ~1.5 s in the setter calls, ~0.4 s so
(``benchmarks/README.md``).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

from motcua.dossiers._status import DossierStatus
from motcua.dossiers._timeliness import Phase
from motcua.procedures import Channel

_CHANNELS = tuple(c.value for c in Channel)
# Zones whose every datetime has an offset: a moment in one of them needs no utcoffset() call.
_FIXED_ZONES = frozenset({ZoneInfo, timezone})


class _Open:
    """A DossierRecord's slots without the frozen ``__setattr__``: a record being filled.

    The same slots in the same order on the same base, so a record's ``__class__`` can be
    set to it and back: Python checks that the layouts match, and refuses otherwise (every
    record built would fail; a test compares the slots too). Its stores are plain ones,
    done at C speed, where a frozen record's go through a setter call each. Never seen
    outside ``motcua.dossiers``: a record is an _Open only between two lines of code.
    """

    __slots__ = (
        "accepted_at",
        "agency",
        "calendar_id",
        "case",
        "changed_at",
        "channel",
        "clock_stopped",
        "closed_at",
        "code",
        "due_at",
        "due_estimated",
        "field",
        "finished_at",
        "late_step",
        "legal_due_at",
        "next_check_at",
        "overdue",
        "paused_since",
        "procedure",
        "status",
        "timeline",
        "version",
    )

    def __init__(  # noqa: PLR0917 - DossierRecord's positional signature
        self,
        code: str,
        procedure: str,
        field: str,
        agency: str,
        channel: Channel,
        status: DossierStatus,
        accepted_at: datetime | None,
        legal_due_at: datetime | None,
        finished_at: datetime | None,
        closed_at: datetime | None,
        late_step: bool,
        changed_at: datetime,
        overdue: bool = False,
        due_at: datetime | None = None,
        paused_since: datetime | None = None,
        clock_stopped: bool = False,
        next_check_at: datetime | None = None,
        version: int = 0,
        calendar_id: str = "vn",
        timeline: tuple[Phase, ...] = (),
        case: str | None = None,
        due_estimated: bool = False,
    ) -> None:
        self.code = code
        self.procedure = procedure
        self.field = field
        self.agency = agency
        self.channel = channel
        self.status = status
        self.accepted_at = accepted_at
        self.legal_due_at = legal_due_at
        self.finished_at = finished_at
        self.closed_at = closed_at
        self.late_step = late_step
        self.changed_at = changed_at
        self.overdue = overdue
        self.due_at = due_at
        self.paused_since = paused_since
        self.clock_stopped = clock_stopped
        self.next_check_at = next_check_at
        self.version = version
        self.calendar_id = calendar_id
        self.timeline = timeline
        self.case = case
        self.due_estimated = due_estimated


def _plain(record: Any) -> bool:  # noqa: PLR0911 - one early return per moment, unrolled
    """Whether *record*'s values pass the quick identity tests that the common record passes.

    Moments of :class:`datetime` itself in a zone of a class whose every datetime has an
    offset, a :class:`DossierStatus`, a tuple of :class:`Phase`, a channel's text. What
    fails is not wrong yet: the full check (:meth:`DossierRecord._check`) decides, and
    names it. Reads a :class:`DossierRecord` or an :class:`_Open` one alike.
    """
    # Unrolled: a loop over a tuple of the seven cost twice as much (built a million at a time).
    fixed = _FIXED_ZONES
    value = record.accepted_at
    if value is not None and (
        value.__class__ is not datetime or value.tzinfo.__class__ not in fixed
    ):
        return False
    value = record.legal_due_at
    if value is not None and (
        value.__class__ is not datetime or value.tzinfo.__class__ not in fixed
    ):
        return False
    value = record.due_at
    if value is not None and (
        value.__class__ is not datetime or value.tzinfo.__class__ not in fixed
    ):
        return False
    value = record.finished_at
    if value is not None and (
        value.__class__ is not datetime or value.tzinfo.__class__ not in fixed
    ):
        return False
    value = record.closed_at
    if value is not None and (
        value.__class__ is not datetime or value.tzinfo.__class__ not in fixed
    ):
        return False
    value = record.paused_since
    if value is not None and (
        value.__class__ is not datetime or value.tzinfo.__class__ not in fixed
    ):
        return False
    value = record.changed_at
    if value is not None and (
        value.__class__ is not datetime or value.tzinfo.__class__ not in fixed
    ):
        return False
    timeline = record.timeline
    return (
        record.status.__class__ is DossierStatus
        and timeline.__class__ is tuple
        and (not timeline or all(p.__class__ is Phase for p in timeline))
        and record.channel in _CHANNELS
    )
