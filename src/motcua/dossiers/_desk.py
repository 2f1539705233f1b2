"""What the desk does to a dossier: each action checked, applied and swapped in at once.

Also the reception rules the desk's ``accept`` shares with ``Dossier.receive``: a counter
or postal dossier is received in the centre's reception hours, or says why not.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from motcua._time import VIETNAM_TZ, require_aware, require_writable
from motcua.calendar import WorkingCalendar
from motcua.dossiers._actions import DossierAction
from motcua.dossiers._reading import DossierBase
from motcua.dossiers._state import MAX_EVENT_SIZE, Inputs, State, text_size
from motcua.dossiers._status import DossierStatus
from motcua.dossiers._transitions import apply, overdue_due, refuse
from motcua.errors import ArgumentTypeError, ReceptionClosedError, StaleDossierError
from motcua.procedures import Channel

__all__ = ["DossierDesk", "aware_moment", "check_reception", "checked_late_entry"]

_A = DossierAction


class DossierDesk(DossierBase):
    """The desk's actions on a :class:`motcua.Dossier`: see there."""

    __slots__ = ()

    # -- the desk's actions ------------------------------------------------------------------

    def accept(
        self,
        *,
        at: datetime,
        by: str,
        expected_version: int | None = None,
        recorded_at: datetime | None = None,
        agreed_due_at: datetime | None = None,
        agreement: str | None = None,
        late_entry: str | None = None,
    ) -> None:
        """The desk found a submission complete: the clock starts now.

        Or at *recorded_at* — when the public-service system recorded the complete, valid
        dossier — where the procedure counts from then (:attr:`Procedure.clock_start`);
        both times are kept. *agreed_due_at*, *agreement* and *late_entry* are as for
        :meth:`receive`: a counter or postal submission is accepted in reception hours.

        Raises:
            ReceptionClosedError: A counter or postal dossier accepted at a moment the
                centre does not receive, without *late_entry*.
            ActionNotAllowedError: Not a submission awaiting acceptance; *recorded_at*
                after *at*, before the submission or implausibly early; an agreement the
                procedure does not allow.
        """
        late_entry = checked_late_entry(late_entry)
        if late_entry is None and self._state.status is DossierStatus.SUBMITTED:
            at = require_aware(at, "at")
            check_reception(self._calendar, self._channel, at, self._code, "submitted", "accept")
        self._act(
            _A.ACCEPT,
            at,
            by,
            expected_version,
            recorded_at=aware_moment(recorded_at, "recorded_at"),
            new_due_at=aware_moment(agreed_due_at, "agreed_due_at"),
            agreement=agreement,
            reason=late_entry,
        )

    def start_processing(
        self, *, at: datetime, by: str, expected_version: int | None = None
    ) -> None:
        """The dossier goes from the desk to the handling agency."""
        self._act(_A.START_PROCESSING, at, by, expected_version)

    def hand_over(
        self, *, at: datetime, by: str, to: str, expected_version: int | None = None
    ) -> None:
        """One agency hands the dossier to the next (inter-agency flows, *liên thông*).

        Raises:
            ArgumentTypeError: *to* is not a str.
            ActionNotAllowedError: *to* is blank, or the status does not allow it.
        """
        if not isinstance(to, str):
            raise ArgumentTypeError("to", to, expected="who receives the dossier (a str)")
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
            _A.REQUEST_SUPPLEMENT,
            at,
            by,
            expected_version,
            reason=reason,
            items=listed,
            agency=agency,
        )

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
        for name, value in details.items():  # a reason, an agency, an agreement: text
            if not isinstance(value, str | tuple | datetime | None):
                raise ArgumentTypeError(name, value, expected="text (a str) or None")
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
        state = self._state if state is None else state
        size = text_size(inputs)
        if size > MAX_EVENT_SIZE:
            # It could be done, but not stored: from_json refuses such an event by default.
            raise refuse(
                self._ctx,
                state,
                inputs.action,
                f"its texts hold {size:,} characters, more than the {MAX_EVENT_SIZE:,} a "
                f"stored event may hold; keep the details elsewhere and refer to them",
            )
        return apply(self._ctx, state, inputs)


def aware_moment(value: datetime | None, argument: str) -> datetime | None:
    """An aware moment in Hà Nội time (due times are written in it), or None."""
    return None if value is None else require_writable(value, argument).astimezone(VIETNAM_TZ)


def checked_late_entry(late_entry: object) -> str | None:
    if late_entry is not None and not (isinstance(late_entry, str) and late_entry.strip()):
        raise ArgumentTypeError(
            "late_entry",
            late_entry,
            expected="why it is recorded outside reception hours, a non-empty str (or None)",
        )
    return late_entry


def check_reception(  # noqa: PLR0917 - private
    calendar: WorkingCalendar,
    channel: Channel,
    at: datetime,
    code: str,
    status: str,
    action: str = "receive",
) -> None:
    """Refuse a counter or postal reception at a moment the centre does not receive."""
    if channel is Channel.ONLINE or calendar.is_receiving(at):
        return
    raise ReceptionClosedError(
        code=code,
        status=status,
        at=at,
        channel=channel.value,
        next_open=_next_reception(calendar, at),
        action=action,
    )


def _next_reception(calendar: WorkingCalendar, at: datetime) -> datetime:
    """The first moment after *at* at which the centre receives (office or weekend hours)."""
    best = calendar.next_office_time(at)
    local = at.astimezone(calendar.timezone)
    day = local.date()
    while day <= best.date():
        hours = calendar.reception_hours.get(day.weekday())
        for start, end in hours.sessions if hours is not None else ():
            opens = datetime.combine(day, start, calendar.timezone)
            candidate = opens if opens > local else local
            if candidate.time() < end and candidate < best and calendar.is_receiving(candidate):
                best = candidate
        day += timedelta(days=1)
    return best
