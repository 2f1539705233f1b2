"""motcua: Vietnam's one-stop-shop (cơ chế một cửa) handling of administrative procedures.

The public names live here; everything in a module whose name starts with ``_`` is
private. Errors and warnings are in :mod:`motcua.errors`.

Importing ``motcua`` loads nothing else: each name below is imported the first time it is
used (``from motcua import WorkingCalendar`` loads the calendar, not the slips' Jinja2 or
the dossiers' state machine), so a worker, a command or a test suite starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from motcua._sources import Certainty, LegalReference, LegalSource
    from motcua._vn import Lang, format_money, format_number, format_percent
    from motcua.calendar import (
        CalendarDay,
        CalendarIdentity,
        DayKind,
        DayOff,
        Deadline,
        EstimatePolicy,
        OfficeHours,
        OfficialSchedule,
        ProcessingTime,
        ScheduleStatus,
        TimeUnit,
        WorkingCalendar,
        YearSchedule,
    )
    from motcua.dossiers import (
        AgencyId,
        AgencyIdForm,
        Applicant,
        ClockPolicy,
        CodeScheme,
        Dossier,
        DossierAction,
        DossierChart,
        DossierCode,
        DossierEvent,
        DossierNumbering,
        DossierRecord,
        DossierStatus,
        DueEvent,
        DueEventKind,
        MemorySequence,
        OfficeDuration,
        Pause,
        SerialSequence,
        SqliteSequence,
        StepRecord,
        Timeliness,
        classify_timeliness,
    )
    from motcua.procedures import (
        Catalog,
        Channel,
        ChannelOption,
        ClockStart,
        Document,
        DocumentGroup,
        Extension,
        ExtensionKind,
        Fee,
        FieldSource,
        FixedFee,
        FreeFee,
        Level,
        OnlineLevel,
        OverrideRecord,
        PageTier,
        PerPageFee,
        PerUnitFee,
        Procedure,
        ProcedureCase,
        Provenance,
        ProvincialFee,
        SearchHit,
        Step,
    )
    from motcua.slips import (
        ApologyLetter,
        ControlSheet,
        Office,
        Receipt,
        Refusal,
        Register,
        StopNotice,
        SupplementRequest,
        render_html,
        render_text,
    )

_WHERE = {
    "AgencyId": "motcua.dossiers",
    "AgencyIdForm": "motcua.dossiers",
    "ApologyLetter": "motcua.slips",
    "Applicant": "motcua.dossiers",
    "CalendarDay": "motcua.calendar",
    "CalendarIdentity": "motcua.calendar",
    "Catalog": "motcua.procedures",
    "Certainty": "motcua._sources",
    "Channel": "motcua.procedures",
    "ChannelOption": "motcua.procedures",
    "ClockPolicy": "motcua.dossiers",
    "ClockStart": "motcua.procedures",
    "CodeScheme": "motcua.dossiers",
    "ControlSheet": "motcua.slips",
    "DayKind": "motcua.calendar",
    "DayOff": "motcua.calendar",
    "Deadline": "motcua.calendar",
    "Document": "motcua.procedures",
    "DocumentGroup": "motcua.procedures",
    "Dossier": "motcua.dossiers",
    "DossierAction": "motcua.dossiers",
    "DossierChart": "motcua.dossiers",
    "DossierCode": "motcua.dossiers",
    "DossierEvent": "motcua.dossiers",
    "DossierNumbering": "motcua.dossiers",
    "DossierRecord": "motcua.dossiers",
    "DossierStatus": "motcua.dossiers",
    "DueEvent": "motcua.dossiers",
    "DueEventKind": "motcua.dossiers",
    "EstimatePolicy": "motcua.calendar",
    "Extension": "motcua.procedures",
    "ExtensionKind": "motcua.procedures",
    "FieldSource": "motcua.procedures",
    "Fee": "motcua.procedures",
    "FixedFee": "motcua.procedures",
    "FreeFee": "motcua.procedures",
    "LegalReference": "motcua._sources",
    "LegalSource": "motcua._sources",
    "Level": "motcua.procedures",
    "MemorySequence": "motcua.dossiers",
    "Office": "motcua.slips",
    "OfficeDuration": "motcua.dossiers",
    "OfficeHours": "motcua.calendar",
    "OfficialSchedule": "motcua.calendar",
    "OnlineLevel": "motcua.procedures",
    "OverrideRecord": "motcua.procedures",
    "PageTier": "motcua.procedures",
    "Pause": "motcua.dossiers",
    "PerPageFee": "motcua.procedures",
    "PerUnitFee": "motcua.procedures",
    "Procedure": "motcua.procedures",
    "ProcedureCase": "motcua.procedures",
    "ProcessingTime": "motcua.calendar",
    "Provenance": "motcua.procedures",
    "ProvincialFee": "motcua.procedures",
    "Receipt": "motcua.slips",
    "Refusal": "motcua.slips",
    "Register": "motcua.slips",
    "ScheduleStatus": "motcua.calendar",
    "SearchHit": "motcua.procedures",
    "SerialSequence": "motcua.dossiers",
    "SqliteSequence": "motcua.dossiers",
    "Step": "motcua.procedures",
    "StepRecord": "motcua.dossiers",
    "StopNotice": "motcua.slips",
    "SupplementRequest": "motcua.slips",
    "TimeUnit": "motcua.calendar",
    "Timeliness": "motcua.dossiers",
    "WorkingCalendar": "motcua.calendar",
    "YearSchedule": "motcua.calendar",
    "classify_timeliness": "motcua.dossiers",
    "format_money": "motcua._vn",
    "Lang": "motcua._vn",
    "format_number": "motcua._vn",
    "format_percent": "motcua._vn",
    "render_html": "motcua.slips",
    "render_text": "motcua.slips",
}
"""Where each public name lives: imported on first use (PEP 562), not at start-up."""


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562) and keep it."""
    module = _WHERE.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            value = version("motcua")
        except PackageNotFoundError:  # pragma: no cover - only when run from a source tree
            value = "0.0.0+unknown"
    else:
        raise AttributeError(f"module 'motcua' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "AgencyId",
    "AgencyIdForm",
    "ApologyLetter",
    "Applicant",
    "CalendarDay",
    "CalendarIdentity",
    "Catalog",
    "Certainty",
    "Channel",
    "ChannelOption",
    "ClockPolicy",
    "ClockStart",
    "CodeScheme",
    "ControlSheet",
    "DayKind",
    "DayOff",
    "Deadline",
    "Document",
    "DocumentGroup",
    "Dossier",
    "DossierAction",
    "DossierChart",
    "DossierCode",
    "DossierEvent",
    "DossierNumbering",
    "DossierRecord",
    "DossierStatus",
    "DueEvent",
    "DueEventKind",
    "EstimatePolicy",
    "Extension",
    "ExtensionKind",
    "Fee",
    "FieldSource",
    "FixedFee",
    "FreeFee",
    "Lang",
    "LegalReference",
    "LegalSource",
    "Level",
    "MemorySequence",
    "Office",
    "OfficeDuration",
    "OfficeHours",
    "OfficialSchedule",
    "OnlineLevel",
    "OverrideRecord",
    "PageTier",
    "Pause",
    "PerPageFee",
    "PerUnitFee",
    "Procedure",
    "ProcedureCase",
    "ProcessingTime",
    "Provenance",
    "ProvincialFee",
    "Receipt",
    "Refusal",
    "Register",
    "ScheduleStatus",
    "SearchHit",
    "SerialSequence",
    "SqliteSequence",
    "Step",
    "StepRecord",
    "StopNotice",
    "SupplementRequest",
    "TimeUnit",
    "Timeliness",
    "WorkingCalendar",
    "YearSchedule",
    "__version__",
    "classify_timeliness",
    "format_money",
    "format_number",
    "format_percent",
    "render_html",
    "render_text",
]
