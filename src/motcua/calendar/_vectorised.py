"""Working-day arithmetic over numpy arrays of dates: the same index, gathered.

The arrays are indexed by the date itself (days since 1970-01-01, what a
``datetime64[D]`` holds), so a ``datetime64[D]`` array is used as it is, without a
copy: adding *n* working days to every date is two gathers, ``before[d]`` and then
the working day *n* places on. Days before the calendar's first day hold a value no
gather accepts, and the bounds the gathers do not check (a date before 1970, NaT, a
date past the calendar) are found from one maximum; anything out of the ordinary
goes to the slow path, which finds the exact refusal.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from motcua.calendar._index import CalendarIndex
from motcua.errors import ArgumentTypeError, DateOutOfRangeError, MissingDependencyError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TypeAlias

    import numpy as np
    import numpy.typing as npt

    DateArrayLike: TypeAlias = npt.ArrayLike | Sequence[date | str]

__all__ = ["ArrayQueries"]

_UNIX_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# In the tables' padding before the calendar's first day: larger than any table, so
# a gather with it raises IndexError instead of answering.
_OUTSIDE = 1 << 62
# From this many dates on, a step's two gathers are made once over the calendar's days
# and the dates gathered once from that (see _per_day).
_ONE_GATHER = 1 << 16
# The fast path takes an int n below this (any n the calendar can answer); others,
# and arrays of n, take the general path.
_LARGE = 1 << 62


class ArrayQueries(CalendarIndex):
    """The calendar's vectorised questions (a part of :class:`motcua.WorkingCalendar`)."""

    __slots__ = ()

    def add_working_days_array(
        self, dates: DateArrayLike, n: npt.ArrayLike
    ) -> npt.NDArray[np.datetime64]:
        """:meth:`add_working_days` over arrays of dates (numpy ``datetime64[D]``).

        *n* is an int or an array broadcastable against *dates*. Needs the ``numpy``
        extra (``pip install 'motcua[numpy]'``). A ``datetime64[D]`` array is read as
        it is; other dates (``date`` objects, ISO strings, other units) are converted
        first.

        Raises:
            MissingDependencyError: numpy is not installed.
            DateOutOfRangeError: A date or result is outside the calendar's range.
        """
        t = self._np if self._np is not None else self._numpy()
        given: Any = dates
        if type(given) is t.ndarray and given.dtype == t.day:
            days = given.view(t.int64)  # _array_days's first case, inlined: ~0.2 µs a call
        else:
            days = self._array_days(t, dates, "dates")
        out: npt.NDArray[np.datetime64] | None = None
        if type(n) is int and 0 < n < _LARGE:  # the usual call: no array made of n
            out = self._ahead(t, days, n)
        if out is None:
            out = self._add_general(t, days, n)
        return out

    def _ahead(self, t: _Tables, days: Any, step: int) -> Any:
        """*step* > 0 working days after each of *days*; None for the general path to refuse.

        Each result is later than its date, so the largest comes from the last date: one
        maximum checks the range (a date before 1970 or NaT is huge as unsigned); a date
        before the calendar's first day fails the second gather.
        """
        if not days.size:
            return None
        hi = int(t.max(days.view(t.uint64), None))
        if not t.first <= hi <= t.last:
            return None
        k_top = self._before[hi - t.first] + step - 1
        if k_top >= t.nwd:
            return None
        ahead = t.wd[t.nwd + step - 1 :]
        if days.size >= _ONE_GATHER:
            if int(t.min(days, None)) < t.first:
                return None
            result = _per_day(t, t.before, ahead).take(days)
        else:
            try:
                result = ahead.take(t.before.take(days))
            except IndexError:
                return None
        if self._wd[k_top] >= self._estimated_from:
            self._estimated(int(t.min(days, None)) + _UNIX_EPOCH_ORDINAL, "add_working_days_array")
        return result.view(t.day)

    def _back(self, t: _Tables, days: Any, step: int) -> Any:
        """*step* < 0 working days before each of *days*; None for the general path to refuse.

        Each result is earlier than its date: the smallest comes from the first date.
        """
        lo, hi = int(t.min(days, None)), int(t.max(days.view(t.uint64), None))
        if not t.first <= lo <= hi <= t.last:
            return None
        k_low = self._before[lo - t.first] - self._working[lo - t.first] + step
        if k_low < 0:
            return None
        back = t.wd[t.nwd + step :]
        if days.size >= _ONE_GATHER:
            result = _per_day(t, t.before_excl, back).take(days)
        else:
            result = back.take(t.before_excl.take(days))
        if hi + _UNIX_EPOCH_ORDINAL >= self._estimated_from:
            low = int(t.wd[t.nwd + k_low]) + _UNIX_EPOCH_ORDINAL
            self._estimated(low, "add_working_days_array")
        return result.view(t.day)

    def _add_general(self, t: _Tables, days: Any, n: npt.ArrayLike) -> Any:
        """:meth:`add_working_days_array` for any *n*, and every refusal."""
        try:
            steps = t.np.asarray(n)
        except (OverflowError, TypeError, ValueError):
            steps = None
        if steps is None or steps.dtype.kind not in "iu" or _past_int64(t, steps):
            self._check_days(t, days, "dates")  # a refused date is reported first
            raise ArgumentTypeError("n", n, expected="an int or an array of ints (int64)")
        steps = steps.astype(t.int64, copy=False)
        if steps.ndim:
            _broadcastable(t, days, steps, ("n", n), "dates")
            return self._add_each(t, days, steps)
        step = int(steps)
        if not days.size:
            return days.copy().view(t.day)
        if step:
            result = self._ahead(t, days, step) if step > 0 else self._back(t, days, step)
            if result is not None:
                return result
        else:
            lo, hi = self._check_days(t, days, "dates")
            if hi + _UNIX_EPOCH_ORDINAL >= self._estimated_from:
                self._estimated(lo + _UNIX_EPOCH_ORDINAL, "add_working_days_array")
            # A new array (a scalar for a single date, as numpy's arithmetic returns).
            return (days + 0).view(t.day)
        # Out of the ordinary: a date or a result is out of range. Find which, as the
        # array path does, and refuse it.
        self._check_days(t, days, "dates")
        ahead = step > 0
        k = (t.before if ahead else t.before_excl).take(days) + (step - 1 if ahead else step)
        raise self._steps_refusal(t, days, steps, k)

    def _add_each(self, t: _Tables, days: Any, steps: Any) -> Any:
        """:meth:`add_working_days_array` with an array of *n*, broadcast against the dates."""
        self._check_days(t, days, "dates")
        ahead = t.before.take(days) + steps - 1
        k = t.np.where(steps > 0, ahead, t.before_excl.take(days) + steps)
        if k.size and (k.min() < 0 or k.max() >= t.nwd):
            raise self._steps_refusal(t, days, steps, k)
        result = t.np.where(steps == 0, days, t.wd[t.nwd :].take(k))
        if result.size:
            top = int(max(result.max(), days.max())) + _UNIX_EPOCH_ORDINAL
            if top >= self._estimated_from:
                low = int(min(result.min(), days.min())) + _UNIX_EPOCH_ORDINAL
                self._estimated(low, "add_working_days_array")
        # [()]: a single date and n give a scalar, as numpy's arithmetic returns.
        return result[()].view(t.day)

    def _steps_refusal(self, t: _Tables, days: Any, steps: Any, k: Any) -> DateOutOfRangeError:
        """The refusal of the first date whose result index *k* runs off the working days."""
        outside = (k < 0) | (k >= t.nwd)
        if not outside.any():  # pragma: no cover - called only with a result out of range
            raise AssertionError("no result is out of range: nothing to refuse")
        bad = int(t.np.argmax(outside.ravel()))
        flat_d = int(t.np.broadcast_to(days, k.shape).ravel()[bad])
        flat_n = int(t.np.broadcast_to(steps, k.shape).ravel()[bad])
        origin = date.fromordinal(flat_d + _UNIX_EPOCH_ORDINAL)
        what = f"counting {flat_n:+d} from"
        return DateOutOfRangeError(
            origin, first=self._first, last=self._last, what=what, direction=flat_n
        )

    def count_working_days_array(
        self, start: DateArrayLike, end: DateArrayLike
    ) -> npt.NDArray[np.int64]:
        """:meth:`count_working_days` over arrays of dates (numpy ``datetime64[D]``)."""
        t = self._numpy()
        before, before_excl = t.before, t.before_excl
        i = self._array_days(t, start, "start")
        i_lo, i_hi = self._check_days(t, i, "start")
        j = self._array_days(t, end, "end")
        j_lo, j_hi = self._check_days(t, j, "end")
        _broadcastable(t, i, j, ("end", end), "start")
        if i.size and j.size:
            top = max(i_hi, j_hi) + _UNIX_EPOCH_ORDINAL
            if top >= self._estimated_from:
                self._estimated(min(i_lo, j_lo) + _UNIX_EPOCH_ORDINAL, "count_working_days_array")
        forward = before.take(j) - before.take(i)
        backward = before_excl.take(j) - before_excl.take(i)
        out: npt.NDArray[np.int64] = t.np.where(j >= i, forward, backward)
        return out

    def _numpy(self) -> _Tables:
        """The numpy tables of the index (:class:`_Tables`), built on first use, then kept."""
        if self._np is None:
            self._np = _Tables(self)
        tables: _Tables = self._np
        return tables

    @staticmethod
    def _array_days(t: _Tables, values: DateArrayLike, argument: str) -> Any:
        """*values* as int64 days since 1970: a ``datetime64[D]`` array is viewed, not copied."""
        np = t.np
        given: Any = values
        if type(given) is np.ndarray and given.dtype == t.day:
            return given.view(t.int64)  # the caller's array, read in place
        expected = "an array of dates (datetime64, date objects or ISO strings)"
        try:
            array = np.asarray(values)
            # Numbers are not dates: numpy would read an int as days since 1970.
            if array.dtype.kind not in "MUSO":
                raise ArgumentTypeError(argument, values, expected=expected)
            array = array.astype("datetime64[D]")
        except (OverflowError, TypeError, ValueError):
            raise ArgumentTypeError(argument, values, expected=expected) from None
        return array.view(t.int64)

    def _check_days(self, t: _Tables, days: Any, argument: str) -> tuple[int, int]:
        """The first and last of *days*; refuses NaT and days out of the calendar's range."""
        if not days.size:
            return 0, -1
        lo, hi = int(t.min(days, None)), int(t.max(days, None))
        if lo < t.first or hi > t.last:
            nat = days == _NAT
            if nat.any():
                index = int(t.np.argmax(nat.ravel()))
                raise ArgumentTypeError(
                    f"{argument}[{index}]",
                    "NaT",
                    expected="a date (NaT, not-a-time, has no answer)",
                )
            bad = (lo if lo < t.first else hi) + _UNIX_EPOCH_ORDINAL
            # A datetime64 reaches past the years a Python date can hold.
            what = "date"
            if not 1 <= bad <= _LAST_ORDINAL:
                what, bad = ("a date before", 1) if bad < 1 else ("a date after", _LAST_ORDINAL)
            raise DateOutOfRangeError(
                date.fromordinal(bad), first=self._first, last=self._last, what=what
            )
        return lo, hi


class _Tables:
    """numpy, and a calendar's index as int64 arrays indexed by days since 1970.

    * ``before[d]``: the working days up to day *d* inclusive, ``before_excl[d]``: strictly
      before it; both ``_OUTSIDE`` before the calendar's first day;
    * ``wd[nwd + k]``: the day of working day *k* (days since 1970), after *nwd* zeros so
      that a view can start up to *nwd* places back: ``wd[nwd + n - 1:].take(before[d])``
      is *d* plus *n* working days;
    * ``first``, ``last``: the calendar's first and last days (days since 1970).
    """

    __slots__ = (
        "before",
        "before_excl",
        "day",
        "first",
        "int64",
        "last",
        "max",
        "min",
        "ndarray",
        "np",
        "nwd",
        "uint64",
        "wd",
    )

    def __init__(self, index: CalendarIndex) -> None:
        try:
            import numpy as np  # noqa: PLC0415 - optional dependency, imported on first use
        except ImportError as exc:
            raise MissingDependencyError(
                feature="vectorised working-day arithmetic", package="numpy", extra="numpy"
            ) from exc
        self.np: Any = np
        # What the fast path uses, looked up once: the types, dtypes and reductions.
        self.ndarray: Any = np.ndarray
        self.day: Any = np.dtype("datetime64[D]")
        self.int64: Any = np.dtype(np.int64)
        self.uint64: Any = np.dtype(np.uint64)
        self.max: Any = np.maximum.reduce
        self.min: Any = np.minimum.reduce
        self.first = index._first_ord - _UNIX_EPOCH_ORDINAL
        self.last = self.first + index._ndays - 1
        self.before: Any = np.full(self.last + 1, _OUTSIDE, dtype=np.int64)
        self.before[self.first :] = index._before
        self.before_excl: Any = self.before.copy()
        self.before_excl[self.first :] -= np.frombuffer(index._working, dtype=np.uint8)
        self.nwd = len(index._wd)
        self.wd: Any = np.zeros(2 * self.nwd, dtype=np.int64)
        self.wd[self.nwd :] = index._wd
        self.wd[self.nwd :] -= _UNIX_EPOCH_ORDINAL


def _per_day(t: _Tables, before: Any, working_days: Any) -> Any:
    """``working_days[before[d]]`` for every day *d* of the calendar, as one table.

    A step's two gathers made once over the calendar's ~16,000 days, so that a large
    array is gathered once: one array of results instead of two as large (the second one
    made the memory allocator give pages back and fault them in again on every call).
    Days whose result would run off the calendar hold a clipped value: the callers'
    range checks keep them out of reach.
    """
    table = t.np.zeros(t.last + 1, dtype=t.int64)
    working_days.take(before[t.first :], out=table[t.first :], mode="clip")
    return table


_NAT = -(1 << 63)  # NaT, as the int64 a datetime64 holds
_LAST_ORDINAL = date.max.toordinal()


def _past_int64(t: _Tables, steps: Any) -> bool:
    """Whether unsigned *steps* hold a value an int64 cannot (it would wrap negative)."""
    return bool(steps.dtype.kind == "u" and steps.size and steps.max() > (1 << 63) - 1)


def _broadcastable(t: _Tables, a: Any, b: Any, given: tuple[str, object], other: str) -> None:
    """Refuse *b* (*given*: its name and value) unless its shape broadcasts against *a*'s."""
    argument, value = given
    try:
        t.np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise ArgumentTypeError(
            argument,
            value,
            expected=f"one value or an array broadcastable against {other}'s shape {a.shape}",
        ) from None
