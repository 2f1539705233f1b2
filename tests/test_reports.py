"""Reports: every column from hand-counted small cases."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import sys
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path

import pytest

from helpers import vn
from motcua import Applicant, Catalog, Channel, Dossier, DossierRecord, WorkingCalendar
from motcua.errors import (
    ArgumentTypeError,
    MissingDependencyError,
    NaiveDatetimeError,
    ReportError,
)
from motcua.reports import (
    COLUMNS,
    Period,
    ReportRow,
    plot_daily_intake,
    plot_on_time_by_field,
    report,
)

PERIOD = Period(date(2026, 3, 9), date(2026, 3, 13))  # one working week
AT = vn(2026, 3, 13, 17, 0)


def _d(code: str, at: object, channel: Channel = Channel.COUNTER, name: str = "x") -> Dossier:
    procedure = Catalog.builtin().get(code)
    return Dossier.receive(
        procedure,
        accepted_at=at,  # type: ignore[arg-type]
        channel=channel,
        applicant=Applicant(name=name),
        calendar=WorkingCalendar.vietnam(),
        by="tiepnhan",
        code=f"{code}-{name}",
    )


def _week() -> list[Dossier]:
    """Eleven dossiers whose fate is written beside each one."""
    ds = []
    # Carried over: accepted the week before, resolved on time this week (3 wd, due 10/3 09:00).
    a = _d("1.004873", vn(2026, 3, 5, 9), name="carried-resolved")
    a.start_processing(at=vn(2026, 3, 5, 10), by="tp")
    a.mark_result_ready(at=vn(2026, 3, 10, 8, 30), by="tp")
    ds.append(a)
    # Finished before the period: not counted at all.
    old = _d("2.000815", vn(2026, 3, 2, 9), name="old")
    old.start_processing(at=vn(2026, 3, 2, 10), by="tp")
    old.mark_result_ready(at=vn(2026, 3, 2, 11), by="tp")
    ds.append(old)
    # Carried over, still open and overdue at the end of the week (due 06/3).
    b = _d("1.004873", vn(2026, 3, 3, 9), name="carried-overdue")
    ds.append(b)
    # Received this week: early (due 12/3 09:00, done 11/3), on time, late.
    c = _d("1.004873", vn(2026, 3, 9, 9), channel=Channel.ONLINE, name="early")
    c.start_processing(at=vn(2026, 3, 9, 10), by="tp")
    c.mark_result_ready(at=vn(2026, 3, 11, 10), by="tp")
    ds.append(c)
    e = _d("2.000815", vn(2026, 3, 9, 9), name="on-time")  # same day, every step in time
    e.start_processing(at=vn(2026, 3, 9, 10), by="tp")  # reception (2 h) done
    e.hand_over(at=vn(2026, 3, 9, 13, 30), by="tp", to="Lãnh đạo UBND")  # appraisal (3 h)
    e.mark_result_ready(at=vn(2026, 3, 9, 15), by="ld")  # signing (2 h)
    ds.append(e)
    f = _d("2.000815", vn(2026, 3, 10, 9), channel=Channel.POST, name="late")
    f.start_processing(at=vn(2026, 3, 10, 10), by="tp")
    f.mark_result_ready(at=vn(2026, 3, 11, 9), by="tp")
    ds.append(f)
    # Open within limit, paused for a supplement, paused for payment.
    ds.append(_d("1.004873", vn(2026, 3, 13, 9), name="within"))
    g = _d("1.004873", vn(2026, 3, 12, 9), name="supplement")
    g.start_processing(at=vn(2026, 3, 12, 10), by="tp")
    g.request_supplement(at=vn(2026, 3, 12, 11), by="tp", reason="r", items=["a"])
    ds.append(g)
    h = _d("1.013831", vn(2026, 3, 9, 9), name="payment")
    h.start_processing(at=vn(2026, 3, 9, 10), by="vp")
    h.request_payment(at=vn(2026, 3, 10, 9), by="vp", reason="thuế")
    ds.append(h)
    # Closed this week: withdrawn, stopped; refused after appraisal (decided early: due 12/3).
    i = _d("1.004873", vn(2026, 3, 9, 9), name="withdrawn")
    i.withdraw(at=vn(2026, 3, 9, 10), by="tn", reason="xin rút")
    ds.append(i)
    j = _d("1.004873", vn(2026, 3, 9, 9), name="stopped")
    j.stop(at=vn(2026, 3, 10, 10), by="ct", reason="tranh chấp")
    ds.append(j)
    k = _d("1.004873", vn(2026, 3, 9, 9), name="refused")
    k.start_processing(at=vn(2026, 3, 9, 10), by="tp")
    k.refuse(at=vn(2026, 3, 10, 10), by="ct", reason="không đủ điều kiện")
    ds.append(k)
    return ds


def test_every_column_of_a_week() -> None:
    total = report(_week(), PERIOD, at=AT, group_by=None).total
    assert total.carried_over == 2
    assert (total.received_counter, total.received_online, total.received_post) == (7, 1, 1)
    assert total.received == 9
    # A refusal after appraisal is a decision: resolved (early here), and of which refused.
    assert (total.resolved_early, total.resolved_on_time, total.resolved_late) == (2, 2, 1)
    assert total.on_time_rate == 0.8
    assert (total.in_progress_within, total.in_progress_overdue) == (1, 1)
    assert (total.paused_supplement, total.paused_payment) == (1, 1)
    assert (total.stopped, total.withdrawn, total.refused) == (1, 1, 1)
    assert _outcomes(total) == total.carried_over + total.received  # every dossier, once


def _outcomes(row: ReportRow) -> int:
    return (
        row.resolved
        + row.in_progress_within
        + row.in_progress_overdue
        + row.paused_supplement
        + row.paused_payment
        + row.stopped
        + row.withdrawn
    )


def test_a_report_taken_later_counts_the_period_as_it_stood() -> None:
    """Finished, paused or stopped after the period: counted as open at its end."""
    done_later = _d("1.004873", vn(2026, 3, 12, 9), name="done-later")  # due 17/3 09:00
    done_later.start_processing(at=vn(2026, 3, 12, 10), by="tp")
    paused_later = _d("1.004873", vn(2026, 3, 4, 9), name="paused-later")  # due 09/3 09:00
    paused_later.start_processing(at=vn(2026, 3, 4, 10), by="tp")
    stopped_later = _d("1.004873", vn(2026, 3, 10, 9), name="stopped-later")  # due 13/3 09:00
    ds = [done_later, paused_later, stopped_later]
    at_end = report(ds, PERIOD, at=AT, group_by=None).total
    done_later.mark_result_ready(at=vn(2026, 3, 16, 10), by="tp")
    paused_later.request_supplement(at=vn(2026, 3, 16, 9), by="tp", reason="r", items=["a"])
    stopped_later.stop(at=vn(2026, 3, 17, 9), by="ct", reason="tranh chấp")
    taken_later = report(ds, PERIOD, at=vn(2026, 3, 20, 17), group_by=None).total
    assert taken_later == at_end
    assert (taken_later.carried_over, taken_later.received) == (1, 2)
    # Within: done-later. Overdue at 13/3 17:00: paused-later and stopped-later.
    assert (taken_later.in_progress_within, taken_later.in_progress_overdue) == (1, 2)
    assert _outcomes(taken_later) == 3
    records = [d.record() for d in ds]
    assert report(records, PERIOD, at=vn(2026, 3, 20, 17), group_by=None).total == at_end


def test_groups_only_finished_before_the_period_make_no_row() -> None:
    old = _d("2.000815", vn(2026, 3, 2, 9), name="old")
    old.start_processing(at=vn(2026, 3, 2, 10), by="tp")
    old.mark_result_ready(at=vn(2026, 3, 2, 11), by="tp")
    assert report([old], PERIOD, at=AT).rows == ()


def test_grouped_by_field_and_channel() -> None:
    by_field = report(_week(), PERIOD, at=AT, group_by="field")
    groups = {row.group: row for row in by_field.rows}
    assert set(groups) == {"Hộ tịch", "Chứng thực", "Đất đai"}
    assert groups["Chứng thực"].resolved_late == 1
    assert groups["Đất đai"].paused_payment == 1
    assert sum(r.received for r in by_field.rows) == by_field.total.received
    by_channel = report(_week(), PERIOD, at=AT, group_by="channel")
    assert [r.group for r in by_channel.rows] == ["counter", "online", "post"]


def test_records_and_dossiers_count_the_same() -> None:
    dossiers = _week()
    records = [d.record() for d in dossiers]
    assert report(records, PERIOD, at=AT).to_json() == report(dossiers, PERIOD, at=AT).to_json()


def test_exports_have_stable_columns() -> None:
    week = report(_week(), PERIOD, at=AT, group_by="field")
    rows = list(csv.DictReader(io.StringIO(week.to_csv())))
    assert tuple(rows[0]) == COLUMNS
    assert rows[-1]["group"] == "Tổng cộng"
    assert rows[-1]["on_time_rate"] == "0.8"
    data = json.loads(week.to_json())
    assert data["period"] == {"first": "2026-03-09", "last": "2026-03-13"}
    assert data["total"]["resolved"] == 5
    table = week.to_html()
    assert "<th>Tỷ lệ đúng hạn</th>" in table
    assert "<td>80,0%</td>" in table


def test_bad_input() -> None:
    with pytest.raises(ReportError, match="cannot group by 'officer'"):
        report([], PERIOD, at=AT, group_by="officer")  # type: ignore[arg-type]
    later = _d("1.004873", vn(2026, 3, 16, 9), name="next-week")
    with pytest.raises(ReportError, match="accepted on 16/03/2026, after the period"):
        report([later], PERIOD, at=AT)
    with pytest.raises(ReportError, match=r"ends .* before it starts"):
        Period(date(2026, 3, 13), date(2026, 3, 9))
    assert str(Period.month(2026, 2)) == "01/02/2026–28/02/2026"
    assert Period.day(date(2025, 7, 7)).first == Period.day(date(2025, 7, 7)).last
    record = _week()[0].record()
    with pytest.raises(NaiveDatetimeError, match="finished_at"):
        dataclasses.replace(record, finished_at=datetime(2026, 3, 10, 8, 30))  # noqa: DTZ001
    with pytest.raises(ArgumentTypeError, match=r"a Channel \(counter, online, post\)"):
        dataclasses.replace(record, channel="fax")  # type: ignore[arg-type]
    assert isinstance(record, DossierRecord)

    class NoOffset(tzinfo):  # a zone that knows no offset: naive, whatever its class says
        def utcoffset(self, dt: datetime | None) -> None:
            return None

        def dst(self, dt: datetime | None) -> None:
            return None

        def tzname(self, dt: datetime | None) -> str:
            return "?"

    with pytest.raises(NaiveDatetimeError, match="accepted_at"):
        dataclasses.replace(record, accepted_at=datetime(2026, 3, 2, 8, tzinfo=NoOffset()))
    with pytest.raises(ArgumentTypeError, match="changed_at must be a timezone-aware datetime"):
        dataclasses.replace(record, changed_at="2026-03-02T08:00+07:00")  # type: ignore[arg-type]
    in_utc = dataclasses.replace(record, finished_at=datetime(2026, 3, 10, 1, 30, tzinfo=UTC))
    assert in_utc.finished_at == vn(2026, 3, 10, 8, 30)


def test_charts_are_drawn(tmp_path: Path) -> None:
    week = _week()
    by_field = report(week, PERIOD, at=AT, group_by="field")
    chart = plot_on_time_by_field(by_field, tmp_path / "on-time.png")
    intake = plot_daily_intake(week, PERIOD, tmp_path / "intake.svg")
    assert chart.read_bytes().startswith(b"\x89PNG")
    assert "Trực tuyến" in intake.read_text(encoding="utf-8")


def test_charts_without_matplotlib_name_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingDependencyError, match=r"motcua\[plot\]"):
        plot_on_time_by_field(report([], PERIOD, at=AT), "x.png")
