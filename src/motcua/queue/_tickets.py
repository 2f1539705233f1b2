"""The values of the queue: priorities, outcomes, service areas, tickets, statistics.

A :class:`ServiceArea` is checked and normalised when it is built (NFC, stripped names; a
str is not a tuple of counters). A :class:`Ticket` is frozen: the queue hands out copies
of its own record, so editing one cannot change the queue or its statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from motcua._names import clean
from motcua.errors import ArgumentTypeError, QueueInputError, _shown

__all__ = ["Outcome", "Priority", "QueueStats", "ServiceArea", "Ticket"]


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

    def __post_init__(self) -> None:
        """Refuse what is not a letter, a name and counter names; normalise them (NFC, strip).

        Raises:
            ArgumentTypeError: The letter or name is not a str, or *counters* is a single str
                (``"ABC"`` would be three counters) or not a sequence of str.
            QueueInputError: The letter, the name or a counter name is blank.
        """
        for argument in ("letter", "name"):
            value = getattr(self, argument)
            if not isinstance(value, str):
                raise ArgumentTypeError(argument, value, expected="a str")
            if not clean(value):
                raise QueueInputError(
                    f"a service area's {argument} must not be blank, got {_shown(value)}",
                    argument=argument,
                    value=value,
                )
            object.__setattr__(self, argument, clean(value))
        counters = self.counters
        if isinstance(counters, str) or not isinstance(counters, (tuple, list)):
            raise ArgumentTypeError(
                "counters", counters, expected="a tuple of counter names, e.g. ('Quầy 1',)"
            )
        for counter in counters:
            if not isinstance(counter, str):
                raise ArgumentTypeError("counters", counter, expected="counter names (str)")
            if not clean(counter):
                raise QueueInputError(
                    f"area {self.letter}: a counter name must not be blank, got {_shown(counter)}",
                    argument="counters",
                    value=counter,
                )
        object.__setattr__(self, "counters", tuple(clean(c) for c in counters))


@dataclass(frozen=True, slots=True)
class Ticket:
    """A queue ticket and what became of it, as it stood when the queue handed it out.

    Frozen: editing a ticket cannot change the queue or its statistics. Ask the queue again
    (:meth:`Queue.ticket`, :attr:`Queue.tickets`) for what happened since.
    """

    number: str
    area: str
    issued_at: datetime
    priority: Priority
    called_at: datetime | None = None
    counter: str | None = None
    finished_at: datetime | None = None
    outcome: Outcome | None = None
    dossier_code: str | None = None
    transfers: tuple[str, ...] = ()
    reserved_for: str | None = None
    """The counter a transfer sent the visitor to; only that counter calls them."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "transfers", tuple(self.transfers))

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
