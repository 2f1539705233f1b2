"""Time in motcua: one zone, one check for aware datetimes."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from motcua.errors import ArgumentTypeError, NaiveDatetimeError

__all__ = ["VIETNAM_TZ", "require_aware"]

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
"""The zone every Vietnamese time limit is counted in (UTC+7, no daylight saving)."""


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
