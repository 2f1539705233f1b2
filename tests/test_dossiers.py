"""Dossier lifecycles from real cases, the clock, steps, history and refusals."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from helpers import vn
from motcua import (
    Applicant,
    Catalog,
    Channel,
    ClockPolicy,
    Dossier,
    DossierStatus,
    DueEventKind,
    Timeliness,
    WorkingCalendar,
)
from motcua.errors import ActionNotAllowedError, NaiveDatetimeError, StaleDossierError

AN = Applicant(name="Nguyễn Văn An", phone="0912345678")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.builtin()


def _receive(catalog: Catalog, code: str, at: datetime, **kwargs: object) -> Dossier:
    return Dossier.receive(
        catalog.get(code),
        accepted_at=at,
        channel=kwargs.pop("channel", Channel.COUNTER),  # type: ignore[arg-type]
        applicant=AN,
        calendar=WorkingCalendar.vietnam(),
        by="cb.tiepnhan",
        code=f"TEST-{code}",
        **kwargs,  # type: ignore[arg-type]
    )


def test_marriage_status_paused_for_a_supplement_across_a_weekend(catalog: Catalog) -> None:
    # Xác nhận tình trạng hôn nhân (1.004873): 3 working days.
    d = _receive(catalog, "1.004873", vn(2026, 3, 3, 9, 0))  # Tuesday
    assert d.status.value == "received"
    assert d.legal_due_at == vn(2026, 3, 6, 9, 0)  # Friday
    d.start_processing(at=vn(2026, 3, 3, 10, 0), by="cb.tuphap")
    # Supplement asked Wednesday 09:00 with two working days left...
    d.request_supplement(
        at=vn(2026, 3, 4, 9, 0),
        by="cb.tuphap",
        reason="Tờ khai thiếu chữ ký",
        items=["Tờ khai có chữ ký người yêu cầu"],
    )
    assert d.status.national_code == 5
    assert str(d.remaining(vn(2026, 3, 9, 8, 0))) == "còn 2 ngày"  # the clock is stopped
    assert d.timeliness(vn(2026, 3, 9, 8, 0)) is Timeliness.PAUSED
    # ...received the next Monday 14:00: due Wednesday 14:00.
    d.supplement_received(at=vn(2026, 3, 9, 14, 0), by="cb.tiepnhan")
    assert d.legal_due_at == vn(2026, 3, 11, 14, 0)
    assert d.due_at == d.legal_due_at
    assert d.paused_time == timedelta(hours=28)  # Wed 7 h, Thu 8, Fri 8, Mon 5
    d.mark_result_ready(at=vn(2026, 3, 10, 15, 0), by="cb.tuphap")
    d.return_result(at=vn(2026, 3, 11, 8, 30), by="cb.tiepnhan")
    assert d.status is DossierStatus.RETURNED
    assert d.status.national_code == 10
    assert d.timeliness(vn(2026, 3, 20)) is Timeliness.EARLY
    assert [e.action for e in d.history] == [
        "receive",
        "start_processing",
        "request_supplement",
        "supplement_received",
        "mark_result_ready",
        "return_result",
    ]
    assert d.history[2].items == ("Tờ khai có chữ ký người yêu cầu",)
    assert d.history[3].clock.legal_due_at == vn(2026, 3, 11, 14, 0)
    assert d.version == 6


def test_land_transfer_waiting_for_tax_does_not_count(catalog: Catalog) -> None:
    # Sang tên (1.013831): 8 working days, excluding financial obligations.
    d = _receive(catalog, "1.013831", vn(2026, 3, 2, 8, 0))
    assert d.legal_due_at == vn(2026, 3, 11, 17, 0)
    d.start_processing(at=vn(2026, 3, 2, 9, 0), by="vpdkdd")
    d.request_payment(
        at=vn(2026, 3, 4, 8, 0), by="vpdkdd", reason="Thông báo nộp thuế TNCN, lệ phí trước bạ"
    )
    assert d.status is DossierStatus.AWAITING_PAYMENT
    assert d.status.national_code == 6
    d.payment_received(at=vn(2026, 3, 16, 8, 0), by="vpdkdd")  # two weeks later
    assert d.legal_due_at == vn(2026, 3, 23, 17, 0)  # moved by the 10 working days waited
    assert d.timeliness(vn(2026, 3, 20, 9, 0)) is Timeliness.WITHIN_LIMIT


def test_a_province_that_counts_the_payment_wait(catalog: Catalog) -> None:
    d = _receive(
        catalog,
        "1.013831",
        vn(2026, 3, 2, 8, 0),
        policy=ClockPolicy(payment_wait_counts=True),
    )
    d.start_processing(at=vn(2026, 3, 2, 9, 0), by="vpdkdd")
    d.request_payment(at=vn(2026, 3, 4, 8, 0), by="vpdkdd", reason="Nộp thuế")
    d.payment_received(at=vn(2026, 3, 16, 8, 0), by="vpdkdd")
    assert d.legal_due_at == vn(2026, 3, 11, 17, 0)
    assert d.check_overdue(vn(2026, 3, 16, 8, 1))


def test_birth_residence_insurance_chain_with_one_late_step(catalog: Catalog) -> None:
    # 2.002621: khai sinh (4 h, UBND xã) → thường trú (4 h, Công an) → thẻ BHYT (2 days).
    d = _receive(catalog, "2.002621", vn(2026, 3, 2, 8, 0), channel=Channel.ONLINE)
    assert [s.name for s in d.steps] == ["Đăng ký khai sinh"]
    assert d.steps[0].due_at == vn(2026, 3, 2, 12, 0)
    d.start_processing(at=vn(2026, 3, 2, 11, 0), by="tuphap")
    assert d.steps[0].timeliness(vn(2026, 3, 3)) is Timeliness.ON_TIME
    assert d.steps[1].actor == "Công an cấp xã"
    assert d.steps[1].due_at == vn(2026, 3, 2, 16, 0)
    # The police hand over the next morning: their step is late.
    d.hand_over(at=vn(2026, 3, 3, 9, 0), by="congan", to="BHXH huyện")
    assert d.steps[1].timeliness(vn(2026, 3, 3, 9, 0)) is Timeliness.LATE
    assert d.steps[1].handed_to == "BHXH huyện"
    assert d.steps[2].actor == "BHXH huyện"
    d.mark_result_ready(at=vn(2026, 3, 4, 10, 0), by="bhxh")
    assert d.finished_at is not None
    assert d.finished_at < d.legal_due_at  # type: ignore[operator]
    # Finished before the due time, but a late step makes the dossier late (control sheet).
    assert d.timeliness(vn(2026, 3, 5)) is Timeliness.LATE
    stored = d.to_dict()
    stored["policy"] = ClockPolicy(late_step_makes_late=False).model_dump(mode="json")
    relaxed = Dossier.from_dict(stored, calendar=d.calendar)
    assert relaxed.timeliness(vn(2026, 3, 5)) is Timeliness.ON_TIME  # on the due date


def test_an_overdue_dossier_extended_once(catalog: Catalog) -> None:
    # Thay đổi, cải chính hộ tịch (1.004859): 3 working days.
    d = _receive(catalog, "1.004859", vn(2026, 3, 2, 9, 0))
    d.start_processing(at=vn(2026, 3, 2, 10, 0), by="tuphap")
    events = d.due_events(vn(2026, 3, 4, 9, 0))
    assert [e.kind for e in events] == [DueEventKind.DUE_SOON]
    assert events[0].key == d.due_events(vn(2026, 3, 4, 16, 0))[0].key  # stable
    d.extend(
        at=vn(2026, 3, 4, 10, 0),
        by="chu.tich",
        reason="Cần xác minh tại nơi đăng ký khai sinh",
        new_due_at=vn(2026, 3, 9, 16, 0),
    )
    assert d.due_at == vn(2026, 3, 9, 16, 0)
    assert d.legal_due_at == vn(2026, 3, 5, 9, 0)  # both stay visible
    with pytest.raises(ActionNotAllowedError, match="already extended 1 time"):
        d.extend(
            at=vn(2026, 3, 4, 11, 0), by="chu.tich", reason="again", new_due_at=vn(2026, 3, 12, 9)
        )
    assert not d.check_overdue(vn(2026, 3, 5, 9, 0))  # not past yet
    assert d.check_overdue(vn(2026, 3, 5, 10, 0))
    assert d.overdue
    assert not d.check_overdue(vn(2026, 3, 5, 11, 0))  # marked once
    assert d.history[-1].action == "mark_overdue"
    assert d.status is DossierStatus.PROCESSING  # overdue is timeliness, not a status
    # Once overdue, the due-soon reminder is moot: only the overdue event, keyed once.
    assert [(e.kind, e.key) for e in d.due_events(vn(2026, 3, 5, 10, 0))] == [
        (DueEventKind.OVERDUE, "TEST-1.004859:overdue"),
    ]
    assert str(d.remaining(vn(2026, 3, 5, 11, 0))) == "quá 2 giờ"
    d.mark_result_ready(at=vn(2026, 3, 9, 11, 0), by="tuphap")  # kept the new appointment...
    d.return_result(at=vn(2026, 3, 9, 15, 0), by="tiepnhan")
    assert d.timeliness(vn(2026, 3, 10)) is Timeliness.LATE  # ...but late by law


def test_same_day_certification_after_15h(catalog: Catalog) -> None:
    d = _receive(catalog, "2.000815", vn(2026, 3, 6, 15, 30))  # Friday, after the cut-off
    assert d.legal_due_at == vn(2026, 3, 9, 17, 0)
    assert [s.budget for s in d.steps] == [timedelta(hours=2)]


def test_online_submission_checked_then_refused_at_reception(catalog: Catalog) -> None:
    d = Dossier.submit(
        catalog.get("1.001193"),
        submitted_at=vn(2026, 3, 7, 21, 0),
        channel=Channel.ONLINE,
        applicant=AN,
        calendar=WorkingCalendar.vietnam(),
        by="dvcqg",
        code="ONLINE-1",
    )
    assert d.status.value == "submitted"
    assert d.status.national_code == 1
    assert d.legal_due_at is None
    assert d.timeliness(vn(2026, 3, 9)) is Timeliness.NOT_COUNTED
    assert d.allowed_actions() == ("accept", "refuse", "withdraw")
    d.refuse(at=vn(2026, 3, 9, 8, 30), by="cb.tiepnhan", reason="Không thuộc thẩm quyền")
    assert d.status is DossierStatus.REFUSED_AT_RECEPTION
    assert d.status.national_code == 3
    assert d.finished_at is None


def test_online_submission_accepted_starts_the_clock(catalog: Catalog) -> None:
    d = Dossier.submit(
        catalog.get("1.004873"),
        submitted_at=vn(2026, 3, 7, 21, 0),
        channel=Channel.ONLINE,
        applicant=AN,
        calendar=WorkingCalendar.vietnam(),
        by="dvcqg",
        code="ONLINE-2",
    )
    d.accept(at=vn(2026, 3, 9, 8, 30), by="cb.tiepnhan")
    assert d.submitted_at == vn(2026, 3, 7, 21, 0)
    assert d.accepted_at == vn(2026, 3, 9, 8, 30)
    assert d.legal_due_at == vn(2026, 3, 12, 8, 30)


def test_withdraw_and_stop_are_distinct_outcomes(catalog: Catalog) -> None:
    a = _receive(catalog, "1.004873", vn(2026, 3, 2, 9, 0))
    a.start_processing(at=vn(2026, 3, 2, 10, 0), by="tuphap")
    a.request_supplement(at=vn(2026, 3, 3, 9, 0), by="tuphap", reason="Thiếu", items=["x"])
    a.withdraw(at=vn(2026, 3, 4, 9, 0), by="cb.tiepnhan", reason="Công dân xin rút")
    assert a.status.national_code == 7
    assert a.pauses[-1].ended_at == vn(2026, 3, 4, 9, 0)
    b = _receive(catalog, "1.004873", vn(2026, 3, 2, 9, 0))
    b.stop(at=vn(2026, 3, 3, 9, 0), by="chu.tich", reason="Có tranh chấp")
    assert b.status.national_code == 8
    assert a.timeliness(vn(2026, 3, 5)) is b.timeliness(vn(2026, 3, 5)) is Timeliness.NOT_COUNTED


def test_refused_after_appraisal_is_judged_on_time(catalog: Catalog) -> None:
    d = _receive(catalog, "1.004873", vn(2026, 3, 2, 9, 0))
    d.start_processing(at=vn(2026, 3, 2, 10, 0), by="tuphap")
    d.refuse(at=vn(2026, 3, 5, 9, 0), by="chu.tich", reason="Không đủ điều kiện")
    assert d.status is DossierStatus.REFUSED
    assert d.finished_at == vn(2026, 3, 5, 9, 0)
    assert d.timeliness(vn(2026, 3, 6)) is Timeliness.ON_TIME


# -- refused actions leave everything as it was ------------------------------------------------


def _snapshot(d: Dossier) -> str:
    return d.to_json()


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda d: d.return_result(at=vn(2026, 3, 3), by="x"), "that is processing cannot"),
        (lambda d: d.supplement_received(at=vn(2026, 3, 3), by="x"), "cannot supplement_received"),
        (lambda d: d.stop(at=vn(2026, 3, 3), by="x", reason=" "), "a reason is required"),
        (
            lambda d: d.request_supplement(at=vn(2026, 3, 3), by="x", reason="r", items=[]),
            "list the items",
        ),
        (lambda d: d.hand_over(at=vn(2026, 3, 1), by="x", to="y"), "before the last event"),
        (
            lambda d: d.extend(at=vn(2026, 3, 9), by="x", reason="r", new_due_at=vn(2026, 3, 12)),
            "has passed",
        ),
        (
            lambda d: d.extend(
                at=vn(2026, 3, 3), by="x", reason="r", new_due_at=vn(2026, 3, 4, 16)
            ),
            "is not after the current one",
        ),
        (
            lambda d: d.extend(at=vn(2026, 3, 3), by="x", reason="r", new_due_at=vn(2026, 3, 8, 3)),
            "not within office hours of a working day",
        ),
        (
            lambda d: d.request_supplement(at=vn(2026, 3, 3), by="x", reason="r", items="abc"),
            "as a list of texts",
        ),
    ],
    ids=[
        "wrong-state",
        "not-paused",
        "no-reason",
        "no-items",
        "out-of-order",
        "extend-late",
        "extend-earlier",
        "extend-to-a-sunday-night",
        "items-as-text",
    ],
)
def test_refused_actions_change_nothing(catalog: Catalog, action: object, message: str) -> None:
    d = _receive(catalog, "1.004873", vn(2026, 3, 2, 9, 0))
    d.start_processing(at=vn(2026, 3, 2, 10, 0), by="tuphap")
    before = _snapshot(d)
    with pytest.raises(ActionNotAllowedError, match=message) as info:
        action(d)  # type: ignore[operator]
    assert _snapshot(d) == before
    assert info.value.code == "TEST-1.004873"
    assert info.value.status == "processing"
    assert "mark_result_ready" in info.value.allowed


def test_one_supplement_per_agency(catalog: Catalog) -> None:
    d = _receive(catalog, "1.004873", vn(2026, 3, 2, 9, 0))
    d.start_processing(at=vn(2026, 3, 2, 10, 0), by="tuphap")
    d.request_supplement(
        at=vn(2026, 3, 2, 11, 0), by="tuphap", reason="r", items=["a"], agency="Tư pháp"
    )
    d.supplement_received(at=vn(2026, 3, 3, 9, 0), by="tiepnhan")
    before = _snapshot(d)
    with pytest.raises(ActionNotAllowedError, match="Tư pháp already asked for a supplement 1"):
        d.request_supplement(
            at=vn(2026, 3, 3, 10, 0), by="tuphap", reason="r", items=["b"], agency="Tư pháp"
        )
    assert _snapshot(d) == before
    d.request_supplement(
        at=vn(2026, 3, 3, 10, 0), by="ubnd", reason="r", items=["b"], agency="UBND"
    )


def test_optimistic_concurrency(catalog: Catalog) -> None:
    d = _receive(catalog, "1.004873", vn(2026, 3, 2, 9, 0))
    seen = d.version
    d.start_processing(at=vn(2026, 3, 2, 10, 0), by="worker-1", expected_version=seen)
    with pytest.raises(StaleDossierError, match="is at version 2, not 1") as info:
        d.mark_result_ready(at=vn(2026, 3, 2, 11, 0), by="worker-2", expected_version=seen)
    assert (info.value.expected, info.value.actual) == (1, 2)
    assert d.status is DossierStatus.PROCESSING


def test_naive_datetimes_are_refused(catalog: Catalog) -> None:
    with pytest.raises(NaiveDatetimeError, match="accepted_at"):
        _receive(catalog, "1.004873", datetime(2026, 3, 2, 9, 0))  # noqa: DTZ001
    d = _receive(catalog, "1.004873", vn(2026, 3, 2, 9, 0))
    with pytest.raises(NaiveDatetimeError, match="at="):
        d.start_processing(at=datetime(2026, 3, 2, 10, 0), by="x")  # noqa: DTZ001
    assert d.version == 1


def test_round_trip_then_continue(catalog: Catalog) -> None:
    d = _receive(catalog, "2.002621", vn(2026, 3, 2, 8, 0), channel=Channel.ONLINE)
    d.start_processing(at=vn(2026, 3, 2, 11, 0), by="tuphap")
    d.request_supplement(at=vn(2026, 3, 2, 13, 0), by="congan", reason="r", items=["a"])
    stored = d.to_json()
    loaded = Dossier.from_json(stored, calendar=WorkingCalendar.vietnam())
    assert loaded == d
    assert loaded.history == d.history
    assert loaded.version == d.version  # loading adds no event
    loaded.supplement_received(at=vn(2026, 3, 3, 9, 0), by="tiepnhan")
    d.supplement_received(at=vn(2026, 3, 3, 9, 0), by="tiepnhan")
    assert loaded == d


# -- what a review found ----------------------------------------------------------------------


def test_a_wait_of_no_office_time_moves_nothing(catalog: Catalog) -> None:
    d = _receive(
        catalog, "1.004873", vn(2026, 3, 2, 17, 0), late_entry="the last visitor, at closing"
    )  # due Thu 5/3 17:00
    d.start_processing(at=vn(2026, 3, 3, 8, 0), by="tuphap")
    due = d.legal_due_at
    d.request_supplement(at=vn(2026, 3, 5, 17, 10), by="tuphap", reason="r", items=["a"])
    d.supplement_received(at=vn(2026, 3, 5, 18, 0), by="tiepnhan")
    assert d.legal_due_at == due
    d.mark_result_ready(at=vn(2026, 3, 5, 18, 30), by="tuphap")  # that evening: late
    assert d.timeliness(vn(2026, 3, 6)) is Timeliness.LATE


def test_a_counted_payment_wait_keeps_the_clock_running(catalog: Catalog) -> None:
    d = _receive(
        catalog, "1.013831", vn(2026, 3, 2, 8, 0), policy=ClockPolicy(payment_wait_counts=True)
    )
    d.start_processing(at=vn(2026, 3, 2, 9, 0), by="vpdkdd")
    d.request_payment(at=vn(2026, 3, 4, 8, 0), by="vpdkdd", reason="Nộp thuế")
    assert not d.clock_stopped
    late = vn(2026, 3, 20, 9, 0)
    assert d.timeliness(late) is Timeliness.OVERDUE
    assert str(d.remaining(late)).startswith("quá")
    assert [e.kind for e in d.due_events(late)] == [DueEventKind.OVERDUE]
    assert d.check_overdue(late)


def test_collecting_the_result_late_does_not_make_the_handling_late(catalog: Catalog) -> None:
    d = _receive(catalog, "2.000815", vn(2026, 3, 2, 9, 0))  # certification, 4 steps
    d.start_processing(at=vn(2026, 3, 2, 10, 0), by="tuphap")
    d.hand_over(at=vn(2026, 3, 2, 13, 0), by="tuphap", to="Lãnh đạo UBND")
    d.mark_result_ready(at=vn(2026, 3, 2, 14, 0), by="lanhdao")
    assert d.timeliness(vn(2026, 3, 2, 15, 0)) is Timeliness.ON_TIME
    d.return_result(at=vn(2026, 3, 5, 9, 0), by="tiepnhan")  # collected three days later
    assert d.timeliness(vn(2026, 3, 5, 9, 0)) is Timeliness.ON_TIME


def test_overdue_fires_once_even_after_a_pause(catalog: Catalog) -> None:
    d = _receive(catalog, "1.004873", vn(2026, 3, 2, 9, 0))
    d.start_processing(at=vn(2026, 3, 2, 10, 0), by="tuphap")
    first = d.due_events(vn(2026, 3, 5, 10, 0))
    d.request_supplement(at=vn(2026, 3, 5, 11, 0), by="tuphap", reason="r", items=["a"])
    assert d.due_events(vn(2026, 3, 6, 10, 0)) == []  # paused: nothing to act on
    d.supplement_received(at=vn(2026, 3, 9, 9, 0), by="tiepnhan")
    again = d.due_events(vn(2026, 3, 9, 15, 0))
    assert [e.key for e in first] == [e.key for e in again] == ["TEST-1.004873:overdue"]


def test_short_limits_get_no_due_soon_reminder(catalog: Catalog) -> None:
    d = _receive(catalog, "1.013133", vn(2026, 3, 2, 9, 0), channel=Channel.ONLINE)  # 2 hours
    assert d.due_events(vn(2026, 3, 2, 10, 30)) == []


def test_the_default_agency_is_the_handling_agency(catalog: Catalog) -> None:
    d = _receive(catalog, "1.004873", vn(2026, 3, 2, 9, 0))
    d.start_processing(at=vn(2026, 3, 2, 10, 0), by="officer-1")
    d.request_supplement(at=vn(2026, 3, 2, 11, 0), by="officer-1", reason="r", items=["a"])
    d.supplement_received(at=vn(2026, 3, 3, 9, 0), by="tiepnhan")
    with pytest.raises(ActionNotAllowedError, match="already asked"):
        d.request_supplement(at=vn(2026, 3, 3, 10, 0), by="officer-2", reason="r", items=["b"])


def test_who_acted_is_required(catalog: Catalog) -> None:
    d = _receive(catalog, "1.004873", vn(2026, 3, 2, 9, 0))
    with pytest.raises(TypeError, match="who acted"):
        d.start_processing(at=vn(2026, 3, 2, 10, 0), by=None)  # type: ignore[arg-type]
    assert d.version == 1


def test_remaining_stops_when_the_dossier_is_closed(catalog: Catalog) -> None:
    d = _receive(catalog, "1.004873", vn(2026, 3, 2, 9, 0))
    d.withdraw(at=vn(2026, 3, 3, 9, 0), by="tiepnhan", reason="xin rút")
    assert d.remaining(vn(2026, 3, 20)) == d.remaining(vn(2026, 3, 4))


def test_only_actions_change_a_dossier(catalog: Catalog) -> None:
    d = _receive(catalog, "1.004873", vn(2026, 3, 2, 9, 0))
    with pytest.raises(AttributeError):
        d.status = DossierStatus.RETURNED  # type: ignore[misc]
    assert d.status is DossierStatus.RECEIVED
