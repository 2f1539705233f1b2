"""The queue of a one-stop centre (lấy số thứ tự): tickets, counters, priority, statistics.

Deterministic: every method takes the moment it happens; nothing reads a clock.

Priority policy (documented, with its basis): elderly, disabled and pregnant visitors are
called before others (Luật Người cao tuổi 2009, Điều 3 and Luật Người khuyết tật 2010,
Điều 4: priority in public services — secondary; "phụ nữ mang thai" by common one-stop
practice — assumed). So that the others are not starved, after ``priority_run``
consecutive priority calls at an area the oldest ordinary ticket is called if one waits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from statistics import mean
from typing import TypeVar

from motcua._time import VIETNAM_TZ, require_aware
from motcua.errors import (
    QueueInputError,
    TicketStateError,
    UnknownAreaError,
    UnknownCounterError,
    UnknownTicketError,
)

__all__ = ["Outcome", "Priority", "Queue", "QueueStats", "ServiceArea", "Ticket"]

_E = TypeVar("_E", bound=StrEnum)


class Priority(StrEnum):
    """Who is called first."""

    NONE = "none"
    ELDERLY = "elderly"
    """Người cao tuổi."""
    DISABLED = "disabled"
    """Người khuyết tật."""
    PREGNANT = "pregnant"
    """Phụ nữ mang thai."""


class Outcome(StrEnum):
    """How a visit ended."""

    DOSSIER = "dossier"
    """A dossier was submitted (it has a dossier code)."""
    ADVICE = "advice"
    """Advice only (*tư vấn, hướng dẫn*)."""
    NO_SHOW = "no_show"
    """Called, but the visitor did not come to the counter."""


@dataclass(frozen=True, slots=True)
class ServiceArea:
    """A group of counters serving some fields, with its ticket letter (``B`` → ``B-015``)."""

    letter: str
    name: str
    counters: tuple[str, ...]


@dataclass(slots=True)
class Ticket:
    """A queue ticket and what became of it."""

    number: str
    area: str
    issued_at: datetime
    priority: Priority
    called_at: datetime | None = None
    counter: str | None = None
    finished_at: datetime | None = None
    outcome: Outcome | None = None
    dossier_code: str | None = None
    transfers: list[str] = field(default_factory=list)
    reserved_for: str | None = None
    """The counter a transfer sent the visitor to; only that counter calls them."""

    @property
    def wait(self) -> timedelta | None:
        """From the ticket to the (last) call."""
        return self.called_at - self.issued_at if self.called_at else None

    @property
    def service(self) -> timedelta | None:
        """From the call to the end of the visit (None for a no-show)."""
        if self.called_at and self.finished_at and self.outcome is not Outcome.NO_SHOW:
            return self.finished_at - self.called_at
        return None


@dataclass(frozen=True, slots=True)
class QueueStats:
    """Counts and times of a group of tickets (an area, an hour of the day)."""

    group: str
    issued: int
    served: int
    dossiers: int
    advice: int
    no_shows: int
    waiting: int
    mean_wait: timedelta | None
    max_wait: timedelta | None
    mean_service: timedelta | None


class Queue:
    """The ticket machine and the counters' calls of one centre for one day.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> at = datetime(2025, 7, 7, 7, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    >>> queue = Queue([ServiceArea("B", "Hộ tịch, chứng thực", ("Quầy 3", "Quầy 4"))])
    >>> queue.take_ticket("B", at=at).number
    'B-001'
    >>> queue.call_next("Quầy 3", at=at).number
    'B-001'
    """

    def __init__(self, areas: Iterable[ServiceArea], *, priority_run: int = 2) -> None:
        self._areas = {a.letter: a for a in areas}
        self._counter_area: dict[str, str] = {}
        for area in self._areas.values():
            for counter in area.counters:
                if counter in self._counter_area or counter in self._areas:
                    raise QueueInputError(
                        f"counter {counter!r} of area {area.letter} is already an area letter "
                        "or another area's counter; every counter name must be unique",
                        argument="areas",
                        value=counter,
                    )
                self._counter_area[counter] = area.letter
        if priority_run < 1:
            raise QueueInputError(
                f"priority_run must be at least 1, got {priority_run}",
                argument="priority_run",
                value=priority_run,
            )
        self._waiting: dict[str, list[Ticket]] = {letter: [] for letter in self._areas}
        self._tickets: dict[str, Ticket] = {}
        self._issued: dict[str, int] = dict.fromkeys(self._areas, 0)
        self._priority_calls: dict[str, int] = dict.fromkeys(self._areas, 0)
        self._priority_run = priority_run
        self._last: datetime | None = None

    # -- the machine and the counters ------------------------------------------------------

    def take_ticket(self, area: str, *, at: datetime, priority: Priority = Priority.NONE) -> Ticket:
        """Print a ticket for *area*.

        Raises:
            UnknownAreaError: The queue has no such area.
            QueueInputError: An unknown priority, or *at* before the last event.
            NaiveDatetimeError: *at* has no time zone.
        """
        self._moment(at)
        self._area(area)
        level = _member(Priority, priority, "priority")
        self._last = at
        self._issued[area] += 1
        ticket = Ticket(f"{area}-{self._issued[area]:03d}", area, at, level)
        self._tickets[ticket.number] = ticket
        self._waiting[area].append(ticket)
        return ticket

    def call_next(self, counter: str, *, at: datetime) -> Ticket | None:
        """Call the next ticket of *counter*'s area (None when nobody waits).

        Raises:
            UnknownCounterError: The queue has no such counter.
            QueueInputError: *at* is before the last event.
        """
        self._moment(at)
        area = self._counter_area.get(counter)
        if area is None:
            raise UnknownCounterError(counter, counters=tuple(sorted(self._counter_area)))
        self._last = at
        line = self._waiting[area]
        sent_here = [t for t in line if t.reserved_for == counter]
        eligible = [t for t in line if t.reserved_for is None]
        if sent_here:  # a visitor transferred to this very counter is called first
            ticket = sent_here[0]
        elif not eligible:
            return None
        else:
            urgent = [t for t in eligible if t.priority is not Priority.NONE]
            ordinary = [t for t in eligible if t.priority is Priority.NONE]
            if urgent and (not ordinary or self._priority_calls[area] < self._priority_run):
                ticket = urgent[0]
                self._priority_calls[area] += 1
            else:
                ticket = ordinary[0]
                self._priority_calls[area] = 0
        line.remove(ticket)
        ticket.called_at = at
        ticket.counter = counter
        ticket.reserved_for = None
        return ticket

    def finish(
        self, number: str, *, at: datetime, outcome: Outcome, dossier_code: str | None = None
    ) -> Ticket:
        """End a called visit: a dossier (give its code), advice, or a no-show.

        Raises:
            UnknownTicketError: No ticket of this number today.
            TicketStateError: The ticket is not at a counter (waiting, or ended).
            QueueInputError: An unknown outcome, a dossier without its code or a code
                without a dossier, or *at* before the last event.
        """
        self._moment(at)
        ticket = self._ticket(number)
        if ticket.finished_at is not None:
            raise TicketStateError(
                f"ticket {number} already ended ({ticket.outcome}) at {ticket.finished_at:%H:%M}",
                number=number,
                action="finish",
                state="ended",
            )
        if ticket.called_at is None:
            raise TicketStateError(
                f"ticket {number} is waiting, not at a counter; call it first",
                number=number,
                action="finish",
                state="waiting",
            )
        result = _member(Outcome, outcome, "outcome")
        if result is Outcome.DOSSIER and dossier_code is None:
            raise QueueInputError(
                f"ticket {number} ends in a dossier: give its dossier_code",
                argument="dossier_code",
                value=None,
            )
        if result is not Outcome.DOSSIER and dossier_code is not None:
            raise QueueInputError(
                f"ticket {number} ends in {result.value}, which has no dossier; "
                "use outcome=Outcome.DOSSIER to link a dossier code",
                argument="dossier_code",
                value=dossier_code,
            )
        self._last = at
        ticket.finished_at = at
        ticket.outcome = result
        ticket.dossier_code = dossier_code
        return ticket

    def no_show(self, number: str, *, at: datetime) -> Ticket:
        """The called visitor did not come."""
        return self.finish(number, at=at, outcome=Outcome.NO_SHOW)

    def transfer(self, number: str, *, to: str, at: datetime) -> Ticket:
        """Send a called visitor to another area (``to="A"``) or to one counter (``"Quầy 7"``).

        Sent to an area, they keep their number and their place by the time they first
        took it. Sent to a counter, only that counter calls them, and it calls them next.

        Raises:
            UnknownTicketError: No ticket of this number today.
            UnknownCounterError: *to* is neither an area letter nor a counter.
            TicketStateError: The ticket is not at a counter now.
            QueueInputError: *at* is before the last event.
        """
        self._moment(at)
        ticket = self._ticket(number)
        counter = to if to in self._counter_area else None
        if counter is None and to not in self._areas:
            raise UnknownCounterError(
                to, counters=tuple(sorted(self._counter_area)), areas=tuple(sorted(self._areas))
            )
        area = self._counter_area[to] if counter else to
        if ticket.called_at is None or ticket.finished_at is not None:
            raise TicketStateError(
                f"ticket {number} is not at a counter now; only a called visit moves",
                number=number,
                action="transfer",
                state="waiting" if ticket.finished_at is None else "ended",
            )
        self._last = at
        ticket.transfers.append(f"{ticket.area}→{to}")
        ticket.area = area
        ticket.called_at = None
        ticket.counter = None
        ticket.reserved_for = counter
        line = self._waiting[area]
        line.append(ticket)
        line.sort(key=lambda t: t.issued_at)
        return ticket

    # -- questions -----------------------------------------------------------------------------

    @property
    def tickets(self) -> tuple[Ticket, ...]:
        """Every ticket of the day, in issue order."""
        return tuple(self._tickets.values())

    def waiting(self, area: str) -> int:
        """Tickets waiting in *area*.

        Raises:
            UnknownAreaError: The queue has no such area.
        """
        self._area(area)
        return len(self._waiting[area])

    def stats(self, *, by: str = "area") -> tuple[QueueStats, ...]:
        """Counts and waiting and service times per area or per hour.

        ``by="area"`` groups by service area; ``by="hour"`` by the hour of issue, in Hà Nội
        time ("08:00").

        Raises:
            QueueInputError: *by* is neither ``"area"`` nor ``"hour"``.
        """
        if by not in ("area", "hour"):
            raise QueueInputError(
                f"queue statistics are by 'area' or 'hour', not {by!r}", argument="by", value=by
            )
        groups: dict[str, list[Ticket]] = {}
        for ticket in self._tickets.values():
            hour = ticket.issued_at.astimezone(VIETNAM_TZ).hour
            key = ticket.area if by == "area" else f"{hour:02d}:00"
            groups.setdefault(key, []).append(ticket)
        return tuple(_stats(key, groups[key]) for key in sorted(groups))

    # -- internals -------------------------------------------------------------------------------

    def _moment(self, at: datetime) -> None:
        """Refuse a naive moment or one before the last event (the caller records it)."""
        require_aware(at, "at")
        if self._last is not None and at < self._last:
            raise QueueInputError(
                f"at={at.isoformat()} is before the queue's last event ({self._last.isoformat()})",
                argument="at",
                value=at,
            )

    def _area(self, letter: str) -> ServiceArea:
        area = self._areas.get(letter)
        if area is None:
            raise UnknownAreaError(letter, areas=tuple(sorted(self._areas)))
        return area

    def _ticket(self, number: str) -> Ticket:
        ticket = self._tickets.get(number)
        if ticket is None:
            raise UnknownTicketError(number)
        return ticket


def _stats(group: str, tickets: list[Ticket]) -> QueueStats:
    waits = [t.wait for t in tickets if t.wait is not None]
    services = [t.service for t in tickets if t.service is not None]

    def average(values: list[timedelta]) -> timedelta | None:
        return timedelta(seconds=mean(v.total_seconds() for v in values)) if values else None

    return QueueStats(
        group=group,
        issued=len(tickets),
        served=sum(t.outcome in (Outcome.DOSSIER, Outcome.ADVICE) for t in tickets),
        dossiers=sum(t.outcome is Outcome.DOSSIER for t in tickets),
        advice=sum(t.outcome is Outcome.ADVICE for t in tickets),
        no_shows=sum(t.outcome is Outcome.NO_SHOW for t in tickets),
        waiting=sum(t.called_at is None for t in tickets),
        mean_wait=average(waits),
        max_wait=max(waits) if waits else None,
        mean_service=average(services),
    )


def _member(kind: type[_E], value: object, name: str) -> _E:
    """*value* as a member of *kind*, or the error listing the valid values."""
    if isinstance(value, str) and value in kind._value2member_map_:
        return kind(value)
    valid = ", ".join(m.value for m in kind)
    raise QueueInputError(f"unknown {name} {value!r}; valid: {valid}", argument=name, value=value)
