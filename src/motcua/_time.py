"""Time in motcua: one zone, one check for aware datetimes."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from motcua.errors import ArgumentTypeError, NaiveDatetimeError

__all__ = ["VIETNAM_TZ", "in_vietnam_zone", "require_aware"]

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
"""The zone every Vietnamese time limit is counted in (UTC+7, no daylight saving)."""


_VIETNAM_OFFSET = timedelta(hours=7)


def in_vietnam_zone(moment: datetime) -> datetime:
    """*moment* in :data:`VIETNAM_TZ` when its offset is +07:00 (the same instant), else as is.

    A time read back as ``+07:00`` is Hà Nội time (no daylight saving since 1975); giving it
    the calendar's own zone spares every later comparison an offset conversion.
    """
    return moment.astimezone(VIETNAM_TZ) if moment.utcoffset() == _VIETNAM_OFFSET else moment


def require_aware(value: object, argument: str) -> datetime:
    """*value* as an aware datetime, or the motcua error that says what was wrong.

    Raises:
        ArgumentTypeError: It is not a datetime.
        NaiveDatetimeError: It has no time zone.
    """
    if not isinstance(value, datetime):
        raise ArgumentTypeError(argument, value, expected="a timezone-aware datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(argument, value)
    return value
