"""Timeliness: the one early / on-time / late rule, and the phases of a dossier's timeline.

The projection stored beside a dossier, :class:`motcua.DossierRecord`, is in
``_projection.py``: it carries one :class:`Phase` per event.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from motcua._time import VIETNAM_TZ, require_writable
from motcua.dossiers._status import DossierStatus, Timeliness

__all__ = ["Phase", "finished_timeliness"]


def finished_timeliness(finished_at: datetime, due_at: datetime) -> Timeliness:
    """Early, on time or late: *finished_at* against *due_at*, the one rule motcua applies.

    Late after the due time; early on an earlier day than the due day (days read in
    Asia/Ho_Chi_Minh, whatever zone the values carry); on time otherwise.

    >>> from datetime import timezone
    >>> due = datetime(2026, 3, 5, 9, 15, tzinfo=VIETNAM_TZ)
    >>> finished_timeliness(datetime(2026, 3, 4, 20, 0, tzinfo=timezone.utc), due).value
    'on_time'

    (20:00 UTC on 4/3 is 03:00 on 5/3 in Hà Nội: the due day, so on time, not early.)

    References:
        * Thông tư 01/2018/TT-VPCP, Điều 13 (trước hạn, đúng hạn, quá hạn).

    Raises:
        ArgumentTypeError: A moment is not a datetime.
        NaiveDatetimeError: A moment has no time zone.
        DateOutOfRangeError: A moment too near ``datetime``'s edges to be read in Hà Nội
            time.
    """
    finished_at = require_writable(finished_at, "finished_at")
    due_at = require_writable(due_at, "due_at")
    if finished_at > due_at:
        return Timeliness.LATE
    if finished_at.astimezone(VIETNAM_TZ).date() < due_at.astimezone(VIETNAM_TZ).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME


class Phase(NamedTuple):
    """How a dossier stood from one event until the next: one entry of its timeline.

    Attributes:
        since: The event's time.
        version: The dossier's version after it.
        status: The status.
        overdue: Whether the overdue flag was set.
        legal_due_at: The legal due time.
        due_at: The appointment.
        clock_stopped: Whether the clock was stopped (a wait that does not count).
        paused_since: When the current wait began, while waiting.
    """

    since: datetime
    version: int
    status: DossierStatus
    overdue: bool
    legal_due_at: datetime | None
    due_at: datetime | None
    clock_stopped: bool
    paused_since: datetime | None


def __getattr__(name: str) -> object:
    # DossierRecord lived here until 2026-12 (a pickle names its module): found on demand,
    # since its module imports this one.
    if name == "DossierRecord":
        from motcua.dossiers._projection import DossierRecord  # noqa: PLC0415

        return DossierRecord
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
