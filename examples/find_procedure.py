"""Find a procedure from what a citizen typed, and tell them what to bring and when.

Run with ``python examples/find_procedure.py`` (``make demo`` runs it too).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from motcua import Catalog, Channel, WorkingCalendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def main(query: str = "xác nhận tĩnh trạng hôn nhân", pages: int = 0) -> None:
    catalog = Catalog.builtin()
    calendar = WorkingCalendar.vietnam()
    hits = catalog.search(query, limit=3)
    print(f"Tìm / search: {query!r}")
    for hit in hits:
        print(f"  {hit.score:.2f}  {hit.procedure.code}  {hit.procedure.name}")
    procedure = hits[0].procedure
    print()
    print(f"{procedure.name} ({procedure.code}) - {procedure.field}")
    print("Cần mang / what to bring:")
    for group in procedure.documents:
        if group.case:
            print(f"  Trường hợp: {group.case}")
        for doc in group.documents:
            if doc.present_only:
                amount = "xuất trình / show only"
            else:
                amount = f"{doc.originals} bản chính, {doc.copies} bản sao"
            print(f"  - {doc.name} [{amount}]")
    if procedure.provenance.is_assumed("documents"):
        print("  (danh sách giấy tờ là giả định, cần đối chiếu / the list is an assumption)")
    print()
    accepted = datetime(2026, 2, 12, 14, 30, tzinfo=VN)  # Thursday before Tết Bính Ngọ
    print(f"Nộp lúc / filed at {accepted:%H:%M %d/%m/%Y}:")
    for option in procedure.channels:
        deadline = calendar.due_at(accepted, option.time_limit)
        fee = option.fee.amount_for(pages=pages) if pages else option.fee.amount_for()
        fee_text = f"{fee:,} đồng".replace(",", ".") if fee is not None else option.fee.describe()
        assumed = (
            " (giả định)"
            if procedure.provenance.is_assumed(f"channels.{option.channel.value}.fee")
            else ""
        )
        print(
            f"  {option.channel.label:18} {option.time_limit}: hẹn trả {deadline}; "
            f"lệ phí {fee_text}{assumed}"
        )
    counter = calendar.due_at(accepted, procedure.time_limit_for(Channel.COUNTER))
    print()
    print(counter.describe())


if __name__ == "__main__":
    main()
