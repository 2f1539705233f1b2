"""Real procedures of the built-in catalog, each against the source it was read in."""

from __future__ import annotations

from datetime import datetime

from helpers import vn
from motcua import Applicant, Catalog, Certainty, Channel, ClockStart, Dossier, WorkingCalendar

CATALOG = Catalog.builtin()
CAL = WorkingCalendar.vietnam()


def _due(
    code: str, at: datetime, channel: Channel = Channel.COUNTER, **options: object
) -> datetime:
    dossier = Dossier.receive(
        CATALOG.get(code),
        accepted_at=at,
        channel=channel,
        applicant=Applicant(name="Lê Thị B"),
        calendar=CAL,
        by="cb",
        **options,  # type: ignore[arg-type]
    )
    assert dossier.legal_due_at is not None
    return dossier.legal_due_at


def test_1001776_monthly_social_allowance_10_working_days() -> None:
    # 10 working days, free (NĐ 20/2021/NĐ-CP; the 2025 decentralisation to communes as reported).
    p = CATALOG.get("1.001776")
    assert p.field == "Bảo trợ xã hội"
    assert _due("1.001776", vn(2026, 3, 3, 9)) == vn(2026, 3, 17, 9)
    assert p.channel(Channel.COUNTER).fee.amount_for() == 0
    assert not p.provenance.verified  # from a news report and a kiosk: assumed, and it says so
    assert p.provenance.certainty_of("channels.counter.time_limit") is Certainty.ASSUMED


def test_1010038_household_split_5_working_days_10000_counter_5000_online() -> None:
    # QĐ 9354/QĐ-BCA-C06 (20/11/2025) as the provincial police publish it; TT 75/2022/TT-BTC fees.
    p = CATALOG.get("1.010038")
    assert _due("1.010038", vn(2026, 3, 3, 9)) == vn(2026, 3, 10, 9)
    assert p.channel(Channel.COUNTER).fee.amount_for() == 10_000
    assert p.channel(Channel.ONLINE).fee.amount_for() == 5_000
    assert CATALOG.search("tach ho khau")[0].procedure.code == "1.010038"


def test_2001008_signature_of_a_non_collaborator_translator_same_day_10000() -> None:
    # QĐ 2637/QĐ-UBND Vĩnh Long (16/11/2025), Phụ lục I: same day, 15:00 cut-off, 10.000 đ.
    p = CATALOG.get("2.001008")
    assert _due("2.001008", vn(2026, 3, 3, 10)).date() == vn(2026, 3, 3).date()
    assert _due("2.001008", vn(2026, 3, 3, 15, 30)).date() == vn(2026, 3, 4).date()
    assert p.channel(Channel.COUNTER).fee.amount_for() == 10_000
    source = p.provenance.source_of("channels.counter.fee")
    assert source is not None
    assert (source.number, source.certainty) == ("2637/QĐ-UBND", Certainty.VERIFIED)


def test_chung_thuc_records_cite_nd_280_2025_and_2000908_is_the_register_keeper() -> None:
    # QĐ 2637/QĐ-UBND lists NĐ 280/2025/NĐ-CP (27/10/2025) beside NĐ 23/2015 for every record.
    for p in CATALOG.filter(field="Chứng thực"):
        numbers = {b.number: b for b in p.legal_basis}
        assert "280/2025/NĐ-CP" in numbers, p.code
        assert numbers["280/2025/NĐ-CP"].issued == vn(2025, 10, 27).date()
        assert "23/2015/NĐ-CP" in numbers, p.code
    register = CATALOG.get("2.000908")
    assert register.handling_agency == "Cơ quan, tổ chức lập sổ gốc"
    assert register.clock_start is ClockStart.RECORDED


def test_1012812_land_dispute_mediation_is_30_calendar_days() -> None:
    # Luật Đất đai 31/2024/QH15 Điều 235 khoản 2; NĐ 102/2024/NĐ-CP Điều 105.
    due = _due("1.012812", vn(2026, 3, 3, 9))
    assert (due.date() - vn(2026, 3, 3).date()).days >= 30
    source = CATALOG.get("1.012812").provenance.source_of("channels.counter.time_limit")
    assert source is not None
    assert source.number == "31/2024/QH15"
    assert "Điều 235" in (source.article or "")


def test_1001570_household_business_suspension_is_1_working_day_not_3() -> None:
    # NĐ 168/2025/NĐ-CP (30/06/2025), read on the national database page: 01 ngày làm việc;
    # the 03 days are how early the household must file before suspending.
    assert _due("1.001570", vn(2026, 3, 3, 9)) == vn(2026, 3, 4, 9)
    assert _due("1.001266", vn(2026, 3, 3, 9)) == vn(2026, 3, 10, 9)  # chấm dứt: 05 days


def test_1004222_residence_fees_rest_on_the_fee_circular() -> None:
    p = CATALOG.get("1.004222")
    assert p.channel(Channel.COUNTER).fee.amount_for() == 20_000
    assert p.channel(Channel.ONLINE).fee.amount_for() == 10_000
    source = p.provenance.source_of("channels.online.fee")
    assert source is not None
    assert (source.number, source.issued) == ("75/2022/TT-BTC", vn(2022, 12, 22).date())
    assert source.certainty is Certainty.SECONDARY  # read on the national database page


def test_1013134_military_registration_on_moving_is_counter_only_1_working_day() -> None:
    p = CATALOG.get("1.013134")
    assert p.offered_on == (Channel.COUNTER,)
    assert _due("1.013134", vn(2026, 3, 3, 9)) == vn(2026, 3, 4, 9)
