"""A time limit as people write it: the forms :meth:`ProcessingTime.parse` reads.

English or Vietnamese, with or without diacritics, and every form that
:meth:`ProcessingTime.describe` writes (so a description reads back as its limit). Reading
gives the parts as written; :class:`ProcessingTime` builds and checks the limit.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import time
from typing import NamedTuple

from motcua.calendar._units import TimeUnit
from motcua.errors import TimeLimitError, _shown

__all__ = ["WrittenLimit", "read_limit"]


class WrittenLimit(NamedTuple):
    """The parts of a written time limit, before they are checked.

    Attributes:
        unit: The unit.
        amount: The amount (0 for a same-day limit).
        cutoff: The cut-off written after it, if any.
        no_cutoff: A same-day limit written with "no cut-off".
        last_hour: The last-hour rule was written.
        added: The working days written as added on top; None when none were.
    """

    unit: TimeUnit
    amount: int
    cutoff: time | None
    no_cutoff: bool
    last_hour: bool
    added: int | None


def read_limit(text: str) -> WrittenLimit:
    """The parts of *text*, a time limit in one of the forms :meth:`ProcessingTime.parse` lists.

    Raises:
        TimeLimitError: The text is none of the forms, or its cut-off is not a time of day.
    """
    folded = " ".join(_fold(text).replace(",", " ").replace(";", " ").split())
    for pattern, short in _LONG_FORMS:  # what describe() writes reads back
        folded = pattern.sub(short, folded)
    added = None
    if (extra := _PLUS.search(folded)) is not None:
        added, folded = int(extra.group("n")), folded[: extra.start()].rstrip()
    last_hour = False
    if (last := _LAST_HOUR.search(folded)) is not None:
        last_hour, folded = True, folded[: last.start()].rstrip()
    for pattern, unit in _FORMS:
        match = pattern.fullmatch(folded)
        if match is None:
            continue
        cutoff = _cutoff(match, text, unit)
        if unit is TimeUnit.SAME_DAY:
            return WrittenLimit(unit, 0, cutoff, bool(match.group("none")), last_hour, added)
        return WrittenLimit(unit, int(match.group("n")), cutoff, False, last_hour, added)
    raise TimeLimitError(
        f"cannot read {_shown(text)} as a time limit; write '3 working days', '8 working hours', "
        f"'15 calendar days', 'same day', 'same day, cut-off 15:00', '3 working days, "
        f"cut-off 15:00', 'same day, plus 2 working days' (or in Vietnamese: "
        f"'3 ngày làm việc', '8 giờ làm việc', '15 ngày', 'trong ngày', "
        f"'3 ngày làm việc, sau 15h00', 'trong ngày, thêm 2 ngày làm việc')",
        unit="?",
        value=text,
    )


def _cutoff(match: re.Match[str], text: str, unit: TimeUnit) -> time | None:
    hour, minute = match.group("h"), match.group("m")
    if hour is None:
        return None
    if int(hour) > 23 or int(minute) > 59:
        raise TimeLimitError(
            f"cut-off {hour}:{minute} is not a time of day", unit=unit.value, value=text
        )
    return time(int(hour), int(minute))


def _fold(text: str) -> str:
    """Lower case, without Vietnamese diacritics (đ → d)."""
    decomposed = unicodedata.normalize("NFD", text.strip().lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_N = r"(?P<n>[0-9]{1,5})"
_CUT = r"(?: (?:cut-?off|after|sau|gio chot) (?P<h>[0-9]{1,2})[:h](?P<m>[0-9]{2}))?"
_FORMS = (
    (re.compile(rf"{_N} ?(?:working days?|ngay lam viec){_CUT}"), TimeUnit.WORKING_DAYS),
    (re.compile(rf"{_N} ?(?:working hours?|gio lam viec|gio){_CUT}"), TimeUnit.WORKING_HOURS),
    (re.compile(rf"{_N} ?(?:calendar days?|ngay){_CUT}"), TimeUnit.CALENDAR_DAYS),
    (
        re.compile(
            r"(?:same day|(?:ngay )?trong ngay)"
            r"(?: (?P<none>no cut-?off|khong gio chot)"
            r"|(?: (?:cut-?off|after|sau|gio chot) (?P<h>[0-9]{1,2})[:h](?P<m>[0-9]{2})))?"
        ),
        TimeUnit.SAME_DAY,
    ),
)
_LONG_FORMS = tuple(
    (re.compile(pattern), short)
    for pattern, short in (
        (
            r"received after ([0-9]{1,2}:[0-9]{2}): (?:counted from )?the next working day",
            r"cut-off \1",
        ),
        (r"received in the last office hour: counted from the next working day", "last hour"),
        (
            r"nhan sau ([0-9]{1,2}) gio ([0-9]{2}) thi (?:tinh tu|tra trong) ngay lam viec "
            r"tiep theo",
            r"sau \1h\2",
        ),
        (
            r"nhan trong gio lam viec cuoi cung cua ngay thi tinh tu ngay lam viec tiep theo",
            "gio cuoi",
        ),
        (r"^ngay trong ngay tiep nhan", "trong ngay"),
    )
)
_PLUS = re.compile(
    r" (?:plus|them|keo dai them) (?P<n>[0-9]{1,5}) ?(?:working days?|ngay lam viec)$"
)
_LAST_HOUR = re.compile(r" (?:last (?:office )?hour|gio (?:lam viec )?cuoi(?: cung)?)$")
