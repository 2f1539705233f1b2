"""The example scripts run and print what they promise."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from motcua.errors import MissingDependencyError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_calendar_week_demo(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES / "calendar_week.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "Thứ Sáu   02/01/2026  NGHỈ / off" in out
    assert "Thứ Bảy   10/01/2026  LÀM VIỆC / working" in out
    assert "Công văn 12729/VPCP-KGVX" in out
    assert "Hẹn trả kết quả: 15 giờ 40 phút, ngày 07 tháng 01 năm 2026" in out
    assert "Due: 15:40, 07/01/2026" in out
    assert "Time limit: 3 working days" in out
    assert "hẹn trả / due: 17 giờ 00 phút, ngày 23 tháng 02 năm 2026" in out


def test_find_procedure_example(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES / "find_procedure.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "1.004873  Thủ tục cấp Giấy xác nhận tình trạng hôn nhân" in out
    assert "Xuất trình giấy tờ tùy thân [xuất trình / show only]" in out
    assert "03 ngày làm việc: hẹn trả 14 giờ 30 phút, ngày 24 tháng 02 năm 2026" in out
    assert "danh sách giấy tờ là giả định" in out  # the documents are assumed, and it says so
    assert "Thứ Hai 16/02/2026: Tết Nguyên đán" in out


def test_dossier_life_example(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES / "dossier_life.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "hẹn trả: 09:00 06/03/2026" in out
    assert "Yêu cầu bổ sung giấy tờ: còn 2 ngày (đồng hồ dừng)" in out
    assert "Xin lỗi và gia hạn thời gian giải quyết: Đang xử lý" in out
    assert "hẹn mới: 16:00 13/03/2026" in out
    assert "Quá hạn giải quyết: Đang xử lý  (system)" in out
    assert "Hạn theo luật: 14:00 11/03/2026; hẹn đã gia hạn: 16:00 13/03/2026" in out
    assert "Đánh giá: Quá hạn" in out


def test_storing_dossiers_example(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES / "storing_dossiers.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "hẹn trả 09:00 13/04/2026" in out
    assert "07:30-11:30, 13:30-17:30" in out
    assert "worker A lưu: True" in out
    assert "worker B lưu: False" in out
    assert "next_check_at = None" in out
    assert "state.legal_due_at: lưu 2026-05-30T17:00:00+07:00, tính lại 2026-04-13T09:00:00" in out
    assert "Sai lịch (calendar)" in out
    assert "lập ngày 15/5: chờ bổ sung 1 (giống nhau)" in out
    assert "Ngày 30/4 hồ sơ ở trạng thái: Yêu cầu bổ sung giấy tờ" in out


def test_slips_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    module = runpy.run_path(str(EXAMPLES / "slips.py"))
    written = module["main"](tmp_path / "out")
    assert [p.name for p in written][:2] == ["01-receipt.txt", "01-receipt.html"]
    assert len(written) == 10
    receipt = (tmp_path / "out" / "01-receipt.txt").read_text(encoding="utf-8")
    assert "Mã hồ sơ: 000.00.20.H12-260303-0001" in receipt
    assert (
        "Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 05 phút, ngày 06 tháng 3 năm 2026"
        in receipt
    )
    apology = (tmp_path / "out" / "04-apology.txt").read_text(encoding="utf-8")
    assert "16 giờ 00 phút, ngày 13 tháng 3 năm 2026" in apology
    assert "10 files written to" in capsys.readouterr().out


def test_commune_day_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    module = runpy.run_path(str(EXAMPLES / "commune_day.py"))
    daily = module["main"](tmp_path / "out")
    out = capsys.readouterr().out
    total = daily.total
    # Sized like the reported day at Lê Chân: 2.825 visits, 1.766 new, 1.658 resolved,
    # written the Vietnamese way (a dot between thousands, a decimal comma).
    assert "Lượt công dân lấy số:    2.825" in out
    assert 1_600 <= total.received <= 1_900
    assert 1_500 <= total.resolved <= 1_800
    assert total.on_time_rate is not None
    assert total.on_time_rate > 0.95
    assert f"Hồ sơ tiếp nhận mới:    {total.received:>6,}".replace(",", ".") in out
    rate = f"{total.on_time_rate * 100:.1f}%".replace(".", ",")
    assert f"Tỷ lệ đúng hạn:         {rate:>7}" in out
    outcomes = (
        total.resolved
        + total.in_progress_within
        + total.in_progress_overdue
        + total.paused_supplement
        + total.paused_payment
        + total.stopped
        + total.withdrawn
    )
    assert outcomes == total.carried_over + total.received
    assert "B Hộ tịch, chứng thực" in out
    csv = (tmp_path / "out" / "le-chan-report.csv").read_text(encoding="utf-8")
    assert csv.splitlines()[0].startswith("group,")
    assert "Chứng thực" in csv
    assert (tmp_path / "out" / "le-chan-on-time.png").stat().st_size > 10_000
    assert "Đã ghi báo cáo CSV và biểu đồ vào" in out


def test_commune_day_without_the_plot_extra(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_matplotlib(*_: object) -> None:
        raise MissingDependencyError(feature="charts", package="matplotlib", extra="plot")

    module = runpy.run_path(str(EXAMPLES / "commune_day.py"))
    module["main"].__globals__["plot_on_time_by_field"] = no_matplotlib
    module["main"](tmp_path / "out")
    assert "cài motcua[plot] để vẽ biểu đồ" in capsys.readouterr().out
    assert (tmp_path / "out" / "le-chan-report.csv").exists()


def test_law_in_depth_example(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES / "law_in_depth.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "Nhận sau 15 giờ 00, tính từ ngày làm việc tiếp theo" in out
    assert "hẹn trả / due: 17:00 04/03/2026" in out  # 2.000815, two working days on top
    assert "hẹn trả / due: 10:00 30/03/2026" in out  # 1.013831, 20 working days
    assert "tính từ 10:00 09/03/2026 (dấu bưu điện)\n  hẹn trả / due: 17:00 09/03/2026" in out
    assert "hẹn trả / due: 10:00 06/03/2026" in out  # 2.000815, agreed in writing
    assert "03:00 Chủ nhật: at=2026-03-08T03:00:00+07:00 is outside" in out
    assert "tiếp nhận xong 17:10): tính từ 08:00 10/03/2026" in out
