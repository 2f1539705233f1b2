"""Inputs bounded where size costs, and errors cheap to print (issue 15).

Every limit is refused with its motcua error naming the limit; the formatting bound is
asserted by work done (the length of the formatted traceback), never by timing.
"""

from __future__ import annotations

import json
import traceback
from pathlib import Path
from typing import Any

import pytest

from helpers import vn
from motcua import Applicant, Catalog, Channel, Dossier, OfficialSchedule, WorkingCalendar
from motcua.errors import ArgumentTypeError, CatalogDataError, ScheduleDataError, StoredDossierError

ALIAS_BOMB = (
    "schema_version: 1\n"
    "a: &a [x, x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
    "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
    "procedures: [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
)


def _formatted(exc: BaseException) -> str:
    try:
        raise exc
    except BaseException:
        return traceback.format_exc()


def _cheap(exc: BaseException) -> None:
    """No chained cause holding the input: the whole traceback prints in a few lines."""
    text = _formatted(exc)
    assert len(text) < 3000, len(text)
    assert exc.__cause__ is None
    assert len(str(exc)) < 1500


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# -- catalog files ----------------------------------------------------------------------


def test_alias_bomb_is_refused_and_prints_cheaply(tmp_path: Path) -> None:
    path = _write(tmp_path, "bomb.yaml", ALIAS_BOMB)
    assert len(ALIAS_BOMB) < 800
    with pytest.raises(CatalogDataError, match="aliases expand it to more than 100,000") as info:
        Catalog.from_file(path)
    _cheap(info.value)


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_catalog_nested_deeper_than_the_limit(tmp_path: Path, suffix: str) -> None:
    deep = '{"schema_version": 1, "procedures": ' + "[" * 40 + "]" * 40 + "}"
    path = _write(tmp_path, f"deep{suffix}", deep)
    with pytest.raises(CatalogDataError, match=r"limit of 32 levels.*max_depth=") as info:
        Catalog.from_file(path)
    _cheap(info.value)
    # configurable: with more levels allowed, the schema refuses it instead
    with pytest.raises(CatalogDataError, match="procedures") as info:
        Catalog.from_file(path, max_depth=64)
    assert "levels" not in str(info.value)


def test_catalog_nested_past_the_interpreter_is_not_a_recursion_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000)
    with pytest.raises(CatalogDataError, match="limit of 32 levels"):
        Catalog.from_file(path)
    yaml_path = _write(tmp_path, "deep.yaml", "a: " + "[" * 100_000 + "]" * 100_000)
    with pytest.raises(CatalogDataError, match=r"deep.yaml"):
        Catalog.from_file(yaml_path)


def test_catalog_larger_than_max_bytes(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.yaml", "schema_version: 1\nprocedures: []\n" + "#" * 2000)
    with pytest.raises(CatalogDataError, match=r"larger than the limit of 1,000 bytes.*max_bytes"):
        Catalog.from_file(path, max_bytes=1000)
    with pytest.raises(CatalogDataError, match="larger than the limit of 1,000 bytes"):
        Catalog.builtin().with_overrides(path, max_bytes=1000)


@pytest.mark.parametrize("bad", [0, -1, True, "10", 1.5])
def test_limits_must_be_whole_numbers(tmp_path: Path, bad: Any) -> None:
    path = _write(tmp_path, "c.yaml", "schema_version: 1\nprocedures: []\n")
    with pytest.raises(ArgumentTypeError):
        Catalog.from_file(path, max_bytes=bad)
    with pytest.raises(ArgumentTypeError):
        OfficialSchedule.from_file(path, max_depth=bad)


def test_non_utf8_catalog(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.yaml", b"schema_version: 1\nname: \xff\xfe\n")
    with pytest.raises(CatalogDataError, match="not UTF-8"):
        Catalog.from_file(path)


def _one_bad_json(tmp_path: Path, copies: int) -> tuple[Path, int]:
    procedures = [p.model_dump(mode="json") for p in Catalog.builtin()][:3]
    items: list[dict[str, Any]] = []
    for _ in range(copies):
        for p in procedures:
            items.append({**json.loads(json.dumps(p)), "code": f"9.{len(items):06d}"})
    items[-2]["name"] = 12345
    text = json.dumps({"schema_version": 1, "procedures": items}, ensure_ascii=False, indent=1)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.strip() == '"name": 12345,')
    return _write(tmp_path, "one-bad.json", text), line


def test_json_error_line_is_right_without_composing_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml  # noqa: PLC0415

    path, line = _one_bad_json(tmp_path, copies=4)

    def compose(*args: object, **kwargs: object) -> None:
        raise AssertionError("the JSON file was composed as YAML to find a line")

    monkeypatch.setattr(yaml, "compose", compose)
    with pytest.raises(CatalogDataError) as info:
        Catalog.from_file(path)
    assert info.value.line == line
    assert info.value.location == f"procedures[{3 * 4 - 2}].name"
    _cheap(info.value)


def test_json_duplicate_code_line(tmp_path: Path) -> None:
    p = next(iter(Catalog.builtin())).model_dump(mode="json")
    text = json.dumps({"schema_version": 1, "procedures": [p, p]}, indent=1)
    path = _write(tmp_path, "dup.json", text)
    with pytest.raises(CatalogDataError, match="already used") as info:
        Catalog.from_file(path)
    wanted = f'   "code": "{p["code"]}",'
    codes = [n for n, row in enumerate(text.splitlines(), 1) if row == wanted]
    assert info.value.line == codes[1]


# -- schedule files ---------------------------------------------------------------------


def test_schedule_nested_deeper_than_the_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.toml", "schema_version = 1\nx = " + "[" * 40 + "]" * 40 + "\n")
    with pytest.raises(ScheduleDataError, match=r"limit of 32 levels.*max_depth=") as info:
        OfficialSchedule.from_file(path)
    _cheap(info.value)
    path = _write(tmp_path, "s.toml", "x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(ScheduleDataError, match="limit of 32 levels"):
        OfficialSchedule.from_file(path)


def test_schedule_size_and_encoding(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.toml", "schema_version = 1\n" + "#" * 5000 + "\n")
    with pytest.raises(ScheduleDataError, match=r"limit of 4,096 bytes.*max_bytes="):
        OfficialSchedule.from_file(path, max_bytes=4096)
    assert len(OfficialSchedule.from_file(path)) == 0
    path = _write(tmp_path, "latin1.toml", "schema_version = 1 # Tết\n".encode("utf-16"))
    with pytest.raises(ScheduleDataError, match="not UTF-8"):
        OfficialSchedule.from_file(path)


def test_schedule_pydantic_error_is_not_chained(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.toml", "schema_version = 1\n[years.2027]\ndays_off = 'x'\n")
    with pytest.raises(ScheduleDataError) as info:
        OfficialSchedule.from_file(path)
    _cheap(info.value)


# -- stored dossiers --------------------------------------------------------------------


@pytest.fixture
def stored(cal: WorkingCalendar) -> dict[str, Any]:
    dossier = Dossier.receive(
        Catalog.builtin().get("2.002621"),
        accepted_at=vn(2026, 3, 2, 8, 0),
        channel=Channel.ONLINE,
        applicant=Applicant(name="Nguyễn Văn An"),
        calendar=cal,
        by="cb.tiepnhan",
        code="BOUNDS-1",
    )
    return dossier.to_dict()


def test_forged_long_history_is_refused_before_replay(
    stored: dict[str, Any], cal: WorkingCalendar
) -> None:
    event = stored["history"][0]
    forged = {**stored, "history": [event] * 1_000_000}
    with pytest.raises(StoredDossierError, match=r"1,000,000 events.*limit of 10,000.*max_events"):
        Dossier.from_dict(forged, calendar=cal)
    with pytest.raises(StoredDossierError, match="limit of 1;"):
        Dossier.from_dict({**stored, "history": [event, event]}, calendar=cal, max_events=1)
    assert Dossier.from_dict(stored, calendar=cal, max_events=1).code == stored["code"]


def test_large_event_is_refused(stored: dict[str, Any], cal: WorkingCalendar) -> None:
    event = {**stored["history"][0], "by": "x" * 200_000}
    with pytest.raises(StoredDossierError, match=r"history\[0\].*200,0\d\d characters") as info:
        Dossier.from_dict({**stored, "history": [event]}, calendar=cal)
    _cheap(info.value)
    with pytest.raises(StoredDossierError, match="max_event_size"):
        Dossier.from_dict(stored, calendar=cal, max_event_size=3)


def test_json_text_past_max_bytes_is_refused_unparsed(
    stored: dict[str, Any], cal: WorkingCalendar
) -> None:
    text = json.dumps(stored)
    with pytest.raises(StoredDossierError, match=r"limit of 100.*max_bytes="):
        Dossier.from_json(text, calendar=cal, max_bytes=100)
    with pytest.raises(StoredDossierError, match="more than the limit of 16,777,216"):
        Dossier.from_json(b" " * (16 * 1024 * 1024 + 1), calendar=cal)
    with pytest.raises(StoredDossierError, match="limit of 3;"):
        Dossier.from_json(json.dumps(stored), calendar=cal, max_events=1, max_event_size=3)
    with pytest.raises(ArgumentTypeError):
        Dossier.from_json(text, calendar=cal, max_bytes=0)
    with pytest.raises(ArgumentTypeError):
        Dossier.from_dict(stored, calendar=cal, max_events=False)


def test_stored_value_carried_by_an_error_is_cut(
    stored: dict[str, Any], cal: WorkingCalendar
) -> None:
    forged = {**stored, "history": {str(i): i for i in range(50_000)}}
    with pytest.raises(StoredDossierError) as info:
        Dossier.from_dict(forged, calendar=cal)
    assert info.value.stored is not None
    assert len(info.value.stored) <= 1000
    _cheap(info.value)
