"""Text that leaves motcua is safe where it goes: CSV cells, text and HTML slips, QR URLs.

Issue 15, "Injection and spoofing": a hostile name must not run as a spreadsheet formula,
forge a CSV row or a slip line, hide behind bidi overrides, or turn a lookup QR code into a
``javascript:`` link. ``HYPOTHESIS_PROFILE=deep`` runs ten times the examples.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from hostile import hostile_settings
from motcua import (
    Applicant,
    Catalog,
    Dossier,
    DossierNumbering,
    Office,
    Receipt,
    WorkingCalendar,
    render_html,
    render_text,
)
from motcua._text import FORMULA_STARTS, csv_cell, csv_row, one_line
from motcua.errors import LookupUrlError, SlipError
from motcua.reports import Period, Report, ReportRow
from motcua.slips import ReceiptDocument
from motcua.slips._base import check_lookup_url

PROPERTY = hostile_settings(40)
VN = ZoneInfo("Asia/Ho_Chi_Minh")
BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
BIDI = "".join(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"
HOSTILE = BREAKS + BIDI + ZERO_WIDTH + "\x00\x1b\x07\x7f\t\x9b"
OFFICE = Office(
    name="UBND phường Lê Chân",
    unit="Trung tâm Phục vụ hành chính công phường Lê Chân",
    place="Hải Phòng",
    address="Số 1 đường Lê Chân",
    lookup_url="https://dichvucong.haiphong.gov.vn/tra-cuu?ma={code}",
)


def _receipt(name: str = "Nguyễn Văn An", *, office: Office = OFFICE) -> Receipt:
    procedure = Catalog.builtin().get("1.001193")
    dossier = Dossier.receive(
        procedure,
        accepted_at=datetime(2025, 5, 6, 14, 40, tzinfo=VN),
        channel=procedure.channels[0].channel,
        applicant=Applicant(name=name),
        calendar=WorkingCalendar.vietnam(),
        by="Lê Thị Hoa",
        numbering=DossierNumbering("000.00.20.H12"),
    )
    return Receipt.from_dossier(dossier, procedure=procedure, office=office)


PLAIN = _receipt()
PLAIN_TEXT = render_text(PLAIN)


def _hostile_copy(text: str) -> Receipt:
    """The plain receipt with *text* in every field a citizen or a clerk supplies."""
    return PLAIN.model_copy(
        update={
            "applicant_name": text,
            "applicant_address": "Số 5 " + text,
            "applicant_contact": text + " 0912",
            "case": "Trường hợp " + text,
            "procedure": text,
            "documents": (ReceiptDocument(name=text, originals=1, copies=0),),
        }
    )


def _lines_with(text: str) -> int:
    return len(render_text(_hostile_copy(text)).splitlines())


def _survivors(text: str) -> set[str]:
    """Characters in *text* that must never reach a printed slip or a CSV cell."""
    return {c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")}


# -- one_line: the one sanitising function ----------------------------------------------


@pytest.mark.parametrize("brk", list(BREAKS))
def test_every_line_break_becomes_a_space(brk: str) -> None:
    assert one_line(f"An{brk}Hẹn trả") == "An Hẹn trả"
    assert one_line(f"An{brk}{brk}\r\nB") == "An B"  # a run of breaks is one space


@pytest.mark.parametrize("char", list(BIDI + ZERO_WIDTH + "\x00\x1b\x07\x7f\x9b\u00ad\u2060"))
def test_controls_bidi_and_zero_width_are_removed(char: str) -> None:
    assert one_line(f"Ng{char}uyễn") == "Nguyễn"


def test_printable_text_is_kept_as_it_is() -> None:
    text = "Nguyễn Thị Ánh — Số 5, ngõ 12/3 \u00a0(đường Lê Lợi) 102.000 đồng 🇻🇳"
    assert one_line(text) == text
    plain = "Nguyễn Văn An, Số 5 Trần Nguyên Hãn"
    assert one_line(plain) is plain  # nothing to do costs no copy
    assert one_line("An\tB") == "An B"
    assert one_line("lone \udc80 surrogate") == "lone  surrogate"


# -- text slips -------------------------------------------------------------------------


def test_a_newline_in_the_name_does_not_forge_an_appointment_line() -> None:
    forged = "Nguyễn Văn An\nThời gian trả kết quả giải quyết hồ sơ: 01/01/2020"
    receipt = _receipt(forged)
    text = render_text(receipt)
    assert text.count("\n") == PLAIN_TEXT.count("\n")
    assert "Người nộp: Nguyễn Văn An Thời gian trả kết quả" in text
    assert [ln for ln in text.splitlines() if ln.startswith("Thời gian trả kết quả")] == [
        "Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 06 tháng 5 năm 2025"
    ]


@pytest.mark.parametrize("brk", list(BREAKS))
def test_no_field_breaks_a_line_of_the_text_slip(brk: str) -> None:
    text = render_text(_hostile_copy(f"Trần{brk}Thị B"))
    assert len(text.splitlines()) == _lines_with("Trần Thị B")
    assert "Người nộp: Trần Thị B\n" in text


def test_controls_and_bidi_do_not_reach_text_or_html() -> None:
    receipt = _hostile_copy("\u202eAn\u200b\x00\x1b[31m\u2066B\u2069\ufeff")
    for out in (render_text(receipt), render_html(receipt)):
        assert not _survivors(out.replace("\n", "")), out
        assert "An[31mB" in out


def test_html_is_still_escaped() -> None:
    html = render_html(_hostile_copy('<script>alert("x")</script>\n<b>'))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &lt;b&gt;" in html


def test_the_qr_code_is_still_markup() -> None:
    assert "<svg" in render_html(PLAIN)


LINES = _lines_with("Trần Thị B")


@PROPERTY
@given(st.text(alphabet=st.sampled_from(HOSTILE) | st.characters(), max_size=40))
def test_random_hostile_names_never_change_the_lines(name: str) -> None:
    receipt = _hostile_copy(name)
    text = render_text(receipt)
    assert len(text.splitlines()) == LINES
    assert not _survivors(text.replace("\n", ""))
    assert not _survivors(render_html(receipt).replace("\n", ""))


# -- the QR lookup URL ------------------------------------------------------------------


def test_the_code_is_url_encoded_in_the_lookup_url() -> None:
    office = OFFICE.model_copy(update={"lookup_url": "https://x.gov.vn/tra-cuu/{code}?k=1"})
    assert (
        office.lookup_address("A/B?c=d&e#f g")
        == "https://x.gov.vn/tra-cuu/A%2FB%3Fc%3Dd%26e%23f%20g?k=1"
    )
    assert (
        PLAIN.lookup_url
        == "https://dichvucong.haiphong.gov.vn/tra-cuu?ma=000.00.20.H12-250506-0001"
    )
    assert OFFICE.model_copy(update={"lookup_url": None}).lookup_address("X") is None


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("javascript:alert(1)//{code}", "has javascript:"),
        ("JavaScript:alert(1)", "has javascript:"),
        ("data:text/html,<script>", "has data:"),
        ("file:///etc/passwd", "has file:"),
        ("//evil.example/{code}", "has no scheme"),
        ("tra-cuu?ma={code}", "has no scheme"),
        ("http://x.gov.vn/{code}", "has http:"),
        ("https:///{code}", "has no host"),
        (" javascript:alert(1)", "holds spaces or control characters"),
        ("https://x.gov.vn/\n{code}", "holds spaces or control characters"),
        ("https://[x/{code}", "is not a URL"),
    ],
)
def test_only_https_lookup_urls_are_accepted(url: str, problem: str) -> None:
    with pytest.raises(LookupUrlError, match="give an absolute https: address") as refused:
        check_lookup_url(url)
    assert problem in str(refused.value)
    assert isinstance(refused.value, SlipError)
    assert refused.value.schemes == ("https",)
    with pytest.raises(ValidationError, match=problem.split(maxsplit=1)[0]):
        Office(name="x", unit="x", place="x", address="x", lookup_url=url)


def test_http_only_where_the_office_allows_it() -> None:
    with pytest.raises(LookupUrlError, match=r"lookup_allow_http=True"):
        check_lookup_url("http://intranet.ubnd/{code}")
    office = OFFICE.model_copy(
        update={"lookup_url": "http://intranet.ubnd/{code}", "lookup_allow_http": True}
    )
    assert office.lookup_address("A B") == "http://intranet.ubnd/A%20B"
    assert check_lookup_url("HTTPS://x.gov.vn/a") == "HTTPS://x.gov.vn/a"
    with pytest.raises(LookupUrlError, match=r"give an absolute https: or http: address"):
        check_lookup_url("ftp://x/", allow_http=True)
    with pytest.raises(LookupUrlError, match="is not text"):
        check_lookup_url(None)  # type: ignore[arg-type]


def test_a_receipt_built_by_hand_with_a_javascript_url_is_not_printed() -> None:
    forged = PLAIN.model_copy(update={"lookup_url": "javascript:alert(1)"})
    for render in (render_text, render_html):
        with pytest.raises(LookupUrlError, match="has javascript:"):
            render(forged)
    smuggled = OFFICE.model_copy(update={"lookup_url": "javascript:{code}"})  # no validation
    with pytest.raises(LookupUrlError):
        Receipt.from_dossier(
            _receipt_dossier(), procedure=Catalog.builtin().get("1.001193"), office=smuggled
        )


def _receipt_dossier() -> Dossier:
    procedure = Catalog.builtin().get("1.001193")
    return Dossier.receive(
        procedure,
        accepted_at=datetime(2025, 5, 6, 14, 40, tzinfo=VN),
        channel=procedure.channels[0].channel,
        applicant=Applicant(name="An"),
        calendar=WorkingCalendar.vietnam(),
        by="Lê Thị Hoa",
        code="000.00.20.H12-250506-0009",
    )


# -- CSV --------------------------------------------------------------------------------


def _read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _report(*groups: str) -> Report:
    return Report(
        period=Period.day(date(2026, 3, 2)),
        at=datetime(2026, 3, 2, 17, tzinfo=VN),
        group_by="field",
        rows=tuple(ReportRow(group=g, received_counter=2) for g in groups),
        total=ReportRow(group="Tổng", received_counter=2 * len(groups)),
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", " ="])
def test_formula_starts_are_neutralised(start: str) -> None:
    rows = _read(_report(f'{start}HYPERLINK("http://evil","x")').to_csv())
    if start in "\t\r":  # a control character: made a space, so nothing starts a formula
        assert rows[1][0] == ' HYPERLINK("http://evil","x")'
    else:
        assert rows[1][0] == f'\'{start}HYPERLINK("http://evil","x")'
    assert csv_cell(f"{start}=1+1").startswith("'")
    assert rows[1][1:3] == ["0", "2"]  # the counts stay numbers


def test_a_bare_carriage_return_does_not_forge_a_row() -> None:
    rows = _read(_report("Hộ tịch\r=1+1,forged", "Đất đai").to_csv())
    assert [r[0] for r in rows] == ["group", "Hộ tịch =1+1,forged", "Đất đai", "Tổng"]
    assert rows[0] == list(_report().to_csv().splitlines()[0].split(","))
    assert csv_row(["a\rb"]) == "a b\n"


def test_numbers_stay_numbers_and_text_that_looks_like_one_does_not() -> None:
    assert csv_row([-3, 0.25, None, True, "-3", "Hộ tịch, chứng thực", 'say "hi"']) == (
        '-3,0.25,,True,\'-3,"Hộ tịch, chứng thực","say ""hi"""\n'
    )


def test_report_html_drops_controls_from_group_names() -> None:
    html = _report("\u202eHộ tịch\x00\n<b>").to_html()
    assert "<td>Hộ tịch &lt;b&gt;</td>" in html


def test_the_calendar_csv_is_written_the_same_way() -> None:
    from motcua.cli._export import calendar_csv  # noqa: PLC0415

    rows = _read(calendar_csv(WorkingCalendar.vietnam(), 2026, 2026))
    assert [r[4] for r in rows[:2]] == ["name", "Tết Dương lịch"]
    assert all(len(r) == len(rows[0]) for r in rows)


CELLS = st.one_of(
    st.text(alphabet=st.sampled_from(HOSTILE + ',"=+-@ ') | st.characters(), max_size=20),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.none(),
)


@PROPERTY
@given(st.lists(st.lists(CELLS, min_size=1, max_size=5), min_size=1, max_size=5))
def test_random_cells_round_trip_and_never_start_a_formula(rows: list[list[object]]) -> None:
    text = "".join(csv_row(r) for r in rows)
    read = _read(text)
    assert read == [[csv_cell(c) for c in r] for r in rows]
    for written, back in zip(rows, read, strict=True):
        for value, cell in zip(written, back, strict=True):
            if isinstance(value, str):
                assert not cell.lstrip(" ").startswith(FORMULA_STARTS)
                assert not _survivors(cell)
                if value.isprintable() and not value.lstrip(" ").startswith(FORMULA_STARTS):
                    assert cell == value  # ordinary text comes back as it was
            else:
                assert cell == ("" if value is None else str(value))


@PROPERTY
@given(
    st.lists(
        st.text(alphabet=st.sampled_from(HOSTILE + ',"=+-@') | st.characters(), max_size=20),
        min_size=1,
        max_size=4,
    )
)
def test_random_group_names_through_a_report_csv(groups: list[str]) -> None:
    read = _read(_report(*groups).to_csv())
    assert len(read) == len(groups) + 2
    assert [r[0] for r in read[1:-1]] == [csv_cell(g) for g in groups]
