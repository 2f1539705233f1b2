"""The national sync record: written from a dossier, read back typed, code 9 decided."""

from __future__ import annotations

from datetime import UTC

import pytest

from helpers import vn
from motcua import Channel, DossierStatus
from motcua.errors import SyncRecordError
from motcua.sync import (
    SyncFields,
    channel_from_code,
    format_time,
    parse_time,
    read_record,
    replay,
    status_from_code,
    write_record,
)
from store_support import CALENDAR, received


def test_a_dossier_becomes_a_record_and_reads_back() -> None:
    dossier = received()
    dossier.start_processing(at=vn(2026, 3, 2, 10), by="tuphap")
    dossier.mark_result_ready(at=vn(2026, 3, 4, 15, 30), by="tuphap")
    dossier.return_result(at=vn(2026, 3, 5, 8, 5), by="cb.tiepnhan")
    record = write_record(dossier)
    assert record["MaHoSo"] == "000.00.20.H12-260302-0001"
    assert record["MaTTHC"] == "1.004873"
    assert record["TrangThaiHoSo"] == 10
    assert record["KenhThucHien"] == 1
    assert record["NgayTiepNhan"] == "20260302090000"
    assert record["NgayHenTra"] == "20260305090000"
    assert record["NgayKetThucXuLy"] == "20260304153000"
    assert record["NgayTra"] == "20260305080500"
    assert [e["TrangThai"] for e in record["QuaTrinhXuLy"]] == [2, 4, 9, 10]
    back = read_record(record)
    assert back.status is DossierStatus.RETURNED
    assert back.channel is Channel.COUNTER
    assert back.due_at == dossier.legal_due_at
    assert [e.status for e in back.history][-2] is DossierStatus.RESULT_READY


def test_code_9_is_a_refusal_when_the_record_gives_a_reason() -> None:
    dossier = received()
    dossier.start_processing(at=vn(2026, 3, 2, 10), by="tuphap")
    dossier.refuse(at=vn(2026, 3, 3, 10), by="tuphap", reason="Không đủ điều kiện")
    record = write_record(dossier)
    assert record["TrangThaiHoSo"] == 9
    assert record["LyDoTuChoi"] == "Không đủ điều kiện"
    back = read_record(record)
    assert back.status is DossierStatus.REFUSED
    assert back.history[-1].status is DossierStatus.REFUSED
    assert status_from_code("9") is DossierStatus.RESULT_READY
    assert status_from_code(9, refused=True) is DossierStatus.REFUSED


def test_field_names_are_configurable() -> None:
    fields = SyncFields(code="ma_ho_so", status="trang_thai")
    record = write_record(received(), fields)
    assert "ma_ho_so" in record
    assert "MaHoSo" not in record
    assert read_record(record, fields).code == "000.00.20.H12-260302-0001"


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"TrangThaiHoSo": 11}, "TrangThaiHoSo"),
        ({"TrangThaiHoSo": True}, "TrangThaiHoSo"),
        ({"KenhThucHien": "4"}, "KenhThucHien"),
        ({"NgayHenTra": "2026-03-05 09:00"}, "NgayHenTra"),
        ({"NgayHenTra": "20260230090000"}, "NgayHenTra"),
        ({"MaHoSo": ""}, "MaHoSo"),
        ({"QuaTrinhXuLy": [{"TrangThai": 2, "ThoiDiemXuLy": "x"}]}, "QuaTrinhXuLy[0].ThoiDiemXuLy"),
        ({"QuaTrinhXuLy": "none"}, "QuaTrinhXuLy"),
        ({"LyDoTuChoi": 5}, "LyDoTuChoi"),
    ],
)
def test_a_malformed_field_is_named(change: dict[str, object], where: str) -> None:
    record = {**write_record(received()), **change}
    with pytest.raises(
        SyncRecordError, match=rf"field {where.replace('[', '.').replace(']', '.')}"
    ):
        read_record(record)


def test_times_are_hanoi_time_in_14_digits() -> None:
    assert parse_time("20260102153000") == vn(2026, 1, 2, 15, 30)
    assert format_time(vn(2026, 1, 2, 15, 30).astimezone(UTC)) == "20260102153000"
    assert channel_from_code(2) is Channel.ONLINE
    with pytest.raises(SyncRecordError, match="14 digits"):
        parse_time("202601021530")
    with pytest.raises(SyncRecordError, match="a JSON object"):
        read_record([1, 2])


def test_times_before_year_1000_keep_14_digits() -> None:
    assert format_time(parse_time("00010101000000")) == "00010101000000"


def _entry(status: int, at: str, note: str | None = None) -> dict[str, object]:
    return {"TrangThai": status, "ThoiDiemXuLy": at, "NguoiXuLy": "cb", "NoiDung": note}


def test_a_lawful_external_history_replays_without_violations() -> None:
    dossier = received()
    dossier.start_processing(at=vn(2026, 3, 2, 10), by="tuphap")
    dossier.request_supplement(at=vn(2026, 3, 2, 11), by="tuphap", reason="Thiếu", items=["Tờ"])
    dossier.supplement_received(at=vn(2026, 3, 3, 9), by="cb")
    dossier.mark_result_ready(at=vn(2026, 3, 4, 15), by="tuphap")
    done = replay(write_record(dossier), calendar=CALENDAR)
    assert done.violations == ()
    assert done.dossier is not None
    assert done.dossier.status is DossierStatus.RESULT_READY
    assert done.dossier.legal_due_at == dossier.legal_due_at


def test_a_sparse_history_is_replayed_with_each_violation_recorded() -> None:
    record = {
        "MaHoSo": "000.00.20.H12-260302-0007",
        "MaTTHC": "1.004873",
        "TrangThaiHoSo": 10,
        "KenhThucHien": 1,
        "NgayTiepNhan": "20260302090000",
        "QuaTrinhXuLy": [
            _entry(2, "20260302090000"),
            _entry(9, "20260303100000"),  # received → result ready: a step skipped
            _entry(5, "20260303110000"),  # result ready → supplement: not allowed
            _entry(10, "20260302120000"),  # before the entry before
            _entry(10, "20260304080000"),
        ],
    }
    done = replay(record, calendar=CALENDAR)
    assert [(v.entry, v.kind) for v in done.violations] == [
        (1, "implied_step"),
        (2, "illegal_transition"),
        (3, "out_of_order"),
    ]
    assert done.dossier is not None
    assert done.dossier.status is DossierStatus.RETURNED
    assert [e.action.value for e in done.dossier.history] == [
        "receive",
        "start_processing",
        "mark_result_ready",
        "return_result",
    ]


def test_a_second_supplement_and_a_missing_reason_are_recorded_not_raised() -> None:
    record = {
        "MaHoSo": "000.00.20.H12-260302-0008",
        "MaTTHC": "1.004873",
        "TrangThaiHoSo": 5,
        "KenhThucHien": 1,
        "NgayTiepNhan": "20260302090000",
        "QuaTrinhXuLy": [
            _entry(2, "20260302090000"),
            _entry(4, "20260302100000"),
            _entry(5, "20260302110000"),
            _entry(4, "20260303090000"),
            _entry(5, "20260303100000", "Lần hai"),
        ],
    }
    done = replay(record, calendar=CALENDAR)
    assert [(v.entry, v.kind) for v in done.violations] == [
        (2, "missing_reason"),
        (4, "refused_by_rules"),  # the policy allows one supplement per agency
    ]
    assert "already asked for a supplement" in done.violations[1].detail
    assert done.dossier is not None
    assert done.dossier.status is DossierStatus.PROCESSING
    assert replay({**record, "MaTTHC": "9.999999"}, calendar=CALENDAR).dossier is None


def test_a_dossier_refused_at_reception_carries_its_reason_and_no_reception_time() -> None:
    from motcua import Applicant, Dossier  # noqa: PLC0415
    from store_support import PROCEDURE  # noqa: PLC0415

    online = Dossier.submit(
        PROCEDURE,
        submitted_at=vn(2026, 3, 2, 20),
        channel=Channel.ONLINE,
        applicant=Applicant(name="D"),
        calendar=CALENDAR,
        by="cong.dvc",
        code="X-1",
    )
    assert write_record(online)["NgayTiepNhan"] is None
    online.refuse(at=vn(2026, 3, 3, 9), by="cb", reason="Sai mẫu tờ khai")
    record = write_record(online)
    assert record["TrangThaiHoSo"] == 3
    assert record["LyDoTuChoi"] == "Sai mẫu tờ khai"
    assert read_record(record).status is DossierStatus.REFUSED_AT_RECEPTION
