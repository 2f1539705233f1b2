"""A dossier (hồ sơ): its status, its clock, its steps and its history."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, NamedTuple, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from motcua.calendar import ProcessingTime, TimeUnit, WorkingCalendar
from motcua.dossiers._chart import TRANSITIONS
from motcua.dossiers._codes import DossierCode, DossierNumbering
from motcua.dossiers._status import DossierStatus, OfficeDuration, Timeliness
from motcua.errors import (
    ActionNotAllowedError,
    ArgumentTypeError,
    DossierCodeError,
    NaiveDatetimeError,
    StaleDossierError,
)
from motcua.procedures import Channel, Procedure

__all__ = [
    "Applicant",
    "ClockFields",
    "ClockPolicy",
    "Dossier",
    "DossierEvent",
    "DueEvent",
    "DueEventKind",
    "Pause",
    "StepRecord",
    "classify",
]

_US = timedelta(microseconds=1)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Applicant(_Model):
    """Who the dossier is for (*người nộp hồ sơ*)."""

    name: str = Field(min_length=1)
    id_number: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None


class ClockPolicy(_Model):
    """Choices the law leaves open or sector laws decide; each default has its basis.

    Attributes:
        restart_on_supplement: Restart the whole time limit when a supplement arrives
            instead of resuming the remaining time. Default False: time already used
            still counts (NĐ 61/2018 and NĐ 107/2021 practice, kept by one-stop systems;
            some sector laws restart: set True for those procedures).
        payment_wait_counts: Count the wait for a financial obligation (tax, fees) toward
            the limit. Default False: land procedures exclude it (NĐ 101/2024, NĐ 151/2025).
        supplements_per_agency: Written supplement requests allowed per agency during
            processing. Default 1 (NĐ 107/2021; not re-read in NĐ 118/2025).
        max_extensions: Apology-and-extension letters allowed. Default 1 (TT 01/2018
            practice; motcua's policy where the current text is silent).
        extend_after_due: Allow an extension after the due time. Default False: the
            apology must be sent no later than one working day before the due time.
        late_step_makes_late: A late step makes the whole dossier late. Default True
            (the control sheet, Phiếu kiểm soát, TT 01/2018).
    """

    restart_on_supplement: bool = False
    payment_wait_counts: bool = False
    supplements_per_agency: int = Field(default=1, ge=0)
    max_extensions: int = Field(default=1, ge=0)
    extend_after_due: bool = False
    late_step_makes_late: bool = True


class ClockSnapshot(_Model):
    """The clock as it stood right after an event."""

    legal_due_at: datetime | None
    due_at: datetime | None
    paused: bool


class DossierEvent(_Model):
    """One entry of a dossier's history: what happened, when, who, why, from → to.

    Attributes:
        seq: Its position in the history (1, 2, …).
        action: The chart event (``request_supplement``…).
        at: When it happened (aware).
        by: Who did it.
        reason: Why, when the action needs one.
        from_status: The status before.
        to_status: The status after.
        details: What else the action recorded (the agency asking or handed to, the new
            due time…).
        items: The items a supplement request asks for.
        clock: The clock right after.
    """

    seq: int
    action: str
    at: datetime
    by: str
    reason: str | None = None
    from_status: DossierStatus
    to_status: DossierStatus
    details: dict[str, str] = {}
    items: tuple[str, ...] = ()
    clock: ClockSnapshot

    @property
    def label(self) -> str:
        """What happened, in Vietnamese ("Yêu cầu bổ sung hồ sơ", "Gia hạn"…)."""
        return _ACTION_LABELS.get(self.action, self.action)


_ACTION_LABELS = {
    "submit": "Nộp hồ sơ trực tuyến",
    "receive": "Tiếp nhận hồ sơ",
    "accept": "Tiếp nhận hồ sơ",
    "start_processing": "Chuyển xử lý",
    "hand_over": "Bàn giao hồ sơ",
    "request_supplement": "Yêu cầu bổ sung, hoàn thiện hồ sơ",
    "supplement_received": "Nhận hồ sơ bổ sung",
    "request_payment": "Yêu cầu thực hiện nghĩa vụ tài chính",
    "payment_received": "Đã thực hiện nghĩa vụ tài chính",
    "extend": "Xin lỗi và gia hạn thời gian giải quyết",
    "mark_result_ready": "Có kết quả giải quyết",
    "return_result": "Trả kết quả",
    "refuse": "Từ chối giải quyết",
    "withdraw": "Công dân rút hồ sơ",
    "stop": "Dừng giải quyết hồ sơ",
    "mark_overdue": "Quá hạn giải quyết",
}


class Pause(_Model):
    """A time the applicant was being waited for.

    Attributes:
        kind: ``supplement`` or ``payment``.
        started_at: When the wait began.
        ended_at: When it ended (``None`` while waiting).
        ended_by: The action that ended it: a resumption (``supplement_received``,
            ``payment_received``) or a closing one (``withdraw``, ``stop``).
        counted: Whether this wait counts toward the time limit (a policy).
    """

    kind: str
    started_at: datetime
    ended_at: datetime | None = None
    ended_by: str | None = None
    counted: bool = False


class StepRecord(_Model):
    """One step of the internal process, as the control sheet (Phiếu kiểm soát) shows it.

    Attributes:
        index: Its position (0 is the first).
        name: What happens.
        actor: Who does it.
        budget: Its share of the time limit, as office time.
        started_at: When it started (``None`` before).
        due_at: When it is due.
        finished_at: When it was handed on (``None`` while running).
        handed_to: Who received the dossier next.
    """

    index: int
    name: str
    actor: str
    budget: timedelta
    started_at: datetime | None = None
    due_at: datetime | None = None
    finished_at: datetime | None = None
    handed_to: str | None = None

    def timeliness(self, at: datetime) -> Timeliness:
        """Early, on time or late (finished), within limit or overdue (running)."""
        if self.due_at is None:
            return Timeliness.NOT_COUNTED
        if self.finished_at is None:
            return Timeliness.OVERDUE if at > self.due_at else Timeliness.WITHIN_LIMIT
        return _finished(self.finished_at, self.due_at)


class DueEventKind(StrEnum):
    """What a scheduler must act on."""

    DUE_SOON = "due_soon"
    """One working day before the due time: the last moment to send the apology letter."""
    OVERDUE = "overdue"
    """The due time has passed."""
    STEP_OVERDUE = "step_overdue"
    """A step's due time has passed."""


class DueEvent(NamedTuple):
    """An event a scheduler must act on exactly once.

    Attributes:
        kind: What it is.
        key: A stable idempotency key: the same event always has the same key, a moved due
            time gives a new one.
        fires_at: When it became due.
        step: The step's index for a step event.
    """

    kind: DueEventKind
    key: str
    fires_at: datetime
    step: int | None = None


class ClockFields(NamedTuple):
    """What a dossier's timeliness depends on, for classifying many without loading them.

    Store these columns beside each dossier; :func:`motcua.classify_timeliness` reads them.
    """

    status: DossierStatus
    legal_due_at: datetime | None
    finished_at: datetime | None
    late_step: bool
    clock_stopped: bool = False


def _finished(finished_at: datetime, due_at: datetime) -> Timeliness:
    if finished_at > due_at:
        return Timeliness.LATE
    if finished_at.astimezone(due_at.tzinfo).date() < due_at.date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME


def classify(fields: ClockFields, at: datetime) -> Timeliness:
    """The timeliness of a dossier from its clock fields alone (no state machine)."""
    status = fields.status
    if fields.legal_due_at is None or status in _NOT_COUNTED:
        return Timeliness.NOT_COUNTED
    if fields.finished_at is not None:
        if fields.late_step:
            return Timeliness.LATE
        return _finished(fields.finished_at, fields.legal_due_at)
    if fields.clock_stopped:
        return Timeliness.PAUSED
    return Timeliness.OVERDUE if at > fields.legal_due_at else Timeliness.WITHIN_LIMIT


_NOT_COUNTED = frozenset(
    {
        DossierStatus.SUBMITTED,
        DossierStatus.REFUSED_AT_RECEPTION,
        DossierStatus.WITHDRAWN,
        DossierStatus.STOPPED,
    }
)
_FINISHING = frozenset({"mark_result_ready", "refuse"})


def _office_moment(calendar: WorkingCalendar, moment: datetime) -> bool:
    """Whether *moment* is inside an office session (its end included) of a working day."""
    local = moment.astimezone(calendar.timezone)
    if not calendar.is_working_day(local.date()):
        return False
    clock = local.time().replace(tzinfo=None)
    return any(start <= clock <= end for start, end in calendar.office_hours.sessions)


def _aware(value: datetime, argument: str) -> datetime:
    if not isinstance(value, datetime):
        raise ArgumentTypeError(argument, value, expected="a timezone-aware datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(argument, value)
    return value


class Dossier(BaseModel):
    """A dossier (*hồ sơ*) from the moment the one-stop desk accepts it to the result.

    Create one with :meth:`receive` (accepted at the desk) or :meth:`submit` (an online
    submission not yet checked), then call the methods named for what happens at the
    desk. Every method takes ``at=`` (an aware datetime) and ``by=`` (who acted), records
    an immutable :class:`DossierEvent` in :attr:`history`, and bumps :attr:`version`. A
    refused action raises :class:`motcua.errors.ActionNotAllowedError` and changes nothing.

    The clock stores the time budget and a ledger of pauses, not a fixed date: while a
    supplement (or, by policy, a payment) is awaited the clock stops, and on resumption the
    due time moves by exactly the paused office time, counted on the calendar.

    Attributes:
        code: The dossier code.
        procedure_code: The procedure's code.
        procedure_name: Its name.
        field: Its field (*lĩnh vực*).
        channel: How it was submitted.
        applicant: Who it is for.
        status: Where it is in its life.
        overdue: Whether :meth:`check_overdue` found it past its legal due time.
        limit: The legal time limit on its channel.
        submitted_at: When it was submitted (online, before the check).
        accepted_at: When the desk accepted it (the clock starts here).
        legal_due_at: The due time by law: acceptance plus the limit, moved only by pauses.
        due_at: The appointment: the legal due time, or the extended one.
        extended_due_at: The new appointment of the apology-and-extension letter.
        finished_at: When the result was ready (or the dossier was refused).
        pauses: Every wait for the applicant.
        steps: The internal steps with their own due times.
        supplement_requests: Supplement requests made per agency.
        policy: The clock policy.
        history: Every event, oldest first.
        version: Increases with each event (optimistic concurrency).
    """

    # Frozen to callers: only the desk's actions change a dossier (through _set).
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    procedure_code: str
    procedure_name: str
    field: str
    handling_agency: str = ""
    channel: Channel
    applicant: Applicant
    status: DossierStatus
    overdue: bool = False
    limit: ProcessingTime
    submitted_at: datetime | None = None
    accepted_at: datetime | None = None
    legal_due_at: datetime | None = None
    due_at: datetime | None = None
    extended_due_at: datetime | None = None
    finished_at: datetime | None = None
    pauses: tuple[Pause, ...] = ()
    steps: tuple[StepRecord, ...] = ()
    step_plan: tuple[tuple[str, str, timedelta], ...] = ()
    supplement_requests: dict[str, int] = {}
    policy: ClockPolicy = ClockPolicy()
    history: tuple[DossierEvent, ...] = ()
    version: int = 0

    _calendar: WorkingCalendar | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        """A stored dossier must be one its own history could have produced."""
        if self.version != len(self.history):
            raise ValueError(
                f"version {self.version} does not match the {len(self.history)} events of "
                f"the history; a dossier's version counts its events"
            )
        if self.history:
            if [e.seq for e in self.history] != list(range(1, len(self.history) + 1)):
                raise ValueError("history events must be numbered 1, 2, 3… in order")
            if self.history[-1].to_status is not self.status:
                raise ValueError(
                    f"status {self.status.value} differs from the last event's "
                    f"({self.history[-1].action} → {self.history[-1].to_status.value})"
                )
        return self

    # -- creation --------------------------------------------------------------------------

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
            calendar: The centre's working calendar.
            by: The officer who accepted it.
            code: The dossier code, when the portal numbers dossiers itself.
            numbering: Issues the code from the agency's daily serials (TT 01/2018 or
                TT 04/2025); without *code* or *numbering*, a random unique id.
            policy: The clock policy (see :class:`ClockPolicy`).

        Raises:
            ChannelNotOfferedError: The procedure is not offered on *channel*.
            NaiveDatetimeError: *accepted_at* has no time zone.
        """
        at = _aware(accepted_at, "accepted_at")
        procedure.channel(channel)  # refuse an unoffered channel before using up a serial
        code = code or (str(numbering.issue(at)) if numbering is not None else None)
        dossier = cls._new(procedure, channel, applicant, code, policy, calendar)
        dossier._start_clock(at, by=by, action="receive")
        return dossier

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
        at = _aware(submitted_at, "submitted_at")
        procedure.channel(channel)
        code = code or (str(numbering.issue(at)) if numbering is not None else None)
        dossier = cls._new(procedure, channel, applicant, code, policy, calendar)
        dossier._set(
            submitted_at=at,
            version=1,
            history=(
            DossierEvent(
                seq=1,
                action="submit",
                at=at,
                by=by,
                from_status=DossierStatus.SUBMITTED,
                to_status=DossierStatus.SUBMITTED,
                clock=ClockSnapshot(legal_due_at=None, due_at=None, paused=False),
            ),),
        )  # fmt: skip
        return dossier

    @classmethod
    def _new(  # noqa: PLR0917 - private, called from two constructors with the same order
        cls,
        procedure: Procedure,
        channel: Channel,
        applicant: Applicant,
        code: str | None,
        policy: ClockPolicy | None,
        calendar: WorkingCalendar,
    ) -> Dossier:
        option = procedure.channel(channel)
        plan = tuple((s.name, s.actor, _budget(s.budget, calendar)) for s in procedure.steps)
        dossier = cls(
            code=code or uuid.uuid4().hex,
            procedure_code=procedure.code,
            procedure_name=procedure.name,
            field=procedure.field,
            handling_agency=procedure.handling_agency,
            channel=option.channel,
            applicant=applicant,
            status=DossierStatus.SUBMITTED,
            limit=option.time_limit,
            step_plan=plan,
            policy=policy or ClockPolicy(),
        )
        dossier._calendar = calendar
        return dossier

    def use_calendar(self, calendar: WorkingCalendar) -> Self:
        """Attach the centre's calendar after loading a stored dossier (default: national)."""
        self._calendar = calendar
        return self

    @property
    def dossier_code(self) -> DossierCode | None:
        """:attr:`code` read as a national dossier code, or None when it is another id."""
        try:
            return DossierCode.parse(self.code)
        except DossierCodeError:
            return None

    @property
    def calendar(self) -> WorkingCalendar:
        """The calendar the clock counts on."""
        if self._calendar is None:
            self._calendar = WorkingCalendar.vietnam()
        return self._calendar

    # -- the desk's actions -------------------------------------------------------------------

    def accept(self, *, at: datetime, by: str, expected_version: int | None = None) -> None:
        """The desk found an online submission complete: the clock starts now."""
        self._check("accept", at, expected_version)
        self._start_clock(at, by=by, action="accept")

    def start_processing(
        self, *, at: datetime, by: str, expected_version: int | None = None
    ) -> None:
        """The dossier goes from the desk to the handling agency."""
        self._act("start_processing", at, by, expected_version, steps=self._advance_steps(at, None))

    def hand_over(
        self, *, at: datetime, by: str, to: str, expected_version: int | None = None
    ) -> None:
        """One agency hands the dossier to the next (inter-agency flows, *liên thông*)."""
        self._act(
            "hand_over", at, by, expected_version,
            details={"to": to}, steps=self._advance_steps(at, to),
        )  # fmt: skip

    def request_supplement(
        self,
        *,
        at: datetime,
        by: str,
        reason: str,
        items: list[str],
        agency: str | None = None,
        expected_version: int | None = None,
    ) -> None:
        """Ask the applicant to add or correct documents (Phiếu yêu cầu bổ sung): the clock stops.

        Args:
            at: When (aware).
            by: Who asked.
            reason: Why (required).
            items: What to add or correct (required).
            agency: The agency asking (default: the current step's actor or *by*).
            expected_version: Refuse if the dossier is no longer at this version.

        Raises:
            ActionNotAllowedError: No reason or items, or this agency already asked as
                often as the policy allows (once by default).
        """
        agency = agency or self._current_actor() or self.handling_agency or by
        self._check("request_supplement", at, expected_version, reason=reason)
        if (
            isinstance(items, str)
            or not items
            or not all(isinstance(i, str) and i.strip() for i in items)
        ):
            self._refuse(
                "request_supplement", "list the items to add or correct, as a list of texts"
            )
        asked = self.supplement_requests.get(agency, 0)
        if asked >= self.policy.supplements_per_agency:
            self._refuse(
                "request_supplement",
                f"{agency} already asked for a supplement {asked} time(s); the policy "
                f"allows {self.policy.supplements_per_agency} per agency",
            )
        self._act(
            "request_supplement", at, by, expected_version, reason=reason,
            details={"agency": agency},
            items=tuple(items),
            pauses=(*self.pauses, Pause(kind="supplement", started_at=at)),
            supplement_requests={**self.supplement_requests, agency: asked + 1},
        )  # fmt: skip

    def supplement_received(
        self, *, at: datetime, by: str, expected_version: int | None = None
    ) -> None:
        """The applicant brought what was asked: the clock resumes with the time left."""
        self._check("supplement_received", at, expected_version)
        self._act(
            "supplement_received", at, by, expected_version,
            **self._resume(at, "supplement_received"),
        )  # fmt: skip

    def request_payment(
        self,
        *,
        at: datetime,
        by: str,
        reason: str,
        expected_version: int | None = None,
    ) -> None:
        """Ask the applicant to pay a financial obligation (tax, fees) before going on."""
        self._check("request_payment", at, expected_version, reason=reason)
        counted = self.policy.payment_wait_counts
        self._act(
            "request_payment", at, by, expected_version, reason=reason,
            pauses=(*self.pauses, Pause(kind="payment", started_at=at, counted=counted)),
        )  # fmt: skip

    def payment_received(
        self, *, at: datetime, by: str, expected_version: int | None = None
    ) -> None:
        """The obligation was paid: processing goes on."""
        self._check("payment_received", at, expected_version)
        self._act(
            "payment_received", at, by, expected_version, **self._resume(at, "payment_received")
        )

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
                not after the current one.
        """
        self._check("extend", at, expected_version, reason=reason)
        new_due = _aware(new_due_at, "new_due_at")
        extensions = sum(1 for e in self.history if e.action == "extend")
        if extensions >= self.policy.max_extensions:
            self._refuse(
                "extend",
                f"it was already extended {extensions} time(s); the policy allows "
                f"{self.policy.max_extensions}",
            )
        assert self.due_at is not None
        if at > self.due_at and not self.policy.extend_after_due:
            self._refuse(
                "extend",
                f"the due time {self.due_at.isoformat()} has passed; the apology and new "
                f"date must be sent before it",
            )
        if not _office_moment(self.calendar, new_due):
            self._refuse(
                "extend",
                f"the new due time {new_due.isoformat()} is not within office hours of a "
                f"working day; give a time citizens can collect the result",
            )
        if new_due <= self.due_at:
            self._refuse(
                "extend",
                f"the new due time {new_due.isoformat()} is not after the current one "
                f"{self.due_at.isoformat()}",
            )
        self._act(
            "extend", at, by, expected_version, reason=reason,
            details={"new_due_at": new_due.isoformat(), "previous_due_at": self.due_at.isoformat()},
            due_at=new_due, extended_due_at=new_due,
        )  # fmt: skip

    def mark_result_ready(
        self, *, at: datetime, by: str, expected_version: int | None = None
    ) -> None:
        """The result is ready (*Đã xử lý xong*): this is the time the law judges."""
        self._act(
            "mark_result_ready", at, by, expected_version,
            finished_at=at, steps=self._advance_steps(at, None),
        )  # fmt: skip

    def return_result(self, *, at: datetime, by: str, expected_version: int | None = None) -> None:
        """The result is handed to the applicant (*Đã trả kết quả*)."""
        self._act("return_result", at, by, expected_version, steps=self._finish_steps(at))

    def refuse(
        self, *, at: datetime, by: str, reason: str, expected_version: int | None = None
    ) -> None:
        """Refuse in writing with reasons: at reception (not accepted) or after appraisal."""
        self._check("refuse", at, expected_version, reason=reason)
        self._act("refuse", at, by, expected_version, reason=reason)

    def withdraw(
        self, *, at: datetime, by: str, reason: str, expected_version: int | None = None
    ) -> None:
        """The applicant withdraws the dossier (*Công dân yêu cầu rút hồ sơ*)."""
        self._check("withdraw", at, expected_version, reason=reason)
        self._act(
            "withdraw", at, by, expected_version, reason=reason, **self._close_pause(at, "withdraw")
        )

    def stop(
        self, *, at: datetime, by: str, reason: str, expected_version: int | None = None
    ) -> None:
        """Stop handling (Thông báo dừng giải quyết hồ sơ)."""
        self._check("stop", at, expected_version, reason=reason)
        self._act("stop", at, by, expected_version, reason=reason, **self._close_pause(at, "stop"))

    def check_overdue(self, at: datetime, *, by: str = "system") -> bool:
        """Mark an open, running dossier whose legal due time has passed as overdue.

        Returns True when this call marked it (and recorded the event); False when it is
        not (yet) overdue, paused, finished, or was already marked.
        """
        at = _aware(at, "at")
        if (
            self.overdue
            or not self.status.is_open
            or self.clock_stopped
            or self.legal_due_at is None
            or at <= self.legal_due_at
        ):
            return False
        self._check("mark_overdue", at, None)
        self._act("mark_overdue", at, by, None, overdue=True)
        return True

    # -- questions -------------------------------------------------------------------------------

    def allowed_actions(self) -> tuple[str, ...]:
        """The actions the dossier's status allows now, by the chart."""
        return tuple(
            sorted(
                event
                for (state, event) in TRANSITIONS
                if state == self.status.value and event != "mark_overdue"
            )
        )

    def timeliness(self, at: datetime) -> Timeliness:
        """How the dossier stands against its legal limit at *at*.

        Finished: early / on time / late by the time the result was ready (a late step
        makes it late, by policy). Open: within limit / overdue; waiting for the applicant:
        paused. Not received, withdrawn, stopped or refused at reception: not counted.
        """
        return classify(self.clock_fields(), _aware(at, "at"))

    @property
    def handling_steps(self) -> tuple[StepRecord, ...]:
        """The steps that judge the handling: those begun before the result was ready.

        Handing the result over does not count: an uncollected result may wait at the desk.
        """
        done = self.finished_at
        if done is None:
            return self.steps
        return tuple(s for s in self.steps if (s.started_at or s.finished_at or done) < done)

    def clock_fields(self) -> ClockFields:
        """The columns to store for classifying many dossiers without loading them."""
        late_step = self.policy.late_step_makes_late and any(
            s.finished_at is not None and s.due_at is not None and s.finished_at > s.due_at
            for s in self.handling_steps
        )
        return ClockFields(
            self.status, self.legal_due_at, self.finished_at, late_step, self.clock_stopped
        )

    def remaining(self, at: datetime) -> OfficeDuration:
        """Office time left to the legal due time (negative when past it).

        While paused, the time left when the pause began (the clock is stopped).
        """
        at = _aware(at, "at")
        day = self.calendar.office_hours.length
        if self.legal_due_at is None:
            return OfficeDuration(timedelta(0), day=day)
        moment = at
        if self.clock_stopped:
            moment = self.pauses[-1].started_at
        elif self.finished_at is not None:
            moment = self.finished_at
        elif not self.status.is_open and self.history:
            moment = self.history[-1].at  # withdrawn or stopped: the clock ended there
        return OfficeDuration(self.calendar.office_time_between(moment, self.legal_due_at), day=day)

    def due_events(self, at: datetime) -> list[DueEvent]:
        """The events a scheduler must act on at *at*, each with a stable idempotency key.

        Due soon (one working day before the due time: the last day to send the apology
        letter), overdue, and step overdue. Only open, running dossiers have any; the same
        event keeps its key across calls, so a scheduler acts once per key.
        """
        at = _aware(at, "at")
        if not self.status.is_open or self.clock_stopped or self.legal_due_at is None:
            return []
        cal = self.calendar
        due = self.legal_due_at
        events: list[DueEvent] = []
        soon_day = cal.add_working_days(due.date(), -1)
        soon = due.replace(year=soon_day.year, month=soon_day.month, day=soon_day.day)
        if at > due:
            # Once per dossier, whatever pauses moved the due time since.
            events.append(DueEvent(DueEventKind.OVERDUE, f"{self.code}:overdue", due))
        elif at >= soon and self.accepted_at is not None and soon > self.accepted_at:
            # Once per due time: a pause that moves the due time calls for a new reminder.
            # None for limits shorter than a working day (no day to send an apology in).
            key = f"{self.code}:due_soon:{due:%Y%m%dT%H%M}"
            events.append(DueEvent(DueEventKind.DUE_SOON, key, soon))
        events.extend(
            DueEvent(
                DueEventKind.STEP_OVERDUE,
                f"{self.code}:step_overdue:{step.index}",
                step.due_at,
                step.index,
            )
            for step in self.steps
            if step.finished_at is None and step.due_at is not None and at > step.due_at
        )
        return events

    @property
    def clock_stopped(self) -> bool:
        """Whether the clock is stopped now.

        It is while waiting for the applicant in a wait that does not count toward the
        limit (a payment wait counts when the policy says so).
        """
        return (
            self.status.is_paused
            and bool(self.pauses)
            and self.pauses[-1].ended_at is None
            and not self.pauses[-1].counted
        )

    @property
    def paused_time(self) -> timedelta:
        """The office time waited for the applicant that moved the due time.

        Waits that counted toward the limit (by policy) and a wait ended by withdrawal or
        stop are not included.
        """
        cal = self.calendar
        total = timedelta(0)
        for pause in self.pauses:
            if pause.ended_at is not None and pause.ended_by in _RESUMING and not pause.counted:
                total += cal.office_time_between(pause.started_at, pause.ended_at)
        return total

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dossier):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # a dossier changes: it is not a value

    # -- internals -------------------------------------------------------------------------------

    def _start_clock(self, at: datetime, *, by: str, action: str) -> None:
        cal = self.calendar
        deadline = cal.due_at(at, self.limit)
        steps: tuple[StepRecord, ...] = ()
        if self.step_plan:
            name, actor, budget = self.step_plan[0]
            begin = deadline.counted_from
            steps = (
                StepRecord(
                    index=0, name=name, actor=actor, budget=budget, started_at=begin,
                    due_at=cal.add_office_time(begin, budget),
                ),
            )  # fmt: skip
        target = DossierStatus.RECEIVED
        event = DossierEvent(
            seq=len(self.history) + 1,
            action=action,
            at=at,
            by=by,
            from_status=self.status,
            to_status=target,
            clock=ClockSnapshot(legal_due_at=deadline.at, due_at=deadline.at, paused=False),
        )
        self._set(
            accepted_at=at,
            legal_due_at=deadline.at,
            due_at=deadline.at,
            steps=steps,
            status=target,
            history=(*self.history, event),
            version=self.version + 1,
        )

    def _check(
        self,
        action: str,
        at: datetime,
        expected_version: int | None,
        *,
        reason: str | None = None,
        by: str = "system",
    ) -> None:
        """Refuse *action* unless the chart, the version, the time and the reason allow it."""
        at = _aware(at, "at")
        if not isinstance(by, str) or not by.strip():
            raise ArgumentTypeError("by", by, expected="who acted, as a non-empty str")
        if expected_version is not None and expected_version != self.version:
            raise StaleDossierError(code=self.code, expected=expected_version, actual=self.version)
        if (self.status.value, action) not in TRANSITIONS and action != "mark_overdue":
            self._refuse(action, f"a dossier that is {self.status.value} cannot do that")
        if action == "mark_overdue" and ("within_limit", action) not in TRANSITIONS:
            self._refuse(action, "the chart has no overdue transition")  # pragma: no cover
        if self.history and at < self.history[-1].at:
            self._refuse(
                action,
                f"at={at.isoformat()} is before the last event "
                f"({self.history[-1].action} at {self.history[-1].at.isoformat()}); events "
                f"must be recorded in order",
            )
        if action in _NEEDS_REASON and not (isinstance(reason, str) and reason.strip()):
            self._refuse(action, "a reason is required")

    def _refuse(self, action: str, reason: str) -> None:
        raise ActionNotAllowedError(
            code=self.code,
            status=self.status.value,
            action=action,
            allowed=self.allowed_actions(),
            reason=reason,
        )

    def _act(
        self,
        action: str,
        at: datetime,
        by: str,
        expected_version: int | None,
        *,
        reason: str | None = None,
        details: dict[str, str] | None = None,
        items: tuple[str, ...] = (),
        **updates: Any,
    ) -> None:
        """Validate, then apply *updates* and the chart's transition, and record the event."""
        self._check(action, at, expected_version, reason=reason, by=by)
        target = (
            DossierStatus(TRANSITIONS[(self.status.value, action)])
            if action != "mark_overdue"
            else self.status
        )
        if action in _FINISHING and self.status is not DossierStatus.SUBMITTED:
            updates.setdefault("finished_at", at)
        legal = updates.get("legal_due_at", self.legal_due_at)
        due = updates.get("due_at", self.due_at)
        event = DossierEvent(
            seq=len(self.history) + 1,
            action=action,
            at=at,
            by=by,
            reason=reason,
            from_status=self.status,
            to_status=target,
            details=details or {},
            items=items,
            clock=ClockSnapshot(legal_due_at=legal, due_at=due, paused=target.is_paused),
        )
        # Everything above may raise; nothing below does: the dossier changes all at once.
        self._set(
            **updates, status=target, history=(*self.history, event), version=self.version + 1
        )

    def _set(self, **values: Any) -> None:
        """Change fields of this (frozen to callers) dossier; only actions call this."""
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def _current_actor(self) -> str | None:
        running = [s for s in self.steps if s.finished_at is None]
        return running[0].actor if running else None

    def _advance_steps(self, at: datetime, to: str | None) -> tuple[StepRecord, ...]:
        """Finish the running step at *at* and start the next one of the plan."""
        if not self.steps:
            return self.steps
        steps = list(self.steps)
        last = steps[-1]
        following = len(steps)
        if last.finished_at is None:
            receiver = to
            if receiver is None and following < len(self.step_plan):
                receiver = self.step_plan[following][1]  # the next step's actor
            steps[-1] = last.model_copy(update={"finished_at": at, "handed_to": receiver})
        if following < len(self.step_plan):
            name, actor, budget = self.step_plan[following]
            steps.append(
                StepRecord(
                    index=following, name=name, actor=to or actor, budget=budget, started_at=at,
                    due_at=self.calendar.add_office_time(at, budget),
                )
            )  # fmt: skip
        return tuple(steps)

    def _finish_steps(self, at: datetime) -> tuple[StepRecord, ...]:
        steps = list(self._advance_steps(at, None))
        return tuple(
            s.model_copy(update={"finished_at": at}) if s.finished_at is None else s for s in steps
        )

    def _resume(self, at: datetime, action: str) -> dict[str, Any]:
        """End the current pause; move the due times by the paused office time."""
        pause = self.pauses[-1]
        ended = pause.model_copy(update={"ended_at": at, "ended_by": action})
        updates: dict[str, Any] = {"pauses": (*self.pauses[:-1], ended)}
        if pause.counted:
            return updates
        cal = self.calendar
        assert self.legal_due_at is not None
        assert self.due_at is not None
        if pause.kind == "supplement" and self.policy.restart_on_supplement:
            legal = cal.due_at(at, self.limit).at
            shift = cal.office_time_between(self.legal_due_at, legal)
        else:
            shift = cal.office_time_between(pause.started_at, at)
            if not shift:
                return updates  # the wait took no office time: nothing moves
            legal = cal.add_office_time(self.legal_due_at, shift)
        updates["legal_due_at"] = legal
        updates["due_at"] = (
            legal if self.extended_due_at is None else cal.add_office_time(self.due_at, shift)
        )
        if self.extended_due_at is not None:
            updates["extended_due_at"] = updates["due_at"]
        updates["steps"] = tuple(
            s.model_copy(update={"due_at": cal.add_office_time(s.due_at, shift)})
            if s.finished_at is None and s.due_at is not None
            else s
            for s in self.steps
        )
        return updates

    def _close_pause(self, at: datetime, action: str) -> dict[str, Any]:
        if self.pauses and self.pauses[-1].ended_at is None:
            ended = self.pauses[-1].model_copy(update={"ended_at": at, "ended_by": action})
            return {"pauses": (*self.pauses[:-1], ended)}
        return {}


_RESUMING = frozenset({"supplement_received", "payment_received"})
_NEEDS_REASON = frozenset(
    {"request_supplement", "request_payment", "extend", "refuse", "withdraw", "stop"}
)


def _budget(limit: ProcessingTime, calendar: WorkingCalendar) -> timedelta:
    """A step budget as office time (a working day is the calendar's office day)."""
    day = calendar.office_hours.length
    if limit.unit is TimeUnit.WORKING_HOURS:
        return timedelta(hours=limit.amount)
    if limit.unit is TimeUnit.WORKING_DAYS:
        return day * limit.amount
    if limit.unit is TimeUnit.SAME_DAY:
        return day
    return day * limit.amount  # calendar days: as many office days, an approximation
