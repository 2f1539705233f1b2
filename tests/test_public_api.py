"""The public surface is exactly what is documented."""

from __future__ import annotations

import importlib
import inspect
import re
import types

import pytest

import motcua
import motcua.errors


def test_public_names_are_pinned() -> None:
    assert motcua.__all__ == sorted(motcua.__all__)
    assert set(motcua.__all__) == {
        # calendar
        "CalendarDay",
        "CalendarIdentity",
        "DayKind",
        "DayOff",
        "Deadline",
        "EstimatePolicy",
        "OfficeHours",
        "OfficialSchedule",
        "ProcessingTime",
        "ScheduleStatus",
        "TimeUnit",
        "WorkingCalendar",
        "YearSchedule",
        # sources
        "Certainty",
        "LegalReference",
        "LegalSource",
        # procedures
        "Catalog",
        "Channel",
        "ChannelOption",
        "ClockStart",
        "Document",
        "DocumentGroup",
        "Extension",
        "ExtensionKind",
        "Fee",
        "FieldSource",
        "FixedFee",
        "FreeFee",
        "Level",
        "OnlineLevel",
        "OverrideRecord",
        "PageTier",
        "PerPageFee",
        "PerUnitFee",
        "Procedure",
        "ProcedureCase",
        "Provenance",
        "ProvincialFee",
        "SearchHit",
        "Step",
        # dossiers
        "Applicant",
        "ClockPolicy",
        "Dossier",
        "DossierAction",
        "DossierChart",
        "DossierEvent",
        "DossierRecord",
        "DossierStatus",
        "DueEvent",
        "DueEventKind",
        "OfficeDuration",
        "Pause",
        "StepRecord",
        "Timeliness",
        "classify_timeliness",
        "AgencyId",
        "AgencyIdForm",
        "CodeScheme",
        "DossierCode",
        "DossierNumbering",
        "MemorySequence",
        "SerialSequence",
        "SqliteSequence",
        # slips
        "ApologyLetter",
        "ControlSheet",
        "Office",
        "Receipt",
        "Refusal",
        "Register",
        "StopNotice",
        "SupplementRequest",
        "render_html",
        "render_text",
        # formats
        "Lang",
        "format_money",
        "format_number",
        "format_percent",
        "__version__",
    }
    assert motcua.__version__ != "0.0.0+unknown"


def test_every_error_descends_from_the_root_and_a_builtin() -> None:
    errors = [
        obj
        for name, obj in vars(motcua.errors).items()
        if inspect.isclass(obj) and issubclass(obj, Exception) and name in motcua.errors.__all__
    ]
    for error in errors:
        if issubclass(error, Warning):
            assert issubclass(error, motcua.errors.MotcuaWarning)
            continue
        assert issubclass(error, motcua.errors.MotcuaError)
        if error not in (
            motcua.errors.MotcuaError,
            motcua.errors.CalendarError,
            motcua.errors.ProcedureError,
            motcua.errors.DossierError,
            motcua.errors.StoreError,
        ):
            builtin_bases = {ValueError, LookupError, TypeError, ImportError, RuntimeError}
            assert builtin_bases & set(error.__mro__), error
    assert sorted(motcua.errors.__all__) == motcua.errors.__all__


def _drawn_tree() -> dict[str, tuple[str | None, str, str]]:
    """The tree of motcua.errors' docstring: name → (parent, builtin column, its text)."""
    block = (motcua.errors.__doc__ or "").split("The tree::\n", 1)[1]
    entries: dict[str, tuple[str | None, str, str]] = {}
    branch: list[str] = []  # the open entry at each depth
    for line in block.splitlines():
        root = re.fullmatch(r"    (\w+)(?: \((\w+)\))?", line)
        child = re.fullmatch(r"    ((?:│   |    )*)[├└]── (\w+) *(?:\((\w+)\))? *(.*)", line)
        if root:
            name, column, text, depth = root[1], root[2] or "", "", 0
        elif child:
            name, column, text = child[2], child[3] or "", child[4]
            depth = len(child[1]) // 4 + 1
        else:
            if line.strip(" │"):  # the entry above goes on
                parent, column, text = entries[branch[-1]]
                entries[branch[-1]] = (parent, column, f"{text} {line.strip(' │')}")
            continue
        assert name not in entries, f"{name} is drawn twice"
        del branch[depth:]
        entries[name] = (branch[-1] if branch else None, column, text)
        branch.append(name)
    return entries


def test_the_error_tree_is_drawn_as_the_classes_are() -> None:
    drawn = _drawn_tree()
    assert set(drawn) == set(motcua.errors.__all__)
    builtins = {ValueError, LookupError, KeyError, TypeError, ImportError, RuntimeError}
    for name, (parent, column, text) in drawn.items():
        error = getattr(motcua.errors, name)
        first, *others = error.__bases__
        if parent is None:  # a root: MotcuaError, MotcuaWarning (UserWarning)
            assert first is (UserWarning if column else Exception), name
            continue
        assert first is getattr(motcua.errors, parent), f"{name} is drawn under {parent}"
        # The builtin it resembles is in the column; a second motcua base is marked "+ Name".
        assert {b.__name__ for b in others if b in builtins or b is UserWarning} == (
            {column} if column else set()
        ), name
        kept = {b.__name__ for b in others if b.__module__ == "motcua.errors"}
        assert kept == set(re.findall(r"\+ (\w+)", text)), name


def test_moved_errors_are_still_caught_where_they_were_filed() -> None:
    e = motcua.errors
    for queue_error in (
        e.UnknownAreaError("C", areas=("A", "B")),
        e.UnknownCounterError("Quầy 9", counters=("Quầy 1",)),
        e.UnknownTicketError("B-099"),
        e.TicketStateError("waiting", number="B-001", action="finish", state="waiting"),
        e.QueueInputError("before", argument="at", value=None),
    ):
        assert isinstance(queue_error, e.QueueError)
        assert isinstance(queue_error, e.ReportError)  # where the queue's errors were filed
        assert isinstance(queue_error, ValueError)
    assert not issubclass(e.QueueError, e.ReportError)
    slip = e.SlipStateError(form="04", code="X", status="received", problem="no extension")
    assert isinstance(slip, e.SlipError)
    assert isinstance(slip, e.DossierError)  # where slip errors were filed
    assert not issubclass(e.SlipError, e.DossierError)


def test_public_callables_have_docstrings() -> None:
    for name in motcua.__all__:
        obj = getattr(motcua, name)
        if inspect.isclass(obj) and obj.__module__.startswith("motcua"):
            assert obj.__doc__, name
            # WorkingCalendar is put together from parts: their methods are its own too.
            for part in obj.__mro__:
                if not part.__module__.startswith("motcua"):
                    continue
                for attr, member in vars(part).items():
                    if not attr.startswith("_") and inspect.isfunction(member):
                        assert member.__doc__, f"{name}.{attr}"


def test_the_working_calendar_keeps_its_whole_api() -> None:
    public = {name for name in dir(motcua.WorkingCalendar) if not name.startswith("_")}
    assert public == {
        "add_office_time",
        "add_working_days",
        "add_working_days_array",
        "announced_years",
        "count_working_days",
        "count_working_days_array",
        "day",
        "days_off",
        "due_at",
        "estimates",
        "first_date",
        "identity",
        "is_office_hours",
        "is_receiving",
        "is_valid_appointment",
        "is_working_day",
        "last_date",
        "makeup_days",
        "next_office_time",
        "non_working_days",
        "office_hours",
        "office_time_between",
        "reception_hours",
        "schedule_status",
        "special_days",
        "timezone",
        "unannounced_years",
        "vietnam",
    }


PACKAGES = (
    "calendar",
    "procedures",
    "dossiers",
    "slips",
    "reports",
    "queue",
    "store",
    "sync",
    "api",
    "audit",
    "cli",
    "golden",
    "errors",
)
CORE = ("calendar", "procedures", "dossiers", "slips")
EDGES = ("reports", "queue", "store", "sync", "api", "audit", "cli", "golden")


@pytest.mark.parametrize("name", ["motcua", *(f"motcua.{p}" for p in PACKAGES)])
def test_every_package_s_all_is_its_public_namespace(name: str) -> None:
    module = importlib.import_module(name)
    public = set(module.__all__)
    assert all(hasattr(module, n) for n in public), sorted(
        n for n in public if not hasattr(module, n)
    )
    leaked = {
        n
        for n in vars(module)
        if not n.startswith("_")
        and n not in public
        and not isinstance(vars(module)[n], types.ModuleType)
        and (getattr(vars(module)[n], "__module__", None) or "").startswith("motcua")
    }
    assert leaked == set(), f"{name} exposes {sorted(leaked)} outside __all__"


def test_the_top_level_is_the_core_and_nothing_else() -> None:
    # The rule (docs/design.md): calendar, procedures, dossiers and the slips a desk prints
    # from the top; the edges (reports, queue, store, sync, api, audit, cli, golden) and the
    # errors only from their package; plus the sources and formats the core's answers use.
    stray = [
        n
        for n in dir(motcua)
        if not n.startswith("_")
        and n not in motcua.__all__
        and not isinstance(getattr(motcua, n), types.ModuleType)  # an imported subpackage
    ]
    assert stray == []
    core = set().union(*(importlib.import_module(f"motcua.{p}").__all__ for p in CORE))
    shared = {
        "Certainty",
        "LegalReference",
        "LegalSource",
        "Lang",
        "format_money",
        "format_number",
        "format_percent",
        "__version__",
    }
    assert set(motcua.__all__) <= core | shared
    for edge in EDGES:
        names = set(importlib.import_module(f"motcua.{edge}").__all__)
        assert not names & set(motcua.__all__) - core, edge
