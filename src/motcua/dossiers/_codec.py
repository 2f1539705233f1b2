"""The stored form of a dossier (``motcua.dossier/2``), as motcua writes it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pydantic_core
from pydantic import BaseModel

from motcua._time import VIETNAM_TZ
from motcua.calendar import CalendarIdentity
from motcua.dossiers._records import DossierEvent
from motcua.dossiers._state import State
from motcua.procedures import ClockStart

if TYPE_CHECKING:
    from motcua.dossiers._dossier import Dossier

__all__ = ["FORMAT", "dump"]

FORMAT = "motcua.dossier/2"
"""The ``format`` of the stored form this release writes and reads."""

MINUTE = timedelta(minutes=1)
"""The unit of ``budget_minutes`` in the stored form."""


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 text of *moment*; Hà Nội times are formatted once and remembered.

    A dossier repeats the same few due times in every event's clock, and formatting an
    aware datetime costs more than looking it up. Only moments in the calendar's own
    zone are remembered, so equal instants in other zones keep their own spelling.
    """
    if moment is None:
        return None
    if moment.tzinfo is not VIETNAM_TZ:
        return moment.isoformat()
    text = _ISO.get(moment)
    if text is None:
        if len(_ISO) >= _ISO_LIMIT:
            _ISO.clear()
        text = _ISO[moment] = moment.isoformat()
    return text


_ISO: dict[datetime, str] = {}
_ISO_LIMIT = 65_536


def dump(d: Dossier) -> dict[str, Any]:
    """The stored form of *d*: plain JSON types, in the documented shape (fresh objects)."""
    state = d._state
    return {
        **_head(d),
        "history": [event_dict(e) for e in state.history],
        "state": state_dict(state, d.due_estimated),
    }


def dump_text(d: Dossier, estimated: bool | None = None) -> str:
    """:func:`dump` as compact JSON text, byte for byte ``pydantic_core.to_json(dump(d))``.

    The text of the inputs and of each event is made once per dossier and kept (plain
    strings: nothing for the garbage collector to walk); only the state is new each time.
    """
    state = d._state
    history = state.history
    texts = d._stored
    if len(texts) < len(history):
        texts = (*texts, *(_json(event_dict(e)) for e in history[len(texts) :]))
        d._stored = texts
    head = d._head
    if head is None:
        head = d._head = _json(_head(d))[:-1]  # without its closing brace
    events = ",".join(texts[: len(history)])
    tail = _json(state_dict(state, d.due_estimated if estimated is None else estimated))
    return f'{head},"history":[{events}],"state":{tail}}}'


def _json(value: object) -> str:
    return pydantic_core.to_json(value).decode()


def _head(d: Dossier) -> dict[str, Any]:
    """What the stored form says before the history: the dossier's inputs (immutable)."""
    return {
        "format": FORMAT,
        "code": d.code,
        "procedure": _procedure(d),
        "channel": d.channel.value,
        "applicant": _model_json(d.applicant, exclude_none=True),
        "limit": _model_json(d.limit),
        "step_plan": [
            {"name": p.name, "actor": p.actor, "budget_minutes": p.budget // MINUTE}
            for p in d.step_plan
        ],
        "policy": _model_json(d.policy),
        "calendar": identity_dict(d.calendar.identity),
        "recounted_from": [identity_dict(i) for i in d.recounted_from],
    }


def _procedure(d: Dossier) -> dict[str, Any]:
    block: dict[str, Any] = {
        "code": d.procedure_code,
        "name": d.procedure_name,
        "field": d.field,
        "agency": d.handling_agency,
    }
    if d.case is not None:
        block["case"] = {"key": d.case, "name": d.case_name}
    ctx = d._ctx
    if ctx.clock_start is not ClockStart.ACCEPTED:
        block["clock_start"] = ctx.clock_start.value
    if ctx.by_agreement:
        block["by_agreement"] = True
    return block


def _model_json(model: BaseModel, *, exclude_none: bool = False) -> dict[str, Any]:
    """A frozen model's JSON form: computed once per distinct value, copied per use."""
    return json.loads(_model_text(model, exclude_none))  # type: ignore[no-any-return]


@lru_cache(maxsize=4096)
def _model_text(model: BaseModel, exclude_none: bool) -> str:
    return model.model_dump_json(exclude_none=exclude_none)


def identity_dict(identity: CalendarIdentity) -> dict[str, str]:
    return {
        "calendar_id": identity.calendar_id,
        "office_hours": identity.office_hours,
        "schedule_version": identity.schedule_version,
    }


def event_dict(e: DossierEvent) -> dict[str, Any]:
    data: dict[str, Any] = {
        "seq": e.seq,
        "action": e.action.value,
        "at": e.at.isoformat(),
        "by": e.by,
        "from_status": e.from_status.value,
        "to_status": e.to_status.value,
        "clock": {
            "legal_due_at": iso(e.legal_due_at),
            "due_at": iso(e.due_at),
            "paused": e.paused,
        },
    }
    if e.reason is not None:
        data["reason"] = e.reason
    if e.items:
        data["items"] = list(e.items)
    for name in ("agency", "handed_to"):
        if (value := getattr(e, name)) is not None:
            data[name] = value
    for name in ("new_due_at", "previous_due_at", "recorded_at"):
        if (value := getattr(e, name)) is not None:
            data[name] = value.isoformat()
    if e.agreement is not None:
        data["agreement"] = e.agreement
    return data


def state_dict(s: State, estimated: bool = False) -> dict[str, Any]:
    """The stored state; ``due_estimated`` is written only when true."""
    data = {
        "status": s.status.value,
        "overdue": s.overdue,
        "submitted_at": iso(s.submitted_at),
        "accepted_at": iso(s.accepted_at),
        "legal_due_at": iso(s.legal_due_at),
        "due_at": iso(s.due_at),
        "extended_due_at": iso(s.extended_due_at),
        "finished_at": iso(s.finished_at),
        "pauses": [
            {
                "kind": p.kind.value,
                "started_at": p.started_at.isoformat(),
                "ended_at": iso(p.ended_at),
                "ended_by": None if p.ended_by is None else p.ended_by.value,
                "counted": p.counted,
            }
            for p in s.pauses
        ],
        "steps": [
            {
                "position": t.position,
                "name": t.name,
                "actor": t.actor,
                "budget_minutes": t.budget // MINUTE,
                "started_at": t.started_at.isoformat(),
                "due_at": t.due_at.isoformat(),
                "finished_at": iso(t.finished_at),
                "handed_to": t.handed_to,
            }
            for t in s.steps
        ],
        "supplement_requests": dict(s.supplement_requests),
        "version": len(s.history),
    }
    if estimated:
        data["due_estimated"] = True
    return data


TOP_KEYS = frozenset(
    {
        "format",
        "code",
        "procedure",
        "channel",
        "applicant",
        "limit",
        "step_plan",
        "policy",
        "calendar",
        "recounted_from",
        "history",
        "state",
    }
)
PROCEDURE_KEYS = frozenset(
    {"code", "name", "field", "agency", "case", "clock_start", "by_agreement"}
)
PROCEDURE_REQUIRED = frozenset({"code", "name", "field", "agency"})
CASE_KEYS = frozenset({"key", "name"})
IDENTITY_KEYS = frozenset({"calendar_id", "office_hours", "schedule_version"})
PLAN_KEYS = frozenset({"name", "actor", "budget_minutes"})
EVENT_KEYS = frozenset(
    {
        "seq",
        "action",
        "at",
        "by",
        "from_status",
        "to_status",
        "clock",
        "reason",
        "items",
        "agency",
        "handed_to",
        "new_due_at",
        "previous_due_at",
        "recorded_at",
        "agreement",
    }
)
EVENT_REQUIRED = frozenset({"seq", "action", "at", "by", "from_status", "to_status", "clock"})
CLOCK_KEYS = frozenset({"legal_due_at", "due_at", "paused"})
STATE_REQUIRED = frozenset(
    {
        "status",
        "overdue",
        "submitted_at",
        "accepted_at",
        "legal_due_at",
        "due_at",
        "extended_due_at",
        "finished_at",
        "pauses",
        "steps",
        "supplement_requests",
        "version",
    }
)
STATE_KEYS = STATE_REQUIRED | {"due_estimated"}


STEP_KEYS = frozenset(
    {
        "position",
        "name",
        "actor",
        "budget_minutes",
        "started_at",
        "due_at",
        "finished_at",
        "handed_to",
    }
)
