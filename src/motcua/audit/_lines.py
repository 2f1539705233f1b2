"""The audit's entry points: records, JSON lines or CSV rows, numbered as in the input."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

import pydantic_core

from motcua.audit._compare import check
from motcua.audit._explain import Context
from motcua.audit._findings import Finding, FindingKind
from motcua.calendar import EstimatePolicy, OfficeHours, WorkingCalendar
from motcua.dossiers import ClockPolicy
from motcua.errors import ArgumentTypeError, MotcuaError
from motcua.errors import _shown as shown_value
from motcua.procedures import Catalog
from motcua.sync import SyncFields, read_record
from motcua.sync._record import checked_fields

__all__ = ["DEFAULT_MAX_LINE_BYTES", "audit", "audit_csv", "audit_lines"]

DEFAULT_MAX_LINE_BYTES = 1 << 20
"""The longest line of an import read (1 MiB, in UTF-8 bytes); a longer one is a finding.

A sync record is a few kilobytes; a line longer than this is a ``malformed`` finding
naming the limit, and is not parsed. Pass ``max_line_bytes=`` (``motcua audit
--max-line-bytes``) for an export that genuinely holds longer records.
"""

_OPTIONS = frozenset({"office_hours", "fields", "catalog", "policy"})


def audit(
    records: Iterable[Any],
    *,
    office_hours: str | None = None,
    fields: SyncFields = SyncFields(),  # noqa: B008
    catalog: Catalog | None = None,
    policy: ClockPolicy | None = None,
) -> Iterator[Finding]:
    """The findings of each record, in order (a clean record yields none).

    Args:
        records: Sync records (parsed JSON objects), in input order; record *n* is line *n*.
        office_hours: The centre's sessions, e.g. ``"07:30-11:30, 13:30-17:00"``.
        fields: The record's field names.
        catalog: Where procedures are looked up (default: the built-in catalog).
        policy: The centre's clock policy (default: :class:`~motcua.dossiers.ClockPolicy`'s:
            the clock pauses during a supplement and a payment wait and resumes with the
            time already used). When a record's due time is reproduced by another policy
            — the limit restarted after a supplement, the payment wait counted, the paused
            calendar days added to the appointment — its finding says which.

    Raises:
        ArgumentTypeError: *office_hours* is not text, or *policy* not a ClockPolicy.
        OfficeHoursError: *office_hours* cannot be read.
    """
    if isinstance(records, str | bytes) or not isinstance(records, Iterable):
        raise ArgumentTypeError("records", records, expected="an iterable of sync records")
    return _audit(enumerate(records, 1), office_hours, fields, catalog, policy)


def _audit(
    numbered: Iterable[tuple[int, Any]],
    office_hours: str | None,
    fields: SyncFields,
    catalog: Catalog | None,
    policy: ClockPolicy | None = None,
) -> Iterator[Finding]:
    if office_hours is not None and not isinstance(office_hours, str):
        raise ArgumentTypeError(
            "office_hours", office_hours, expected='text like "07:30-11:30, 13:30-17:00"'
        )
    if policy is not None and not isinstance(policy, ClockPolicy):
        raise ArgumentTypeError("policy", policy, expected="a ClockPolicy")
    checked_fields(fields)
    if catalog is not None and not isinstance(catalog, Catalog):
        raise ArgumentTypeError("catalog", catalog, expected="a Catalog, or None for the built-in")
    hours = None if office_hours is None else OfficeHours.parse(office_hours)
    calendar = WorkingCalendar.vietnam(office_hours=hours, estimates=EstimatePolicy.ALLOW)
    ctx = Context(calendar, catalog or Catalog.builtin(), fields, policy or ClockPolicy())
    return _run(numbered, ctx)


def _run(numbered: Iterable[tuple[int, Any]], ctx: Context) -> Iterator[Finding]:
    fields = ctx.fields
    for line, raw in numbered:
        if isinstance(raw, Finding):  # a line that could not even be parsed
            yield raw
            continue
        try:
            record = read_record(raw, fields)
        except MotcuaError as error:
            code = raw.get(fields.code) if isinstance(raw, dict) else None
            where = getattr(error, "where", "(record)")
            yield Finding(
                line,
                code if isinstance(code, str) and code else "?",
                FindingKind.MALFORMED,
                where,
                _shown(getattr(error, "value", raw)),
                "",
                str(error),
            )
            continue
        yield from check(line, record, ctx)


def _shown(value: object) -> str:
    # A huge integer is shown by its size by the errors' bounded repr.
    return value[:200] if isinstance(value, str) else shown_value(value)[:200]


def _options(options: dict[str, Any], max_line_bytes: object) -> int:
    """Refuse an unknown option or a line limit that is not a count; the limit."""
    unknown = sorted(set(options) - _OPTIONS)
    if unknown:
        raise ArgumentTypeError(
            unknown[0],
            options[unknown[0]],
            expected=f"one of the options {', '.join(sorted(_OPTIONS))} (not {unknown[0]}=)",
        )
    if (
        isinstance(max_line_bytes, bool)
        or not isinstance(max_line_bytes, int)
        or max_line_bytes < 1
    ):
        raise ArgumentTypeError(
            "max_line_bytes", max_line_bytes, expected="a whole number of bytes, at least 1"
        )
    return max_line_bytes


def _too_long(line: int, raw: str | bytes, limit: int) -> Finding:
    return Finding(
        line,
        "?",
        FindingKind.MALFORMED,
        "(line)",
        _shown(raw[:80]),
        "",
        f"the line is longer than the limit of {limit:,} bytes and was not read; pass a "
        f"larger max_line_bytes= (motcua audit --max-line-bytes) if it is genuine",
    )


def _longer(raw: str | bytes, limit: int) -> bool:
    """Whether *raw* is longer than *limit* UTF-8 bytes (text is encoded only if it may be)."""
    if isinstance(raw, bytes) or len(raw) > limit:
        return len(raw) > limit
    return len(raw) * 4 > limit and len(raw.encode("utf-8", "surrogatepass")) > limit


def audit_lines(
    lines: Iterable[str | bytes], *, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES, **options: Any
) -> Iterator[Finding]:
    """:func:`audit` of JSON lines, numbered as in the input (blank lines counted, skipped).

    A line that is not JSON is a ``malformed`` finding with the parser's message; so is a
    line longer than *max_line_bytes* (:data:`DEFAULT_MAX_LINE_BYTES`), which is not
    parsed.

    Raises:
        ArgumentTypeError: *lines* is not an iterable of lines, *max_line_bytes* is not a
            count, or an option is not one of :func:`audit`'s.
    """
    limit = _options(options, max_line_bytes)
    if isinstance(lines, str | bytes) or not isinstance(lines, Iterable):
        raise ArgumentTypeError("lines", lines, expected="an iterable of lines (str or bytes)")
    fields = options.get("fields", SyncFields())

    def numbered() -> Iterator[tuple[int, Any]]:
        for line, raw in enumerate(lines, 1):
            if not isinstance(raw, str | bytes):
                yield (
                    line,
                    Finding(
                        line,
                        "?",
                        FindingKind.MALFORMED,
                        "(line)",
                        _shown(raw),
                        "",
                        "a line must be text",
                    ),
                )
                continue
            if _longer(raw, limit):
                yield line, _too_long(line, raw, limit)
                continue
            if not raw.strip():
                continue
            text = raw.removeprefix(b"\xef\xbb\xbf") if isinstance(raw, bytes) else raw
            try:
                yield line, pydantic_core.from_json(text, allow_inf_nan=False)
            except ValueError as exc:
                yield (
                    line,
                    Finding(
                        line,
                        "?",
                        FindingKind.MALFORMED,
                        "(line)",
                        _shown(raw[:80]),
                        "",
                        f"not JSON: {exc}",
                    ),
                )

    return _audit(
        numbered(),
        options.get("office_hours"),
        fields,
        options.get("catalog"),
        options.get("policy"),
    )


def audit_csv(
    text: str,
    *,
    columns: dict[str, str] | None = None,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    **options: Any,
) -> Iterator[Finding]:
    """:func:`audit` of a CSV export, one record per row, numbered by the file's lines.

    Args:
        text: The CSV text, with a header row.
        columns: Maps the file's column names to the sync record's
            (``{"ma_ho_so": "MaHoSo", "ngay_hen_tra": "NgayHenTra", …}``); columns not in
            the map keep their names, so a file already using the sync names needs none.
            Times are ``yyyyMMddHHmmss``; an empty cell is no value. A CSV row has no
            processing history.
        max_line_bytes: A row longer than this (its cells' UTF-8 bytes) is a
            ``malformed`` finding, not read; so is a cell longer than the ``csv``
            module's own limit (``csv.field_size_limit()``, 131,072 characters unless
            the process raised it).
        **options: As for :func:`audit`.

    Raises:
        ArgumentTypeError: *text* is not text, *columns* is not a mapping of names to
            names, *max_line_bytes* is not a count, or an option is not one of
            :func:`audit`'s.
    """
    limit = _options(options, max_line_bytes)
    if not isinstance(text, str):
        raise ArgumentTypeError("text", text, expected="the CSV export as text (str)")
    if columns is not None and not (
        isinstance(columns, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in columns.items())
    ):
        raise ArgumentTypeError("columns", columns, expected="a mapping of column names")
    rename = columns or {}
    reader = csv.reader(io.StringIO(text))

    def malformed(line: int, shown: str, why: str) -> tuple[int, Finding]:
        return line, Finding(line, "?", FindingKind.MALFORMED, "(row)", shown, "", why)

    def numbered() -> Iterator[tuple[int, Any]]:
        header: list[str] | None = None
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                why = f"not a CSV row: {exc}"
                if "field limit" in str(exc):
                    why = (
                        f"a cell is longer than the csv module's limit of "
                        f"{csv.field_size_limit():,} characters and the row was not read; "
                        f"raise csv.field_size_limit() if it is genuine"
                    )
                yield malformed(reader.line_num, "", why)
                continue
            if sum(len(c) for c in row) * 4 > limit and _longer(",".join(row), limit):
                yield reader.line_num, _too_long(reader.line_num, ",".join(row)[:80], limit)
                continue
            if header is None:
                header = row
                continue
            if not row:
                continue
            record = {
                rename.get(k, k): (None if v == "" else v)
                for k, v in zip(header, row, strict=False)
            }
            yield reader.line_num, record

    return _audit(
        numbered(),
        options.get("office_hours"),
        options.get("fields", SyncFields()),
        options.get("catalog"),
        options.get("policy"),
    )
