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
from motcua.procedures import Catalog
from motcua.sync import SyncFields, read_record

__all__ = ["audit", "audit_csv", "audit_lines"]


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
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"(an integer of about {value.bit_length() * 3 // 10} digits)"
    text = value if isinstance(value, str) else repr(value)
    return text[:200]


def audit_lines(lines: Iterable[str | bytes], **options: Any) -> Iterator[Finding]:
    """:func:`audit` of JSON lines, numbered as in the input (blank lines counted, skipped).

    A line that is not JSON is a ``malformed`` finding with the parser's message.
    """
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
    text: str, *, columns: dict[str, str] | None = None, **options: Any
) -> Iterator[Finding]:
    """:func:`audit` of a CSV export, one record per row, numbered by the file's lines.

    Args:
        text: The CSV text, with a header row.
        columns: Maps the file's column names to the sync record's
            (``{"ma_ho_so": "MaHoSo", "ngay_hen_tra": "NgayHenTra", …}``); columns not in
            the map keep their names, so a file already using the sync names needs none.
            Times are ``yyyyMMddHHmmss``; an empty cell is no value. A CSV row has no
            processing history.
        **options: As for :func:`audit`.

    Raises:
        ArgumentTypeError: *columns* is not a mapping of names to names.
    """
    if columns is not None and not (
        isinstance(columns, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in columns.items())
    ):
        raise ArgumentTypeError("columns", columns, expected="a mapping of column names")
    rename = columns or {}
    reader = csv.DictReader(io.StringIO(text))

    def numbered() -> Iterator[tuple[int, Any]]:
        for row in reader:
            record = {
                rename.get(k, k): (None if v == "" else v)
                for k, v in row.items()
                if isinstance(k, str)
            }
            yield reader.line_num, record

    return _audit(
        numbered(),
        options.get("office_hours"),
        options.get("fields", SyncFields()),
        options.get("catalog"),
        options.get("policy"),
    )
