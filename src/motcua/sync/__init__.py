"""The national portal's dossier sync record, read and written (de-facto format, configurable).

One-stop systems exchange each dossier with the National Public Service Portal as a record
of flat fields — ``MaHoSo``, ``MaTTHC``, ``TrangThaiHoSo`` (1–10), ``KenhThucHien``
(1/2/3), ``NgayTiepNhan`` / ``NgayHenTra`` / ``NgayHenTraMoi`` / ``NgayKetThucXuLy`` /
``NgayTra`` as ``yyyyMMddHHmmss`` in Hà Nội time — and a processing history
``QuaTrinhXuLy``. The field names are the ones in use; the annex of Thông tư
04/2025/TT-VPCP that regulates the exchange was not read, so every name is configurable
(:class:`SyncFields`) and the format's certainty is ``secondary``.

National status code 9 is both "Đã xử lý xong" (result ready) and a refusal after
appraisal. :func:`status_from_code` decides it by a documented policy: a record that
carries a refusal reason (``LyDoTuChoi`` by default) is refused; otherwise the result is
ready.

References:
    * Thông tư 04/2025/TT-VPCP (in force 25/01/2026): the exchange with the national portal
      (its field annex not read: names de-facto, secondary).
    * Thông tư 01/2018/TT-VPCP, Điều 19: the dossier code (``MaHoSo``).
"""

from motcua.sync._record import (
    CERTAINTY,
    SyncEvent,
    SyncFields,
    SyncRecord,
    channel_from_code,
    format_time,
    parse_time,
    read_record,
    status_from_code,
    write_record,
)
from motcua.sync._replay import Replayed, Violation, replay

__all__ = [
    "CERTAINTY",
    "Replayed",
    "SyncEvent",
    "SyncFields",
    "SyncRecord",
    "Violation",
    "channel_from_code",
    "format_time",
    "parse_time",
    "read_record",
    "replay",
    "status_from_code",
    "write_record",
]
