"""What a dossier answers: its timeliness, the time left, its due events, its projection."""

from __future__ import annotations

from datetime import datetime, timedelta

from motcua._time import require_aware
from motcua.dossiers import _clock
from motcua.dossiers._actions import DossierAction
from motcua.dossiers._projection import DossierRecord
from motcua.dossiers._reading import DossierBase
from motcua.dossiers._records import DossierEvent, DueEvent, StepRecord
from motcua.dossiers._state import State
from motcua.dossiers._status import DossierStatus, OfficeDuration, Timeliness
from motcua.dossiers._timeliness import Phase

__all__ = ["DossierQuestions"]

_A = DossierAction


class DossierQuestions(DossierBase):
    """The questions a :class:`motcua.Dossier` answers: see there."""

    __slots__ = ()

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
