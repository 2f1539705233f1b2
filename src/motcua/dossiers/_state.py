"""The values a desk action reads and writes: its context, the dossier's state, its inputs.

Each is an immutable tuple: :func:`motcua.dossiers._transitions.apply` takes a
:class:`Context` (what never changes), a :class:`State` (what the action changes) and
:class:`Inputs` (what the caller says), and returns the next :class:`State`.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple

from motcua.calendar import ProcessingTime, WorkingCalendar
from motcua.dossiers._actions import DossierAction
from motcua.dossiers._clock import StepPlan
from motcua.dossiers._policy import ClockPolicy
from motcua.dossiers._records import DossierEvent, Pause, StepRecord
from motcua.dossiers._status import DossierStatus
from motcua.procedures import ClockStart

__all__ = ["EMPTY", "Context", "Inputs", "State"]

_MARK_OVERDUE = DossierAction.MARK_OVERDUE


class Context(NamedTuple):
    """What a dossier's actions read but never change."""

    code: str
    calendar: WorkingCalendar
    limit: ProcessingTime
    plan: tuple[StepPlan, ...]
    policy: ClockPolicy
    handling_agency: str
    first: datetime  # the calendar's first moment
    end: datetime  # the moment after its last day
    past_due: timedelta  # ClockPolicy.max_days_past_due
    clock_start: ClockStart  # the procedure's rule: at acceptance, or when recorded
    by_agreement: bool  # the procedure allows a due time agreed in writing
    recounting: bool = False  # replaying a recounted dossier: a recorded overdue stands

    @classmethod
    def of(  # noqa: PLR0917 - private, positional like the tuple
        cls,
        code: str,
        calendar: WorkingCalendar,
        limit: ProcessingTime,
        plan: tuple[StepPlan, ...],
        policy: ClockPolicy,
        handling_agency: str,
        clock_start: ClockStart = ClockStart.ACCEPTED,
        by_agreement: bool = False,
    ) -> Context:
        first, end = _bounds(calendar)
        return cls(
            code,
            calendar,
            limit,
            plan,
            policy,
            handling_agency,
            first,
            end,
            timedelta(days=policy.max_days_past_due),
            clock_start,
            by_agreement,
        )


@lru_cache(maxsize=64)
def _bounds(calendar: WorkingCalendar) -> tuple[datetime, datetime]:
    """The first moment of *calendar*, and the moment after its last day."""
    tz = calendar.timezone
    first = datetime.combine(calendar.first_date, time(0), tz)
    return first, datetime.combine(calendar.last_date, time(0), tz) + timedelta(days=1)


class State(NamedTuple):
    """Everything an action changes; a dossier swaps one for the next, all at once."""

    status: DossierStatus
    overdue: bool
    submitted_at: datetime | None
    accepted_at: datetime | None
    legal_due_at: datetime | None
    due_at: datetime | None
    extended_due_at: datetime | None
    finished_at: datetime | None
    pauses: tuple[Pause, ...]
    steps: tuple[StepRecord, ...]
    supplement_requests: tuple[tuple[str, int], ...]
    history: tuple[DossierEvent, ...]

    @property
    def version(self) -> int:
        return len(self.history)

    @property
    def marked_due_at(self) -> datetime | None:
        """The legal due time the overdue flag was recorded against (None: not marked)."""
        if not self.overdue:
            return None
        for event in reversed(self.history):
            if event.action is _MARK_OVERDUE:
                return event.legal_due_at
        return None  # pragma: no cover - the flag is only set by that event


EMPTY = State(DossierStatus.SUBMITTED, False, None, None, None, None, None, None, (), (), (), ())


MAX_EVENT_SIZE = 100_000
"""The most characters of text (actor, reason, items…) one stored event may hold."""


def text_size(inputs: Inputs) -> int:
    """The characters of text *inputs* hold: what the event will cost beyond its fields."""
    size = 0
    for value in inputs:
        if type(value) is str:
            size += len(value)
        elif type(value) is tuple:
            size += sum(len(x) for x in value if type(x) is str)
    return size


class Inputs(NamedTuple):
    """What the caller (or a stored event) says about one action."""

    action: DossierAction
    at: datetime
    by: str
    reason: str | None = None
    items: tuple[str, ...] = ()
    agency: str | None = None
    handed_to: str | None = None
    new_due_at: datetime | None = None  # extend; on receive/accept, the agreed due time
    recorded_at: datetime | None = None  # receive/accept: when the system or post recorded it
    agreement: str | None = None  # receive/accept: the written agreement on the due time
