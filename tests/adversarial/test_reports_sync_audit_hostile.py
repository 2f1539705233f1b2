"""Hostile values at the reports, the sync records and the audit: a motcua error or an answer.

Issue 15 for three edges: every parameter of ``motcua.reports`` (report, periods, CSV,
satisfaction, the QĐ 766 components), ``motcua.sync`` (read, write, replay, codes, times)
and ``motcua.audit`` (records, JSON lines, CSV exports, the summary) is handed hostile
values; the answer is a motcua error that prints cheaply, or a correct answer, and the
inputs are unchanged. Each class of defect found has a regression test named after it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hostile import HOSTILE, HOSTILE_TEXT, assert_cheap_to_print, hostile_settings
from motcua import Applicant, Catalog, Channel, Dossier, WorkingCalendar
from motcua._text import csv_cell, csv_row
from motcua.audit import (
    DEFAULT_MAX_LINE_BYTES,
    Finding,
    FindingKind,
    audit,
    audit_csv,
    audit_lines,
    summary,
)
from motcua.errors import ArgumentTypeError, MotcuaError, ReportError
from motcua.reports import (
    Period,
    Rating,
    evaluate,
    plot_daily_intake,
    plot_on_time_by_field,
    qd766_components,
    report,
    satisfaction,
)
from motcua.sync import (
    SyncFields,
    channel_from_code,
    format_time,
    parse_time,
    read_record,
    replay,
    status_from_code,
    write_record,
)

pytestmark = pytest.mark.filterwarnings("ignore::motcua.errors.EstimatedScheduleWarning")

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkingCalendar.vietnam()
PROC = Catalog.builtin().get("1.004873")
AT = datetime(2026, 3, 2, 9, tzinfo=VN)
LATER = datetime(2026, 3, 20, 17, tzinfo=VN)
MARCH = Period.month(2026, 3)


def received(code: str = "000.00.20.H12-260302-0001", field: str | None = None) -> Dossier:
    return Dossier.receive(
        PROC,
        accepted_at=AT,
        channel=Channel.COUNTER,
        applicant=Applicant(name="Trần Thị Bình"),
        calendar=CAL,
        by="cb.tiepnhan",
        code=code,
    )


def snapshot(dossier: Dossier) -> tuple[int, str]:
    return dossier.version, dossier.to_json()


RECORD = write_record(received())


# -- regressions ----------------------------------------------------------------------------


@pytest.mark.parametrize("contacted", [True, False, 0, -3, 1.5, "2", None])
def test_evaluate_refuses_agencies_contacted_that_is_not_a_count(contacted: object) -> None:
    with pytest.raises((ArgumentTypeError, ReportError)) as caught:
        evaluate(received(), at=LATER, agencies_contacted=contacted)  # type: ignore[arg-type]
    assert "agencies_contacted" in str(caught.value)


@pytest.mark.parametrize(
    "call",
    [
        lambda: evaluate("x", at=LATER),  # type: ignore[arg-type]
        lambda: satisfaction(["x"], [], at=LATER),  # type: ignore[list-item]
        lambda: satisfaction([received()], ["x"], at=LATER),  # type: ignore[list-item]
        lambda: satisfaction(None, [], at=LATER),  # type: ignore[arg-type]
        lambda: qd766_components([1], [], at=LATER),  # type: ignore[list-item]
        lambda: qd766_components([], [None], at=LATER),  # type: ignore[list-item]
        lambda: qd766_components(5, [], at=LATER),  # type: ignore[arg-type]
        lambda: report([object()], MARCH, at=LATER),  # type: ignore[list-item]
        lambda: report(7, MARCH, at=LATER),  # type: ignore[arg-type]
    ],
    ids=[
        "evaluate-text",
        "satisfaction-text-dossier",
        "satisfaction-text-rating",
        "satisfaction-none",
        "qd766-int-dossier",
        "qd766-none-rating",
        "qd766-int",
        "report-object",
        "report-int",
    ],
)
def test_reports_refuse_items_of_the_wrong_type_naming_them(call: Callable[[], object]) -> None:
    with pytest.raises(ArgumentTypeError) as caught:
        call()
    assert_cheap_to_print(caught.value)


@pytest.mark.parametrize("moment", [None, "2026-03-20", datetime(2026, 3, 20)])  # noqa: DTZ001
def test_satisfaction_and_qd766_refuse_a_moment_that_is_not_aware(moment: object) -> None:
    with pytest.raises(MotcuaError, match="at"):
        satisfaction([received()], [], at=moment)  # type: ignore[arg-type]
    with pytest.raises(MotcuaError, match="at"):
        qd766_components([received()], [], at=moment)  # type: ignore[arg-type]


def test_a_report_of_the_last_day_python_has_is_refused_not_overflow() -> None:
    with pytest.raises(ReportError, match="9998"):
        report([], Period.day(date.max), at=LATER)
    with pytest.raises(ReportError, match="9998"):
        Period(date(2026, 1, 1), date.max)


def test_a_huge_grouping_is_shown_cut_in_the_message() -> None:
    with pytest.raises(ReportError) as caught:
        report([], MARCH, at=LATER, group_by="x" * 1_000_000)  # type: ignore[arg-type]
    assert len(str(caught.value)) < 400
    with pytest.raises(ReportError) as caught:
        satisfaction([], [], at=LATER, by="x" * 1_000_000)  # type: ignore[arg-type]
    assert len(str(caught.value)) < 400


def test_an_unhashable_grouping_is_a_report_error() -> None:
    with pytest.raises(ReportError):
        report([], MARCH, at=LATER, group_by=["field"])  # type: ignore[arg-type]


@pytest.mark.parametrize("fields", [None, "MaHoSo", {"code": "x"}, 3])
def test_sync_and_audit_refuse_fields_that_are_not_sync_fields(fields: object) -> None:
    for call in (
        lambda: read_record(RECORD, fields),  # type: ignore[arg-type]
        lambda: write_record(received(), fields),  # type: ignore[arg-type]
        lambda: replay(RECORD, calendar=CAL, fields=fields),  # type: ignore[arg-type]
        lambda: list(audit([RECORD], fields=fields)),  # type: ignore[arg-type]
    ):
        with pytest.raises(ArgumentTypeError, match="fields must be a SyncFields"):
            call()


def test_replay_and_audit_refuse_a_catalog_that_is_not_one() -> None:
    with pytest.raises(ArgumentTypeError, match="catalog"):
        replay(RECORD, calendar=CAL, catalog="builtin")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="catalog"):
        list(audit([RECORD], catalog="builtin"))  # type: ignore[arg-type]


def test_a_sync_record_of_a_field_name_that_is_not_text_is_refused() -> None:
    odd = SyncFields(code=["MaHoSo"])  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match=r"fields\.code"):
        read_record(RECORD, odd)


@pytest.mark.parametrize("where", [None, 3, ["x"], "x" * 100_000])
def test_codes_and_times_name_a_hostile_where_cheaply(where: object) -> None:
    for call in (
        lambda: status_from_code("x", where=where),  # type: ignore[arg-type]
        lambda: channel_from_code("x", where=where),  # type: ignore[arg-type]
        lambda: parse_time("x", where=where),  # type: ignore[arg-type]
    ):
        with pytest.raises(MotcuaError) as caught:
            call()
        assert len(str(caught.value)) < 1000
        assert_cheap_to_print(caught.value)


# -- imports: line length -------------------------------------------------------------------


def test_an_import_line_longer_than_the_limit_is_a_finding_not_a_parse() -> None:
    huge = b'{"MaHoSo": "' + b"x" * (DEFAULT_MAX_LINE_BYTES + 10) + b'"}'
    found = list(audit_lines([huge, json.dumps(RECORD)]))
    assert [f.line for f in found if f.kind is FindingKind.MALFORMED] == [1]
    assert f"{DEFAULT_MAX_LINE_BYTES:,} bytes" in found[0].why
    assert "max_line_bytes=" in found[0].why
    assert len(found[0].theirs) <= 200


def test_the_line_limit_is_configurable() -> None:
    line = json.dumps(RECORD)
    exact = list(audit_lines([line], max_line_bytes=len(line.encode())))
    assert not [f for f in exact if "longer than the limit" in f.why]
    found = list(audit_lines([line], max_line_bytes=10))
    assert found[0].kind is FindingKind.MALFORMED
    assert "limit of 10 bytes" in found[0].why


@pytest.mark.parametrize("limit", [0, -1, True, 1.5, "100", None])
def test_the_line_limit_must_be_a_count(limit: object) -> None:
    with pytest.raises(ArgumentTypeError, match="max_line_bytes"):
        list(audit_lines([], max_line_bytes=limit))  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="max_line_bytes"):
        list(audit_csv("MaHoSo\nx\n", max_line_bytes=limit))  # type: ignore[arg-type]


def test_a_csv_row_longer_than_the_line_limit_is_a_finding() -> None:
    found = list(audit_csv("MaHoSo,MaTTHC\n" + "a," + "b" * 5_000 + "\n", max_line_bytes=1_000))
    assert found[0].line == 2
    assert "limit of 1,000 bytes" in found[0].why


def test_a_csv_cell_longer_than_csv_s_own_limit_is_a_finding_not_a_csv_error() -> None:
    # csv's own field limit (131,072 characters) used to escape as _csv.Error.
    text = "MaHoSo,MaTTHC\n" + "a," + "b" * 200_000 + "\nc,1.004873\n"
    found = list(audit_csv(text))
    first = [f for f in found if f.line == 2]
    assert first
    assert first[0].kind is FindingKind.MALFORMED
    assert "limit of 131,072 characters" in first[0].why
    assert any(f.code == "c" for f in found)  # the next row is still read


def test_a_csv_export_with_nul_bytes_and_a_lone_quote_is_audited() -> None:
    found = list(audit_csv('MaHoSo,MaTTHC\n"x\x00,1\nb,"unterminated\n'))
    assert all(f.kind is FindingKind.MALFORMED for f in found)


@pytest.mark.parametrize("text", [None, b"MaHoSo\n", 3])
def test_audit_csv_refuses_what_is_not_text(text: object) -> None:
    with pytest.raises(ArgumentTypeError, match="text"):
        list(audit_csv(text))  # type: ignore[arg-type]


def test_audit_refuses_unknown_options() -> None:
    with pytest.raises(ArgumentTypeError, match="office_hour"):
        list(audit_lines([], office_hour="07:30-11:30"))


def test_audit_refuses_records_that_are_not_iterable() -> None:
    with pytest.raises(ArgumentTypeError, match="records"):
        list(audit(None))  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="lines"):
        list(audit_lines(5))  # type: ignore[arg-type]


# -- text that leaves: the audit's CSV and the report's CSV ---------------------------------


LOOK_ALIKES = ["＝1+1", "＋1", "－1", "＠SUM(A1)", "﹦1", "﹢1", "﹣1", "﹫x", "−1"]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_full_width_and_small_formula_look_alikes_are_neutralised(text: str) -> None:
    assert csv_cell(text) == "'" + text
    assert csv_cell("  " + text).startswith("'")


@given(st.lists(st.lists(HOSTILE_TEXT, max_size=5), max_size=5))
@hostile_settings(50)
def test_the_audit_csv_round_trips_through_csv_reader(rows: list[list[str]]) -> None:
    findings = [
        Finding(i, r[0] if r else "", FindingKind.MALFORMED, "f", "|".join(r), "", "why")
        for i, r in enumerate(rows, 1)
    ]
    text = summary(findings, form="csv")
    back = list(csv.reader(io.StringIO(text)))
    assert len(back) == len(findings) + 1
    for cells in back[1:]:
        assert not cells[1].lstrip(" ").startswith(("=", "+", "-", "@", "＝", "＋", "－", "＠"))


def test_the_audit_csv_neutralises_what_the_report_csv_does() -> None:
    hostile = '＝HYPERLINK("http://x")\r\n=1'
    found = [Finding(1, hostile, FindingKind.MALFORMED, "\t@x", hostile, "", "w")]
    (row,) = list(csv.DictReader(io.StringIO(summary(found, form="csv"))))
    assert row["code"] == csv_cell(hostile)
    assert row["field"] == csv_cell("\t@x")


def test_nfd_and_nfc_report_groups_are_one_csv_row() -> None:
    a = received("000.00.20.H12-260302-0001").record()
    b = received("000.00.20.H12-260302-0002").record()
    nfd = replace(b, field="Ho\u0302\u0323 ti\u0323ch")  # Hộ tịch, decomposed
    nfc = replace(a, field="Hộ tịch")
    rows = list(csv.reader(io.StringIO(report([nfd, nfc], MARCH, at=LATER).to_csv())))
    assert [r[0] for r in rows[1:]] == ["Hộ tịch", "Tổng cộng"]
    assert rows[1][2] == "2"  # received


@pytest.mark.parametrize("value", [True, False])
def test_a_bool_is_text_in_a_csv_cell_never_a_count(value: bool) -> None:
    assert csv_row([value]) == f"{value}\n"


# -- the sweep ------------------------------------------------------------------------------


def _rating() -> Rating:
    return Rating(dossier_code="000.00.20.H12-260302-0001", value=5, scale=5)


ENTRY_POINTS: dict[str, tuple[Callable[..., object], dict[str, Any]]] = {
    "Period": (Period, {"first": date(2026, 3, 1), "last": date(2026, 3, 31)}),
    "Period.day": (Period.day, {"d": date(2026, 3, 2)}),
    "Period.month": (Period.month, {"year": 2026, "month": 3}),
    "report": (
        report,
        {"dossiers": [received()], "period": MARCH, "at": LATER, "group_by": "field"},
    ),
    "evaluate": (evaluate, {"dossier": received(), "at": LATER, "agencies_contacted": 1}),
    "satisfaction": (
        satisfaction,
        {"dossiers": [received()], "ratings": [_rating()], "at": LATER, "by": "field"},
    ),
    "qd766_components": (
        qd766_components,
        {"dossiers": [received()], "ratings": [_rating()], "at": LATER},
    ),
    "status_from_code": (status_from_code, {"code": 2, "refused": False, "where": "s"}),
    "channel_from_code": (channel_from_code, {"code": 1, "where": "c"}),
    "parse_time": (parse_time, {"text": "20260102153000", "where": "t"}),
    "format_time": (format_time, {"moment": AT}),
    "read_record": (read_record, {"record": RECORD, "fields": SyncFields()}),
    "write_record": (write_record, {"dossier": received(), "fields": SyncFields()}),
    "replay": (
        replay,
        {
            "record": RECORD,
            "calendar": CAL,
            "catalog": None,
            "fields": SyncFields(),
            "policy": None,
        },
    ),
    "audit": (
        lambda **k: list(audit(**k)),
        {"records": [RECORD], "office_hours": None, "fields": SyncFields(), "policy": None},
    ),
    "audit_lines": (
        lambda **k: list(audit_lines(**k)),
        {"lines": [json.dumps(RECORD)], "office_hours": None, "max_line_bytes": 10_000},
    ),
    "audit_csv": (
        lambda **k: list(audit_csv(**k)),
        {"text": "MaHoSo,MaTTHC\nx,1.004873\n", "columns": None, "max_line_bytes": 10_000},
    ),
    "summary": (summary, {"findings": [], "form": "csv"}),
}

_TARGETS = [(name, parameter) for name, (_, kw) in ENTRY_POINTS.items() for parameter in kw]


@pytest.mark.parametrize(("name", "parameter"), _TARGETS, ids=[f"{n}-{p}" for n, p in _TARGETS])
@hostile_settings(6)
@given(value=HOSTILE)
def test_a_hostile_argument_gets_an_answer_or_a_motcua_error(
    name: str, parameter: str, value: object
) -> None:
    call, valid = ENTRY_POINTS[name]
    inputs = valid | {parameter: value}
    dossiers = [v for v in inputs.values() if isinstance(v, Dossier)]
    dossiers += [
        d for v in inputs.values() if isinstance(v, list) for d in v if isinstance(d, Dossier)
    ]
    before = [snapshot(d) for d in dossiers]
    record = json.dumps(RECORD)
    try:
        call(**inputs)
    except MotcuaError as exc:
        assert_cheap_to_print(exc)
    assert [snapshot(d) for d in dossiers] == before
    assert json.dumps(RECORD) == record


@pytest.mark.parametrize("name", list(ENTRY_POINTS))
def test_every_entry_point_answers_its_valid_arguments(name: str) -> None:
    call, valid = ENTRY_POINTS[name]
    call(**valid)


@given(record=st.dictionaries(st.sampled_from(sorted(RECORD)), HOSTILE, max_size=6))
@hostile_settings(40)
def test_a_hostile_sync_record_is_a_finding_or_a_sync_error(record: dict[str, Any]) -> None:
    whole = RECORD | record
    try:
        read_record(whole)
    except MotcuaError as exc:
        assert_cheap_to_print(exc)
    found = list(audit([whole]))
    for finding in found:
        assert len(finding.theirs) <= 200
    replay(whole, calendar=CAL) if _readable(whole) else None


def _readable(record: dict[str, Any]) -> bool:
    try:
        read_record(record)
    except MotcuaError:
        return False
    return True


def test_plots_refuse_a_path_that_is_not_one(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    with pytest.raises(ArgumentTypeError, match="path"):
        plot_daily_intake([], MARCH, None)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="report"):
        plot_on_time_by_field("x", tmp_path / "x.png")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="period"):
        plot_daily_intake([], "2026-03", tmp_path / "x.png")  # type: ignore[arg-type]
    with pytest.raises(ReportError, match="366"):
        plot_daily_intake([], Period(date(2000, 1, 1), date(2026, 1, 1)), tmp_path / "x.png")
    with pytest.raises(ArgumentTypeError, match="path"):
        plot_daily_intake([], MARCH, tmp_path / "x.unknown-format")
