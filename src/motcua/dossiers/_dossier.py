"""A dossier (hồ sơ): the aggregate that records the desk's actions on its clock."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

import pydantic_core

from motcua._time import require_aware
from motcua.calendar import CalendarIdentity, ProcessingTime, WorkingCalendar
from motcua.dossiers import _clock
from motcua.dossiers._actions import DossierAction
from motcua.dossiers._clock import StepPlan
from motcua.dossiers._codes import DossierCode, DossierNumbering
from motcua.dossiers._policy import ClockPolicy
from motcua.dossiers._records import Applicant, DossierEvent, DueEvent, Pause, StepRecord
from motcua.dossiers._status import DossierStatus, OfficeDuration, Timeliness
from motcua.dossiers._timeliness import DossierRecord, Phase
from motcua.dossiers._transitions import EMPTY, Context, Inputs, State, apply, overdue_due
from motcua.errors import (
    ArgumentTypeError,
    DossierCodeError,
    StaleDossierError,
    StoredDossierError,
)
from motcua.procedures import Channel, Procedure

__all__ = ["Dossier"]

_A = DossierAction


class Dossier:
    """A dossier (*hồ sơ*) from the moment the one-stop desk accepts it to the result.

    Create one with :meth:`receive` (accepted at the desk) or :meth:`submit` (an online
    submission not yet checked), then call the methods named for what happens at the
    desk. Every method takes ``at=`` (an aware datetime) and ``by=`` (who acted), records
    an immutable :class:`DossierEvent` in :attr:`history`, and bumps :attr:`version`. A
    refused action raises :class:`motcua.errors.ActionNotAllowedError` and changes nothing.

    The clock stores the time budget and a ledger of pauses, not a fixed date: while a
    supplement (or, by policy, a payment) is awaited the clock stops, and on resumption the
    due time moves by exactly the paused office time, counted on the calendar.

    **Threads.** Actions on one dossier object are atomic and serialised by a lock: each
    one reads the state, checks it and replaces it whole. Two threads acting at once never
    lose or duplicate an event; with ``expected_version=`` the slower one gets
    :class:`motcua.errors.StaleDossierError`, without it the two actions apply one after
    the other. Readers always see a whole state, never half an action.

    **Storing.** :meth:`to_dict` / :meth:`to_json` give the stored form;
    :meth:`from_dict` / :meth:`from_json` load it by replaying its history on the calendar
    you pass, and refuse it unless the replay reproduces every stored field.
    """

    __slots__ = (
        "_applicant",
        "_calendar",
        "_channel",
        "_code",
        "_ctx",
        "_field",
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
    ) -> None:
        """Not for callers: use :meth:`receive`, :meth:`submit` or :meth:`from_dict`."""
        self._code = code
        self._procedure_code = procedure_code
        self._procedure_name = procedure_name
        self._field = field
        self._channel = channel
        self._applicant = applicant
        self._calendar = calendar
        self._ctx = Context.of(code, calendar, limit, plan, policy, handling_agency)
        self._recounted_from = recounted_from
        self._state = EMPTY
        self._stored: list[dict[str, Any]] = []  # the stored form of a history prefix
        self._lock = threading.Lock()

    # -- creation ----------------------------------------------------------------------------

    @classmethod
    def receive(
        cls,
        procedure: Procedure,
        *,
        accepted_at: datetime,
        channel: Channel,
        applicant: Applicant,
        calendar: WorkingCalendar,
        by: str,
        code: str | None = None,
        numbering: DossierNumbering | None = None,
        policy: ClockPolicy | None = None,
    ) -> Dossier:
        """A dossier accepted at the one-stop desk: status *received*, the clock running.

        The due time is the procedure's limit for *channel*, counted on *calendar* from
        *accepted_at* (the clock starts at acceptance of a complete dossier, NĐ 118/2025).

        Args:
            procedure: What is asked for.
            accepted_at: When the desk accepted the complete dossier (aware).
            channel: How it was submitted.
            applicant: Who it is for.
            calendar: The centre's working calendar; the dossier records its identity.
            by: The officer who accepted it.
            code: The dossier code, when the portal numbers dossiers itself.
            numbering: Issues the code from the agency's daily serials (TT 01/2018 or
                TT 04/2025); without *code* or *numbering*, a random unique id.
            policy: The clock policy (see :class:`ClockPolicy`).

        Raises:
            ChannelNotOfferedError: The procedure is not offered on *channel*.
            NaiveDatetimeError: *accepted_at* has no time zone.
            ActionNotAllowedError: *accepted_at* is outside the calendar's range.
        """
        return cls._create(
            _A.RECEIVE, procedure, accepted_at, "accepted_at", channel, applicant, calendar,
            by, code, numbering, policy,
        )  # fmt: skip

    @classmethod
    def submit(
        cls,
        procedure: Procedure,
        *,
        submitted_at: datetime,
        channel: Channel,
        applicant: Applicant,
        calendar: WorkingCalendar,
        by: str,
        code: str | None = None,
        numbering: DossierNumbering | None = None,
        policy: ClockPolicy | None = None,
    ) -> Dossier:
        """An online submission not yet checked (*Mới đăng ký*): the clock has not started.

        Call :meth:`accept` when the desk finds it complete, or :meth:`refuse`. The code,
        when *numbering* issues it, carries the day of submission and never changes.
        """
        return cls._create(
            _A.SUBMIT, procedure, submitted_at, "submitted_at", channel, applicant, calendar,
            by, code, numbering, policy,
        )  # fmt: skip

    @classmethod
    def _create(  # noqa: PLR0917 - private, called from two constructors with the same order
        cls,
        action: DossierAction,
        procedure: Procedure,
        at: datetime,
        argument: str,
        channel: Channel,
        applicant: Applicant,
        calendar: WorkingCalendar,
        by: str,
        code: str | None,
        numbering: DossierNumbering | None,
        policy: ClockPolicy | None,
    ) -> Dossier:
        at = require_aware(at, argument)
        if not isinstance(calendar, WorkingCalendar):
            raise ArgumentTypeError("calendar", calendar, expected="a WorkingCalendar")
        if not isinstance(applicant, Applicant):
            raise ArgumentTypeError("applicant", applicant, expected='an Applicant(name="…")')
        option = procedure.channel(channel)  # refuse an unoffered channel before a serial
        plan = tuple(
            StepPlan(s.name, s.actor, _clock.step_budget(s.budget, calendar))
            for s in procedure.steps
        )
        dossier = cls(
            code=code or "(new)",
            procedure_code=procedure.code,
            procedure_name=procedure.name,
            field=procedure.field,
            handling_agency=procedure.handling_agency,
            channel=option.channel,
            applicant=applicant,
            limit=option.time_limit,
            plan=plan,
            policy=policy or ClockPolicy(),
            calendar=calendar,
        )
        first = dossier._next(Inputs(action, at, by))  # checked before a serial is used
        if not code:
            code = str(numbering.issue(at)) if numbering is not None else uuid.uuid4().hex
            dossier._code = code
            dossier._ctx = dossier._ctx._replace(code=code)
        dossier._state = first
        return dossier

    # -- storing -----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The stored form: plain JSON types (for a JSON or JSONB column).

        Its shape, ``"format": "motcua.dossier/2"``, is documented field by field in
        ``docs/dossiers.md`` ("Storing dossiers"). It holds the inputs (the procedure's
        limit and steps as received, the policy, the applicant), the calendar identity,
        the history, and the derived state that loading checks.
        """
        from motcua.dossiers._stored import dump  # noqa: PLC0415 - the codec imports this module

        return dump(self)

    def to_json(self) -> str:
        """:meth:`to_dict` as compact JSON text (UTF-8, Vietnamese unescaped)."""
        from motcua.dossiers._stored import dump  # noqa: PLC0415 - the codec imports this module

        return pydantic_core.to_json(dump(self, share=True)).decode()

    @classmethod
    def from_dict(
        cls, data: dict[str, Any], *, calendar: WorkingCalendar, recount: bool = False
    ) -> Dossier:
        """Load a stored dossier by replaying its history on *calendar*.

        The history's actions are replayed through the same rules as live actions; the
        dossier is accepted only if the replay reproduces every stored field (status,
        overdue, due times, pauses, steps, supplement counts, version, each event's clock).

        Args:
            data: What :meth:`to_dict` gave (or its JSON, parsed).
            calendar: The calendar the dossier counts on. It must have the identity the
                dossier recorded.
            recount: Accept a calendar of another identity: the history is replayed on it
                (its due times recomputed, not compared) and the old identity is recorded
                in :attr:`recounted_from`. Save the dossier afterwards.

        Raises:
            StoredDossierError: The data is not a stored dossier, was counted on another
                calendar (without *recount*), or its history does not reproduce it; the
                message names the first event or field that disagrees, what it says and
                what the replay gives.
        """
        from motcua.dossiers._stored import load  # noqa: PLC0415 - the codec imports this module

        return load(data, calendar, recount=recount)

    @classmethod
    def from_json(
        cls, text: str | bytes, *, calendar: WorkingCalendar, recount: bool = False
    ) -> Dossier:
        """:meth:`from_dict` of JSON text.

        Raises:
            StoredDossierError: The text is not JSON, or :meth:`from_dict` refuses it.
        """
        from motcua.dossiers._stored import load  # noqa: PLC0415 - the codec imports this module

        if not isinstance(text, str | bytes | bytearray):
            raise ArgumentTypeError("text", text, expected="JSON text (str or bytes)")
        try:
            data = pydantic_core.from_json(text)
        except ValueError as exc:
            raise StoredDossierError(
                code="?", where="(document)", problem=f"is not JSON text: {exc}"
            ) from None
        return load(data, calendar, recount=recount, owned=True)

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
        """When the desk accepted it (the clock starts here)."""
        return self._state.accepted_at

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

    # -- the desk's actions ------------------------------------------------------------------

    def accept(self, *, at: datetime, by: str, expected_version: int | None = None) -> None:
        """The desk found an online submission complete: the clock starts now."""
        self._act(_A.ACCEPT, at, by, expected_version)

    def start_processing(
        self, *, at: datetime, by: str, expected_version: int | None = None
    ) -> None:
        """The dossier goes from the desk to the handling agency."""
        self._act(_A.START_PROCESSING, at, by, expected_version)

    def hand_over(
        self, *, at: datetime, by: str, to: str, expected_version: int | None = None
    ) -> None:
        """One agency hands the dossier to the next (inter-agency flows, *liên thông*)."""
        self._act(_A.HAND_OVER, at, by, expected_version, handed_to=to)

    def request_supplement(
        self,
        *,
        at: datetime,
        by: str,
        reason: str,
        items: Iterable[str],
        agency: str | None = None,
        expected_version: int | None = None,
    ) -> None:
        """Ask the applicant to add or correct documents (Phiếu yêu cầu bổ sung): the clock stops.

        Args:
            at: When (aware).
            by: Who asked.
            reason: Why (required).
            items: What to add or correct (required; a list of texts).
            agency: The agency asking (default: the current step's actor, the handling
                agency, or *by*).
            expected_version: Refuse if the dossier is no longer at this version.

        Raises:
            ActionNotAllowedError: No reason or items, or this agency already asked as
                often as the policy allows (once by default).
        """
        listed: tuple[Any, ...] = ()
        if not isinstance(items, str | bytes):
            try:
                listed = tuple(items)
            except TypeError:
                listed = ()
        self._act(
            _A.REQUEST_SUPPLEMENT, at, by, expected_version, reason=reason, items=listed,
            agency=agency,
        )  # fmt: skip

    def supplement_received(
        self, *, at: datetime, by: str, expected_version: int | None = None
    ) -> None:
        """The applicant brought what was asked: the clock resumes with the time left."""
        self._act(_A.SUPPLEMENT_RECEIVED, at, by, expected_version)

    def request_payment(
        self, *, at: datetime, by: str, reason: str, expected_version: int | None = None
    ) -> None:
        """Ask the applicant to pay a financial obligation (tax, fees) before going on."""
        self._act(_A.REQUEST_PAYMENT, at, by, expected_version, reason=reason)

    def payment_received(
        self, *, at: datetime, by: str, expected_version: int | None = None
    ) -> None:
        """The obligation was paid: processing goes on."""
        self._act(_A.PAYMENT_RECEIVED, at, by, expected_version)

    def extend(
        self,
        *,
        at: datetime,
        by: str,
        reason: str,
        new_due_at: datetime,
        expected_version: int | None = None,
    ) -> None:
        """Send the apology and set a new appointment (Văn bản xin lỗi và đề nghị gia hạn).

        The legal due time does not move: a dossier finished after it is still late in
        the statistics, whatever the new appointment.

        Raises:
            ActionNotAllowedError: No reason; already extended as often as the policy
                allows; after the due time (unless the policy allows it); or a new due time
                not after the current one, or outside office hours of a working day.
        """
        new_due = require_aware(new_due_at, "new_due_at")
        self._act(_A.EXTEND, at, by, expected_version, reason=reason, new_due_at=new_due)

    def mark_result_ready(
        self, *, at: datetime, by: str, expected_version: int | None = None
    ) -> None:
        """The result is ready (*Đã xử lý xong*): this is the time the law judges."""
        self._act(_A.MARK_RESULT_READY, at, by, expected_version)

    def return_result(self, *, at: datetime, by: str, expected_version: int | None = None) -> None:
        """The result is handed to the applicant (*Đã trả kết quả*)."""
        self._act(_A.RETURN_RESULT, at, by, expected_version)

    def refuse(
        self, *, at: datetime, by: str, reason: str, expected_version: int | None = None
    ) -> None:
        """Refuse in writing with reasons: at reception (not accepted) or after appraisal."""
        self._act(_A.REFUSE, at, by, expected_version, reason=reason)

    def withdraw(
        self, *, at: datetime, by: str, reason: str, expected_version: int | None = None
    ) -> None:
        """The applicant withdraws the dossier (*Công dân yêu cầu rút hồ sơ*)."""
        self._act(_A.WITHDRAW, at, by, expected_version, reason=reason)

    def stop(
        self, *, at: datetime, by: str, reason: str, expected_version: int | None = None
    ) -> None:
        """Stop handling (Thông báo dừng giải quyết hồ sơ)."""
        self._act(_A.STOP, at, by, expected_version, reason=reason)

    def check_overdue(self, at: datetime, *, by: str = "system") -> bool:
        """Mark an open, running dossier whose legal due time has passed as overdue.

        Returns True when this call marked it (and recorded the event); False when it is
        not (yet) overdue, paused, finished, or was already marked.
        """
        at = require_aware(at, "at")
        with self._lock:
            if not overdue_due(self._state, at):
                return False
            self._state = self._next(Inputs(_A.MARK_OVERDUE, at, by))
        return True

    def _act(
        self,
        action: DossierAction,
        at: datetime,
        by: str,
        expected_version: int | None,
        **details: Any,
    ) -> None:
        """Check, compute the next state, and swap it in: all of it under the lock."""
        at = require_aware(at, "at")
        if expected_version is not None and (
            isinstance(expected_version, bool) or not isinstance(expected_version, int)
        ):
            raise ArgumentTypeError(
                "expected_version", expected_version, expected="an int version number"
            )
        with self._lock:
            state = self._state
            if expected_version is not None and expected_version != len(state.history):
                raise StaleDossierError(
                    code=self._code, expected=expected_version, actual=len(state.history)
                )
            self._state = self._next(Inputs(action, at, by, **details), state)

    def _next(self, inputs: Inputs, state: State | None = None) -> State:
        return apply(self._ctx, self._state if state is None else state, inputs)

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
        state = self._state
        done = state.finished_at
        if done is None:
            return state.steps
        return tuple(s for s in state.steps if s.started_at < done)

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
        state = self._state
        history = state.history
        late_step = self._ctx.policy.late_step_makes_late and any(
            s.finished_at is not None and s.finished_at > s.due_at for s in self.handling_steps
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
            next_check_at=self.next_check_at,
            version=len(history),
            calendar_id=self._calendar.identity.calendar_id,
            timeline=_timeline(history, self._ctx.policy.payment_wait_counts),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dossier):
            return NotImplemented
        return (
            self._state == other._state
            and self._ctx.code == other._ctx.code
            and self._ctx[2:6] == other._ctx[2:6]
            and self._calendar.identity == other._calendar.identity
            and (self._procedure_code, self._procedure_name, self._field, self._channel)
            == (other._procedure_code, other._procedure_name, other._field, other._channel)
            and self._applicant == other._applicant
            and self._recounted_from == other._recounted_from
        )

    __hash__ = None  # type: ignore[assignment]  # a dossier changes: it is not a value

    def __repr__(self) -> str:
        return f"<Dossier {self._code} {self._procedure_code} {self.status.value} v{self.version}>"


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
                event.clock.legal_due_at,
                event.clock.due_at,
                stopped,
                paused_since,
            )
        )
    return tuple(phases)
