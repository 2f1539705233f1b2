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

from motcua.audit._findings import FINDING_COLUMNS, Finding, FindingKind, summary
from motcua.audit._lines import DEFAULT_MAX_LINE_BYTES, audit, audit_csv, audit_lines

__all__ = [
    "DEFAULT_MAX_LINE_BYTES",
    "FINDING_COLUMNS",
    "Finding",
    "FindingKind",
    "audit",
    "audit_csv",
    "audit_lines",
    "summary",
]
