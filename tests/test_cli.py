"""The `motcua` command: answers, JSON, exit codes, and an .ics a real iCalendar library reads."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from motcua import WorkingCalendar
from motcua.cli import EXIT_CODES, cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_day_says_why_and_where_from() -> None:
    code, out, _ = run("day", "2026-01-02")
    assert code == 0
    assert out.startswith("Thứ Sáu 02/01/2026: nghỉ hoán đổi, làm bù Thứ Bảy 10/01/2026")
    assert "Công văn 12729/VPCP-KGVX" in out
    code, out, _ = run("day", "10/01/2026", "--json", "--lang", "en")
    data = json.loads(out)
    assert data["working"] is True
    assert data["kind"] == "makeup_workday"
    assert data["swapped_with"] == "2026-01-02"
    assert data["certainty"] == "secondary"
    assert data["schedule_version"] == WorkingCalendar.vietnam().identity.schedule_version


def test_due_gives_the_time_and_the_days_skipped() -> None:
    code, out, _ = run("due", "--start", "2025-12-31T15:40+07:00", "--limit", "3 working days")
    assert code == 0
    assert "Hẹn trả kết quả: 15 giờ 40 phút, ngày 07 tháng 01 năm 2026" in out
    code, out, _ = run(
        "due", "--start", "2025-12-31T15:40+07:00", "--limit", "3 ngày làm việc", "--json"
    )
    data = json.loads(out)
    assert data["due_at"] == "2026-01-07T15:40:00+07:00"
    assert [d["date"] for d in data["days_skipped"]] == [
        "2026-01-01",
        "2026-01-02",
        "2026-01-03",
        "2026-01-04",
    ]


def test_due_counts_on_the_centres_office_hours() -> None:
    code, out, _ = run(
        "due",
        "--start",
        "2026-03-02T16:00+07:00",
        "--limit",
        "2 working hours",
        "--office-hours",
        "07:30-11:30, 13:30-17:30",
        "--json",
    )
    assert code == 0, out
    assert json.loads(out)["due_at"] == "2026-03-03T08:00:00+07:00"


def test_due_skips_a_local_day_off_and_names_it() -> None:
    code, out, _ = run(
        "due",
        "--start",
        "2026-03-09T09:00+07:00",
        "--limit",
        "3 working days",
        "--day-off",
        "2026-03-10=Lễ hội truyền thống",
        "--json",
    )
    assert code == 0, out
    data = json.loads(out)
    assert data["due_at"] == "2026-03-13T09:00:00+07:00"  # not Thursday 12/3
    (skipped,) = data["days_skipped"]
    assert (skipped["date"], skipped["kind"], skipped["name"]) == (
        "2026-03-10",
        "local",
        "Lễ hội truyền thống",
    )
    assert skipped["certainty"] == "assumed"  # motcua has not read the local decision
    code, out, _ = run("calendar", "--from", "2026", "--to", "2026", "--day-off", "2026-03-10")
    assert any(d["date"] == "2026-03-10" for d in json.loads(out)["days"])


@pytest.mark.parametrize(
    ("args", "status", "said"),
    [
        (("day", "2026-03-10", "--day-off", "2026-13-10"), 3, "2026-03-10=Its name"),
        (("due", "--start", "2026-03-02T09:00", "--limit", "3 working days"), 3, "naive"),
        (("due", "--start", "tomorrow", "--limit", "3 working days"), 3, "ISO 8601"),
        (("due", "--start", "2026-03-02T09:00+07:00", "--limit", "soon"), 3, "cannot read"),
        (("day", "2017-05-01"), 3, "2018"),
        (("procedure", "9.999999"), 4, "no procedure with code '9.999999'"),
        (("calendar", "--from", "2027", "--to", "2025"), 3, "to must be a year from 2027"),
        (("calendar", "--from", "0", "--to", "1"), 3, "from year 0"),
        (("calendar", "--from", "2025", "--to", "99999"), 3, "to year 99999"),
        (("day",), 2, "Missing argument"),
    ],
)
def test_refusals_have_their_exit_code_and_say_why(
    args: tuple[str, ...], status: int, said: str
) -> None:
    code, out, err = run(*args)
    assert code == status
    assert said in out + err
    assert status in EXIT_CODES


def test_a_refusal_in_json_mode_is_json() -> None:
    code, out, _ = run("procedure", "9.999999", "--json")
    assert code == 4
    assert json.loads(out)["error"]["type"] == "ProcedureNotFoundError"


def test_search_and_procedure() -> None:
    code, out, _ = run("search", "xac nhan tinh trang hon nhan")
    assert code == 0
    assert out.splitlines()[0].startswith("1.004873  ")
    code, out, _ = run("procedure", "1.004873", "--json")
    data = json.loads(out)
    assert data["code"] == "1.004873"
    assert data["channels"]


def test_the_calendar_as_ics_reads_back_in_a_real_icalendar_library(tmp_path: Path) -> None:
    target = tmp_path / "lich.ics"
    code, _, _ = run(
        "calendar", "--from", "2025", "--to", "2027", "--format", "ics", "-o", str(target)
    )
    assert code == 0
    raw = target.read_bytes()
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded (RFC 5545 3.1)
    parsed = icalendar.Calendar.from_ical(raw)
    events = {e.decoded("DTSTART"): e for e in parsed.walk("VEVENT")}
    cal = WorkingCalendar.vietnam()
    expected = cal.special_days(date(2025, 1, 1), date(2027, 12, 31))
    assert sorted(events) == [d.date for d in expected]
    swapped = events[date(2026, 1, 2)]
    assert str(swapped["SUMMARY"]) == "Nghỉ hoán đổi dịp Tết Dương lịch"
    description = str(swapped["DESCRIPTION"])
    assert "Công văn 12729/VPCP-KGVX" in description
    assert "hoán đổi với 10/01/2026" in description
    assert "2027" in str(events[max(events)]["DTSTART"].to_ical())
    assert len({str(e["UID"]) for e in events.values()}) == len(events)


def test_the_calendar_as_csv_and_json_list_the_same_days() -> None:
    _, text, _ = run("calendar", "--from", "2026", "--to", "2026", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    _, as_json, _ = run("calendar", "--from", "2026", "--to", "2026", "--format", "json")
    days = json.loads(as_json)["days"]
    assert [r["date"] for r in rows] == [d["date"] for d in days]
    tet = next(r for r in rows if r["date"] == "2026-02-17")
    assert tet["kind"] == "holiday"
    assert tet["working"] == "False"
    assert "Thông báo 9441/TB-BNV" in tet["source"]  # the Tết 2026 notice


def test_python_dash_m_motcua_runs_the_same_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "motcua", "day", "2026-01-02", "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["kind"] == "swapped"
