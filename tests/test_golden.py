"""The shipped golden files are what this release computes (regenerate: python -m motcua.golden)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest

from motcua import EstimatePolicy, ProcessingTime, WorkingCalendar
from motcua.golden import FILES, calendar_days, due_cases, shipped

BUILD = {"calendar-days.csv": calendar_days, "due-cases.csv": due_cases}


@pytest.mark.parametrize("name", FILES)
def test_a_shipped_golden_file_is_current(name: str) -> None:
    assert shipped(name) == BUILD[name](), (
        f"motcua/golden/{name} is stale: run `python -m motcua.golden` and commit the files"
    )


def test_the_calendar_file_has_every_day_and_its_document() -> None:
    rows = list(csv.DictReader(io.StringIO(shipped("calendar-days.csv"))))
    cal = WorkingCalendar.vietnam()
    assert rows[0]["date"] == "2018-01-01"
    assert rows[-1]["date"] == cal.last_date.isoformat()
    assert len(rows) == (cal.last_date - date(2018, 1, 1)).days + 1
    swapped = next(r for r in rows if r["date"] == "2026-01-02")
    assert swapped == {
        "date": "2026-01-02",
        "working": "0",
        "kind": "swapped",
        "source": "12729/VPCP-KGVX",
        "certainty": "secondary",
        "estimated": "0",
        "schedule_version": cal.identity.schedule_version,
    }
    assert next(r for r in rows if r["date"] == "2030-01-01")["estimated"] == "1"


def test_each_due_case_is_motcuas_answer() -> None:
    rows = list(csv.DictReader(io.StringIO(shipped("due-cases.csv"))))
    assert len(rows) == 2_000
    assert len({r["limit"] for r in rows}) >= 10
    cal = WorkingCalendar.vietnam(estimates=EstimatePolicy.ALLOW)
    national = [r for r in rows if r["office_hours"] == "08:00-12:00, 13:00-17:00"]
    assert len(national) > 500
    for row in national[:200]:
        start = datetime.fromisoformat(row["start"])
        deadline = cal.due_at(start, ProcessingTime.parse(row["limit"]))
        assert deadline.at.isoformat() == row["due_at"], row
