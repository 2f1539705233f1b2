"""The public surface is exactly what is documented."""

from __future__ import annotations

import inspect

import motcua
import motcua.errors


def test_public_names_are_pinned() -> None:
    assert motcua.__all__ == sorted(motcua.__all__)
    assert set(motcua.__all__) == {
        # calendar
        "CalendarDay", "CalendarIdentity", "DayKind", "DayOff", "Deadline", "EstimatePolicy",
        "OfficeHours", "OfficialSchedule", "ProcessingTime", "ScheduleStatus", "TimeUnit",
        "WorkingCalendar", "YearSchedule",
        # sources
        "Certainty", "LegalReference", "LegalSource",
        # procedures
        "Catalog", "Channel", "ChannelOption", "ClockStart", "Document", "DocumentGroup",
        "Extension", "ExtensionKind", "Fee", "FieldSource", "FixedFee", "FreeFee", "Level",
        "OnlineLevel", "OverrideRecord",
        "PageTier", "PerPageFee", "PerUnitFee", "Procedure", "ProcedureCase", "Provenance",
        "ProvincialFee", "SearchHit", "Step",
        # dossiers
        "Applicant", "ClockPolicy", "Dossier", "DossierAction", "DossierChart", "DossierEvent",
        "DossierRecord", "DossierStatus", "DueEvent", "DueEventKind", "OfficeDuration", "Pause",
        "StepRecord",
        "Timeliness", "classify_timeliness", "AgencyId", "AgencyIdForm", "CodeScheme",
        "DossierCode", "DossierNumbering", "MemorySequence", "SerialSequence", "SqliteSequence",
        # slips
        "ApologyLetter", "ControlSheet", "Office", "Receipt", "Refusal", "Register", "StopNotice",
        "SupplementRequest", "render_html", "render_text",
        # formats
        "Lang", "format_money", "format_number", "format_percent",
        "__version__",
    }  # fmt: skip
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


def test_the_error_tree_in_the_docstring_names_every_error() -> None:
    doc = motcua.errors.__doc__ or ""
    for name in motcua.errors.__all__:
        assert name in doc, name


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
