"""What the audit reports: a finding's kind and fields, and the findings summarised."""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from motcua._text import csv_row
from motcua._vn import format_number
from motcua.errors import ArgumentTypeError

__all__ = ["FINDING_COLUMNS", "Finding", "FindingKind", "summary"]


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


_FORMS = ("csv", "json", "html")

FINDING_COLUMNS = ("line", "code", "kind", "field", "theirs", "ours", "why")
"""The CSV columns, in order; stable across releases."""


def summary(findings: Iterable[Finding], *, form: str = "json") -> str:
    """The findings as ``csv``, ``json`` (with totals per kind) or an ``html`` summary.

    Raises:
        ArgumentTypeError: *findings* is not an iterable of findings, or *form* is not
            one of ``csv``, ``json``, ``html``.
    """
    if form not in _FORMS:
        raise ArgumentTypeError("form", form, expected=f"one of {', '.join(_FORMS)}")
    if isinstance(findings, str | bytes) or not isinstance(findings, Iterable):
        raise ArgumentTypeError("findings", findings, expected="an iterable of Finding")
    found = list(findings)
    for i, finding in enumerate(found):
        if not isinstance(finding, Finding):
            raise ArgumentTypeError(f"findings[{i}]", finding, expected="a Finding")
    totals = Counter(f.kind.value for f in found)
    if form == "csv":  # cells neutralised and quoted as the reports' (motcua._text)
        return csv_row(FINDING_COLUMNS) + "".join(csv_row(_plain(f).values()) for f in found)
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
