"""Working-day arithmetic over numpy arrays of dates: the same index, gathered."""

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


class ArrayQueries(CalendarIndex):
    """The calendar's vectorised questions (a part of :class:`motcua.WorkingCalendar`)."""

    __slots__ = ()

    def add_working_days_array(
        self, dates: DateArrayLike, n: npt.ArrayLike
    ) -> npt.NDArray[np.datetime64]:
        """:meth:`add_working_days` over arrays of dates (numpy ``datetime64[D]``).

        *n* is an int or an array broadcastable against *dates*. Needs the ``numpy``
        extra (``pip install 'motcua[numpy]'``).

        Raises:
            MissingDependencyError: numpy is not installed.
            DateOutOfRangeError: A date or result is outside the calendar's range.
        """
        numpy, before, working, wd = self._numpy()
        offsets = self._array_offsets(numpy, dates, "dates")
        steps = numpy.asarray(n)
        if steps.dtype.kind not in "iu":
            raise ArgumentTypeError("n", n, expected="an int or an array of ints")
        steps = steps.astype(numpy.int64, copy=False)
        if steps.ndim == 0:
            # One n for every date: two gathers, no branch arrays.
            step = int(steps)
            if step > 0:
                k = before[offsets] + (step - 1)
            elif step < 0:
                k = before[offsets] - working[offsets] + step
            else:
                k = None
        else:
            b = before[offsets]
            k = numpy.where(steps > 0, b + steps - 1, b - working[offsets] + steps)
        if k is None:
            result = offsets + self._first_ord
        else:
            if k.size and (k.min() < 0 or k.max() >= wd.size):
                bad = int(numpy.argmax((k < 0) | (k >= wd.size)))
                flat_d = int(numpy.broadcast_to(offsets, k.shape).ravel()[bad])
                flat_n = int(numpy.broadcast_to(steps, k.shape).ravel()[bad])
                origin = date.fromordinal(flat_d + self._first_ord)
                self._beyond(origin, f"counting {flat_n:+d} from", flat_n)
            result = wd[k]
            if steps.ndim:
                result = numpy.where(steps == 0, offsets + self._first_ord, result)
        if result.size:
            top = int(max(result.max(), offsets.max() + self._first_ord))
            if top >= self._estimated_from:
                low = int(min(result.min(), offsets.min() + self._first_ord))
                self._estimated(low, "add_working_days_array")
        out: npt.NDArray[np.datetime64] = (result - _UNIX_EPOCH_ORDINAL).astype("datetime64[D]")
        return out

    def count_working_days_array(
        self, start: DateArrayLike, end: DateArrayLike
    ) -> npt.NDArray[np.int64]:
        """:meth:`count_working_days` over arrays of dates (numpy ``datetime64[D]``)."""
        numpy, before, working, _wd = self._numpy()
        i = self._array_offsets(numpy, start, "start")
        j = self._array_offsets(numpy, end, "end")
        if i.size and j.size:
            top = int(max(i.max(), j.max())) + self._first_ord
            if top >= self._estimated_from:
                low = int(min(i.min(), j.min())) + self._first_ord
                self._estimated(low, "count_working_days_array")
        forward = before[j] - before[i]
        backward = (before[j] - working[j]) - (before[i] - working[i])
        out: npt.NDArray[np.int64] = numpy.where(j >= i, forward, backward).astype(numpy.int64)
        return out

    def _numpy(self) -> tuple[Any, Any, Any, Any]:
        """The numpy module, and the index as int64 arrays (built on first use, then kept)."""
        try:
            import numpy as np  # noqa: PLC0415 - optional dependency, imported on first use
        except ImportError as exc:
            raise MissingDependencyError(
                feature="vectorised working-day arithmetic", package="numpy", extra="numpy"
            ) from exc
        if self._np is None:
            self._np = (
                np.asarray(self._before, dtype=np.int64),
                np.frombuffer(self._working, dtype=np.uint8).astype(np.int64),
                np.asarray(self._wd, dtype=np.int64),
            )
        return (np, *self._np)

    def _array_offsets(self, np: Any, values: DateArrayLike, argument: str) -> Any:
        """*values* as day indexes into the calendar; refuses NaT and days out of range."""
        array = np.asarray(values)
        if array.dtype.kind == "M":
            array = array.astype("datetime64[D]")
        else:
            try:
                array = array.astype("datetime64[D]")
            except (TypeError, ValueError) as exc:
                raise ArgumentTypeError(
                    argument, values, expected="an array of dates (datetime64[D])"
                ) from exc
        if np.isnat(array).any():
            index = int(np.argmax(np.isnat(array).ravel()))
            raise ArgumentTypeError(
                f"{argument}[{index}]", "NaT", expected="a date (NaT, not-a-time, has no answer)"
            )
        offsets = array.astype(np.int64) + (_UNIX_EPOCH_ORDINAL - self._first_ord)
        if offsets.size:
            lo, hi = int(offsets.min()), int(offsets.max())
            if lo < 0 or hi >= self._ndays:
                bad = lo if lo < 0 else hi
                raise DateOutOfRangeError(
                    date.fromordinal(bad + self._first_ord), first=self._first, last=self._last
                )
        return offsets
