"""``DossierView``: the response shape of a dossier in a JSON API, with its JSON Schema."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from motcua._time import require_aware
from motcua.dossiers import Dossier, DossierEvent
from motcua.errors import ArgumentTypeError

__all__ = [
    "ActionView",
    "ChannelView",
    "DossierView",
    "EventView",
    "StatusView",
    "TimelinessView",
]


class _View(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StatusView(_View):
    """A status with its Vietnamese label and the national portal's code."""

    value: str
    label: str
    national_code: int


class ChannelView(_View):
    """How the dossier was submitted, with its label and national code (1, 2, 3)."""

    value: str
    label: str
    national_code: int


class TimelinessView(_View):
    """Early / on time / late / within limit / overdue / paused / not counted."""

    value: str
    label: str


class ActionView(_View):
    """An action the dossier allows now."""

    action: str
    label: str
    needs_reason: bool


class EventView(_View):
    """One history event, labelled."""

    seq: int
    action: str
    label: str
    at: datetime
    by: str
    from_status: str
    to_status: str
    legal_due_at: datetime | None
    due_at: datetime | None
    paused: bool
    reason: str | None = None
    items: tuple[str, ...] = ()
    agency: str | None = None
    handed_to: str | None = None
    new_due_at: datetime | None = None
    previous_due_at: datetime | None = None
    recorded_at: datetime | None = None
    agreement: str | None = None


class DossierView(_View):
    """A dossier as a JSON API returns it: what a portal's screen or another system reads.

    Build it with :meth:`of`; serialise with ``model_dump_json()``. Its JSON Schema ships
    as ``motcua/api/dossier-view.schema.json`` (:func:`motcua.api.dossier_view_schema`).
    Times are ISO 8601 with the ``+07:00`` offset.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from motcua import Applicant, Catalog, Channel, Dossier, WorkingCalendar
    >>> at = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    >>> dossier = Dossier.receive(
    ...     Catalog.builtin().get("1.004873"), accepted_at=at, channel=Channel.COUNTER,
    ...     applicant=Applicant(name="Trần Thị Bình"), calendar=WorkingCalendar.vietnam(),
    ...     by="cb.tiepnhan", code="000.00.20.H12-260302-0001")
    >>> view = DossierView.of(dossier, at=at.replace(hour=14))
    >>> view.status.label, view.remaining, view.due_at.isoformat()
    ('Được tiếp nhận', 'còn 2 ngày 4 giờ', '2026-03-05T09:00:00+07:00')

    Attributes:
        code: The dossier code.
        procedure_code: The procedure's national code.
        procedure_name: Its name.
        field: Its field (*lĩnh vực*).
        agency: The handling agency.
        channel: How it was submitted.
        applicant_name: Who it is for.
        status: The status now.
        overdue: Whether the overdue mark was recorded.
        accepted_at: When the clock started.
        legal_due_at: The legal due time.
        due_at: The appointment (legal, or extended).
        case: The case (*trường hợp*) it was received in, by name, if any.
        recorded_at: When the complete dossier was recorded (postmark, system time).
        clock_started_at: Where its limit started counting.
        estimated_years: Unannounced years its due times were counted across: the
            appointment is an estimate (*dự kiến*) while this is not empty.
        finished_at: When it was decided.
        as_of: The moment the view's time answers are for.
        remaining: Office time left or past due at *as_of*, in words ("còn 2 ngày 3 giờ").
        timeliness: How it stands against its legal limit at *as_of*.
        allowed_actions: What can be done now.
        version: Its version: send it back as ``expected_version``.
        history: Every event, oldest first.
    """

    code: str
    procedure_code: str
    procedure_name: str
    field: str
    agency: str
    channel: ChannelView
    applicant_name: str
    status: StatusView
    overdue: bool
    accepted_at: datetime | None
    legal_due_at: datetime | None
    due_at: datetime | None
    case: str | None = None
    recorded_at: datetime | None = None
    clock_started_at: datetime | None = None
    estimated_years: tuple[int, ...] = ()
    finished_at: datetime | None
    as_of: datetime
    remaining: str | None
    timeliness: TimelinessView
    allowed_actions: tuple[ActionView, ...]
    version: int
    history: tuple[EventView, ...]

    @classmethod
    def of(cls, dossier: Dossier, *, at: datetime) -> DossierView:
        """The view of *dossier* as it stands, with time answers as of *at*.

        Raises:
            ArgumentTypeError: *dossier* is not a Dossier.
            NaiveDatetimeError: *at* has no time zone.
        """
        if not isinstance(dossier, Dossier):
            raise ArgumentTypeError("dossier", dossier, expected="a motcua.Dossier")
        at = require_aware(at, "at")
        status = dossier.status
        channel = dossier.channel
        timeliness = dossier.timeliness(at)
        remaining = str(dossier.remaining(at)) if dossier.legal_due_at is not None else None
        return cls(
            code=dossier.code,
            procedure_code=dossier.procedure_code,
            procedure_name=dossier.procedure_name,
            field=dossier.field,
            agency=dossier.handling_agency,
            channel=ChannelView(
                value=channel.value, label=channel.label, national_code=channel.code
            ),
            applicant_name=dossier.applicant.name,
            status=StatusView(
                value=status.value, label=status.label, national_code=status.national_code
            ),
            overdue=dossier.overdue,
            accepted_at=dossier.accepted_at,
            legal_due_at=dossier.legal_due_at,
            due_at=dossier.due_at,
            case=dossier.case_name,
            recorded_at=dossier.recorded_at,
            clock_started_at=dossier.clock_started_at,
            estimated_years=dossier.estimated_years,
            finished_at=dossier.finished_at,
            as_of=at,
            remaining=remaining,
            timeliness=TimelinessView(value=timeliness.value, label=timeliness.label),
            allowed_actions=tuple(
                ActionView(action=a.value, label=a.label, needs_reason=a.needs_reason)
                for a in dossier.allowed_actions()
            ),
            version=dossier.version,
            history=tuple(_event(e) for e in dossier.history),
        )


def _event(event: DossierEvent) -> EventView:
    fields: dict[str, Any] = event._asdict()
    fields["action"] = event.action.value
    fields["label"] = event.action.label
    fields["from_status"] = event.from_status.value
    fields["to_status"] = event.to_status.value
    return EventView(**fields)
