"""The official slips of Thông tư 03/2025/TT-VPCP, built from a dossier's own data.

Each slip is a typed model first; :func:`motcua.slips.render_text` and
:func:`~motcua.slips.render_html` print it. Fields follow the forms' TT 01/2018 versions
(the TT 03/2025 forms keep them; their layouts were not re-read: see ``docs/slips.md``).

References:
    * Thông tư 03/2025/TT-VPCP, Phụ lục I: mẫu 01–07 (titles verified; fields from the
      TT 01/2018/TT-VPCP versions).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Literal, NoReturn
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from motcua._vn import vn_amount_in_words, vn_datetime_long, vn_money
from motcua.dossiers import Dossier, DossierEvent, DossierStatus
from motcua.errors import SlipStateError
from motcua.procedures import Channel, PerPageFee, Procedure, ProvincialFee

_VN = ZoneInfo("Asia/Ho_Chi_Minh")

__all__ = [
    "ApologyLetter",
    "ControlSheet",
    "ControlSheetRow",
    "Office",
    "Receipt",
    "ReceiptDocument",
    "Refusal",
    "Register",
    "RegisterRow",
    "StopNotice",
    "SupplementRequest",
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Office(_Model):
    """The one-stop centre that issues the slips.

    Attributes:
        name: The issuing body, e.g. "Ủy ban nhân dân phường Lê Chân".
        parent: Its superior body, printed above it, e.g. "Ủy ban nhân dân thành phố Hải Phòng".
        unit: The receiving unit, e.g. "Trung tâm Phục vụ hành chính công phường Lê Chân".
        place: The place name of the date line ("Hải Phòng, ngày …").
        address: Where results are collected.
        phone: Who to call.
        head_title: Who signs letters to citizens ("Chủ tịch").
        lookup_url: The status lookup address; ``{code}`` is replaced by the dossier code
            (for the receipt's QR code).
    """

    name: str
    parent: str | None = None
    unit: str
    place: str
    address: str
    phone: str | None = None
    head_title: str = "Chủ tịch"
    lookup_url: str | None = None


class _Slip(_Model):
    form: str
    title: str
    paper: Literal["A5", "A4"] = "A5"
    office: Office
    number: str | None = None
    issued_at: str


class ReceiptDocument(_Model):
    """A document received, as the receipt lists it."""

    name: str
    originals: int
    copies: int
    present_only: bool = False


class Receipt(_Slip):
    """Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""

    dossier_code: str
    applicant_name: str
    applicant_address: str | None
    applicant_contact: str | None
    procedure: str
    documents: tuple[ReceiptDocument, ...]
    sets: int
    time_limit: str
    case: str | None = None
    """The procedure's case (*trường hợp*) the dossier was received in, if any."""
    appointment_note: str | None = None
    """Why the appointment is only *dự kiến* (its year's schedule is not announced)."""
    counted_from: str | None = None
    """When the time limit started, if not at reception: the postmark, the system's time."""
    agreement: str | None = None
    """The written agreement that set the appointment, if one did."""
    received_at: str
    appointment: str
    collection_place: str
    fee: str
    receiver: str
    lookup_url: str | None

    @classmethod
    def from_dossier(
        cls,
        dossier: Dossier,
        *,
        procedure: Procedure,
        office: Office,
        number: str | None = None,
        sets: int = 1,
        pages: int | None = None,
        documents: Iterable[ReceiptDocument] | None = None,
    ) -> Receipt:
        """The receipt and appointment for an accepted dossier.

        The appointment is the one issued at the desk (the clock right after acceptance),
        so a receipt reprinted later reads as the one handed over: a due time moved since
        by a supplement or an extension appears on its own slip (:class:`SupplementRequest`,
        :class:`ApologyLetter`), never under the receipt's date line.

        Args:
            dossier: An accepted dossier.
            procedure: Its procedure (for the documents and the fee).
            office: The centre.
            number: The register number printed on it.
            sets: Sets of the dossier received.
            pages: Pages, for a per-page fee.
            documents: What was actually handed in (default: the procedure's required
                documents, optional ones left out).

        Raises:
            SlipStateError: The dossier was not accepted (still submitted, or refused at
                reception: the refusal form applies).
        """
        accepted = _event(dossier, ("receive", "accept"), "01", "an accepted dossier")
        assert accepted.due_at is not None
        received = tuple(
            documents
            if documents is not None
            else (
                ReceiptDocument(
                    name=d.name,
                    originals=d.originals,
                    copies=d.copies,
                    present_only=d.present_only,
                )
                for group in procedure.documents
                for d in group.documents
                if not d.optional
            )
        )
        fee = procedure.channel(dossier.channel).fee
        if pages is not None:
            amount = fee.amount_for(pages=pages)
        elif isinstance(fee, PerPageFee):
            amount = None  # counted per page: without the pages, state the rate
        else:
            amount = fee.amount_for()
        if amount is not None:
            fee_text = f"{vn_money(amount)} ({vn_amount_in_words(amount)})"
        elif isinstance(fee, ProvincialFee):
            # The catalog's note is for integrators; the citizen reads the rule.
            fee_text = "Theo mức do Hội đồng nhân dân cấp tỉnh quy định"
        else:
            fee_text = fee.describe()
        contact = ", ".join(c for c in (dossier.applicant.phone, dossier.applicant.email) if c)
        url = office.lookup_url.replace("{code}", dossier.code) if office.lookup_url else None
        return cls(
            form="01",
            title="GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            office=office,
            number=number,
            issued_at=_date_line(office, accepted.at),
            dossier_code=dossier.code,
            applicant_name=dossier.applicant.name,
            applicant_address=dossier.applicant.address,
            applicant_contact=contact or None,
            procedure=dossier.procedure_name,
            documents=received,
            sets=sets,
            time_limit=str(dossier.limit),
            case=dossier.case_name,
            appointment_note=_estimated_note(dossier, accepted.due_at),
            counted_from=_counted_from(dossier, accepted.at),
            agreement=dossier.agreement,
            received_at=_long(accepted.at),
            appointment=_long(accepted.due_at),
            collection_place=office.address,
            fee=fee_text,
            receiver=accepted.by,
            lookup_url=url,
        )


def _counted_from(dossier: Dossier, received: datetime) -> str | None:
    """When the limit started, where that is not the reception (ClockStart.RECORDED)."""
    start = dossier.clock_started_at
    if start is None or start == received:
        return None
    how = "dấu bưu điện đến" if dossier.channel is Channel.POST else "hệ thống ghi nhận"
    return f"{_long(start)} (thời điểm nhận đủ hồ sơ hợp lệ theo {how})"


def _estimated_note(dossier: Dossier, appointment: datetime) -> str | None:
    """The caveat of an appointment counted across a year whose days off are not announced."""
    start = dossier.clock_started_at
    if start is None:
        return None
    years = dossier.calendar.unannounced_years(start, appointment)
    if not years:
        return None
    year = ", ".join(str(y) for y in years)
    return (
        f"Ngày hẹn là dự kiến: lịch nghỉ Tết và các ngày nghỉ năm {year} chưa được công bố; "
        f"ngày hẹn được tính theo Bộ luật Lao động 2019 và có thể thay đổi khi lịch nghỉ "
        f"được công bố"
    )


class SupplementRequest(_Slip):
    """Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."""

    dossier_code: str
    addressee: str
    procedure: str
    items: tuple[str, ...]
    reason: str
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
        event = _event(dossier, ("request_supplement",), "02", "a supplement request")
        return cls(
            form="02",
            title="PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            office=office,
            number=number,
            issued_at=_date_line(office, event.at),
            dossier_code=dossier.code,
            addressee=dossier.applicant.name,
            procedure=dossier.procedure_name,
            items=event.items,
            reason=event.reason or "",
            officer=event.by,
            contact=office.phone,
        )


class Refusal(_Slip):
    """Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

    dossier_code: str
    addressee: str
    procedure: str
    stage: str
    reason: str
    officer: str

    @classmethod
    def from_dossier(
        cls, dossier: Dossier, *, office: Office, number: str | None = None
    ) -> Refusal:
        """The refusal of a refused dossier, at reception or after appraisal.

        Raises:
            SlipStateError: The dossier was not refused.
        """
        if dossier.status not in (DossierStatus.REFUSED, DossierStatus.REFUSED_AT_RECEPTION):
            _wrong(dossier, "03", "a refused dossier")
        event = dossier.history[-1]
        stage = (
            "tiếp nhận" if dossier.status is DossierStatus.REFUSED_AT_RECEPTION else "giải quyết"
        )
        return cls(
            form="03",
            title="PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
            office=office,
            number=number,
            issued_at=_date_line(office, event.at),
            dossier_code=dossier.code,
            addressee=dossier.applicant.name,
            procedure=dossier.procedure_name,
            stage=stage,
            reason=event.reason or "",
            officer=event.by,
        )


class ApologyLetter(_Slip):
    """Mẫu 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết."""

    dossier_code: str
    addressee: str
    procedure: str
    received_at: str
    original_appointment: str
    reason: str
    new_appointment: str
    signer: str

    @classmethod
    def from_dossier(
        cls, dossier: Dossier, *, office: Office, number: str | None = None
    ) -> ApologyLetter:
        """The apology and new date of an extended dossier.

        Raises:
            SlipStateError: The dossier was not extended: an apology is for a dossier at risk of
                being late, sent with its new date (call :meth:`Dossier.extend` first).
        """
        event = _event(dossier, ("extend",), "04", "an extension (Dossier.extend)")
        previous, new = event.previous_due_at, event.new_due_at
        assert previous is not None  # every extend event records both appointments
        assert new is not None
        assert dossier.accepted_at is not None
        return cls(
            form="04",
            title="VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
            office=office,
            number=number,
            issued_at=_date_line(office, event.at),
            dossier_code=dossier.code,
            addressee=dossier.applicant.name,
            procedure=dossier.procedure_name,
            received_at=_long(dossier.accepted_at),
            original_appointment=_long(previous),
            reason=event.reason or "",
            new_appointment=_long(new),
            signer=office.head_title,
        )


class StopNotice(_Slip):
    """Mẫu 05 — Thông báo dừng giải quyết hồ sơ."""

    dossier_code: str
    addressee: str
    procedure: str
    stage: str
    reason: str
    signer: str

    @classmethod
    def from_dossier(
        cls, dossier: Dossier, *, office: Office, number: str | None = None
    ) -> StopNotice:
        """The notice of a stopped dossier.

        Raises:
            SlipStateError: The dossier was not stopped.
        """
        if dossier.status is not DossierStatus.STOPPED:
            _wrong(dossier, "05", "a stopped dossier")
        event = dossier.history[-1]
        return cls(
            form="05",
            title="THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
            office=office,
            number=number,
            issued_at=_date_line(office, event.at),
            dossier_code=dossier.code,
            addressee=dossier.applicant.name,
            procedure=dossier.procedure_name,
            stage=event.from_status.label,
            reason=event.reason or "",
            signer=office.head_title,
        )


class ControlSheetRow(_Model):
    """One hand-over on the control sheet."""

    step: str
    giver: str
    receiver: str
    handed_at: str
    due_at: str
    result: str


class ControlSheet(_Slip):
    """Mẫu 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ."""

    dossier_code: str
    applicant: str
    procedure: str
    received_at: str
    appointment: str
    rows: tuple[ControlSheetRow, ...]

    @classmethod
    def from_dossier(cls, dossier: Dossier, *, office: Office, at: datetime) -> ControlSheet:
        """The control sheet of an accepted dossier, as it stands at *at*.

        Raises:
            SlipStateError: The dossier was not accepted.
        """
        accepted = _event(dossier, ("receive", "accept"), "06", "an accepted dossier")
        assert dossier.due_at is not None
        rows = tuple(
            ControlSheetRow(
                step=step.name,
                giver=step.actor,
                receiver=step.handed_to or "",
                handed_at=_short(step.finished_at),
                due_at=_short(step.due_at),
                result=step.timeliness(at).label if step.finished_at else "",
            )
            for step in dossier.steps
        )
        return cls(
            form="06",
            title="PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
            paper="A4",
            office=office,
            issued_at=_date_line(office, accepted.at),
            dossier_code=dossier.code,
            applicant=dossier.applicant.name,
            procedure=dossier.procedure_name,
            received_at=_long(accepted.at),
            appointment=_long(dossier.due_at),
            rows=rows,
        )


class RegisterRow(_Model):
    """One dossier in the register."""

    index: int
    dossier_code: str
    procedure: str
    sets: int
    applicant: str
    address_phone: str
    lead_agency: str
    received_at: str
    appointment: str
    sent_at: str
    result_at: str
    returned_at: str
    note: str


class Register(_Slip):
    """Mẫu 07 — Sổ theo dõi hồ sơ (A4)."""

    rows: tuple[RegisterRow, ...]

    @classmethod
    def from_dossiers(
        cls, dossiers: Iterable[Dossier], *, office: Office, at: datetime
    ) -> Register:
        """The register page of *dossiers*, in the order given (accepted ones only)."""
        rows: list[RegisterRow] = []
        for dossier in dossiers:
            if dossier.accepted_at is None:
                continue
            contact = ", ".join(
                c for c in (dossier.applicant.address, dossier.applicant.phone) if c
            )
            rows.append(
                RegisterRow(
                    index=len(rows) + 1,
                    dossier_code=dossier.code,
                    procedure=dossier.procedure_name,
                    sets=1,
                    applicant=dossier.applicant.name,
                    address_phone=contact,
                    lead_agency=dossier.handling_agency,
                    received_at=_short(dossier.accepted_at),
                    appointment=_short(dossier.due_at),
                    sent_at=_short(_when(dossier, "start_processing")),
                    result_at=_short(dossier.finished_at),
                    returned_at=_short(_when(dossier, "return_result")),
                    note=dossier.timeliness(at).label,
                )
            )
        return cls(
            form="07",
            title="SỔ THEO DÕI HỒ SƠ",
            paper="A4",
            office=office,
            issued_at=_date_line(office, at),
            rows=tuple(rows),
        )


def _event(dossier: Dossier, actions: tuple[str, ...], form: str, needed: str) -> DossierEvent:
    for event in reversed(dossier.history):
        if event.action in actions:
            return event
    return _wrong(dossier, form, needed)


def _wrong(dossier: Dossier, form: str, needed: str) -> NoReturn:
    raise SlipStateError(
        form=form,
        code=dossier.code,
        status=dossier.status.value,
        problem=f"form {form} needs {needed}",
    )


def _when(dossier: Dossier, action: str) -> datetime | None:
    return next((e.at for e in dossier.history if e.action == action), None)


def _local(moment: datetime) -> datetime:
    """Slips show Hà Nội time, whatever zone the dossier's moments were given in."""
    return moment.astimezone(_VN)


def _long(moment: datetime) -> str:
    return vn_datetime_long(_local(moment))


def _short(moment: datetime | None) -> str:
    return f"{_local(moment):%H:%M %d/%m/%Y}" if moment is not None else ""


def _date_line(office: Office, moment: datetime) -> str:
    moment = _local(moment)
    month = f"{moment.month:02d}" if moment.month < 3 else str(moment.month)
    return f"{office.place}, ngày {moment.day:02d} tháng {month} năm {moment.year}"
