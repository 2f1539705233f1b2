"""One dossier's life at a commune centre, printed the way its history reads.

A marriage-status confirmation (1.004873) accepted on a Tuesday, paused for a missing
signature across a weekend, resumed, then late: the centre sends the apology letter and a
new date once, and the result is returned. Run with ``python examples/dossier_life.py``.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from motcua import Applicant, Catalog, Channel, Dossier, WorkingCalendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=VN)


def when(moment: datetime | None) -> str:
    return f"{moment:%H:%M %d/%m/%Y}" if moment else "-"


def main() -> None:
    calendar = WorkingCalendar.vietnam()
    procedure = Catalog.builtin().get("1.004873")
    d = Dossier.receive(
        procedure,
        accepted_at=at(3, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="Nguyễn Văn An", phone="0912 345 678"),
        calendar=calendar,
        by="Lê Thị Hoa (Bộ phận Một cửa)",
        code="000.00.20.H12-260303-0001",
    )
    print(f"Hồ sơ {d.code}: {d.procedure_name}")
    print(f"Người nộp: {d.applicant.name}; thời hạn: {d.limit}; hẹn trả: {when(d.due_at)}")
    print()
    d.start_processing(at=at(3, 10), by="Phạm Văn Bình (Tư pháp - Hộ tịch)")
    d.request_supplement(
        at=at(4, 9),
        by="Phạm Văn Bình (Tư pháp - Hộ tịch)",
        reason="Tờ khai chưa có chữ ký của người yêu cầu",
        items=["Tờ khai cấp Giấy xác nhận tình trạng hôn nhân có chữ ký"],
    )
    print(f"Thứ Hai 09/3, 08:00 — {d.status.label}: {d.remaining(at(9, 8))} (đồng hồ dừng)")
    d.supplement_received(at=at(9, 14), by="Lê Thị Hoa (Bộ phận Một cửa)")
    for event in d.due_events(at(10, 15)):
        print(f"Nhắc việc {event.kind.value} từ {when(event.fires_at)} (khóa {event.key})")
    d.extend(
        at=at(10, 16),
        by="Chủ tịch UBND phường",
        reason="Cần xác minh tình trạng hôn nhân tại nơi cư trú trước đây",
        new_due_at=at(13, 16),
    )
    d.check_overdue(at(11, 15))
    d.mark_result_ready(at=at(12, 10), by="Phạm Văn Bình (Tư pháp - Hộ tịch)")
    d.return_result(at=at(13, 9), by="Lê Thị Hoa (Bộ phận Một cửa)")
    print()
    print("Lịch sử hồ sơ:")
    for e in d.history:
        line = f"  {e.seq}. {when(e.at)}  {e.label}: {e.to_status.label}  ({e.by})"
        print(line)
        if e.reason:
            print(f"       lý do: {e.reason}")
        if e.new_due_at is not None:
            print(f"       hẹn mới: {when(e.new_due_at)}")
        if e.action == "mark_overdue":
            print(f"       quá hạn luật định ({when(e.clock.legal_due_at)})")
    print()
    print(f"Hạn theo luật: {when(d.legal_due_at)}; hẹn đã gia hạn: {when(d.due_at)}")
    print(f"Đánh giá: {d.timeliness(at(20, 8)).label} (gia hạn không làm hồ sơ trễ thành đúng hạn)")


if __name__ == "__main__":
    main()
