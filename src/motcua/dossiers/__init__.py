"""Dossiers (hồ sơ): the lifecycle statechart, the clock that knows the calendar, history."""

from motcua.dossiers._bulk import classify_timeliness
from motcua.dossiers._chart import DossierChart
from motcua.dossiers._codes import (
    AgencyId,
    AgencyIdForm,
    CodeScheme,
    DossierCode,
    DossierNumbering,
    MemorySequence,
    SerialSequence,
    SqliteSequence,
)
from motcua.dossiers._dossier import (
    Applicant,
    ClockFields,
    ClockPolicy,
    Dossier,
    DossierEvent,
    DueEvent,
    DueEventKind,
    Pause,
    StepRecord,
)
from motcua.dossiers._status import DossierStatus, OfficeDuration, Timeliness

__all__ = [
    "AgencyId",
    "AgencyIdForm",
    "Applicant",
    "ClockFields",
    "ClockPolicy",
    "CodeScheme",
    "Dossier",
    "DossierChart",
    "DossierCode",
    "DossierEvent",
    "DossierNumbering",
    "DossierStatus",
    "DueEvent",
    "DueEventKind",
    "MemorySequence",
    "OfficeDuration",
    "Pause",
    "SerialSequence",
    "SqliteSequence",
    "StepRecord",
    "Timeliness",
    "classify_timeliness",
]
