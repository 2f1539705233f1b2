"""The built-in catalog's data: every record valid, sourced, usable and listed in the docs."""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections import Counter
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from helpers import vn
from motcua import (
    Applicant,
    Catalog,
    Certainty,
    Dossier,
    FieldSource,
    Procedure,
    Provenance,
    WorkingCalendar,
)
from motcua._vn import fold
from motcua.errors import ArgumentTypeError, CatalogDataError

CATALOG = Catalog.builtin()
CAL = WorkingCalendar.vietnam()
ROOT = Path(__file__).resolve().parent.parent
RAW = resources.files("motcua.data").joinpath("procedures.yaml").read_text("utf-8")


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "catalog_listing", ROOT / "tools/catalog_listing.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- size and coverage ------------------------------------------------------------------------


def test_the_catalog_holds_100_commune_procedures_two_thirds_verified() -> None:
    active = [p for p in CATALOG if p.abolished_on is None]
    assert len(active) >= 100
    verified = [p for p in CATALOG if p.provenance.verified]
    assert len(verified) * 3 >= len(CATALOG) * 2, f"{len(verified)} of {len(CATALOG)} verified"
    # Commune level, or decided by the province's land office and received at the commune centre.
    assert all({"commune", "province"} & {level.value for level in p.levels} for p in CATALOG)


# Every field a commune centre handles after 01/07/2025 (issue: the social desk's fields too),
# found by the published field name (lĩnh vực), folded.
REQUIRED_FIELDS = {
    "hộ tịch": "ho tich",
    "chứng thực": "chung thuc",
    "cư trú": "cu tru",
    "đất đai": "dat dai",
    "xây dựng": "xay dung",
    "hộ kinh doanh": "ho kinh doanh",
    "bảo trợ xã hội": "bao tro xa hoi",
    "người có công": "nguoi co cong",
    "bảo hiểm y tế": "bao hiem y te",
    "căn cước": "can cuoc",
    "nghĩa vụ quân sự": "nghia vu quan su",
    "giáo dục": "giao duc",
    "nông nghiệp": "nong nghiep|trong trot|thuy san|thuy loi|lam nghiep|chan nuoi",
    "liên thông": "lien thong",
}


@pytest.mark.parametrize("label", sorted(REQUIRED_FIELDS))
def test_every_field_of_a_commune_centre_has_procedures(label: str) -> None:
    wanted = REQUIRED_FIELDS[label]
    found = [p.code for p in CATALOG if re.search(wanted, fold(f"{p.field} {p.name}"))]
    assert found, f"no procedure of {label!r} in the built-in catalog"


# -- every record valid -----------------------------------------------------------------------


def test_codes_are_unique_quoted_and_in_the_national_format() -> None:
    codes = [p.code for p in CATALOG]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[1-3]\.[0-9]{6}", c) for c in codes), codes
    # Quoted in the file: an unquoted 1.001230 would be read as the number 1.00123.
    for line in RAW.splitlines():
        if line.startswith("- code:"):
            assert re.fullmatch(r'- code: "[0-9]\.[0-9]{6}"', line), line


def test_a_code_with_a_trailing_newline_is_not_a_code() -> None:
    record = CATALOG.get("1.004873").model_dump(mode="json")
    record["code"] = "1.004873\n"
    with pytest.raises(ValueError, match=r"procedure code '1\.004873\\n' is not in the national"):
        Procedure.model_validate(record)
    assert CATALOG.search("1.004873\n")[0].procedure.code == "1.004873"  # a query is stripped


def test_the_shipped_file_loads_as_a_user_file_and_equals_the_builtin(tmp_path: Path) -> None:
    copy = tmp_path / "procedures.yaml"
    copy.write_text(RAW, encoding="utf-8")
    assert Catalog.from_file(copy) == CATALOG


def test_one_procedure_per_block_and_names_as_published() -> None:
    blocks = RAW.count("\n- code:")
    assert blocks == len(CATALOG)
    data = yaml.safe_load(RAW)
    for raw in data["procedures"]:
        for key in ("name", "field", "handling_agency"):
            text = raw[key]
            assert text == text.strip(), (raw["code"], key)
            assert text == unicodedata.normalize("NFC", text), (raw["code"], key)


@pytest.mark.parametrize("procedure", list(CATALOG), ids=lambda p: p.code)
def test_every_limit_gives_a_due_time_on_every_channel_and_case(procedure: Procedure) -> None:
    at = vn(2026, 3, 3, 9)  # a Tuesday
    for option in procedure.channels:
        for case in (None, *(c.key for c in procedure.cases)):
            if procedure.abolished_on is not None:
                continue
            dossier = Dossier.receive(
                procedure,
                accepted_at=at,
                channel=option.channel,
                case=case,
                applicant=Applicant(name="Nguyễn Văn A"),
                calendar=CAL,
                by="cb",
            )
            assert dossier.legal_due_at is not None
            assert dossier.legal_due_at >= at
            assert dossier.legal_due_at.year == 2026


# -- sources ----------------------------------------------------------------------------------


def test_every_read_value_cites_a_document_with_number_and_date() -> None:
    missing = {p.code: p.unsourced() for p in CATALOG if p.unsourced()}
    assert missing == {}


def test_every_source_says_where_it_was_read_and_how_sure() -> None:
    for p in CATALOG:
        assert p.provenance.source_url.startswith("https://"), p.code
        for source in p.provenance.sources:
            assert (source.url or "").startswith("https://"), p.code
            # A document is read (verified), copied (secondary) or reported — never assumed.
            assert source.certainty not in {Certainty.ESTIMATED, Certainty.ASSUMED}, p.code
        if p.provenance.verified:
            assert p.provenance.sources, f"{p.code} is verified but cites no document"


def test_an_unverified_record_is_assumed_everywhere_and_says_so() -> None:
    for p in (p for p in CATALOG if not p.provenance.verified):
        assert p.provenance.certainty_of("channels.counter.time_limit") is Certainty.ASSUMED
        assert p.provenance.source_of("documents") is None


# -- provenance paths -------------------------------------------------------------------------


def _load_with(tmp_path: Path, code: str, **provenance: object) -> Catalog:
    record = CATALOG.get(code).model_dump(mode="json", exclude_none=True)
    record["provenance"].update(provenance)
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump({"schema_version": 1, "procedures": [record]}), "utf-8")
    return Catalog.from_file(path)


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("channel.counter.fee", "a path starts with one of abolished_by"),
        ("channels.countr.fee", "after 'channels' comes one of counter, online, post"),
        ("channels.counter.fees", "after 'channels' comes one of fee, note, online_level"),
        ("channels.online.fee\n", "lower-case names joined by dots"),
        ("channels.", "lower-case names joined by dots"),
        ("channels..fee", "lower-case names joined by dots"),
        ("documents.anything", "'documents' has no parts"),
        ("code.x", "'code' has no parts"),
        ("x" * 5000, "lower-case names joined by dots"),
    ],
)
def test_a_misspelt_provenance_path_is_refused_saying_why(
    tmp_path: Path, path: str, why: str
) -> None:
    with pytest.raises(CatalogDataError, match=re.escape(why)) as refused:
        _load_with(tmp_path, "1.004873", assumed=[path])
    assert "provenance.assumed[0]" in str(refused.value)
    assert len(str(refused.value)) < 700  # a long path is not echoed whole


def test_a_provenance_path_naming_a_channel_or_case_the_record_lacks_is_refused(
    tmp_path: Path,
) -> None:
    with pytest.raises(CatalogDataError, match=r"names channel 'online', which the record does"):
        _load_with(tmp_path, "1.013134", assumed=["documents", "channels.online.fee"])
    with pytest.raises(CatalogDataError, match=r"names case 'nd101', .* \['nd101-24-2a'"):
        _load_with(tmp_path, "1.013831", assumed=["cases.nd101"])
    # A case's own channel is a path too.
    land = _load_with(tmp_path, "1.013831", assumed=["cases.nd101-24-2a.channels.counter.fee"])
    assert land.get("1.013831").provenance.is_assumed("cases.nd101-24-2a.channels.counter.fee")


def test_a_source_is_never_an_assumption_and_names_its_document(tmp_path: Path) -> None:
    base = {"kind": "Quyết định", "number": "1/QĐ-UBND", "url": "https://example.invalid"}
    with pytest.raises(CatalogDataError, match="not assumed; list an assumed value"):
        _load_with(
            tmp_path, "1.004873", sources=[{**base, "certainty": "assumed", "fields": ["name"]}]
        )
    with pytest.raises(CatalogDataError, match="number"):
        _load_with(tmp_path, "1.004873", sources=[{**base, "number": "", "fields": ["name"]}])
    with pytest.raises(CatalogDataError, match="fields"):
        _load_with(tmp_path, "1.004873", sources=[{**base, "fields": []}])


@pytest.mark.parametrize("bad", [None, 5, b"name", ["name"], "", "DOCUMENTS", "nonsense"])
def test_questions_about_a_path_refuse_what_is_not_one(bad: object) -> None:
    provenance = CATALOG.get("1.004873").provenance
    for ask in (provenance.is_assumed, provenance.source_of, provenance.certainty_of):
        with pytest.raises(ArgumentTypeError, match="a field path of the record"):
            ask(bad)  # type: ignore[arg-type]


def test_an_unverified_record_confirms_its_code_and_name_only() -> None:
    p = next(p for p in CATALOG if not p.provenance.verified)
    assert not p.provenance.is_assumed("code")
    assert not p.provenance.is_assumed("name")
    assert p.provenance.is_assumed("channels.counter.time_limit")
    assert p.unsourced() == ()


def test_a_provinces_override_is_the_source_of_the_value_it_sets(tmp_path: Path) -> None:
    path = tmp_path / "hanoi.yaml"
    path.write_text(
        "schema_version: 1\nprovince: Hà Nội\n"
        "decision: {kind: Quyết định, number: 99/QĐ-UBND, issuer: UBND thành phố Hà Nội,"
        " issued: 2026-01-15}\n"
        "overrides:\n  - code: 1.004873\n    channels:\n      counter:\n"
        "        fee: {kind: fixed, amount: 5000}\n",
        encoding="utf-8",
    )
    p = CATALOG.with_overrides(path).get("1.004873")
    source = p.provenance.source_of("channels.counter.fee")
    assert source is not None
    assert (source.number, source.issued) == ("99/QĐ-UBND", vn(2026, 1, 15).date())
    assert not p.provenance.is_assumed("channels.counter.fee")
    assert p.provenance.source_of("channels.online.fee") != source  # only what it set
    assert p.unsourced() == ()


def test_the_most_specific_source_answers_for_a_value() -> None:
    law = FieldSource(kind="Luật", number="60/2014/QH13", fields=("channels",))
    decision = FieldSource(
        kind="Quyết định",
        number="1/QĐ-UBND",
        fields=("channels.counter.fee",),
        certainty=Certainty.VERIFIED,
    )
    provenance = Provenance(
        source_url="https://example.invalid",
        verified=True,
        sources=(law, decision),
        assumed=("channels.online",),
    )
    assert provenance.source_of("channels.counter.fee") == decision
    assert provenance.source_of("channels.counter.time_limit") == law
    assert provenance.source_of("channels.online.fee") is None
    assert provenance.certainty_of("channels.online.fee") is Certainty.ASSUMED
    assert provenance.certainty_of("channels.counter.fee") is Certainty.VERIFIED
    assert provenance.certainty_of("documents") is Certainty.SECONDARY  # no document named


def test_unsourced_names_the_values_without_a_dated_document() -> None:
    p = CATALOG.get("1.004873")
    bare = p.model_copy(
        update={"provenance": Provenance(source_url="https://example.invalid", verified=True)}
    )
    assert "channels.counter.time_limit" in bare.unsourced()
    assert "name" in bare.unsourced()
    undated = FieldSource(kind="Quyết định", number="1/QĐ-UBND", fields=("name",))
    half = bare.model_copy(
        update={"provenance": bare.provenance.model_copy(update={"sources": (undated,)})}
    )
    assert "name" in half.unsourced()  # a document without its date is not a citation


# -- the docs ---------------------------------------------------------------------------------


def test_the_docs_listing_is_generated_from_the_current_data() -> None:
    tool = _tool()
    doc = (ROOT / "docs/procedures.md").read_text(encoding="utf-8")
    assert tool.updated(doc, CATALOG) == doc, "run: .venv/bin/python tools/catalog_listing.py"


def test_the_docs_print_the_counts_per_field_and_every_code() -> None:
    doc = (ROOT / "docs/procedures.md").read_text(encoding="utf-8")
    for field, count in Counter(p.field for p in CATALOG).items():
        assert re.search(rf"\| {re.escape(field)} \| {count} \| [0-9]+ \|", doc), field
    for p in CATALOG:
        assert f"| {p.code} |" in doc
