"""Where a procedure record's values come from, field by field (*provenance*).

A :class:`Provenance` says whether a record was verified, which documents each value rests
on (:class:`FieldSource`: number, date, article, where it was read, how sure) and which
values are assumptions, by field path (``"channels.online.fee"``). The paths follow a small
grammar of the record's shape, so a misspelt one is refused instead of silently naming
nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Self

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from motcua._sources import Certainty, LegalReference
from motcua._validation import rule_error, short
from motcua.errors import ArgumentTypeError
from motcua.procedures._parts import _Model

__all__ = ["FieldPath", "FieldSource", "Provenance"]


_RECORD_FIELDS = frozenset(
    {
        "code",
        "name",
        "aliases",
        "field",
        "levels",
        "channels",
        "documents",
        "result",
        "handling_agency",
        "cooperating_agencies",
        "steps",
        "extension",
        "clock_start",
        "cases",
        "legal_basis",
        "effective_from",
        "abolished_on",
        "abolished_by",
    }
)
"""The record's fields a provenance path may start with."""

_NATIONAL_FIELDS = (
    "code",
    "name",
    "field",
    "levels",
    "channels",
    "documents",
    "result",
    "handling_agency",
    "legal_basis",
    "extension",
    "clock_start",
    "cases",
    "steps",
    "abolished_on",
)
"""The fields of the national database's record shape whose provenance a catalog tracks."""


_CHANNEL_ATTRS = frozenset({"time_limit", "fee", "online_level", "note"})
_EXTENSION_ATTRS = frozenset({"time_limit", "condition", "kind", "words", "by_agreement"})
_CASE_ATTRS = frozenset({"name", "channels", "legal_basis", "note"})
_PATH_GRAMMAR: dict[str, tuple[frozenset[str] | None, ...]] = {
    "channels": (frozenset({"counter", "online", "post"}), _CHANNEL_ATTRS),
    "cases": (None, _CASE_ATTRS),  # None: any case key (checked against the record's cases)
    "extension": (_EXTENSION_ATTRS,),
}
_PATH = re.compile(r"[a-z_]+(?:\.[a-z0-9][a-z0-9_-]*)*")
_PATH_EXAMPLES = "e.g. 'channels.online.fee', 'documents', 'extension', 'cases.nd101-24-2a'"


def _covers(listed: str, path: str) -> bool:
    return path == listed or path.startswith(listed + ".")


def _path_problem(value: str) -> str | None:
    """What is wrong with *value* as a field path, or None when it is one."""
    if len(value) > 200 or not _PATH.fullmatch(value):
        return "a field path is lower-case names joined by dots, without spaces"
    root, *rest = value.split(".")
    if root not in _RECORD_FIELDS:
        return f"a path starts with one of {', '.join(sorted(_RECORD_FIELDS))}"
    if root == "cases" and rest[1:2] == ["channels"] and len(rest) > 2:
        return _path_problem(".".join(rest[1:]))  # a case's own channel: cases.<key>.channels…
    grammar = _PATH_GRAMMAR.get(root, ())
    if len(rest) > len(grammar):
        return f"{short(root)} has no parts a path can name past {len(grammar)} level(s)"
    for part, allowed in zip(rest, grammar, strict=False):
        if allowed is not None and part not in allowed:
            return f"after {short(root)} comes one of {', '.join(sorted(allowed))}"
    return None


def _check_path(value: str) -> str:
    problem = _path_problem(value)
    if problem is not None:
        raise PydanticCustomError(
            "provenance_path",
            "{path} is not a field path of a procedure record: {problem} ({examples})",
            {"path": short(value), "problem": problem, "examples": _PATH_EXAMPLES},
        )
    return value


def _query_path(path: object) -> str:
    """*path* checked as an argument (``source_of``, ``certainty_of``…)."""
    if not isinstance(path, str) or _path_problem(path) is not None:
        raise ArgumentTypeError(
            "path", path, expected=f"a field path of the record ({_PATH_EXAMPLES})"
        )
    return path


FieldPath = Annotated[str, AfterValidator(_check_path)]
"""A path into a procedure record: ``"documents"``, ``"channels.online.fee"``…"""


class FieldSource(LegalReference):
    """A document some of a record's values rest on, where they were read, and which values.

    ``url`` is where the values were read (a copy of the document, or of the national
    database page that names it); ``certainty`` says which: ``verified`` when read in the
    document's own text, ``secondary`` when read in another system's copy of it (a page of
    the national database, which cites the document), ``reported`` when only reported;
    ``note`` anything in between. A source is never ``assumed`` or ``estimated``: an
    assumption is listed in :attr:`Provenance.assumed` instead.

    >>> source = FieldSource(
    ...     kind="Quyết định", number="2637/QĐ-UBND", issuer="UBND tỉnh Vĩnh Long",
    ...     issued=dt.date(2025, 11, 16), article="Phụ lục I, mục A.1",
    ...     certainty="verified", fields=("channels", "documents", "legal_basis"),
    ... )
    >>> source.cite()
    'Phụ lục I, mục A.1 Quyết định 2637/QĐ-UBND ngày 16/11/2025 của UBND tỉnh Vĩnh Long'

    Attributes:
        fields: The field paths whose values were read in the document (``"channels"``
            covers every channel's limit and fee).
    """

    kind: str = Field(min_length=1)
    number: str = Field(min_length=1)
    fields: tuple[FieldPath, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _a_read_certainty(self) -> Self:
        if self.certainty in (Certainty.ASSUMED, Certainty.ESTIMATED):
            raise rule_error(
                "source_certainty",
                f"a source is read (verified), copied (secondary) or reported, not "
                f"{self.certainty.value}; list an assumed value in provenance.assumed instead",
            )
        return self


class Provenance(_Model):
    """Where a record comes from and how far to trust it, field by field.

    Attributes:
        source_url: Where the record was read (the main source).
        verified: True when the record's values were read in a source (the ones listed
            in :attr:`assumed` excepted); False when only code and name were confirmed.
        sources: The documents the values rest on, each with the fields it gave
            (number, date, article, where its copy was read, certainty).
        assumed: Field paths whose values are assumptions, e.g. ``"documents"`` or
            ``"channels.online.fee"``; everything under a listed path is assumed, unless a
            source names a narrower path (a province's decision overriding one fee).
        checked_on: When the values were last checked.
        notes: Anything a reader should know.
    """

    source_url: str
    verified: bool
    sources: tuple[FieldSource, ...] = ()
    assumed: tuple[FieldPath, ...] = ()
    checked_on: dt.date | None = None
    notes: str | None = None

    def _depth(self, path: str) -> tuple[int, int]:
        """How specifically an assumption and a source name *path* (-1: neither does)."""
        assumed = max((len(a) for a in self.assumed if _covers(a, path)), default=-1)
        sourced = max(
            (len(f) for s in self.sources for f in s.fields if _covers(f, path)), default=-1
        )
        return assumed, sourced

    def is_assumed(self, path: str) -> bool:
        """Tell whether the value at *path* (e.g. ``"channels.counter.fee"``) is assumed.

        A value is assumed when its path or a parent path is listed in :attr:`assumed` and
        no source names it more narrowly; in an unverified record, every value but the
        code and name is.

        Raises:
            ArgumentTypeError: *path* is not a field path.
        """
        _query_path(path)
        if not self.verified:
            return path not in ("code", "name")
        assumed, sourced = self._depth(path)
        return assumed >= 0 and assumed >= sourced

    def source_of(self, path: str) -> FieldSource | None:
        """The document the value at *path* rests on, if any.

        A dated source wins over an undated one, then the one naming the narrower path
        (``channels.counter.fee`` over ``channels``), then the one listed last (a
        province's override is listed after the national sources). None when the value
        is assumed or no source names it.

        Raises:
            ArgumentTypeError: *path* is not a field path.
        """
        if self.is_assumed(path):
            return None
        best: tuple[tuple[bool, int], FieldSource] | None = None
        for source in self.sources:
            for listed in source.fields:
                rank = (source.issued is not None, len(listed))
                if _covers(listed, path) and (best is None or rank >= best[0]):
                    best = (rank, source)  # among equals the last: an override comes last
        return None if best is None else best[1]

    def certainty_of(self, path: str) -> Certainty:
        """How sure the catalog is of the value at *path*.

        ``ASSUMED`` for an assumed value; the certainty of the document it rests on;
        ``SECONDARY`` for a value no document names (read in :attr:`source_url`, another
        system's copy; or an unverified record's confirmed code and name).

        Raises:
            ArgumentTypeError: *path* is not a field path.
        """
        if self.is_assumed(path):
            return Certainty.ASSUMED
        source = self.source_of(path)
        return Certainty.SECONDARY if source is None else source.certainty
