"""Strict reading of a stored dossier, and the field-by-field comparison with its replay.

The fast path of :mod:`motcua.dossiers._stored` accepts a well-formed document that
matches its replay exactly; anything else comes here, where each refusal names the field.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from motcua._time import in_vietnam_zone
from motcua.calendar import CalendarIdentity, ProcessingTime
from motcua.dossiers._actions import DossierAction
from motcua.dossiers._codec import (
    CLOCK_KEYS,
    IDENTITY_KEYS,
    MINUTE,
    STATE_KEYS,
    STATE_REQUIRED,
    STEP_KEYS,
    iso,
)
from motcua.dossiers._policy import ClockPolicy
from motcua.dossiers._records import Applicant, DossierEvent, Pause, StepRecord
from motcua.dossiers._state import Inputs, State
from motcua.errors import StoredDossierError

_E = TypeVar("_E", bound=StrEnum)
# Stored moments far outside the calendar are refused before any arithmetic on them.
_EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
_LATEST = datetime(2200, 1, 1, tzinfo=UTC)


class Reader:
    """Strict reading of one stored dossier: every refusal names the field."""

    __slots__ = ("code", "recount")

    def __init__(self, code: str) -> None:
        self.code = code
        self.recount = False  # on a recount, values the calendar computed are not compared

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
                where,
                f"unknown field(s) {', '.join(sorted(map(str, unknown)))}; known: "
                f"{', '.join(sorted(keys))}",
            )
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

    def integer(self, value: object, where: str, *, most: int = 10_000_000) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
            raise self.fail(where, f"must be a whole number from 0 to {most:,}", value)
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
        if not _EARLIEST <= parsed <= _LATEST:
            raise self.fail(
                where, "is outside the years motcua can count (2018–2060 and a margin)", value
            )
        return in_vietnam_zone(parsed)

    def opt_moment(self, value: object, where: str) -> datetime | None:
        return None if value is None else self.moment(value, where)

    def enum(self, kind: type[_E], value: object, where: str) -> _E:
        try:
            return kind(value)  # type: ignore[arg-type]  # anything else is refused below
        except (ValueError, TypeError):
            valid = ", ".join(m.value for m in kind)
            raise self.fail(where, f"must be one of {valid}", value) from None


def _text(value: object) -> str:
    """The stored value as the error shows it, cut so an error never carries a whole file."""
    return _written(value)[:1000]


def _written(value: object) -> str:
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


_M = TypeVar("_M", Applicant, ProcessingTime, ClockPolicy)
_DEFAULT_POLICY = ClockPolicy()
DEFAULT_POLICY_DATA = _DEFAULT_POLICY.model_dump(mode="json")


def read_policy(r: Reader, value: object) -> ClockPolicy:
    if (
        isinstance(value, dict)
        and value == DEFAULT_POLICY_DATA
        and all(type(value[k]) is type(v) for k, v in DEFAULT_POLICY_DATA.items())
    ):
        return _DEFAULT_POLICY  # the common case: no validation to repeat
    return read_model(r, ClockPolicy, value, "policy")


def read_model(r: Reader, kind: type[_M], value: object, where: str) -> _M:
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
            if len(_MODELS) >= _MODELS_LIMIT:
                _MODELS.clear()
            _MODELS[key] = model
        return model
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(p) for p in first["loc"])
        raise r.fail(f"{where}.{place}" if place else where, first["msg"], value) from None


_ATOMS = (str, int, bool, type(None))
_MODELS: dict[tuple[Any, ...], BaseModel] = {}
_MODELS_LIMIT = 4096


def read_identity(r: Reader, value: object, where: str) -> CalendarIdentity:
    data = r.obj(value, where, IDENTITY_KEYS, IDENTITY_KEYS)
    return CalendarIdentity(
        r.text(data["calendar_id"], f"{where}.calendar_id"),
        r.text(data["office_hours"], f"{where}.office_hours"),
        r.text(data["schedule_version"], f"{where}.schedule_version"),
    )


_OMITTED = (
    "reason",
    "items",
    "agency",
    "handed_to",
    "new_due_at",
    "previous_due_at",
    "recorded_at",
    "agreement",
)
"""Event keys motcua leaves out when empty: ``null`` there is not what it wrote."""


def read_inputs(r: Reader, e: dict[str, Any], where: str) -> Inputs:
    """What the stored event says was done: the replay's input."""
    for name in _OMITTED:
        if name in e and e[name] is None:
            raise r.fail(f"{where}.{name}", "must be left out when there is none, not null", None)
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
        r.opt_moment(e.get("recorded_at"), f"{where}.recorded_at"),
        r.opt_text(e.get("agreement"), f"{where}.agreement"),
    )


def _same(r: Reader, stored: object, replayed: object, where: str) -> None:
    """Refuse unless *stored* (JSON) says what the replay gives."""
    if isinstance(replayed, datetime) or (replayed is None and isinstance(stored, str)):
        if stored == iso(replayed):
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


def compare_event(r: Reader, e: dict[str, Any], got: DossierEvent, where: str) -> None:
    _same(r, e["seq"], got.seq, f"{where}.seq")
    _same(r, e["from_status"], got.from_status, f"{where}.from_status")
    _same(r, e["to_status"], got.to_status, f"{where}.to_status")
    clock = r.obj(e["clock"], f"{where}.clock", CLOCK_KEYS, CLOCK_KEYS)
    if not r.recount:
        _same(r, clock["legal_due_at"], got.clock.legal_due_at, f"{where}.clock.legal_due_at")
        _same(r, clock["due_at"], got.clock.due_at, f"{where}.clock.due_at")
        _same(r, e.get("previous_due_at"), got.previous_due_at, f"{where}.previous_due_at")
    _same(r, clock["paused"], got.clock.paused, f"{where}.clock.paused")
    for name in ("reason", "agency", "handed_to", "new_due_at", "recorded_at", "agreement"):
        _same(r, e.get(name), getattr(got, name), f"{where}.{name}")
    if e.get("items", []) != list(got.items):
        _same(r, e.get("items"), list(got.items), f"{where}.items")


def compare_state(r: Reader, value: object, s: State, estimated: bool) -> None:
    data = r.obj(value, "state", STATE_KEYS, STATE_REQUIRED)
    if "due_estimated" in data and data["due_estimated"] is not True:
        raise r.fail("state.due_estimated", "must be true, or left out", data["due_estimated"])
    if not r.recount and "due_estimated" in data and not estimated:
        # Absent, the flag says nothing (earlier releases did not write it); present,
        # it must be what the replay gives.
        _same(r, True, estimated, "state.due_estimated")
    names: tuple[str, ...] = ("status", "overdue", "submitted_at", "accepted_at", "finished_at")
    if not r.recount:
        names += ("legal_due_at", "due_at", "extended_due_at")
    for name in names:
        _same(r, data[name], getattr(s, name), f"state.{name}")
    _same(r, data["version"], len(s.history), "state.version")
    requests = data["supplement_requests"]
    if not isinstance(requests, dict) or not all(type(n) is int for n in requests.values()):
        raise r.fail(
            "state.supplement_requests", "must map each agency to a whole number", requests
        )
    if requests != dict(s.supplement_requests):
        _same(r, requests, dict(s.supplement_requests), "state.supplement_requests")
    _compare_list(r, data["pauses"], s.pauses, "state.pauses", _pause)
    _compare_list(r, data["steps"], s.steps, "state.steps", _step)


def _pause(r: Reader, stored: dict[str, Any], p: Pause, where: str) -> None:
    r.obj(stored, where, frozenset(p._fields), frozenset(p._fields))
    _same(r, stored["kind"], p.kind, f"{where}.kind")
    _same(r, stored["started_at"], p.started_at, f"{where}.started_at")
    _same(r, stored["ended_at"], p.ended_at, f"{where}.ended_at")
    _same(r, stored["ended_by"], p.ended_by, f"{where}.ended_by")
    _same(r, stored["counted"], p.counted, f"{where}.counted")


def _step(r: Reader, stored: dict[str, Any], t: StepRecord, where: str) -> None:
    r.obj(stored, where, STEP_KEYS, STEP_KEYS)
    names: tuple[str, ...] = ("position", "name", "actor", "finished_at", "handed_to")
    if not r.recount:
        names += ("started_at", "due_at")  # the first step starts when counting starts
    for name in names:
        _same(r, stored[name], getattr(t, name), f"{where}.{name}")
    _same(r, stored["budget_minutes"], t.budget // MINUTE, f"{where}.budget_minutes")


def _compare_list(
    r: Reader, stored: object, replayed: tuple[Any, ...], where: str, check: Any
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
