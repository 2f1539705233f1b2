"""The queue: numbering, priority without starvation, transfers, no-shows, statistics."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from helpers import vn
from motcua.errors import ArgumentTypeError, ReportError
from motcua.reports import Outcome, Priority, Queue, ServiceArea

AREAS = [
    ServiceArea("A", "Đất đai, xây dựng", ("Quầy 1",)),
    ServiceArea("B", "Hộ tịch, chứng thực", ("Quầy 2", "Quầy 3")),
]
MIN = timedelta(minutes=1)


def test_numbers_per_area() -> None:
    q = Queue(AREAS)
    t0 = vn(2025, 7, 7, 7, 30)
    assert [q.take_ticket("B", at=t0).number for _ in range(3)] == ["B-001", "B-002", "B-003"]
    assert q.take_ticket("A", at=t0).number == "A-001"
    assert q.waiting("B") == 3


def test_priority_first_but_no_starvation() -> None:
    q = Queue(AREAS, priority_run=2)
    t = vn(2025, 7, 7, 8, 0)
    regular = q.take_ticket("B", at=t)
    urgent = [q.take_ticket("B", at=t + MIN, priority=Priority.ELDERLY) for _ in range(5)]
    calls = [q.call_next("Quầy 2", at=t + 10 * MIN + i * MIN) for i in range(4)]
    # Two priority calls, then the waiting ordinary ticket, then priority again.
    assert [c.number for c in calls if c] == [
        urgent[0].number, urgent[1].number, regular.number, urgent[2].number,
    ]  # fmt: skip


def test_a_visit_ends_in_a_dossier_advice_or_no_show() -> None:
    q = Queue(AREAS)
    t = vn(2025, 7, 7, 8, 0)
    a, b, c = (q.take_ticket("B", at=t) for _ in range(3))
    q.call_next("Quầy 2", at=t + 5 * MIN)
    q.call_next("Quầy 3", at=t + 6 * MIN)
    q.finish(b.number, at=t + 9 * MIN, outcome=Outcome.ADVICE)
    code = "000.00.20.H12-250707-0001"
    q.finish(a.number, at=t + 12 * MIN, outcome=Outcome.DOSSIER, dossier_code=code)
    q.call_next("Quầy 2", at=t + 13 * MIN)
    q.no_show(c.number, at=t + 15 * MIN)
    (stats,) = q.stats()  # area B only
    counts = (stats.issued, stats.served, stats.dossiers, stats.advice, stats.no_shows)
    assert counts == (3, 2, 1, 1, 1)
    assert stats.mean_wait == timedelta(minutes=8)  # (5 + 6 + 13) / 3
    assert stats.max_wait == 13 * MIN
    assert stats.mean_service == 5 * MIN  # (7 + 3) / 2
    assert q.stats(by="hour")[0].group == "08:00"


def test_transfer_keeps_the_place_by_issue_time() -> None:
    q = Queue(AREAS)
    t = vn(2025, 7, 7, 8, 0)
    moved = q.take_ticket("B", at=t)
    later = q.take_ticket("A", at=t + 5 * MIN)
    q.call_next("Quầy 2", at=t + 6 * MIN)
    q.transfer(moved.number, to="A", at=t + 8 * MIN)
    assert q.call_next("Quầy 1", at=t + 9 * MIN) is moved  # it was issued first
    assert moved.transfers == ["B→A"]
    assert q.call_next("Quầy 1", at=t + 10 * MIN) is later


def test_bad_input() -> None:
    q = Queue(AREAS)
    t = vn(2025, 7, 7, 8, 0)
    with pytest.raises(ReportError, match="unknown area 'C'; areas: A, B"):
        q.take_ticket("C", at=t)
    with pytest.raises(ReportError, match="unknown counter"):
        q.call_next("Quầy 9", at=t)
    ticket = q.take_ticket("B", at=t)
    with pytest.raises(ReportError, match="B-001 is waiting, not at a counter; call it first"):
        q.finish(ticket.number, at=t, outcome=Outcome.ADVICE)
    q.call_next("Quầy 2", at=t + MIN)
    with pytest.raises(ReportError, match="before the queue's last event"):
        q.take_ticket("B", at=t)
    with pytest.raises(ReportError, match="no ticket B-099"):
        q.no_show("B-099", at=t + 3 * MIN)
    assert q.call_next("Quầy 2", at=t + 3 * MIN) is None


def test_transfer_to_a_counter_is_called_there_next() -> None:
    q = Queue(AREAS, priority_run=5)
    t = vn(2025, 7, 7, 8, 0)
    first = q.take_ticket("A", at=t)
    elderly = q.take_ticket("B", at=t + MIN, priority=Priority.ELDERLY)
    assert q.call_next("Quầy 1", at=t + 2 * MIN) is first
    q.transfer(first.number, to="Quầy 3", at=t + 4 * MIN)  # chuyển quầy: to one counter
    assert first.transfers == ["A→Quầy 3"]
    assert q.waiting("B") == 2
    # Quầy 2 does not take a visitor sent to Quầy 3, even ahead of a priority visitor there.
    assert q.call_next("Quầy 2", at=t + 5 * MIN) is elderly
    assert q.call_next("Quầy 2", at=t + 6 * MIN) is None
    assert q.call_next("Quầy 3", at=t + 6 * MIN) is first
    assert first.counter == "Quầy 3"
    assert first.wait == 6 * MIN  # issued 08:00, last called 08:06


def test_refused_actions_change_nothing() -> None:
    q = Queue(AREAS)
    t = vn(2025, 7, 7, 8, 0)
    ticket = q.take_ticket("B", at=t)
    q.call_next("Quầy 2", at=t + MIN)
    with pytest.raises(ReportError, match="cannot transfer to 'Z'"):
        q.transfer(ticket.number, to="Z", at=t + 30 * MIN)
    assert ticket.area == "B"
    assert ticket.transfers == []
    # The refused call at +30 min did not move the queue's clock.
    q.finish(ticket.number, at=t + 5 * MIN, outcome=Outcome.ADVICE)
    assert ticket.finished_at == t + 5 * MIN


def test_areas_must_name_counters_once() -> None:
    with pytest.raises(ReportError, match="every counter name must be unique"):
        Queue([ServiceArea("A", "x", ("Quầy 1",)), ServiceArea("B", "y", ("Quầy 1",))])
    with pytest.raises(ReportError, match="priority_run must be at least 1"):
        Queue(AREAS, priority_run=0)


def test_a_refused_outcome_or_priority_changes_nothing() -> None:
    q = Queue(AREAS)
    t = vn(2025, 7, 7, 8, 0)
    with pytest.raises(ReportError, match="unknown priority 'vip'; valid: none, elderly"):
        q.take_ticket("B", at=t, priority="vip")  # type: ignore[arg-type]
    ticket = q.take_ticket("B", at=t, priority="elderly")  # type: ignore[arg-type]
    assert (ticket.number, ticket.priority) == ("B-001", Priority.ELDERLY)  # no serial lost
    q.call_next("Quầy 2", at=t + MIN)
    with pytest.raises(ReportError, match="unknown outcome 'done'; valid: dossier, advice"):
        q.finish(ticket.number, at=t + 2 * MIN, outcome="done")  # type: ignore[arg-type]
    with pytest.raises(ReportError, match="ends in a dossier: give its dossier_code"):
        q.finish(ticket.number, at=t + 2 * MIN, outcome=Outcome.DOSSIER)
    with pytest.raises(ReportError, match="ends in advice, which has no dossier"):
        q.finish(ticket.number, at=t + 2 * MIN, outcome=Outcome.ADVICE, dossier_code="X")
    assert ticket.finished_at is None
    q.finish(ticket.number, at=t + 3 * MIN, outcome="dossier", dossier_code="X")  # type: ignore[arg-type]
    assert ticket.outcome is Outcome.DOSSIER
    with pytest.raises(ReportError, match=r"B-001 already ended \(dossier\) at 08:03"):
        q.no_show(ticket.number, at=t + 4 * MIN)


def test_hours_are_hanoi_hours_and_targets_are_named() -> None:
    q = Queue(AREAS)
    utc = vn(2025, 7, 7, 7, 30).astimezone(ZoneInfo("UTC"))  # 00:30 UTC
    ticket = q.take_ticket("A", at=utc)
    assert [s.group for s in q.stats(by="hour")] == ["07:00"]
    q.call_next("Quầy 1", at=utc + MIN)
    with pytest.raises(ReportError, match=r"not an area \(A, B\) nor a counter \(Quầy 1, Quầy 2"):
        q.transfer(ticket.number, to="Z", at=utc + 2 * MIN)
    with pytest.raises(ArgumentTypeError):
        q.call_next("Quầy 1", at="08:00")  # type: ignore[arg-type]
