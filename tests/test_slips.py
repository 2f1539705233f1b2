"""The official slips from real dossiers: fields, wrong states, escaping, golden files."""

from __future__ import annotations

import os
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import get_type_hints

import pytest

from helpers import vn
from motcua import (
    ApologyLetter,
    Applicant,
    Catalog,
    Channel,
    ControlSheet,
    Dossier,
    DossierNumbering,
    EstimatePolicy,
    Office,
    Receipt,
    Refusal,
    Register,
    StopNotice,
    SupplementRequest,
    WorkingCalendar,
    render_html,
    render_text,
)
from motcua._vn import vn_amount_in_words, vn_number_words
from motcua.errors import ArgumentTypeError, DossierError, SlipError, SlipStateError
from motcua.slips import ReceiptDocument, Slip

GOLDEN = Path(__file__).parent / "golden" / "slips"
REGENERATE = os.environ.get("MOTCUA_REGENERATE_GOLDEN") == "1"

LE_CHAN = Office(
    name="Ủy ban nhân dân phường Lê Chân",
    parent="Ủy ban nhân dân thành phố Hải Phòng",
    unit="Trung tâm Phục vụ hành chính công phường Lê Chân",
    place="Hải Phòng",
    address="Số 1 đường Lê Chân, phường Lê Chân, thành phố Hải Phòng",
    phone="0225 3 123 456",
    lookup_url="https://dichvucong.haiphong.gov.vn/tra-cuu?ma={code}",
)
AN = Applicant(name="Nguyễn Văn An", address="Số 5 Trần Nguyên Hãn", phone="0912 345 678")


def _dossier(
    code: str,
    at: object,
    *,
    applicant: Applicant = AN,
    numbering: DossierNumbering | None = None,
) -> tuple[Dossier, object]:
    procedure = Catalog.builtin().get(code)
    dossier = Dossier.receive(
        procedure,
        accepted_at=at,  # type: ignore[arg-type]
        channel=procedure.channels[0].channel,
        applicant=applicant,
        calendar=WorkingCalendar.vietnam(),
        by="Lê Thị Hoa",
        numbering=numbering or DossierNumbering("000.00.20.H12"),
    )
    return dossier, procedure


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGENERATE or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; see tests/golden/README"


def test_receipt_for_a_birth_registration() -> None:
    d, p = _dossier("1.001193", vn(2025, 5, 6, 14, 40))
    receipt = Receipt.from_dossier(d, procedure=p, office=LE_CHAN, number="01/TN")  # type: ignore[arg-type]
    assert receipt.dossier_code == "000.00.20.H12-250506-0001"
    assert receipt.received_at == vn(2025, 5, 6, 14, 40)
    assert receipt.appointment == vn(2025, 5, 6, 17)
    assert receipt.issued_at == vn(2025, 5, 6, 14, 40)
    assert [d.present_only for d in receipt.documents] == [False, False, True]
    assert (receipt.fee, receipt.fee_rule) == (0, None)
    text = render_text(receipt)
    assert "Hải Phòng, ngày 06 tháng 5 năm 2025\n" in text  # the date line
    assert "Thời gian nhận hồ sơ: 14 giờ 40 phút, ngày 06 tháng 5 năm 2025\n" in text
    assert "kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 06 tháng 5 năm 2025\n" in text
    assert "Phí, lệ phí: 0 đồng (Không đồng)\n" in text
    assert receipt.lookup_url == (
        "https://dichvucong.haiphong.gov.vn/tra-cuu?ma=000.00.20.H12-250506-0001"
    )
    _golden("01-receipt.txt", render_text(receipt))
    _golden("01-receipt.html", render_html(receipt))
    assert "<svg" in render_html(receipt)  # the QR code


def test_receipt_names_the_case_of_a_1013831_land_transfer() -> None:
    p = Catalog.builtin().get("1.013831")
    d = Dossier.receive(
        p,
        accepted_at=vn(2026, 3, 2, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="Trần Thị B"),
        calendar=WorkingCalendar.vietnam(),
        by="cb",
        code="000.00.20.H12-260302-0003",
        case="nd101-24-2bc",
    )
    receipt = Receipt.from_dossier(d, procedure=p, office=LE_CHAN)
    assert receipt.time_limit == "20 ngày làm việc"
    assert receipt.appointment == vn(2026, 3, 30, 9)
    text = render_text(receipt)
    assert "Thời gian giải quyết hồ sơ theo quy định: 20 ngày làm việc\n" in text
    assert "hồ sơ: 09 giờ 00 phút, ngày 30 tháng 3 năm 2026\n" in text
    assert "Trường hợp: Trường hợp quy định tại điểm b và điểm c khoản 2 Điều 24" in text
    assert "Trường hợp:" in render_html(receipt)
    _golden("01-receipt-case.txt", text)


def test_receipt_of_a_dossier_due_in_2027_says_the_appointment_is_an_estimate() -> None:
    p = Catalog.builtin().get("1.013831")
    calendar = WorkingCalendar.vietnam(estimates=EstimatePolicy.ALLOW)
    d = Dossier.receive(
        p,
        accepted_at=vn(2026, 12, 21, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="Lê Văn C"),
        calendar=calendar,
        by="cb",
        code="000.00.20.H12-261221-0001",
        case="nd101-24-2bc",
    )
    receipt = Receipt.from_dossier(d, procedure=p, office=LE_CHAN)
    assert receipt.appointment.year == 2027
    assert receipt.appointment_note is not None
    assert "Ngày hẹn là dự kiến: lịch nghỉ Tết và các ngày nghỉ năm 2027 chưa" in (
        receipt.appointment_note
    )
    _golden("01-receipt-estimated.txt", render_text(receipt))
    # An appointment in an announced year carries no caveat.
    announced, _ = _dossier("1.001193", vn(2025, 5, 6, 14, 40))
    plain = Receipt.from_dossier(
        announced, procedure=Catalog.builtin().get("1.001193"), office=LE_CHAN
    )
    assert plain.appointment_note is None


def test_a_reprinted_receipt_shows_the_appointment_issued_at_the_desk() -> None:
    # 1.004873 received Monday 02/03/2026 09:00: appointment Thursday 05/03 09:00.
    d, p = _dossier("1.004873", vn(2026, 3, 2, 9, 0))
    issued = Receipt.from_dossier(d, procedure=p, office=LE_CHAN)  # type: ignore[arg-type]
    assert issued.appointment == vn(2026, 3, 5, 9)
    d.start_processing(at=vn(2026, 3, 2, 10), by="tp")
    d.request_supplement(at=vn(2026, 3, 3, 9), by="tp", reason="Thiếu giấy tờ", items=["Tờ khai"])
    d.supplement_received(at=vn(2026, 3, 4, 9), by="tp")  # the due time moves a day
    d.extend(at=vn(2026, 3, 6, 8), by="tp", reason="Cần xác minh", new_due_at=vn(2026, 3, 10, 16))
    assert d.due_at == vn(2026, 3, 10, 16)
    reprinted = Receipt.from_dossier(d, procedure=p, office=LE_CHAN)  # type: ignore[arg-type]
    assert reprinted.appointment == issued.appointment
    assert reprinted.issued_at == issued.issued_at
    assert render_text(reprinted) == render_text(issued)
    # The later changes are on their own slips.
    letter = ApologyLetter.from_dossier(d, office=LE_CHAN)
    assert letter.original_appointment == vn(2026, 3, 6, 9)
    assert letter.new_appointment == vn(2026, 3, 10, 16)
    assert "Hẹn trả ban đầu: 09 giờ 00 phút, ngày 06 tháng 3 năm 2026\n" in render_text(letter)


def test_a_reprint_keeps_the_estimate_note_of_the_appointment_issued() -> None:
    d, p = _dossier("1.004873", vn(2026, 12, 1, 9))  # due 04/12/2026: announced
    issued = Receipt.from_dossier(d, procedure=p, office=LE_CHAN)  # type: ignore[arg-type]
    assert issued.appointment_note is None
    d.start_processing(at=vn(2026, 12, 1, 10), by="tp")
    d.extend(at=vn(2026, 12, 3, 9), by="tp", reason="Xác minh", new_due_at=vn(2027, 1, 15, 9))
    reprinted = Receipt.from_dossier(d, procedure=p, office=LE_CHAN)  # type: ignore[arg-type]
    assert render_text(reprinted) == render_text(issued)


def test_the_receipt_says_when_the_time_started_and_on_what_agreement() -> None:
    cal = WorkingCalendar.vietnam()
    catalog = Catalog.builtin()
    post = Dossier.receive(
        catalog.get("2.000908"),
        accepted_at=vn(2026, 3, 10, 9),
        channel=Channel.POST,
        applicant=AN,
        calendar=cal,
        by="Lê Thị Hoa",
        recorded_at=vn(2026, 3, 9, 10),
    )
    receipt = Receipt.from_dossier(post, procedure=catalog.get("2.000908"), office=LE_CHAN)
    assert (receipt.counted_from, receipt.channel) == (vn(2026, 3, 9, 10), Channel.POST)
    assert (
        "Thời hạn được tính từ: 10 giờ 00 phút, ngày 09 tháng 3 năm 2026 (thời điểm nhận đủ "
        "hồ sơ hợp lệ theo dấu bưu điện đến)\n"
    ) in render_text(receipt)
    agreed = Dossier.receive(
        catalog.get("2.000815"),
        accepted_at=vn(2026, 3, 2, 10),
        channel=Channel.COUNTER,
        applicant=AN,
        calendar=cal,
        by="Lê Thị Hoa",
        extended=True,
        agreed_due_at=vn(2026, 3, 6, 10),
        agreement="Văn bản thỏa thuận số 12/TT ngày 02/03/2026",
    )
    slip = Receipt.from_dossier(agreed, procedure=catalog.get("2.000815"), office=LE_CHAN)
    assert slip.appointment == vn(2026, 3, 6, 10)
    text = render_text(slip)
    assert "Thời gian trả kết quả theo thỏa thuận: Văn bản thỏa thuận số 12/TT" in text
    assert "Thời hạn được tính từ" not in text
    assert "theo thỏa thuận: Văn bản thỏa thuận số 12/TT" in render_html(slip)


def test_receipt_fees() -> None:
    d, p = _dossier("2.000815", vn(2026, 3, 2, 9, 0))
    with_pages = Receipt.from_dossier(d, procedure=p, office=LE_CHAN, pages=100)  # type: ignore[arg-type]
    assert (with_pages.fee, with_pages.fee_rule) == (102_000, None)
    assert "Phí, lệ phí: 102.000 đồng (Một trăm linh hai nghìn đồng)\n" in render_text(with_pages)
    without = Receipt.from_dossier(d, procedure=p, office=LE_CHAN)  # type: ignore[arg-type]
    assert without.fee is None
    assert without.fee_rule is not None
    assert without.fee_rule.startswith("2.000 đồng/trang")
    assert f"Phí, lệ phí: {without.fee_rule}\n" in render_text(without)
    d2, p2 = _dossier("1.004873", vn(2026, 3, 2, 9, 0))
    provincial = Receipt.from_dossier(d2, procedure=p2, office=LE_CHAN)  # type: ignore[arg-type]
    assert provincial.fee is None
    assert provincial.fee_rule == "Theo mức do Hội đồng nhân dân cấp tỉnh quy định"


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (200_000, "Hai trăm nghìn đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (24_000, "Hai mươi tư nghìn đồng"),
        (105_000, "Một trăm linh năm nghìn đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (0, "Không đồng"),
    ],
    ids=str,
)
def test_amounts_in_words(amount: int, words: str) -> None:
    assert vn_amount_in_words(amount) == words


def test_the_slips_of_one_dossiers_life() -> None:
    d, _ = _dossier("1.004873", vn(2026, 3, 3, 9, 0))
    with pytest.raises(SlipStateError, match="form 02 needs a supplement request") as wrong:
        SupplementRequest.from_dossier(d, office=LE_CHAN)
    assert (wrong.value.form, wrong.value.code, wrong.value.status) == ("02", d.code, "received")
    assert isinstance(wrong.value, SlipError)
    assert isinstance(wrong.value, DossierError)  # where slip errors were filed before
    with pytest.raises(SlipError, match=r"form 04 needs an extension \(Dossier.extend\)"):
        ApologyLetter.from_dossier(d, office=LE_CHAN)
    d.start_processing(at=vn(2026, 3, 3, 10), by="Phạm Văn Bình")
    d.request_supplement(
        at=vn(2026, 3, 4, 9),
        by="Phạm Văn Bình",
        reason="Tờ khai chưa có chữ ký",
        items=["Tờ khai có chữ ký người yêu cầu", "Bản sao CCCD"],
    )
    supplement = SupplementRequest.from_dossier(d, office=LE_CHAN, number="02/BS")
    assert supplement.items == ("Tờ khai có chữ ký người yêu cầu", "Bản sao CCCD")
    _golden("02-supplement.txt", render_text(supplement))
    _golden("02-supplement.html", render_html(supplement))
    d.supplement_received(at=vn(2026, 3, 9, 14), by="Lê Thị Hoa")
    d.extend(
        at=vn(2026, 3, 10, 16),
        by="Chủ tịch UBND phường",
        reason="Cần xác minh nơi cư trú cũ",
        new_due_at=vn(2026, 3, 13, 16),
    )
    apology = ApologyLetter.from_dossier(d, office=LE_CHAN, number="04/XL")
    assert apology.original_appointment == vn(2026, 3, 11, 14)
    assert apology.new_appointment == vn(2026, 3, 13, 16)
    _golden("04-apology.txt", render_text(apology))
    _golden("04-apology.html", render_html(apology))
    with pytest.raises(SlipError, match="form 03 needs a refused dossier"):
        Refusal.from_dossier(d, office=LE_CHAN)
    with pytest.raises(SlipError, match="form 05 needs a stopped dossier"):
        StopNotice.from_dossier(d, office=LE_CHAN)


def test_refusal_at_reception_and_stop() -> None:
    procedure = Catalog.builtin().get("1.001193")
    online = Dossier.submit(
        procedure,
        submitted_at=vn(2026, 3, 7, 21),
        channel=Channel.ONLINE,
        applicant=AN,
        calendar=WorkingCalendar.vietnam(),
        by="dvcqg",
        numbering=DossierNumbering("000.00.20.H12"),
    )
    with pytest.raises(SlipError, match="form 01 needs an accepted dossier"):
        Receipt.from_dossier(online, procedure=procedure, office=LE_CHAN)
    online.refuse(at=vn(2026, 3, 9, 8, 30), by="Lê Thị Hoa", reason="Không thuộc thẩm quyền")
    refusal = Refusal.from_dossier(online, office=LE_CHAN, number="03/TC")
    assert refusal.stage == "tiếp nhận"
    _golden("03-refusal.txt", render_text(refusal))
    _golden("03-refusal.html", render_html(refusal))
    stopped, _ = _dossier("1.004873", vn(2026, 3, 2, 9))
    stopped.stop(at=vn(2026, 3, 3, 9), by="Chủ tịch UBND phường", reason="Có tranh chấp")
    notice = StopNotice.from_dossier(stopped, office=LE_CHAN, number="05/DG")
    assert notice.stage == "Được tiếp nhận"
    _golden("05-stop.txt", render_text(notice))
    _golden("05-stop.html", render_html(notice))


def test_control_sheet_and_register() -> None:
    numbering = DossierNumbering("000.00.20.H12")
    d, _ = _dossier("2.002621", vn(2026, 3, 2, 8, 0), numbering=numbering)
    d.start_processing(at=vn(2026, 3, 2, 11), by="Tư pháp")
    d.hand_over(at=vn(2026, 3, 3, 9), by="Công an phường", to="BHXH thành phố")
    sheet = ControlSheet.from_dossier(d, office=LE_CHAN, at=vn(2026, 3, 3, 10))
    assert sheet.paper == "A4"
    assert [r.result for r in sheet.rows] == ["Đúng hạn", "Quá hạn", ""]
    assert sheet.rows[0].receiver == "Công an cấp xã"  # the next step's agency
    assert sheet.rows[1].receiver == "BHXH thành phố"
    _golden("06-control-sheet.txt", render_text(sheet))
    _golden("06-control-sheet.html", render_html(sheet))
    other, _ = _dossier("1.004873", vn(2026, 3, 2, 9), numbering=numbering)
    register = Register.from_dossiers([d, other], office=LE_CHAN, at=vn(2026, 3, 3, 10))
    assert [r.index for r in register.rows] == [1, 2]
    assert register.rows[1].note == "Trong hạn"
    assert register.rows[1].dossier_code == "000.00.20.H12-260302-0002"
    _golden("07-register.txt", render_text(register))
    _golden("07-register.html", render_html(register))


def test_every_user_field_is_escaped() -> None:
    hacker = Applicant(name="<script>alert(1)</script>", address='"><img src=x onerror=1>')
    d, p = _dossier("1.001193", vn(2026, 3, 2, 9), applicant=hacker)
    html = render_html(Receipt.from_dossier(d, procedure=p, office=LE_CHAN))  # type: ignore[arg-type]
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_text_is_nfc() -> None:
    decomposed = Applicant(name=unicodedata.normalize("NFD", "Nguyễn Thị Ánh"))
    d, p = _dossier("1.001193", vn(2026, 3, 2, 9), applicant=decomposed)
    text = render_text(Receipt.from_dossier(d, procedure=p, office=LE_CHAN))  # type: ignore[arg-type]
    assert "Nguyễn Thị Ánh" in text
    assert unicodedata.is_normalized("NFC", text)


def test_an_integrator_can_override_a_template(tmp_path: Path) -> None:
    (tmp_path / "receipt.txt.j2").write_text("Mã: {{ slip.dossier_code }}\n", encoding="utf-8")
    d, p = _dossier("1.001193", vn(2026, 3, 2, 9))
    receipt = Receipt.from_dossier(d, procedure=p, office=LE_CHAN)  # type: ignore[arg-type]
    assert render_text(receipt, template_dir=tmp_path) == "Mã: 000.00.20.H12-260302-0001\n"
    assert "GIẤY TIẾP NHẬN" in render_html(receipt, template_dir=tmp_path)  # others unchanged
    # The environment is kept between calls, yet an edited template is read again.
    template = tmp_path / "receipt.txt.j2"
    template.write_text("Hồ sơ {{ slip.dossier_code }}\n", encoding="utf-8")
    os.utime(template, (template.stat().st_atime, template.stat().st_mtime + 5))
    assert render_text(receipt, template_dir=tmp_path) == "Hồ sơ 000.00.20.H12-260302-0001\n"


# -- what a review found ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (10**12, "một nghìn tỷ"),
        (2 * 10**15, "hai triệu tỷ"),
        (1_000_001_000_000, "một nghìn tỷ không trăm linh một triệu"),
        (1_000_000_005, "một tỷ không trăm linh năm"),
        (12_345_678, "mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám"),
    ],
    ids=str,
)
def test_large_amounts_keep_their_ty(n: int, words: str) -> None:
    assert vn_number_words(n) == words


def test_slips_show_hanoi_time_whatever_zone_the_dossier_used() -> None:
    d, p = _dossier("1.004873", datetime(2026, 3, 3, 1, 30, tzinfo=UTC))  # 08:30 on the 3rd
    receipt = Receipt.from_dossier(d, procedure=p, office=LE_CHAN)  # type: ignore[arg-type]
    assert receipt.received_at == datetime(2026, 3, 3, 1, 30, tzinfo=UTC)  # the moment as given
    text = render_text(receipt)
    assert "Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 03 tháng 3 năm 2026\n" in text
    assert "Hải Phòng, ngày 03 tháng 3 năm 2026\n" in text  # not the 2nd, UTC's date
    assert 'class="date">Hải Phòng, ngày 03 tháng 3 năm 2026<' in render_html(receipt)
    assert receipt.dossier_code.endswith("-260303-0001")  # the code's day agrees


def test_supplement_items_are_kept_whole() -> None:
    d, _ = _dossier("1.004873", vn(2026, 3, 2, 9))
    d.start_processing(at=vn(2026, 3, 2, 10), by="x")
    items = ["Giấy tờ A; bản sao có chứng thực", "Giấy tờ B"]
    d.request_supplement(at=vn(2026, 3, 2, 11), by="x", reason="r", items=items)
    assert SupplementRequest.from_dossier(d, office=LE_CHAN).items == tuple(items)


def test_the_receipt_lists_what_was_handed_in() -> None:
    d, p = _dossier("1.013831", vn(2026, 3, 2, 9))
    handed = [ReceiptDocument(name=f"Giấy tờ số {i}", originals=1, copies=1) for i in range(10)]
    receipt = Receipt.from_dossier(d, procedure=p, office=LE_CHAN, documents=handed)  # type: ignore[arg-type]
    assert len(receipt.documents) == 10
    assert receipt.fee_rule == "Theo mức do Hội đồng nhân dân cấp tỉnh quy định"  # no internal note
    assert 'class="compact"' in render_html(receipt)


def test_every_form_escapes_every_field() -> None:
    evil = '<script>x</script>"&'
    office = LE_CHAN.model_copy(update={"unit": evil, "name": evil, "address": evil})
    d, p = _dossier("2.002621", vn(2026, 3, 2, 8), applicant=Applicant(name=evil, address=evil))
    d.start_processing(at=vn(2026, 3, 2, 9), by=evil)
    d.request_supplement(at=vn(2026, 3, 2, 10), by=evil, reason=evil, items=[evil])
    d.supplement_received(at=vn(2026, 3, 2, 11), by=evil)
    d.extend(at=vn(2026, 3, 2, 12), by=evil, reason=evil, new_due_at=vn(2026, 3, 9, 16))
    slips = [
        Receipt.from_dossier(d, procedure=p, office=office),  # type: ignore[arg-type]
        SupplementRequest.from_dossier(d, office=office),
        ApologyLetter.from_dossier(d, office=office),
        ControlSheet.from_dossier(d, office=office, at=vn(2026, 3, 3)),
        Register.from_dossiers([d], office=office, at=vn(2026, 3, 3)),
    ]
    d.stop(at=vn(2026, 3, 3, 9), by=evil, reason=evil)
    slips.append(StopNotice.from_dossier(d, office=office))
    for slip in slips:
        html = render_html(slip)
        assert "<script>x" not in html, slip.form
        assert "&lt;script&gt;x&lt;/script&gt;" in html, slip.form


def test_a_control_sheet_needs_an_accepted_dossier() -> None:
    procedure = Catalog.builtin().get("1.001193")
    online = Dossier.submit(
        procedure,
        submitted_at=vn(2026, 3, 7, 21),
        channel=Channel.ONLINE,
        applicant=AN,
        calendar=WorkingCalendar.vietnam(),
        by="dvcqg",
    )
    with pytest.raises(SlipError, match="form 06 needs an accepted dossier"):
        ControlSheet.from_dossier(online, office=LE_CHAN, at=vn(2026, 3, 9))


def test_every_form_is_a_slip_and_render_says_what_it_needs() -> None:
    forms = (Receipt, SupplementRequest, Refusal, ApologyLetter, StopNotice, ControlSheet, Register)
    assert [f.model_fields["form"].default for f in forms] == [
        "01",
        "02",
        "03",
        "04",
        "05",
        "06",
        "07",
    ]
    assert all(issubclass(f, Slip) for f in forms)
    assert get_type_hints(render_html)["slip"] is Slip  # the public base, not a private type
    assert get_type_hints(render_text)["slip"] is Slip
    with pytest.raises(ArgumentTypeError, match="slip must be a slip"):
        render_html("01-receipt")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="slip must be a slip"):
        render_text(LE_CHAN)  # type: ignore[arg-type]
    bare = Slip(form="00", title="?", office=LE_CHAN, issued_at=vn(2026, 3, 2))
    with pytest.raises(ArgumentTypeError, match="slip must be a slip"):
        render_html(bare)  # the base alone is no form


def test_slips_hold_moments_and_amounts_and_the_templates_write_them() -> None:
    d, p = _dossier("2.000815", datetime(2026, 2, 3, 9, 5, tzinfo=UTC))  # 16:05 in Hà Nội
    receipt = Receipt.from_dossier(d, procedure=p, office=LE_CHAN, pages=3)  # type: ignore[arg-type]
    assert receipt.received_at == datetime(2026, 2, 3, 9, 5, tzinfo=UTC)
    assert receipt.fee == 5_000  # 2.000 đồng for each of the first two pages, 1.000 after
    text = render_text(receipt)
    assert "Hải Phòng, ngày 03 tháng 02 năm 2026\n" in text  # months 1 and 2 keep their zero
    assert "Thời gian nhận hồ sơ: 16 giờ 05 phút, ngày 03 tháng 02 năm 2026\n" in text
    assert "Phí, lệ phí: 5.000 đồng (Năm nghìn đồng)\n" in text
    register = Register.from_dossiers([d], office=LE_CHAN, at=vn(2026, 2, 4))
    (row,) = register.rows
    assert (row.received_at, row.returned_at) == (receipt.received_at, None)
    assert "| nhận 16:05 03/02/2026 | hẹn " in render_text(register)
    assert "| trả - |" in render_text(register)
