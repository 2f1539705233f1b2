"""The sync record's fields, codes and times: read, checked and written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from motcua._sources import Certainty
from motcua._time import VIETNAM_TZ, require_aware
from motcua.dossiers import Dossier, DossierStatus
from motcua.errors import ArgumentTypeError, SyncRecordError
from motcua.procedures import Channel

__all__ = [
    "CERTAINTY",
    "SyncEvent",
    "SyncFields",
    "SyncRecord",
    "channel_from_code",
    "format_time",
    "parse_time",
    "read_record",
    "status_from_code",
    "write_record",
]

CERTAINTY = Certainty.SECONDARY
"""How sure motcua is of the field names: in use by one-stop systems, annex not read."""


@dataclass(frozen=True, slots=True)
class SyncFields:
    """The field names of the sync record (defaults: the ones one-stop systems use)."""

    code: str = "MaHoSo"
    procedure: str = "MaTTHC"
    status: str = "TrangThaiHoSo"
    channel: str = "KenhThucHien"
    received_at: str = "NgayTiepNhan"
    due_at: str = "NgayHenTra"
    new_due_at: str = "NgayHenTraMoi"
    finished_at: str = "NgayKetThucXuLy"
    returned_at: str = "NgayTra"
    refusal_reason: str = "LyDoTuChoi"
    history: str = "QuaTrinhXuLy"
    history_status: str = "TrangThai"
    history_at: str = "ThoiDiemXuLy"
    history_by: str = "NguoiXuLy"
    history_note: str = "NoiDung"


@dataclass(frozen=True, slots=True)
class SyncEvent:
    """One entry of ``QuaTrinhXuLy``: a status reached, when, by whom, why."""

    status: DossierStatus
    at: datetime
    by: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class SyncRecord:
    """A sync record, read and typed: what another system says about one dossier."""

    code: str
    procedure: str
    status: DossierStatus
    channel: Channel
    received_at: datetime | None
    due_at: datetime | None
    new_due_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    refusal_reason: str | None
    history: tuple[SyncEvent, ...]


_BY_CODE = {
    1: "submitted",
    2: "received",
    3: "refused_at_reception",
    4: "processing",
    5: "awaiting_supplement",
    6: "awaiting_payment",
    7: "withdrawn",
    8: "stopped",
    10: "returned",
}
_CHANNELS = {1: Channel.COUNTER, 2: Channel.ONLINE, 3: Channel.POST}


def checked_fields(fields: object) -> SyncFields:
    """*fields* when it is a :class:`SyncFields` of text names, else the error naming it.

    Raises:
        ArgumentTypeError: Not a SyncFields, or one of its names is not text.
    """
    if not isinstance(fields, SyncFields):
        raise ArgumentTypeError("fields", fields, expected="a SyncFields (the record's names)")
    for name in SyncFields.__dataclass_fields__:
        value = getattr(fields, name)
        if not isinstance(value, str) or not value:
            raise ArgumentTypeError(f"fields.{name}", value, expected="a field name (text)")
    return fields


def status_from_code(
    code: object, *, refused: bool = False, where: str = "status"
) -> DossierStatus:
    """The status of a national code (1–10); code 9 is refused when *refused*, else result ready.

    >>> status_from_code(9).value, status_from_code(9, refused=True).value
    ('result_ready', 'refused')

    Raises:
        SyncRecordError: Not a national status code.
    """
    number = _code_number(code, where, "a national status code 1–10")
    if number == 9:
        return DossierStatus.REFUSED if refused else DossierStatus.RESULT_READY
    if number not in _BY_CODE:
        raise SyncRecordError(where=where, value=code, expected="a national status code 1–10")
    return DossierStatus(_BY_CODE[number])


def channel_from_code(code: object, *, where: str = "channel") -> Channel:
    """The channel of a national channel code: 1 counter, 2 online, 3 post.

    Raises:
        SyncRecordError: Not a channel code.
    """
    number = _code_number(code, where, "a channel code 1 (counter), 2 (online) or 3 (post)")
    if number not in _CHANNELS:
        raise SyncRecordError(
            where=where, value=code, expected="a channel code 1 (counter), 2 (online) or 3 (post)"
        )
    return _CHANNELS[number]


def _code_number(code: object, where: str, expected: str) -> int:
    if isinstance(code, bool):
        raise SyncRecordError(where=where, value=code, expected=expected)
    if isinstance(code, int):
        return code
    if isinstance(code, str) and re.fullmatch(r"[0-9]{1,3}", code.strip()):
        return int(code.strip())
    raise SyncRecordError(where=where, value=code, expected=expected)


def parse_time(text: object, *, where: str = "time") -> datetime:
    """``yyyyMMddHHmmss`` in Hà Nội time, as the sync record writes times.

    >>> parse_time("20260102153000").isoformat()
    '2026-01-02T15:30:00+07:00'

    Raises:
        SyncRecordError: Not 14 digits of a real moment.
    """
    if not isinstance(text, str) or len(text) != 14 or not text.isascii() or not text.isdigit():
        raise SyncRecordError(where=where, value=text, expected="yyyyMMddHHmmss (14 digits)")
    try:  # by hand: strptime costs ten times as much, and audits read millions
        return datetime(
            int(text[:4]),
            int(text[4:6]),
            int(text[6:8]),
            int(text[8:10]),
            int(text[10:12]),
            int(text[12:]),
            tzinfo=VIETNAM_TZ,
        )
    except ValueError:
        raise SyncRecordError(
            where=where, value=text, expected="yyyyMMddHHmmss of a real date and time"
        ) from None


def format_time(moment: datetime) -> str:
    """A moment as ``yyyyMMddHHmmss`` in Hà Nội time (converted from any zone).

    Raises:
        NaiveDatetimeError: *moment* has no time zone.
    """
    try:
        local = require_aware(moment, "moment").astimezone(VIETNAM_TZ)
    except OverflowError:
        raise SyncRecordError(
            where="moment", value=moment, expected="a time between years 1 and 9999 in Hà Nội"
        ) from None
    return (
        f"{local.year:04d}{local.month:02d}{local.day:02d}"
        f"{local.hour:02d}{local.minute:02d}{local.second:02d}"
    )


def read_record(record: object, fields: SyncFields = SyncFields()) -> SyncRecord:
    """A sync record as a :class:`SyncRecord`, every field checked and named when wrong.

    Raises:
        SyncRecordError: The record is not an object, or a field is missing or malformed
            (the error names the field, the value and what would be valid).
    """
    f = checked_fields(fields)
    if not isinstance(record, dict):
        raise SyncRecordError(where="(record)", value=record, expected="a JSON object")
    code = _required_text(record, f.code)
    refusal = record.get(f.refusal_reason)
    if refusal is not None and not isinstance(refusal, str):
        raise SyncRecordError(where=f.refusal_reason, value=refusal, expected="text or null")
    refused = bool(refusal and refusal.strip())
    history = record.get(f.history, [])
    if history is None:
        history = []
    if not isinstance(history, list):
        raise SyncRecordError(where=f.history, value=history, expected="a list of entries")
    events = []
    for i, entry in enumerate(history):
        here = f"{f.history}[{i}]"
        if not isinstance(entry, dict):
            raise SyncRecordError(where=here, value=entry, expected="an object")
        events.append(
            SyncEvent(
                status=status_from_code(
                    entry.get(f.history_status),
                    refused=refused,  # a refused dossier's code 9 is the refusal
                    where=f"{here}.{f.history_status}",
                ),
                at=parse_time(entry.get(f.history_at), where=f"{here}.{f.history_at}"),
                by=_optional_text(entry, f.history_by, here),
                note=_optional_text(entry, f.history_note, here),
            )
        )
    return SyncRecord(
        code=code,
        procedure=_required_text(record, f.procedure),
        status=status_from_code(record.get(f.status), refused=refused, where=f.status),
        channel=channel_from_code(record.get(f.channel), where=f.channel),
        received_at=_optional_time(record, f.received_at),
        due_at=_optional_time(record, f.due_at),
        new_due_at=_optional_time(record, f.new_due_at),
        finished_at=_optional_time(record, f.finished_at),
        returned_at=_optional_time(record, f.returned_at),
        refusal_reason=refusal if refused else None,
        history=tuple(events),
    )


def write_record(dossier: Dossier, fields: SyncFields = SyncFields()) -> dict[str, Any]:
    """The sync record of a motcua dossier, history included.

    Raises:
        ArgumentTypeError: *dossier* is not a Dossier.
    """
    if not isinstance(dossier, Dossier):
        raise ArgumentTypeError("dossier", dossier, expected="a motcua.Dossier")
    f = checked_fields(fields)
    returned = next(
        (e.at for e in reversed(dossier.history) if e.to_status is DossierStatus.RETURNED), None
    )
    refusal = next(
        (
            e.reason
            for e in reversed(dossier.history)
            if e.to_status in (DossierStatus.REFUSED, DossierStatus.REFUSED_AT_RECEPTION)
        ),
        None,
    )
    extended = dossier.extended_due_at
    record: dict[str, Any] = {
        f.code: dossier.code,
        f.procedure: dossier.procedure_code,
        f.status: dossier.status.national_code,
        f.channel: dossier.channel.code,
        f.received_at: _time(dossier.accepted_at),  # None until a clerk accepted it
        f.due_at: _time(dossier.legal_due_at),
        f.new_due_at: _time(extended),
        f.finished_at: _time(dossier.finished_at),
        f.returned_at: _time(returned),
        f.history: [
            {
                f.history_status: e.to_status.national_code,
                f.history_at: format_time(e.at),
                f.history_by: e.by,
                f.history_note: e.reason or e.action.label,
            }
            for e in dossier.history
            if e.from_status is not e.to_status or e.seq == 1
        ],
    }
    if refusal is not None:
        record[f.refusal_reason] = refusal
    return record


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else format_time(moment)


def _required_text(record: dict[str, Any], name: str) -> str:
    value = record.get(name)
    if not isinstance(value, str) or not value.strip():
        raise SyncRecordError(where=name, value=value, expected="non-empty text")
    return value


def _optional_text(record: dict[str, Any], name: str, here: str) -> str | None:
    value = record.get(name)
    if value is not None and not isinstance(value, str):
        raise SyncRecordError(where=f"{here}.{name}", value=value, expected="text or null")
    return value


def _optional_time(record: dict[str, Any], name: str) -> datetime | None:
    value = record.get(name)
    if value in (None, ""):
        return None
    return parse_time(value, where=name)
