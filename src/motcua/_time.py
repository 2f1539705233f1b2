"""Time in motcua: one zone, one check for aware datetimes, one clock reading.

Every module that needs the Vietnamese zone, refuses a naive datetime or reads a wall
clock as microseconds takes it from here, so the rule and its message are written once.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from motcua.errors import ArgumentTypeError, DateOutOfRangeError, NaiveDatetimeError

__all__ = ["VIETNAM_TZ", "in_vietnam_zone", "require_aware", "require_writable", "us_of_day"]

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

    The one check of motcua's moments, with one message form: *argument* names what
    received the value (a parameter, ``DossierRecord(…).due_at``, a stored column).

    >>> require_aware("09:00", "at")
    Traceback (most recent call last):
    ...
    motcua.errors.ArgumentTypeError: at must be a timezone-aware datetime, got str '09:00'

    Raises:
        ArgumentTypeError: It is not a datetime.
        NaiveDatetimeError: It has no time zone.
    """
    if not isinstance(value, datetime):
        raise ArgumentTypeError(argument, value, expected="a timezone-aware datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(argument, value)
    return value


def require_writable(value: object, argument: str) -> datetime:
    """:func:`require_aware`, and a moment that can be written in UTC and in Hà Nội time.

    For the calls that turn a moment into a day before any calendar range check (a new
    dossier, its code): ``datetime.max`` in UTC would otherwise overflow there.

    Raises:
        ArgumentTypeError: It is not a datetime.
        NaiveDatetimeError: It has no time zone.
        DateOutOfRangeError: A moment so near ``datetime.min`` or ``datetime.max`` that it
            cannot be written in UTC or in Hà Nội time (``datetime.max`` in UTC).
    """
    value = require_aware(value, argument)
    if value.year in _EDGE_YEARS:  # only there can a change of zone leave datetime's range
        try:
            value.astimezone(UTC)
            value.astimezone(VIETNAM_TZ)
        except OverflowError:
            raise DateOutOfRangeError(
                value,
                first=date.min,
                last=date.max,
                what=argument,
                hint="it cannot be written both in UTC and in Hà Nội time (UTC+07:00)",
            ) from None
    return value


_EDGE_YEARS = frozenset((date.min.year, date.max.year))


def us_of_day(clock: time | datetime) -> int:
    """Microseconds since midnight of a wall-clock reading (a datetime's, in its own zone).

    >>> us_of_day(time(8, 0, 0, 5))
    28800000005
    """
    return ((clock.hour * 60 + clock.minute) * 60 + clock.second) * 1_000_000 + clock.microsecond
