"""motcua: Vietnam's one-stop-shop (cơ chế một cửa) handling of administrative procedures.

The public names live here; everything in a module whose name starts with ``_`` is
private. Errors and warnings are in :mod:`motcua.errors`.
"""

from importlib.metadata import PackageNotFoundError, version

from motcua._sources import Certainty, LegalReference, LegalSource
from motcua.calendar import (
    CalendarDay,
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
    Applicant,
    ClockFields,
    ClockPolicy,
    Dossier,
    DossierChart,
    DossierEvent,
    DossierStatus,
    DueEvent,
    DueEventKind,
    OfficeDuration,
    Pause,
    StepRecord,
    Timeliness,
    classify_timeliness,
)
from motcua.procedures import (
    Catalog,
    Channel,
    ChannelOption,
    Document,
    DocumentGroup,
    Extension,
    Fee,
    FixedFee,
    FreeFee,
    Level,
    OnlineLevel,
    OverrideRecord,
    PageTier,
    PerPageFee,
    PerUnitFee,
    Procedure,
    Provenance,
    ProvincialFee,
    SearchHit,
    Step,
)

try:
    __version__ = version("motcua")
except PackageNotFoundError:  # pragma: no cover - only when run from a source tree
    __version__ = "0.0.0+unknown"

__all__ = [
    "Applicant",
    "CalendarDay",
    "Catalog",
    "Certainty",
    "Channel",
    "ChannelOption",
    "ClockFields",
    "ClockPolicy",
    "DayKind",
    "DayOff",
    "Deadline",
    "Document",
    "DocumentGroup",
    "Dossier",
    "DossierChart",
    "DossierEvent",
    "DossierStatus",
    "DueEvent",
    "DueEventKind",
    "EstimatePolicy",
    "Extension",
    "Fee",
    "FixedFee",
    "FreeFee",
    "LegalReference",
    "LegalSource",
    "Level",
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
    "ProcessingTime",
    "Provenance",
    "ProvincialFee",
    "ScheduleStatus",
    "SearchHit",
    "Step",
    "StepRecord",
    "TimeUnit",
    "Timeliness",
    "WorkingCalendar",
    "YearSchedule",
    "__version__",
    "classify_timeliness",
]
