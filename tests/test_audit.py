"""motcua audit on a synthetic export with planted bugs: each kind found, with the reason."""

from __future__ import annotations

import json
import random
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from helpers import vn
from motcua import Applicant, Catalog, Channel, ClockPolicy, Dossier, WorkingCalendar
from motcua.audit import FindingKind, audit, audit_csv, audit_lines, summary
from motcua.cli import cli
from motcua.errors import ArgumentTypeError
from motcua.sync import format_time, write_record

CAL = WorkingCalendar.vietnam()
PROCEDURE = Catalog.builtin().get("1.004873")  # 3 working days


def clean(rng: random.Random, n: int) -> dict[str, Any]:
    """A correct record: received on a random day of 2025-2026, processed, returned."""
    at = vn(2025, 3, 3, 8) + timedelta(days=rng.randrange(600), minutes=rng.randrange(540))
    at = CAL.next_office_time(at)  # the counter receives in office hours
    dossier = Dossier.receive(
        PROCEDURE,
        accepted_at=at,
        channel=Channel.COUNTER,
        applicant=Applicant(name="A"),
        calendar=CAL,
        by="cb",
        code=f"000.00.20.H12-{at:%y%m%d}-{n:04d}",
    )
    dossier.start_processing(at=at + timedelta(minutes=30), by="cb")
    dossier.mark_result_ready(at=at + timedelta(hours=2), by="cb")
    return write_record(dossier)


def export(seed: int = 11, n: int = 400) -> tuple[list[dict[str, Any]], dict[int, FindingKind]]:
    """*n* records, one in ten with a planted bug; the line of each plant and its kind."""
    rng = random.Random(seed)
    records, planted = [], {}
    for i in range(n):
        record = clean(rng, i)
        kind = None
        if i % 10 == 3:  # a UTC time labelled +07:00
            due = record["NgayHenTra"]
            shifted = vn(
                int(due[:4]), int(due[4:6]), int(due[6:8]), int(due[8:10]), int(due[10:12])
            ) - timedelta(hours=7)
            record["NgayHenTra"] = format_time(shifted)
            kind = FindingKind.DUE_AT_DIFFERS
        elif i % 10 == 5:  # a status sequence the chart forbids: received → returned
            record["TrangThaiHoSo"] = 10
            record["QuaTrinhXuLy"] = [
                record["QuaTrinhXuLy"][0],
                {**record["QuaTrinhXuLy"][0], "TrangThai": 10},
            ]
            kind = FindingKind.ILLEGAL_TRANSITION
        elif i % 10 == 7:
            record["NgayTiepNhan"] = "2026-03-02 09:00"
            kind = FindingKind.MALFORMED
        elif i % 10 == 9:
            record["MaTTHC"] = "9.999999"
            kind = FindingKind.UNKNOWN_PROCEDURE
        records.append(record)
        if kind is not None:
            planted[i + 1] = kind
    return records, planted


def test_each_planted_bug_is_found_and_nothing_else() -> None:
    records, planted = export()
    found = list(audit(records))
    assert {f.line: f.kind for f in found} == planted
    utc = next(f for f in found if f.kind is FindingKind.DUE_AT_DIFFERS)
    assert "UTC time labelled as Hà Nội time" in utc.why
    illegal = next(f for f in found if f.kind is FindingKind.ILLEGAL_TRANSITION)
    assert illegal.theirs == "received → returned"
    malformed = next(f for f in found if f.kind is FindingKind.MALFORMED)
    assert malformed.field == "NgayTiepNhan"


def test_a_day_off_the_other_system_ignored_is_named_with_its_document() -> None:
    dossier = Dossier.receive(
        PROCEDURE,
        accepted_at=vn(2025, 12, 31, 15, 40),
        channel=Channel.COUNTER,
        applicant=Applicant(name="B"),
        calendar=CAL,
        by="cb",
        code="000.00.20.H12-251231-0001",
    )
    record = write_record(dossier)
    record["NgayHenTra"] = "20260105154000"  # counted 2/1/2026 as a working day
    (finding,) = audit([record])
    assert finding.kind is FindingKind.DUE_AT_DIFFERS
    assert finding.ours == "20260107154000"
    assert "02/01/2026" in finding.why
    assert "12729/VPCP-KGVX" in finding.why


def test_a_late_dossier_judged_on_time_by_the_record() -> None:
    dossier = Dossier.receive(
        PROCEDURE,
        accepted_at=vn(2026, 3, 2, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="C"),
        calendar=CAL,
        by="cb",
        code="000.00.20.H12-260302-0009",
    )
    dossier.start_processing(at=vn(2026, 3, 2, 10), by="cb")
    dossier.mark_result_ready(at=vn(2026, 3, 6, 10), by="cb")  # a day after the due time
    record = write_record(dossier)
    record["NgayHenTra"] = "20260306170000"  # the other system judged it on time
    kinds = {f.kind for f in audit([record])}
    assert kinds == {FindingKind.DUE_AT_DIFFERS, FindingKind.TIMELINESS_DIFFERS}


def test_the_command_writes_findings_only_and_says_which_hours_it_used(tmp_path: Path) -> None:
    records, planted = export(n=60)
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\nnot json\n")
    result = CliRunner().invoke(cli, ["audit", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sum(data["totals"].values()) == len(planted) + 1  # + the line that is not JSON
    assert "national office hours" in result.stderr
    csv_text = CliRunner().invoke(cli, ["audit", str(path), "--format", "csv"]).stdout
    assert csv_text.splitlines()[0] == "line,code,kind,field,theirs,ours,why"
    html = CliRunner().invoke(cli, ["audit", str(path), "--format", "html"]).stdout
    assert "findings</h1>" in html


def test_csv_cells_cannot_start_a_formula() -> None:
    text = summary(audit([{"MaHoSo": "=HYPERLINK(1)"}]), form="csv")
    assert "'=HYPERLINK(1)" in text


def test_twenty_thousand_records_in_a_few_seconds() -> None:
    records, _ = export(n=500)
    lines = [json.dumps(r) for r in records] * 40  # 20,000
    started = time.perf_counter()
    found = list(audit_lines(lines))
    seconds = time.perf_counter() - started
    assert len(found) == 200 * 40  # four plants in ten
    print(f"audited 20,000 records in {seconds:.2f} s")  # benchmarks/README.md has the figure


def _record(**change: object) -> dict[str, Any]:
    base: dict[str, Any] = {
        "MaHoSo": "000.00.20.H12-251231-0001",
        "MaTTHC": "1.004873",
        "TrangThaiHoSo": 2,
        "KenhThucHien": 1,
        "NgayTiepNhan": "20251231154000",
        "NgayHenTra": "20260107154000",
    }
    return {**base, **change}


def test_odd_records_are_findings_never_a_crash() -> None:
    odd = [
        _record(NgayHenTra="99991231235959"),  # beyond the calendar
        _record(NgayHenTra="19900101000000"),  # before reception
        _record(TrangThaiHoSo=10**5000),
        _record(TrangThaiHoSo="9" * 5000),
        _record(MaHoSo=10**5000),
        _record(KenhThucHien=2, MaTTHC="1.009122"),  # counter only
        _record(
            TrangThaiHoSo=10, QuaTrinhXuLy=[{"TrangThai": 1, "ThoiDiemXuLy": "20251231154000"}]
        ),
        _record(QuaTrinhXuLy={}),
    ]
    found = list(audit(odd))
    kinds = [f.kind for f in found]
    assert [f.line for f in found] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert kinds[0] is FindingKind.DUE_AT_DIFFERS
    assert "outside the calendar" in found[0].why
    assert "before the dossier was received" in found[1].why
    assert kinds[2:5] == [FindingKind.MALFORMED] * 3
    assert kinds[5] is FindingKind.CHANNEL_NOT_OFFERED
    assert kinds[6] is FindingKind.STATUS_DIFFERS
    assert kinds[7] is FindingKind.MALFORMED


def test_lines_are_numbered_as_in_the_file_and_parse_errors_say_so() -> None:
    lines = [
        "",
        json.dumps(_record()),
        "  ",
        "\n",
        json.dumps(_record(MaTTHC="9.9")),
        "not json",
        b"\xef\xbb\xbf" + json.dumps(_record()).encode(),
        5,
    ]
    found = list(audit_lines(lines))  # type: ignore[arg-type]
    assert [(f.line, f.kind) for f in found] == [
        (5, FindingKind.UNKNOWN_PROCEDURE),
        (6, FindingKind.MALFORMED),
        (8, FindingKind.MALFORMED),
    ]
    assert found[1].why.startswith("not JSON")


def test_a_refused_record_reads_every_code_9_as_the_refusal() -> None:
    history = [
        {"TrangThai": s, "ThoiDiemXuLy": t}
        for s, t in (
            (2, "20251231154000"),
            (4, "20260102100000"),
            (9, "20260105100000"),
            (9, "20260105110000"),
        )
    ]
    record = _record(
        TrangThaiHoSo=9,
        LyDoTuChoi="Không đủ điều kiện",
        QuaTrinhXuLy=history,
        NgayKetThucXuLy="20260105110000",
    )
    assert [f.kind for f in audit([record])] == []


def test_csv_cells_are_safe_after_control_characters() -> None:
    for name in ("\r=cmd|' /C calc'!A0", " =1+1", "\x00@SUM(1)", "\v=1"):
        text = summary(audit([{"MaHoSo": name}]), form="csv")
        row = text.splitlines()[1]
        assert ",'" in row or row.startswith("1,'"), row


def _paused() -> Dossier:
    dossier = Dossier.receive(
        PROCEDURE,
        accepted_at=vn(2026, 3, 2, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="E"),
        calendar=CAL,
        by="cb",
        code="000.00.20.H12-260302-0011",
    )
    dossier.start_processing(at=vn(2026, 3, 2, 10), by="cb")
    dossier.request_supplement(at=vn(2026, 3, 3, 9), by="cb", reason="Thiếu", items=["Tờ"])
    dossier.supplement_received(at=vn(2026, 3, 9, 9), by="cb")
    return dossier


def test_a_paused_dossier_is_counted_with_its_pause() -> None:
    dossier = _paused()
    assert list(audit([write_record(dossier)])) == []  # the pause moved the due time


def test_a_system_that_restarts_the_limit_after_a_supplement_is_named() -> None:
    dossier = _paused()
    record = write_record(dossier)
    record["NgayHenTra"] = format_time(
        CAL.due_at(vn(2026, 3, 9, 9), PROCEDURE.channels[0].time_limit).at
    )
    (finding,) = audit([record])
    assert finding.kind is FindingKind.POLICY_DIFFERS
    assert finding.ours == format_time(dossier.legal_due_at)  # type: ignore[arg-type]
    assert "restarts the whole limit" in finding.why


def _waited_for_payment() -> Dossier:
    dossier = Dossier.receive(
        PROCEDURE,
        accepted_at=vn(2026, 3, 2, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="F"),
        calendar=CAL,
        by="cb",
        code="000.00.20.H12-260302-0012",
    )
    dossier.start_processing(at=vn(2026, 3, 2, 10), by="cb")
    dossier.request_payment(at=vn(2026, 3, 3, 9), by="cb", reason="Lệ phí")
    dossier.payment_received(at=vn(2026, 3, 9, 9), by="cb")
    return dossier


def test_a_system_that_counts_the_payment_wait_is_named() -> None:
    dossier = _waited_for_payment()
    assert dossier.legal_due_at == vn(2026, 3, 11, 9)  # Tue 3 → Mon 9 paused
    record = write_record(dossier)
    record["NgayHenTra"] = "20260305090000"  # the appointment made at reception, unmoved
    (finding,) = audit([record])
    assert finding.kind is FindingKind.POLICY_DIFFERS
    assert finding.ours == "20260311090000"
    assert "counts the wait for the applicant's payment" in finding.why
    assert "ClockPolicy defaults" in finding.why
    # A centre whose policy counts the wait: the same record is clean, motcua's is not.
    counted = ClockPolicy(payment_wait_counts=True)
    assert list(audit([record], policy=counted)) == []
    (other,) = audit([write_record(dossier)], policy=counted)
    assert other.ours == "20260305090000"
    assert "stops the clock during the payment wait" in other.why


def test_a_system_that_adds_the_paused_calendar_days_is_named() -> None:
    dossier = Dossier.receive(
        PROCEDURE,
        accepted_at=vn(2026, 3, 5, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="G"),
        calendar=CAL,
        by="cb",
        code="000.00.20.H12-260305-0013",
    )
    dossier.start_processing(at=vn(2026, 3, 5, 10), by="cb")
    dossier.request_supplement(at=vn(2026, 3, 6, 9), by="cb", reason="Thiếu", items=["Tờ"])
    dossier.supplement_received(at=vn(2026, 3, 9, 9), by="cb")  # Fri → Mon: 1 working day
    assert dossier.legal_due_at == vn(2026, 3, 11, 9)
    record = write_record(dossier)
    record["NgayHenTra"] = "20260313090000"  # Tue 10/3 + 3 calendar days
    (finding,) = audit([record])
    assert (finding.kind, finding.ours) == (FindingKind.POLICY_DIFFERS, "20260311090000")
    assert "adds the 3 calendar days of the wait" in finding.why
    assert "20260310090000" in finding.why


def test_a_restart_policy_passed_to_the_audit_is_used() -> None:
    dossier = _paused()
    restarting = ClockPolicy(restart_on_supplement=True)
    (finding,) = audit([write_record(dossier)], policy=restarting)
    assert finding.kind is FindingKind.POLICY_DIFFERS
    assert "resumes with the time already used" in finding.why


def test_the_audit_refuses_a_policy_that_is_not_one() -> None:
    with pytest.raises(ArgumentTypeError, match="policy"):
        audit([], policy={"payment_wait_counts": True})  # type: ignore[arg-type]


def test_a_csv_export_with_its_own_column_names(tmp_path: Path) -> None:
    header = "ma_ho_so,ma_tthc,trang_thai,kenh,ngay_tiep_nhan,ngay_hen_tra,ghi_chu"
    rows = [
        "000.00.20.H12-251231-0001,1.004873,2,1,20251231154000,20260107154000,",
        "000.00.20.H12-251231-0002,1.004873,2,1,20251231154000,20260105154000,bỏ qua 2/1",
        "000.00.20.H12-251231-0003,1.004873,2,1,2025-12-31,20260107154000,",
    ]
    columns = {
        "ma_ho_so": "MaHoSo",
        "ma_tthc": "MaTTHC",
        "trang_thai": "TrangThaiHoSo",
        "kenh": "KenhThucHien",
        "ngay_tiep_nhan": "NgayTiepNhan",
        "ngay_hen_tra": "NgayHenTra",
    }
    text = "\n".join([header, *rows]) + "\n"
    found = list(audit_csv(text, columns=columns))
    assert [(f.line, f.kind, f.field) for f in found] == [
        (3, FindingKind.DUE_AT_DIFFERS, "NgayHenTra"),
        (4, FindingKind.MALFORMED, "NgayTiepNhan"),
    ]
    assert "12729/VPCP-KGVX" in found[0].why
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    mapping = tmp_path / "columns.json"
    mapping.write_text(json.dumps(columns), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["audit", str(path), "--columns", str(mapping), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["totals"] == {"due_at_differs": 1, "malformed": 1}


def test_the_command_warns_when_records_follow_another_clock_policy(tmp_path: Path) -> None:
    record = write_record(_waited_for_payment())
    record["NgayHenTra"] = "20260305090000"
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    warned = CliRunner().invoke(cli, ["audit", str(path), "--format", "json"])
    assert json.loads(warned.stdout)["totals"] == {"policy_differs": 1}
    assert "1 record(s) follow another one" in warned.stderr
    assert "--payment-wait-counts" in warned.stderr
    chosen = CliRunner().invoke(cli, ["audit", str(path), "--payment-wait-counts"])
    assert chosen.exit_code == 0, chosen.output
    assert chosen.stdout.splitlines() == ["line,code,kind,field,theirs,ours,why"]  # clean
    assert "another one" not in chosen.stderr


def _received(at: Any, code: str = "1.004873") -> dict[str, Any]:
    return {
        "MaHoSo": "000.00.20.H12-260302-0020",
        "MaTTHC": code,
        "TrangThaiHoSo": 2,
        "KenhThucHien": 1,
        "NgayTiepNhan": format_time(at),
    }


def test_a_due_time_at_the_next_session_start_is_the_session_boundary() -> None:
    # Received Monday 13:00; 3 working days end Thursday 12:00 on motcua's rule.
    record = {**_received(vn(2026, 3, 2, 13)), "NgayHenTra": "20260305130000"}
    (finding,) = audit([record])
    assert finding.ours == "20260305120000"
    assert "session boundary" in finding.why


def test_counting_from_the_next_working_day_is_named_as_a_cut_off() -> None:
    record = {**_received(vn(2026, 3, 2, 9, 30)), "NgayHenTra": "20260306080000"}
    (finding,) = audit([record])
    assert finding.ours == "20260305093000"
    assert "counts from the next working day (20260303080000)" in finding.why
    assert "the limit has no cut-off" in finding.why


def test_a_calendar_day_period_ending_on_a_day_off_is_the_civil_code_roll() -> None:
    calendar_days = next(
        p for p in Catalog.builtin() if p.channels[0].time_limit.unit.value == "calendar_days"
    )
    limit = calendar_days.channels[0].time_limit
    start = vn(2026, 3, 2, 9)
    last = start + timedelta(days=limit.amount)
    while CAL.is_working_day(last.date()):  # move the start until the last day is a day off
        start, last = start + timedelta(days=1), last + timedelta(days=1)
    while not CAL.is_working_day(start.date()):
        start, last = start + timedelta(days=1), last + timedelta(days=1)
    record = {
        **_received(start, calendar_days.code),
        "KenhThucHien": calendar_days.channels[0].channel.code,
        "NgayHenTra": format_time(last.replace(hour=17)),
    }
    (finding,) = audit([record])
    assert "Điều 148" in finding.why
    assert f"{last:%d/%m/%Y}, a day off" in finding.why
