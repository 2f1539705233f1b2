"""Reading catalog and override files, with the line of every error.

YAML is parsed by a safe loader that leaves typing to the schema and refuses duplicate
keys; JSON refuses duplicate keys too. The YAML node tree, with its line numbers, is only
composed when an error needs a line: :func:`line_of` walks it along a pydantic error's
path, and :func:`data_error` turns the first real error of a :class:`ValidationError` into
a :class:`~motcua.errors.CatalogDataError` naming the file, the line, the field and what
would be valid.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from motcua._bounds import DEFAULT_MAX_DEPTH, InputRefused, check_shape, read_text
from motcua._validation import field_path, real_errors, short
from motcua.errors import ArgumentTypeError, CatalogDataError
from motcua.procedures._json_lines import json_line
from motcua.procedures._models import Procedure

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Positions",
    "check_unique",
    "data_error",
    "line_of",
    "parse_yaml",
    "read",
]


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
                    f"duplicate key {short(key)} (first on line {seen[key]}); give each key once",
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


class Positions:
    """The YAML node tree of a file, composed only when an error needs a line number."""

    def __init__(self, text: str, *, json: bool = False) -> None:
        self._text = text
        self.json = json  # JSON lines are found by a path-directed scan, not composed
        self._nodes: yaml.Node | None = None
        self._done = False

    @property
    def text(self) -> str:
        """The file's text."""
        return self._text

    def nodes(self) -> yaml.Node | None:
        if not self._done:
            self._done = True
            try:
                self._nodes = yaml.compose(self._text, Loader=_PositionLoader)
            except (yaml.YAMLError, RecursionError):  # pragma: no cover - parsed already
                self._nodes = None
        return self._nodes


DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""The largest catalog or override file read unless a caller allows more (64 MiB)."""


def read(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, max_depth: int = DEFAULT_MAX_DEPTH
) -> tuple[Any, Positions]:
    """The parsed content of a YAML or JSON file, and its positions for error lines.

    Args:
        path: The file.
        max_bytes: Refuse, unread, a file larger than this.
        max_depth: Refuse data nested deeper than this many lists and mappings.

    Raises:
        CatalogDataError: The file cannot be read, is too large, is not UTF-8, is neither
            ``.yaml``/``.yml`` nor ``.json``, does not parse, is nested too deeply, expands
            too far (YAML aliases), repeats a key or is not a mapping.
    """
    _check_limits(max_bytes, max_depth)
    try:
        text = read_text(path, max_bytes=max_bytes)
    except InputRefused as exc:
        raise CatalogDataError(
            source=str(path), line=None, location="file", problem=exc.problem
        ) from None
    if path.suffix.lower() == ".json":
        try:
            raw = json.loads(text, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as exc:
            raise CatalogDataError(
                source=str(path), line=exc.lineno, location="JSON", problem=exc.msg
            ) from None
        except _DuplicateKeyError as exc:
            raise CatalogDataError(
                source=str(path),
                line=_json_key_line(text, exc.key),
                location="JSON",
                problem=str(exc),
            ) from None
        except RecursionError:
            raise _too_deep(str(path), max_depth) from None
        _check_shape(raw, source=str(path), size=len(text), max_depth=max_depth)
        return raw, Positions(text, json=True)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise CatalogDataError(
            source=str(path),
            line=None,
            location="file",
            problem=f"unknown file type {short(path.suffix)}; use .yaml, .yml or .json",
        )
    return parse_yaml(text, source=str(path), max_depth=max_depth)


def _check_limits(max_bytes: object, max_depth: object) -> None:
    for name, value in (("max_bytes", max_bytes), ("max_depth", max_depth)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ArgumentTypeError(name, value, expected="a whole number of at least 1")


def _too_deep(source: str, max_depth: int) -> CatalogDataError:
    return CatalogDataError(
        source=source,
        line=None,
        location="file",
        problem=f"nested deeper than the limit of {max_depth} levels of lists and mappings; "
        f"pass a larger max_depth= if it is genuine",
    )


def _check_shape(raw: Any, *, source: str, size: int, max_depth: int) -> None:
    try:
        check_shape(raw, max_depth=max_depth, size=size)
    except InputRefused as exc:
        raise CatalogDataError(
            source=source, line=None, location="file", problem=exc.problem
        ) from None
    except RecursionError:  # pragma: no cover - max_depth far beyond the interpreter's
        raise _too_deep(source, max_depth) from None


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"duplicate key {short(key)}; give each key once")


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


def parse_yaml(
    text: str, *, source: str, max_depth: int | None = DEFAULT_MAX_DEPTH
) -> tuple[Any, Positions]:
    """The mapping a YAML *text* holds, and its positions; *source* names it in errors.

    Args:
        text: The YAML text.
        source: What the messages call it.
        max_depth: Refuse data nested deeper than this, or expanded by aliases past what
            a file of its size could hold; None (the built-in catalog) checks neither.

    Raises:
        CatalogDataError: The text does not parse, is nested too deeply, expands too far,
            repeats a key or is not a mapping.
    """
    try:
        raw = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CatalogDataError(
            source=source,
            line=mark.line + 1 if mark is not None else None,
            location="YAML",
            problem=str(getattr(exc, "problem", None) or exc)[:200],
        ) from None
    except RecursionError:  # pragma: no cover - libyaml stops at its own depth first
        raise _too_deep(source, max_depth or 0) from None
    if max_depth is not None:
        _check_shape(raw, source=source, size=len(text.encode()), max_depth=max_depth)
    if not isinstance(raw, dict):
        raise CatalogDataError(
            source=source,
            line=1,
            location="file",
            problem="the file must be a mapping with schema_version and its entries",
        )
    return raw, Positions(text)


def line_of(positions: Positions, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the value at *loc*, walking the YAML node tree."""
    if positions.json:
        return json_line(positions.text, loc)
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


def data_error(
    exc: ValidationError, *, source: str, nodes: Positions, prefix: tuple[int | str, ...]
) -> CatalogDataError:
    """The first real problem of *exc* as a :class:`CatalogDataError` at its line.

    Args:
        exc: What pydantic refused.
        source: The file, as the message names it.
        nodes: The file's positions.
        prefix: Where in the file the validated value sits (``("overrides", 2)`` for a
            procedure rebuilt from an override); ``()`` for the whole file.
    """
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
        problem = f"unknown field {short(loc[-1])}; check its spelling against the JSON Schema"
    if len(real) > 1:
        problem += f"; and {len(real) - 1} more problem(s)"
    return CatalogDataError(
        source=source, line=line_of(nodes, loc), location=field_path(loc), problem=problem
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


def check_unique(procedures: tuple[Procedure, ...], *, source: str, nodes: Positions) -> None:
    """Refuse a file that gives a procedure code twice, at the second one's line.

    Raises:
        CatalogDataError: Two records share a code.
    """
    seen: dict[str, int] = {}
    for index, procedure in enumerate(procedures):
        if procedure.code in seen:
            raise CatalogDataError(
                source=source,
                line=line_of(nodes, ("procedures", index, "code")),
                location=f"procedures[{index}].code",
                problem=f"code {procedure.code} already used by procedures[{seen[procedure.code]}]",
            )
        seen[procedure.code] = index
