"""Mẫu 01: the receipt and appointment handed over at the desk."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime

from motcua.dossiers import Dossier
from motcua.errors import ArgumentTypeError, SlipStateError, _shown
from motcua.procedures import Channel, PerPageFee, Procedure, ProvincialFee
from motcua.slips._base import Office, _built, _checked, _DossierSlip, _event, _Model

__all__ = ["Receipt", "ReceiptDocument"]

_PROVINCIAL_RULE = "Theo mức do Hội đồng nhân dân cấp tỉnh quy định"


class ReceiptDocument(_Model):
    """A document received, as the receipt lists it."""

    name: str
    originals: int
    copies: int
    present_only: bool = False


class Receipt(_DossierSlip):
    """Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả.

    Attributes:
        dossier_code: The dossier's code.
        procedure: The procedure's name.
        received_at: When the dossier was accepted.
        appointment: When the result is due, as issued at the desk.
        time_limit: The procedure's time limit on the dossier's channel, as the form
            words it ("20 ngày làm việc").
        fee: The fee in đồng, when it can be counted; None when it depends on what the
            receipt does not know (the pages of a per-page fee, the province's rate), and
            :attr:`fee_rule` then says how it is set.
        channel: How the dossier came (it names what :attr:`counted_from` rests on).
    """

    template = "receipt"

    form: Literal["01"] = "01"
    title: str = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    applicant_name: str
    applicant_address: str | None
    applicant_contact: str | None
    documents: tuple[ReceiptDocument, ...]
    sets: int
    time_limit: str
    case: str | None = None
    """The procedure's case (*trường hợp*) the dossier was received in, if any."""
    appointment_note: str | None = None
    """Why the appointment is only *dự kiến* (its year's schedule is not announced)."""
    channel: Channel
    counted_from: AwareDatetime | None = None
    """When the time limit started, if not at reception: the postmark, the system's time."""
    agreement: str | None = None
    """The written agreement that set the appointment, if one did."""
    received_at: AwareDatetime
    appointment: AwareDatetime
    collection_place: str
    fee: int | None
    fee_rule: str | None = None
    """How the fee is set, when :attr:`fee` cannot be counted."""
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
                reception: the refusal form applies), or *procedure* is not the dossier's
                (its code differs: the receipt would print another procedure's fee).
            LookupUrlError: The office's lookup address is not ``https:`` (nor ``http:``
                where the office allows it).
            ArgumentTypeError: An argument of the wrong type; *sets* not a whole number
                from 1 (a bool is not one), *pages* not one from 0; *documents* not a list
                of ReceiptDocument.
        """
        dossier = _checked(dossier, office, number)
        if not isinstance(procedure, Procedure):
            raise ArgumentTypeError(
                "procedure", procedure, expected='the dossier\'s Procedure (catalog.get("…"))'
            )
        _count("sets", sets, least=1)
        if pages is not None:
            _count("pages", pages, least=0)
        accepted = _event(dossier, ("receive", "accept"), "01", "an accepted dossier")
        if getattr(procedure, "code", None) != dossier.procedure_code:
            given = getattr(procedure, "code", type(procedure).__name__)
            raise SlipStateError(
                form="01",
                code=dossier.code,
                status=dossier.status.value,
                problem=f"form 01 needs the dossier's own procedure {dossier.procedure_code}, "
                f"not {_shown(given)}: pass catalog.get(dossier.procedure_code)",
            )
        assert accepted.due_at is not None
        received = tuple(
            _documents(documents)
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
        rule = None
        if amount is None:
            # The catalog's note is for integrators; the citizen reads the rule.
            rule = _PROVINCIAL_RULE if isinstance(fee, ProvincialFee) else fee.describe()
        contact = ", ".join(c for c in (dossier.applicant.phone, dossier.applicant.email) if c)
        url = office.lookup_address(dossier.code)
        start = dossier.clock_started_at
        return cls(
            **cls._heading(dossier, office=office, number=number, at=accepted.at),
            applicant_name=dossier.applicant.name,
            applicant_address=dossier.applicant.address,
            applicant_contact=contact or None,
            documents=received,
            sets=sets,
            time_limit=str(dossier.limit),
            case=dossier.case_name,
            appointment_note=_estimated_note(dossier, accepted.due_at),
            channel=dossier.channel,
            counted_from=start if start is not None and start != accepted.at else None,
            agreement=dossier.agreement,
            received_at=accepted.at,
            appointment=accepted.due_at,
            collection_place=office.address,
            fee=amount,
            fee_rule=rule,
            receiver=accepted.by,
            lookup_url=url,
        )


def _count(argument: str, value: object, *, least: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise ArgumentTypeError(argument, value, expected=f"a whole number from {least}")


def _documents(documents: object) -> tuple[ReceiptDocument, ...]:
    """The documents handed in, each a ReceiptDocument (a mapping of its fields is read as one)."""
    if isinstance(documents, str | bytes) or not hasattr(documents, "__iter__"):
        raise ArgumentTypeError(
            "documents", documents, expected="a list of ReceiptDocument (or None)"
        )
    return tuple(
        d if isinstance(d, ReceiptDocument) else _built(ReceiptDocument, f"documents[{i}]", d)
        for i, d in enumerate(documents)
    )


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
