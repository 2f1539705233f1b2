"""Time rules written once (motcua._time): the zone, the aware-datetime check, the clock."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path
from typing import TypeGuard

import pytest
from sqlalchemy.dialects import sqlite

import motcua
from helpers import vn
from motcua import (
    Channel,
    DossierNumbering,
    DossierRecord,
    DossierStatus,
    ProcessingTime,
    WorkingCalendar,
)
from motcua._time import VIETNAM_TZ, require_aware, us_of_day
from motcua.errors import ArgumentTypeError, NaiveDatetimeError
from motcua.reports import Queue, ServiceArea
from motcua.store import AwareDateTime

NAIVE = datetime(2026, 3, 2, 9, 0)  # noqa: DTZ001 - the value every entry point refuses
SRC = Path(motcua.__file__).parent


def _record() -> DossierRecord:
    at = vn(2026, 3, 2, 9)
    return DossierRecord(
        code="X-1",
        procedure="1.004873",
        field="Hộ tịch",
        agency="UBND xã",
        channel=Channel.COUNTER,
        status=DossierStatus.PROCESSING,
        accepted_at=at,
        legal_due_at=at,
        finished_at=None,
        closed_at=None,
        late_step=False,
        changed_at=at,
    )


def _queue_ticket(at: object) -> object:
    queue = Queue([ServiceArea("B", "Hộ tịch", ("Quầy 3",))])
    return queue.take_ticket("B", at=at)  # type: ignore[arg-type]


def _due(value: object) -> object:
    return WorkingCalendar.vietnam().due_at(value, ProcessingTime.working_days(1))  # type: ignore[arg-type]


def _code(value: object) -> object:
    return DossierNumbering("000.00.20.H12").issue(value)  # type: ignore[arg-type]


def _finished(value: object) -> object:
    return dataclasses.replace(_record(), finished_at=value)  # type: ignore[arg-type]


def _column(value: object) -> object:
    return AwareDateTime().process_bind_param(value, sqlite.dialect())


# Every kind of entry point that takes a moment, and the name its message gives the value.
ENTRY_POINTS: list[tuple[str, Callable[[object], object]]] = [
    ("start", _due),
    ("received_at", _code),
    ("at", _queue_ticket),
    ("DossierRecord(X-1).finished_at", _finished),
    ("a value for an AwareDateTime column", _column),
]


@pytest.mark.parametrize(
    ("name", "call"), ENTRY_POINTS, ids=["calendar", "numbering", "queue", "record", "store"]
)
def test_every_entry_point_refuses_a_naive_moment_in_the_same_words(
    name: str, call: Callable[[object], object]
) -> None:
    with pytest.raises(NaiveDatetimeError) as naive:
        call(NAIVE)
    assert str(naive.value) == str(NaiveDatetimeError(name, NAIVE))
    assert str(naive.value).startswith(f"{name}=datetime.datetime(2026, 3, 2, 9, 0) is a naive")
    with pytest.raises(ArgumentTypeError) as wrong:
        call("2026-03-02 09:00")
    assert str(wrong.value) == (
        f"{name} must be a timezone-aware datetime, got str '2026-03-02 09:00'"
    )


def test_require_aware_passes_an_aware_moment_through() -> None:
    moment = vn(2026, 3, 2, 9)
    assert require_aware(moment, "at") is moment


def _builds_the_zone(node: ast.AST) -> TypeGuard[ast.Call]:
    """A call ``ZoneInfo("Asia/Ho_Chi_Minh")`` (or ``zoneinfo.ZoneInfo(...)``)."""
    if not isinstance(node, ast.Call) or not node.args:
        return False
    name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
    argument = node.args[0]
    return name == "ZoneInfo" and getattr(argument, "value", None) == "Asia/Ho_Chi_Minh"


def test_the_vietnamese_zone_is_built_in_one_place() -> None:
    places = [
        f"{path.relative_to(SRC)}:{node.lineno}"
        for path in sorted(SRC.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if _builds_the_zone(node)
    ]
    assert places == ["_time.py:16"]  # docstring examples are text, not calls
    assert WorkingCalendar.vietnam().timezone is VIETNAM_TZ


def test_microseconds_of_the_day_read_a_time_or_a_datetime_alike() -> None:
    assert us_of_day(time(0)) == 0
    assert us_of_day(time(23, 59, 59, 999_999)) == 86_400_000_000 - 1
    assert us_of_day(vn(2026, 3, 2, 8, 30)) == us_of_day(time(8, 30)) == 30_600_000_000
