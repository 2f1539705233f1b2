"""The built-in catalog, loading catalog files, lookups, filters and provincial overrides."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from motcua import Catalog, Channel, Level, Procedure, ProcessingTime
from motcua.errors import CatalogDataError, ProcedureNotFoundError


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.builtin()


def test_the_builtin_catalog_is_real_and_sourced(catalog: Catalog) -> None:
    assert len(catalog) >= 40
    fields = catalog.fields
    for wanted in ("Hộ tịch", "Chứng thực", "Đất đai", "Hoạt động xây dựng", "Nghĩa vụ quân sự"):
        assert wanted in fields
    for p in catalog:
        assert p.provenance.source_url.startswith("https://"), p.code
        assert p.legal_basis, p.code
        assert Level.COMMUNE in p.levels or Level.PROVINCE in p.levels
    # Every unverified record is assumed throughout, and says so.
    unverified = [p for p in catalog if not p.provenance.verified]
    assert unverified
    assert all(p.provenance.is_assumed("channels.counter.time_limit") for p in unverified)


def test_get_suggests_close_codes(catalog: Catalog) -> None:
    with pytest.raises(ProcedureNotFoundError, match=r"did you mean .*1\.001193") as info:
        catalog.get("1.001139")
    assert isinstance(info.value, KeyError)
    assert info.value.code == "1.001139"
    assert "1.001193" in info.value.suggestions
    with pytest.raises(KeyError, match=r"codes look like 1\.001193"):
        catalog.get("khai sinh")


def test_a_provinces_instance_code_finds_the_national_record(catalog: Catalog) -> None:
    assert catalog.get("2.000815.000.00.00.H61").code == "2.000815"
    assert "2.000815" in catalog
    assert "9.999999" not in catalog


def test_filters(catalog: Catalog) -> None:
    civil_status = catalog.filter(field="ho tich")  # without diacritics
    assert civil_status
    assert all(p.field == "Hộ tịch" for p in civil_status)
    by_post = catalog.filter(channel=Channel.POST)
    assert all(Channel.POST in p.offered_on for p in by_post)
    assert "1.013133" not in {p.code for p in by_post}  # military service: no post
    active = {p.code for p in catalog.filter(active_on=date(2026, 11, 22))}
    assert "2.001009" not in active
    assert "2.001009" in {p.code for p in catalog.filter(active_on=date(2025, 1, 1))}
    # Ministry-level procedures in the catalog are the ones communes also receive (Bộ Quốc phòng).
    assert all(Level.COMMUNE in p.levels for p in catalog.filter(level=Level.MINISTRY))


# -- catalog files ---------------------------------------------------------------------------

GOOD = """\
schema_version: 1
procedures:
  - code: 1.004873
    name: Cấp Giấy xác nhận tình trạng hôn nhân
    field: Hộ tịch
    levels: [commune]
    channels:
      - channel: counter
        time_limit: {unit: working_days, amount: 3}
        fee: {kind: provincial}
    handling_agency: UBND cấp xã
    provenance: {source_url: "https://example.invalid/1.004873", verified: true}
"""


def _write(tmp_path: Path, text: str, name: str = "catalog.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_and_json_are_the_same_schema(tmp_path: Path, catalog: Catalog) -> None:
    from_yaml = Catalog.from_file(_write(tmp_path, GOOD))
    # An unquoted 1.004873 stays a code, not the number 1.004873.
    assert from_yaml.get("1.004873").time_limit_for(Channel.COUNTER).amount == 3
    everything = {
        "schema_version": 1,
        "procedures": [p.model_dump(mode="json") for p in catalog],
    }
    path = _write(tmp_path, json.dumps(everything, ensure_ascii=False), "all.json")
    reloaded = Catalog.from_file(path)
    assert list(reloaded) == list(catalog)
    assert "all.json" in repr(reloaded)


BAD = [
    (
        "unknown field",
        GOOD.replace("field: Hộ tịch", "field: Hộ tịch\n    feild: x"),
        6,
        "procedures[0].feild",
        "unknown field 'feild'",
    ),
    (
        "bad code",
        GOOD.replace("1.004873", "1.0048"),
        3,
        "procedures[0].code",
        "national format D.DDDDDD",
    ),
    (
        "missing name",
        GOOD.replace("    name: Cấp Giấy xác nhận tình trạng hôn nhân\n", ""),
        3,
        "procedures[0].name",
        "Field required",
    ),
    (
        "unknown channel",
        GOOD.replace("channel: counter", "channel: fax"),
        8,
        "procedures[0].channels[0].channel",
        "'counter', 'online' or 'post'",
    ),
    (
        "zero days",
        GOOD.replace("amount: 3", "amount: 0"),
        9,
        "procedures[0].channels[0].time_limit",
        "at least 1, got 0",
    ),
    (
        "unknown fee kind",
        GOOD.replace("kind: provincial", "kind: lucky"),
        10,
        "procedures[0].channels[0].fee",
        "'free', 'fixed', 'per_unit', 'per_page', 'provincial'",
    ),
    (
        "not yaml",
        "schema_version: 1\nprocedures: [\n",
        3,
        "YAML",
        "expected",
    ),
    (
        "duplicate",
        GOOD + GOOD.split("procedures:\n")[1],
        13,
        "procedures[1].code",
        "already used by procedures[0]",
    ),
    ("not a mapping", "- 1\n- 2\n", 1, "file", "must be a mapping"),
]


@pytest.mark.parametrize(
    ("text", "line", "location", "problem"), [c[1:] for c in BAD], ids=[c[0] for c in BAD]
)
def test_bad_catalogs_say_file_line_field_and_what_is_valid(
    tmp_path: Path, text: str, line: int, location: str, problem: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(CatalogDataError) as info:
        Catalog.from_file(path)
    error = info.value
    assert (error.source, error.line, error.location) == (str(path), line, location), error
    assert problem in error.problem, error
    assert str(error).startswith(f"{path}:{line}: {location}: ")


def test_bad_json_gives_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '{\n  "schema_version": 1,\n  "procedures": [,]\n}', "bad.json")
    with pytest.raises(CatalogDataError) as info:
        Catalog.from_file(path)
    assert (info.value.line, info.value.location) == (3, "JSON")


def test_json_errors_have_lines_too(tmp_path: Path) -> None:
    record = json.loads(json.dumps({"schema_version": 1, "procedures": [{"code": "1.0048"}]}))
    path = _write(tmp_path, json.dumps(record, indent=2), "short.json")
    with pytest.raises(CatalogDataError) as info:
        Catalog.from_file(path)
    assert info.value.location == "procedures[0].code"
    assert info.value.line == 5  # the line of "code" in the indented JSON


def test_unreadable_and_unknown_files(tmp_path: Path) -> None:
    with pytest.raises(CatalogDataError, match="cannot read it"):
        Catalog.from_file(tmp_path / "absent.yaml")
    with pytest.raises(CatalogDataError, match=r"use \.yaml, \.yml or \.json"):
        Catalog.from_file(_write(tmp_path, GOOD, "catalog.txt"))
    binary = tmp_path / "latin1.yaml"
    binary.write_bytes("tên: thủ tục".encode("utf-16"))
    with pytest.raises(CatalogDataError, match="not UTF-8"):
        Catalog.from_file(binary)


def test_a_catalog_of_procedures_refuses_duplicates(catalog: Catalog) -> None:
    p = catalog.get("1.001193")
    with pytest.raises(CatalogDataError, match="appears twice"):
        Catalog([p, p])


# -- provincial overrides -----------------------------------------------------------------------

HANOI = """\
schema_version: 1
province: Hà Nội
decision:
  kind: Quyết định
  number: 99/QĐ-UBND
  issuer: UBND thành phố Hà Nội
  issued: 2025-07-15
overrides:
  - code: 1.004873
    channels:
      counter:
        fee: {kind: fixed, amount: 5000}
  - code: 2.000815
    steps:
      - {name: Tiếp nhận, actor: Bộ phận Một cửa, budget: {unit: working_hours, amount: 1}}
      - {name: Chứng thực, actor: Tư pháp, budget: {unit: working_hours, amount: 7}}
  - code: 1.004222
    channels:
      online:
        time_limit: {unit: working_days, amount: 5}
"""


def test_a_province_overrides_fees_limits_and_steps(tmp_path: Path, catalog: Catalog) -> None:
    hanoi = catalog.with_overrides(_write(tmp_path, HANOI))
    status = hanoi.get("1.004873")
    assert status.channel(Channel.COUNTER).fee.amount_for() == 5000
    (change,) = status.overrides
    assert change.path == "channels.counter.fee"
    assert change.province == "Hà Nội"
    assert change.decision.number == "99/QĐ-UBND"
    assert change.previous["kind"] == "provincial"
    assert len(hanoi.get("2.000815").steps) == 2
    assert hanoi.get("2.000815").overrides[0].path == "steps"
    residence = hanoi.get("1.004222")
    assert residence.time_limit_for(Channel.ONLINE) == ProcessingTime.working_days(5)
    assert residence.time_limit_for(Channel.COUNTER) == ProcessingTime.working_days(7)
    # Nothing else changed, and the national catalog is untouched.
    assert hanoi.get("1.001193") == catalog.get("1.001193")
    assert catalog.get("1.004873").overrides == ()
    assert len(hanoi) == len(catalog)


@pytest.mark.parametrize(
    ("change", "location", "problem"),
    [
        (("code: 1.004873", "code: 1.004837x"), "overrides[0].code", "no procedure with code"),
        (
            (
                "    channels:\n      counter:\n        fee: {kind: fixed, amount: 5000}",
                "    channels:\n      post:\n        fee: {kind: fixed, amount: 5000}",
            ),
            "overrides[0].channels.post",
            "",
        ),
        (("amount: 7}", "amount: 9}"), "overrides[1].steps", "add up to 10 working hours"),
        (("province: Hà Nội\n", ""), "province", "Field required"),
    ],
    ids=["unknown-code", "channel-not-offered", "steps-do-not-add-up", "no-province"],
)
def test_bad_overrides(
    tmp_path: Path, catalog: Catalog, change: tuple[str, str], location: str, problem: str
) -> None:
    text = HANOI.replace(*change)
    if location == "overrides[0].channels.post":
        text = text.replace("code: 1.004873", "code: 1.013133")
        problem = "not offered on the post channel"
    with pytest.raises(CatalogDataError) as info:
        catalog.with_overrides(_write(tmp_path, text))
    assert info.value.location == location, info.value
    assert problem in info.value.problem
    assert info.value.line is not None


def test_records_are_procedures(catalog: Catalog) -> None:
    assert all(isinstance(p, Procedure) for p in catalog)


# -- what a review found -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (
            GOOD.replace("verified: true}", "verified: true}\n    field: Hộ tịch"),
            13,
            "duplicate key 'field'",
        ),
        (
            GOOD.replace("levels: [commune]", "levels: [commune]\n    effective_from: 2025-02-30"),
            7,
            "valid date",
        ),
        (GOOD.replace("{kind: provincial}", "{kind: fixed, amount: 1.5}"), 10, "valid integer"),
        (GOOD.replace("schema_version: 1", "schema_version: '1'"), 1, "valid integer"),
        (GOOD.replace("{kind: provincial}", "{kind: fixed, amount: true}"), 10, "valid integer"),
    ],
    ids=["duplicate-key", "impossible-date", "float-amount", "string-version", "bool-amount"],
)
def test_yaml_is_read_strictly(tmp_path: Path, text: str, line: int, problem: str) -> None:
    with pytest.raises(CatalogDataError) as info:
        Catalog.from_file(_write(tmp_path, text))
    assert info.value.line == line, info.value
    assert problem in info.value.problem, info.value


def test_json_duplicate_keys_are_refused(tmp_path: Path) -> None:
    text = '{\n  "schema_version": 1,\n  "schema_version": 1,\n  "procedures": []\n}'
    with pytest.raises(CatalogDataError, match="duplicate key 'schema_version'") as info:
        Catalog.from_file(_write(tmp_path, text, "dup.json"))
    assert info.value.line == 3


def test_an_unquoted_time_is_a_time(tmp_path: Path) -> None:
    text = GOOD.replace(
        "time_limit: {unit: working_days, amount: 3}",
        "time_limit: {unit: same_day, cutoff: 15:00:00}",
    )
    same_day = Catalog.from_file(_write(tmp_path, text)).get("1.004873")
    assert str(same_day.time_limit_for(Channel.COUNTER)).startswith("Ngay trong ngày")


def test_overrides_take_instance_codes_and_end_assumptions(
    tmp_path: Path, catalog: Catalog
) -> None:
    text = HANOI.replace("code: 1.004873", "code: 1.004873.000.00.00.H01")
    hanoi = catalog.with_overrides(_write(tmp_path, text))
    p = hanoi.get("1.004873")
    assert p.channel(Channel.COUNTER).fee.amount_for() == 5000
    assert not p.provenance.is_assumed("channels.counter.fee")  # the decision is the source
    counter = p.provenance.source_of("channels.counter.fee")
    assert counter is not None
    assert counter.number == "99/QĐ-UBND"
    assert p.provenance.source_of("channels.online.fee") != counter
    assert hash(p) == hash(p.model_copy())  # records with overrides stay hashable


def test_lookup_edges(catalog: Catalog) -> None:
    with pytest.raises(ProcedureNotFoundError):
        catalog.get("1.004873xyz")  # not an instance code: no fallback
    assert catalog["1.004873"] is catalog.get("1.004873")
    assert catalog == Catalog(list(catalog))
    assert catalog != Catalog(list(catalog)[:-1])
    p = catalog.get("1.013133")
    assert p.time_limit_for("online") == ProcessingTime.working_hours(2)  # type: ignore[arg-type]
    with pytest.raises(LookupError, match="not offered on the fax channel"):
        p.time_limit_for("fax")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"datetime\.date"):
        p.is_active("2026-01-01")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a str"):
        catalog.search(None)  # type: ignore[arg-type]
    assert catalog.search("2.000815.000.00.00.H61")[0].procedure.code == "2.000815"
    assert catalog.search("2.001009") == []  # abolished
    assert catalog.search("9.999999") == []


def test_a_fee_per_copy_counts_copies(catalog: Catalog) -> None:
    extract = catalog.get("2.000635").channel(Channel.COUNTER).fee
    assert extract.amount_for(copies=3) == 24_000  # 8.000 đồng per copy of an extract


# -- record rules carry stable error codes ------------------------------------------------------


def _broken(change: str) -> tuple[dict[str, object], str]:
    """A record of 2.000815 broken by one rule, and the text of the line the error must name."""
    record = Catalog.builtin().get("2.000815").model_dump(mode="json", exclude_none=True)
    if change == "channel_repeated":
        record["channels"] = [record["channels"][0], json.loads(json.dumps(record["channels"][0]))]
        return record, "channels:"
    if change == "abolished_pair":
        record["abolished_by"] = {"kind": "Nghị định", "number": "1/2026/NĐ-CP"}
        return record, "abolished_by:"
    if change == "online_level_channel":
        record["channels"][0]["online_level"] = "full"
        return record, "online_level: full"
    if change == "page_tier_first":
        record["channels"][0]["fee"]["tiers"][0]["from_page"] = 2
        return record, "tiers:"
    if change == "provenance_path_target":
        record["provenance"]["assumed"] = ["documents", "cases.none-such"]
        return record, "- cases.none-such"
    assert change == "step_budget_total"
    budget = {"unit": "working_hours", "amount": 1}
    record["steps"] = [{"name": "Tiếp nhận", "actor": "Một cửa", "budget": budget}]
    return record, "steps:"


@pytest.mark.parametrize(
    "code",
    [
        "channel_repeated",
        "abolished_pair",
        "online_level_channel",
        "page_tier_first",
        "provenance_path_target",
        "step_budget_total",
    ],
)
def test_a_broken_rule_reports_its_code_and_the_line_of_its_field(
    code: str, tmp_path: Path
) -> None:
    record, marker = _broken(code)
    with pytest.raises(ValidationError) as caught:
        Procedure.model_validate(record)
    assert code in {e["type"] for e in caught.value.errors()}
    path = tmp_path / "mine.yaml"
    data = {"schema_version": 1, "procedures": [record]}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    marked = [n for n, line in enumerate(lines, start=1) if line.strip().startswith(marker)]
    assert marked, marker  # the first line it marks is the broken value's (channels[0]…)
    with pytest.raises(CatalogDataError) as refused:
        Catalog.from_file(path)
    # The key's own line, or the first line of its value when the value is a block.
    assert refused.value.line in (marked[0], marked[0] + 1), (refused.value.line, marked[0])
