"""The chart and the dossier agree; invariants hold under random event sequences."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import hypothesis.strategies as st
import pytest
from hypothesis import settings
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from statemachine.exceptions import TransitionNotAllowed

from helpers import vn
from motcua import (
    Applicant,
    Catalog,
    Channel,
    ClockPolicy,
    Dossier,
    DossierChart,
    DossierStatus,
    WorkingCalendar,
)
from motcua.dossiers._statechart import TRANSITIONS
from motcua.errors import (
    ActionNotAllowedError,
    MotcuaError,
    ReceptionClosedError,
    StaleDossierError,
    StoredDossierError,
)

LIFECYCLE_EVENTS = sorted({event for _, event in TRANSITIONS})
ZONES = [ZoneInfo("Asia/Ho_Chi_Minh"), UTC, ZoneInfo("Asia/Tokyo"), timezone(timedelta(hours=-5))]


@pytest.mark.parametrize("seed", range(20))
def test_the_table_agrees_with_a_live_chart(seed: int) -> None:
    rng = random.Random(seed)
    chart = DossierChart()
    state = "submitted"
    for _ in range(30):
        event = rng.choice(LIFECYCLE_EVENTS)
        expected = TRANSITIONS.get((state, event))
        try:
            chart.send(event)
        except TransitionNotAllowed:
            assert expected is None, (state, event)
            continue
        assert expected is not None, (state, event)
        state = expected
        assert state in chart.configuration_values


ACTIONS = [
    "start_processing",
    "hand_over",
    "request_supplement",
    "supplement_received",
    "request_payment",
    "payment_received",
    "extend",
    "mark_result_ready",
    "return_result",
    "refuse",
    "withdraw",
    "stop",
    "check_overdue",
]


class DossierLife(RuleBasedStateMachine):
    """Random sequences of desk actions, valid or not, at random later moments."""

    dossier: Dossier

    @initialize(
        code=st.sampled_from(["2.002621", "2.000815", "1.013831", "1.004873", "1.013225"]),
        policy=st.builds(
            ClockPolicy,
            restart_on_supplement=st.booleans(),
            payment_wait_counts=st.booleans(),
            supplements_per_agency=st.integers(0, 2),
            max_extensions=st.integers(0, 2),
            extend_after_due=st.booleans(),
            late_step_makes_late=st.booleans(),
        ),
        start=st.integers(0, 60 * 24 * 5),
    )
    def receive(self, code: str, policy: ClockPolicy, start: int) -> None:
        procedure = Catalog.builtin().get(code)
        self.now = vn(2026, 3, 2, 7, 0) + timedelta(minutes=start)
        channel = procedure.channels[0].channel
        late = None
        if channel is not Channel.ONLINE and not WorkingCalendar.vietnam().is_receiving(self.now):
            # Refused without the override, whatever the procedure: then recorded with it.
            with pytest.raises(ReceptionClosedError, match="outside the centre's reception"):
                Dossier.receive(
                    procedure,
                    accepted_at=self.now,
                    channel=channel,
                    applicant=Applicant(name="Trần Thị Bình"),
                    calendar=WorkingCalendar.vietnam(),
                    by="tiepnhan",
                    code="PROP",
                    policy=policy,
                )
            late = "tiếp nhận ngoài giờ (kiểm thử mọi thời điểm)"
        self.dossier = Dossier.receive(
            procedure,
            accepted_at=self.now,
            channel=procedure.channels[0].channel,
            applicant=Applicant(name="Trần Thị Bình"),
            calendar=WorkingCalendar.vietnam(),
            by="tiepnhan",
            code="PROP",
            policy=policy,
            late_entry=late,
        )
        self.finished_timeliness: object = None

    @rule(
        action=st.sampled_from(ACTIONS),
        minutes=st.integers(-6 * 60, 3 * 24 * 60),
        zone=st.sampled_from(ZONES),
        stale=st.booleans(),
    )
    def act(self, action: str, minutes: int, zone: ZoneInfo | timezone, stale: bool) -> None:
        d = self.dossier
        # Mostly later moments; sometimes one before the last event (refused).
        at = (self.now + timedelta(minutes=minutes)).astimezone(zone)
        if minutes >= 0:
            self.now = at
        before = d.to_json()
        history = len(d.history)
        kwargs: dict[str, object] = {"at": at, "by": "officer"}
        if stale and action != "check_overdue":
            kwargs["expected_version"] = d.version - 1
        if action in ("request_supplement",):
            kwargs |= {"reason": "thiếu giấy tờ", "items": ["giấy tờ"]}
        elif action in ("request_payment", "refuse", "withdraw", "stop"):
            kwargs["reason"] = "lý do"
        elif action == "extend":
            kwargs |= {"reason": "cần xác minh", "new_due_at": at + timedelta(days=7)}
        elif action == "hand_over":
            kwargs["to"] = "agency"
        try:
            if action == "check_overdue":
                d.check_overdue(at)
            else:
                getattr(d, action)(**kwargs)
        except (ActionNotAllowedError, StaleDossierError):
            assert d.to_json() == before  # a refused action changes nothing
            assert len(d.history) == history
        except MotcuaError:  # pragma: no cover - any other refusal must also change nothing
            assert d.to_json() == before
            raise

    @invariant()
    def history_only_grows_in_order(self) -> None:
        d = self.dossier
        assert [e.seq for e in d.history] == list(range(1, len(d.history) + 1))
        assert all(a.at <= b.at for a, b in zip(d.history, d.history[1:], strict=False))
        assert d.version == len(d.history)

    @invariant()
    def due_time_never_before_acceptance(self) -> None:
        d = self.dossier
        assert d.legal_due_at is not None
        assert d.accepted_at is not None
        assert d.legal_due_at > d.accepted_at
        assert d.due_at is not None
        assert d.due_at >= d.legal_due_at

    @invariant()
    def paused_time_is_never_counted(self) -> None:
        d = self.dossier
        if d.policy.restart_on_supplement:
            return  # a restart replaces the budget: nothing to add up
        cal = d.calendar
        assert d.accepted_at is not None
        assert d.legal_due_at is not None
        budget = cal.office_time_between(d.accepted_at, cal.due_at(d.accepted_at, d.limit).at)
        used_span = cal.office_time_between(d.accepted_at, d.legal_due_at)
        assert used_span == budget + d.paused_time

    @invariant()
    def finished_timeliness_never_changes(self) -> None:
        d = self.dossier
        if d.finished_at is None:
            return
        now = d.timeliness(self.now)
        later = d.timeliness(self.now + timedelta(days=400))
        assert now == later
        if self.finished_timeliness is None:
            self.finished_timeliness = now
        assert now == self.finished_timeliness

    @invariant()
    def round_trip_is_exact(self) -> None:
        d = self.dossier
        text = d.to_json()
        replayed = Dossier.from_dict(json.loads(text), calendar=d.calendar)  # always replays
        assert replayed == d
        assert replayed.to_json() == text
        assert Dossier.from_json(text, calendar=d.calendar) == d

    @rule(data=st.data())
    def tampered_never_loads_inconsistent(self, data: st.DataObject) -> None:
        d = self.dossier
        stored = d.to_dict()
        path, value = data.draw(_tampering(stored))
        _set(stored, path, value)
        try:
            loaded = Dossier.from_dict(stored, calendar=d.calendar)
        except StoredDossierError:
            return
        # Accepted: the stored form says exactly what the loaded dossier is. A changed
        # derived value (the state, an event's statuses or clock) must then be a no-op or
        # an equivalent spelling (the same instant in another offset); a changed input
        # (the code, the applicant, who acted, a limit or policy its history never
        # tested) is a different dossier, but a consistent one.
        assert _same_document(loaded.to_dict(), stored), path
        derived = path[0] in ("state", "calendar") or (
            path[0] == "history" and path[2] in ("seq", "from_status", "to_status", "clock")
        )
        if derived:
            assert loaded == d, path


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _paths(v, (*prefix, k))] or [prefix]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _paths(v, (*prefix, i))] or [prefix]
    return [prefix]


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        node = node[key]
    return node


def _set(node: Any, path: tuple[Any, ...], value: Any) -> None:
    if not path:
        return
    _get(node, path[:-1])[path[-1]] = value


_HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 12),
    st.text(max_size=8),
    st.sampled_from(
        [
            "2026-03-02T09:00:00+07:00",
            "2026-03-02T09:00:00",
            "2026-03-20T17:00:00+07:00",
            "2206-01-01T08:00:00+07:00",
            "received",
            "processing",
            "returned",
            "mark_overdue",
            "hand_over",
            "supplement",
            "payment",
        ]
    ),
    st.lists(st.text(max_size=3), max_size=2),
)


def _same_document(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_document(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_document(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, str) and isinstance(b, str) and a != b:
        try:
            return datetime.fromisoformat(a) == datetime.fromisoformat(b)
        except ValueError:
            return False
    return type(a) is type(b) and bool(a == b)


@st.composite
def _tampering(draw: st.DrawFn, stored: dict[str, Any]) -> tuple[tuple[Any, ...], Any]:
    """One field of the stored form, and a hostile value for it (or a shifted time)."""
    path = draw(st.sampled_from([p for p in _paths(stored) if p and p[0] != "format"]))
    old = _get(stored, path)
    if isinstance(old, str) and old[:2] == "20" and "T" in old:
        shifted = datetime.fromisoformat(old) + timedelta(minutes=draw(st.integers(-600, 600)))
        return path, draw(st.sampled_from([shifted.isoformat(), old, *[draw(_HOSTILE)]]))
    return path, draw(_HOSTILE)


DossierLife.TestCase.settings = settings(max_examples=80, stateful_step_count=25, deadline=None)
test_dossier_life = DossierLife.TestCase


def test_statuses_cover_every_lifecycle_state() -> None:
    states = {s for s, _ in TRANSITIONS} | set(TRANSITIONS.values())
    assert states - {"within_limit", "overdue"} <= {s.value for s in DossierStatus}
    assert sorted({s.national_code for s in DossierStatus}) == list(range(1, 11))
