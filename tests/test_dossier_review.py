"""Regressions from a hostile review of the stored contract: each found case, fixed."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from helpers import vn
from motcua import (
    Applicant,
    Catalog,
    Channel,
    DayOff,
    Dossier,
    EstimatePolicy,
    OfficeHours,
    WorkingCalendar,
)
from motcua.calendar._calendar import WEEKEND_SOURCE
from motcua.dossiers import Phase, upgrade_stored
from motcua.errors import (
    ActionNotAllowedError,
    ArgumentTypeError,
    DateOutOfRangeError,
    MotcuaError,
    ReportError,
    StoredDossierError,
)
from motcua.reports import Period, report

CAL = WorkingCalendar.vietnam()
CENTRE = WorkingCalendar.vietnam(office_hours=OfficeHours.parse("07:30-11:30, 13:30-17:30"))
MARRIAGE = Catalog.builtin().get("1.004873")


def _dossier(calendar: WorkingCalendar = CAL, at: datetime | None = None, **kw: Any) -> Dossier:
    return Dossier.receive(
        MARRIAGE,
        accepted_at=at or vn(2026, 3, 2, 9),
        channel=Channel.COUNTER,
        applicant=Applicant(name="An"),
        calendar=calendar,
        by="cb",
        code=kw.pop("code", "REV-1"),
        **kw,
    )


def _extended() -> Dossier:
    d = _dossier()
    d.start_processing(at=vn(2026, 3, 2, 10), by="tp")
    d.extend(at=vn(2026, 3, 3, 9), by="ct", reason="r", new_due_at=vn(2026, 3, 9, 16))
    return d


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("history", 1, "at"), "0001-01-01T00:00:00+07:00"),
        (("state", "legal_due_at"), "0001-01-01T00:00:00+07:00"),
        (("history", 0, "clock", "due_at"), "9999-12-31T23:59:59+00:00"),
        (("history", 2, "new_due_at"), "9999-12-31T23:59:59+00:00"),
        (("step_plan", 0, "budget_minutes"), 10**30),
        (("policy", "max_days_past_due"), 10**30),
    ],
    ids=["zero-date-at", "zero-date-due", "max-clock", "max-new-due", "huge-budget", "huge-policy"],
)
def test_extreme_stored_values_are_refused_as_motcua_errors(
    path: tuple[Any, ...], value: object
) -> None:
    data = _extended().to_dict()
    if path[0] == "step_plan":
        data["step_plan"] = [{"name": "x", "actor": "y", "budget_minutes": 60}]
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(StoredDossierError):
        Dossier.from_dict(data, calendar=CAL)


def test_an_extension_without_its_new_time_is_refused() -> None:
    data = _extended().to_dict()
    del data["history"][2]["new_due_at"]
    with pytest.raises(StoredDossierError, match=r"give the new due time"):
        Dossier.from_dict(data, calendar=CAL)


def test_an_upgrade_of_garbage_is_refused() -> None:
    old: dict[str, Any] = {
        "code": "x",
        "status": "received",
        "history": [],
        "procedure_code": "1",
        "procedure_name": "n",
        "field": "f",
        "channel": "counter",
        "applicant": {"name": "a"},
        "limit": {},
        "step_plan": [["a", "b", float("inf")]],
        "version": 0,
    }
    with pytest.raises(StoredDossierError, match=r"not a readable motcua 0\.1 dossier"):
        upgrade_stored(old, calendar=CAL)


@pytest.mark.parametrize(
    "call",
    [
        lambda d: d.extend(
            at=vn(2026, 3, 3, 9), by="x", reason="r", new_due_at=datetime.max.replace(tzinfo=UTC)
        ),
        lambda d: d.request_supplement(
            at=vn(2026, 3, 3, 9), by="x", reason="r", items=["a"], agency=["x"]
        ),
        lambda d: d.request_supplement(
            at=vn(2026, 3, 3, 9), by="x", reason="r", items=["a"], agency=123
        ),
        lambda d: d.request_supplement(
            at=vn(2026, 3, 3, 9), by="x", reason="r", items=["a"], agency="   "
        ),
        lambda d: d.remaining(datetime.max.replace(tzinfo=timezone(-timedelta(hours=1)))),
    ],
    ids=["extend-max", "agency-list", "agency-int", "agency-blank", "remaining-max"],
)
def test_live_calls_with_odd_values_raise_motcua_errors_and_change_nothing(call: Any) -> None:
    d = _dossier()
    d.start_processing(at=vn(2026, 3, 2, 10), by="tp")
    before = d.to_json()
    with pytest.raises(MotcuaError) as info:
        call(d)
    assert isinstance(info.value, ActionNotAllowedError | ArgumentTypeError | DateOutOfRangeError)
    assert d.to_json() == before


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"numbering": "x"}, "numbering"),
        ({"policy": {}}, "policy"),
        ({"code": 123}, "code"),
        ({"code": "  "}, "code"),
    ],
    ids=["numbering", "policy", "code-int", "code-blank"],
)
def test_receive_refuses_wrong_types(kwargs: dict[str, Any], argument: str) -> None:
    with pytest.raises(ArgumentTypeError, match=argument):
        _dossier(**({"code": "REV"} | kwargs))
    with pytest.raises(ArgumentTypeError, match="procedure"):
        Dossier.receive(
            None,  # type: ignore[arg-type]
            accepted_at=vn(2026, 3, 2, 9),
            channel=Channel.COUNTER,
            applicant=Applicant(name="An"),
            calendar=CAL,
            by="cb",
        )


def test_a_recount_still_compares_what_the_calendar_does_not_compute() -> None:
    d = _dossier(CENTRE)
    d.start_processing(at=vn(2026, 3, 2, 10), by="tp")
    changes: list[Callable[[dict[str, Any]], object]] = [
        lambda s: s.update(state=42),
        lambda s: s["state"].update(status="returned"),
        lambda s: s["state"].update(version=99),
        lambda s: s["history"][1].update(seq=1000),
    ]
    for change in changes:
        data = d.to_dict()
        change(data)
        with pytest.raises(StoredDossierError):
            Dossier.from_dict(data, calendar=CAL, recount=True)


def test_a_recorded_overdue_survives_a_recount_to_later_hours() -> None:
    d = _dossier(CAL, vn(2026, 3, 2, 8, 0))
    d.start_processing(at=vn(2026, 3, 2, 9), by="tp")
    assert d.legal_due_at is not None
    assert d.check_overdue(d.legal_due_at + timedelta(minutes=1))
    again = Dossier.from_dict(d.to_dict(), calendar=CENTRE, recount=True)
    assert again.overdue  # it happened; the history says so
    assert again.recounted_from == (CAL.identity,)
    assert not again._ctx.recounting  # live actions are checked strictly again
    text = again.to_json()  # saved after the recount: it replays anywhere, cache or not
    assert Dossier.from_dict(json.loads(text), calendar=CENTRE) == again
    assert Dossier.from_json(text.encode(), calendar=CENTRE) == again


def test_swapped_local_days_with_other_make_up_days_are_other_calendars() -> None:
    def off(makeup: date) -> DayOff:
        return DayOff(
            date=date(2026, 3, 10),
            kind="swapped",
            name="x",
            name_en="x",
            makeup=makeup,
            source=WEEKEND_SOURCE,
            certainty=WEEKEND_SOURCE.certainty,
        )

    a = WorkingCalendar.vietnam(extra_days_off=[off(date(2026, 3, 7))])
    b = WorkingCalendar.vietnam(extra_days_off=[off(date(2026, 3, 14))])
    assert a.identity != b.identity
    d = _dossier(a, vn(2026, 3, 6, 9))
    with pytest.raises(StoredDossierError, match="counted on calendar"):
        Dossier.from_dict(d.to_dict(), calendar=b)


def test_a_count_stored_as_true_is_refused() -> None:
    d = _dossier()
    d.start_processing(at=vn(2026, 3, 2, 10), by="tp")
    d.request_supplement(at=vn(2026, 3, 2, 11), by="tp", reason="r", items=["a"])
    data = d.to_dict()
    agency = next(iter(data["state"]["supplement_requests"]))
    for value in (True, 1.0):
        data["state"]["supplement_requests"][agency] = value
        with pytest.raises(StoredDossierError, match="supplement_requests"):
            Dossier.from_dict(data, calendar=CAL)


def test_a_record_with_a_timeline_of_the_wrong_type_is_refused() -> None:
    record = _dossier().record()
    with pytest.raises(ArgumentTypeError, match="timeline"):
        replace(record, timeline=(1, 2))  # type: ignore[arg-type]
    assert isinstance(record.timeline[0], Phase)


# -- reports choose their dossiers as of their moment ------------------------------------


APRIL = Period.month(2026, 4)


def _submitted(day: int) -> Dossier:
    return Dossier.submit(
        MARRIAGE,
        submitted_at=vn(2026, 4, day, 9),
        channel=Channel.ONLINE,
        applicant=Applicant(name="An"),
        calendar=CAL,
        by="dvc",
        code=f"ONL-{day}",
    )


def test_a_mid_period_report_does_not_change_when_a_submission_is_accepted_later() -> None:
    d = _submitted(10)
    before = report([d], APRIL, at=vn(2026, 4, 15, 9), group_by=None).total
    d.accept(at=vn(2026, 4, 20, 9), by="cb")
    assert report([d], APRIL, at=vn(2026, 4, 15, 9), group_by=None).total == before
    assert before.received == 0


def test_a_submission_accepted_after_the_period_is_not_a_later_reports_yet() -> None:
    d = _submitted(28)
    before = report([d], APRIL, at=vn(2026, 5, 15, 9), group_by=None).total
    d.accept(at=vn(2026, 5, 4, 9), by="cb")
    assert report([d], APRIL, at=vn(2026, 5, 15, 9), group_by=None).total == before


def test_a_result_at_midnight_belongs_to_the_next_day() -> None:
    d = _dossier(CAL, vn(2026, 4, 28, 9))
    d.start_processing(at=vn(2026, 4, 28, 10), by="tp")
    d.mark_result_ready(at=datetime(2026, 5, 1, 0, 0, tzinfo=vn(2026, 1, 1).tzinfo), by="tp")
    april = report([d], APRIL, at=vn(2026, 5, 15), group_by=None).total
    may = report([d], Period.month(2026, 5), at=vn(2026, 5, 31, 17), group_by=None).total
    assert (april.resolved, may.resolved) == (0, 1)


def test_a_dossier_received_after_the_reports_moment_is_left_out() -> None:
    d = _dossier(CAL, vn(2026, 4, 20, 9))
    assert report([d], APRIL, at=vn(2026, 4, 15, 9), group_by=None).total.received == 0


def test_reports_refuse_what_is_not_a_dossier() -> None:
    with pytest.raises(ArgumentTypeError, match="Dossier or DossierRecord"):
        report([{}], APRIL, at=vn(2026, 5, 1))  # type: ignore[list-item]
    with pytest.raises(ArgumentTypeError, match="period"):
        report([], "2026-04", at=vn(2026, 5, 1))  # type: ignore[arg-type]
    with pytest.raises(ReportError, match="months are 1–12"):
        Period.month(2026, 13)


# -- the remembered texts, after a second review ------------------------------------------


def test_to_json_during_an_action_remembers_the_state_it_wrote() -> None:
    d = _dossier()
    texts: list[str] = []
    done = threading.Event()

    def dump() -> None:
        while not done.is_set():
            texts.append(d.to_json())

    worker = threading.Thread(target=dump)
    worker.start()
    d.start_processing(at=vn(2026, 3, 2, 10), by="tp")
    d.hand_over(at=vn(2026, 3, 2, 11), by="tp", to="x")
    d.mark_result_ready(at=vn(2026, 3, 2, 12), by="x")
    done.set()
    worker.join()
    for text in dict.fromkeys(texts):
        assert Dossier.from_json(text, calendar=CAL) == Dossier.from_dict(
            json.loads(text), calendar=CAL
        )


def test_a_calendar_that_refuses_estimates_is_not_answered_from_memory() -> None:
    allow = WorkingCalendar.vietnam(estimates=EstimatePolicy.ALLOW)
    strict = WorkingCalendar.vietnam(estimates=EstimatePolicy.RAISE)
    text = _dossier(allow, vn(2027, 3, 2, 8), code="EST").to_json()
    with pytest.raises(StoredDossierError, match="on this calendar fails"):
        Dossier.from_json(text, calendar=strict)


def test_a_subclass_text_loads_as_a_dossier() -> None:
    class Mine(Dossier):
        __slots__ = ()

    d = _dossier()
    mine = d._copy(CAL, Mine)
    assert type(Dossier.from_json(mine.to_json(), calendar=CAL)) is Dossier


def test_a_lone_surrogate_is_written_by_the_json_module() -> None:
    d = _dossier()
    d.start_processing(at=vn(2026, 3, 2, 10), by="x\ud800")
    assert json.loads(d.to_json()) == d.to_dict()
