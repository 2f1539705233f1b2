"""Office hours: the sessions of a working day during which time limits run."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time, timedelta

from motcua._time import us_of_day
from motcua.errors import ArgumentTypeError, OfficeHoursError, _shown

__all__ = ["OfficeHours"]

_US_PER_MINUTE = 60_000_000
_SESSION = re.compile(r"^\s*(\d{1,2})[:h](\d{2})\s*[-–]\s*(\d{1,2})[:h](\d{2})\s*$")


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """The office sessions of a working day, e.g. 08:00–12:00 and 13:00–17:00.

    Time limits in working hours and working days run only inside these sessions; a
    dossier accepted at lunch, in the evening or on a day off starts counting at the
    next session. Sessions are half-open: 12:00 is already lunch, 17:00 already evening.

    There are no national clock hours: central agencies work 08:00–12:00 and
    13:00–17:00, many local offices start at 07:00 or 07:30. Give each centre its own.

    Example:
        >>> OfficeHours.standard()
        OfficeHours.parse('08:00-12:00, 13:00-17:00')
        >>> OfficeHours.parse("07:30-12:00, 13:30-17:00").length  # Phú Yên
        datetime.timedelta(seconds=28800)

    References:
        * Quyết định 188/1999/QĐ-TTg on the 40-hour working week (Monday–Friday).
        * Hà Nội: 08:00–12:00 and 13:00–17:00 since 2012 (secondary).

    Attributes:
        sessions: The sessions, in order, as ``(start, end)`` pairs.
    """

    sessions: tuple[tuple[time, time], ...]
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _ends: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _before: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _day_us: int = field(init=False, repr=False, compare=False)
    _minute_offset: tuple[int, ...] | None = field(init=False, repr=False, compare=False)
    _minute_inside: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.sessions, tuple | list) or not all(
            isinstance(s, tuple | list) and len(s) == 2 for s in self.sessions
        ):
            raise OfficeHoursError(
                f"sessions must be (start, end) pairs of datetime.time, "
                f"got {_shown(self.sessions)}; "
                f"to read text use OfficeHours.parse({_shown(self.sessions)})",
                value=self.sessions,
                session=None,
                expected="(start, end) pairs of datetime.time, or OfficeHours.parse(text)",
            )
        sessions = tuple((start, end) for start, end in self.sessions)
        if not sessions:
            raise OfficeHoursError(
                "office hours need at least one session, e.g. 08:00-12:00",
                value=sessions,
                session=None,
                expected="at least one session, e.g. 08:00-12:00",
            )
        starts: list[int] = []
        ends: list[int] = []
        before: list[int] = []
        total = 0
        previous_end = -1
        for index, (start, end) in enumerate(sessions):
            if not isinstance(start, time) or not isinstance(end, time):
                raise OfficeHoursError(
                    f"session {index + 1} must be a pair of datetime.time values, "
                    f"got {_shown((start, end))}",
                    value=(start, end),
                    session=index + 1,
                    expected="a pair of datetime.time values",
                )
            if start.tzinfo is not None or end.tzinfo is not None:
                raise OfficeHoursError(
                    f"session {index + 1} ({start}-{end}) carries a time zone; office hours "
                    f"are wall-clock times in the calendar's own time zone",
                    value=(start, end),
                    session=index + 1,
                    expected="wall-clock times without a time zone",
                )
            s, e = us_of_day(start), us_of_day(end)
            if e <= s:
                raise OfficeHoursError(
                    f"session {index + 1} ends ({end:%H:%M}) before it starts ({start:%H:%M})",
                    value=(start, end),
                    session=index + 1,
                    expected="an end after the start",
                )
            if s < previous_end:
                raise OfficeHoursError(
                    f"session {index + 1} ({start:%H:%M}-{end:%H:%M}) overlaps the one before; "
                    f"sessions must be in order and must not overlap",
                    value=(start, end),
                    session=index + 1,
                    expected="a start at or after the end of the session before",
                )
            starts.append(s)
            ends.append(e)
            before.append(total)
            total += e - s
            previous_end = e
        object.__setattr__(self, "sessions", sessions)
        object.__setattr__(self, "_starts", tuple(starts))
        object.__setattr__(self, "_ends", tuple(ends))
        object.__setattr__(self, "_before", tuple(before))
        object.__setattr__(self, "_day_us", total)
        # Lookup tables by minute of the day, for the calendar's hot path. Valid only when
        # every session starts and ends on a whole minute (all real office hours do).
        if all(v % _US_PER_MINUTE == 0 for v in (*starts, *ends)):
            offsets = tuple(self._offset_slow(minute * _US_PER_MINUTE) for minute in range(24 * 60))
            inside = bytes(
                any(s <= minute * _US_PER_MINUTE < e for s, e in zip(starts, ends, strict=True))
                for minute in range(24 * 60)
            )
            object.__setattr__(self, "_minute_offset", offsets)
            object.__setattr__(self, "_minute_inside", inside)
        else:
            object.__setattr__(self, "_minute_offset", None)
            object.__setattr__(self, "_minute_inside", b"")

    @classmethod
    def standard(cls) -> OfficeHours:
        """Return the hours of central state agencies: 08:00–12:00 and 13:00–17:00."""
        return _STANDARD

    @classmethod
    def parse(cls, text: str) -> OfficeHours:
        """Build office hours from text such as ``"07:30-11:30, 13:30-17:00"``.

        Separators may be ``-`` or ``–``; hours may be written ``07h30``.

        Raises:
            OfficeHoursError: The text is not a comma-separated list of sessions.
        """
        if not isinstance(text, str):
            raise ArgumentTypeError("text", text, expected="office hours as text: '08:00-12:00'")
        sessions: list[tuple[time, time]] = []
        for position, part in enumerate(text.split(","), start=1):
            match = _SESSION.match(part)
            if match is None:
                raise OfficeHoursError(
                    f"cannot read office session {_shown(part.strip())} in {_shown(text)}; "
                    f"write sessions as 'HH:MM-HH:MM', separated by commas",
                    value=part.strip(),
                    session=position,
                    expected="'HH:MM-HH:MM', sessions separated by commas",
                )
            h1, m1, h2, m2 = (int(g) for g in match.groups())
            try:
                sessions.append((time(h1, m1), time(h2, m2)))
            except ValueError as exc:
                raise OfficeHoursError(
                    f"office session {_shown(part.strip())}: {exc}",
                    value=part.strip(),
                    session=position,
                    expected="times of day from 00:00 to 23:59",
                ) from exc
        return cls(tuple(sessions))

    @property
    def length(self) -> timedelta:
        """The office time in one working day (8 hours for the standard hours)."""
        return timedelta(microseconds=self._day_us)

    @property
    def opens(self) -> time:
        """When the first session starts."""
        return self.sessions[0][0]

    @property
    def closes(self) -> time:
        """When the last session ends."""
        return self.sessions[-1][1]

    def contains(self, moment: time) -> bool:
        """Tell whether a wall-clock time falls inside a session (start included, end not).

        The one definition of "in office hours" motcua uses: the opening time is in, the
        end of a session is not (12:00 is lunch, 17:00 evening).

        >>> hours = OfficeHours.standard()
        >>> hours.contains(time(8, 0)), hours.contains(time(12, 0)), hours.contains(time(17, 0))
        (True, False, False)

        Raises:
            ArgumentTypeError: *moment* is not a ``datetime.time``.
        """
        return self._locate(us_of_day(_clock(moment)))[1]

    def ends_session(self, moment: time) -> bool:
        """Tell whether a wall-clock time is exactly the end of a session (12:00, 17:00).

        A due time used up at a session's end sits there, and it is a valid appointment.

        Raises:
            ArgumentTypeError: *moment* is not a ``datetime.time``.
        """
        return us_of_day(_clock(moment)) in self._ends

    def __str__(self) -> str:
        return ", ".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in self.sessions)

    def __repr__(self) -> str:
        return f"OfficeHours.parse({str(self)!r})"

    # -- arithmetic used by the calendar (microseconds of office time) ----------------

    def locate(self, us_of_day: int) -> tuple[int, bool]:
        """Office time elapsed in the day at a wall-clock instant, and whether it is inside.

        Returns ``(offset, inside)``: *offset* in microseconds of office time (a moment
        before a session counts as that session's start, a moment after the last session
        as the full day length); *inside* is True when the instant is in a session.

        Raises:
            ArgumentTypeError: *us_of_day* is not an int from 0 to 86,399,999,999.
        """
        return self._locate(_microseconds("us_of_day", us_of_day, _US_PER_DAY - 1))

    def _locate(self, us_of_day: int) -> tuple[int, bool]:
        table = self._minute_offset
        if table is not None:
            minute, rest = divmod(us_of_day, _US_PER_MINUTE)
            if self._minute_inside[minute]:
                return table[minute] + rest, True
            return table[minute], False
        return self._offset_slow(us_of_day), any(
            s <= us_of_day < e for s, e in zip(self._starts, self._ends, strict=True)
        )

    def _offset_slow(self, us_of_day: int) -> int:
        for start, end, before in zip(self._starts, self._ends, self._before, strict=True):
            if us_of_day < start:
                return before
            if us_of_day < end:
                return before + us_of_day - start
        return self._day_us

    def start_clock(self, offset: int) -> int:
        """Wall-clock microseconds of the instant *offset* into the day, as a start.

        An offset on a session boundary is the start of the later session.

        Raises:
            ArgumentTypeError: *offset* is not an int from 0 to the day's office time.
        """
        return self._start_clock(_microseconds("offset", offset, self._day_us))

    def _start_clock(self, offset: int) -> int:
        for start, end, before in zip(self._starts, self._ends, self._before, strict=True):
            if offset < before + (end - start):
                return start + offset - before
        return self._ends[-1]

    def end_clock(self, offset: int) -> int:
        """Wall-clock microseconds of the instant *offset* into the day, as an end.

        An offset on a session boundary is the end of the earlier session, so that a
        budget used up exactly at lunch ends at 12:00, not 13:00.

        Raises:
            ArgumentTypeError: *offset* is not an int from 0 to the day's office time.
        """
        return self._end_clock(_microseconds("offset", offset, self._day_us))

    def _end_clock(self, offset: int) -> int:
        for start, end, before in zip(self._starts, self._ends, self._before, strict=True):
            if offset <= before + (end - start):
                return start + offset - before
        return self._ends[-1]  # pragma: no cover - offsets never exceed the day length


_US_PER_DAY = 24 * 60 * _US_PER_MINUTE


def _clock(moment: object) -> time:
    if not isinstance(moment, time):
        raise ArgumentTypeError("moment", moment, expected="a wall-clock datetime.time")
    return moment


def _microseconds(argument: str, value: object, most: int) -> int:
    if type(value) is not int or not 0 <= value <= most:
        raise ArgumentTypeError(
            argument, value, expected=f"an int number of microseconds from 0 to {most:,}"
        )
    return value


_STANDARD = OfficeHours(((time(8, 0), time(12, 0)), (time(13, 0), time(17, 0))))
