"""Timeliness: the one early / on-time / late rule, and the projection stored beside a dossier.

:class:`DossierRecord` is what an integrator stores beside each dossier (as columns) and
what reports and sweeps read. It answers every "as of a moment" question — status,
paused, overdue, the legal due time — the same way whenever it is asked, because it
carries the dossier's timeline (one :class:`Phase` per event), not only its present.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, replace
from datetime import datetime, timezone
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from motcua._time import VIETNAM_TZ, require_aware, require_writable
from motcua.dossiers._status import DossierStatus, Timeliness
from motcua.errors import ArgumentTypeError, DossierTimeError
from motcua.procedures import Channel

__all__ = ["DossierRecord", "Phase", "classify_timeliness", "finished_timeliness"]


def finished_timeliness(finished_at: datetime, due_at: datetime) -> Timeliness:
    """Early, on time or late: *finished_at* against *due_at*, the one rule motcua applies.

    Late after the due time; early on an earlier day than the due day (days read in
    Asia/Ho_Chi_Minh, whatever zone the values carry); on time otherwise.

    >>> from datetime import timezone
    >>> due = datetime(2026, 3, 5, 9, 15, tzinfo=VIETNAM_TZ)
    >>> finished_timeliness(datetime(2026, 3, 4, 20, 0, tzinfo=timezone.utc), due).value
    'on_time'

    (20:00 UTC on 4/3 is 03:00 on 5/3 in Hà Nội: the due day, so on time, not early.)

    References:
        * Thông tư 01/2018/TT-VPCP, Điều 13 (trước hạn, đúng hạn, quá hạn).

    Raises:
        ArgumentTypeError: A moment is not a datetime.
        NaiveDatetimeError: A moment has no time zone.
        DateOutOfRangeError: A moment too near ``datetime``'s edges to be read in Hà Nội
            time.
    """
    finished_at = require_writable(finished_at, "finished_at")
    due_at = require_writable(due_at, "due_at")
    if finished_at > due_at:
        return Timeliness.LATE
    if finished_at.astimezone(VIETNAM_TZ).date() < due_at.astimezone(VIETNAM_TZ).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME


class Phase(NamedTuple):
    """How a dossier stood from one event until the next: one entry of its timeline.

    Attributes:
        since: The event's time.
        version: The dossier's version after it.
        status: The status.
        overdue: Whether the overdue flag was set.
        legal_due_at: The legal due time.
        due_at: The appointment.
        clock_stopped: Whether the clock was stopped (a wait that does not count).
        paused_since: When the current wait began, while waiting.
    """

    since: datetime
    version: int
    status: DossierStatus
    overdue: bool
    legal_due_at: datetime | None
    due_at: datetime | None
    clock_stopped: bool
    paused_since: datetime | None


_NOT_COUNTED = frozenset(
    {
        DossierStatus.SUBMITTED,
        DossierStatus.REFUSED_AT_RECEPTION,
        DossierStatus.WITHDRAWN,
        DossierStatus.STOPPED,
    }
)
_TIMES = ("accepted_at", "legal_due_at", "due_at", "finished_at", "closed_at", "paused_since")
# Zones whose every datetime has an offset: a moment in one of them needs no utcoffset() call.
_FIXED_ZONES = frozenset({ZoneInfo, timezone})


@dataclass(frozen=True, slots=True, init=False)
class DossierRecord:
    """The projection of a dossier: the columns to store beside it, and its timeline.

    Build it with :meth:`motcua.Dossier.record`, or from your own columns. Every
    question it answers is asked "as of" a moment (:meth:`as_of`, :meth:`timeliness`):
    a report of a closed period reads the same whenever it is taken.

    Attributes:
        code: The dossier code.
        procedure: The procedure's code.
        field: The procedure's field (*lĩnh vực*).
        agency: The handling agency.
        channel: How it was submitted.
        status: The status now.
        overdue: Whether the overdue flag is set (``mark_overdue`` was recorded).
        accepted_at: When the clock started (None: never accepted).
        legal_due_at: The legal due time.
        due_at: The appointment (the legal due time, or the extended one).
        finished_at: When it was decided (result ready, or refused after appraisal).
        closed_at: When it ended without a decision, or was returned (withdrawn, stopped,
            returned, refused at reception).
        paused_since: When the current wait began (None when not waiting).
        late_step: Whether a step that judges the handling finished late and the policy
            makes the dossier late for it.
        clock_stopped: Whether the clock is stopped now.
        next_check_at: When a scheduler should next look at it (see
            :attr:`motcua.Dossier.next_check_at`).
        version: The dossier's version.
        calendar_id: The calendar it is counted on.
        case: The key of the procedure's case (*trường hợp*) it was received in, if any.
        due_estimated: Whether its due time was counted across a year with no announced
            schedule (:attr:`motcua.Dossier.due_estimated`).
        changed_at: The time of its last event: the record's columns have held since.
        timeline: One :class:`Phase` per event, oldest first; without it, the record can
            answer only for moments at or after *changed_at*.
    """

    code: str
    procedure: str
    field: str
    agency: str
    channel: Channel
    status: DossierStatus
    accepted_at: datetime | None
    legal_due_at: datetime | None
    finished_at: datetime | None
    closed_at: datetime | None
    late_step: bool
    changed_at: datetime
    overdue: bool = False
    due_at: datetime | None = None
    paused_since: datetime | None = None
    clock_stopped: bool = False
    next_check_at: datetime | None = None
    version: int = 0
    calendar_id: str = "vn"
    timeline: tuple[Phase, ...] = ()
    case: str | None = None
    due_estimated: bool = False

    # Written by hand, with the dataclass's signature: its generated __init__ sets each
    # field through object.__setattr__, which looks the slot up by name every time (a
    # million records spent about 1.5 s there). Each slot's own setter is bound once
    # (_SETTERS, below the class). replace() and subclasses still reach the checks:
    # replace() calls this __init__, a dataclass subclass's __init__ calls __post_init__.
    def __init__(  # noqa: PLR0917 - the dataclass's positional signature, kept
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
        (
            set_code,
            set_procedure,
            set_field,
            set_agency,
            set_channel,
            set_status,
            set_accepted_at,
            set_legal_due_at,
            set_finished_at,
            set_closed_at,
            set_late_step,
            set_changed_at,
            set_overdue,
            set_due_at,
            set_paused_since,
            set_clock_stopped,
            set_next_check_at,
            set_version,
            set_calendar_id,
            set_timeline,
            set_case,
            set_due_estimated,
        ) = _SETTERS
        set_code(self, code)
        set_procedure(self, procedure)
        set_field(self, field)
        set_agency(self, agency)
        set_channel(self, channel)
        set_status(self, status)
        set_accepted_at(self, accepted_at)
        set_legal_due_at(self, legal_due_at)
        set_finished_at(self, finished_at)
        set_closed_at(self, closed_at)
        set_late_step(self, late_step)
        set_changed_at(self, changed_at)
        set_overdue(self, overdue)
        set_due_at(self, due_at)
        set_paused_since(self, paused_since)
        set_clock_stopped(self, clock_stopped)
        set_next_check_at(self, next_check_at)
        set_version(self, version)
        set_calendar_id(self, calendar_id)
        set_timeline(self, timeline)
        set_case(self, case)
        set_due_estimated(self, due_estimated)
        self.__post_init__()

    def __post_init__(self) -> None:
        # Built a million at a time (a report, a sweep): the common case is checked with
        # a few identity tests, and only a value that fails them pays for the full check.
        for value in (
            self.accepted_at,
            self.legal_due_at,
            self.due_at,
            self.finished_at,
            self.closed_at,
            self.paused_since,
            self.changed_at,
        ):
            if value is not None and (
                value.__class__ is not datetime or value.tzinfo.__class__ not in _FIXED_ZONES
            ):
                self._check_times()
                break
        if self.status.__class__ is not DossierStatus:
            raise ArgumentTypeError(
                f"DossierRecord({self.code}).status", self.status, expected="a DossierStatus"
            )
        timeline = self.timeline
        if timeline.__class__ is not tuple or (
            timeline and not all(p.__class__ is Phase for p in timeline)
        ):
            raise ArgumentTypeError(
                f"DossierRecord({self.code}).timeline",
                self.timeline,
                expected="a tuple of Phase, oldest first",
            )
        if self.channel not in _CHANNELS:
            raise ArgumentTypeError(
                f"DossierRecord({self.code}).channel",
                self.channel,
                expected=f"a Channel ({', '.join(_CHANNELS)})",
            )

    def _check_times(self) -> None:
        """The full check of the moments, naming the first one that is wrong."""
        for name in _TIMES:
            value = getattr(self, name)
            if value is not None:
                require_aware(value, f"DossierRecord({self.code}).{name}")
        require_aware(self.changed_at, f"DossierRecord({self.code}).changed_at")

    def as_of(self, at: datetime) -> DossierRecord:
        """The record as it stood at *at* (itself when nothing changed since).

        Raises:
            DossierTimeError: *at* is before the dossier's first event, or after its
                first event but before *changed_at* and the record has no timeline.
            NaiveDatetimeError: *at* has no time zone.
        """
        return self._as_of(require_aware(at, "at"))

    def _as_of(self, at: datetime) -> DossierRecord:
        """:meth:`as_of` for a moment already checked to be aware (bulk readers in motcua)."""
        if at >= self.changed_at:
            return self
        if not self.timeline:
            raise DossierTimeError(
                code=self.code,
                at=at,
                problem=f"it changed at {self.changed_at.isoformat()} and the record has no "
                f"timeline to say how it stood before; build it with Dossier.record()",
            )
        index = bisect_right(self.timeline, at, key=_since) - 1
        if index < 0:
            raise DossierTimeError(
                code=self.code,
                at=at,
                problem=f"it did not exist yet (its first event is at "
                f"{self.timeline[0].since.isoformat()})",
            )
        phase = self.timeline[index]

        def seen(moment: datetime | None) -> datetime | None:
            return moment if moment is not None and moment <= at else None

        finished = seen(self.finished_at)
        return replace(
            self,
            status=phase.status,
            overdue=phase.overdue,
            accepted_at=seen(self.accepted_at),
            legal_due_at=phase.legal_due_at,
            due_at=phase.due_at,
            finished_at=finished,
            closed_at=seen(self.closed_at),
            paused_since=phase.paused_since,
            clock_stopped=phase.clock_stopped,
            late_step=self.late_step and finished is not None,
            next_check_at=None,
            version=phase.version,
            changed_at=phase.since,
            timeline=self.timeline[: index + 1],
        )

    def timeliness(self, at: datetime) -> Timeliness:
        """How the dossier stood against its legal limit at *at*.

        Finished: early / on time / late by the time it was decided (a late step makes it
        late, by policy). Open: within limit / overdue; waiting for the applicant: paused.
        Not received, withdrawn, stopped or refused at reception: not counted.
        """
        return self._timeliness(require_aware(at, "at"))

    def _timeliness(self, at: datetime) -> Timeliness:
        """:meth:`timeliness` for a moment already checked to be aware (bulk readers)."""
        record = self._as_of(at)
        due = record.legal_due_at
        if due is None or record.status in _NOT_COUNTED:
            return Timeliness.NOT_COUNTED
        if record.finished_at is not None:
            if record.late_step:
                return Timeliness.LATE
            return finished_timeliness(record.finished_at, due)
        if record.clock_stopped:
            return Timeliness.PAUSED
        return Timeliness.OVERDUE if at > due else Timeliness.WITHIN_LIMIT


_CHANNELS = tuple(c.value for c in Channel)
# Each field's slot setter, in field order (DossierRecord.__init__ unpacks them).
_SETTERS: tuple[Callable[[DossierRecord, Any], None], ...] = tuple(
    DossierRecord.__dict__[f.name].__set__ for f in fields(DossierRecord)
)


def _since(phase: Phase) -> datetime:
    return phase.since


def classify_timeliness(records: Iterable[DossierRecord], at: datetime) -> list[Timeliness]:
    """The timeliness of every record as of *at*, in order, without building any dossier.

    Store :meth:`motcua.Dossier.record` beside each dossier and a nightly sweep or a
    report classifies a million of them in about a second (``benchmarks/README.md``).

    Raises:
        NaiveDatetimeError: *at* has no time zone.
        DossierTimeError: A record cannot say how it stood at *at*.
    """
    at = require_aware(at, "at")
    if isinstance(records, str | bytes) or not isinstance(records, Iterable):
        raise ArgumentTypeError("records", records, expected="an iterable of DossierRecord")
    items = records if isinstance(records, list | tuple) else list(records)
    try:
        return [record._timeliness(at) for record in items]
    except AttributeError:
        # Not checked item by item on the way: a million records are classified in a second.
        for index, record in enumerate(items):
            if not isinstance(record, DossierRecord):
                raise ArgumentTypeError(
                    f"records[{index}]", record, expected="a DossierRecord"
                ) from None
        raise
