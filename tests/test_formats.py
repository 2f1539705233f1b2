"""Numbers, percentages and money as their readers write them: Vietnamese and English."""

from __future__ import annotations

from datetime import date

import pytest

from helpers import vn
from motcua import (
    Applicant,
    Catalog,
    Channel,
    Dossier,
    ProcessingTime,
    WorkingCalendar,
    format_money,
    format_number,
    format_percent,
)
from motcua.audit import Finding, FindingKind, summary
from motcua.errors import ArgumentTypeError
from motcua.reports import Period, report


@pytest.mark.parametrize(
    ("call", "vi", "en"),
    [
        (lambda lang: format_number(2825, lang=lang), "2.825", "2,825"),
        (lambda lang: format_number(1_234_567, lang=lang), "1.234.567", "1,234,567"),
        (lambda lang: format_number(54.62, lang=lang, digits=1), "54,6", "54.6"),
        (lambda lang: format_number(-1500, lang=lang), "-1.500", "-1,500"),
        (lambda lang: format_percent(0.991, lang=lang), "99,1%", "99.1%"),
        (lambda lang: format_percent(0.95, lang=lang, digits=0), "95%", "95%"),
        (lambda lang: format_money(102_000, lang=lang), "102.000 đồng", "102,000 VND"),
        (lambda lang: format_number(-0.4, lang=lang), "0", "0"),
        (lambda lang: format_percent(-0.000_04, lang=lang), "0,0%", "0.0%"),
        (lambda lang: format_number(1_500.0, lang=lang), "1.500", "1,500"),
    ],
)
def test_vietnamese_and_english_conventions(call: object, vi: str, en: str) -> None:
    assert call("vi") == vi  # type: ignore[operator]
    assert call("en") == en  # type: ignore[operator]


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: format_number("2825"), "value"),  # type: ignore[arg-type]
        (lambda: format_number(True), "value"),
        (lambda: format_percent(None), "rate"),  # type: ignore[arg-type]
        (lambda: format_money(1.5), "amount"),  # type: ignore[arg-type]
        (lambda: format_number(1, lang="fr"), "lang"),  # type: ignore[arg-type]
        (lambda: format_number(float("nan")), "finite"),
        (lambda: format_percent(float("inf")), "finite"),
        (lambda: format_number(1.5, digits=-1), "digits"),
        (lambda: format_number(1.5, digits="2"), "digits"),  # type: ignore[arg-type]
    ],
)
def test_a_value_that_is_not_a_number_is_refused(call: object, argument: str) -> None:
    with pytest.raises(ArgumentTypeError, match=argument):
        call()  # type: ignore[operator]


def test_the_report_table_writes_vietnamese_numbers_and_percentages() -> None:
    cal = WorkingCalendar.vietnam()
    procedure = Catalog.builtin().get("2.000815")  # same day
    dossiers = []
    for k in range(1200):
        d = Dossier.receive(
            procedure,
            accepted_at=vn(2026, 3, 2, 9),
            channel=Channel.COUNTER,
            applicant=Applicant(name="A"),
            calendar=cal,
            by="cb",
            code=f"D{k}",
        )
        d.start_processing(at=vn(2026, 3, 2, 9, 30), by="cb")
        d.mark_result_ready(at=vn(2026, 3, 2, 10 if k % 10 else 18), by="cb")  # one in ten late
        dossiers.append(d)
    html = report(dossiers, Period.month(2026, 3), at=vn(2026, 3, 31, 17), group_by=None).to_html()
    assert "<td>1.200</td>" in html
    assert "<td>90,0%</td>" in html
    assert "1,200" not in html


def test_the_audit_summary_in_english_writes_english_numbers() -> None:
    finding = Finding(
        line=1,
        code="X",
        kind=FindingKind.DUE_AT_DIFFERS,
        field="NgayHenTra",
        theirs="a",
        ours="b",
        why="w",
    )
    assert "motcua audit: 1,500 findings" in summary([finding] * 1500, form="html")


@pytest.mark.parametrize("lang", ["VI", "fr", "", None, ["vi"]])
def test_a_language_other_than_vi_or_en_is_refused_not_answered_in_english(lang: object) -> None:
    cal = WorkingCalendar.vietnam()
    limit = ProcessingTime.working_days(3)
    d = Dossier.receive(
        Catalog.builtin().get("1.004873"),
        accepted_at=vn(2026, 3, 2, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="A"),
        calendar=cal,
        by="cb",
    )
    for describe in (
        limit.describe,
        cal.day(date(2026, 1, 2)).describe,
        cal.due_at(vn(2026, 3, 2, 9), limit).describe,
        d.remaining(vn(2026, 3, 3, 9)).describe,
    ):
        with pytest.raises(ArgumentTypeError, match='"vi" or "en"'):
            describe(lang=lang)  # type: ignore[arg-type]
