"""The queue of a one-stop centre (lấy số thứ tự): tickets, counters, priority, statistics.

Deterministic: every method takes the moment it happens; nothing reads a clock.

Priority policy (documented, with its basis): elderly, disabled and pregnant visitors are
called before others (Luật Người cao tuổi 2009, Điều 3 and Luật Người khuyết tật 2010,
Điều 4: priority in public services — secondary; "phụ nữ mang thai" by common one-stop
practice — assumed). So that the others are not starved, after ``priority_run``
consecutive priority calls at an area the oldest ordinary ticket is called if one waits.

Each area keeps three heaps ordered by (time of issue, arrival in the line): priority
tickets, ordinary tickets, and per counter the visitors transferred to it, so a call costs
O(log n) whatever the length of the line. The tickets handed out are frozen snapshots: the
queue's own record changes only through its methods.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from enum import StrEnum
from statistics import mean
from typing import TypeVar

from motcua._names import clean
from motcua._time import VIETNAM_TZ, require_aware
from motcua.errors import (
    ArgumentTypeError,
    QueueInputError,
    TicketStateError,
    UnknownAreaError,
    UnknownCounterError,
    UnknownTicketError,
    _shown,
)
from motcua.queue._tickets import Outcome, Priority, QueueStats, ServiceArea, Ticket

__all__ = ["Outcome", "Priority", "Queue", "QueueStats", "ServiceArea", "Ticket"]

_E = TypeVar("_E", bound=StrEnum)
_Entry = tuple[datetime, int, str]
"""A place in a line: the ticket's time of issue, its arrival in the line, its number."""


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
        if isinstance(areas, (str, ServiceArea)) or not isinstance(areas, Iterable):
            raise ArgumentTypeError("areas", areas, expected="an iterable of ServiceArea")
        self._areas: dict[str, ServiceArea] = {}
        self._counter_area: dict[str, str] = {}
        for area in areas:
            if not isinstance(area, ServiceArea):
                raise ArgumentTypeError("areas", area, expected="ServiceArea items")
            if area.letter in self._areas:
                raise QueueInputError(
                    f"area letter {_shown(area.letter)} is given twice "
                    f"({_shown(self._areas[area.letter].name)} and {_shown(area.name)}); every "
                    f"area needs its own letter",
                    argument="areas",
                    value=area.letter,
                )
            self._areas[area.letter] = area
        for area in self._areas.values():
            for counter in area.counters:
                if counter in self._counter_area or counter in self._areas:
                    raise QueueInputError(
                        f"counter {_shown(counter)} of area {area.letter} is already an area "
                        "letter or another area's counter; every counter name must be unique",
                        argument="areas",
                        value=counter,
                    )
                self._counter_area[counter] = area.letter
        if isinstance(priority_run, bool) or not isinstance(priority_run, int):
            raise ArgumentTypeError("priority_run", priority_run, expected="an int of at least 1")
        if priority_run < 1:
            raise QueueInputError(
                f"priority_run must be at least 1, got {priority_run}",
                argument="priority_run",
                value=priority_run,
            )
        self._urgent: dict[str, list[_Entry]] = {letter: [] for letter in self._areas}
        self._ordinary: dict[str, list[_Entry]] = {letter: [] for letter in self._areas}
        self._sent_to: dict[str, list[_Entry]] = {c: [] for c in self._counter_area}
        self._waiting: dict[str, int] = dict.fromkeys(self._areas, 0)
        self._arrivals = 0
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
            ArgumentTypeError: *area* is not a str.
            QueueInputError: An unknown priority, or *at* before the last event.
            NaiveDatetimeError: *at* has no time zone.
        """
        self._moment(at)
        letter = self._area(area).letter
        level = _member(Priority, priority, "priority")
        self._last = at
        self._issued[letter] += 1
        ticket = Ticket(f"{letter}-{self._issued[letter]:03d}", letter, at, level)
        self._tickets[ticket.number] = ticket
        self._enqueue(ticket)
        return ticket

    def call_next(self, counter: str, *, at: datetime) -> Ticket | None:
        """Call the next ticket of *counter*'s area (None when nobody waits).

        Raises:
            UnknownCounterError: The queue has no such counter.
            ArgumentTypeError: *counter* is not a str.
            QueueInputError: *at* is before the last event.
        """
        self._moment(at)
        counter = _name(counter, "counter")
        area = self._counter_area.get(counter)
        if area is None:
            raise UnknownCounterError(counter, counters=tuple(sorted(self._counter_area)))
        self._last = at
        urgent, ordinary = self._urgent[area], self._ordinary[area]
        if self._sent_to[counter]:  # a visitor transferred to this very counter is called first
            line = self._sent_to[counter]
        elif not urgent and not ordinary:
            return None
        elif urgent and (not ordinary or self._priority_calls[area] < self._priority_run):
            line = urgent
            self._priority_calls[area] += 1
        else:
            line = ordinary
            self._priority_calls[area] = 0
        number = heapq.heappop(line)[2]
        self._waiting[area] -= 1
        return self._update(number, called_at=at, counter=counter, reserved_for=None)

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
        if dossier_code is not None:
            dossier_code = _name(dossier_code, "dossier_code")
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
        return self._update(
            ticket.number, finished_at=at, outcome=result, dossier_code=dossier_code
        )

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
        to = _name(to, "to")
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
        moved = self._update(
            ticket.number,
            transfers=(*ticket.transfers, f"{ticket.area}→{to}"),
            area=area,
            called_at=None,
            counter=None,
            reserved_for=counter,
        )
        self._enqueue(moved)
        return moved

    # -- questions -----------------------------------------------------------------------------

    @property
    def tickets(self) -> tuple[Ticket, ...]:
        """Every ticket of the day, in issue order."""
        return tuple(self._tickets.values())

    def ticket(self, number: str) -> Ticket:
        """The ticket *number* as it stands now.

        Raises:
            UnknownTicketError: No ticket of this number today.
            ArgumentTypeError: *number* is not a str.
        """
        return self._ticket(number)

    def waiting(self, area: str) -> int:
        """Tickets waiting in *area*.

        Raises:
            UnknownAreaError: The queue has no such area.
            ArgumentTypeError: *area* is not a str.
        """
        return self._waiting[self._area(area).letter]

    def stats(self, *, by: str = "area") -> tuple[QueueStats, ...]:
        """Counts and waiting and service times per area or per hour.

        ``by="area"`` groups by service area; ``by="hour"`` by the hour of issue, in Hà Nội
        time ("08:00").

        Raises:
            QueueInputError: *by* is neither ``"area"`` nor ``"hour"``.
        """
        if by not in ("area", "hour"):
            raise QueueInputError(
                f"queue statistics are by 'area' or 'hour', not {_shown(by)}",
                argument="by",
                value=by,
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
        letter = _name(letter, "area")
        area = self._areas.get(letter)
        if area is None:
            raise UnknownAreaError(letter, areas=tuple(sorted(self._areas)))
        return area

    def _enqueue(self, ticket: Ticket) -> None:
        """Put *ticket* in its line: after every ticket issued before it or at the same time."""
        if ticket.reserved_for is not None:
            line = self._sent_to[ticket.reserved_for]
        elif ticket.priority is Priority.NONE:
            line = self._ordinary[ticket.area]
        else:
            line = self._urgent[ticket.area]
        self._arrivals += 1
        heapq.heappush(line, (ticket.issued_at, self._arrivals, ticket.number))
        self._waiting[ticket.area] += 1

    def _update(self, number: str, **changes: object) -> Ticket:
        """Replace the queue's record of ticket *number* by a copy with *changes*."""
        ticket = replace(self._tickets[number], **changes)  # type: ignore[arg-type]
        self._tickets[number] = ticket
        return ticket

    def _ticket(self, number: str) -> Ticket:
        ticket = self._tickets.get(_name(number, "number"))
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


def _name(value: object, argument: str) -> str:
    """An area letter, counter name or ticket number as the queue keeps it (NFC, stripped)."""
    if not isinstance(value, str):
        raise ArgumentTypeError(argument, value, expected="a str")
    return clean(value)


def _member(kind: type[_E], value: object, name: str) -> _E:
    """*value* as a member of *kind*, or the error listing the valid values."""
    if isinstance(value, str) and value in kind._value2member_map_:
        return kind(value)
    valid = ", ".join(m.value for m in kind)
    raise QueueInputError(
        f"unknown {name} {_shown(value)}; valid: {valid}", argument=name, value=value
    )
