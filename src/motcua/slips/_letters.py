"""Mẫu 02–05: the letters to the applicant about one dossier's turn of events."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import AwareDatetime

from motcua.dossiers import Dossier, DossierEvent, DossierStatus
from motcua.slips._base import Office, _checked, _DossierSlip, _event, _wrong

__all__ = ["ApologyLetter", "Refusal", "StopNotice", "SupplementRequest"]


class _Letter(_DossierSlip):
    """A letter to the applicant about one event of the dossier, dated by that event."""

    addressee: str
    reason: str

    @classmethod
    def _about(
        cls, dossier: Dossier, event: DossierEvent, *, office: Office, number: str | None
    ) -> dict[str, Any]:
        return {
            **cls._heading(dossier, office=office, number=number, at=event.at),
            "addressee": dossier.applicant.name,
            "reason": event.reason or "",
        }


class SupplementRequest(_Letter):
    """Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."""

    template = "supplement"

    form: Literal["02"] = "02"
    title: str = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
    items: tuple[str, ...]
    officer: str
    contact: str | None

    @classmethod
    def from_dossier(
        cls, dossier: Dossier, *, office: Office, number: str | None = None
    ) -> SupplementRequest:
        """The request for the dossier's latest supplement.

        Raises:
            SlipStateError: No supplement was requested for this dossier.
        """
        dossier = _checked(dossier, office, number)
        event = _event(dossier, ("request_supplement",), "02", "a supplement request")
        return cls(
            **cls._about(dossier, event, office=office, number=number),
            items=event.items,
            officer=event.by,
            contact=office.phone,
        )


class Refusal(_Letter):
    """Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

    template = "refusal"

    form: Literal["03"] = "03"
    title: str = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
    stage: str
    officer: str

    @classmethod
    def from_dossier(
        cls, dossier: Dossier, *, office: Office, number: str | None = None
    ) -> Refusal:
        """The refusal of a refused dossier, at reception or after appraisal.

        Raises:
            SlipStateError: The dossier was not refused.
        """
        dossier = _checked(dossier, office, number)
        if dossier.status not in (DossierStatus.REFUSED, DossierStatus.REFUSED_AT_RECEPTION):
            _wrong(dossier, "03", "a refused dossier")
        event = dossier.history[-1]
        at_reception = dossier.status is DossierStatus.REFUSED_AT_RECEPTION
        return cls(
            **cls._about(dossier, event, office=office, number=number),
            stage="tiếp nhận" if at_reception else "giải quyết",
            officer=event.by,
        )


class ApologyLetter(_Letter):
    """Mẫu 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết.

    Attributes:
        received_at: When the dossier was accepted.
        original_appointment: The due time before the extension.
        new_appointment: The due time it sets.
    """

    template = "apology"

    form: Literal["04"] = "04"
    title: str = "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
    received_at: AwareDatetime
    original_appointment: AwareDatetime
    new_appointment: AwareDatetime
    signer: str

    @classmethod
    def from_dossier(
        cls, dossier: Dossier, *, office: Office, number: str | None = None
    ) -> ApologyLetter:
        """The apology and new date of an extended dossier.

        Raises:
            SlipStateError: The dossier was not extended: an apology is for a dossier at
                risk of being late, sent with its new date (call :meth:`Dossier.extend`
                first).
        """
        dossier = _checked(dossier, office, number)
        event = _event(dossier, ("extend",), "04", "an extension (Dossier.extend)")
        previous, new = event.previous_due_at, event.new_due_at
        assert previous is not None  # every extend event records both appointments
        assert new is not None
        assert dossier.accepted_at is not None
        return cls(
            **cls._about(dossier, event, office=office, number=number),
            received_at=dossier.accepted_at,
            original_appointment=previous,
            new_appointment=new,
            signer=office.head_title,
        )


class StopNotice(_Letter):
    """Mẫu 05 — Thông báo dừng giải quyết hồ sơ."""

    template = "stop"

    form: Literal["05"] = "05"
    title: str = "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"
    stage: str
    signer: str

    @classmethod
    def from_dossier(
        cls, dossier: Dossier, *, office: Office, number: str | None = None
    ) -> StopNotice:
        """The notice of a stopped dossier.

        Raises:
            SlipStateError: The dossier was not stopped.
        """
        dossier = _checked(dossier, office, number)
        if dossier.status is not DossierStatus.STOPPED:
            _wrong(dossier, "05", "a stopped dossier")
        event = dossier.history[-1]
        return cls(
            **cls._about(dossier, event, office=office, number=number),
            stage=event.from_status.label,
            signer=office.head_title,
        )
