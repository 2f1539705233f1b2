"""Issue 15, the queue and identifiers: odd input gives a motcua error or the right answer.

The queue's property test replays random days through the queue and through a reference
model of the former list-scanning queue, and asserts the same calls in the same order.
``HYPOTHESIS_PROFILE=deep`` runs more examples.
"""

from __future__ import annotations

import time
import unicodedata
from dataclasses import FrozenInstanceError, dataclass, field
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import vn
from hostile import examples
from motcua import Applicant, Catalog, Channel, Dossier, WorkingCalendar
from motcua._time import VIETNAM_TZ
from motcua.dossiers import AgencyId, DossierCode, DossierNumbering
from motcua.errors import (
    ArgumentTypeError,
    DossierCodeError,
    QueueInputError,
    SlipStateError,
    UnknownCounterError,
)
from motcua.queue import Outcome, Priority, Queue, ServiceArea
from motcua.reports import Period, report
from motcua.slips import Office, Receipt

EXAMPLES = examples(150)
MIN = timedelta(minutes=1)
AREAS = [
    ServiceArea("A", "Đất đai", ("Quầy 1",)),
    ServiceArea("B", "Hộ tịch", ("Quầy 2", "Quầy 3")),
]
COUNTERS = ("Quầy 1", "Quầy 2", "Quầy 3")
TARGETS = ("A", "B", *COUNTERS)


# -- the queue: the former order, in O(log n) ------------------------------------------------


@dataclass
class _Old:
    """The queue's calling rule as it was written before (scan the line at each call)."""

    run: int
    lines: dict[str, list[dict[str, object]]] = field(default_factory=lambda: {"A": [], "B": []})
    issued: dict[str, int] = field(default_factory=lambda: {"A": 0, "B": 0})
    runs: dict[str, int] = field(default_factory=lambda: {"A": 0, "B": 0})

    def take(self, area: str, at: datetime, priority: Priority) -> str:
        self.issued[area] += 1
        number = f"{area}-{self.issued[area]:03d}"
        self.lines[area].append({"n": number, "at": at, "p": priority, "to": None})
        return number

    def call(self, counter: str) -> dict[str, object] | None:
        area = "A" if counter == "Quầy 1" else "B"
        line = self.lines[area]
        sent = [t for t in line if t["to"] == counter]
        eligible = [t for t in line if t["to"] is None]
        if sent:
            ticket = sent[0]
        elif not eligible:
            return None
        else:
            urgent = [t for t in eligible if t["p"] is not Priority.NONE]
            ordinary = [t for t in eligible if t["p"] is Priority.NONE]
            if urgent and (not ordinary or self.runs[area] < self.run):
                ticket = urgent[0]
                self.runs[area] += 1
            else:
                ticket = ordinary[0]
                self.runs[area] = 0
        line.remove(ticket)
        return ticket

    def transfer(self, ticket: dict[str, object], to: str) -> None:
        counter = to if to in COUNTERS else None
        area = ("A" if to == "Quầy 1" else "B") if counter else to
        ticket["to"] = counter
        self.lines[area].append(ticket)
        self.lines[area].sort(key=lambda t: t["at"])  # type: ignore[arg-type,return-value]


_TAKE = st.tuples(st.just("take"), st.sampled_from("AB"), st.sampled_from(list(Priority)))
_CALL = st.tuples(st.just("call"), st.sampled_from(COUNTERS), st.just(None))
_OPS = st.lists(
    st.one_of(
        _TAKE,
        _TAKE,
        _CALL,
        _CALL,
        st.tuples(st.just("move"), st.sampled_from(TARGETS), st.just(None)),
        st.tuples(st.just("end"), st.sampled_from(list(Outcome)), st.just(None)),
    ),
    max_size=60,
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    ops=_OPS,
    steps=st.lists(st.sampled_from([0, 0, 1]), min_size=60, max_size=60),
    run=st.integers(1, 3),
)
def test_the_queue_calls_in_the_order_it_always_did(
    ops: list[tuple[str, object, object]], steps: list[int], run: int
) -> None:
    queue, old = Queue(AREAS, priority_run=run), _Old(run)
    at = vn(2025, 7, 7, 8, 0)
    at_counter: list[tuple[str, dict[str, object]]] = []  # called, not ended: (number, old)
    for (op, arg, priority), step in zip(ops, steps, strict=False):
        at += step * MIN  # many events share a minute: ties must keep their order too
        if op == "take":
            number = queue.take_ticket(str(arg), at=at, priority=priority).number  # type: ignore[arg-type]
            assert number == old.take(str(arg), at, priority)  # type: ignore[arg-type]
        elif op == "call":
            called, expected = queue.call_next(str(arg), at=at), old.call(str(arg))
            assert (called and called.number) == (expected and expected["n"])
            if called is not None and expected is not None:
                at_counter.append((called.number, expected))
        elif at_counter and op == "move":
            number, ticket = at_counter.pop(0)
            assert queue.transfer(number, to=str(arg), at=at).number == number
            old.transfer(ticket, str(arg))
        elif at_counter:
            number, _ = at_counter.pop(0)
            code = "000.00.20.H12-250707-0001" if arg is Outcome.DOSSIER else None
            queue.finish(number, at=at, outcome=arg, dossier_code=code)  # type: ignore[arg-type]
        for area in "AB":
            assert queue.waiting(area) == len(old.lines[area])


def test_calling_ten_thousand_waiting_tickets_is_fast() -> None:
    queue = Queue(AREAS)
    at = vn(2025, 7, 7, 8, 0)
    for i in range(10_000):
        queue.take_ticket("B", at=at, priority=Priority.ELDERLY if i % 3 else Priority.NONE)
    started = time.perf_counter()
    called = [queue.call_next("Quầy 2", at=at) for _ in range(10_000)]
    assert time.perf_counter() - started < 2.0  # was 14.7 s: quadratic
    assert all(called)
    assert queue.call_next("Quầy 2", at=at) is None
    assert queue.waiting("B") == 0


def test_a_duplicate_area_letter_is_refused() -> None:
    with pytest.raises(QueueInputError, match="area letter 'B' is given twice") as twice:
        Queue([ServiceArea("B", "Hộ tịch", ("Quầy 1",)), ServiceArea("B", "Đất đai", ("Q2",))])
    assert (twice.value.argument, twice.value.value) == ("areas", "B")
    with pytest.raises(QueueInputError, match="given twice"):  # the same letter once normalised
        Queue([ServiceArea("B", "x", ("Quầy 1",)), ServiceArea(" B\n", "y", ("Q2",))])


@pytest.mark.parametrize("counters", ["ABC", "Quầy 1", b"Q1", None, 3, {"Q1"}])
def test_counters_must_be_a_sequence_of_names(counters: object) -> None:
    with pytest.raises(ArgumentTypeError, match="counters must be a tuple of counter names"):
        ServiceArea("B", "Hộ tịch", counters)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"letter": 1}, ArgumentTypeError),
        ({"name": None}, ArgumentTypeError),
        ({"letter": "  "}, QueueInputError),
        ({"counters": ("Quầy 1", 2)}, ArgumentTypeError),
        ({"counters": ("Quầy 1", "\t")}, QueueInputError),
    ],
)
def test_a_service_area_refuses_what_is_not_a_name(kwargs: dict[str, object], error: type) -> None:
    values: dict[str, object] = {"letter": "B", "name": "Hộ tịch", "counters": ("Quầy 1",)}
    with pytest.raises(error):
        ServiceArea(**(values | kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize("areas", ["AB", ServiceArea("B", "x", ("Q",)), 3, [("B", "x", ("Q",))]])
def test_areas_must_be_service_areas(areas: object) -> None:
    with pytest.raises(ArgumentTypeError, match="areas must be"):
        Queue(areas)  # type: ignore[arg-type]


@pytest.mark.parametrize("run", [True, 2.0, "2", None])
def test_priority_run_is_an_int(run: object) -> None:
    with pytest.raises(ArgumentTypeError, match="priority_run must be an int"):
        Queue(AREAS, priority_run=run)  # type: ignore[arg-type]


def test_names_are_normalised_on_the_way_in() -> None:
    nfd = "Qua\u0302\u0300y 2"  # "Quầy 2" decomposed, as some exports write it
    queue = Queue([ServiceArea(" B ", "Ho\u0323\u0302 ti\u0323ch", (nfd + "\n", "Quầy 3"))])
    (area,) = queue._areas.values()
    assert (area.letter, area.name, area.counters) == ("B", "Hộ tịch", ("Quầy 2", "Quầy 3"))
    at = vn(2025, 7, 7, 8, 0)
    ticket = queue.take_ticket("B\n", at=at)
    assert ticket.number == "B-001"
    assert queue.call_next(nfd, at=at) is not None  # the NFD spelling is the same counter
    assert queue.ticket(" B-001 ").counter == "Quầy 2"
    with pytest.raises(UnknownCounterError):
        queue.call_next("Quầy  2", at=at)  # inner spaces are part of the name
    for bad in (None, 2, ["Quầy 2"]):
        with pytest.raises(ArgumentTypeError):
            queue.call_next(bad, at=at)  # type: ignore[arg-type]
        with pytest.raises(ArgumentTypeError):
            queue.take_ticket(bad, at=at)  # type: ignore[arg-type]
        with pytest.raises(ArgumentTypeError):
            queue.ticket(bad)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError):
        queue.finish("B-001", at=at, outcome=Outcome.DOSSIER, dossier_code=7)  # type: ignore[arg-type]
    assert queue.ticket("B-001").finished_at is None


def test_a_returned_ticket_cannot_corrupt_the_statistics() -> None:
    queue = Queue(AREAS)
    at = vn(2025, 7, 7, 8, 0)
    ticket = queue.take_ticket("B", at=at)
    with pytest.raises(FrozenInstanceError):
        ticket.called_at = at - timedelta(days=400)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        ticket.transfers.append("B→A")  # type: ignore[attr-defined]
    called = queue.call_next("Quầy 2", at=at + 5 * MIN)
    assert called is not None
    assert ticket.called_at is None  # a snapshot of the moment it was printed
    assert called.called_at == at + 5 * MIN
    (stats,) = queue.stats()
    assert (stats.issued, stats.waiting, stats.max_wait) == (1, 0, 5 * MIN)
    assert queue.tickets == (called,)
    assert hash(called) == hash(queue.ticket(called.number))


# -- identifiers, codes and the slips built from them ---------------------------------------


def _received(field_name: str | None = None) -> Dossier:
    procedure = Catalog.builtin().get("1.013831")
    if field_name is not None:
        procedure = procedure.model_copy(update={"field": field_name})
    return Dossier.receive(
        procedure,
        accepted_at=vn(2026, 3, 2, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="Trần Thị B"),
        calendar=WorkingCalendar.vietnam(),
        by="cb",
        code="000.00.20.H12-260302-0003",
    )


@pytest.mark.parametrize("tail", ["\n", " ", "\r\n", "\t"])
def test_codes_are_stripped_and_matched_in_full(tail: str) -> None:
    assert AgencyId.parse("000.00.20.H12" + tail).value == "000.00.20.H12"
    assert str(DossierCode.parse("000.00.20.H12-210315-0001" + tail)) == "000.00.20.H12-210315-0001"
    assert Catalog.builtin().get("1.013831" + tail).code == "1.013831"
    assert "1.013831" + tail in Catalog.builtin()
    for inner in ("000.00.20.H12\n-210315-0001", "000.00.20.H12-210315-0001\nX"):
        with pytest.raises(DossierCodeError):
            DossierCode.parse(inner)
    with pytest.raises(DossierCodeError):
        AgencyId.parse("000.00.20.H12\nX")


def test_a_platform_is_two_ascii_digits() -> None:
    agency = AgencyId.parse("G01.001.01")
    for platform in ("٠١", "1", "001", 1):
        with pytest.raises(DossierCodeError, match="platform owner"):
            DossierCode.tt04(agency, date(2026, 3, 2), platform=platform, serial=1)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="serial must be an int"):
        DossierCode.tt01(agency, date(2026, 3, 2), serial=True)


@pytest.mark.parametrize("day", [date(1900, 3, 2), date(1999, 12, 31), date(2100, 1, 1)])
def test_a_day_a_code_cannot_write_is_refused(day: date) -> None:
    agency = AgencyId.parse("000.00.20.H12")
    with pytest.raises(DossierCodeError, match="years 2000-2099") as refused:
        DossierCode.tt01(agency, day, serial=1)
    assert refused.value.part == "day"
    numbering = DossierNumbering(agency)
    at = datetime(day.year, day.month, day.day, 9, tzinfo=VIETNAM_TZ)
    with pytest.raises(DossierCodeError, match="another century"):
        numbering.issue(at)
    # No serial was used up by the refusal.
    assert str(numbering.issue(vn(2026, 3, 2, 9))) == "000.00.20.H12-260302-0001"
    assert DossierCode.tt01(agency, date(2099, 12, 31), serial=1).received_on.year == 2099


def test_nfd_field_names_are_one_report_row() -> None:
    nfc = _received()
    nfd = _received(unicodedata.normalize("NFD", nfc.field))
    assert nfd.field != nfc.field
    counted = report([nfc, nfd], Period.month(2026, 3), at=vn(2026, 3, 31, 17))
    assert [row.group for row in counted.rows] == [nfc.field]
    assert counted.rows[0].received_counter == 2


def test_supplement_items_from_a_generator_are_recorded() -> None:
    dossier = _received()
    dossier.start_processing(at=vn(2026, 3, 2, 10), by="cb")
    dossier.request_supplement(
        at=vn(2026, 3, 3, 9), by="cb", reason="Thiếu", items=(x for x in ["Bản sao", "Tờ khai"])
    )
    assert dossier.history[-1].items == ("Bản sao", "Tờ khai")


def test_a_receipt_refuses_another_procedure() -> None:
    dossier = _received()
    other = Catalog.builtin().get("1.001193")
    office = Office(
        name="UBND",
        parent="UBND TP",
        unit="Trung tâm",
        place="Hải Phòng",
        address="Số 1",
        phone="0225",
        lookup_url=None,
    )
    with pytest.raises(SlipStateError, match=r"own procedure 1\.013831, not '1\.001193'"):
        Receipt.from_dossier(dossier, procedure=other, office=office)
    own = Catalog.builtin().get(dossier.procedure_code)
    assert Receipt.from_dossier(dossier, procedure=own, office=office).dossier_code == dossier.code
