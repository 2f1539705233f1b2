"""Dossier codes in both schemes, and serials that never repeat, even under concurrency."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from helpers import vn
from motcua import (
    AgencyId,
    AgencyIdForm,
    Applicant,
    Catalog,
    Channel,
    CodeScheme,
    Dossier,
    DossierCode,
    DossierNumbering,
    MemorySequence,
    SqliteSequence,
    WorkingCalendar,
)
from motcua.errors import ChannelNotOfferedError, DossierCodeError, NaiveDatetimeError


@pytest.mark.parametrize(
    ("text", "agency", "day", "serial", "scheme", "platform"),
    [
        ("000.00.20.H12-210315-0001", "000.00.20.H12", date(2021, 3, 15), 1, "tt01_2018", None),
        ("000.00.00.H61-260302-9999", "000.00.00.H61", date(2026, 3, 2), 9999, "tt01_2018", None),
        ("G01.001.01-260302-010027", "G01.001.01", date(2026, 3, 2), 27, "tt04_2025", "01"),
        ("G01.001.01-260302-02123456", "G01.001.01", date(2026, 3, 2), 123456, "tt04_2025", "02"),
        ("H12.20.05-260302-0042", "H12.20.05", date(2026, 3, 2), 42, "tt01_2018", None),
    ],
    ids=["tt01", "tt01-last", "tt04", "tt04-long", "tt01-new-agency-form"],
)
def test_codes_parse_and_print_back(
    text: str, agency: str, day: date, serial: int, scheme: str, platform: str | None
) -> None:
    code = DossierCode.parse(text)
    assert (code.agency.value, code.received_on, code.serial, code.scheme.value) == (
        agency,
        day,
        serial,
        scheme,
    )
    assert code.platform == platform
    assert str(code) == text


@pytest.mark.parametrize(
    ("text", "message", "part", "value", "expected"),
    [
        ("000.00.20.H12-210315-001", "has 3 digits", "serial", "001", "4 digits (TT 01/2018)"),
        ("000.00.20.H12-210332-0001", "is not a date YYMMDD", "day", "210332", "a real date"),
        (
            "000.00.20.H12_210315_0001",
            "is not a dossier code",
            "code",
            "000.00.20.H12_210315_0001",
            "<agency>-YYMMDD-XXXX",
        ),
        (
            "000.00.20.h12-210315-0001",
            "is not a dossier code",
            "code",
            "000.00.20.h12-210315-0001",
            "<agency>-YYMMDD-XXXX",
        ),
        (
            "000.00.20.H12-210315-010001",
            "MX1X2.Y1Y2Y3.Z1Z2",
            "agency",
            "000.00.20.H12",
            "an MX1X2.Y1Y2Y3.Z1Z2 identifier",
        ),
        ("000.00.20.H12-210315-00000", "has 5 digits", "serial", "00000", "4 digits"),
        ("A" * 36 + "-210315-0001", "neither form", "agency", "A" * 36, "QCVN 102:2016 like"),
    ],
    ids=[
        "short-serial",
        "bad-date",
        "separators",
        "lower-case",
        "tt04-old-agency",
        "5-digits",
        "agency-too-long",
    ],
)
def test_bad_codes_say_which_part_is_wrong(
    text: str, message: str, part: str, value: str, expected: str
) -> None:
    with pytest.raises(DossierCodeError, match=message) as refused:
        DossierCode.parse(text)
    assert (refused.value.part, refused.value.value) == (part, value)
    assert refused.value.expected.startswith(expected)


def test_agency_forms() -> None:
    assert AgencyId.parse("000.00.20.H12").form is AgencyIdForm.QCVN_102_2016
    assert AgencyId.parse("G01.001.01").form is AgencyIdForm.QD_20_2020
    with pytest.raises(DossierCodeError, match="neither form"):
        AgencyId.parse("Sở Tư pháp")
    with pytest.raises(DossierCodeError, match="fit the 4 digits") as serial:
        DossierCode.tt01(AgencyId.parse("000.00.20.H12"), date(2026, 3, 2), serial=10_000)
    assert (serial.value.part, serial.value.value, serial.value.expected) == (
        "serial",
        10_000,
        "1-9999",
    )
    with pytest.raises(DossierCodeError, match="two digits") as platform:
        DossierNumbering("G01.001.01", scheme=CodeScheme.TT04_2025, platform="1")
    assert (platform.value.part, platform.value.value) == ("platform", "1")
    with pytest.raises(DossierCodeError, match="must be at least 1") as low:
        DossierCode.tt04(AgencyId.parse("G01.001.01"), date(2026, 3, 2), platform="01", serial=0)
    assert (low.value.part, low.value.value, low.value.expected) == ("serial", 0, "≥ 1")


def test_numbering_restarts_at_midnight_in_hanoi() -> None:
    numbering = DossierNumbering("000.00.20.H12")
    late = datetime(2026, 3, 2, 16, 59, tzinfo=UTC)  # 23:59 in Hà Nội
    midnight = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)  # 00:00 on the 3rd
    assert str(numbering.issue(late)) == "000.00.20.H12-260302-0001"
    assert str(numbering.issue(late)) == "000.00.20.H12-260302-0002"
    assert str(numbering.issue(midnight)) == "000.00.20.H12-260303-0001"
    with pytest.raises(NaiveDatetimeError):
        numbering.issue(datetime(2026, 3, 3, 9, 0))  # noqa: DTZ001


def test_a_days_serials_can_run_out() -> None:
    sequence = MemorySequence()
    numbering = DossierNumbering("000.00.20.H12", sequence=sequence)
    for _ in range(9999):
        sequence.next_serial("tt01_2018:000.00.20.H12", date(2026, 3, 2))
    with pytest.raises(DossierCodeError, match="used all 9,999 serials of 02/03/2026") as full:
        numbering.issue(vn(2026, 3, 2, 9))
    assert (full.value.part, full.value.value) == ("serial", 10_000)
    assert str(numbering.issue(vn(2026, 3, 3, 9))).endswith("-260303-0001")


def test_tt04_codes() -> None:
    numbering = DossierNumbering("G01.001.01", scheme=CodeScheme.TT04_2025, platform="01")
    assert str(numbering.issue(vn(2026, 3, 2, 9))) == "G01.001.01-260302-010001"


def test_threads_never_share_a_serial(tmp_path: Path) -> None:
    sequence = SqliteSequence(tmp_path / "serials.db")
    numbering = DossierNumbering("000.00.20.H12", sequence=sequence)
    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(lambda _: str(numbering.issue(vn(2026, 3, 2, 9))), range(200)))
    assert len(set(codes)) == 200
    assert max(codes).endswith("-0200")


def _issue_many(path: str) -> list[str]:
    numbering = DossierNumbering("000.00.20.H12", sequence=SqliteSequence(path))
    return [str(numbering.issue(vn(2026, 3, 2, 9))) for _ in range(50)]


def test_processes_never_share_a_serial(tmp_path: Path) -> None:
    path = str(tmp_path / "serials.db")
    SqliteSequence(path)
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.map(_issue_many, [path] * 4)
    codes = [code for chunk in results for code in chunk]
    assert len(codes) == len(set(codes)) == 200


def test_receive_assigns_the_code_and_it_never_changes() -> None:
    numbering = DossierNumbering("000.00.20.H12")
    d = Dossier.receive(
        Catalog.builtin().get("1.004873"),
        accepted_at=vn(2026, 3, 2, 9, 0),
        channel=Channel.COUNTER,
        applicant=Applicant(name="A"),
        calendar=WorkingCalendar.vietnam(),
        by="x",
        numbering=numbering,
    )
    assert d.code == "000.00.20.H12-260302-0001"
    assert d.dossier_code == DossierCode.parse("000.00.20.H12-260302-0001")
    d.start_processing(at=vn(2026, 3, 2, 10), by="x")
    d.request_supplement(at=vn(2026, 3, 2, 11), by="x", reason="r", items=["a"])
    d.supplement_received(at=vn(2026, 3, 3, 9), by="x")
    assert d.code == "000.00.20.H12-260302-0001"
    other = Dossier.receive(
        Catalog.builtin().get("1.004873"),
        accepted_at=vn(2026, 3, 2, 9, 5),
        channel=Channel.COUNTER,
        applicant=Applicant(name="B"),
        calendar=WorkingCalendar.vietnam(),
        by="x",
    )
    assert other.dossier_code is None  # a random id, not a national code


def test_tt04_codes_print_back_as_read() -> None:
    code = DossierCode.parse("G01.001.01-260302-0100027")
    assert str(code) == "G01.001.01-260302-0100027"
    assert code != DossierCode.parse("G01.001.01-260302-010027")


def test_a_mistyped_old_agency_id_is_refused() -> None:
    with pytest.raises(DossierCodeError, match="starts like a QCVN 102:2016 code") as refused:
        AgencyId.parse("000.00.20.H1")
    assert (refused.value.part, refused.value.value) == ("agency", "000.00.20.H1")
    assert "DDD.DD.DD.ADD" in refused.value.expected


def test_a_refused_receive_uses_up_no_serial() -> None:
    numbering = DossierNumbering("000.00.20.H12")
    military = Catalog.builtin().get("1.013133")  # not offered by post
    with pytest.raises(ChannelNotOfferedError):
        Dossier.receive(
            military,
            accepted_at=vn(2026, 3, 2, 9),
            channel=Channel.POST,
            applicant=Applicant(name="A"),
            calendar=WorkingCalendar.vietnam(),
            by="x",
            numbering=numbering,
        )
    assert str(numbering.issue(vn(2026, 3, 2, 9))).endswith("-0001")
