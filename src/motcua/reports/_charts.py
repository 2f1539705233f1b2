"""Charts of a centre's week (optional: ``pip install 'motcua[plot]'`` for matplotlib)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

from motcua.dossiers import Dossier, DossierRecord
from motcua.errors import ArgumentTypeError, MissingDependencyError, ReportError
from motcua.reports._report import _CHANNELS, _LABELS, Period, Report, _local_date

__all__ = ["MAX_PLOT_DAYS", "plot_daily_intake", "plot_on_time_by_field"]

MAX_PLOT_DAYS = 366
"""The most days :func:`plot_daily_intake` draws (one bar each): a year."""


def _pyplot() -> Any:
    try:
        import matplotlib  # noqa: PLC0415 - optional, imported on first use

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt  # noqa: PLC0415
    except ImportError as exc:
        raise MissingDependencyError(feature="charts", package="matplotlib", extra="plot") from exc
    return plt


def plot_on_time_by_field(report: Report, path: str | Path) -> Path:
    """A bar chart of the on-time rate of each group of *report* (PNG or SVG by suffix).

    Raises:
        ArgumentTypeError: *report* is not a Report, or *path* not a path with a format
            matplotlib writes.
        ReportError: The file cannot be written.
    """
    if not isinstance(report, Report):
        raise ArgumentTypeError("report", report, expected="a Report")
    out = _checked_path(path)
    plt = _pyplot()
    rows = [r for r in report.rows if r.on_time_rate is not None]
    fig, ax = plt.subplots(figsize=(8, 0.5 + 0.45 * max(len(rows), 1)))
    ax.barh([r.group for r in rows], [100 * (r.on_time_rate or 0) for r in rows], color="#2b6cb0")
    ax.set_xlim(0, 100)
    ax.set_xlabel("Tỷ lệ giải quyết đúng hạn (%)")
    ax.set_title(f"Tỷ lệ đúng hạn theo lĩnh vực, {report.period}")
    for y, row in enumerate(rows):
        ax.text(
            100 * (row.on_time_rate or 0) + 1,
            y,
            f"{row.resolved_early + row.resolved_on_time}/{row.resolved}",
            va="center",
        )
    fig.tight_layout()
    _save(plt, fig, out)
    return out


def plot_daily_intake(
    dossiers: Iterable[Dossier | DossierRecord], period: Period, path: str | Path
) -> Path:
    """Dossiers received each day of *period*, stacked by channel.

    Raises:
        ArgumentTypeError: *period* is not a Period, an item is not a Dossier or
            DossierRecord, or *path* not a path with a format matplotlib writes.
        ReportError: The period is longer than :data:`MAX_PLOT_DAYS`, or the file cannot
            be written.
    """
    if not isinstance(period, Period):
        raise ArgumentTypeError("period", period, expected="a Period")
    length = (period.last - period.first).days + 1
    if length > MAX_PLOT_DAYS:
        raise ReportError(
            f"the period {period} has {length:,} days; a daily chart draws at most "
            f"{MAX_PLOT_DAYS} (one bar a day): plot a year or less at a time"
        )
    out = _checked_path(path)
    if isinstance(dossiers, str | bytes) or not isinstance(dossiers, Iterable):
        raise ArgumentTypeError("dossiers", dossiers, expected="Dossier or DossierRecord items")
    plt = _pyplot()
    days = [period.first + timedelta(days=i) for i in range((period.last - period.first).days + 1)]
    counts = {c: dict.fromkeys(days, 0) for c in _CHANNELS}
    for item in dossiers:
        if not isinstance(item, Dossier | DossierRecord):
            raise ArgumentTypeError("dossiers", item, expected="Dossier or DossierRecord items")
        record = item if isinstance(item, DossierRecord) else item.record()
        if record.accepted_at is None:
            continue
        day = _local_date(record.accepted_at)
        if day in counts[record.channel]:
            counts[record.channel][day] += 1
    labels = [f"{d:%d/%m}" for d in days]
    fig, ax = plt.subplots(figsize=(max(6, 0.6 * len(days)), 4))
    bottom = [0] * len(days)
    for channel, per_day in counts.items():
        values = [per_day[d] for d in days]
        ax.bar(labels, values, bottom=bottom, label=_LABELS[f"received_{channel}"])
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("Hồ sơ tiếp nhận")
    ax.set_title(f"Hồ sơ tiếp nhận theo ngày, {period}")
    ax.legend()
    fig.tight_layout()
    _save(plt, fig, out)
    return out


def _checked_path(path: object) -> Path:
    """*path* as a Path, or the error saying what a chart is written to."""
    if not isinstance(path, str | Path) or not str(path):
        raise ArgumentTypeError("path", path, expected="a file path ending .png, .svg or .pdf")
    return Path(path)


def _save(plt: Any, fig: Any, out: Path) -> None:
    """Write *fig* to *out*; what matplotlib refuses is the motcua error naming the file."""
    try:
        fig.savefig(out)
    except ValueError as exc:  # an unknown format
        raise ArgumentTypeError(
            "path", str(out), expected=f"a file path ending .png, .svg or .pdf ({exc})"
        ) from None
    except OSError as exc:
        raise ReportError(
            f"cannot write the chart to {str(out)[:200]}: {exc.strerror or type(exc).__name__}"
        ) from None
    finally:
        plt.close(fig)
