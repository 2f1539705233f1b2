"""The clock's arithmetic, as pure functions of a dossier's state and its calendar.

Nothing here builds a dossier or changes one: each function takes the values it needs
and returns new ones, so the rules can be tested on their own and the dossier applies
their results all at once.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple, Protocol

from motcua.calendar import ProcessingTime, WorkingCalendar
from motcua.dossiers._actions import DossierAction, PauseKind
from motcua.dossiers._records import DueEvent, DueEventKind, Pause, StepRecord
from motcua.dossiers._status import DossierStatus

__all__ = [
    "ClockState",
    "Shift",
    "StepPlan",
    "clock_stopped",
    "due_events",
    "estimated_years",
    "next_check",
    "paused_time",
    "resume",
    "start",
    "step_budget",
]

_US = timedelta(microseconds=1)
_SUPPLEMENT = PauseKind.SUPPLEMENT


class StepPlan(NamedTuple):
    """One planned step: what happens, who does it, its share of the limit as office time."""

    name: str
    actor: str
    budget: timedelta


class ClockView(Protocol):
    """What the clock rules read of a dossier (a :class:`ClockState`, or its own state)."""

    @property
    def status(self) -> DossierStatus: ...
    @property
    def overdue(self) -> bool: ...
    @property
    def accepted_at(self) -> datetime | None: ...
    @property
    def legal_due_at(self) -> datetime | None: ...
    @property
    def due_at(self) -> datetime | None: ...
    @property
    def extended_due_at(self) -> datetime | None: ...
    @property
    def pauses(self) -> tuple[Pause, ...]: ...
    @property
    def steps(self) -> tuple[StepRecord, ...]: ...
    @property
    def marked_due_at(self) -> datetime | None: ...


class ClockState(NamedTuple):
    """What the clock rules read of a dossier, as a value (for testing the rules alone)."""

    status: DossierStatus
    overdue: bool
    accepted_at: datetime | None
    legal_due_at: datetime | None
    due_at: datetime | None
    extended_due_at: datetime | None
    pauses: tuple[Pause, ...]
    steps: tuple[StepRecord, ...]
    marked_due_at: datetime | None = None


class Shift(NamedTuple):
    """The due times after a wait ended."""

    pauses: tuple[Pause, ...]
    legal_due_at: datetime | None
    due_at: datetime | None
    extended_due_at: datetime | None
    steps: tuple[StepRecord, ...]


def step_budget(limit: ProcessingTime, calendar: WorkingCalendar) -> timedelta:
    """A step's share of the limit as office time (a working day is the calendar's day)."""
    day = calendar.office_hours.length
    office = limit.office_time(day)
    return day * limit.amount if office is None else office  # calendar days: office days


def start(
    calendar: WorkingCalendar, limit: ProcessingTime, plan: tuple[StepPlan, ...], at: datetime
) -> tuple[datetime, tuple[StepRecord, ...]]:
    """The legal due time of a clock started at *at*, and the first step, if any."""
    deadline = calendar.due_at(at, limit)
    if not plan:
        return deadline.at, ()
    first = plan[0]
    begin = deadline.counted_from
    step = StepRecord(
        0,
        first.name,
        first.actor,
        first.budget,
        begin,
        calendar.add_office_time(begin, first.budget),
    )
    return deadline.at, (step,)


def advance_steps(
    calendar: WorkingCalendar,
    steps: tuple[StepRecord, ...],
    plan: tuple[StepPlan, ...],
    at: datetime,
    to: str | None,
) -> tuple[StepRecord, ...]:
    """Finish the running step at *at*, handing it to *to*, and start the next planned one."""
    if not steps:
        return steps
    result = list(steps)
    following = len(result)
    last = result[-1]
    if last.finished_at is None:
        receiver = to
        if receiver is None and following < len(plan):
            receiver = plan[following].actor
        result[-1] = last._replace(finished_at=at, handed_to=receiver)
    if following < len(plan):
        step = plan[following]
        due = calendar.add_office_time(at, step.budget)
        result.append(StepRecord(following, step.name, to or step.actor, step.budget, at, due))
    return tuple(result)


def finish_steps(
    calendar: WorkingCalendar,
    steps: tuple[StepRecord, ...],
    plan: tuple[StepPlan, ...],
    at: datetime,
) -> tuple[StepRecord, ...]:
    """Finish the running step and every one after it (the result is handed over)."""
    return tuple(
        s if s.finished_at is not None else s._replace(finished_at=at)
        for s in advance_steps(calendar, steps, plan, at, None)
    )


def clock_stopped(status: DossierStatus, pauses: tuple[Pause, ...]) -> bool:
    """Whether the clock is stopped: waiting for the applicant in a wait that does not count."""
    if not status.is_paused or not pauses:
        return False
    last = pauses[-1]
    return last.ended_at is None and not last.counted


def resume(  # noqa: PLR0917 - a pure function of everything the rule reads
    calendar: WorkingCalendar,
    limit: ProcessingTime,
    restart: bool,
    state: ClockView,
    at: datetime,
    action: DossierAction,
) -> Shift:
    """End the current wait at *at*: the due times move by the office time it took.

    A counted wait moves nothing; a supplement with *restart* (``restart_on_supplement``,
    unless the due time was agreed in writing) restarts the whole limit from *at*.
    """
    pause = state.pauses[-1]
    pauses = (*state.pauses[:-1], pause._replace(ended_at=at, ended_by=action))
    unchanged = Shift(pauses, state.legal_due_at, state.due_at, state.extended_due_at, state.steps)
    if pause.counted or state.legal_due_at is None or state.due_at is None:
        return unchanged
    if pause.kind is _SUPPLEMENT and restart:
        legal = calendar.due_at(at, limit).at
        shift = calendar.office_time_between(state.legal_due_at, legal)
    else:
        shift = calendar.office_time_between(pause.started_at, at)
        if not shift:
            return unchanged  # the wait took no office time: nothing moves
        legal = calendar.add_office_time(state.legal_due_at, shift)
    extended = None
    due = legal
    if state.extended_due_at is not None:
        due = extended = calendar.add_office_time(state.due_at, shift)
    add = calendar.add_office_time
    steps = tuple(
        s
        if s.finished_at is not None
        else StepRecord(s.position, s.name, s.actor, s.budget, s.started_at, add(s.due_at, shift))
        for s in state.steps
    )
    return Shift(pauses, legal, due, extended, steps)


def close_pause(
    pauses: tuple[Pause, ...], at: datetime, action: DossierAction
) -> tuple[Pause, ...]:
    """End an open wait because the dossier closed (withdrawn, stopped)."""
    if pauses and pauses[-1].ended_at is None:
        return (*pauses[:-1], pauses[-1]._replace(ended_at=at, ended_by=action))
    return pauses


def paused_time(calendar: WorkingCalendar, pauses: tuple[Pause, ...]) -> timedelta:
    """The office time of the waits that moved the due time (ended by a resumption)."""
    total = timedelta(0)
    for pause in pauses:
        ended, by = pause.ended_at, pause.ended_by
        if ended is not None and by is not None and by.resuming and not pause.counted:
            total += calendar.office_time_between(pause.started_at, ended)
    return total


def estimated_years(
    calendar: WorkingCalendar, start: datetime | None, state: ClockView
) -> tuple[int, ...]:
    """The years with no announced schedule that the due times were counted across.

    From the year the clock started to the year of the latest due time (legal or
    appointment): a day off of any of them, once announced, may move the due time.
    """
    ends = [t for t in (state.legal_due_at, state.due_at) if t is not None]
    if start is None or not ends:
        return ()
    return calendar.unannounced_years(start, max(ends))


def _due_soon(calendar: WorkingCalendar, state: ClockView) -> datetime | None:
    """One working day before the legal due time; None for limits shorter than that."""
    due = state.legal_due_at
    if due is None or state.accepted_at is None:
        return None
    local = due.astimezone(calendar.timezone)
    day = calendar.add_working_days(local.date(), -1)
    soon = local.replace(year=day.year, month=day.month, day=day.day)
    return soon if soon > state.accepted_at else None


def _running(state: ClockView) -> bool:
    return (
        state.status.is_open
        and state.legal_due_at is not None
        and not clock_stopped(state.status, state.pauses)
    )


def due_events(
    code: str, calendar: WorkingCalendar, state: ClockView, at: datetime
) -> list[DueEvent]:
    """The events a scheduler must act on at *at* (see :meth:`motcua.Dossier.due_events`)."""
    if not _running(state):
        return []
    due = state.legal_due_at
    assert due is not None
    events: list[DueEvent] = []
    if at > due:
        # Once per dossier, whatever pauses moved the due time since.
        events.append(DueEvent(DueEventKind.OVERDUE, f"{code}:overdue", due))
    else:
        soon = _due_soon(calendar, state)
        if soon is not None and at >= soon:
            # Once per due time: a pause that moves the due time calls for a new reminder.
            key = f"{code}:due_soon:{due.astimezone(calendar.timezone):%Y%m%dT%H%M}"
            events.append(DueEvent(DueEventKind.DUE_SOON, key, soon))
    events.extend(
        DueEvent(
            DueEventKind.STEP_OVERDUE, f"{code}:step_overdue:{s.position}", s.due_at, s.position
        )
        for s in state.steps
        if s.finished_at is None and at > s.due_at
    )
    return events


def next_check(
    calendar: WorkingCalendar, state: ClockView, after: datetime | None
) -> datetime | None:
    """The earliest moment after *after* at which :func:`due_events` returns something new.

    With *after* None: the earliest moment at which any event of the current state is
    returned, even if that is in the past (an event not yet acted on is never skipped).
    An overdue already recorded on the dossier (the flag) counts as acted on (its key is
    once per dossier), and makes the due-soon reminder moot — unless the due time has
    moved since (a restart, a counted wait): then the new due time's reminder stands.
    """
    if not _running(state):
        return None
    due = state.legal_due_at
    assert due is not None
    moments: list[datetime] = []
    if not state.overdue:
        moments.append(due + _US)  # overdue is returned once *at* is past the due time
    if not state.overdue or state.marked_due_at != due:
        soon = _due_soon(calendar, state)
        if soon is not None:
            moments.append(soon)
    moments.extend(s.due_at + _US for s in state.steps if s.finished_at is None)
    if after is not None:
        moments = [m for m in moments if m > after]
    return min(moments, default=None)
