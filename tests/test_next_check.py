"""A scheduler that wakes only at next_check_at misses no due event."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

import hypothesis.strategies as st
from hypothesis import given, settings

from helpers import vn
from motcua import (
    Applicant,
    Catalog,
    Channel,
    ClockPolicy,
    Dossier,
    DueEventKind,
    WorkingCalendar,
)
from motcua.errors import ActionNotAllowedError

CAL = WorkingCalendar.vietnam()
MINUTE = timedelta(minutes=1)
STEPS: list[tuple[str, dict[str, object]]] = [
    ("start_processing", {}),
    ("hand_over", {"to": "agency"}),
    ("request_supplement", {"reason": "r", "items": ["a"]}),
    ("supplement_received", {}),
    ("request_payment", {"reason": "r"}),
    ("payment_received", {}),
    ("extend", {"reason": "r"}),
    ("mark_result_ready", {}),
]


def _keys(d: Dossier, at: datetime) -> set[str]:
    return {e.key for e in d.due_events(at)}


def _act(d: Dossier, name: str, kwargs: dict[str, object], at: datetime) -> None:
    if name == "extend":
        base = d.due_at or at
        kwargs = {**kwargs, "new_due_at": CAL.next_office_time(base + timedelta(days=2))}
    with contextlib.suppress(ActionNotAllowedError):  # a random plan tries illegal steps too
        getattr(d, name)(at=at, by="officer", **kwargs)


@settings(max_examples=40, deadline=None)
@given(
    code=st.sampled_from(["2.002621", "1.004873", "1.013831", "2.000815"]),
    policy=st.builds(
        ClockPolicy, restart_on_supplement=st.booleans(), payment_wait_counts=st.booleans()
    ),
    start=st.integers(0, 5 * 24 * 60),
    plan=st.lists(
        st.tuples(st.sampled_from(range(len(STEPS))), st.integers(1, 2 * 24 * 60)), max_size=6
    ),
)
def test_waking_at_next_check_at_sees_every_event(
    code: str, policy: ClockPolicy, start: int, plan: list[tuple[int, int]]
) -> None:
    procedure = Catalog.builtin().get(code)
    t = vn(2026, 3, 2, 7, 0) + timedelta(minutes=start)
    d = Dossier.receive(
        procedure,
        accepted_at=t,
        channel=procedure.channels[0].channel,
        applicant=Applicant(name="Bình"),
        calendar=CAL,
        by="cb",
        code="SCHED",
        policy=policy,
        late_entry=None if CAL.is_receiving(t) else "any moment: the clock's rules are tested",
    )
    seen_by_scan: set[str] = set()
    seen_by_scheduler: set[str] = set()
    wake = d.next_check_at
    moments: list[tuple[datetime, int | None]] = []
    at = t
    for step, gap in plan:
        at += timedelta(minutes=gap)
        moments.append((at, step))
    end = (moments[-1][0] if moments else t) + timedelta(days=6)
    for until, index in [*moments, (end, None)]:
        scan = t
        while scan < until:  # the reference: look every minute
            seen_by_scan |= _keys(d, scan)
            scan += MINUTE
        while wake is not None and wake < until:  # the scheduler: only when told to
            moment = max(wake, t)
            events = d.due_events(moment)
            seen_by_scheduler |= {e.key for e in events}
            if any(e.kind is DueEventKind.OVERDUE for e in events):
                d.check_overdue(moment)
            wake = d.next_check_after(moment)
        if index is not None:
            name, kwargs = STEPS[index]
            _act(d, name, kwargs, until)
            wake = d.next_check_at  # what a portal stores when it saves the dossier
        t = until
    assert seen_by_scan <= seen_by_scheduler


def test_next_check_at_is_none_when_nothing_can_fire() -> None:
    procedure = Catalog.builtin().get("1.004873")
    d = Dossier.receive(
        procedure,
        accepted_at=vn(2026, 3, 2, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="An"),
        calendar=CAL,
        by="cb",
        code="NONE",
    )
    d.start_processing(at=vn(2026, 3, 2, 10), by="tp")
    d.request_supplement(at=vn(2026, 3, 3, 9), by="tp", reason="r", items=["a"])
    assert d.next_check_at is None  # paused: the clock is stopped
    d.supplement_received(at=vn(2026, 3, 5, 9), by="tn")
    assert d.next_check_at == vn(2026, 3, 6, 9, 0)  # due soon, the day before 9/3 09:00
    d.mark_result_ready(at=vn(2026, 3, 5, 10), by="tp")
    assert d.next_check_at is None


def test_a_step_overdue_is_a_check_moment() -> None:
    procedure = Catalog.builtin().get("2.002621")  # 4-hour first step
    d = Dossier.receive(
        procedure,
        accepted_at=vn(2026, 3, 2, 8),
        channel=Channel.ONLINE,
        applicant=Applicant(name="An"),
        calendar=CAL,
        by="cb",
        code="STEP",
    )
    assert d.next_check_at == vn(2026, 3, 2, 12, 0) + timedelta(microseconds=1)
    assert [e.kind for e in d.due_events(d.next_check_at)] == [DueEventKind.STEP_OVERDUE]


def test_a_restart_after_the_overdue_mark_brings_a_new_reminder() -> None:
    # Found by review: the overdue flag made the new due time's reminder look moot.
    d = Dossier.receive(
        Catalog.builtin().get("1.004873"),
        accepted_at=vn(2026, 3, 2, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="An"),
        calendar=CAL,
        by="cb",
        code="R1",
        policy=ClockPolicy(restart_on_supplement=True),
    )
    d.start_processing(at=vn(2026, 3, 2, 10), by="tp")
    assert d.check_overdue(vn(2026, 3, 6, 9))
    d.request_supplement(at=vn(2026, 3, 6, 10), by="tp", reason="r", items=["a"])
    d.supplement_received(at=vn(2026, 3, 9, 9), by="tn")  # restarts: due 12/3 09:00
    assert d.legal_due_at == vn(2026, 3, 12, 9, 0)
    assert d.next_check_at == vn(2026, 3, 11, 9, 0)
    assert [e.key for e in d.due_events(d.next_check_at)] == ["R1:due_soon:20260312T0900"]
