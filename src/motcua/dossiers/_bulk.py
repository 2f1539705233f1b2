"""Classifying many stored dossiers at once, from their clock fields alone."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from motcua.dossiers._dossier import ClockFields, _aware, classify
from motcua.dossiers._status import Timeliness

__all__ = ["classify_timeliness"]


def classify_timeliness(records: Iterable[ClockFields], at: datetime) -> list[Timeliness]:
    """The timeliness of every record at *at*, in order, without building any dossier.

    Store :meth:`motcua.Dossier.clock_fields` beside each dossier (four columns) and a
    nightly sweep or a report classifies a million of them in about a second (see
    ``benchmarks/README.md``).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from motcua import DossierStatus
    >>> VN = ZoneInfo("Asia/Ho_Chi_Minh")
    >>> due = datetime(2026, 3, 5, 9, 15, tzinfo=VN)
    >>> rows = [
    ...     ClockFields(DossierStatus.PROCESSING, due, None, False),
    ...     ClockFields(DossierStatus.RETURNED, due, datetime(2026, 3, 4, 10, 0, tzinfo=VN), False),
    ... ]
    >>> [t.value for t in classify_timeliness(rows, datetime(2026, 3, 6, 8, 0, tzinfo=VN))]
    ['overdue', 'early']
    """
    at = _aware(at, "at")
    return [classify(record, at) for record in records]
