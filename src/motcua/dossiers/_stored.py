"""The stored form of a dossier, and loading it by replaying its history.

A stored dossier is a contract: :func:`load` rebuilds the dossier from its inputs (the
procedure's limit and steps as received, the policy, the applicant) and its history's
actions, through the same rules as live actions, on the calendar the caller passes; then
it compares every stored field with the replay. Anything the history could not have
produced is refused with :class:`motcua.errors.StoredDossierError`.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from motcua._time import VIETNAM_TZ
from motcua.calendar import CalendarIdentity, ProcessingTime, WorkingCalendar
from motcua.dossiers._actions import DossierAction
from motcua.dossiers._clock import StepPlan
from motcua.dossiers._dossier import Dossier
from motcua.dossiers._policy import ClockPolicy
from motcua.dossiers._records import Applicant, DossierEvent, Pause, StepRecord
from motcua.dossiers._transitions import Inputs, State, apply
from motcua.errors import ArgumentTypeError, MotcuaError, StoredDossierError
from motcua.procedures import Channel

__all__ = ["FORMAT", "dump", "load", "upgrade_stored"]

FORMAT = "motcua.dossier/2"
"""The ``format`` of the stored form this release writes and reads."""

_E = TypeVar("_E", bound=StrEnum)
_MINUTE = timedelta(minutes=1)
_VN_OFFSET = timedelta(hours=7)


def _iso(moment: datetime | None) -> str | None:
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


def dump(d: Dossier, *, share: bool = False) -> dict[str, Any]:
    """The stored form of *d*: plain JSON types, in the documented shape.

    With *share*, the events' dicts are the dossier's own cache (for serialising at once,
    never for handing out); otherwise they are fresh.
    """
    state = d._state
    history = state.history
    cached = d._stored
    if len(cached) < len(history):
        cached = [*cached, *(_event(e) for e in history[len(cached) :])]
        d._stored = cached
    events = cached[: len(history)] if share else [_copy_event(e) for e in cached[: len(history)]]
    return {
        "format": FORMAT,
        "code": d.code,
        "procedure": {
            "code": d.procedure_code,
            "name": d.procedure_name,
            "field": d.field,
            "agency": d.handling_agency,
        },
        "channel": d.channel.value,
        "applicant": _model_json(d.applicant, exclude_none=True),
        "limit": _model_json(d.limit),
        "step_plan": [
            {"name": p.name, "actor": p.actor, "budget_minutes": p.budget // _MINUTE}
            for p in d.step_plan
        ],
        "policy": _model_json(d.policy),
        "calendar": _identity(d.calendar.identity),
        "recounted_from": [_identity(i) for i in d.recounted_from],
        "history": events,
        "state": _state(state),
    }


def _model_json(model: BaseModel, *, exclude_none: bool = False) -> dict[str, Any]:
    """A frozen model's JSON form: computed once per distinct value, copied per use."""
    return json.loads(_model_text(model, exclude_none))  # type: ignore[no-any-return]


@lru_cache(maxsize=4096)
def _model_text(model: BaseModel, exclude_none: bool) -> str:
    return model.model_dump_json(exclude_none=exclude_none)


def _copy_event(e: dict[str, Any]) -> dict[str, Any]:
    copied = {**e, "clock": dict(e["clock"])}
    if "items" in e:
        copied["items"] = list(e["items"])
    return copied


def _identity(identity: CalendarIdentity) -> dict[str, str]:
    return {
        "calendar_id": identity.calendar_id,
        "office_hours": identity.office_hours,
        "schedule_version": identity.schedule_version,
    }


def _event(e: DossierEvent) -> dict[str, Any]:
    data: dict[str, Any] = {
        "seq": e.seq,
        "action": e.action.value,
        "at": e.at.isoformat(),
        "by": e.by,
        "from_status": e.from_status.value,
        "to_status": e.to_status.value,
        "clock": {
            "legal_due_at": _iso(e.clock.legal_due_at),
            "due_at": _iso(e.clock.due_at),
            "paused": e.clock.paused,
        },
    }
    if e.reason is not None:
        data["reason"] = e.reason
    if e.items:
        data["items"] = list(e.items)
    for name in ("agency", "handed_to"):
        if (value := getattr(e, name)) is not None:
            data[name] = value
    for name in ("new_due_at", "previous_due_at"):
        if (value := getattr(e, name)) is not None:
            data[name] = value.isoformat()
    return data


def _state(s: State) -> dict[str, Any]:
    return {
        "status": s.status.value,
        "overdue": s.overdue,
        "submitted_at": _iso(s.submitted_at),
        "accepted_at": _iso(s.accepted_at),
        "legal_due_at": _iso(s.legal_due_at),
        "due_at": _iso(s.due_at),
        "extended_due_at": _iso(s.extended_due_at),
        "finished_at": _iso(s.finished_at),
        "pauses": [
            {
                "kind": p.kind.value,
                "started_at": p.started_at.isoformat(),
                "ended_at": _iso(p.ended_at),
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
                "budget_minutes": t.budget // _MINUTE,
                "started_at": t.started_at.isoformat(),
                "due_at": t.due_at.isoformat(),
                "finished_at": _iso(t.finished_at),
                "handed_to": t.handed_to,
            }
            for t in s.steps
        ],
        "supplement_requests": dict(s.supplement_requests),
        "version": len(s.history),
    }


# -- loading --------------------------------------------------------------------------------


class _Reader:
    """Strict reading of one stored dossier: every refusal names the field."""

    __slots__ = ("code",)

    def __init__(self, code: str) -> None:
        self.code = code

    def fail(self, where: str, problem: str, stored: object = None) -> StoredDossierError:
        shown = None if stored is None else _text(stored)
        return StoredDossierError(code=self.code, where=where, problem=problem, stored=shown)

    def obj(
        self, value: object, where: str, keys: frozenset[str], required: frozenset[str]
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be a JSON object", value)
        unknown = value.keys() - keys
        if unknown:
            raise self.fail(
                where, f"unknown field(s) {', '.join(sorted(map(str, unknown)))}; known: "
                f"{', '.join(sorted(keys))}",
            )  # fmt: skip
        missing = required - value.keys()
        if missing:
            raise self.fail(where, f"missing field(s) {', '.join(sorted(missing))}")
        return value

    def text(self, value: object, where: str, *, blank: bool = False) -> str:
        if not isinstance(value, str) or (not blank and not value.strip()):
            raise self.fail(where, "must be a non-empty string", value)
        return value

    def opt_text(self, value: object, where: str) -> str | None:
        return None if value is None else self.text(value, where)

    def integer(self, value: object, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(where, "must be a whole number, 0 or more", value)
        return value

    def flag(self, value: object, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, "must be true or false", value)
        return value

    def moment(self, value: object, where: str) -> datetime:
        if not isinstance(value, str):
            raise self.fail(where, "must be an ISO 8601 date-time with its UTC offset", value)
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(
                where, "is not an ISO 8601 date-time (e.g. 2026-03-02T09:00:00+07:00)", value
            ) from None
        offset = parsed.utcoffset()
        if offset is None:
            raise self.fail(where, "has no UTC offset; stored times must be aware", value)
        if offset == _VN_OFFSET:  # Hà Nội time: the calendar's own zone (no DST since 1975)
            return parsed.astimezone(VIETNAM_TZ)
        return parsed

    def opt_moment(self, value: object, where: str) -> datetime | None:
        return None if value is None else self.moment(value, where)

    def enum(self, kind: type[_E], value: object, where: str) -> _E:
        try:
            return kind(value)  # type: ignore[arg-type]  # anything else is refused below
        except (ValueError, TypeError):
            valid = ", ".join(m.value for m in kind)
            raise self.fail(where, f"must be one of {valid}", value) from None


def _text(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):  # pragma: no cover - json.dumps with default=str
        return repr(value)


_TOP = frozenset(
    {
        "format", "code", "procedure", "channel", "applicant", "limit", "step_plan", "policy",
        "calendar", "recounted_from", "history", "state",
    }
)  # fmt: skip
_PROCEDURE = frozenset({"code", "name", "field", "agency"})
_IDENTITY = frozenset({"calendar_id", "office_hours", "schedule_version"})
_PLAN = frozenset({"name", "actor", "budget_minutes"})
_EVENT = frozenset(
    {
        "seq", "action", "at", "by", "from_status", "to_status", "clock", "reason", "items",
        "agency", "handed_to", "new_due_at", "previous_due_at",
    }
)  # fmt: skip
_EVENT_REQUIRED = frozenset({"seq", "action", "at", "by", "from_status", "to_status", "clock"})
_CLOCK = frozenset({"legal_due_at", "due_at", "paused"})
_STATE = frozenset(
    {
        "status", "overdue", "submitted_at", "accepted_at", "legal_due_at", "due_at",
        "extended_due_at", "finished_at", "pauses", "steps", "supplement_requests", "version",
    }
)  # fmt: skip


def load(
    data: object, calendar: WorkingCalendar, *, recount: bool = False, owned: bool = False
) -> Dossier:
    """The dossier *data* stores, replayed on *calendar* (see :meth:`Dossier.from_dict`).

    *owned*: *data* was parsed for this call alone, so its event dicts, once checked, can
    serve as the dossier's cache of its stored form.
    """
    if not isinstance(calendar, WorkingCalendar):
        raise ArgumentTypeError("calendar", calendar, expected="the WorkingCalendar it counts on")
    code = data.get("code") if isinstance(data, dict) else None
    r = _Reader(code if isinstance(code, str) and code else "?")
    if not isinstance(data, dict):
        raise r.fail("(document)", "must be a JSON object (a dossier's stored form)", data)
    fmt = data.get("format")
    if fmt != FORMAT:
        if fmt is None and "history" in data and "status" in data:
            raise r.fail(
                "format", "this is the motcua 0.1 shape (no 'format', no calendar identity); "
                "convert it with motcua.dossiers.upgrade_stored(data, calendar=...) first",
            )  # fmt: skip
        raise r.fail("format", f"must be {FORMAT!r}", fmt)
    r.obj(data, "(document)", _TOP, _TOP)
    dossier, recounting = _shell(r, data, calendar, recount)
    events = data["history"]
    if not isinstance(events, list) or not events:
        raise r.fail(
            "history", "must be a non-empty list: every dossier starts with an event", events
        )
    state = dossier._state
    ctx = dossier._ctx
    # On a recount the stored clock values are recomputed, not compared: only the
    # history's actions are replayed (and must still be legal) on the new calendar.
    compare = not recounting
    canonical = owned and compare  # every event matched the replay exactly so far
    for index, raw in enumerate(events):
        inputs = _fast_inputs(raw) if type(raw) is dict and raw.keys() <= _EVENT else None
        if inputs is None:  # something is off: read it field by field, naming the field
            where = f"history[{index}]"
            inputs = _inputs(r, r.obj(raw, where, _EVENT, _EVENT_REQUIRED), where)
        try:
            state = apply(ctx, state, inputs)
        except MotcuaError as exc:
            raise StoredDossierError(
                code=r.code,
                where=f"history[{index}]",
                problem=f"the history could not have happened: replaying "
                f"{inputs.action.value} at {inputs.at.isoformat()} is refused: {exc}",
            ) from None
        if compare and not _event_matches(raw, state.history[-1]):
            canonical = False
            where = f"history[{index}]"
            _compare_event(r, r.obj(raw, where, _EVENT, _EVENT_REQUIRED), state.history[-1], where)
    if compare:
        stored_state = data["state"]
        if not _state_matches(stored_state, state):
            _compare_state(r, stored_state, state)
    dossier._state = state
    if canonical and all(_is_canonical(raw) for raw in events):
        dossier._stored = events
    return dossier


def _is_canonical(raw: dict[str, Any]) -> bool:
    """Whether a matching stored event is written exactly as :func:`_event` writes it."""
    return None not in (raw.get("reason", 0), raw.get("agency", 0), raw.get("handed_to", 0),
                        raw.get("new_due_at", 0), raw.get("previous_due_at", 0)) and (
        raw.get("items", 0) != []
    )  # fmt: skip


def _fast_inputs(e: dict[str, Any]) -> Inputs | None:  # noqa: PLR0911 - each check gives up
    """The inputs of a well-formed stored event, or None to read it the slow way."""
    name = e.get("action")
    action = _ACTIONS.get(name) if type(name) is str else None
    at = e.get("at")
    by = e.get("by")
    if action is None or type(at) is not str or type(by) is not str or not by.strip():
        return None
    try:
        moment = _aware(datetime.fromisoformat(at))
        new_due = e.get("new_due_at")
        if new_due is not None:
            if type(new_due) is not str:
                return None
            new_due = _aware(datetime.fromisoformat(new_due))
    except ValueError:
        return None
    reason, agency, to = e.get("reason"), e.get("agency"), e.get("handed_to")
    items = e.get("items", ())
    if type(items) is not list and items != ():
        return None
    for text in (reason, agency, to):
        if text is not None and (type(text) is not str or not text.strip()):
            return None
    if not all(type(x) is str and x.strip() for x in items):
        return None
    return Inputs(action, moment, by, reason, tuple(items), agency, to, new_due)


def _aware(moment: datetime) -> datetime:
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("naive")
    return moment.astimezone(VIETNAM_TZ) if offset == _VN_OFFSET else moment


_ACTIONS = {a.value: a for a in DossierAction}
_NO_ITEMS: list[str] = []


def _event_matches(raw: Any, e: DossierEvent) -> bool:
    """Whether the stored event says exactly what the replay gives (the common case)."""
    clock = raw.get("clock")
    seq = raw.get("seq")
    snapshot = e.clock
    return (
        type(clock) is dict
        and type(seq) is int
        and seq == e.seq
        and len(clock) == 3
        and clock.get("paused") is snapshot.paused
        and clock.get("legal_due_at") == _iso(snapshot.legal_due_at)
        and clock.get("due_at") == _iso(snapshot.due_at)
        and raw.get("from_status") == e.from_status
        and raw.get("to_status") == e.to_status
        and raw.get("reason") == e.reason
        and raw.get("agency") == e.agency
        and raw.get("handed_to") == e.handed_to
        and raw.get("previous_due_at") == _iso(e.previous_due_at)
        and raw.get("new_due_at") == _iso(e.new_due_at)
        and raw.get("items", _NO_ITEMS) == list(e.items)
    )


def _state_matches(raw: Any, s: State) -> bool:
    """Whether the stored state says exactly what the replay gives (the common case)."""
    if type(raw) is not dict:
        return False
    expected = _state(s)
    return (
        raw == expected
        and type(raw["overdue"]) is bool
        and type(raw["version"]) is int
        and all(type(p["counted"]) is bool for p in raw["pauses"])
        and all(type(t["position"]) is int for t in raw["steps"])
        and all(type(t["budget_minutes"]) is int for t in raw["steps"])
    )


def _shell(
    r: _Reader, data: dict[str, Any], calendar: WorkingCalendar, recount: bool
) -> tuple[Dossier, bool]:
    """The dossier before its first event, from the stored inputs; and whether it recounts."""
    code = r.text(data["code"], "code")
    procedure = r.obj(data["procedure"], "procedure", _PROCEDURE, _PROCEDURE)
    stored_identity = _read_identity(r, data["calendar"], "calendar")
    earlier = data["recounted_from"]
    if not isinstance(earlier, list):
        raise r.fail("recounted_from", "must be a list of calendar identities", earlier)
    recounted = tuple(_read_identity(r, x, f"recounted_from[{k}]") for k, x in enumerate(earlier))
    recounting = stored_identity != calendar.identity
    if recounting:
        if not recount:
            raise StoredDossierError(
                code=code,
                where="calendar",
                problem=f"it was counted on calendar {stored_identity}, not on the calendar "
                f"given, {calendar.identity}: load it with the calendar it was counted on, or "
                f"pass recount=True to recount it on this one (recorded in recounted_from)",
            )
        recounted = (*recounted, stored_identity)
    plan_data = data["step_plan"]
    if not isinstance(plan_data, list):
        raise r.fail("step_plan", "must be a list of steps", plan_data)
    plan = []
    for k, raw in enumerate(plan_data):
        step = r.obj(raw, f"step_plan[{k}]", _PLAN, _PLAN)
        minutes = r.integer(step["budget_minutes"], f"step_plan[{k}].budget_minutes")
        plan.append(
            StepPlan(
                r.text(step["name"], f"step_plan[{k}].name"),
                r.text(step["actor"], f"step_plan[{k}].actor"),
                minutes * _MINUTE,
            )
        )
    dossier = Dossier(
        code=code,
        procedure_code=r.text(procedure["code"], "procedure.code"),
        procedure_name=r.text(procedure["name"], "procedure.name"),
        field=r.text(procedure["field"], "procedure.field"),
        handling_agency=r.text(procedure["agency"], "procedure.agency", blank=True),
        channel=r.enum(Channel, data["channel"], "channel"),
        applicant=_model(r, Applicant, data["applicant"], "applicant"),
        limit=_model(r, ProcessingTime, data["limit"], "limit"),
        plan=tuple(plan),
        policy=_policy(r, data["policy"]),
        calendar=calendar,
        recounted_from=recounted,
    )
    return dossier, recounting


_M = TypeVar("_M", Applicant, ProcessingTime, ClockPolicy)
_DEFAULT_POLICY = ClockPolicy()
_DEFAULT_POLICY_DATA = _DEFAULT_POLICY.model_dump(mode="json")


def _policy(r: _Reader, value: object) -> ClockPolicy:
    if (
        isinstance(value, dict)
        and value == _DEFAULT_POLICY_DATA
        and all(type(value[k]) is type(v) for k, v in _DEFAULT_POLICY_DATA.items())
    ):
        return _DEFAULT_POLICY  # the common case: no validation to repeat
    return _model(r, ClockPolicy, value, "policy")


def _model(r: _Reader, kind: type[_M], value: object, where: str) -> _M:
    if not isinstance(value, dict):
        raise r.fail(where, "must be a JSON object", value)
    # Validated values are immutable: remember them by their exact JSON content.
    items: dict[Any, Any] = value
    key = (kind, *((k, v, type(v)) for k, v in items.items() if type(v) in _ATOMS))
    if len(key) == len(value) + 1:
        known = _MODELS.get(key)
        if known is not None:
            return known  # type: ignore[return-value]
    try:
        model = kind.model_validate(value)
        if len(key) == len(value) + 1:
            if len(_MODELS) >= _ISO_LIMIT:
                _MODELS.clear()
            _MODELS[key] = model
        return model
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(p) for p in first["loc"])
        raise r.fail(f"{where}.{place}" if place else where, first["msg"], value) from None


_ATOMS = (str, int, bool, type(None))
_MODELS: dict[tuple[Any, ...], BaseModel] = {}


def _read_identity(r: _Reader, value: object, where: str) -> CalendarIdentity:
    data = r.obj(value, where, _IDENTITY, _IDENTITY)
    return CalendarIdentity(
        r.text(data["calendar_id"], f"{where}.calendar_id"),
        r.text(data["office_hours"], f"{where}.office_hours"),
        r.text(data["schedule_version"], f"{where}.schedule_version"),
    )


def _inputs(r: _Reader, e: dict[str, Any], where: str) -> Inputs:
    """What the stored event says was done: the replay's input."""
    items = e.get("items", [])
    if not isinstance(items, list):
        raise r.fail(f"{where}.items", "must be a list of texts", items)
    return Inputs(
        r.enum(DossierAction, e["action"], f"{where}.action"),
        r.moment(e["at"], f"{where}.at"),
        r.text(e["by"], f"{where}.by"),
        r.opt_text(e.get("reason"), f"{where}.reason"),
        tuple(r.text(x, f"{where}.items[{k}]") for k, x in enumerate(items)),
        r.opt_text(e.get("agency"), f"{where}.agency"),
        r.opt_text(e.get("handed_to"), f"{where}.handed_to"),
        r.opt_moment(e.get("new_due_at"), f"{where}.new_due_at"),
    )


def _same(r: _Reader, stored: object, replayed: object, where: str) -> None:
    """Refuse unless *stored* (JSON) says what the replay gives."""
    if isinstance(replayed, datetime) or (replayed is None and isinstance(stored, str)):
        if stored == _iso(replayed):
            return
        if stored is not None and replayed is not None and r.moment(stored, where) == replayed:
            return  # the same instant written in another offset
    elif (type(stored) is type(replayed) and stored == replayed) or (
        isinstance(replayed, StrEnum) and stored == replayed.value
    ):
        return
    raise StoredDossierError(
        code=r.code,
        where=where,
        problem="the stored value is not what replaying the history gives",
        stored=None if stored is None else _text(stored),
        replayed=None if replayed is None else _text(replayed),
    )


def _compare_event(r: _Reader, e: dict[str, Any], got: DossierEvent, where: str) -> None:
    _same(r, e["seq"], got.seq, f"{where}.seq")
    _same(r, e["from_status"], got.from_status, f"{where}.from_status")
    _same(r, e["to_status"], got.to_status, f"{where}.to_status")
    clock = r.obj(e["clock"], f"{where}.clock", _CLOCK, _CLOCK)
    _same(r, clock["legal_due_at"], got.clock.legal_due_at, f"{where}.clock.legal_due_at")
    _same(r, clock["due_at"], got.clock.due_at, f"{where}.clock.due_at")
    _same(r, clock["paused"], got.clock.paused, f"{where}.clock.paused")
    for name in ("reason", "agency", "handed_to", "new_due_at", "previous_due_at"):
        _same(r, e.get(name), getattr(got, name), f"{where}.{name}")
    if e.get("items", []) != list(got.items):
        _same(r, e.get("items"), list(got.items), f"{where}.items")


def _compare_state(r: _Reader, value: object, s: State) -> None:
    data = r.obj(value, "state", _STATE, _STATE)
    for name in (
        "status", "overdue", "submitted_at", "accepted_at", "legal_due_at", "due_at",
        "extended_due_at", "finished_at",
    ):  # fmt: skip
        _same(r, data[name], getattr(s, name), f"state.{name}")
    _same(r, data["version"], len(s.history), "state.version")
    requests = data["supplement_requests"]
    if requests != dict(s.supplement_requests):
        _same(r, requests, dict(s.supplement_requests), "state.supplement_requests")
    _compare_list(r, data["pauses"], s.pauses, "state.pauses", _pause)
    _compare_list(r, data["steps"], s.steps, "state.steps", _step)


def _pause(r: _Reader, stored: dict[str, Any], p: Pause, where: str) -> None:
    r.obj(stored, where, frozenset(p._fields), frozenset(p._fields))
    _same(r, stored["kind"], p.kind, f"{where}.kind")
    _same(r, stored["started_at"], p.started_at, f"{where}.started_at")
    _same(r, stored["ended_at"], p.ended_at, f"{where}.ended_at")
    _same(r, stored["ended_by"], p.ended_by, f"{where}.ended_by")
    _same(r, stored["counted"], p.counted, f"{where}.counted")


_STEP = frozenset(
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


def _step(r: _Reader, stored: dict[str, Any], t: StepRecord, where: str) -> None:
    r.obj(stored, where, _STEP, _STEP)
    for name in ("position", "name", "actor", "started_at", "due_at", "finished_at", "handed_to"):
        _same(r, stored[name], getattr(t, name), f"{where}.{name}")
    _same(r, stored["budget_minutes"], t.budget // _MINUTE, f"{where}.budget_minutes")


def _compare_list(
    r: _Reader, stored: object, replayed: tuple[Any, ...], where: str, check: Any
) -> None:
    if not isinstance(stored, list):
        raise r.fail(where, "must be a list", stored)
    if len(stored) != len(replayed):
        raise StoredDossierError(
            code=r.code,
            where=where,
            problem=f"{len(stored)} stored, the replay gives {len(replayed)}",
        )
    for k, (a, b) in enumerate(zip(stored, replayed, strict=True)):
        check(r, a, b, f"{where}[{k}]")


# -- the previous shape ---------------------------------------------------------------------

_V1_DETAILS = {"to": "handed_to", "agency": "agency", "new_due_at": "new_due_at",
               "previous_due_at": "previous_due_at"}  # fmt: skip


def upgrade_stored(data: dict[str, Any], *, calendar: WorkingCalendar) -> dict[str, Any]:
    """Convert a dossier stored by motcua 0.1 (``model_dump``) to the current stored form.

    The old shape did not say which calendar the dossier was counted on: *calendar* is
    the one you attest it was counted on, and is recorded. The result still has to pass
    :meth:`Dossier.from_dict` (replay) on that calendar.

    Raises:
        StoredDossierError: *data* is not a motcua 0.1 dossier.
    """
    r = _Reader(str(data.get("code", "?")) if isinstance(data, dict) else "?")
    if not isinstance(data, dict) or "history" not in data or "status" not in data:
        raise r.fail("(document)", "is not a dossier stored by motcua 0.1", data)
    try:
        events = []
        for e in data["history"]:
            event = {
                k: v for k, v in e.items() if k not in ("details",) and v not in (None, [], ())
            }
            event.setdefault("clock", e.get("clock"))
            for old, new in _V1_DETAILS.items():
                if old in e.get("details", {}):
                    event[new] = e["details"][old]
            events.append(event)
        state_keys = _STATE - {"version"}
        return {
            "format": FORMAT,
            "code": data["code"],
            "procedure": {
                "code": data["procedure_code"],
                "name": data["procedure_name"],
                "field": data["field"],
                "agency": data.get("handling_agency", ""),
            },
            "channel": data["channel"],
            "applicant": data["applicant"],
            "limit": data["limit"],
            "step_plan": [
                {"name": n, "actor": a, "budget_minutes": _minutes(b)}
                for n, a, b in data["step_plan"]
            ],
            "policy": {**_DEFAULT_POLICY_DATA, **data.get("policy", {})},
            "calendar": _identity(calendar.identity),
            "recounted_from": [],
            "history": events,
            "state": {
                **{k: data.get(k) for k in state_keys},
                "steps": [
                    {
                        **{k: v for k, v in s.items() if k not in ("budget", "index")},
                        "position": s["index"],
                        "budget_minutes": _minutes(s["budget"]),
                    }
                    for s in data.get("steps", [])
                ],
                "version": data["version"],
            },
        }
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise r.fail("(document)", f"is not a readable motcua 0.1 dossier ({exc!r})") from None


def _minutes(value: object) -> int:
    """A pydantic 0.1 duration ("PT4H", or seconds) as whole minutes."""
    if isinstance(value, int | float):
        return int(value) // 60
    from pydantic import TypeAdapter  # noqa: PLC0415 - only for the one-off upgrade

    return int(TypeAdapter(timedelta).validate_python(value) // _MINUTE)
