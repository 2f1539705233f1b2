"""A valid call of every public callable of the library core, found from its signature.

The adversarial sweep (``tests/adversarial/test_signatures.py``) walks ``motcua.__all__``
and the ``__all__`` of ``motcua.calendar``, ``procedures``, ``dossiers``, ``slips`` and
``queue``; for each public function, constructor and method it needs one call that
succeeds. That call is built here, parameter by parameter: a value for the parameter's
name (``VALID``), unless the callable needs its own (``SPECIFIC``, keyed
``"Owner.method.parameter"``). Methods are called on a fresh object from ``RECEIVERS``
(or ``STATE``, when the method needs the object in a particular state), so a refused call
can be checked to have left that object as it was.

A callable with no valid call here fails the sweep's completeness test: add it, or add it
to ``EXCLUDED`` with the reason.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import inspect
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from motcua import (
    AgencyId,
    Applicant,
    Catalog,
    Channel,
    Dossier,
    DossierNumbering,
    MemorySequence,
    OfficeHours,
    OfficialSchedule,
    ProcessingTime,
    WorkingCalendar,
)
from motcua.dossiers import DueChange
from motcua.queue import Outcome, Priority, Queue, ServiceArea
from motcua.slips import Office, Receipt

MODULES: tuple[str, ...] = ("motcua", "motcua.calendar", "motcua.procedures", "motcua.dossiers")
MODULES += ("motcua.slips", "motcua.queue")

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkingCalendar.vietnam()
CATALOG = Catalog.builtin()
PROC = CATALOG.get("1.004873")
AT = datetime(2026, 1, 5, 9, 0, tzinfo=VN)
LATER = AT + timedelta(hours=2)
OFFICE = Office(name="UBND phường", unit="Trung tâm", place="Hải Phòng", address="1 Lê Chân")
AREAS = (ServiceArea("A", "Đất đai", ("Quầy 1",)), ServiceArea("B", "Hộ tịch", ("Quầy 2",)))
DATA = Path(__file__).parent / "data"
OLD_DOSSIER = Path(__file__).parent / "golden" / "stored" / "v0.1-dossier.json"


def received() -> Dossier:
    """A dossier just received at the counter."""
    return Dossier.receive(
        PROC,
        accepted_at=AT,
        channel=Channel.COUNTER,
        applicant=Applicant(name="Nguyễn Văn An"),
        calendar=CAL,
        by="cb.tiepnhan",
    )


def submitted() -> Dossier:
    """A dossier submitted online, not yet accepted."""
    return Dossier.submit(
        PROC,
        submitted_at=AT,
        channel=Channel.ONLINE,
        applicant=Applicant(name="An"),
        calendar=CAL,
        by="portal",
    )


def after(dossier: Dossier, *actions: str) -> Dossier:
    """*dossier* taken through *actions*, an hour apart from ``AT``."""
    for hours, action in enumerate(actions, start=1):
        extra: dict[str, Any] = {}
        if action in ("request_supplement", "request_payment", "refuse", "stop", "withdraw"):
            extra["reason"] = "r"
        if action == "request_supplement":
            extra["items"] = ["a"]
        getattr(dossier, action)(at=AT + timedelta(hours=hours), by="x", **extra)
    return dossier


def queue() -> Queue:
    """A queue with a ticket waiting in area A and one called at Quầy 2."""
    q = Queue(AREAS)
    q.take_ticket("A", at=AT)
    q.take_ticket("B", at=AT)
    q.call_next("Quầy 2", at=AT + timedelta(minutes=1))
    return q


def catalog_file() -> Path:
    """A one-procedure catalog file, written once."""
    path = Path("catalog.json")
    if not path.exists():
        procedure = PROC.model_dump(mode="json")
        path.write_text(
            json.dumps({"schema_version": 1, "procedures": [procedure]}), encoding="utf-8"
        )
    return path


def overrides_file() -> Path:
    """An override file that changes nothing a test reads."""
    path = Path("overrides.yaml")
    if not path.exists():
        path.write_text(OVERRIDES, encoding="utf-8")
    return path


OVERRIDES = """\
schema_version: 1
province: Hà Nội
decision: {kind: Quyết định, number: 99/QĐ-UBND, issuer: UBND thành phố Hà Nội, issued: 2025-07-15}
overrides:
  - code: 1.004873
    channels:
      counter:
        fee: {kind: fixed, amount: 5000}
"""


def _record() -> Any:
    return received().record()


RECEIVERS: dict[str, Callable[[], Any]] = {
    "AgencyId": lambda: AgencyId.parse("000.00.20.H12"),
    "CalendarDay": lambda: CAL.day(date(2026, 1, 1)),
    "Catalog": lambda: CATALOG,
    "Deadline": lambda: CAL.due_at(AT, ProcessingTime.working_days(3)),
    "Dossier": received,
    "DossierEvent": lambda: received().history[0],
    "DossierNumbering": lambda: DossierNumbering(agency="000.00.00.H61"),
    "DossierRecord": _record,
    "DueChange": lambda: DueChange.of(
        received(), legal_due_at=None, due_at=None, was_estimated=False
    ),
    "Extension": lambda: CATALOG.get("1.004873").extension or _an_extension(),
    "FieldSource": lambda: PROC.provenance.sources[0],
    "FixedFee": lambda: _fee("fixed"),
    "FreeFee": lambda: _fee("free"),
    "LegalReference": lambda: PROC.legal_basis[0],
    "LegalSource": lambda: CAL.day(date(2026, 1, 1)).source,
    "MemorySequence": MemorySequence,
    "Office": lambda: OFFICE.model_copy(update={"lookup_url": "https://x.gov.vn/?ma={code}"}),
    "OfficeDuration": lambda: received().remaining(LATER),
    "OfficeHours": OfficeHours.standard,
    "OfficialSchedule": OfficialSchedule.builtin,
    "OverrideRecord": lambda: _an_override(),  # noqa: PLW0108 - defined below
    "PerPageFee": lambda: _fee("per_page"),
    "PerUnitFee": lambda: _fee("per_unit"),
    "Procedure": lambda: PROC,
    "ProcessingTime": lambda: ProcessingTime.working_days(3),
    "Provenance": lambda: PROC.provenance,
    "ProvincialFee": lambda: _fee("provincial"),
    "Queue": queue,
    "SqliteSequence": lambda: _sqlite_sequence(),  # noqa: PLW0108 - defined below
    "StepRecord": lambda: _stepped().steps[0],
    "Ticket": lambda: queue().ticket("B-001"),
    "WorkingCalendar": lambda: CAL,
}
"""A fresh object to call each class's methods on."""

STATE: dict[str, Callable[[], Any]] = {
    "Dossier.accept": submitted,
    "Dossier.request_payment": lambda: after(received(), "start_processing"),
    "Procedure.case": lambda: _a_case()[0],
    "Dossier.hand_over": lambda: after(received(), "start_processing"),
    "Dossier.supplement_received": lambda: after(received(), "request_supplement"),
    "Dossier.payment_received": lambda: after(received(), "start_processing", "request_payment"),
    "Dossier.mark_result_ready": lambda: after(received(), "start_processing"),
    "Dossier.return_result": lambda: after(received(), "start_processing", "mark_result_ready"),
    "Dossier.extend": lambda: after(received(), "start_processing"),
}
"""Methods that need their object in a state other than the receiver's."""


def _fee(kind: str) -> Any:
    for procedure in CATALOG:
        for option in procedure.channels:
            if option.fee.kind == kind:
                return option.fee
    raise LookupError(kind)


def _an_extension() -> Any:
    return next(p.extension for p in CATALOG if p.extension is not None)


def _an_override() -> Any:
    catalog = CATALOG.with_overrides(overrides_file())
    return next(r for p in catalog for r in p.overrides)


def _sqlite_sequence() -> Any:
    from motcua import SqliteSequence  # noqa: PLC0415 - writes a file in the test's folder

    return SqliteSequence("serials.db")


ALWAYS = {"lang": "vi"}

VALID: dict[str, Callable[[], Any]] = {
    "at": lambda: LATER,
    "accepted_at": lambda: AT,
    "submitted_at": lambda: AT,
    "start": lambda: AT,
    "end": lambda: AT + timedelta(days=30),
    "d": lambda: date(2026, 1, 5),
    "day": lambda: date(2026, 1, 5),
    "on": lambda: date(2026, 1, 5),
    "n": lambda: 3,
    "year": lambda: 2026,
    "by": lambda: "cb.xuly",
    "to": lambda: "Công an xã",
    "reason": lambda: "thiếu giấy tờ",
    "items": lambda: ["Tờ khai"],
    "agency": lambda: "UBND xã",
    "expected_version": lambda: None,
    "procedure": lambda: PROC,
    "calendar": lambda: CAL,
    "channel": lambda: Channel.COUNTER,
    "applicant": lambda: Applicant(name="An"),
    "office": lambda: OFFICE,
    "number": lambda: "12",
    "dossier": received,
    "dossiers": lambda: [received()],
    "code": lambda: "1.004873",
    "text": lambda: "3 working days",
    "path": lambda: "1.004873",
    "lang": lambda: "vi",
    "limit": lambda: ProcessingTime.working_days(3),
    "duration": lambda: timedelta(hours=3),
    "key": lambda: "000.00.00.H61",
    "case": lambda: None,
    "extended": lambda: False,
    "recorded_at": lambda: None,
    "agreed_due_at": lambda: None,
    "agreement": lambda: None,
    "late_entry": lambda: None,
    "numbering": lambda: None,
    "policy": lambda: None,
    "digits": lambda: 1,
    "template_dir": lambda: None,
    "max_bytes": lambda: 10**7,
    "max_depth": lambda: 32,
    "max_events": lambda: 100,
    "max_event_size": lambda: 10_000,
    "recount": lambda: False,
    "pages": lambda: 3,
    "copies": lambda: 1,
    "units": lambda: 1,
    "moment": lambda: time(9),
    "cutoff": lambda: None,
    "last_hour": lambda: False,
}
"""A valid value for a parameter, by its name, whoever takes it."""

SPECIFIC: dict[str, Callable[[], Any]] = {
    "DossierRecord.many.rows": lambda: [
        tuple(getattr(_record(), f.name) for f in dataclasses.fields(_record()))
    ],
    "Catalog.procedures": lambda: [PROC],
    "Catalog.source": lambda: "<memory>",
    "OfficeHours.sessions": lambda: ((time(8), time(12)), (time(13), time(17))),
    "AgencyId.parse.text": lambda: "000.00.20.H12",
    "DossierCode.parse.text": lambda: "000.00.20.H12-210315-0001",
    "DossierCode.tt01.agency": lambda: AgencyId.parse("000.00.20.H12"),
    "DossierCode.tt01.received_on": lambda: date(2026, 1, 5),
    "DossierCode.tt01.serial": lambda: 7,
    "DossierCode.tt04.agency": lambda: AgencyId.parse("G01.001.01"),
    "DossierCode.tt04.received_on": lambda: date(2026, 1, 5),
    "DossierCode.tt04.platform": lambda: "01",
    "DossierCode.tt04.serial": lambda: 7,
    "DossierCode.tt04.width": lambda: 6,
    "Catalog.search.text": lambda: "ket hon",
    "Catalog.search.limit": lambda: 5,
    "Catalog.search.include_abolished": lambda: False,
    "Catalog.filter.field": lambda: "Hộ tịch",
    "Catalog.filter.level": lambda: None,
    "Catalog.filter.channel": lambda: Channel.ONLINE,
    "Catalog.filter.active_on": lambda: date(2026, 1, 5),
    "Catalog.from_file.path": catalog_file,
    "Catalog.with_overrides.path": overrides_file,
    "OfficialSchedule.from_file.path": lambda: DATA / "announced-2027.toml",
    "OfficialSchedule.merge.other": OfficialSchedule.builtin,
    "OfficeHours.parse.text": lambda: "07:30-11:30, 13:30-17:00",
    "OfficeHours.locate.us_of_day": lambda: 9 * 3600 * 10**6,
    "OfficeHours.start_clock.offset": lambda: 0,
    "OfficeHours.end_clock.offset": lambda: 3600 * 10**6,
    "ProcessingTime.plus.days": lambda: 2,
    "ProcessingTime.office_time.day": lambda: timedelta(hours=8),
    "ProcessingTime.same_day.cutoff": lambda: time(15),
    "ProcessingTime.working_days.cutoff": lambda: time(15),
    "Extension.applied_to.base": lambda: ProcessingTime.working_days(3),
    "Procedure.case.key": lambda: _a_case()[1],
    "WorkingCalendar.add_working_days_array.dates": lambda: np.array(["2026-01-05"], "M8[D]"),
    "WorkingCalendar.add_working_days_array.n": lambda: 3,
    "WorkingCalendar.count_working_days_array.start": lambda: np.array(["2026-01-05"], "M8[D]"),
    "WorkingCalendar.count_working_days_array.end": lambda: np.array(["2026-02-05"], "M8[D]"),
    "WorkingCalendar.count_working_days.end": lambda: date(2026, 2, 5),
    "WorkingCalendar.count_working_days.start": lambda: date(2026, 1, 5),
    "WorkingCalendar.non_working_days.start": lambda: date(2026, 1, 1),
    "WorkingCalendar.non_working_days.end": lambda: date(2026, 3, 1),
    "WorkingCalendar.special_days.start": lambda: date(2026, 1, 1),
    "WorkingCalendar.special_days.end": lambda: date(2026, 3, 1),
    "WorkingCalendar.vietnam.office_hours": lambda: None,
    "WorkingCalendar.vietnam.reception_hours": lambda: None,
    "WorkingCalendar.vietnam.extra_days_off": lambda: (),
    "WorkingCalendar.vietnam.estimates": lambda: "warn",
    "WorkingCalendar.vietnam.schedule": lambda: None,
    "Dossier.from_dict.data": lambda: received().to_dict(),
    "Dossier.from_json.text": lambda: received().to_json(),
    "Dossier.extend.new_due_at": lambda: AT + timedelta(days=60),
    "Dossier.check_overdue.at": lambda: AT + timedelta(days=60),
    "Dossier.check_overdue.by": lambda: "system",
    "DossierNumbering.issue.received_at": lambda: AT,
    "DossierNumbering.agency": lambda: "000.00.00.H61",
    "DossierNumbering.sequence": lambda: None,
    "DossierNumbering.scheme": lambda: "tt01_2018",
    "DossierNumbering.platform": lambda: None,
    "MemorySequence.next_serial.key": lambda: "000.00.00.H61",
    "SqliteSequence.next_serial.key": lambda: "000.00.00.H61",
    "SqliteSequence.path": lambda: "serials.db",
    "SqliteSequence.timeout": lambda: 5.0,
    "Office.lookup_address.code": lambda: "000.00.20.H12-210315-0001",
    "Provenance.is_assumed.path": lambda: "documents",
    "Provenance.source_of.path": lambda: "channels.online.time_limit",
    "Provenance.certainty_of.path": lambda: "channels.online.time_limit",
    "Receipt.from_dossier.sets": lambda: 1,
    "Receipt.from_dossier.documents": lambda: None,
    "SupplementRequest.from_dossier.dossier": lambda: after(received(), "request_supplement"),
    "Refusal.from_dossier.dossier": lambda: after(received(), "refuse"),
    "StopNotice.from_dossier.dossier": lambda: after(received(), "start_processing", "stop"),
    "ApologyLetter.from_dossier.dossier": lambda: _extended(),  # noqa: PLW0108 - defined below
    "ControlSheet.from_dossier.at": lambda: LATER,
    "Register.from_dossiers.at": lambda: LATER,
    "render_text.slip": lambda: _receipt(),  # noqa: PLW0108 - defined below
    "render_html.slip": lambda: _receipt(),  # noqa: PLW0108 - defined below
    "classify_timeliness.records": lambda: [_record()],
    "finished_timeliness.finished_at": lambda: LATER,
    "finished_timeliness.due_at": lambda: AT + timedelta(days=3),
    "recheck.dossiers": lambda: [received()],
    "upgrade_stored.data": lambda: json.loads(OLD_DOSSIER.read_text(encoding="utf-8")),
    "format_money.amount": lambda: 15_000,
    "format_number.value": lambda: 1234.5,
    "format_percent.rate": lambda: 0.25,
    "DueChange.of.legal_due_at": lambda: None,
    "DueChange.of.due_at": lambda: None,
    "DueChange.of.was_estimated": lambda: False,
    "Queue.areas": lambda: AREAS,
    "Queue.priority_run": lambda: 2,
    "Queue.take_ticket.area": lambda: "A",
    "Queue.take_ticket.priority": lambda: Priority.NONE,
    "Queue.call_next.counter": lambda: "Quầy 1",
    "Queue.finish.number": lambda: "B-001",
    "Queue.finish.outcome": lambda: Outcome.DOSSIER,
    "Queue.finish.dossier_code": lambda: "000.00.20.H12-210315-0001",
    "Queue.no_show.number": lambda: "B-001",
    "Queue.transfer.number": lambda: "B-001",
    "Queue.transfer.to": lambda: "A",
    "Queue.ticket.number": lambda: "A-001",
    "Queue.waiting.area": lambda: "A",
    "Queue.stats.by": lambda: "area",
    "ServiceArea.letter": lambda: "C",
    "ServiceArea.name": lambda: "Chứng thực",
    "ServiceArea.counters": lambda: ("Quầy 3",),
}
"""Values only one callable takes for its parameter."""


def _stepped() -> Dossier:
    dossier = Dossier.receive(
        CATALOG.get("2.000815"),
        accepted_at=AT,
        channel=Channel.COUNTER,
        applicant=Applicant(name="An"),
        calendar=CAL,
        by="cb",
    )
    return after(dossier, "start_processing")


def _a_case() -> tuple[Any, str]:
    procedure = next(p for p in CATALOG if p.cases)
    return procedure, procedure.cases[0].key


def _extended() -> Dossier:
    dossier = after(received(), "start_processing")
    dossier.extend(at=LATER, by="x", reason="r", new_due_at=AT + timedelta(days=60))
    return dossier


def _receipt() -> Receipt:
    return Receipt.from_dossier(received(), procedure=PROC, office=OFFICE)


EXCLUDED: dict[str, str] = {
    # Records motcua builds and hands out; their constructors take what motcua gives them.
    **dict.fromkeys(
        (
            "CalendarDay",
            "CalendarIdentity",
            "ClockSnapshot",
            "DossierEvent",
            "DossierRecord",
            "DueChange",
            "DueEvent",
            "OfficeDuration",
            "Pause",
            "Phase",
            "QueueStats",
            "SearchHit",
            "StepPlan",
            "StepRecord",
            "Ticket",
            "Deadline",
            "AgencyId",
            "DossierCode",
        ),
        "a record motcua builds; its constructor is not an entry point",
    ),
    # pydantic models: building one directly raises pydantic's ValidationError, the
    # ecosystem's convention (docs/security.md, "Bad arguments").
    **dict.fromkeys(
        (
            "ApologyLetter",
            "Applicant",
            "ChannelOption",
            "ClockPolicy",
            "ControlSheet",
            "ControlSheetRow",
            "DayOff",
            "Document",
            "DocumentGroup",
            "Extension",
            "FieldSource",
            "FixedFee",
            "FreeFee",
            "LegalReference",
            "LegalSource",
            "Office",
            "OverrideRecord",
            "PageTier",
            "PerPageFee",
            "PerUnitFee",
            "Procedure",
            "ProcedureCase",
            "ProcessingTime",
            "Provenance",
            "ProvincialFee",
            "Receipt",
            "ReceiptDocument",
            "Refusal",
            "Register",
            "RegisterRow",
            "Slip",
            "Step",
            "StopNotice",
            "SupplementRequest",
            "YearSchedule",
        ),
        "a pydantic model: built directly, it raises pydantic's ValidationError",
    ),
    "Dossier": "built by Dossier.receive, submit or from_dict; the constructor is internal",
    "DossierChart": "python-statemachine's chart class, driven by Dossier only",
    "DeadlineCalendar": "a Protocol",
    "SerialSequence": "a Protocol",
    "SerialSequence.next_serial": "a Protocol's method",
    "DeadlineCalendar.is_working_day": "a Protocol's method",
    "DeadlineCalendar.day": "a Protocol's method",
    "DeadlineCalendar.non_working_days": "a Protocol's method",
    "DeadlineCalendar.special_days": "a Protocol's method",
    "WorkingCalendar": "built by WorkingCalendar.vietnam; the full constructor is swept there",
    "OfficialSchedule": "built by builtin or from_file; takes the validated years they make",
    "Lang": "a typing.Literal alias, not a callable",
    "Fee": "a typing union alias, not a callable",
    "mermaid": "takes no argument",
}
"""Public callables the sweep does not call, each with the reason."""


@dataclass(frozen=True)
class Target:
    """One public callable: its name (``Owner.method``), how to call it, its parameters."""

    name: str
    owner: str | None
    attr: str | None
    function: Callable[..., Any]
    parameters: tuple[inspect.Parameter, ...]
    bound: bool  # a method of an instance (called on a receiver)


def public_callables() -> Iterator[Target]:
    """Every public callable of the core's ``__all__`` and every public method of its classes."""
    seen: set[str] = set()
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if name in seen or name.startswith("__") or not callable(obj):
                continue
            seen.add(name)
            if not inspect.isclass(obj):
                yield _target(name, None, None, obj, bound=False)
                continue
            if issubclass(obj, enum.Enum):
                continue
            yield _target(name, name, None, obj, bound=False)
            for attr, raw, klass in _methods(obj):
                function = raw.__func__ if isinstance(raw, classmethod | staticmethod) else raw
                bound = not isinstance(raw, classmethod | staticmethod)
                callee = function if bound else getattr(obj, attr)
                del klass
                yield _target(f"{name}.{attr}", name, attr, callee, bound=bound)


def _methods(cls: type) -> Iterator[tuple[str, Any, type]]:
    done: set[str] = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("motcua"):
            continue
        for attr, raw in vars(klass).items():
            if attr.startswith("_") or attr in done:
                continue
            if isinstance(raw, classmethod | staticmethod) or inspect.isfunction(raw):
                done.add(attr)
                yield attr, raw, klass


def _target(
    name: str, owner: str | None, attr: str | None, function: Any, *, bound: bool
) -> Target:
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return Target(name, owner, attr, function, (), bound)
    parameters = tuple(
        p
        for p in signature.parameters.values()
        if p.name not in ("self", "cls") and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    )
    return Target(name, owner, attr, function, parameters, bound)


def valid_arguments(target: Target) -> dict[str, Any] | None:
    """A valid keyword for each parameter of *target*, or None if one is unknown."""
    arguments: dict[str, Any] = {}
    for parameter in target.parameters:
        make = SPECIFIC.get(f"{target.name}.{parameter.name}") or VALID.get(parameter.name)
        if make is None:
            return None
        arguments[parameter.name] = make()
    return arguments


def receiver(target: Target) -> Any:
    """A fresh object to call *target* on (None for a function or a class method)."""
    if not target.bound:
        return None
    assert target.owner is not None
    make = STATE.get(target.name) or RECEIVERS.get(target.owner)
    return None if make is None else make()


def call(target: Target, arguments: dict[str, Any], on: Any) -> Any:
    """Call *target* with *arguments* as keywords (positional-only ones in order)."""
    positional = [arguments[p.name] for p in target.parameters if p.kind is p.POSITIONAL_ONLY]
    keywords = {
        k: v
        for k, v in arguments.items()
        if k not in {p.name for p in target.parameters if p.kind is p.POSITIONAL_ONLY}
    }
    if target.bound:
        return target.function(on, *positional, **keywords)
    return target.function(*positional, **keywords)


def snapshot(obj: Any) -> Any:
    """What must not change when a call on *obj* is refused."""
    if isinstance(obj, Dossier):
        return obj.version, obj.history, obj.status, obj.to_dict()
    if isinstance(obj, Queue):
        return obj.tickets, obj.stats(), obj.stats(by="hour")
    if isinstance(obj, MemorySequence):
        return dict(obj._last)
    return None
