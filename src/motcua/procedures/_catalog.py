"""A catalog of procedures: construction, lookups and search.

Reading files with line-accurate errors is in :mod:`._loading`; a province's override file
in :mod:`._overrides`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from motcua._bounds import DEFAULT_MAX_DEPTH, file_path
from motcua._names import clean
from motcua._vn import fold
from motcua.errors import ArgumentTypeError, CatalogDataError, ProcedureNotFoundError
from motcua.procedures._loading import (
    DEFAULT_MAX_BYTES,
    check_unique,
    data_error,
    parse_yaml,
    read,
)
from motcua.procedures._models import Procedure, is_procedure_code
from motcua.procedures._overrides import apply_file
from motcua.procedures._parts import Channel, Level
from motcua.procedures._search import SearchHit, SearchIndex

__all__ = ["Catalog"]

_BUILTIN = "<builtin>/procedures.yaml"


class _CatalogFile(BaseModel):
    """A catalog file: ``schema_version: 1`` and a list of procedures."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="motcua procedure catalog")

    schema_version: StrictInt = Field(ge=1, le=1)
    procedures: tuple[Procedure, ...]


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
        if isinstance(procedures, str | bytes | Procedure) or not isinstance(procedures, Iterable):
            raise ArgumentTypeError("procedures", procedures, expected="an iterable of Procedure")
        if not isinstance(source, str):
            raise ArgumentTypeError("source", source, expected="a str naming where it came from")
        by_code: dict[str, Procedure] = {}
        for index, procedure in enumerate(procedures):
            if not isinstance(procedure, Procedure):
                raise ArgumentTypeError(f"procedures[{index}]", procedure, expected="a Procedure")
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
    def from_file(
        cls,
        path: str | Path,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_depth: int = DEFAULT_MAX_DEPTH,
    ) -> Catalog:
        """Load a catalog from a YAML (``.yaml``/``.yml``) or JSON (``.json``) file.

        Everything is validated before anything is returned.

        Args:
            path: The file.
            max_bytes: Refuse, unread, a file larger than this (default 64 MiB); pass
                more for a genuine larger catalog.
            max_depth: Refuse data nested deeper than this many lists and mappings
                (default 32; real catalogs use about 8). YAML aliases may not expand a
                file past the values a file of its size could hold (see
                ``docs/security.md``).

        Raises:
            CatalogDataError: The file cannot be read or parsed, or a record is invalid;
                the message gives the file, the line where it can be known, the field path
                and what would be valid.
        """
        path = file_path(path)
        raw, nodes = read(path, max_bytes=max_bytes, max_depth=max_depth)
        try:
            record = _CatalogFile.model_validate(raw)
        except ValidationError as exc:
            # from None: the message says what pydantic found; its error, which holds the
            # whole input, could take seconds to print (a YAML alias bomb).
            raise data_error(exc, source=str(path), nodes=nodes, prefix=()) from None
        check_unique(record.procedures, source=str(path), nodes=nodes)
        return cls(record.procedures, source=str(path))

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of catalog files (shipped as ``motcua/data/catalog.schema.json``)."""
        return _CatalogFile.model_json_schema()

    def with_overrides(
        self,
        path: str | Path,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_depth: int = DEFAULT_MAX_DEPTH,
    ) -> Catalog:
        """Apply a province's override file: new fees, time limits, steps or extensions.

        Only what the file names changes; every changed value is recorded on the
        procedure (``procedure.overrides``) with the province's decision and the value
        before. See ``docs/catalog-format.md`` for the file format.

        Args:
            path: The override file (YAML or JSON).
            max_bytes: Refuse, unread, a file larger than this (default 64 MiB).
            max_depth: Refuse data nested deeper than this (default 32), as
                :meth:`from_file` does.

        Raises:
            CatalogDataError: The file is malformed, names an unknown procedure, or its
                values break a rule (steps that no longer add up to the time limit…).
        """
        path = file_path(path)
        updated = apply_file(
            self._by_code, path, get=self.get, max_bytes=max_bytes, max_depth=max_depth
        )
        return Catalog(updated.values(), source=f"{self._source} + {path}")

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
        code = clean(code)  # "1.001193\n" from a form or a file is "1.001193"
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
        return isinstance(code, str) and clean(code) in self._by_code

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

        Raises:
            ArgumentTypeError: A criterion is not of its type (a level or channel that is
                not one of its enum's values, a field that is not text).
        """
        if field is not None and not isinstance(field, str):
            raise ArgumentTypeError("field", field, expected="a field name (a str) or None")
        level = _member_or_none(Level, level, "level")
        channel = _member_or_none(Channel, channel, "channel")
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

        Raises:
            ArgumentTypeError: *text* not a str; *limit* not a whole number from 0 (a
                bool is not one).
        """
        if not isinstance(text, str):
            raise ArgumentTypeError("text", text, expected="the text the user typed (a str)")
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise ArgumentTypeError("limit", limit, expected="a whole number of hits from 0")
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
    raw, nodes = parse_yaml(text, source=_BUILTIN, max_depth=None)
    try:
        record = _CatalogFile.model_validate(raw)
    except ValidationError as exc:  # pragma: no cover - the shipped data is tested
        raise data_error(exc, source=_BUILTIN, nodes=nodes, prefix=()) from None
    check_unique(record.procedures, source=_BUILTIN, nodes=nodes)
    return Catalog(record.procedures, source="motcua built-in catalog")


_E = TypeVar("_E", Level, Channel)


def _member_or_none(kind: type[_E], value: object, argument: str) -> _E | None:
    """*value* as a member of *kind* (its value as text is read too), or None for None."""
    if value is None:
        return None
    if isinstance(value, str) and value in kind._value2member_map_:
        return kind(value)
    valid = ", ".join(m.value for m in kind)
    raise ArgumentTypeError(argument, value, expected=f"a {kind.__name__} ({valid}) or None")
