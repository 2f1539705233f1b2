"""Dossiers (hồ sơ): the lifecycle statechart, the clock that knows the calendar, history."""

from motcua.dossiers._bulk import classify_timeliness
from motcua.dossiers._chart import DossierChart
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
    "Applicant",
    "ClockFields",
    "ClockPolicy",
    "Dossier",
    "DossierChart",
    "DossierEvent",
    "DossierStatus",
    "DueEvent",
    "DueEventKind",
    "OfficeDuration",
    "Pause",
    "StepRecord",
    "Timeliness",
    "classify_timeliness",
]
