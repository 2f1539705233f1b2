"""Statuses with their national codes, timeliness, and office-time durations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from motcua._vn import Lang, check_lang

__all__ = ["DossierStatus", "OfficeDuration", "Timeliness"]


class DossierStatus(StrEnum):
    """Where a dossier is in its life; values are the chart's state ids.

    ``national_code`` is the status code used when syncing to the National Public Service
    Portal (TrangThaiHoSo 1–10, de-facto standard of one-stop systems; secondary source).
    """

    SUBMITTED = "submitted"
    RECEIVED = "received"
    REFUSED_AT_RECEPTION = "refused_at_reception"
    PROCESSING = "processing"
    AWAITING_SUPPLEMENT = "awaiting_supplement"
    AWAITING_PAYMENT = "awaiting_payment"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"
    RESULT_READY = "result_ready"
    RETURNED = "returned"
    REFUSED = "refused"

    @property
    def national_code(self) -> int:
        """The national sync code (1–10).

        A refusal after appraisal has no code of its own: it is a finished dossier whose
        result is the written refusal, so it maps to 9, *Đã xử lý xong* (motcua's
        reading; the national table has no separate value).
        """
        return _CODES[self]

    @property
    def label(self) -> str:
        """The Vietnamese label."""
        return _LABELS[self]

    @property
    def is_open(self) -> bool:
        """Still running against its time limit (received, processing or paused)."""
        return self in _OPEN

    @property
    def is_paused(self) -> bool:
        """Waiting for the applicant: a supplement or a payment (*tạm dừng*)."""
        return self in (DossierStatus.AWAITING_SUPPLEMENT, DossierStatus.AWAITING_PAYMENT)


_CODES = {
    DossierStatus.SUBMITTED: 1,
    DossierStatus.RECEIVED: 2,
    DossierStatus.REFUSED_AT_RECEPTION: 3,
    DossierStatus.PROCESSING: 4,
    DossierStatus.AWAITING_SUPPLEMENT: 5,
    DossierStatus.AWAITING_PAYMENT: 6,
    DossierStatus.WITHDRAWN: 7,
    DossierStatus.STOPPED: 8,
    DossierStatus.RESULT_READY: 9,
    DossierStatus.REFUSED: 9,
    DossierStatus.RETURNED: 10,
}
_LABELS = {
    DossierStatus.SUBMITTED: "Mới đăng ký",
    DossierStatus.RECEIVED: "Được tiếp nhận",
    DossierStatus.REFUSED_AT_RECEPTION: "Không được tiếp nhận",
    DossierStatus.PROCESSING: "Đang xử lý",
    DossierStatus.AWAITING_SUPPLEMENT: "Yêu cầu bổ sung giấy tờ",
    DossierStatus.AWAITING_PAYMENT: "Yêu cầu thực hiện nghĩa vụ tài chính",
    DossierStatus.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    DossierStatus.STOPPED: "Dừng xử lý",
    DossierStatus.RESULT_READY: "Đã xử lý xong",
    DossierStatus.REFUSED: "Từ chối giải quyết",
    DossierStatus.RETURNED: "Đã trả kết quả",
}
_OPEN = frozenset(
    {
        DossierStatus.RECEIVED,
        DossierStatus.PROCESSING,
        DossierStatus.AWAITING_SUPPLEMENT,
        DossierStatus.AWAITING_PAYMENT,
    }
)


class Timeliness(StrEnum):
    """How a dossier stands against its legal time limit (TT 01/2018/TT-VPCP Art. 13)."""

    EARLY = "early"
    """Finished before the due date (*trước hạn*)."""
    ON_TIME = "on_time"
    """Finished on the due date, by the due time (*đúng hạn*)."""
    LATE = "late"
    """Finished after the due time, or a step was late (*quá hạn*)."""
    WITHIN_LIMIT = "within_limit"
    """Open, the due time not yet passed (*trong hạn*)."""
    OVERDUE = "overdue"
    """Open, the due time passed (*quá hạn*)."""
    PAUSED = "paused"
    """Waiting for a supplement or payment; the clock is stopped (*tạm dừng*)."""
    NOT_COUNTED = "not_counted"
    """Not received, withdrawn, stopped or refused at reception: no time limit applies."""

    @property
    def label(self) -> str:
        """The Vietnamese label used in reports."""
        return {
            "early": "Trước hạn",
            "on_time": "Đúng hạn",
            "late": "Quá hạn",
            "within_limit": "Trong hạn",
            "overdue": "Quá hạn",
            "paused": "Tạm dừng",
            "not_counted": "Không tính thời hạn",
        }[self.value]


_HOUR = timedelta(hours=1)
_MINUTE = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class OfficeDuration:
    """An amount of office time, signed: time left (positive) or time past due (negative).

    It is counted in office hours, so one "day" is one working day's office time
    (8 hours for the standard hours), not 24 hours.

    >>> str(OfficeDuration(timedelta(hours=11), day=timedelta(hours=8)))
    'còn 1 ngày 3 giờ'
    >>> str(OfficeDuration(-timedelta(hours=2), day=timedelta(hours=8)))
    'quá 2 giờ'

    Attributes:
        value: The office time; negative when past due.
        day: The office time of one working day.
    """

    value: timedelta
    day: timedelta

    def parts(self) -> tuple[int, int, int]:
        """(working days, hours, minutes) of the absolute value."""
        rest = abs(self.value)
        days, rest = divmod(rest, self.day)
        hours, rest = divmod(rest, _HOUR)
        return int(days), int(hours), int(rest // _MINUTE)

    def describe(self, *, lang: Lang = "vi") -> str:
        """Render as "còn 1 ngày 3 giờ" / "quá 2 giờ" (or "1 day 3 hours left")."""
        lang = check_lang(lang)
        days, hours, minutes = self.parts()
        if lang == "vi":
            words = [
                f"{n} {unit}"
                for n, unit in ((days, "ngày"), (hours, "giờ"), (minutes, "phút"))
                if n
            ]
            amount = " ".join(words) or "0 phút"
            return f"quá {amount}" if self.value < timedelta(0) else f"còn {amount}"
        words = [
            f"{n} {unit}{'s' if n != 1 else ''}"
            for n, unit in ((days, "day"), (hours, "hour"), (minutes, "minute"))
            if n
        ]
        amount = " ".join(words) or "0 minutes"
        return f"{amount} overdue" if self.value < timedelta(0) else f"{amount} left"

    def __str__(self) -> str:
        return self.describe()
