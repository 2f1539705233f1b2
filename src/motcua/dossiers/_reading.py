"""What a dossier is and where it stands: its identity and its state, read-only.

:class:`motcua.Dossier` is built in layers, one module each, so a reader opens the one
the question is about:

* ``_reading`` — :class:`DossierBase`: the slots, the identity, the state (this module);
* ``_questions`` — what it answers at a moment: timeliness, time left, due events, the
  projection to store;
* ``_desk`` — what the desk does to it: each action checked and applied under the lock;
* ``_dossier`` — how one is made (``receive``, ``submit``) and stored (``to_dict``,
  ``from_dict``), on top of the other three.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import TypeVar

from motcua.calendar import CalendarIdentity, Deadline, ProcessingTime, WorkingCalendar
from motcua.dossiers import _clock
from motcua.dossiers._actions import DossierAction
from motcua.dossiers._clock import StepPlan
from motcua.dossiers._codes import DossierCode
from motcua.dossiers._policy import ClockPolicy
from motcua.dossiers._records import Applicant, DossierEvent, Pause, StepRecord
from motcua.dossiers._state import EMPTY, Context
from motcua.dossiers._status import DossierStatus
from motcua.errors import DossierCodeError
from motcua.procedures import Channel, ClockStart

__all__ = ["DossierBase"]

_A = DossierAction
_D = TypeVar("_D", bound="DossierBase")


class DossierBase:
    """What a :class:`motcua.Dossier` is and where it stands: see there."""

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
