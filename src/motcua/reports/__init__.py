"""Reports on dossier handling, satisfaction, and the queue of a one-stop centre."""

from motcua.reports._report import COLUMNS, Period, Report, ReportRecord, ReportRow, report

__all__ = ["COLUMNS", "Period", "Report", "ReportRecord", "ReportRow", "report"]
