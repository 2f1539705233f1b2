"""Reports on dossier handling for a period: intake, results, timeliness (TT 01/2018 Art. 13)."""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from motcua._names import clean
from motcua._text import csv_row, one_line
from motcua._time import VIETNAM_TZ, require_aware
from motcua._vn import format_number, format_percent
from motcua.dossiers import (
    Dossier,
    DossierRecord,
    DossierStatus,
)
from motcua.errors import ArgumentTypeError, ReportError, _shown
from motcua.reports._rules import python_rule

__all__ = ["COLUMNS", "Period", "Report", "ReportRow", "report"]

_US = timedelta(microseconds=1)
LAST_DAY = date(9998, 12, 31)
"""The last day a :class:`Period` may cover (its end, the next midnight, must exist)."""
GroupBy = Literal["field", "procedure", "case", "agency", "channel"]
_GROUPS = ("field", "procedure", "case", "agency", "channel")
_CHANNELS = ("counter", "online", "post")
_RECEIVED = {channel: f"received_{channel}" for channel in _CHANNELS}
_PAUSED = {
    DossierStatus.AWAITING_SUPPLEMENT: "paused_supplement",
    DossierStatus.AWAITING_PAYMENT: "paused_payment",
}
_CLOSED = {DossierStatus.STOPPED: "stopped", DossierStatus.WITHDRAWN: "withdrawn"}


@dataclass(frozen=True, slots=True)
class Period:
    """The days a report covers, first and last included, in Hà Nội time."""

    first: date
    last: date

    def __post_init__(self) -> None:
        for name in ("first", "last"):
            value = getattr(self, name)
            if type(value) is not date:
                raise ArgumentTypeError(f"Period.{name}", value, expected="a datetime.date")
        if self.last < self.first:
            raise ReportError(f"period ends ({self.last}) before it starts ({self.first})")
        if self.last > LAST_DAY:
            raise ReportError(
                f"period ends {self.last}, past the last day a report covers ({LAST_DAY}: its "
                f"end must still be a moment Python can write in every zone)"
            )

    @classmethod
    def day(cls, d: date) -> Period:
        """One day."""
        return cls(d, d)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """A calendar month.

        Raises:
            ReportError: There is no such month.
        """
        if (
            isinstance(year, bool)
            or isinstance(month, bool)
            or not (
                isinstance(year, int)
                and isinstance(month, int)
                and 1 <= year <= 9998
                and 1 <= month <= 12
            )
        ):
            raise ReportError(f"no month {month!r} of year {year!r}: months are 1–12")
        first = date(year, month, 1)
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return cls(first, nxt - timedelta(days=1))

    def __str__(self) -> str:
        if self.first == self.last:
            return f"{self.first:%d/%m/%Y}"
        return f"{self.first:%d/%m/%Y}–{self.last:%d/%m/%Y}"


@dataclass(slots=True)
class ReportRow:
    """One line of a report: a group (a field, a procedure…) or the total.

    Column definitions (written out in ``docs/reports.md``). Each counted dossier lands in
    exactly one of ``resolved_*``, ``in_progress_*``, ``paused_*``, ``stopped`` and
    ``withdrawn``, so those add up to ``carried_over + received``:

    * ``carried_over``: accepted before the period and not yet finished or closed when it
      began (*kỳ trước chuyển qua*).
    * ``received_*``: accepted during the period, by channel (*tiếp nhận mới*).
    * ``resolved_early`` / ``_on_time`` / ``_late``: decided during the period — the result
      ready, or a refusal after appraisal — judged against the legal limit (a late step
      makes it late).
    * ``in_progress_within`` / ``_overdue``: still being handled at the report's moment,
      before or after the legal due time.
    * ``paused_supplement`` / ``_payment``: waiting for the applicant (*tạm dừng*), even if
      past the due time before the pause.
    * ``stopped`` / ``withdrawn``: closed that way during the period.
    * ``refused``: of the resolved, those refused after appraisal (not a separate outcome).
    """

    group: str
    carried_over: int = 0
    received_counter: int = 0
    received_online: int = 0
    received_post: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    in_progress_within: int = 0
    in_progress_overdue: int = 0
    paused_supplement: int = 0
    paused_payment: int = 0
    stopped: int = 0
    withdrawn: int = 0
    refused: int = 0

    @property
    def received(self) -> int:
        """Newly received, all channels."""
        return self.received_counter + self.received_online + self.received_post

    @property
    def resolved(self) -> int:
        """Resolved during the period."""
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def on_time_rate(self) -> float | None:
        """Early or on time among the resolved (None when nothing was resolved)."""
        return (
            (self.resolved_early + self.resolved_on_time) / self.resolved if self.resolved else None
        )

    def as_dict(self) -> dict[str, object]:
        """The row with its derived columns, under the stable column names."""
        data: dict[str, object] = asdict(self)
        data["received"] = self.received
        data["resolved"] = self.resolved
        data["on_time_rate"] = None if self.on_time_rate is None else round(self.on_time_rate, 4)
        return {name: data[name] for name in COLUMNS}


COLUMNS = (
    "group",
    "carried_over",
    "received",
    "received_counter",
    "received_online",
    "received_post",
    "resolved",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "on_time_rate",
    "in_progress_within",
    "in_progress_overdue",
    "paused_supplement",
    "paused_payment",
    "stopped",
    "withdrawn",
    "refused",
)
"""The report's columns, in order; stable across releases (CSV and JSON use them)."""

_LABELS = {
    "group": "Nhóm",
    "carried_over": "Kỳ trước chuyển qua",
    "received": "Tiếp nhận mới",
    "received_counter": "Trực tiếp",
    "received_online": "Trực tuyến",
    "received_post": "Bưu chính",
    "resolved": "Đã giải quyết",
    "resolved_early": "Trước hạn",
    "resolved_on_time": "Đúng hạn",
    "resolved_late": "Quá hạn",
    "on_time_rate": "Tỷ lệ đúng hạn",
    "in_progress_within": "Đang giải quyết trong hạn",
    "in_progress_overdue": "Đang giải quyết quá hạn",
    "paused_supplement": "Chờ bổ sung",
    "paused_payment": "Chờ nghĩa vụ tài chính",
    "stopped": "Dừng xử lý",
    "withdrawn": "Rút hồ sơ",
    "refused": "Từ chối",
}


@dataclass(frozen=True, slots=True)
class Report:
    """A report for a period, as of a moment: one row per group and the total."""

    period: Period
    at: datetime
    group_by: str | None
    rows: tuple[ReportRow, ...]
    total: ReportRow

    def to_csv(self) -> str:
        """CSV with the stable column names of :data:`COLUMNS`; the total row last.

        Counts and rates are numbers; a group's name is text a spreadsheet reads as text:
        one line, no control characters, a ``'`` before a leading ``=``, ``+``, ``-`` or
        ``@``, quoted where it must be (``docs/security.md``).
        """
        lines = [csv_row(COLUMNS)]
        lines.extend(csv_row(row.as_dict().values()) for row in (*self.rows, self.total))
        return "".join(lines)

    def to_json(self) -> str:
        """JSON: the period, the moment, and the rows under :data:`COLUMNS` names."""
        return json.dumps(
            {
                "period": {
                    "first": self.period.first.isoformat(),
                    "last": self.period.last.isoformat(),
                },
                "at": self.at.isoformat(),
                "group_by": self.group_by,
                "rows": [row.as_dict() for row in self.rows],
                "total": self.total.as_dict(),
            },
            ensure_ascii=False,
            indent=2,
        )

    def to_html(self) -> str:
        """An HTML table with Vietnamese headings (every value escaped)."""
        head = "".join(f"<th>{html.escape(_LABELS[c])}</th>" for c in COLUMNS)
        body = []
        for row in (*self.rows, self.total):
            cells = []
            for name, value in row.as_dict().items():
                if name == "on_time_rate":
                    text = "" if not isinstance(value, float) else format_percent(value)
                elif isinstance(value, int):
                    text = format_number(value)
                else:
                    text = one_line(str(value))
                cells.append(f"<td>{html.escape(text)}</td>")
            body.append(f"<tr>{''.join(cells)}</tr>")
        title = html.escape(f"Báo cáo tình hình giải quyết hồ sơ {self.period}")
        return (
            f'<table class="motcua-report"><caption>{title}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )


def _local_date(moment: datetime) -> date:
    return moment.astimezone(VIETNAM_TZ).date()


def report(
    dossiers: Iterable[Dossier | DossierRecord],
    period: Period,
    *,
    at: datetime,
    group_by: GroupBy | None = "field",
) -> Report:
    """Count a period's dossiers the way handling reports do.

    Args:
        dossiers: Dossiers, or their stored :class:`motcua.DossierRecord` projections (a
            million in about a second: no state machine is built).
        period: The days covered.
        at: The moment the report is taken. Dossiers are counted as they stood at *at* or
            at the end of the period's last day, whichever is earlier (their timeline says
            how): a report of a closed period reads the same whenever it is taken, and a
            dossier finished or resumed after that moment counts as it stood then.
        group_by: ``"field"``, ``"procedure"``, ``"case"`` (the procedure and its case:
            ``"1.013831/nd101-24-2bc"``, or the code alone without one), ``"agency"``,
            ``"channel"``, or None for the total only.

    Raises:
        ReportError: An unknown grouping, or a dossier accepted after the period (it
            belongs to another report).
        NaiveDatetimeError: *at* has no time zone.
        DossierTimeError: A record cannot say how it stood at the report's moment (it
            has no timeline and changed after it).

    References:
        * Thông tư 01/2018/TT-VPCP, Điều 13 (early / on time / late against the time limit).
    """
    check_group(group_by)
    at = require_aware(at, "at")
    if not isinstance(period, Period):
        raise ArgumentTypeError("period", period, expected="a Period (Period.month(2026, 4)…)")
    if isinstance(dossiers, str | bytes) or not isinstance(dossiers, Iterable):
        raise ArgumentTypeError(
            "dossiers", dossiers, expected="an iterable of Dossier or DossierRecord"
        )
    first, last = period.first, period.last
    # The period's last instant: an event at 00:00 of the next day belongs to the next one.
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=VIETNAM_TZ) - _US
    moment = min(at, end)
    # Classify each dossier once and tally the classes; the rows are filled from the tally.
    tally: Counter[tuple[str, str, str, bool]] = Counter()
    by_case = group_by == "case"  # "1.013831/nd101-24-2bc", or the code alone
    for item in dossiers:
        then = _as_it_stood(item, period, end, moment)
        if then is None:
            continue
        counted = _RULE(then, moment, first)
        if counted is None:
            continue
        if by_case:
            key = then.procedure if then.case is None else f"{then.procedure}/{then.case}"
        else:
            # NFC and stripped: a field written in NFD by one export is still one row.
            key = clean(str(getattr(then, group_by))) if group_by else ""
        tally[(key, *counted)] += 1
    return tallied(tally, period, at, group_by)


def check_group(group_by: object) -> None:
    """Refuse a grouping the reports do not have, naming the ones they do.

    Raises:
        ReportError: *group_by* is not one of the groupings, nor None.
    """
    if group_by is not None and not (isinstance(group_by, str) and group_by in _GROUPS):
        raise ReportError(
            f"cannot group by {_shown(group_by)}; group by one of {', '.join(_GROUPS)} or None"
        )


def tallied(
    tally: Counter[tuple[str, str, str, bool]],
    period: Period,
    at: datetime,
    group_by: str | None,
) -> Report:
    """The report from counts of ``(group, source, outcome, refused)`` (the rules' classes).

    Both the Python report and the SQL one (``motcua.store``) count classes, then fill the
    rows here.
    """
    rows: dict[str, ReportRow] = {}
    total = ReportRow(group="Tổng cộng")
    for (key, source, outcome, refused), n in tally.items():
        if group_by and key not in rows:
            rows[key] = ReportRow(group=key)
        columns = (source, outcome, "refused") if refused else (source, outcome)
        for target in (rows[key], total) if group_by else (total,):
            for column in columns:
                setattr(target, column, getattr(target, column) + n)
    return Report(
        period=period,
        at=at,
        group_by=group_by,
        rows=tuple(rows[k] for k in sorted(rows)),
        total=total,
    )


def _as_it_stood(
    item: object, period: Period, end: datetime, moment: datetime
) -> DossierRecord | None:
    """*item* as it stood at *moment*, or None when the report does not count it."""
    if isinstance(item, DossierRecord):
        record = item
    elif isinstance(item, Dossier):
        record = item.record()
    else:
        raise ArgumentTypeError("dossiers", item, expected="Dossier or DossierRecord items")
    began = record.timeline[0].since if record.timeline else record.accepted_at
    if began is None:
        return None  # never accepted (or refused at reception): no time limit, not received
    if began > end:
        verb = "accepted" if began == record.accepted_at else "submitted"
        raise ReportError(
            f"dossier {record.code} was {verb} on {_local_date(began):%d/%m/%Y}, after the "
            f"period {period}: it belongs to a later report"
        )
    if began > moment:
        return None  # a report taken during the period, before this dossier existed
    return record._as_of(moment)  # as it stood then (the moment is checked by report())


_RULE = python_rule()
