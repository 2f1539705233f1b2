"""The slips of one dossier's life, written to out/ as text and printable HTML.

A marriage-status confirmation at the Lê Chân ward centre (Hải Phòng): receipt and
appointment, supplement request, apology and new date, control sheet, and the register.
Run with ``python examples/slips.py``; open ``out/01-receipt.html`` and print it (A5).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from motcua import (
    ApologyLetter,
    Applicant,
    Catalog,
    Channel,
    ControlSheet,
    Dossier,
    DossierNumbering,
    Office,
    Receipt,
    Register,
    SupplementRequest,
    WorkingCalendar,
    render_html,
    render_text,
)
from motcua.slips import Slip

VN = ZoneInfo("Asia/Ho_Chi_Minh")
LE_CHAN = Office(
    name="Ủy ban nhân dân phường Lê Chân",
    parent="Ủy ban nhân dân thành phố Hải Phòng",
    unit="Trung tâm Phục vụ hành chính công phường Lê Chân",
    place="Hải Phòng",
    address="Số 1 đường Lê Chân, phường Lê Chân, thành phố Hải Phòng",
    phone="0225 3 123 456",
    lookup_url="https://dichvucong.haiphong.gov.vn/tra-cuu?ma={code}",
)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=VN)


def main(out: Path = Path("out")) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    procedure = Catalog.builtin().get("1.004873")
    numbering = DossierNumbering("000.00.20.H12")
    d = Dossier.receive(
        procedure,
        accepted_at=at(3, 9, 5),
        channel=Channel.COUNTER,
        applicant=Applicant(
            name="Nguyễn Văn An", address="Số 5 Trần Nguyên Hãn, Lê Chân", phone="0912 345 678"
        ),
        calendar=WorkingCalendar.vietnam(),
        by="Lê Thị Hoa",
        numbering=numbering,
    )
    slips: dict[str, Slip] = {
        "01-receipt": Receipt.from_dossier(d, procedure=procedure, office=LE_CHAN, number="15/TN")
    }
    d.start_processing(at=at(3, 10), by="Phạm Văn Bình")
    d.request_supplement(
        at=at(4, 9),
        by="Phạm Văn Bình",
        reason="Tờ khai chưa có chữ ký của người yêu cầu",
        items=["Tờ khai cấp Giấy xác nhận tình trạng hôn nhân có chữ ký"],
    )
    slips["02-supplement"] = SupplementRequest.from_dossier(d, office=LE_CHAN, number="07/BS")
    d.supplement_received(at=at(9, 14), by="Lê Thị Hoa")
    d.extend(
        at=at(10, 16),
        by="Chủ tịch UBND phường",
        reason="cần xác minh nơi cư trú trước đây",
        new_due_at=at(13, 16),
    )
    slips["04-apology"] = ApologyLetter.from_dossier(d, office=LE_CHAN, number="02/XL")
    d.mark_result_ready(at=at(12, 10), by="Phạm Văn Bình")
    d.return_result(at=at(13, 9), by="Lê Thị Hoa")
    slips["06-control-sheet"] = ControlSheet.from_dossier(d, office=LE_CHAN, at=at(13, 9))
    slips["07-register"] = Register.from_dossiers([d], office=LE_CHAN, at=at(13, 17))
    written = []
    for name, slip in slips.items():
        for suffix, text in ((".txt", render_text(slip)), (".html", render_html(slip))):
            path = out / f"{name}{suffix}"
            path.write_text(text, encoding="utf-8")
            written.append(path)
    print(f"Hồ sơ {d.code}: {len(written)} files written to {out.resolve()}/")
    for path in written:
        print(f"  {path}")
    print()
    print(render_text(slips["01-receipt"]))
    return written


if __name__ == "__main__":
    main()
