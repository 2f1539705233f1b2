"""The immutable records a dossier is made of: its applicant, events, pauses and steps.

Records are named tuples: cheap to build when a stored dossier is replayed, immutable,
and compared field by field. :class:`Applicant` is a pydantic model because it is what
callers type in.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from motcua._time import require_aware
from motcua.dossiers._actions import DossierAction, PauseKind
from motcua.dossiers._status import DossierStatus, Timeliness
from motcua.dossiers._timeliness import finished_timeliness

__all__ = [
    "Applicant",
    "ClockSnapshot",
    "DossierEvent",
    "DueEvent",
    "DueEventKind",
    "Pause",
    "StepRecord",
]


class Applicant(BaseModel):
    """Who the dossier is for (*người nộp hồ sơ*)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    id_number: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None


class ClockSnapshot(NamedTuple):
    """The clock as it stood right after an event.

    Attributes:
        legal_due_at: The legal due time (None before the clock started).
        due_at: The appointment (the legal due time, or the extended one).
        paused: Whether the dossier was waiting for the applicant.
    """

    legal_due_at: datetime | None
    due_at: datetime | None
    paused: bool


class DossierEvent(NamedTuple):
    """One entry of a dossier's history: what happened, when, who, why, from → to.

    Attributes:
        seq: Its position in the history (1, 2, …).
        action: What happened.
        at: When it happened (aware).
        by: Who did it.
        from_status: The status before.
        to_status: The status after.
        legal_due_at: The legal due time right after (None before the clock started).
        due_at: The appointment right after.
        paused: Whether the dossier was waiting for the applicant right after.
        reason: Why, when the action needs one.
        items: The items a supplement request asks for.
        agency: The agency that asked for a supplement.
        handed_to: Who received the dossier (``hand_over``).
        new_due_at: The new appointment (``extend``); on ``receive`` / ``accept``, the
            due time agreed in writing.
        previous_due_at: The appointment it replaced (``extend``).
        recorded_at: On ``receive`` / ``accept``: when the complete, valid dossier was
            recorded — the postmark of arrival, or the public-service system's time —
            when the desk gave it (see :class:`motcua.ClockStart`).
        agreement: On ``receive`` / ``accept``: the written agreement behind
            :attr:`new_due_at`.
    """

    seq: int
    action: DossierAction
    at: datetime
    by: str
    from_status: DossierStatus
    to_status: DossierStatus
    legal_due_at: datetime | None
    due_at: datetime | None
    paused: bool
    reason: str | None = None
    items: tuple[str, ...] = ()
    agency: str | None = None
    handed_to: str | None = None
    new_due_at: datetime | None = None
    previous_due_at: datetime | None = None
    recorded_at: datetime | None = None
    agreement: str | None = None

    @property
    def label(self) -> str:
        """What happened, in Vietnamese ("Yêu cầu bổ sung, hoàn thiện hồ sơ", "Gia hạn"…)."""
        return self.action.label

    @property
    def clock(self) -> ClockSnapshot:
        """The clock right after: legal due time, appointment, paused."""
        return ClockSnapshot(self.legal_due_at, self.due_at, self.paused)


class Pause(NamedTuple):
    """A time the applicant was being waited for.

    Attributes:
        kind: What was awaited.
        started_at: When the wait began.
        ended_at: When it ended (``None`` while waiting).
        ended_by: The action that ended it: a resumption (``supplement_received``,
            ``payment_received``) or a closing one (``withdraw``, ``stop``).
        counted: Whether this wait counts toward the time limit (a policy).
    """

    kind: PauseKind
    started_at: datetime
    ended_at: datetime | None = None
    ended_by: DossierAction | None = None
    counted: bool = False


class StepRecord(NamedTuple):
    """One step of the internal process, as the control sheet (Phiếu kiểm soát) shows it.

    Attributes:
        position: Its position in the plan (0 is the first).
        name: What happens.
        actor: Who does it.
        budget: Its share of the time limit, as office time.
        started_at: When it started.
        due_at: When it is due.
        finished_at: When it was handed on (``None`` while running).
        handed_to: Who received the dossier next.
    """

    position: int
    name: str
    actor: str
    budget: timedelta
    started_at: datetime
    due_at: datetime
    finished_at: datetime | None = None
    handed_to: str | None = None

    def timeliness(self, at: datetime) -> Timeliness:
        """Early, on time or late (finished), within limit or overdue (running) at *at*.

        Raises:
            ArgumentTypeError: *at* is not a datetime.
            NaiveDatetimeError: *at* has no time zone.
        """
        at = require_aware(at, "at")
        if self.finished_at is None or self.finished_at > at:
            return Timeliness.OVERDUE if at > self.due_at else Timeliness.WITHIN_LIMIT
        return finished_timeliness(self.finished_at, self.due_at)


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
