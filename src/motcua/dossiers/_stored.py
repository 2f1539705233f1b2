"""Loading a stored dossier by replaying its history.

A stored dossier is a contract: :func:`load` rebuilds the dossier from its inputs (the
procedure's limit and steps as received, the policy, the applicant) and its history's
actions, through the same rules as live actions, on the calendar the caller passes; then
it compares every stored field with the replay. Anything the history could not have
produced is refused with :class:`motcua.errors.StoredDossierError`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pydantic_core

from motcua._time import in_vietnam_zone
from motcua.calendar import ProcessingTime, WorkingCalendar
from motcua.dossiers._actions import DossierAction
from motcua.dossiers._clock import StepPlan
from motcua.dossiers._codec import (
    CASE_KEYS,
    EVENT_KEYS,
    EVENT_REQUIRED,
    FORMAT,
    MINUTE,
    PLAN_KEYS,
    PROCEDURE_KEYS,
    PROCEDURE_REQUIRED,
    TOP_KEYS,
    iso,
    state_dict,
)
from motcua.dossiers._dossier import Dossier
from motcua.dossiers._reader import (
    Reader,
    compare_event,
    compare_state,
    read_identity,
    read_inputs,
    read_model,
    read_policy,
)
from motcua.dossiers._records import Applicant, DossierEvent
from motcua.dossiers._state import MAX_EVENT_SIZE, Inputs, State
from motcua.dossiers._transitions import apply
from motcua.errors import ArgumentTypeError, CalendarError, MotcuaError, StoredDossierError
from motcua.procedures import Channel, ClockStart

__all__ = ["MAX_EVENTS", "MAX_EVENT_SIZE", "check_limit", "load"]


MAX_EVENTS = 10_000
"""The longest history loaded unless a caller allows more (real dossiers have tens)."""


def check_limit(name: str, value: object) -> None:
    """Refuse a limit that is not a whole number of at least 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ArgumentTypeError(name, value, expected="a whole number of at least 1")


def _event_size(raw: dict[str, Any]) -> int:
    """The characters of text in a stored event: what it costs beyond its fixed fields."""
    size = 0
    for value in raw.values():
        if type(value) is str:
            size += len(value)
        elif type(value) is list:
            size += len(value) + sum(len(x) for x in value if type(x) is str)
    return size


def load(  # noqa: PLR0912, PLR0915 - each refusal names its own field
    data: object,
    calendar: WorkingCalendar,
    *,
    recount: bool = False,
    max_events: int = MAX_EVENTS,
    max_event_size: int = MAX_EVENT_SIZE,
) -> Dossier:
    """The dossier *data* stores, replayed on *calendar* (see :meth:`Dossier.from_dict`)."""
    if not isinstance(calendar, WorkingCalendar):
        raise ArgumentTypeError("calendar", calendar, expected="the WorkingCalendar it counts on")
    check_limit("max_events", max_events)
    check_limit("max_event_size", max_event_size)
    code = data.get("code") if isinstance(data, dict) else None
    r = Reader(code if isinstance(code, str) and code else "?")
    if not isinstance(data, dict):
        raise r.fail("(document)", "must be a JSON object (a dossier's stored form)", data)
    fmt = data.get("format")
    if fmt != FORMAT:
        if fmt is None and "history" in data and "status" in data:
            raise r.fail(
                "format",
                "this is the motcua 0.1 shape (no 'format', no calendar identity); "
                "convert it with motcua.dossiers.upgrade_stored(data, calendar=...) first",
            )
        raise r.fail("format", f"must be {FORMAT!r}", fmt)
    r.obj(data, "(document)", TOP_KEYS, TOP_KEYS)
    dossier, recounting = _shell(r, data, calendar, recount)
    events = data["history"]
    if not isinstance(events, list) or not events:
        raise r.fail(
            "history", "must be a non-empty list: every dossier starts with an event", events
        )
    if len(events) > max_events:
        raise StoredDossierError(
            code=r.code,
            where="history",
            problem=f"has {len(events):,} events, more than the limit of {max_events:,}; "
            f"pass a larger max_events= if the history is genuine",
        )
    state = dossier._state
    # A dossier recounted now or before keeps its recorded overdue marks: they happened,
    # even where the new calendar would not have made it overdue then.
    ctx = dossier._ctx._replace(recounting=recounting or bool(dossier.recounted_from))
    r.recount = recounting
    # On a recount the values the calendar computed (due times, when counting started) are
    # recomputed, not compared; everything else is, and the actions must still be legal.
    texts: list[str] | None = None if recounting else []  # events written as motcua writes
    for index, raw in enumerate(events):
        if type(raw) is dict and _event_size(raw) > max_event_size:
            raise StoredDossierError(
                code=r.code,
                where=f"history[{index}]",
                problem=f"holds {_event_size(raw):,} characters of text, more than the limit "
                f"of {max_event_size:,}; pass a larger max_event_size= if it is genuine",
            )
        inputs = _fast_inputs(raw) if type(raw) is dict and raw.keys() <= EVENT_KEYS else None
        if inputs is None:  # something is off: read it field by field, naming the field
            where = f"history[{index}]"
            inputs = read_inputs(r, r.obj(raw, where, EVENT_KEYS, EVENT_REQUIRED), where)
        try:
            state = apply(ctx, state, inputs)
        except MotcuaError as exc:
            replaying = f"replaying {inputs.action.value} at {inputs.at.isoformat()}"
            problem = (
                f"{replaying} on this calendar fails: {exc}"
                if isinstance(exc, CalendarError)
                else f"the history could not have happened: {replaying} is refused: {exc}"
            )
            raise StoredDossierError(
                code=r.code, where=f"history[{index}]", problem=problem
            ) from None
        if recounting or not _event_matches(raw, state.history[-1]):
            texts = None
            where = f"history[{index}]"
            compare_event(
                r, r.obj(raw, where, EVENT_KEYS, EVENT_REQUIRED), state.history[-1], where
            )
        elif texts is not None:
            text = _canonical_text(raw, state.history[-1])
            if text is None:
                texts = None
            else:
                texts.append(text)
    stored_state = data["state"]
    dossier._state = state  # refused below unless the stored state agrees
    estimated = dossier.due_estimated
    if recounting or not _state_matches(stored_state, state, estimated):
        compare_state(r, stored_state, state, estimated)
    if texts:
        dossier._stored = tuple(texts)  # strings: the caller's dicts are not kept
    return dossier


_BASE_ORDER = ("seq", "action", "at", "by", "from_status", "to_status", "clock")
_CLOCK_ORDER = ("legal_due_at", "due_at", "paused")


def _canonical_text(raw: dict[str, Any], e: DossierEvent) -> str | None:
    """The text of a matching stored event if it is written exactly as motcua writes it."""
    optional = tuple(
        name
        for name, value in (
            ("reason", e.reason),
            ("items", e.items or None),
            ("agency", e.agency),
            ("handed_to", e.handed_to),
            ("new_due_at", e.new_due_at),
            ("previous_due_at", e.previous_due_at),
            ("recorded_at", e.recorded_at),
            ("agreement", e.agreement),
        )
        if value is not None
    )
    if (
        tuple(raw) != _BASE_ORDER + optional
        or tuple(raw["clock"]) != _CLOCK_ORDER
        or raw["at"] != iso(e.at)
    ):
        return None
    try:
        return pydantic_core.to_json(raw).decode()
    except pydantic_core.PydanticSerializationError:
        return None  # text pydantic-core cannot encode (a lone surrogate): not remembered


_PLANS: dict[tuple[Any, ...], tuple[StepPlan, ...]] = {}
"""Step plans read before, by their stored values: dossiers of one procedure share one."""


def _read_plan(r: Reader, plan_data: list[Any]) -> tuple[StepPlan, ...]:
    plan = []
    for k, raw in enumerate(plan_data):
        step = r.obj(raw, f"step_plan[{k}]", PLAN_KEYS, PLAN_KEYS)
        minutes = r.integer(step["budget_minutes"], f"step_plan[{k}].budget_minutes")
        plan.append(
            StepPlan(
                r.text(step["name"], f"step_plan[{k}].name"),
                r.text(step["actor"], f"step_plan[{k}].actor"),
                minutes * MINUTE,
            )
        )
    return tuple(plan)


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
        recorded = e.get("recorded_at")
        if recorded is not None:
            if type(recorded) is not str:
                return None
            recorded = _aware(datetime.fromisoformat(recorded))
    except (ValueError, OverflowError):
        return None
    reason, agency, to = e.get("reason"), e.get("agency"), e.get("handed_to")
    agreement = e.get("agreement")
    if None in e.values():
        return None  # a key written null: the slow path says it must be left out
    items = e.get("items", ())
    if type(items) is not list and items != ():
        return None
    for text in (reason, agency, to, agreement):
        if text is not None and (type(text) is not str or not text.strip()):
            return None
    if not all(type(x) is str and x.strip() for x in items):
        return None
    return Inputs(
        action, moment, by, reason, tuple(items), agency, to, new_due, recorded, agreement
    )


def _aware(moment: datetime) -> datetime:
    offset = moment.utcoffset()
    if offset is None or not 2000 < moment.year < 2100:  # the slow path says what is wrong
        raise ValueError(moment)
    return in_vietnam_zone(moment)


_ACTIONS = {a.value: a for a in DossierAction}
_NO_ITEMS: list[str] = []


def _event_matches(raw: Any, e: DossierEvent) -> bool:
    """Whether the stored event says exactly what the replay gives (the common case)."""
    clock = raw.get("clock")
    seq = raw.get("seq")
    return (
        type(clock) is dict
        and type(seq) is int
        and seq == e.seq
        and len(clock) == 3
        and clock.get("paused") is e.paused
        and clock.get("legal_due_at") == iso(e.legal_due_at)
        and clock.get("due_at") == iso(e.due_at)
        and raw.get("from_status") == e.from_status
        and raw.get("to_status") == e.to_status
        and raw.get("reason") == e.reason
        and raw.get("agency") == e.agency
        and raw.get("handed_to") == e.handed_to
        and raw.get("previous_due_at") == iso(e.previous_due_at)
        and raw.get("new_due_at") == iso(e.new_due_at)
        and raw.get("recorded_at") == iso(e.recorded_at)
        and raw.get("agreement") == e.agreement
        and raw.get("items", _NO_ITEMS) == list(e.items)
    )


def _state_matches(raw: Any, s: State, estimated: bool) -> bool:
    """Whether the stored state says exactly what the replay gives (the common case)."""
    if type(raw) is not dict:
        return False
    expected = state_dict(s, estimated)
    return (
        raw == expected
        and type(raw["overdue"]) is bool
        and type(raw["version"]) is int
        and all(type(p["counted"]) is bool for p in raw["pauses"])
        and all(type(t["position"]) is int for t in raw["steps"])
        and all(type(t["budget_minutes"]) is int for t in raw["steps"])
        and all(type(n) is int for n in raw["supplement_requests"].values())
    )


def _shell(
    r: Reader, data: dict[str, Any], calendar: WorkingCalendar, recount: bool
) -> tuple[Dossier, bool]:
    """The dossier before its first event, from the stored inputs; and whether it recounts."""
    code = r.text(data["code"], "code")
    procedure = r.obj(data["procedure"], "procedure", PROCEDURE_KEYS, PROCEDURE_REQUIRED)
    case = None
    if "case" in procedure:
        given = r.obj(procedure["case"], "procedure.case", CASE_KEYS, CASE_KEYS)
        case = (
            r.text(given["key"], "procedure.case.key"),
            r.text(given["name"], "procedure.case.name"),
        )
    clock_start = ClockStart.ACCEPTED
    if "clock_start" in procedure:  # written only when not the default
        clock_start = r.enum(ClockStart, procedure["clock_start"], "procedure.clock_start")
        if clock_start is ClockStart.ACCEPTED:
            raise r.fail("procedure.clock_start", "must be 'recorded', or left out", "accepted")
    by_agreement = "by_agreement" in procedure
    if by_agreement and procedure["by_agreement"] is not True:
        raise r.fail(
            "procedure.by_agreement", "must be true, or left out", procedure["by_agreement"]
        )
    stored_identity = read_identity(r, data["calendar"], "calendar")
    earlier = data["recounted_from"]
    if not isinstance(earlier, list):
        raise r.fail("recounted_from", "must be a list of calendar identities", earlier)
    recounted = tuple(read_identity(r, x, f"recounted_from[{k}]") for k, x in enumerate(earlier))
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
    key = tuple(
        (s["name"], s["actor"], s["budget_minutes"])
        for s in plan_data
        if type(s) is dict and s.keys() == PLAN_KEYS
    )
    plain = len(key) == len(plan_data) and all(
        type(n) is str and type(a) is str and type(m) is int for n, a, m in key
    )
    plan = _PLANS.get(key) if plain else None
    if plan is None:
        plan = _read_plan(r, plan_data)  # refuses what is wrong, naming the step
        if plain:
            if len(_PLANS) >= 4096:
                _PLANS.clear()
            _PLANS[key] = plan
    dossier = Dossier(
        code=code,
        procedure_code=r.text(procedure["code"], "procedure.code"),
        procedure_name=r.text(procedure["name"], "procedure.name"),
        field=r.text(procedure["field"], "procedure.field"),
        handling_agency=r.text(procedure["agency"], "procedure.agency", blank=True),
        channel=r.enum(Channel, data["channel"], "channel"),
        applicant=read_model(r, Applicant, data["applicant"], "applicant"),
        limit=read_model(r, ProcessingTime, data["limit"], "limit"),
        plan=plan,
        policy=read_policy(r, data["policy"]),
        calendar=calendar,
        recounted_from=recounted,
        case=case,
        clock_start=clock_start,
        by_agreement=by_agreement,
    )
    return dossier, recounting
