"""20,000 sync records audited (``motcua.audit``), beside just parsing them with ``json``.

Run with ``make bench``. The export: 1.004873 dossiers received over 2025–2026, each
processed and decided, one record in ten with a planted bug (a UTC time labelled +07:00,
a forbidden status sequence, an unreadable time, an unknown procedure). The issue's
reference: a hand-written audit of such an export took 7.5–14.6 s and explained nothing.
"""

from __future__ import annotations

import json
import random
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from motcua import Applicant, Catalog, Channel, Dossier, WorkingCalendar
from motcua.audit import audit_lines
from motcua.sync import write_record

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkingCalendar.vietnam()
PROCEDURE = Catalog.builtin().get("1.004873")
N = 20_000


def export() -> list[str]:
    rng = random.Random(11)
    lines = []
    for i in range(N):
        at = datetime(2025, 3, 3, 8, tzinfo=VN) + timedelta(
            days=rng.randrange(600), minutes=rng.randrange(540)
        )
        at = CAL.next_office_time(at)  # the counter receives in office hours
        d = Dossier.receive(
            PROCEDURE,
            accepted_at=at,
            channel=Channel.COUNTER,
            applicant=Applicant(name="A"),
            calendar=CAL,
            by="cb",
            code=f"000.00.20.H12-{at:%y%m%d}-{i:05d}",
        )
        d.start_processing(at=at + timedelta(minutes=30), by="cb")
        d.mark_result_ready(at=at + timedelta(hours=2), by="cb")
        record = write_record(d)
        if i % 10 == 3:
            record["TrangThaiHoSo"] = 10
            record["QuaTrinhXuLy"] = [
                record["QuaTrinhXuLy"][0],
                {"TrangThai": 10, "ThoiDiemXuLy": record["NgayTiepNhan"]},
            ]
        elif i % 10 == 7:
            record["NgayTiepNhan"] = "2026-03-02 09:00"
        elif i % 10 == 9:
            record["MaTTHC"] = "9.999999"
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


def main() -> None:
    lines = export()
    started = time.perf_counter()
    for line in lines:
        json.loads(line)
    parse = time.perf_counter() - started
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        found = list(audit_lines(lines))
        best = min(best, time.perf_counter() - started)
    print("| 20,000 sync records | seconds |")
    print("|---|---:|")
    print(f"| `json.loads` of each line, nothing checked | {parse:.2f} |")
    print(f"| `motcua.audit.audit_lines` ({len(found):,} findings) | {best:.2f} |")


if __name__ == "__main__":
    main()
