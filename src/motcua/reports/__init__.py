"""Reports on dossier handling and satisfaction at a one-stop centre.

The queue's names (``Queue``, ``ServiceArea``…) live in :mod:`motcua.queue`; they are
re-exported here, where they were first published, so ``from motcua.reports import Queue``
keeps working.
"""

from motcua.queue import Outcome, Priority, Queue, QueueStats, ServiceArea, Ticket
from motcua.reports._charts import plot_daily_intake, plot_on_time_by_field
from motcua.reports._report import COLUMNS, Period, Report, ReportRow, report
from motcua.reports._satisfaction import (
    DossierIndices,
    Qd766Components,
    Rating,
    SatisfactionRow,
    evaluate,
    qd766_components,
    satisfaction,
)

__all__ = [
    "COLUMNS",
    "DossierIndices",
    "Outcome",
    "Period",
    "Priority",
    "Qd766Components",
    "Queue",
    "QueueStats",
    "Rating",
    "Report",
    "ReportRow",
    "SatisfactionRow",
    "ServiceArea",
    "Ticket",
    "evaluate",
    "plot_daily_intake",
    "plot_on_time_by_field",
    "qd766_components",
    "report",
    "satisfaction",
]
