"""Re-checking dossiers whose due times were estimated, once their year is announced."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pydantic_core

from motcua._time import in_vietnam_zone, require_aware
from motcua.calendar import WorkingCalendar
from motcua.dossiers._dossier import Dossier
from motcua.errors import ArgumentTypeError, StoredDossierError

__all__ = ["DueChange", "recheck"]


@dataclass(frozen=True, slots=True)
class DueChange:
    """One dossier re-checked on a newer calendar: its due times before and after.

    Attributes:
        code: The dossier code.
        legal_due_at: The legal due time as stored.
        new_legal_due_at: The legal due time on the new calendar.
        due_at: The appointment as stored.
        new_due_at: The appointment on the new calendar (an appointment set by hand, an
            extension's, stays as set).
        was_estimated: Whether the stored due time was flagged as an estimate.
        still_estimated: The years it is counted across that are still unannounced on
            the new calendar (empty once every one is announced).
        dossier: The dossier recounted on the new calendar (its old calendar identity in
            ``recounted_from``): save it in place of the stored one.
    """

    code: str
    legal_due_at: datetime | None
    new_legal_due_at: datetime | None
    due_at: datetime | None
    new_due_at: datetime | None
    was_estimated: bool
    still_estimated: tuple[int, ...]
    dossier: Dossier

    @classmethod
    def of(
        cls,
        dossier: Dossier,
        *,
        legal_due_at: datetime | None,
        due_at: datetime | None,
        was_estimated: bool,
    ) -> DueChange:
        """The change of *dossier*, recounted, from the due times stored before.

        Raises:
            ArgumentTypeError: *dossier* is not a Dossier, a due time neither an aware
                datetime nor None, or *was_estimated* not a bool.
        """
        if not isinstance(dossier, Dossier):
            raise ArgumentTypeError("dossier", dossier, expected="the recounted Dossier")
        for name, value in (("legal_due_at", legal_due_at), ("due_at", due_at)):
            if value is not None:
                require_aware(value, name)
        if not isinstance(was_estimated, bool):
            raise ArgumentTypeError("was_estimated", was_estimated, expected="True or False")
        return cls(
            code=dossier.code,
            legal_due_at=legal_due_at,
            new_legal_due_at=dossier.legal_due_at,
            due_at=due_at,
            new_due_at=dossier.due_at,
            was_estimated=was_estimated,
            still_estimated=dossier.estimated_years,
            dossier=dossier,
        )

    @property
    def moved(self) -> bool:
        """Whether the new calendar moved the legal due time or the appointment."""
        return (self.legal_due_at, self.due_at) != (self.new_legal_due_at, self.new_due_at)

    @property
    def notify(self) -> bool:
        """Whether the applicant must be told: the appointment moved and the dossier is open.

        A finished dossier's moved legal due time only changes how the statistics judge
        it (:meth:`motcua.Dossier.timeliness`); nobody is waiting for that appointment.
        """
        return self.moved and self.dossier.status.is_open


def recheck(
    dossiers: Iterable[Dossier | dict[str, Any] | str | bytes], *, calendar: WorkingCalendar
) -> list[DueChange]:
    """The dossiers whose due time was an estimate or moves, recounted on *calendar*.

    When the Government announces a year motcua had estimated (load the announcement
    with :meth:`motcua.OfficialSchedule.from_file` and ``merge`` it into the calendar's
    schedule), every dossier counted across that year must be recounted: a Tết break of
    another length moves its legal due time, and the applicant must be told. This replays
    each dossier on *calendar* (``recount=True``) and lists those that were flagged as
    estimates (``state.due_estimated``) or whose due times move — so a stored form written
    by an earlier release, which carries no flag, is listed when the announcement moves
    it. Dossiers that were not estimates and do not move are left out.

    Args:
        dossiers: Dossiers, or their stored forms (dicts or JSON text), as counted on the
            older calendar.
        calendar: The calendar with the newly announced year.

    Returns:
        One :class:`DueChange` per listed dossier, in the order given. Tell the applicants
        of those with :attr:`DueChange.notify`; save every :attr:`DueChange.dossier`.

    Raises:
        StoredDossierError: A stored form is not a dossier, or its history fails on
            *calendar*; the message names the dossier and the event.
        ArgumentTypeError: *calendar* is not a calendar, *dossiers* is not a collection
            of dossiers, or an item is of another type.

    References:
        NĐ 118/2025/NĐ-CP: the receipt states the appointment; an appointment that can no
        longer be kept is notified to the applicant (the apology letter, Mẫu 04).
    """
    if not isinstance(calendar, WorkingCalendar):
        raise ArgumentTypeError("calendar", calendar, expected="the WorkingCalendar to recount on")
    if isinstance(dossiers, str | bytes | bytearray | dict | Dossier) or not isinstance(
        dossiers, Iterable
    ):
        raise ArgumentTypeError(
            "dossiers", dossiers, expected="a list (or other iterable) of Dossiers or stored forms"
        )
    changes = []
    for index, item in enumerate(dossiers):
        data = _stored(item, index)
        new = Dossier.from_dict(data, calendar=calendar, recount=True)  # refuses a non-dossier
        state = data["state"]
        change = DueChange.of(
            new,
            legal_due_at=_moment(new.code, state, "legal_due_at"),
            due_at=_moment(new.code, state, "due_at"),
            was_estimated=state.get("due_estimated") is True,
        )
        if change.was_estimated or change.moved:
            changes.append(change)
    return changes


def _moment(code: str, state: dict[str, Any], name: str) -> datetime | None:
    value = state.get(name)
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.utcoffset() is None:
        raise StoredDossierError(
            code=code, where=f"state.{name}", problem="must be an ISO 8601 time with its offset"
        )
    return in_vietnam_zone(moment)


def _stored(item: object, index: int) -> dict[str, Any]:
    if isinstance(item, Dossier):
        return item.to_dict()
    if isinstance(item, dict):
        return item
    if isinstance(item, str | bytes | bytearray):
        try:
            data = pydantic_core.from_json(item)
        except ValueError as exc:
            raise StoredDossierError(
                code="?", where=f"dossiers[{index}]", problem=f"is not JSON text: {exc}"
            ) from None
        if isinstance(data, dict):
            return data
    raise ArgumentTypeError(
        f"dossiers[{index}]", item, expected="a Dossier, or its stored form (dict or JSON text)"
    )
