"""Bad arguments at the public entry points: a motcua error or a correct answer, nothing else.

Issue 15: extreme aware moments, wrong types, bools and negative numbers where counts are
meant, blank actors. Each class found has a regression test; the sweep at the end hands
every parameter of the calendar, procedure, dossier and slip entry points hostile values.
``HYPOTHESIS_PROFILE=deep`` runs it with many more examples.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given

from hostile import (
    FAR_FUTURE,
    FAR_PAST,
    HOSTILE,
    assert_cheap_to_print,
    hostile_settings,
)
from motcua import (
    Applicant,
    Catalog,
    Channel,
    Dossier,
    DossierNumbering,
    ProcessingTime,
    WorkingCalendar,
)
from motcua.errors import (
    ActionNotAllowedError,
    ArgumentTypeError,
    DateOutOfRangeError,
    DossierTimeError,
    MotcuaError,
)
from motcua.slips import (
    ControlSheet,
    Office,
    Receipt,
    ReceiptDocument,
    Register,
    SupplementRequest,
)

pytestmark = pytest.mark.filterwarnings("ignore::motcua.errors.EstimatedScheduleWarning")


VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkingCalendar.vietnam()
PROC = Catalog.builtin().get("1.004873")
AT = datetime(2026, 1, 5, 9, 0, tzinfo=VN)
OFFICE = Office(name="UBND phường", unit="Trung tâm", place="Hải Phòng", address="1 Lê Chân")


def received(**changes: Any) -> Dossier:
    args: dict[str, Any] = {
        "accepted_at": AT,
        "channel": Channel.COUNTER,
        "applicant": Applicant(name="Nguyễn Văn An"),
        "calendar": CAL,
        "by": "cb.tiepnhan",
    }
    return Dossier.receive(PROC, **(args | changes))


def snapshot(dossier: Dossier) -> tuple[int, tuple[Any, ...], str]:
    return dossier.version, dossier.history, dossier.status.value


# -- extreme aware moments ------------------------------------------------------------------


def _moment_calls() -> list[tuple[str, Callable[[datetime], object]]]:
    numbering = DossierNumbering(agency="000.00.00.H61")
    limit = ProcessingTime.working_days(3)
    return [
        ("due_at", lambda m: CAL.due_at(m, limit)),
        ("is_office_hours", CAL.is_office_hours),
        ("next_office_time", CAL.next_office_time),
        ("add_office_time", lambda m: CAL.add_office_time(m, timedelta(hours=1))),
        ("is_receiving", CAL.is_receiving),
        ("receive", lambda m: received(accepted_at=m)),
        (
            "submit",
            lambda m: Dossier.submit(
                PROC,
                submitted_at=m,
                channel=Channel.ONLINE,
                applicant=Applicant(name="An"),
                calendar=CAL,
                by="cb",
            ),
        ),
        ("remaining", lambda m: received().remaining(m)),
        ("issue", numbering.issue),
    ]


@pytest.mark.parametrize("moment", [FAR_FUTURE, FAR_PAST], ids=["max-utc", "min+14"])
@pytest.mark.parametrize(
    ("name", "call"), _moment_calls(), ids=lambda x: x if isinstance(x, str) else ""
)
def test_extreme_aware_moments_are_out_of_range_not_overflow(
    name: str, call: Callable[[datetime], object], moment: datetime
) -> None:
    # Out of range for the calendar or the code; or, asked of a dossier, before it existed.
    with pytest.raises((DateOutOfRangeError, DossierTimeError)) as caught:
        call(moment)
    assert not isinstance(caught.value, OverflowError), name


@pytest.mark.parametrize("moment", [FAR_FUTURE, FAR_PAST], ids=["max-utc", "min+14"])
def test_a_dossier_answers_or_refuses_an_extreme_moment_as_of(moment: datetime) -> None:
    dossier = received()
    for question in (dossier.timeliness, dossier.as_of):
        try:
            question(moment)
        except DossierTimeError:
            assert moment is FAR_PAST


def test_an_unwritable_moment_says_what_and_why() -> None:
    with pytest.raises(DateOutOfRangeError) as caught:
        received(accepted_at=FAR_FUTURE)
    message = str(caught.value)
    assert message.startswith("accepted_at 9999-12-31T23:59:59.999999+00:00 is outside")
    assert "cannot be written both in UTC and in Hà Nội time" in message
    assert caught.value.__cause__ is None


def test_moments_of_the_edge_years_that_fit_still_work() -> None:
    # 9999-12-31 12:00 UTC is 19:00 in Hà Nội: representable, so only the calendar's own
    # range refuses it.
    with pytest.raises(DateOutOfRangeError, match="2018-01-01"):
        CAL.is_office_hours(datetime(9999, 12, 31, 12, tzinfo=UTC))


# -- wrong types through dossiers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "argument"),
    [
        ({"applicant": "An"}, "applicant"),
        ({"by": None}, "by"),
        ({"by": ""}, "by"),
        ({"by": "   "}, "by"),
        ({"by": 7}, "by"),
    ],
)
def test_receive_refuses_wrong_arguments_with_a_motcua_error(
    change: dict[str, Any], argument: str
) -> None:
    with pytest.raises(ArgumentTypeError) as caught:
        received(**change)
    assert caught.value.argument == argument


@pytest.mark.parametrize("by", ["", "   ", None])
def test_submit_and_accept_refuse_a_blank_actor(by: object) -> None:
    with pytest.raises(ArgumentTypeError, match="by must be who acted"):
        Dossier.submit(
            PROC,
            submitted_at=AT,
            channel=Channel.ONLINE,
            applicant=Applicant(name="An"),
            calendar=CAL,
            by=by,  # type: ignore[arg-type]
        )
    dossier = Dossier.submit(
        PROC,
        submitted_at=AT,
        channel=Channel.ONLINE,
        applicant=Applicant(name="An"),
        calendar=CAL,
        by="portal",
    )
    before = snapshot(dossier)
    with pytest.raises(ArgumentTypeError, match="by must be who acted"):
        dossier.accept(at=AT + timedelta(hours=1), by=by)  # type: ignore[arg-type]
    assert snapshot(dossier) == before


@pytest.mark.parametrize("version", [True, False, 1.0, "1", "2", b"1", [1]])
def test_expected_version_must_be_an_int_and_the_dossier_is_unchanged(version: object) -> None:
    dossier = received()
    before = snapshot(dossier)
    with pytest.raises(ArgumentTypeError) as caught:
        dossier.start_processing(at=AT, by="x", expected_version=version)  # type: ignore[arg-type]
    assert str(caught.value).startswith("expected_version must be an int version number, got")
    assert "not 2" not in str(caught.value)
    assert snapshot(dossier) == before


def test_hand_over_to_a_number_is_refused_and_changes_nothing() -> None:
    dossier = received()
    dossier.start_processing(at=AT + timedelta(hours=1), by="x")
    before = snapshot(dossier)
    with pytest.raises(ArgumentTypeError, match="to must be who receives the dossier") as caught:
        dossier.hand_over(at=AT + timedelta(hours=2), by="x", to=123)  # type: ignore[arg-type]
    assert caught.value.argument == "to"
    assert snapshot(dossier) == before
    # A blank receiver is a refusal of the action, as before.
    with pytest.raises(ActionNotAllowedError, match=r"say who receives the dossier \(to=\.\.\.\)"):
        dossier.hand_over(at=AT + timedelta(hours=2), by="x", to="  ")
    assert snapshot(dossier) == before


@pytest.mark.parametrize("n", [True, False, 1.0, "2", None])
def test_add_working_days_refuses_what_is_not_an_int(n: object) -> None:
    with pytest.raises(ArgumentTypeError, match="n must be an int number of working days"):
        CAL.add_working_days(date(2026, 1, 5), n)  # type: ignore[arg-type]


@pytest.mark.parametrize("limit", [True, -5, 2.0, "3", None])
def test_search_limit_must_be_a_whole_number_from_zero(limit: object) -> None:
    with pytest.raises(ArgumentTypeError, match="limit must be a whole number of hits from 0"):
        Catalog.builtin().search("ket hon", limit=limit)  # type: ignore[arg-type]
    assert Catalog.builtin().search("ket hon", limit=0) == []


# -- wrong types through the slips ----------------------------------------------------------


def test_receipt_refuses_documents_that_are_not_receipt_documents() -> None:
    with pytest.raises(ArgumentTypeError) as caught:
        Receipt.from_dossier(received(), procedure=PROC, office=OFFICE, documents=["x"])  # type: ignore[list-item]
    assert caught.value.argument == "documents[0]"
    assert "ReceiptDocument" in str(caught.value)
    with pytest.raises(ArgumentTypeError, match="documents must be a list of ReceiptDocument"):
        Receipt.from_dossier(received(), procedure=PROC, office=OFFICE, documents="x")  # type: ignore[arg-type]


def test_receipt_still_reads_a_mapping_as_a_document() -> None:
    receipt = Receipt.from_dossier(
        received(),
        procedure=PROC,
        office=OFFICE,
        documents=[{"name": "Tờ khai", "originals": 1, "copies": 0}],  # type: ignore[list-item]
    )
    assert receipt.documents == (ReceiptDocument(name="Tờ khai", originals=1, copies=0),)


@pytest.mark.parametrize(
    ("change", "argument"),
    [
        ({"sets": -5}, "sets"),
        ({"sets": 0}, "sets"),
        ({"sets": True}, "sets"),
        ({"sets": 1.5}, "sets"),
        ({"pages": -1}, "pages"),
        ({"pages": True}, "pages"),
        ({"number": 12}, "number"),
        ({"office": {"name": "UBND"}}, "office"),
        ({"office": None}, "office"),
        ({"procedure": "1.004873"}, "procedure"),
        ({"dossier": None}, "dossier"),
    ],
)
def test_receipt_refuses_wrong_arguments(change: dict[str, Any], argument: str) -> None:
    args: dict[str, Any] = {"dossier": received(), "procedure": PROC, "office": OFFICE}
    with pytest.raises(ArgumentTypeError) as caught:
        Receipt.from_dossier(**(args | change))
    assert caught.value.argument == argument


def test_the_other_slips_refuse_wrong_arguments() -> None:
    dossier = received()
    dossier.request_supplement(at=AT + timedelta(hours=1), by="x", reason="r", items=["a"])
    with pytest.raises(ArgumentTypeError, match="office must be an Office"):
        SupplementRequest.from_dossier(dossier, office="UBND")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="at must be a timezone-aware datetime"):
        ControlSheet.from_dossier(received(), office=OFFICE, at=None)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match=r"dossiers\[1\] must be a Dossier"):
        Register.from_dossiers([received(), "x"], office=OFFICE, at=AT)  # type: ignore[list-item]
    with pytest.raises(ArgumentTypeError, match="dossiers must be a list of Dossier"):
        Register.from_dossiers(None, office=OFFICE, at=AT)  # type: ignore[arg-type]


# -- the sweep ------------------------------------------------------------------------------


def _supplement_asked() -> Dossier:
    dossier = received()
    dossier.request_supplement(at=AT + timedelta(hours=1), by="x", reason="r", items=["a"])
    return dossier


def _processing() -> Dossier:
    dossier = received()
    dossier.start_processing(at=AT + timedelta(hours=1), by="x")
    return dossier


_LATER = AT + timedelta(hours=2)
ENTRY_POINTS: dict[str, tuple[Callable[..., object], dict[str, Any]]] = {
    "is_working_day": (CAL.is_working_day, {"d": date(2026, 1, 5)}),
    "add_working_days": (CAL.add_working_days, {"d": date(2026, 1, 5), "n": 3}),
    "count_working_days": (
        CAL.count_working_days,
        {"start": date(2026, 1, 5), "end": date(2026, 2, 5)},
    ),
    "due_at": (
        CAL.due_at,
        {"start": AT, "limit": ProcessingTime.working_days(3)},
    ),
    "is_office_hours": (CAL.is_office_hours, {"at": AT}),
    "next_office_time": (CAL.next_office_time, {"at": AT}),
    "add_office_time": (
        CAL.add_office_time,
        {"start": AT, "duration": timedelta(hours=2)},
    ),
    "working_days": (ProcessingTime.working_days, {"n": 3}),
    "working_hours": (ProcessingTime.working_hours, {"n": 3}),
    "calendar_days": (ProcessingTime.calendar_days, {"n": 3}),
    "catalog.get": (lambda **k: Catalog.builtin().get(**k), {"code": "1.004873"}),
    "catalog.search": (
        lambda **k: Catalog.builtin().search(**k),
        {"text": "ket hon", "limit": 5, "include_abolished": False},
    ),
    "time_limit_for": (PROC.time_limit_for, {"channel": Channel.ONLINE}),
    "receive": (
        Dossier.receive,
        {
            "procedure": PROC,
            "accepted_at": AT,
            "channel": Channel.COUNTER,
            "applicant": Applicant(name="An"),
            "calendar": CAL,
            "by": "cb",
        },
    ),
    "submit": (
        Dossier.submit,
        {
            "procedure": PROC,
            "submitted_at": AT,
            "channel": Channel.ONLINE,
            "applicant": Applicant(name="An"),
            "calendar": CAL,
            "by": "cb",
        },
    ),
    "start_processing": (
        lambda **k: received().start_processing(**k),
        {"at": _LATER, "by": "x", "expected_version": 1},
    ),
    "hand_over": (lambda **k: _processing().hand_over(**k), {"at": _LATER, "by": "x", "to": "y"}),
    "request_supplement": (
        lambda **k: received().request_supplement(**k),
        {"at": _LATER, "by": "x", "reason": "r", "items": ["a"]},
    ),
    "refuse": (lambda **k: received().refuse(**k), {"at": _LATER, "by": "x", "reason": "r"}),
    "check_overdue": (lambda **k: received().check_overdue(**k), {"at": AT + timedelta(days=30)}),
    "remaining": (lambda **k: received().remaining(**k), {"at": _LATER}),
    "as_of": (lambda **k: received().as_of(**k), {"at": _LATER}),
    "timeliness": (lambda **k: received().timeliness(**k), {"at": _LATER}),
    "next_check_after": (lambda **k: received().next_check_after(**k), {"at": _LATER}),
    "issue": (
        lambda **k: DossierNumbering(agency="000.00.00.H61").issue(**k),
        {"received_at": AT},
    ),
    "DossierNumbering": (DossierNumbering, {"agency": "000.00.00.H61"}),
    "Receipt": (
        Receipt.from_dossier,
        {
            "dossier": received(),
            "procedure": PROC,
            "office": OFFICE,
            "number": "1",
            "sets": 1,
            "pages": None,
            "documents": None,
        },
    ),
    "SupplementRequest": (
        SupplementRequest.from_dossier,
        {"dossier": _supplement_asked(), "office": OFFICE, "number": "1"},
    ),
    "ControlSheet": (
        ControlSheet.from_dossier,
        {"dossier": received(), "office": OFFICE, "at": _LATER},
    ),
    "Register": (
        Register.from_dossiers,
        {"dossiers": [received()], "office": OFFICE, "at": _LATER},
    ),
}

_TARGETS = [(name, parameter) for name, (_, kw) in ENTRY_POINTS.items() for parameter in kw]


@pytest.mark.parametrize(("name", "parameter"), _TARGETS, ids=[f"{n}-{p}" for n, p in _TARGETS])
@hostile_settings(8)
@given(value=HOSTILE)
def test_a_hostile_argument_gets_an_answer_or_a_motcua_error(
    name: str, parameter: str, value: object
) -> None:
    call, valid = ENTRY_POINTS[name]
    try:
        call(**(valid | {parameter: value}))
    except MotcuaError as exc:
        # Cheap to print, whatever the value.
        assert_cheap_to_print(exc)
    # Anything else propagates and fails the test.


def test_every_entry_point_answers_its_valid_arguments() -> None:
    for name, (call, valid) in ENTRY_POINTS.items():
        assert call(**valid) is not NotImplemented, name
