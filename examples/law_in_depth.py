"""The law in depth: a cut-off on a working-day limit, an extension on top, a case.

Run: ``python examples/law_in_depth.py``. Three real procedures, each received at the desk:

* 2.002621 (liên thông khai sinh – thường trú – BHYT): 3 working days, after 15:00 counted
  from the next working day;
* 2.000815 (chứng thực bản sao), many pages: the same day, plus two working days on top;
* 1.013831 (sang tên), in the case of NĐ 101/2024 Art. 24(2)(b)(c): 20 working days.

Then when the clock starts and what the desk may not do:

* 2.000908 (cấp bản sao từ sổ gốc) by post counts from the postmark of arrival, not from
  when the desk opened the envelope;
* 2.000815 with a longer time agreed in writing;
* a counter dossier at 03:00 on a Sunday is refused; the last visitor served past 17:00
  is recorded as a late entry with its real time.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from motcua import Applicant, Catalog, Channel, Dossier, WorkingCalendar
from motcua.errors import ReceptionClosedError

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def main() -> None:
    calendar = WorkingCalendar.vietnam()
    catalog = Catalog.builtin()
    chain = catalog.get("2.002621")
    late = calendar.due_at(datetime(2026, 3, 2, 15, 30, tzinfo=VN), chain.channels[0].time_limit)
    print(f"2.002621, received Monday 02/03/2026 15:30:\n{late.describe()}\n")

    for code, options in (
        ("2.000815", {"extended": True}),
        ("1.013831", {"case": "nd101-24-2bc"}),
    ):
        dossier = Dossier.receive(
            catalog.get(code),
            accepted_at=datetime(2026, 3, 2, 10, tzinfo=VN),
            channel=Channel.COUNTER,
            applicant=Applicant(name="Nguyễn Văn A"),
            calendar=calendar,
            by="Cán bộ một cửa",
            **options,
        )
        assert dossier.legal_due_at is not None
        print(f"{code} ({dossier.case_name or 'kéo dài thêm'}): {dossier.limit}")
        print(f"  hẹn trả / due: {dossier.legal_due_at:%H:%M %d/%m/%Y}\n")

    def receive(code: str, at: datetime, channel: Channel, **options: object) -> Dossier:
        return Dossier.receive(
            catalog.get(code),
            accepted_at=at,
            channel=channel,
            applicant=Applicant(name="Nguyễn Văn A"),
            calendar=calendar,
            by="Cán bộ một cửa",
            **options,  # type: ignore[arg-type]
        )

    # Postmarked on arrival Monday 09/03 at 10:00, opened by the desk on Tuesday.
    post = receive(
        "2.000908",
        datetime(2026, 3, 10, 9, tzinfo=VN),
        Channel.POST,
        recorded_at=datetime(2026, 3, 9, 10, tzinfo=VN),
    )
    assert post.legal_due_at is not None
    print(f"2.000908 qua bưu chính: tính từ {post.clock_started_at:%H:%M %d/%m/%Y} (dấu bưu điện)")
    print(f"  hẹn trả / due: {post.legal_due_at:%H:%M %d/%m/%Y}\n")

    agreed = receive(
        "2.000815",
        datetime(2026, 3, 2, 10, tzinfo=VN),
        Channel.COUNTER,
        extended=True,
        agreed_due_at=datetime(2026, 3, 6, 10, tzinfo=VN),
        agreement="Văn bản thỏa thuận số 12/TT ngày 02/03/2026",
    )
    assert agreed.legal_due_at is not None
    print(f"2.000815 theo thỏa thuận ({agreed.agreement}):")
    print(f"  hẹn trả / due: {agreed.legal_due_at:%H:%M %d/%m/%Y}\n")

    try:
        receive("1.004873", datetime(2026, 3, 8, 3, tzinfo=VN), Channel.COUNTER)
    except ReceptionClosedError as refused:
        print(f"03:00 Chủ nhật: {refused.reason}\n")
    last = receive(
        "1.004873",
        datetime(2026, 3, 9, 17, 10, tzinfo=VN),
        Channel.COUNTER,
        late_entry="Gọi số lúc 16:55, tiếp nhận xong 17:10",
    )
    assert last.deadline is not None
    since = last.deadline.counted_from
    print(f"17:10 ({last.history[0].reason}): tính từ {since:%H:%M %d/%m/%Y}")


if __name__ == "__main__":
    main()
