"""The law in depth: a cut-off on a working-day limit, an extension on top, a case.

Run: ``python examples/law_in_depth.py``. Three real procedures, each received at the desk:

* 2.002621 (liên thông khai sinh – thường trú – BHYT): 3 working days, after 15:00 counted
  from the next working day;
* 2.000815 (chứng thực bản sao), many pages: the same day, plus two working days on top;
* 1.013831 (sang tên), in the case of NĐ 101/2024 Art. 24(2)(b)(c): 20 working days.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from motcua import Applicant, Catalog, Channel, Dossier, WorkingCalendar

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
            catalog.get(code), accepted_at=datetime(2026, 3, 2, 10, tzinfo=VN),
            channel=Channel.COUNTER, applicant=Applicant(name="Nguyễn Văn A"),
            calendar=calendar, by="Cán bộ một cửa", **options,
        )  # fmt: skip
        assert dossier.legal_due_at is not None
        print(f"{code} ({dossier.case_name or 'kéo dài thêm'}): {dossier.limit}")
        print(f"  hẹn trả / due: {dossier.legal_due_at:%H:%M %d/%m/%Y}\n")


if __name__ == "__main__":
    main()
