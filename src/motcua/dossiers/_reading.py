"""What a dossier is and answers: its identity, its state, and the questions asked of it.

:class:`motcua.Dossier` adds creation, the desk's actions and storing to this base; the
split keeps the aggregate's reading side (one screenful per question) apart from the
side that changes it.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import TypeVar

from motcua._time import require_aware
from motcua.calendar import CalendarIdentity, Deadline, ProcessingTime, WorkingCalendar
from motcua.dossiers import _clock
from motcua.dossiers._actions import DossierAction
from motcua.dossiers._clock import StepPlan
from motcua.dossiers._codes import DossierCode
from motcua.dossiers._policy import ClockPolicy
from motcua.dossiers._records import Applicant, DossierEvent, DueEvent, Pause, StepRecord
from motcua.dossiers._state import EMPTY, Context, State
from motcua.dossiers._status import DossierStatus, OfficeDuration, Timeliness
from motcua.dossiers._timeliness import DossierRecord, Phase
from motcua.errors import DossierCodeError
from motcua.procedures import Channel, ClockStart

__all__ = ["DossierBase"]

_A = DossierAction
_D = TypeVar("_D", bound="DossierBase")


class DossierBase:
    """The reading side of :class:`motcua.Dossier`: see there."""

    __slots__ = (
        "_applicant",
        "_calendar",
        "_case",
        "_channel",
        "_code",
        "_ctx",
        "_field",
        "_head",
        "_lock",
        "_procedure_code",
        "_procedure_name",
        "_recounted_from",
        "_state",
        "_stored",
    )

    def __init__(
        self,
        *,
        code: str,
        procedure_code: str,
        procedure_name: str,
        field: str,
        handling_agency: str,
        channel: Channel,
        applicant: Applicant,
        limit: ProcessingTime,
        plan: tuple[StepPlan, ...],
        policy: ClockPolicy,
        calendar: WorkingCalendar,
        recounted_from: tuple[CalendarIdentity, ...] = (),
        case: tuple[str, str] | None = None,
        clock_start: ClockStart = ClockStart.ACCEPTED,
        by_agreement: bool = False,
    ) -> None:
        """Not for callers: use :meth:`receive`, :meth:`submit` or :meth:`from_dict`."""
        self._code = code
        self._case = case
        self._procedure_code = procedure_code
        self._procedure_name = procedure_name
        self._field = field
        self._channel = channel
        self._applicant = applicant
        self._calendar = calendar
        self._ctx = Context.of(
            code, calendar, limit, plan, policy, handling_agency, clock_start, by_agreement
        )
        self._recounted_from = recounted_from
        self._state = EMPTY
        self._stored: tuple[str, ...] = ()  # the stored text of a history prefix's events
        self._head: str | None = None  # the stored text of the inputs (no closing brace)
        self._lock = threading.Lock()

    def _copy(self, calendar: WorkingCalendar, kind: type[_D]) -> _D:
        """An independent *kind* in the same (immutable) state, counted on *calendar*.

        Only for a calendar of the same identity: the state's due times were counted on it.
        """
        copy = object.__new__(kind)
        for name in DossierBase.__slots__:
            object.__setattr__(copy, name, getattr(self, name))
        copy._calendar = calendar
        copy._ctx = self._ctx._replace(calendar=calendar)
        copy._lock = threading.Lock()
        return copy

    # -- identity ----------------------------------------------------------------------------

    @property
    def code(self) -> str:
        """The dossier code."""
        return self._code

    @property
    def dossier_code(self) -> DossierCode | None:
        """:attr:`code` read as a national dossier code, or None when it is another id."""
        try:
            return DossierCode.parse(self._code)
        except DossierCodeError:
            return None

    @property
    def procedure_code(self) -> str:
        """The procedure's code."""
        return self._procedure_code

    @property
    def procedure_name(self) -> str:
        """The procedure's name."""
        return self._procedure_name

    @property
    def field(self) -> str:
        """The procedure's field (*lĩnh vực*)."""
        return self._field

    @property
    def case(self) -> str | None:
        """The key of the procedure's case (*trường hợp*) it was received in, if any."""
        return None if self._case is None else self._case[0]

    @property
    def case_name(self) -> str | None:
        """The name of that case, as the procedure states it."""
        return None if self._case is None else self._case[1]

    @property
    def handling_agency(self) -> str:
        """The agency that handles it."""
        return self._ctx.handling_agency

    @property
    def channel(self) -> Channel:
        """How it was submitted."""
        return self._channel

    @property
    def applicant(self) -> Applicant:
        """Who it is for."""
        return self._applicant

    @property
    def limit(self) -> ProcessingTime:
        """The legal time limit on its channel."""
        return self._ctx.limit

    @property
    def step_plan(self) -> tuple[StepPlan, ...]:
        """The procedure's steps as planned at reception, with their office-time budgets."""
        return self._ctx.plan

    @property
    def policy(self) -> ClockPolicy:
        """The clock policy."""
        return self._ctx.policy

    @property
    def calendar(self) -> WorkingCalendar:
        """The calendar the clock counts on."""
        return self._calendar

    @property
    def counted_on(self) -> CalendarIdentity:
        """The identity of the calendar the clock counts on (what is stored)."""
        return self._calendar.identity

    @property
    def recounted_from(self) -> tuple[CalendarIdentity, ...]:
        """The calendars it was counted on before a recount, oldest first."""
        return self._recounted_from

    # -- state -------------------------------------------------------------------------------

    @property
    def status(self) -> DossierStatus:
        """Where it is in its life."""
        return self._state.status

    @property
    def overdue(self) -> bool:
        """Whether ``mark_overdue`` was recorded (by :meth:`check_overdue`)."""
        return self._state.overdue

    @property
    def submitted_at(self) -> datetime | None:
        """When it was submitted online, before the desk checked it."""
        return self._state.submitted_at

    @property
    def accepted_at(self) -> datetime | None:
        """When the desk accepted it: the clock starts here, unless :attr:`clock_start`."""
        return self._state.accepted_at

    @property
    def clock_start(self) -> ClockStart:
        """The procedure's rule for when the clock starts, as received."""
        return self._ctx.clock_start

    @property
    def recorded_at(self) -> datetime | None:
        """When the complete, valid dossier was recorded (postmark, system time), if given."""
        event = self._start_event()
        return None if event is None else event.recorded_at

    @property
    def clock_started_at(self) -> datetime | None:
        """Where the limit started counting.

        :attr:`recorded_at` when the procedure counts from then (:attr:`ClockStart.RECORDED`)
        and it was given, else :attr:`accepted_at`.
        """
        event = self._start_event()
        if event is None:
            return None
        if event.recorded_at is not None and self._ctx.clock_start is ClockStart.RECORDED:
            return event.recorded_at
        return event.at

    @property
    def agreement(self) -> str | None:
        """The written agreement that set the due time, when there is one."""
        event = self._start_event()
        return None if event is None else event.agreement

    @property
    def deadline(self) -> Deadline | None:
        """How the limit was counted from :attr:`clock_started_at`.

        The days skipped, the cut-off, the session boundary (:meth:`Deadline.describe`):
        the due time before any agreement, pause or extension; None before the clock
        started.
        """
        start = self.clock_started_at
        return None if start is None else self._calendar.due_at(start, self.limit)

    @property
    def estimated_years(self) -> tuple[int, ...]:
        """The years with no announced schedule its due times were counted across.

        Empty when every day counted comes from an official announcement. A day off
        announced later in one of these years may move the due time: re-check the
        dossier then (:func:`motcua.dossiers.recheck`).
        """
        return _clock.estimated_years(self._calendar, self.clock_started_at, self._state)

    @property
    def due_estimated(self) -> bool:
        """Whether the due time is an estimate (:attr:`estimated_years` is not empty).

        Stored as ``state.due_estimated``; the receipt prints the appointment as *dự kiến*
        with why.
        """
        return bool(self.estimated_years)

    def _start_event(self) -> DossierEvent | None:
        for event in self._state.history[:2]:  # receive, or submit then accept
            if event.action is DossierAction.RECEIVE or event.action is DossierAction.ACCEPT:
                return event
        return None

    @property
    def legal_due_at(self) -> datetime | None:
        """The due time by law: acceptance plus the limit, moved only by pauses."""
        return self._state.legal_due_at

    @property
    def due_at(self) -> datetime | None:
        """The appointment: the legal due time, or the extended one."""
        return self._state.due_at

    @property
    def extended_due_at(self) -> datetime | None:
        """The new appointment of the apology-and-extension letter."""
        return self._state.extended_due_at

    @property
    def finished_at(self) -> datetime | None:
        """When it was decided: the result ready, or refused after appraisal."""
        return self._state.finished_at

    @property
    def pauses(self) -> tuple[Pause, ...]:
        """Every wait for the applicant."""
        return self._state.pauses

    @property
    def steps(self) -> tuple[StepRecord, ...]:
        """The internal steps begun so far, with their own due times."""
        return self._state.steps

    @property
    def supplement_requests(self) -> dict[str, int]:
        """Supplement requests made, per agency (a copy)."""
        return dict(self._state.supplement_requests)

    @property
    def history(self) -> tuple[DossierEvent, ...]:
        """Every event, oldest first."""
        return self._state.history

    @property
    def version(self) -> int:
        """The number of events: increases with each one (optimistic concurrency)."""
        return len(self._state.history)

    # -- questions ---------------------------------------------------------------------------

    def allowed_actions(self) -> tuple[DossierAction, ...]:
        """The actions the dossier's status allows now, by the chart."""
        return _A.allowed(self._state.status)

    @property
    def clock_stopped(self) -> bool:
        """Whether the clock is stopped now.

        It is while waiting for the applicant in a wait that does not count toward the
        limit (a payment wait counts when the policy says so).
        """
        state = self._state
        return _clock.clock_stopped(state.status, state.pauses)

    @property
    def paused_time(self) -> timedelta:
        """The office time waited for the applicant that moved the due time.

        Waits that counted toward the limit (by policy) and a wait ended by withdrawal or
        stop are not included.
        """
        return _clock.paused_time(self._calendar, self._state.pauses)

    @property
    def handling_steps(self) -> tuple[StepRecord, ...]:
        """The steps that judge the handling: those begun before the result was ready.

        Handing the result over does not count: an uncollected result may wait at the desk.
        """
        return _handling_steps(self._state)

    def timeliness(self, at: datetime) -> Timeliness:
        """How the dossier stood against its legal limit at *at* (the same whenever asked).

        Finished: early / on time / late by the time the result was ready (a late step
        makes it late, by policy). Open: within limit / overdue; waiting for the applicant:
        paused. Not received, withdrawn, stopped or refused at reception: not counted.
        """
        return self.record().timeliness(at)

    def as_of(self, at: datetime) -> DossierRecord:
        """The dossier's projection as it stood at *at*: status, paused, overdue, due times.

        Raises:
            DossierTimeError: *at* is before its first event.
        """
        return self.record().as_of(at)

    def remaining(self, at: datetime) -> OfficeDuration:
        """Office time left to the legal due time at *at* (negative when past it).

        While paused, the time left when the pause began (the clock is stopped); once
        decided or closed, the time left when that happened.
        """
        record = self.as_of(at)
        day = self._calendar.office_hours.length
        due = record.legal_due_at
        if due is None:
            return OfficeDuration(timedelta(0), day=day)
        moment = at
        if record.clock_stopped and record.paused_since is not None:
            moment = record.paused_since
        elif record.finished_at is not None:
            moment = record.finished_at
        elif not record.status.is_open:
            moment = record.changed_at  # withdrawn or stopped: the clock ended there
        return OfficeDuration(self._calendar.office_time_between(moment, due), day=day)

    def due_events(self, at: datetime) -> list[DueEvent]:
        """The events a scheduler must act on at *at*, each with a stable idempotency key.

        Due soon (one working day before the due time: the last day to send the apology
        letter), overdue, and step overdue. Only open, running dossiers have any; the same
        event keeps its key across calls, so a scheduler acts once per key.
        """
        at = require_aware(at, "at")
        return _clock.due_events(self._code, self._calendar, self._state, at)

    @property
    def next_check_at(self) -> datetime | None:
        """The earliest moment at which :meth:`due_events` returns an event; None if never.

        Store it in an indexed column and have the scheduler wake for the dossiers whose
        moment has come; after acting at ``t``, the next wake is :meth:`next_check_after`
        ``(t)``. It may be in the past: an event that fired and was not yet acted on is
        never skipped (keys are idempotent). An overdue already recorded by
        :meth:`check_overdue` counts as acted on.
        """
        return _clock.next_check(self._calendar, self._state, None)

    def next_check_after(self, at: datetime) -> datetime | None:
        """The earliest moment after *at* at which :meth:`due_events` returns something new."""
        at = require_aware(at, "at")
        return _clock.next_check(self._calendar, self._state, at)

    def record(self) -> DossierRecord:
        """The projection to store beside the dossier (see :class:`DossierRecord`)."""
        state = self._state  # read once: the record is of one whole state
        history = state.history
        late_step = self._ctx.policy.late_step_makes_late and any(
            s.finished_at is not None and s.finished_at > s.due_at for s in _handling_steps(state)
        )
        status = state.status
        closed = None
        if not status.is_open and status is not DossierStatus.SUBMITTED:
            closed = history[-1].at  # the event that closed it for good
        stopped = _clock.clock_stopped(status, state.pauses)
        paused_since = state.pauses[-1].started_at if status.is_paused and state.pauses else None
        return DossierRecord(
            code=self._code,
            procedure=self._procedure_code,
            field=self._field,
            agency=self._ctx.handling_agency,
            channel=self._channel,
            status=status,
            accepted_at=state.accepted_at,
            legal_due_at=state.legal_due_at,
            finished_at=state.finished_at,
            closed_at=closed,
            late_step=late_step,
            changed_at=history[-1].at,
            overdue=state.overdue,
            due_at=state.due_at,
            paused_since=paused_since,
            clock_stopped=stopped,
            next_check_at=_clock.next_check(self._calendar, state, None),
            version=len(history),
            calendar_id=self._calendar.identity.calendar_id,
            timeline=_timeline(history, self._ctx.policy.payment_wait_counts),
            case=None if self._case is None else self._case[0],
            due_estimated=bool(
                _clock.estimated_years(self._calendar, self.clock_started_at, state)
            ),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DossierBase):
            return NotImplemented
        return (
            self._state == other._state
            and self._ctx.code == other._ctx.code
            and self._ctx[2:6] == other._ctx[2:6]
            and self._ctx[9:11] == other._ctx[9:11]  # clock_start, by_agreement
            and self._calendar.identity == other._calendar.identity
            and (self._procedure_code, self._procedure_name, self._field, self._channel)
            == (other._procedure_code, other._procedure_name, other._field, other._channel)
            and self._case == other._case
            and self._applicant == other._applicant
            and self._recounted_from == other._recounted_from
        )

    __hash__ = None  # type: ignore[assignment]  # a dossier changes: it is not a value

    def __repr__(self) -> str:
        return f"<Dossier {self._code} {self._procedure_code} {self.status.value} v{self.version}>"


def _handling_steps(state: State) -> tuple[StepRecord, ...]:
    done = state.finished_at
    if done is None:
        return state.steps
    return tuple(s for s in state.steps if s.started_at < done)


def _timeline(history: tuple[DossierEvent, ...], payment_counts: bool) -> tuple[Phase, ...]:
    """One phase per event: how the dossier stood from that event until the next."""
    phases = []
    overdue = False
    paused_since: datetime | None = None
    for event in history:
        overdue = overdue or event.action is _A.MARK_OVERDUE
        status = event.to_status
        if not status.is_paused:
            paused_since = None
        elif not event.from_status.is_paused:
            paused_since = event.at
        stopped = status.is_paused and not (
            payment_counts and status is DossierStatus.AWAITING_PAYMENT
        )
        phases.append(
            Phase(
                event.at,
                event.seq,
                status,
                overdue,
                event.legal_due_at,
                event.due_at,
                stopped,
                paused_since,
            )
        )
    return tuple(phases)
