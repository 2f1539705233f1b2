"""The report's counting rules, written once as data: Python and SQL are both made from them.

A report puts each dossier, as it stood at the report's moment, in one *source* column
(carried over, or received by channel) and one *outcome* column (resolved early / on time
/ late, in progress, paused, stopped, withdrawn), plus ``refused`` for refusals. The rules
below say which, as small conditions over the as-of record's fields:

* Python: :func:`python_rule` turns them into one plain function (generated source,
  compiled once), so :func:`motcua.reports.report` counts a million records in about a
  second;
* SQL: ``motcua.store`` turns the same conditions into ``CASE`` expressions, so a report
  taken in the database counts exactly as the Python one does.

The fields a condition reads: ``status`` (a :class:`motcua.DossierStatus` value),
``accepted_at``, ``finished_at``, ``closed_at``, ``legal_due_at`` (each ``None`` when not
yet set at the moment), ``late_step`` (bool), ``channel``; ``moment`` (the report's
moment) and ``first`` (the first day of the period, a date).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from motcua._time import VIETNAM_TZ
from motcua.dossiers import DossierStatus

__all__ = [
    "COUNTED",
    "OUTCOMES",
    "REFUSED",
    "SOURCES",
    "After",
    "AllOf",
    "AnyOf",
    "Condition",
    "DayBefore",
    "Flag",
    "IsSet",
    "Not",
    "StatusIs",
    "python_rule",
]


class Condition:
    """A condition over the as-of record; subclasses are the few shapes the rules use."""

    def py(self) -> str:
        """The condition as a Python expression over ``r`` (the record) and ``m``, ``f``."""
        raise NotImplementedError


@dataclass(frozen=True)
class IsSet(Condition):
    """The field is set (not None)."""

    field: str

    def py(self) -> str:
        return f"(r.{self.field} is not None)"


@dataclass(frozen=True)
class Flag(Condition):
    """A boolean field is true."""

    field: str

    def py(self) -> str:
        return f"bool(r.{self.field})"


@dataclass(frozen=True)
class StatusIs(Condition):
    """The status is one of these."""

    statuses: tuple[DossierStatus, ...]

    def py(self) -> str:
        return f"(r.status in {tuple(str(s.value) for s in self.statuses)!r})"


@dataclass(frozen=True)
class After(Condition):
    """Field *a* is later than field *b* (``"moment"`` is the report's moment); both set."""

    a: str
    b: str

    def py(self) -> str:
        return f"({_py_value(self.a)} is not None and {_py_value(self.b)} is not None and {_py_value(self.a)} > {_py_value(self.b)})"  # noqa: E501


@dataclass(frozen=True)
class DayBefore(Condition):
    """Field *a*'s day in Hà Nội is before field *b*'s (``"first"``: the period's first day)."""

    a: str
    b: str

    def py(self) -> str:
        return f"({_py_day(self.a)} < {_py_day(self.b)})"


@dataclass(frozen=True)
class AllOf(Condition):
    """Every condition holds."""

    parts: tuple[Condition, ...]

    def py(self) -> str:
        return "(" + " and ".join(p.py() for p in self.parts) + ")"


@dataclass(frozen=True)
class AnyOf(Condition):
    """At least one condition holds."""

    parts: tuple[Condition, ...]

    def py(self) -> str:
        return "(" + " or ".join(p.py() for p in self.parts) + ")"


@dataclass(frozen=True)
class Not(Condition):
    """The condition does not hold."""

    part: Condition

    def py(self) -> str:
        return f"(not {self.part.py()})"


def _py_value(name: str) -> str:
    return "m" if name == "moment" else f"r.{name}"


def _py_day(name: str) -> str:
    return "f" if name == "first" else f"r.{name}.astimezone(VN).date()"


_S = DossierStatus
_FINISHED = IsSet("finished_at")
_DUE = IsSet("legal_due_at")
_CLOSED = IsSet("closed_at")

OUTCOMES: tuple[tuple[str, Condition | None], ...] = (
    # Decided (result ready, or refused after appraisal), judged against the legal limit;
    # a late step makes it late (a policy). TT 01/2018/TT-VPCP Điều 13.
    (
        "resolved_late",
        AllOf((_FINISHED, AnyOf((Flag("late_step"), After("finished_at", "legal_due_at"))))),
    ),
    ("resolved_early", AllOf((_FINISHED, _DUE, DayBefore("finished_at", "legal_due_at")))),
    ("resolved_on_time", _FINISHED),
    ("stopped", AllOf((StatusIs((_S.STOPPED,)), IsSet("closed_at")))),
    ("withdrawn", AllOf((StatusIs((_S.WITHDRAWN,)), IsSet("closed_at")))),
    ("paused_supplement", StatusIs((_S.AWAITING_SUPPLEMENT,))),
    ("paused_payment", StatusIs((_S.AWAITING_PAYMENT,))),
    ("in_progress_overdue", After("moment", "legal_due_at")),
    ("in_progress_within", None),
)
"""The outcome columns, first match wins (``None``: otherwise)."""

REFUSED = AllOf((_FINISHED, StatusIs((_S.REFUSED,))))
"""When a resolved dossier also counts in ``refused``."""

SOURCES: tuple[tuple[str, Condition | None], ...] = (
    ("carried_over", DayBefore("accepted_at", "first")),
    ("received_counter", None),  # by channel: received_<channel>
)
"""Carried over (accepted before the period), else received on its channel."""

COUNTED = AllOf(
    (
        IsSet("accepted_at"),
        Not(
            AllOf(
                (
                    DayBefore("accepted_at", "first"),
                    AnyOf(
                        (
                            AllOf((_FINISHED, DayBefore("finished_at", "first"))),
                            AllOf((Not(_FINISHED), _CLOSED, DayBefore("closed_at", "first"))),
                        )
                    ),
                )
            )
        ),
    )
)
"""Which dossiers a report counts: accepted, and not finished or closed before the period."""


def python_rule() -> Callable[[Any, Any, Any], tuple[str, str, bool] | None]:
    """One function ``(record, moment, first) -> (source, outcome, refused) | None``.

    ``None`` when the report does not count the record (:data:`COUNTED`). The function's
    source is generated from :data:`COUNTED`, :data:`SOURCES`, :data:`OUTCOMES` and
    :data:`REFUSED` and compiled once: as fast as the same rules written by hand.
    """
    carried = SOURCES[0][1]
    assert carried is not None
    lines = [
        "def rule(r, m, f):",
        f"    if not {COUNTED.py()}:",
        "        return None",
        f"    source = 'carried_over' if {carried.py()} else 'received_' + r.channel",
    ]
    for position, (column, condition) in enumerate(OUTCOMES):
        if condition is None:
            lines += ["    else:", f"        outcome = {column!r}"]
        else:
            keyword = "if" if position == 0 else "elif"
            lines += [f"    {keyword} {condition.py()}:", f"        outcome = {column!r}"]
    lines.append(f"    return source, outcome, {REFUSED.py()}")
    namespace: dict[str, Any] = {"VN": VIETNAM_TZ}
    exec(compile("\n".join(lines), "<motcua report rules>", "exec"), namespace)
    rule: Callable[[Any, Any, Any], tuple[str, str, bool] | None] = namespace["rule"]
    return rule
