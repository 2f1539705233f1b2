"""The projection stored beside a dossier: :class:`DossierRecord`, and building many.

:class:`DossierRecord` is what an integrator stores beside each dossier (as columns) and
what reports and sweeps read. It answers every "as of a moment" question — status,
paused, overdue, the legal due time — the same way whenever it is asked, because it
carries the dossier's timeline (one :class:`Phase` per event), not only its present.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import MISSING, dataclass, fields, replace
from datetime import datetime
from typing import Any

from motcua._bulk import no_cyclic_gc
from motcua._time import require_aware
from motcua.dossiers._filling import _CHANNELS, _Open, _plain
from motcua.dossiers._status import DossierStatus, Timeliness
from motcua.dossiers._timeliness import Phase, finished_timeliness
from motcua.errors import ArgumentTypeError, DossierTimeError
from motcua.procedures import Channel

__all__ = ["DossierRecord", "classify_timeliness"]

_NOT_COUNTED = frozenset(
    {
        DossierStatus.SUBMITTED,
        DossierStatus.REFUSED_AT_RECEPTION,
        DossierStatus.WITHDRAWN,
        DossierStatus.STOPPED,
    }
)
_TIMES = ("accepted_at", "legal_due_at", "due_at", "finished_at", "closed_at", "paused_since")


@dataclass(frozen=True, slots=True, init=False)
class DossierRecord:
    """The projection of a dossier: the columns to store beside it, and its timeline.

    Build it with :meth:`motcua.Dossier.record`, or from your own columns. Every
    question it answers is asked "as of" a moment (:meth:`as_of`, :meth:`timeliness`):
    a report of a closed period reads the same whenever it is taken.

    Attributes:
        code: The dossier code.
        procedure: The procedure's code.
        field: The procedure's field (*lĩnh vực*).
        agency: The handling agency.
        channel: How it was submitted.
        status: The status now.
        overdue: Whether the overdue flag is set (``mark_overdue`` was recorded).
        accepted_at: When the clock started (None: never accepted).
        legal_due_at: The legal due time.
        due_at: The appointment (the legal due time, or the extended one).
        finished_at: When it was decided (result ready, or refused after appraisal).
        closed_at: When it ended without a decision, or was returned (withdrawn, stopped,
            returned, refused at reception).
        paused_since: When the current wait began (None when not waiting).
        late_step: Whether a step that judges the handling finished late and the policy
            makes the dossier late for it.
        clock_stopped: Whether the clock is stopped now.
        next_check_at: When a scheduler should next look at it (see
            :attr:`motcua.Dossier.next_check_at`).
        version: The dossier's version.
        calendar_id: The calendar it is counted on.
        case: The key of the procedure's case (*trường hợp*) it was received in, if any.
        due_estimated: Whether its due time was counted across a year with no announced
            schedule (:attr:`motcua.Dossier.due_estimated`).
        changed_at: The time of its last event: the record's columns have held since.
        timeline: One :class:`Phase` per event, oldest first; without it, the record can
            answer only for moments at or after *changed_at*.
    """

    code: str
    procedure: str
    field: str
    agency: str
    channel: Channel
    status: DossierStatus
    accepted_at: datetime | None
    legal_due_at: datetime | None
    finished_at: datetime | None
    closed_at: datetime | None
    late_step: bool
    changed_at: datetime
    overdue: bool = False
    due_at: datetime | None = None
    paused_since: datetime | None = None
    clock_stopped: bool = False
    next_check_at: datetime | None = None
    version: int = 0
    calendar_id: str = "vn"
    timeline: tuple[Phase, ...] = ()
    case: str | None = None
    due_estimated: bool = False

    # Written by hand, with the dataclass's signature: its generated __init__ sets each
    # field through object.__setattr__, which looks the slot up by name every time, and the
    # frozen __setattr__ refuses a plain assignment. The record is turned, for the time of
    # its filling, into an _Open one (the same slots, no frozen __setattr__: plain stores,
    # which the interpreter does at C speed), then back: 1,000,000 records spent ~1.5 s
    # setting 22 slots one call each, ~0.4 s so (benchmarks/README.md). replace() and
    # subclasses still reach the checks: replace() calls this __init__, a dataclass
    # subclass's __init__ calls __post_init__.
    def __init__(  # noqa: PLR0917 - the dataclass's positional signature, kept
        self,
        code: str,
        procedure: str,
        field: str,
        agency: str,
        channel: Channel,
        status: DossierStatus,
        accepted_at: datetime | None,
        legal_due_at: datetime | None,
        finished_at: datetime | None,
        closed_at: datetime | None,
        late_step: bool,
        changed_at: datetime,
        overdue: bool = False,
        due_at: datetime | None = None,
        paused_since: datetime | None = None,
        clock_stopped: bool = False,
        next_check_at: datetime | None = None,
        version: int = 0,
        calendar_id: str = "vn",
        timeline: tuple[Phase, ...] = (),
        case: str | None = None,
        due_estimated: bool = False,
    ) -> None:
        values = (
            code,
            procedure,
            field,
            agency,
            channel,
            status,
            accepted_at,
            legal_due_at,
            finished_at,
            closed_at,
            late_step,
            changed_at,
            overdue,
            due_at,
            paused_since,
            clock_stopped,
            next_check_at,
            version,
            calendar_id,
            timeline,
            case,
            due_estimated,
        )
        if self.__class__ is DossierRecord:
            _become(self, "__class__", _Open)
            _fill(self, *values)
            self.__class__ = DossierRecord
        else:  # a subclass, whose layout may differ: each slot through its own setter
            for setter, value in zip(_SETTERS, values, strict=True):
                setter(self, value)
        self.__post_init__()

    @classmethod
    def many(cls, rows: Iterable[Sequence[Any]]) -> list[DossierRecord]:
        """Records built from *rows*, each the constructor's positional columns in field order.

        The way to build many (a report's month, a table read back): the same checks as
        the constructor, the same errors, but the cyclic garbage collector is paused
        while the list grows (records hold no cycles; a full collection walks every
        record built so far) and each row passes through the quickest path. 1,000,000
        rows take about 1.5 s, as long as an unchecked NamedTuple in a loop; a loop calling
        the constructor takes about 3 s (``benchmarks/README.md``).

        >>> from zoneinfo import ZoneInfo
        >>> from motcua import Channel, DossierStatus
        >>> at = datetime(2026, 3, 2, 8, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        >>> rows = [(f"D{i}", "1.004873", "Hộ tịch", "UBND xã", Channel.COUNTER,
        ...          DossierStatus.RECEIVED, at, at, None, None, False, at) for i in range(3)]
        >>> [record.code for record in DossierRecord.many(rows)]
        ['D0', 'D1', 'D2']

        Args:
            rows: Sequences of 12 to 22 values: ``code`` … ``changed_at``, then any of the
                fields with defaults, in the order of the class's attributes.

        Raises:
            ArgumentTypeError: *rows* is not iterable, a row has too few or too many
                values, or a value of the wrong type (as the constructor).
            NaiveDatetimeError: A moment without a time zone (as the constructor).
        """
        try:
            iterator = iter(rows)
        except TypeError:
            raise ArgumentTypeError("rows", rows, expected="an iterable of rows") from None
        built: list[DossierRecord] = []
        append = built.append
        row: Any = ()
        record: Any
        with no_cyclic_gc():
            try:
                if cls is DossierRecord:
                    # Each record built open, checked, then closed; inlined (a call per
                    # row cost a tenth of the whole).
                    for row in iterator:
                        record = _Open(*row)
                        if _plain(record):
                            record.__class__ = DossierRecord
                        else:
                            record = DossierRecord(*row)  # the full check, and its error
                        append(record)
                else:  # a subclass, which may add fields: its own constructor
                    for row in iterator:
                        append(cls(*row))
            except ArgumentTypeError:
                raise
            except TypeError:
                if _is_row(row):
                    raise  # from the caller's own iterator, not a row of ours
                raise ArgumentTypeError(
                    f"DossierRecord.many rows[{len(built)}]",
                    row,
                    expected=f"a sequence of {_REQUIRED} to {len(_NAMES)} columns "
                    f"({', '.join(_NAMES[:3])} … in field order)",
                ) from None
        return built

    def __post_init__(self) -> None:
        # Built a million at a time (a report, a sweep): the common case is checked with
        # a few identity tests, and only a value that fails them pays for the full check.
        if not _plain(self):
            self._check()

    def _check(self) -> None:
        """The full check, naming the first value that is wrong (moments first)."""
        self._check_times()
        if self.status.__class__ is not DossierStatus:
            raise ArgumentTypeError(
                f"DossierRecord({self.code}).status", self.status, expected="a DossierStatus"
            )
        timeline = self.timeline
        if timeline.__class__ is not tuple or (
            timeline and not all(p.__class__ is Phase for p in timeline)
        ):
            raise ArgumentTypeError(
                f"DossierRecord({self.code}).timeline",
                self.timeline,
                expected="a tuple of Phase, oldest first",
            )
        if self.channel not in _CHANNELS:
            raise ArgumentTypeError(
                f"DossierRecord({self.code}).channel",
                self.channel,
                expected=f"a Channel ({', '.join(_CHANNELS)})",
            )

    def _check_times(self) -> None:
        """The full check of the moments, naming the first one that is wrong."""
        for name in _TIMES:
            value = getattr(self, name)
            if value is not None:
                require_aware(value, f"DossierRecord({self.code}).{name}")
        require_aware(self.changed_at, f"DossierRecord({self.code}).changed_at")

    def as_of(self, at: datetime) -> DossierRecord:
        """The record as it stood at *at* (itself when nothing changed since).

        Raises:
            DossierTimeError: *at* is before the dossier's first event, or after its
                first event but before *changed_at* and the record has no timeline.
            NaiveDatetimeError: *at* has no time zone.
        """
        return self._as_of(require_aware(at, "at"))

    def _as_of(self, at: datetime) -> DossierRecord:
        """:meth:`as_of` for a moment already checked to be aware (bulk readers in motcua)."""
        if at >= self.changed_at:
            return self
        if not self.timeline:
            raise DossierTimeError(
                code=self.code,
                at=at,
                problem=f"it changed at {self.changed_at.isoformat()} and the record has no "
                f"timeline to say how it stood before; build it with Dossier.record()",
            )
        index = bisect_right(self.timeline, at, key=_since) - 1
        if index < 0:
            raise DossierTimeError(
                code=self.code,
                at=at,
                problem=f"it did not exist yet (its first event is at "
                f"{self.timeline[0].since.isoformat()})",
            )
        phase = self.timeline[index]

        def seen(moment: datetime | None) -> datetime | None:
            return moment if moment is not None and moment <= at else None

        finished = seen(self.finished_at)
        return replace(
            self,
            status=phase.status,
            overdue=phase.overdue,
            accepted_at=seen(self.accepted_at),
            legal_due_at=phase.legal_due_at,
            due_at=phase.due_at,
            finished_at=finished,
            closed_at=seen(self.closed_at),
            paused_since=phase.paused_since,
            clock_stopped=phase.clock_stopped,
            late_step=self.late_step and finished is not None,
            next_check_at=None,
            version=phase.version,
            changed_at=phase.since,
            timeline=self.timeline[: index + 1],
        )

    def timeliness(self, at: datetime) -> Timeliness:
        """How the dossier stood against its legal limit at *at*.

        Finished: early / on time / late by the time it was decided (a late step makes it
        late, by policy). Open: within limit / overdue; waiting for the applicant: paused.
        Not received, withdrawn, stopped or refused at reception: not counted.
        """
        return self._timeliness(require_aware(at, "at"))

    def _timeliness(self, at: datetime) -> Timeliness:
        """:meth:`timeliness` for a moment already checked to be aware (bulk readers)."""
        record = self._as_of(at)
        due = record.legal_due_at
        if due is None or record.status in _NOT_COUNTED:
            return Timeliness.NOT_COUNTED
        if record.finished_at is not None:
            if record.late_step:
                return Timeliness.LATE
            return finished_timeliness(record.finished_at, due)
        if record.clock_stopped:
            return Timeliness.PAUSED
        return Timeliness.OVERDUE if at > due else Timeliness.WITHIN_LIMIT


_NAMES = tuple(f.name for f in fields(DossierRecord))
_REQUIRED = sum(f.default is MISSING for f in fields(DossierRecord))
# Each field's slot setter, in field order (a subclass's record is filled through them).
_SETTERS: tuple[Callable[[DossierRecord, Any], None], ...] = tuple(
    DossierRecord.__dict__[name].__set__ for name in _NAMES
)
_become = object.__setattr__  # the frozen __setattr__ refuses even __class__
_fill: Callable[..., None] = _Open.__init__


def _is_row(row: object) -> bool:
    """Whether *row* has a constructor's count of columns (its TypeError was not ours)."""
    return isinstance(row, Sequence) and _REQUIRED <= len(row) <= len(_NAMES)


def _since(phase: Phase) -> datetime:
    return phase.since


def classify_timeliness(records: Iterable[DossierRecord], at: datetime) -> list[Timeliness]:
    """The timeliness of every record as of *at*, in order, without building any dossier.

    Store :meth:`motcua.Dossier.record` beside each dossier and a nightly sweep or a
    report classifies a million of them in about a second (``benchmarks/README.md``).

    Raises:
        NaiveDatetimeError: *at* has no time zone.
        DossierTimeError: A record cannot say how it stood at *at*.
    """
    at = require_aware(at, "at")
    if isinstance(records, str | bytes) or not isinstance(records, Iterable):
        raise ArgumentTypeError("records", records, expected="an iterable of DossierRecord")
    items = records if isinstance(records, list | tuple) else list(records)
    try:
        return [record._timeliness(at) for record in items]
    except AttributeError:
        # Not checked item by item on the way: a million records are classified in a second.
        for index, record in enumerate(items):
            if not isinstance(record, DossierRecord):
                raise ArgumentTypeError(
                    f"records[{index}]", record, expected="a DossierRecord"
                ) from None
        raise
