"""A catalog of procedures: loading, validation with line numbers, lookups, overrides."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from motcua._sources import LegalSource
from motcua._validation import field_path, real_errors, short
from motcua._vn import fold
from motcua.calendar import ProcessingTime
from motcua.errors import ArgumentTypeError, CatalogDataError, ProcedureNotFoundError
from motcua.procedures._fees import Fee
from motcua.procedures._models import OverrideRecord, Procedure, is_procedure_code
from motcua.procedures._parts import Channel, Extension, Level, Step
from motcua.procedures._search import SearchHit, SearchIndex

__all__ = ["Catalog"]

_BUILTIN = "<builtin>/procedures.yaml"


class _CatalogFile(BaseModel):
    """A catalog file: ``schema_version: 1`` and a list of procedures."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="motcua procedure catalog")

    schema_version: StrictInt = Field(ge=1, le=1)
    procedures: tuple[Procedure, ...]


class _ChannelOverride(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    time_limit: ProcessingTime | None = None
    fee: Fee | None = None


class _ProcedureOverride(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    channels: dict[Channel, _ChannelOverride] = {}
    steps: tuple[Step, ...] | None = None
    extension: Extension | None = None


class _OverrideFile(BaseModel):
    """A province's overrides of built-in procedures."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="motcua provincial overrides")

    schema_version: StrictInt = Field(ge=1, le=1)
    province: str = Field(min_length=1)
    decision: LegalSource
    overrides: tuple[_ProcedureOverride, ...] = Field(min_length=1)


class Catalog:
    """An immutable collection of :class:`Procedure` records, by code.

    >>> catalog = Catalog.builtin()
    >>> catalog.get("1.004873").name
    'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân'
    >>> catalog.search("xac nhan tinh trang hon nhan")[0].procedure.code
    '1.004873'

    Build one with :meth:`builtin` (the shipped commune-level catalog), :meth:`from_file`
    (YAML or JSON, the same schema; see ``docs/catalog-format.md``), or from procedures
    directly: ``Catalog(procedures)``.
    """

    __slots__ = ("_by_code", "_index", "_source")

    def __init__(self, procedures: Iterable[Procedure], *, source: str = "<memory>") -> None:
        by_code: dict[str, Procedure] = {}
        for procedure in procedures:
            if procedure.code in by_code:
                raise CatalogDataError(
                    source=source,
                    line=None,
                    location=f"procedures[{procedure.code}]",
                    problem=f"code {procedure.code} appears twice; each code may appear once",
                )
            by_code[procedure.code] = procedure
        self._by_code = by_code
        self._source = source
        self._index: SearchIndex | None = None

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def builtin(cls) -> Catalog:
        """The catalog shipped with motcua: common commune-level procedures after 07/2025.

        Every record carries its source and marks what in it is assumed
        (``procedure.provenance``).
        """
        return _builtin()

    @classmethod
    def from_file(cls, path: str | Path) -> Catalog:
        """Load a catalog from a YAML (``.yaml``/``.yml``) or JSON (``.json``) file.

        Everything is validated before anything is returned.

        Raises:
            CatalogDataError: The file cannot be read or parsed, or a record is invalid;
                the message gives the file, the line where it can be known, the field path
                and what would be valid.
        """
        path = Path(path)
        raw, nodes = _read(path)
        try:
            record = _CatalogFile.model_validate(raw)
        except ValidationError as exc:
            raise _data_error(exc, source=str(path), nodes=nodes, prefix=()) from exc
        _check_unique(record.procedures, source=str(path), nodes=nodes)
        return cls(record.procedures, source=str(path))

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of catalog files (shipped as ``motcua/data/catalog.schema.json``)."""
        return _CatalogFile.model_json_schema()

    def with_overrides(self, path: str | Path) -> Catalog:
        """Apply a province's override file: new fees, time limits, steps or extensions.

        Only what the file names changes; every changed value is recorded on the
        procedure (``procedure.overrides``) with the province's decision and the value
        before. See ``docs/catalog-format.md`` for the file format.

        Raises:
            CatalogDataError: The file is malformed, names an unknown procedure, or its
                values break a rule (steps that no longer add up to the time limit…).
        """
        path = Path(path)
        raw, nodes = _read(path)
        source = str(path)
        try:
            record = _OverrideFile.model_validate(raw)
        except ValidationError as exc:
            raise _data_error(exc, source=source, nodes=nodes, prefix=()) from exc
        updated = dict(self._by_code)
        for index, override in enumerate(record.overrides):
            where = ("overrides", index)
            try:
                code = self.get(override.code).code
            except ProcedureNotFoundError as exc:
                raise CatalogDataError(
                    source=source,
                    line=_line(nodes, (*where, "code")),
                    location=f"overrides[{index}].code",
                    problem=exc.args[0],
                ) from None
            updated[code] = _apply(
                updated[code], override, record, source=source, nodes=nodes, at=where
            )
        return Catalog(updated.values(), source=f"{self._source} + {source}")

    # -- lookups --------------------------------------------------------------------------

    def get(self, code: str) -> Procedure:
        """The procedure with *code*.

        A province's instance code (``2.000815.000.00.00.H61``) finds the national record
        when the catalog has no instance of its own.

        Raises:
            ProcedureNotFoundError: No such code; the error suggests close codes.
        """
        if not isinstance(code, str):
            raise ArgumentTypeError("code", code, expected='a procedure code, e.g. "1.001193"')
        found = self._by_code.get(code)
        if found is None and len(code) > 8 and is_procedure_code(code):
            found = self._by_code.get(code[:8])
        if found is None:
            raise self._not_found(code)
        return found

    def _not_found(self, code: str) -> ProcedureNotFoundError:
        close = difflib.get_close_matches(str(code), list(self._by_code), n=3, cutoff=0.8)
        return ProcedureNotFoundError(str(code), suggestions=tuple(close))

    def __getitem__(self, code: str) -> Procedure:
        return self.get(code)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Catalog):
            return NotImplemented
        return self._by_code == other._by_code

    __hash__ = None  # type: ignore[assignment]  # equal catalogs need not hash alike

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __repr__(self) -> str:
        return f"<Catalog {len(self)} procedures from {self._source}>"

    @property
    def fields(self) -> tuple[str, ...]:
        """Every field (*lĩnh vực*) in the catalog, sorted."""
        return tuple(sorted({p.field for p in self}))

    def filter(
        self,
        *,
        field: str | None = None,
        level: Level | None = None,
        channel: Channel | None = None,
        active_on: date | None = None,
    ) -> tuple[Procedure, ...]:
        """The procedures matching every criterion given, in catalog order.

        Args:
            field: The field (*lĩnh vực*), compared without regard to case or diacritics.
            level: Carried out at this level.
            channel: Offered on this channel.
            active_on: In force on this date (not yet abolished, already effective).
        """
        wanted = fold(field) if field is not None else None
        return tuple(
            p
            for p in self
            if (wanted is None or fold(p.field) == wanted)
            and (level is None or level in p.levels)
            and (channel is None or channel in p.offered_on)
            and (active_on is None or p.is_active(active_on))
        )

    def search(
        self, text: str, *, limit: int = 5, include_abolished: bool = False
    ) -> list[SearchHit]:
        """Find procedures the way people type them, best first.

        Understands text without diacritics or with scrambled ones, abbreviations (GPXD,
        HKD, QSDĐ, BHYT, CCCD…), everyday names ("làm giấy khai sinh", "sang tên sổ đỏ")
        and near-synonyms ("công chứng" for the commune's "chứng thực"). Abolished
        procedures are left out unless *include_abolished* is true.

        Args:
            text: What the user typed.
            limit: At most this many hits.
            include_abolished: Also return abolished procedures.
        """
        if not isinstance(text, str):
            raise ArgumentTypeError("text", text, expected="the text the user typed (a str)")
        code = text.strip()
        if is_procedure_code(code):
            try:
                found = self.get(code)
            except ProcedureNotFoundError:
                return []
            if found.abolished_on is not None and not include_abolished:
                return []
            return [SearchHit(procedure=found, score=1.0, matched=(code,))]
        if self._index is None:  # built on the first search, then kept
            self._index = SearchIndex(list(self))
        return self._index.search(text, limit=limit, include_abolished=include_abolished)


@cache
def _builtin() -> Catalog:
    text = resources.files("motcua.data").joinpath("procedures.yaml").read_text("utf-8")
    raw, nodes = _parse_yaml(text, source=_BUILTIN)
    try:
        record = _CatalogFile.model_validate(raw)
    except ValidationError as exc:  # pragma: no cover - the shipped data is tested
        raise _data_error(exc, source=_BUILTIN, nodes=nodes, prefix=()) from exc
    _check_unique(record.procedures, source=_BUILTIN, nodes=nodes)
    return Catalog(record.procedures, source="motcua built-in catalog")


# -- reading files with positions ---------------------------------------------------------


# libyaml's parser when PyYAML was built with it (about 10x faster), else pure Python.
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):  # type: ignore[valid-type, misc]
    """Safe YAML that leaves typing to the schema.

    No implicit floats (``1.001193`` stays the code it is), no implicit dates or
    sexagesimal numbers (``2025-02-30`` and ``15:00:00`` reach the schema as text, which
    parses and reports them with their field), decimal integers only, and no duplicate
    keys (YAML would silently keep the last one).
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r} (first on line {seen[key]}); give each key once",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


class _PositionLoader(yaml.SafeLoader):
    """The same rules, pure Python: composes nodes with line numbers for error messages."""


_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
for _cls in (_Loader, _PositionLoader):
    _cls.yaml_implicit_resolvers = {
        first: [
            (tag, _DECIMAL if tag == "tag:yaml.org,2002:int" else regexp)
            for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")
        ]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class _Positions:
    """The YAML node tree of a file, composed only when an error needs a line number."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._nodes: yaml.Node | None = None
        self._done = False

    def nodes(self) -> yaml.Node | None:
        if not self._done:
            self._done = True
            try:
                self._nodes = yaml.compose(self._text, Loader=_PositionLoader)
            except yaml.YAMLError:  # pragma: no cover - parsed once already: no lines then
                self._nodes = None
        return self._nodes


def _read(path: Path) -> tuple[Any, _Positions]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise CatalogDataError(
            source=str(path), line=None, location="file", problem=f"cannot read it: {reason}"
        ) from exc
    if path.suffix.lower() == ".json":
        try:
            raw = json.loads(text, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as exc:
            raise CatalogDataError(
                source=str(path), line=exc.lineno, location="JSON", problem=exc.msg
            ) from exc
        except _DuplicateKeyError as exc:
            raise CatalogDataError(
                source=str(path), line=_json_key_line(text, exc.key), location="JSON",
                problem=str(exc),
            ) from exc  # fmt: skip
        return raw, _Positions(text)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise CatalogDataError(
            source=str(path),
            line=None,
            location="file",
            problem=f"unknown file type {path.suffix!r}; use .yaml, .yml or .json",
        )
    return _parse_yaml(text, source=str(path))


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"duplicate key {key!r}; give each key once")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def _json_key_line(text: str, key: str) -> int | None:
    """The line of the second occurrence of *key* in a JSON text."""
    found = [i + 1 for i, line in enumerate(text.splitlines()) if f'"{key}"' in line]
    return found[1] if len(found) > 1 else None


def _parse_yaml(text: str, *, source: str) -> tuple[Any, _Positions]:
    try:
        raw = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CatalogDataError(
            source=source,
            line=mark.line + 1 if mark is not None else None,
            location="YAML",
            problem=str(getattr(exc, "problem", None) or exc),
        ) from exc
    if not isinstance(raw, dict):
        raise CatalogDataError(
            source=source,
            line=1,
            location="file",
            problem="the file must be a mapping with schema_version and its entries",
        )
    return raw, _Positions(text)


def _line(positions: _Positions, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the value at *loc*, walking the YAML node tree."""
    node = positions.nodes()
    if node is None:
        return None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if str(k.value) == str(part)), None)
            if child is None:
                continue  # a union tag pydantic adds to the path, not a key in the file
            node = child
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
    line: int = node.start_mark.line + 1
    return line


def _data_error(
    exc: ValidationError, *, source: str, nodes: _Positions, prefix: tuple[int | str, ...]
) -> CatalogDataError:
    real = real_errors(exc)
    first = real[0]
    problem = first["msg"].removeprefix("Value error, ")
    at = tuple((first.get("ctx") or {}).get("at") or ())
    field = _RULE_FIELDS.get(first["type"])
    loc = (*prefix, *first["loc"], *(at or ((field,) if field else ())))
    value = first.get("input")
    if first["type"] not in ("missing", "extra_forbidden") and not isinstance(value, dict | list):
        problem += f" (got {short(value)})"
    if first["type"] == "extra_forbidden":
        problem = f"unknown field {loc[-1]!r}; check its spelling against the JSON Schema"
    if len(real) > 1:
        problem += f"; and {len(real) - 1} more problem(s)"
    return CatalogDataError(
        source=source, line=_line(nodes, loc), location=field_path(loc), problem=problem
    )


# A record-level rule's error code names the field it is about, so the error can point at
# its line (never the message's wording: rewording a message must not move the line).
_RULE_FIELDS = {
    "step_budget_total": "steps",
    "step_budget_unit": "steps",
    "channel_repeated": "channels",
    "abolished_pair": "abolished_on",
    "abolished_order": "abolished_on",
    "online_level_channel": "online_level",
    "page_tier_first": "tiers",
    "page_tier_order": "tiers",
    "extension_adds": "time_limit",
    "clock_start_words": "clock_start",
    "case_repeated": "cases",
    "case_channel_repeated": "cases",
    "case_channel_not_offered": "cases",
    "documents_unknown_case": "documents",
    "provenance_path_target": "provenance",
}


def _check_unique(procedures: tuple[Procedure, ...], *, source: str, nodes: _Positions) -> None:
    seen: dict[str, int] = {}
    for index, procedure in enumerate(procedures):
        if procedure.code in seen:
            raise CatalogDataError(
                source=source,
                line=_line(nodes, ("procedures", index, "code")),
                location=f"procedures[{index}].code",
                problem=f"code {procedure.code} already used by procedures[{seen[procedure.code]}]",
            )
        seen[procedure.code] = index


def _apply(
    procedure: Procedure,
    override: _ProcedureOverride,
    record: _OverrideFile,
    *,
    source: str,
    nodes: _Positions,
    at: tuple[int | str, ...],
) -> Procedure:
    data = procedure.model_dump(mode="json")
    changes: list[OverrideRecord] = []

    def note(path: str, previous: Any) -> None:
        changes.append(
            OverrideRecord(
                path=path,
                province=record.province,
                decision=record.decision,
                previous_json=json.dumps(previous, ensure_ascii=False),
            )
        )
        # The province's decision is now the value's source: it is no longer assumed, and
        # source_of(path) answers with it (the narrowest source wins over a wider one).
        provenance = data["provenance"]
        provenance["assumed"] = [
            a for a in provenance["assumed"] if a != path and not a.startswith(path + ".")
        ]
        decision = record.decision.model_dump(mode="json", exclude_none=True)
        provenance["sources"] = [*provenance["sources"], {**decision, "fields": [path]}]

    for channel, change in override.channels.items():
        entry = next((c for c in data["channels"] if c["channel"] == channel.value), None)
        if entry is None:
            raise CatalogDataError(
                source=source,
                line=_line(nodes, (*at, "channels", channel.value)),
                location=f"{field_path(at)}.channels.{channel.value}",
                problem=f"procedure {procedure.code} is not offered on the {channel.value} "
                f"channel; it is offered on: {', '.join(c.value for c in procedure.offered_on)}",
            )
        for name in ("time_limit", "fee"):
            value = getattr(change, name)
            if value is not None:
                note(f"channels.{channel.value}.{name}", entry[name])
                entry[name] = value.model_dump(mode="json")
    for name in ("steps", "extension"):
        value = getattr(override, name)
        if value is not None:
            note(name, data[name])
            data[name] = (
                [s.model_dump(mode="json") for s in value]
                if name == "steps"
                else value.model_dump(mode="json")
            )
    data["overrides"] = [*data["overrides"], *(c.model_dump(mode="json") for c in changes)]
    try:
        return Procedure.model_validate(data)
    except ValidationError as exc:
        raise _data_error(exc, source=source, nodes=nodes, prefix=at) from exc
