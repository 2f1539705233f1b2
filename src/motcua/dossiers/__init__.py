"""Dossiers (hồ sơ): the lifecycle statechart, the clock that knows the calendar, history."""

from motcua.dossiers._actions import DossierAction, PauseKind
from motcua.dossiers._clock import StepPlan
from motcua.dossiers._codec import FORMAT
from motcua.dossiers._codes import (
    AgencyId,
    AgencyIdForm,
    CodeScheme,
    DossierCode,
    DossierNumbering,
)
from motcua.dossiers._dossier import Dossier
from motcua.dossiers._policy import ClockPolicy
from motcua.dossiers._projection import DossierRecord, classify_timeliness
from motcua.dossiers._recheck import DueChange, recheck
from motcua.dossiers._records import (
    Applicant,
    ClockSnapshot,
    DossierEvent,
    DueEvent,
    DueEventKind,
    Pause,
    StepRecord,
)
from motcua.dossiers._sequences import MemorySequence, SerialSequence, SqliteSequence
from motcua.dossiers._statechart import DossierChart, mermaid
from motcua.dossiers._status import DossierStatus, OfficeDuration, Timeliness
from motcua.dossiers._timeliness import Phase, finished_timeliness
from motcua.dossiers._upgrade import upgrade_stored

__all__ = [
    "FORMAT",
    "AgencyId",
    "AgencyIdForm",
    "Applicant",
    "ClockPolicy",
    "ClockSnapshot",
    "CodeScheme",
    "Dossier",
    "DossierAction",
    "DossierChart",
    "DossierCode",
    "DossierEvent",
    "DossierNumbering",
    "DossierRecord",
    "DossierStatus",
    "DueChange",
    "DueEvent",
    "DueEventKind",
    "MemorySequence",
    "OfficeDuration",
    "Pause",
    "PauseKind",
    "Phase",
    "SerialSequence",
    "SqliteSequence",
    "StepPlan",
    "StepRecord",
    "Timeliness",
    "classify_timeliness",
    "finished_timeliness",
    "mermaid",
    "recheck",
    "upgrade_stored",
]
