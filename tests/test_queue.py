"""The queue: numbering, priority without starvation, transfers, no-shows, statistics."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from helpers import vn
from motcua.errors import (
    ArgumentTypeError,
    QueueError,
    QueueInputError,
    ReportError,
    TicketStateError,
    UnknownAreaError,
    UnknownCounterError,
    UnknownTicketError,
)
from motcua.queue import Outcome, Priority, Queue, ServiceArea, Ticket

AREAS = [
    ServiceArea("A", "Đất đai, xây dựng", ("Quầy 1",)),
    ServiceArea("B", "Hộ tịch, chứng thực", ("Quầy 2", "Quầy 3")),
]
MIN = timedelta(minutes=1)


def _number(ticket: Ticket | None) -> str | None:
    """The number of a called ticket (tickets are snapshots: compare numbers, not objects)."""
    return None if ticket is None else ticket.number


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
        urgent[0].number,
        urgent[1].number,
        regular.number,
        urgent[2].number,
    ]


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
    assert _number(q.call_next("Quầy 1", at=t + 9 * MIN)) == moved.number  # it was issued first
    assert q.ticket(moved.number).transfers == ("B→A",)
    assert _number(q.call_next("Quầy 1", at=t + 10 * MIN)) == later.number


def test_bad_input() -> None:
    q = Queue(AREAS)
    t = vn(2025, 7, 7, 8, 0)
    with pytest.raises(UnknownAreaError, match="unknown area 'C'; areas: A, B") as area:
        q.take_ticket("C", at=t)
    assert (area.value.area, area.value.areas) == ("C", ("A", "B"))
    with pytest.raises(UnknownCounterError, match="unknown counter 'Quầy 9'") as counter:
        q.call_next("Quầy 9", at=t)
    assert counter.value.counter == "Quầy 9"
    assert counter.value.counters == ("Quầy 1", "Quầy 2", "Quầy 3")
    assert counter.value.areas == ()  # only a counter calls
    ticket = q.take_ticket("B", at=t)
    with pytest.raises(TicketStateError, match="B-001 is waiting, not at a counter; call") as state:
        q.finish(ticket.number, at=t, outcome=Outcome.ADVICE)
    assert (state.value.number, state.value.action, state.value.state) == (
        "B-001",
        "finish",
        "waiting",
    )
    q.call_next("Quầy 2", at=t + MIN)
    with pytest.raises(QueueInputError, match="before the queue's last event") as early:
        q.take_ticket("B", at=t)
    assert (early.value.argument, early.value.value) == ("at", t)
    with pytest.raises(UnknownTicketError, match="no ticket B-099") as unknown:
        q.no_show("B-099", at=t + 3 * MIN)
    assert unknown.value.number == "B-099"
    assert q.call_next("Quầy 2", at=t + 3 * MIN) is None


def test_an_except_report_error_written_before_the_queue_moved_still_catches() -> None:
    q = Queue(AREAS)
    t = vn(2025, 7, 7, 8, 0)
    for refused in (
        lambda: q.take_ticket("C", at=t),
        lambda: q.call_next("Quầy 9", at=t),
        lambda: q.no_show("B-099", at=t),
        lambda: q.stats(by="day"),
        lambda: Queue(AREAS, priority_run=0),
    ):
        with pytest.raises(ReportError):
            refused()
        with pytest.raises(QueueError):
            refused()


def test_the_queue_is_where_it_was_published_too() -> None:
    import motcua.queue  # noqa: PLC0415 - the two spellings of one name are under test
    import motcua.reports  # noqa: PLC0415

    for name in motcua.queue.__all__:
        assert getattr(motcua.reports, name) is getattr(motcua.queue, name), name
        assert name in motcua.reports.__all__


def test_transfer_to_a_counter_is_called_there_next() -> None:
    q = Queue(AREAS, priority_run=5)
    t = vn(2025, 7, 7, 8, 0)
    first = q.take_ticket("A", at=t)
    elderly = q.take_ticket("B", at=t + MIN, priority=Priority.ELDERLY)
    assert _number(q.call_next("Quầy 1", at=t + 2 * MIN)) == first.number
    moved = q.transfer(first.number, to="Quầy 3", at=t + 4 * MIN)  # chuyển quầy: to one counter
    assert moved.transfers == ("A→Quầy 3",)
    assert q.waiting("B") == 2
    # Quầy 2 does not take a visitor sent to Quầy 3, even ahead of a priority visitor there.
    assert _number(q.call_next("Quầy 2", at=t + 5 * MIN)) == elderly.number
    assert q.call_next("Quầy 2", at=t + 6 * MIN) is None
    called = q.call_next("Quầy 3", at=t + 6 * MIN)
    assert called is not None
    assert called.number == first.number
    assert called.counter == "Quầy 3"
    assert called.wait == 6 * MIN  # issued 08:00, last called 08:06


def test_refused_actions_change_nothing() -> None:
    q = Queue(AREAS)
    t = vn(2025, 7, 7, 8, 0)
    ticket = q.take_ticket("B", at=t)
    q.call_next("Quầy 2", at=t + MIN)
    with pytest.raises(UnknownCounterError, match="cannot transfer to 'Z'") as target:
        q.transfer(ticket.number, to="Z", at=t + 30 * MIN)
    assert (target.value.counter, target.value.areas) == ("Z", ("A", "B"))
    assert q.ticket(ticket.number).area == "B"
    assert q.ticket(ticket.number).transfers == ()
    # The refused call at +30 min did not move the queue's clock.
    q.finish(ticket.number, at=t + 5 * MIN, outcome=Outcome.ADVICE)
    assert q.ticket(ticket.number).finished_at == t + 5 * MIN


def test_areas_must_name_counters_once() -> None:
    with pytest.raises(QueueInputError, match="every counter name must be unique") as twice:
        Queue([ServiceArea("A", "x", ("Quầy 1",)), ServiceArea("B", "y", ("Quầy 1",))])
    assert (twice.value.argument, twice.value.value) == ("areas", "Quầy 1")
    with pytest.raises(QueueInputError, match="priority_run must be at least 1") as run:
        Queue(AREAS, priority_run=0)
    assert (run.value.argument, run.value.value) == ("priority_run", 0)


def test_a_refused_outcome_or_priority_changes_nothing() -> None:
    q = Queue(AREAS)
    t = vn(2025, 7, 7, 8, 0)
    with pytest.raises(QueueInputError, match="unknown priority 'vip'; valid: none, elderly"):
        q.take_ticket("B", at=t, priority="vip")  # type: ignore[arg-type]
    ticket = q.take_ticket("B", at=t, priority="elderly")  # type: ignore[arg-type]
    assert (ticket.number, ticket.priority) == ("B-001", Priority.ELDERLY)  # no serial lost
    q.call_next("Quầy 2", at=t + MIN)
    with pytest.raises(QueueInputError, match="unknown outcome 'done'; valid: dossier, advice"):
        q.finish(ticket.number, at=t + 2 * MIN, outcome="done")  # type: ignore[arg-type]
    with pytest.raises(QueueInputError, match="ends in a dossier: give its dossier_code"):
        q.finish(ticket.number, at=t + 2 * MIN, outcome=Outcome.DOSSIER)
    with pytest.raises(QueueInputError, match="ends in advice, which has no dossier"):
        q.finish(ticket.number, at=t + 2 * MIN, outcome=Outcome.ADVICE, dossier_code="X")
    assert q.ticket(ticket.number).finished_at is None
    q.finish(ticket.number, at=t + 3 * MIN, outcome="dossier", dossier_code="X")  # type: ignore[arg-type]
    assert q.ticket(ticket.number).outcome is Outcome.DOSSIER
    with pytest.raises(TicketStateError, match=r"B-001 already ended \(dossier\) at 08:03") as e:
        q.no_show(ticket.number, at=t + 4 * MIN)
    assert (e.value.action, e.value.state) == ("finish", "ended")


def test_hours_are_hanoi_hours_and_targets_are_named() -> None:
    q = Queue(AREAS)
    utc = vn(2025, 7, 7, 7, 30).astimezone(ZoneInfo("UTC"))  # 00:30 UTC
    ticket = q.take_ticket("A", at=utc)
    assert [s.group for s in q.stats(by="hour")] == ["07:00"]
    q.call_next("Quầy 1", at=utc + MIN)
    with pytest.raises(UnknownCounterError, match=r"not an area \(A, B\) nor a counter \(Quầy 1"):
        q.transfer(ticket.number, to="Z", at=utc + 2 * MIN)
    with pytest.raises(ArgumentTypeError):
        q.call_next("Quầy 1", at="08:00")  # type: ignore[arg-type]


def test_only_a_visit_at_a_counter_is_transferred() -> None:
    q = Queue(AREAS)
    t = vn(2025, 7, 7, 8, 0)
    ticket = q.take_ticket("B", at=t)
    with pytest.raises(TicketStateError, match="B-001 is not at a counter now") as waiting:
        q.transfer(ticket.number, to="A", at=t + MIN)
    assert (waiting.value.action, waiting.value.state) == ("transfer", "waiting")
    q.call_next("Quầy 2", at=t + MIN)
    q.finish(ticket.number, at=t + 2 * MIN, outcome=Outcome.ADVICE)
    with pytest.raises(TicketStateError, match="only a called visit moves") as ended:
        q.transfer(ticket.number, to="A", at=t + 3 * MIN)
    assert ended.value.state == "ended"
    with pytest.raises(QueueInputError, match="by 'area' or 'hour', not 'day'") as by:
        q.stats(by="day")
    assert (by.value.argument, by.value.value) == ("by", "day")
