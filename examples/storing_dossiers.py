"""Storing dossiers the way a portal does: save, reload on the next request, act, save again.

A centre on 07:30–11:30 / 13:30–17:30 receives a marriage-status confirmation (1.004873).
Two workers load the same row; the compare-and-swap on the stored version lets one win and
tells the other to reload. A tampered row is refused on load, and so is the centre's
dossier loaded on the national calendar. April's report reads the same on 30/4 and on 15/5.
Uses only the standard library's sqlite3. Run with ``python examples/storing_dossiers.py``.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from zoneinfo import ZoneInfo

from motcua import Applicant, Catalog, Channel, Dossier, OfficeHours, WorkingCalendar
from motcua.errors import StoredDossierError
from motcua.reports import Period, report

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CENTRE = WorkingCalendar.vietnam(office_hours=OfficeHours.parse("07:30-11:30, 13:30-17:30"))


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN)


def save(db: sqlite3.Connection, d: Dossier, *, loaded_version: int | None) -> bool:
    """Insert, or update only if nobody saved since we loaded (compare-and-swap)."""
    check = d.next_check_at.isoformat() if d.next_check_at else None
    if loaded_version is None:
        db.execute(
            "INSERT INTO dossiers VALUES (?, ?, ?, ?, ?)",
            (d.code, d.version, d.status.value, check, d.to_json()),
        )
        return True
    cursor = db.execute(
        "UPDATE dossiers SET version = ?, status = ?, next_check_at = ?, body = ? "
        "WHERE code = ? AND version = ?",
        (d.version, d.status.value, check, d.to_json(), d.code, loaded_version),
    )
    return cursor.rowcount == 1


def load(db: sqlite3.Connection, code: str) -> Dossier:
    (body,) = db.execute("SELECT body FROM dossiers WHERE code = ?", (code,)).fetchone()
    return Dossier.from_json(body, calendar=CENTRE)


def main() -> None:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE TABLE dossiers (code TEXT PRIMARY KEY, version INTEGER, status TEXT, "
        "next_check_at TEXT, body TEXT)"
    )
    d = Dossier.receive(
        Catalog.builtin().get("1.004873"),
        accepted_at=at(4, 8, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="Nguyễn Văn An"),
        calendar=CENTRE,
        by="cb.tiepnhan",
        code="000.00.20.H12-260408-0001",
    )
    save(db, d, loaded_version=None)
    print(f"Đã lưu {d.code}: v{d.version}, hẹn trả {d.due_at:%H:%M %d/%m/%Y}")
    print(f"  lịch: {d.counted_on}")

    a, b = load(db, d.code), load(db, d.code)  # two workers, one row
    a.start_processing(at=at(4, 8, 10), by="worker-a")
    b.withdraw(at=at(4, 8, 10, 5), by="worker-b", reason="Công dân xin rút")
    print(f"worker A lưu: {save(db, a, loaded_version=1)}")
    print(f"worker B lưu: {save(db, b, loaded_version=1)} (đã có người lưu trước: tải lại)")

    fresh = load(db, d.code)
    fresh.request_supplement(
        at=at(4, 10, 9), by="cb.tuphap", reason="Tờ khai thiếu chữ ký", items=["Tờ khai"]
    )
    save(db, fresh, loaded_version=2)
    print(f"Chờ bổ sung từ 10/4: next_check_at = {fresh.next_check_at} (đồng hồ dừng)")

    (body,) = db.execute("SELECT body FROM dossiers").fetchone()
    forged = json.loads(body)
    forged["state"]["legal_due_at"] = "2026-05-30T17:00:00+07:00"
    try:
        Dossier.from_dict(forged, calendar=CENTRE)
    except StoredDossierError as exc:
        print(f"Hồ sơ bị sửa: {exc.where}: lưu {exc.stored}, tính lại {exc.replayed}")
    try:
        Dossier.from_json(body, calendar=WorkingCalendar.vietnam())
    except StoredDossierError as exc:
        hours = CENTRE.identity.office_hours
        print(f"Sai lịch ({exc.where}): tính trên giờ {hours}, không mở bằng lịch 08:00-17:00")

    april = Period.month(2026, 4)
    on_30 = report([fresh.record()], april, at=at(4, 30, 17), group_by=None).total
    later = load(db, d.code)
    later.supplement_received(at=at(5, 5, 9), by="cb.tiepnhan")
    later.mark_result_ready(at=at(5, 6, 9), by="cb.tuphap")
    on_15_may = report([later.record()], april, at=at(5, 15, 9), group_by=None).total
    print(
        f"Báo cáo tháng 4 lập ngày 30/4: chờ bổ sung {on_30.paused_supplement}; "
        f"lập ngày 15/5: chờ bổ sung {on_15_may.paused_supplement} "
        f"({'giống nhau' if on_30 == on_15_may else 'KHÁC NHAU'})"
    )
    print(f"Ngày 30/4 hồ sơ ở trạng thái: {later.as_of(at(4, 30, 17)).status.label}")


if __name__ == "__main__":
    main()
