"""What can happen to a dossier: one enum carrying each action's rules, and pause kinds."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from motcua.dossiers._statechart import TRANSITIONS
from motcua.dossiers._status import DossierStatus

__all__ = ["DossierAction", "PauseKind"]


class PauseKind(StrEnum):
    """What the clock waits for while a dossier is paused."""

    SUPPLEMENT = "supplement"
    """Documents to add or correct (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ)."""
    PAYMENT = "payment"
    """A financial obligation: tax, fees (*nghĩa vụ tài chính*)."""


class DossierAction(StrEnum):
    """Every event a dossier's history can record, with its rules.

    Values are the names stored in the history (and the methods of
    :class:`motcua.Dossier` that record them). ``submit`` and ``receive`` create a
    dossier; ``mark_overdue`` sets the overdue flag (overdue is not a status); every other
    action is a transition of :class:`motcua.dossiers.DossierChart`.

    >>> DossierAction.EXTEND.label, DossierAction.EXTEND.needs_reason
    ('Xin lỗi và gia hạn thời gian giải quyết', True)
    >>> DossierAction.REQUEST_PAYMENT.target(DossierStatus.PROCESSING).value
    'awaiting_payment'
    >>> DossierAction.RETURN_RESULT.target(DossierStatus.PROCESSING) is None
    True
    """

    SUBMIT = "submit"
    RECEIVE = "receive"
    ACCEPT = "accept"
    START_PROCESSING = "start_processing"
    HAND_OVER = "hand_over"
    REQUEST_SUPPLEMENT = "request_supplement"
    SUPPLEMENT_RECEIVED = "supplement_received"
    REQUEST_PAYMENT = "request_payment"
    PAYMENT_RECEIVED = "payment_received"
    EXTEND = "extend"
    MARK_RESULT_READY = "mark_result_ready"
    RETURN_RESULT = "return_result"
    REFUSE = "refuse"
    WITHDRAW = "withdraw"
    STOP = "stop"
    MARK_OVERDUE = "mark_overdue"

    @property
    def label(self) -> str:
        """What happened, in Vietnamese ("Yêu cầu bổ sung, hoàn thiện hồ sơ"…)."""
        return _RULES[self].label

    @property
    def needs_reason(self) -> bool:
        """Whether the action must give a reason (it goes on a slip or in the history)."""
        return _RULES[self].needs_reason

    @property
    def finishing(self) -> bool:
        """Whether it decides the dossier (the result ready, or a refusal after appraisal)."""
        return _RULES[self].finishing

    @property
    def resuming(self) -> bool:
        """Whether it ends a wait for the applicant and restarts the clock."""
        return _RULES[self].resuming

    @property
    def creating(self) -> bool:
        """Whether it creates the dossier (the first event of every history)."""
        return self in (DossierAction.SUBMIT, DossierAction.RECEIVE)

    def target(self, status: DossierStatus) -> DossierStatus | None:
        """The status after this action from *status*, or None when the chart forbids it.

        ``mark_overdue`` keeps the status of an open dossier (the flag changes, not the
        status); creating actions have no source status and return None.
        """
        if self is _MARK_OVERDUE:
            return status if status in _OPEN else None
        return _TARGETS.get((status, self))

    @classmethod
    def allowed(cls, status: DossierStatus) -> tuple[DossierAction, ...]:
        """The actions the chart allows from *status*, in name order (``mark_overdue`` aside)."""
        return _ALLOWED[status]


class _Rule(NamedTuple):
    label: str
    needs_reason: bool = False
    finishing: bool = False
    resuming: bool = False


_A = DossierAction
_RULES: dict[DossierAction, _Rule] = {
    _A.SUBMIT: _Rule("Nộp hồ sơ trực tuyến"),
    _A.RECEIVE: _Rule("Tiếp nhận hồ sơ"),
    _A.ACCEPT: _Rule("Tiếp nhận hồ sơ"),
    _A.START_PROCESSING: _Rule("Chuyển xử lý"),
    _A.HAND_OVER: _Rule("Bàn giao hồ sơ"),
    _A.REQUEST_SUPPLEMENT: _Rule("Yêu cầu bổ sung, hoàn thiện hồ sơ", needs_reason=True),
    _A.SUPPLEMENT_RECEIVED: _Rule("Nhận hồ sơ bổ sung", resuming=True),
    _A.REQUEST_PAYMENT: _Rule("Yêu cầu thực hiện nghĩa vụ tài chính", needs_reason=True),
    _A.PAYMENT_RECEIVED: _Rule("Đã thực hiện nghĩa vụ tài chính", resuming=True),
    _A.EXTEND: _Rule("Xin lỗi và gia hạn thời gian giải quyết", needs_reason=True),
    _A.MARK_RESULT_READY: _Rule("Có kết quả giải quyết", finishing=True),
    _A.RETURN_RESULT: _Rule("Trả kết quả"),
    _A.REFUSE: _Rule("Từ chối giải quyết", needs_reason=True, finishing=True),
    _A.WITHDRAW: _Rule("Công dân rút hồ sơ", needs_reason=True),
    _A.STOP: _Rule("Dừng giải quyết hồ sơ", needs_reason=True),
    _A.MARK_OVERDUE: _Rule("Quá hạn giải quyết"),
}
_TARGETS: dict[tuple[DossierStatus, DossierAction], DossierStatus] = {
    (DossierStatus(state), DossierAction(event)): DossierStatus(target)
    for (state, event), target in TRANSITIONS.items()
}
_MARK_OVERDUE = DossierAction.MARK_OVERDUE
_OPEN = frozenset(s for s in DossierStatus if s.is_open)
_ALLOWED: dict[DossierStatus, tuple[DossierAction, ...]] = {
    status: tuple(sorted((a for (s, a) in _TARGETS if s is status), key=str))
    for status in DossierStatus
}
