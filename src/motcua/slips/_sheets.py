"""Mẫu 06–07: the control sheet of one dossier and the register of many (A4)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime

from motcua.dossiers import Dossier
from motcua.errors import ArgumentTypeError
from motcua.slips._base import (
    Office,
    Slip,
    _checked,
    _checked_at,
    _checked_office,
    _DossierSlip,
    _event,
    _Model,
    _when,
)

__all__ = ["ControlSheet", "ControlSheetRow", "Register", "RegisterRow"]


class ControlSheetRow(_Model):
    """One hand-over on the control sheet."""

    step: str
    giver: str
    receiver: str
    handed_at: AwareDatetime | None
    due_at: AwareDatetime | None
    result: str


class ControlSheet(_DossierSlip):
    """Mẫu 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ."""

    template = "control_sheet"

    form: Literal["06"] = "06"
    title: str = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
    paper: Literal["A5", "A4"] = "A4"
    applicant: str
    received_at: AwareDatetime
    appointment: AwareDatetime
    rows: tuple[ControlSheetRow, ...]

    @classmethod
    def from_dossier(cls, dossier: Dossier, *, office: Office, at: datetime) -> ControlSheet:
        """The control sheet of an accepted dossier, as it stands at *at*.

        Raises:
            SlipStateError: The dossier was not accepted.
        """
        dossier = _checked(dossier, office)
        at = _checked_at(at)
        accepted = _event(dossier, ("receive", "accept"), "06", "an accepted dossier")
        assert dossier.due_at is not None
        rows = tuple(
            ControlSheetRow(
                step=step.name,
                giver=step.actor,
                receiver=step.handed_to or "",
                handed_at=step.finished_at,
                due_at=step.due_at,
                result=step.timeliness(at).label if step.finished_at else "",
            )
            for step in dossier.steps
        )
        return cls(
            **cls._heading(dossier, office=office, number=None, at=accepted.at),
            applicant=dossier.applicant.name,
            received_at=accepted.at,
            appointment=dossier.due_at,
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
    received_at: AwareDatetime
    appointment: AwareDatetime | None
    sent_at: AwareDatetime | None
    result_at: AwareDatetime | None
    returned_at: AwareDatetime | None
    note: str


class Register(Slip):
    """Mẫu 07 — Sổ theo dõi hồ sơ (A4)."""

    template = "register"

    form: Literal["07"] = "07"
    title: str = "SỔ THEO DÕI HỒ SƠ"
    paper: Literal["A5", "A4"] = "A4"
    rows: tuple[RegisterRow, ...]

    @classmethod
    def from_dossiers(
        cls, dossiers: Iterable[Dossier], *, office: Office, at: datetime
    ) -> Register:
        """The register page of *dossiers*, in the order given (accepted ones only).

        Raises:
            ArgumentTypeError: *dossiers* not a list of Dossier, *office* not an Office,
                *at* not an aware datetime.
        """
        _checked_office(office)
        at = _checked_at(at)
        if isinstance(dossiers, str | bytes) or not hasattr(dossiers, "__iter__"):
            raise ArgumentTypeError("dossiers", dossiers, expected="a list of Dossier")
        given = tuple(dossiers)
        for i, dossier in enumerate(given):
            if not isinstance(dossier, Dossier):
                raise ArgumentTypeError(f"dossiers[{i}]", dossier, expected="a Dossier")
        rows: list[RegisterRow] = []
        for dossier in given:
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
                    received_at=dossier.accepted_at,
                    appointment=dossier.due_at,
                    sent_at=_when(dossier, "start_processing"),
                    result_at=dossier.finished_at,
                    returned_at=_when(dossier, "return_result"),
                    note=dossier.timeliness(at).label,
                )
            )
        return cls(office=office, issued_at=at, rows=tuple(rows))
