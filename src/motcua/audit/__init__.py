"""An audit of another system's dossiers: each record recomputed, each difference explained.

Given sync records (:mod:`motcua.sync`; JSON lines), :func:`audit` recomputes the legal
due time from the record's reception time and the procedure's limit on the working
calendar, checks the status sequence of its history against the lifecycle chart, and
judges a finished dossier early / on time / late against motcua's due time. Every
disagreement is a :class:`Finding` that says **why**: the day off that lies between the
two answers (its name, document and certainty), a UTC time labelled +07:00, a transition
the chart does not allow, a field that cannot be read. A clean record produces nothing.

References:
    * Thông tư 01/2018/TT-VPCP, Điều 13 (early / on time / late).
    * Bộ luật Lao động 45/2019/QH14, Điều 111–112, and each year's announcements (the days
      off a due time skips).
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import Any

import pydantic_core

from motcua._vn import format_number
from motcua.calendar import EstimatePolicy, OfficeHours, WorkingCalendar
from motcua.dossiers import ClockPolicy, DossierAction, DossierStatus, finished_timeliness
from motcua.errors import ArgumentTypeError, MotcuaError
from motcua.procedures import Catalog
from motcua.sync import SyncFields, SyncRecord, format_time, read_record, replay

__all__ = [
    "FINDING_COLUMNS",
    "Finding",
    "FindingKind",
    "audit",
    "audit_csv",
    "audit_lines",
    "summary",
]


class FindingKind(StrEnum):
    """What disagrees."""

    MALFORMED = "malformed"
    """A field cannot be read (named, with its value)."""
    UNKNOWN_PROCEDURE = "unknown_procedure"
    """The procedure code is not in the catalog."""
    CHANNEL_NOT_OFFERED = "channel_not_offered"
    """The procedure is not offered on the record's channel."""
    STATUS_DIFFERS = "status_differs"
    """The record's status is not the last status of its own history."""
    DUE_AT_DIFFERS = "due_at_differs"
    """The record's appointment (NgayHenTra) is not motcua's legal due time."""
    POLICY_DIFFERS = "policy_differs"
    """The record's appointment is what another clock policy gives (named in ``why``):
    the limit restarted after a supplement, the payment wait counted or not, the paused
    calendar days added. Pass the centre's :class:`~motcua.dossiers.ClockPolicy` if it is
    the record's."""
    ILLEGAL_TRANSITION = "illegal_transition"
    """Two statuses in a row that no action of the chart connects."""
    OUT_OF_ORDER = "out_of_order"
    """A history entry earlier than the one before it."""
    TIMELINESS_DIFFERS = "timeliness_differs"
    """Finished: early / on time / late by motcua's due time, not by the record's."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One disagreement between a record and motcua, and why.

    Attributes:
        line: The record's line in the input (1, 2, …).
        code: The dossier code (``"?"`` when unreadable).
        kind: What disagrees.
        field: The field concerned.
        theirs: What the record says.
        ours: What motcua computes.
        why: The reason, in words: the day, the rule, the document.
    """

    line: int
    code: str
    kind: FindingKind
    field: str
    theirs: str
    ours: str
    why: str


FINDING_COLUMNS = ("line", "code", "kind", "field", "theirs", "ours", "why")
"""The CSV columns, in order; stable across releases."""

_SEVEN = timedelta(hours=7)


_REACHABLE = frozenset(
    (status, target)
    for status in DossierStatus
    for action in DossierAction
    if (target := action.target(status)) is not None
)


def _reachable(a: DossierStatus, b: DossierStatus) -> bool:
    return a == b or (a, b) in _REACHABLE


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


@dataclass(frozen=True, slots=True)
class _Context:
    calendar: WorkingCalendar
    catalog: Catalog
    fields: SyncFields
    policy: ClockPolicy


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
    ctx = _Context(calendar, catalog or Catalog.builtin(), fields, policy or ClockPolicy())
    return _run(numbered, ctx)


def _run(numbered: Iterable[tuple[int, Any]], ctx: _Context) -> Iterator[Finding]:
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
        yield from _check(line, record, ctx)


def _shown(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"(an integer of about {value.bit_length() * 3 // 10} digits)"
    text = value if isinstance(value, str) else repr(value)
    return text[:200]


def _history(line: int, record: SyncRecord, f: SyncFields) -> Iterator[Finding]:
    """The findings of the record's status and history against the chart."""
    history = record.history
    if history and history[-1].status is not record.status:
        yield Finding(
            line, record.code, FindingKind.STATUS_DIFFERS, f.status, record.status.value,
            history[-1].status.value,
            f"the record says {record.status.label}, its last history entry "
            f"{history[-1].status.label}",
        )  # fmt: skip
    for i, (before, after) in enumerate(pairwise(history), 1):
        here = f"{f.history}[{i}]"
        if after.at < before.at:
            yield Finding(
                line,
                record.code,
                FindingKind.OUT_OF_ORDER,
                here,
                format_time(after.at),
                f"≥ {format_time(before.at)}",
                "history entries must be in time order",
            )
        if not _reachable(before.status, after.status):
            yield Finding(
                line,
                record.code,
                FindingKind.ILLEGAL_TRANSITION,
                here,
                f"{before.status.value} → {after.status.value}",
                ", ".join(a.value for a in DossierAction.allowed(before.status)),
                f"no action leads from {before.status.label} to {after.status.label}",
            )


def _check(line: int, record: SyncRecord, ctx: _Context) -> Iterator[Finding]:
    f, calendar = ctx.fields, ctx.calendar
    yield from _history(line, record, f)
    try:
        procedure = ctx.catalog.get(record.procedure)
    except MotcuaError as error:
        yield Finding(
            line, record.code, FindingKind.UNKNOWN_PROCEDURE, f.procedure, record.procedure,
            "", str(error),
        )  # fmt: skip
        return
    try:
        limit = procedure.channel(record.channel).time_limit
    except MotcuaError as error:
        yield Finding(
            line, record.code, FindingKind.CHANNEL_NOT_OFFERED, f.channel,
            record.channel.value, "", str(error),
        )  # fmt: skip
        return
    if record.received_at is None or record.due_at is None:
        return
    if record.due_at < record.received_at:
        yield Finding(line, record.code, FindingKind.DUE_AT_DIFFERS, f.due_at,
                      format_time(record.due_at), "", "the appointment is before the "
                      f"dossier was received ({format_time(record.received_at)})")  # fmt: skip
        return
    try:
        ours_at = _legal_due(record, ctx, limit, ctx.policy)
    except MotcuaError as error:
        yield Finding(
            line, record.code, FindingKind.MALFORMED, f.received_at,
            format_time(record.received_at), "", str(error),
        )  # fmt: skip
        return
    if record.due_at != ours_at:
        kind = FindingKind.POLICY_DIFFERS
        try:
            why = _policy(record, ctx, limit)
            if why is None:
                kind = FindingKind.DUE_AT_DIFFERS
                why = _why_due(record.due_at, ours_at, record.received_at, calendar, limit)
        except MotcuaError:  # the record's appointment lies beyond the calendar
            why = (
                f"the appointment is outside the calendar's range "
                f"{calendar.first_date:%d/%m/%Y}–{calendar.last_date:%d/%m/%Y}"
            )
        yield Finding(
            line, record.code, kind, f.due_at, format_time(record.due_at),
            format_time(ours_at), why,
        )  # fmt: skip
    if record.finished_at is not None:
        mine = finished_timeliness(record.finished_at, ours_at)
        theirs = finished_timeliness(record.finished_at, record.due_at)
        if mine is not theirs:
            yield Finding(
                line,
                record.code,
                FindingKind.TIMELINESS_DIFFERS,
                f.finished_at,
                theirs.value,
                mine.value,
                f"finished {format_time(record.finished_at)}: {mine.label} against "
                f"the legal due time {format_time(ours_at)}, {theirs.label} against "
                f"the record's"
                + (
                    " (an extension does not make a late dossier on time: it is judged "
                    "against the legal due time, not the extended appointment)"
                    if record.new_due_at is not None and record.due_at == record.new_due_at
                    else ""
                ),
            )


def _legal_due(record: SyncRecord, ctx: _Context, limit: Any, policy: ClockPolicy) -> datetime:
    """Motcua's legal due time for the record: its history replayed, pauses counted."""
    assert record.received_at is not None
    if len(record.history) > 1:
        replayed = replay(record, calendar=ctx.calendar, catalog=ctx.catalog, policy=policy)
        if replayed.dossier is not None and replayed.dossier.legal_due_at is not None:
            return replayed.dossier.legal_due_at
    at: datetime = ctx.calendar.due_at(record.received_at, limit).at
    return at


def _ours(policy: ClockPolicy) -> str:
    """What the audit's own policy does, in words."""
    if policy == ClockPolicy():
        return (
            "motcua pauses the clock while it waits and counts the time already used "
            "(ClockPolicy defaults: NĐ 61/2018 and NĐ 107/2021 practice; land procedures "
            "exclude the payment wait, NĐ 151/2025)"
        )
    return (
        f"the audit's policy is restart_on_supplement={policy.restart_on_supplement}, "
        f"payment_wait_counts={policy.payment_wait_counts}"
    )


def _policy(record: SyncRecord, ctx: _Context, limit: Any) -> str | None:
    """A clock policy other than the audit's that reproduces the record's due time, if any.

    Tried in order: the limit restarted when a supplement arrived; the payment wait counted
    (or not counted, when the audit counts it); the calendar days of each pause added to
    the appointment made at reception (a common shortcut that ignores days off).
    """
    theirs = record.due_at
    assert theirs is not None
    assert record.received_at is not None
    waits = _waits(record)
    if not waits:
        return None
    policy = ctx.policy
    for other, how in (
        (
            policy.model_copy(update={"restart_on_supplement": not policy.restart_on_supplement}),
            "restarts the whole limit when the wait ended"
            if not policy.restart_on_supplement
            else "resumes with the time already used instead of restarting the limit",
        ),
        (
            policy.model_copy(update={"payment_wait_counts": not policy.payment_wait_counts}),
            "counts the wait for the applicant's payment as processing time"
            if not policy.payment_wait_counts
            else "stops the clock during the payment wait",
        ),
    ):
        try:
            if _legal_due(record, ctx, limit, other) == theirs:
                return f"the record {how}; {_ours(policy)}"
        except MotcuaError:
            continue
    days = sum((end.date() - start.date()).days for start, end in waits)
    base = ctx.calendar.due_at(record.received_at, limit).at
    if days and theirs in (
        base + timedelta(days=days),
        base + sum((end - start for start, end in waits), timedelta()),
    ):
        return (
            f"the record adds the {days} calendar days of the wait to the appointment made at "
            f"reception ({format_time(base)}), days off included; {_ours(policy)}, and adds "
            f"the unused time on the working calendar"
        )
    return None


def _waits(record: SyncRecord) -> list[tuple[datetime, datetime]]:
    """Each pause in the record's history: (entered, left); one still open is left out."""
    waits: list[tuple[datetime, datetime]] = []
    since: datetime | None = None
    for before, entry in pairwise(record.history):
        if entry.status.is_paused and not before.status.is_paused:
            since = entry.at
        elif since is not None and not entry.status.is_paused:
            waits.append((since, entry.at))
            since = None
    return waits


def _why_due(
    theirs: datetime, ours: datetime, start: datetime, calendar: WorkingCalendar, limit: Any
) -> str:
    """The likeliest reason the other system's due time differs from motcua's."""
    if theirs - ours in (_SEVEN, -_SEVEN):
        return (
            "the record's time is motcua's shifted by 7 hours: a UTC time labelled as "
            "Hà Nội time (+07:00), or the reverse"
        )
    low, high = sorted((theirs, ours))
    span = calendar.special_days(start.date(), high.date())
    if theirs < ours:  # the record counted a day motcua does not: a weekday off
        days = [d for d in span if not d.is_working and d.date.weekday() < 5]
        how = "counts as a working day what motcua does not"
    else:  # the record skipped a day motcua counts: a make-up Saturday
        days = [d for d in span if d.is_working]
        how = "skips a day motcua counts as working"
    if days:
        listed = "; ".join(
            f"{d.date:%d/%m/%Y} {d.name or d.kind.label} ({d.kind.value}, {d.source.cite()}, "
            f"{d.certainty.value})"
            for d in days
        )
        return f"the record is {'earlier' if theirs < ours else 'later'}: it likely {how}: {listed}"
    rule = _rule(theirs, ours, start, calendar, limit)
    if rule is not None:
        return rule
    gap = calendar.office_time_between(low, high)
    return (
        f"the record is {'earlier' if theirs < ours else 'later'} by {gap} of office time "
        f"with no day off between: office hours {calendar.identity.office_hours}, the limit "
        f"{limit.describe(lang='en')}, or a cut-off"
    )


def _rule(
    theirs: datetime, ours: datetime, start: datetime, calendar: WorkingCalendar, limit: Any
) -> str | None:
    """A counting rule that reproduces the record's due time, in words; None if none does."""
    low, high = sorted((theirs, ours))
    if not calendar.office_time_between(low, high) and calendar.is_valid_appointment(theirs):
        return (
            f"the same moment of office time: a limit used up at the end of a session is due "
            f"at its end ({format_time(ours)}) by motcua's rule, not at the next session's "
            f"start ({format_time(theirs)}) — or the reverse; docs/deadlines.md, session "
            f"boundary"
        )
    unit = limit.unit.value
    if unit == "calendar_days":
        last = start.date() + timedelta(days=limit.amount)
        if theirs.date() == last and not calendar.is_working_day(last):
            return (
                f"the record ends the period on {last:%d/%m/%Y}, a day off: a period whose "
                f"last day is a day off ends on the next working day (Bộ luật Dân sự "
                f"91/2015/QH13, Điều 148), {format_time(ours)}"
            )
        return None
    tomorrow = calendar.next_office_time(
        datetime.combine(start.date() + timedelta(days=1), time(), start.tzinfo)
    )
    later = calendar.due_at(tomorrow, limit).at
    if not calendar.office_time_between(*sorted((later, theirs))):  # 17:00 is 08:00 next day
        cutoff = getattr(limit, "cutoff", None)
        return (
            f"the record counts from the next working day ({format_time(tomorrow)}), as if "
            f"the dossier came after a cut-off; "
            + (
                f"the limit's cut-off is {cutoff:%H:%M}, and it was received at {start:%H:%M}"
                if cutoff is not None
                else "the limit has no cut-off"
            )
        )
    return None


def audit_lines(lines: Iterable[str | bytes], **options: Any) -> Iterator[Finding]:
    """:func:`audit` of JSON lines, numbered as in the input (blank lines counted, skipped).

    A line that is not JSON is a ``malformed`` finding with the parser's message.
    """
    fields = options.get("fields", SyncFields())

    def numbered() -> Iterator[tuple[int, Any]]:
        for line, raw in enumerate(lines, 1):
            if not isinstance(raw, str | bytes):
                yield line, Finding(line, "?", FindingKind.MALFORMED, "(line)", _shown(raw),
                                    "", "a line must be text")  # fmt: skip
                continue
            if not raw.strip():
                continue
            text = raw.removeprefix(b"\xef\xbb\xbf") if isinstance(raw, bytes) else raw
            try:
                yield line, pydantic_core.from_json(text, allow_inf_nan=False)
            except ValueError as exc:
                yield line, Finding(line, "?", FindingKind.MALFORMED, "(line)",
                                    _shown(raw[:80]), "", f"not JSON: {exc}")  # fmt: skip

    return _audit(
        numbered(), options.get("office_hours"), fields, options.get("catalog"),
        options.get("policy"),
    )  # fmt: skip


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
        numbered(), options.get("office_hours"), options.get("fields", SyncFields()),
        options.get("catalog"), options.get("policy"),
    )  # fmt: skip


def summary(findings: Iterable[Finding], *, form: str = "json") -> str:
    """The findings as ``csv``, ``json`` (with totals per kind) or an ``html`` summary."""
    found = list(findings)
    totals = Counter(f.kind.value for f in found)
    if form == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=FINDING_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for finding in found:
            writer.writerow({k: _cell(v) for k, v in asdict(finding).items()})
        return out.getvalue()
    if form == "html":
        rows = "".join(
            "<tr>"
            + "".join(f"<td>{html.escape(str(v))}</td>" for v in asdict(f).values())
            + "</tr>"
            for f in found
        )
        head = "".join(f"<th>{c}</th>" for c in FINDING_COLUMNS)
        total = "".join(
            f"<li>{html.escape(k)}: {format_number(n, lang='en')}</li>"
            for k, n in sorted(totals.items())
        )
        return (
            f"<h1>motcua audit: {format_number(len(found), lang='en')} findings</h1>"
            f"<ul>{total}</ul>"
            f'<table class="motcua-audit"><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    return json.dumps(
        {"totals": dict(sorted(totals.items())), "findings": [_plain(f) for f in found]},
        ensure_ascii=False,
        indent=2,
    )


def _plain(finding: Finding) -> dict[str, Any]:
    data = asdict(finding)
    data["kind"] = finding.kind.value
    return data


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet reads as text (no formula, no forged row)."""
    text = str(value.value if isinstance(value, StrEnum) else value)
    text = "".join(c if c.isprintable() else " " for c in text)  # no control characters
    return "'" + text if text.lstrip()[:1] in ("=", "+", "-", "@") else text
