"""A fortnight around a real swapped holiday, and an appointment for a real case.

Run with ``make demo`` (or ``python examples/calendar_week.py``). Everything printed is
computed by motcua from its sourced calendar; nothing is typed in by hand but the inputs.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from motcua import ProcessingTime, WorkingCalendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def show_fortnight(cal: WorkingCalendar, first: date, days: int) -> None:
    print("Lịch làm việc quanh Tết Dương lịch 2026 / Working days around New Year 2026")
    print()
    for offset in range(days):
        d = first + timedelta(days=offset)
        info = cal.day(d)
        mark = "LÀM VIỆC / working" if info.is_working else "NGHỈ / off"
        why = ""
        if info.name and info.kind.value != "weekend":
            why = f" - {info.name} / {info.name_en}"
        print(f"  {WEEKDAYS[d.weekday()]:9} {d:%d/%m/%Y}  {mark:19}{why}".rstrip())
        if info.kind.value in ("swapped", "makeup_workday"):
            print(f"  {'':20} căn cứ / basis: {info.source.cite()}")
    print()


def show_appointment(cal: WorkingCalendar) -> None:
    # Thủ tục cấp Giấy xác nhận tình trạng hôn nhân (1.004873): 03 ngày làm việc.
    accepted = datetime(2025, 12, 31, 15, 40, tzinfo=VN)
    deadline = cal.due_at(accepted, ProcessingTime.working_days(3))
    print("Giấy hẹn: xác nhận tình trạng hôn nhân (mã 1.004873), nộp lúc 15:40 ngày 31/12/2025")
    print("Appointment: marriage-status confirmation (code 1.004873), filed 15:40 on 31/12/2025")
    print()
    print(deadline.describe())
    print()
    print(deadline.describe(lang="en"))
    print()


def show_same_day_before_tet(cal: WorkingCalendar) -> None:
    # Chứng thực bản sao từ bản chính (2.000815): trong ngày, nhận sau 15 giờ thì hôm sau.
    accepted = datetime(2026, 2, 13, 15, 30, tzinfo=VN)
    deadline = cal.due_at(accepted, ProcessingTime.same_day())
    print("Chứng thực bản sao nộp 15:30 thứ Sáu 13/02/2026, ngay trước kỳ nghỉ Tết Bính Ngọ:")
    print("A certified copy requested at 15:30 on Friday 13/02/2026, just before Tết:")
    print(f"  hẹn trả / due: {deadline} ({deadline.at:%A %d/%m/%Y %H:%M})")
    print(f"  {len(deadline.explain())} ngày không tính / days not counted")


def main() -> None:
    cal = WorkingCalendar.vietnam()
    show_fortnight(cal, date(2025, 12, 29), 14)
    show_appointment(cal)
    show_same_day_before_tet(cal)


if __name__ == "__main__":
    main()
