"""Procedure records: real ones from the built-in catalog, and the rules every record obeys."""

from __future__ import annotations

import json
from datetime import date, time
from importlib import resources
from typing import Any

import pytest
from pydantic import ValidationError

from motcua import (
    Catalog,
    Channel,
    Level,
    PerPageFee,
    Procedure,
    ProcessingTime,
    ProvincialFee,
)
from motcua.errors import ChannelNotOfferedError


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.builtin()


def test_birth_registration_1_001193(catalog: Catalog) -> None:
    p = catalog.get("1.001193")
    assert p.name == "Thủ tục đăng ký khai sinh"
    assert p.field == "Hộ tịch"
    assert p.levels == (Level.COMMUNE,)
    assert p.offered_on == (Channel.COUNTER, Channel.ONLINE, Channel.POST)
    assert p.time_limit_for(Channel.COUNTER) == ProcessingTime.same_day(cutoff=time(15, 0))
    fee = p.channel(Channel.COUNTER).fee
    assert fee.amount_for() == 0
    assert "đăng ký không đúng hạn" in (fee.note or "")
    present = [d for g in p.documents for d in g.documents if d.present_only]
    assert present
    assert present[0].skip_if_in_national_db
    assert p.provenance.verified
    assert p.legal_basis[0].number == "60/2014/QH13"


def test_marriage_status_1_004873_has_a_verification_extension(catalog: Catalog) -> None:
    p = catalog.get("1.004873")
    assert p.time_limit_for(Channel.ONLINE) == ProcessingTime.working_days(3)
    assert p.extension is not None
    assert p.extension.time_limit == ProcessingTime.calendar_days(23)
    # The national database page states the fee rule (set by the province) and no 23-day
    # extension: the fee is sourced, the extension assumed, and the record says so.
    assert isinstance(p.channel(Channel.COUNTER).fee, ProvincialFee)
    assert not p.provenance.is_assumed("channels.counter.fee")
    assert p.provenance.is_assumed("extension")
    assert not p.provenance.is_assumed("channels.counter.time_limit")


def test_military_service_1_013133_differs_per_channel(catalog: Catalog) -> None:
    p = catalog.get("1.013133")
    assert p.time_limit_for(Channel.COUNTER) == ProcessingTime.working_days(1)
    assert p.time_limit_for(Channel.ONLINE) == ProcessingTime.working_hours(2)
    with pytest.raises(ChannelNotOfferedError, match="not offered on the post channel") as info:
        p.time_limit_for(Channel.POST)
    assert info.value.offered == ("counter", "online")


def test_certified_copy_2_000815(catalog: Catalog) -> None:
    p = catalog.get("2.000815")
    fee = p.channel(Channel.COUNTER).fee
    assert isinstance(fee, PerPageFee)
    assert fee.amount_for(pages=5, copies=2) == 14_000
    assert [s.budget for s in p.steps] == [ProcessingTime.working_hours(h) for h in (2, 3, 2, 1)]
    assert p.provenance.is_assumed("steps")


def test_residence_1_004222_costs_less_online(catalog: Catalog) -> None:
    p = catalog.get("1.004222")
    assert p.channel(Channel.COUNTER).fee.amount_for() == 20_000
    assert p.channel(Channel.ONLINE).fee.amount_for() == 10_000
    assert p.time_limit_for(Channel.COUNTER) == ProcessingTime.working_days(7)


def test_1013225_building_permit_is_20_days_15_for_a_detached_house(catalog: Catalog) -> None:
    # National database page (QĐ 56/QĐ-BXD): "20 ngày (hoặc 15 ngày đối với nhà ở riêng lẻ)".
    p = catalog.get("1.013225")
    assert p.time_limit_for(Channel.COUNTER) == ProcessingTime.calendar_days(20)
    house = p.option_for(Channel.COUNTER, case="nha-o-rieng-le")
    assert house.time_limit == ProcessingTime.calendar_days(15)
    assert p.channel(Channel.COUNTER).fee.amount_for() is None  # set by each province


def test_inheritance_declaration_2_001009_is_abolished(catalog: Catalog) -> None:
    p = catalog.get("2.001009")
    assert p.abolished_by is not None
    assert p.abolished_by.number == "280/2025/NĐ-CP"
    assert p.is_active(date(2025, 10, 1))
    assert not p.is_active(date(2026, 1, 1))
    assert p.provenance.is_assumed("abolished_on")


def test_birth_residence_insurance_chain_2_002621_has_agency_steps(catalog: Catalog) -> None:
    p = catalog.get("2.002621")
    assert p.offered_on == (Channel.ONLINE,)
    assert [s.actor for s in p.steps][-1] == "Cơ quan Bảo hiểm xã hội"
    assert p.time_limit_for(Channel.ONLINE) == ProcessingTime.working_days(3, cutoff=time(15))


def test_channels_carry_the_national_codes() -> None:
    assert [c.code for c in Channel] == [1, 2, 3]
    assert Channel.POST.label == "Dịch vụ bưu chính"
    assert Level.COMMUNE.label == "Cấp Xã"


# -- rules every record obeys -----------------------------------------------------------


def _record(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "code": "1.001193",
        "name": "Thủ tục đăng ký khai sinh",
        "field": "Hộ tịch",
        "levels": ["commune"],
        "channels": [
            {
                "channel": "counter",
                "time_limit": {"unit": "working_days", "amount": 1},
                "fee": {"kind": "free"},
            }
        ],
        "handling_agency": "UBND cấp xã",
        "provenance": {"source_url": "https://example.invalid/x", "verified": True},
    }
    base.update(changes)
    return base


@pytest.mark.parametrize(
    "code", ["1.001193", "2.000815.000.00.00.H61", "1.013831"], ids=["national", "instance", "new"]
)
def test_valid_codes(code: str) -> None:
    procedure = Procedure.model_validate(_record(code=code))
    assert procedure.code == code
    assert procedure.base_code == code[:8]  # the national code, without a province's suffix


@pytest.mark.parametrize("code", ["1001193", "1.00119", "A.001193", "1.001193-H61", ""], ids=str)
def test_invalid_codes_say_what_the_format_is(code: str) -> None:
    with pytest.raises(ValidationError, match=r"national format D\.DDDDDD") as info:
        Procedure.model_validate(_record(code=code))
    assert info.value.errors()[0]["type"] == "procedure_code_format"


def test_steps_must_add_up_to_the_limit() -> None:
    steps = [
        {"name": "Tiếp nhận", "actor": "Một cửa", "budget": {"unit": "working_hours", "amount": 2}},
        {
            "name": "Giải quyết",
            "actor": "Tư pháp",
            "budget": {"unit": "working_hours", "amount": 4},
        },
    ]
    with pytest.raises(ValidationError, match="add up to 6 working hours but the time limit"):
        Procedure.model_validate(_record(steps=steps))
    steps[1]["budget"] = {"unit": "working_hours", "amount": 6}
    assert len(Procedure.model_validate(_record(steps=steps)).steps) == 2


def test_a_channel_appears_once() -> None:
    channel = _record()["channels"][0]
    with pytest.raises(ValidationError, match="each channel may appear once"):
        Procedure.model_validate(_record(channels=[channel, channel]))


def test_abolition_needs_its_document() -> None:
    with pytest.raises(ValidationError, match="abolished_on and abolished_by go together"):
        Procedure.model_validate(_record(abolished_on="2025-11-01"))


def test_online_level_only_online() -> None:
    channel = {**_record()["channels"][0], "online_level": "full"}
    with pytest.raises(ValidationError, match="online_level applies to the online channel"):
        Procedure.model_validate(_record(channels=[channel]))


def test_records_round_trip_through_json(catalog: Catalog) -> None:
    for p in catalog:
        assert Procedure.model_validate_json(p.model_dump_json()) == p


def test_the_shipped_json_schema_is_current() -> None:
    shipped = resources.files("motcua.data").joinpath("catalog.schema.json").read_text("utf-8")
    assert json.loads(shipped) == Catalog.json_schema(), (
        "regenerate src/motcua/data/catalog.schema.json (see docs/catalog-format.md)"
    )
