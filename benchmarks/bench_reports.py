"""A report over 1,000,000 stored dossiers (their DossierRecord projections), no dossier.

Run with ``make bench``. Target: under 3 s on the project's machine.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from motcua import Channel, DossierRecord, DossierStatus
from motcua.dossiers import Phase
from motcua.reports import Period, report

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FIELDS = ["Hộ tịch", "Chứng thực", "Đất đai", "Cư trú", "Hộ kinh doanh", "Xây dựng"]
CHANNELS = list(Channel)


def records(n: int) -> list[DossierRecord]:
    """Records with a timeline: received, then (for some) finished, possibly after 31/3."""
    rng = random.Random(2026)
    start = datetime(2026, 2, 23, 8, 0, tzinfo=VN)
    statuses = list(DossierStatus)
    out = []
    for i in range(n):
        accepted = start + timedelta(minutes=rng.randrange(0, 30 * 24 * 60))
        due = accepted + timedelta(days=rng.randrange(0, 10))
        status = rng.choice(statuses)
        finished = (
            accepted + timedelta(hours=rng.randrange(1, 300))
            if status in (DossierStatus.RESULT_READY, DossierStatus.RETURNED)
            else None
        )
        received = Phase(accepted, 1, DossierStatus.RECEIVED, False, due, due, False, None)
        timeline: tuple[Phase, ...] = (received,)
        if finished is not None:
            timeline = (received, Phase(finished, 2, status, False, due, due, False, None))
        out.append(
            DossierRecord(
                code=f"D{i}",
                procedure="1.004873",
                field=rng.choice(FIELDS),
                agency="UBND xã",
                channel=rng.choice(CHANNELS),
                status=status,
                accepted_at=accepted,
                legal_due_at=due,
                finished_at=finished,
                closed_at=None,
                late_step=False,
                changed_at=timeline[-1].since,
                timeline=timeline,
            )
        )
    return out


class PlainRecord(NamedTuple):
    """What a user would otherwise build: the same columns, unchecked."""

    code: str
    procedure: str
    field: str
    agency: str
    channel: Channel
    status: DossierStatus
    accepted_at: datetime | None
    legal_due_at: datetime | None
    finished_at: datetime | None
    closed_at: datetime | None
    late_step: bool
    changed_at: datetime


def building(n: int) -> None:
    """1M records built from columns, with the collector on, as a caller builds them.

    ``DossierRecord.many(rows)`` (the documented way to build many) from a generator of
    row tuples; the constructor in the caller's own list comprehension; an unchecked
    NamedTuple of the same columns in the same comprehension.
    """
    start = datetime(2026, 3, 2, 8, 0, tzinfo=VN)
    moments = [start + timedelta(minutes=i % 40_000) for i in range(n)]
    columns = ("1.004873", "Hộ tịch", "UBND xã", Channel.COUNTER, DossierStatus.PROCESSING)

    def timed(build: Callable[[], list[object]]) -> float:
        started = time.perf_counter()
        built = build()
        seconds = time.perf_counter() - started
        del built
        return seconds

    def looped(kind: Callable[..., object]) -> Callable[[], list[object]]:
        return lambda: [
            kind(f"D{i}", *columns, m, m, None, None, False, m) for i, m in enumerate(moments)
        ]

    def many() -> list[object]:
        rows = ((f"D{i}", *columns, m, m, None, None, False, m) for i, m in enumerate(moments))
        return list(DossierRecord.many(rows))

    bulk = min(timed(many) for _ in range(2))
    loop = min(timed(looped(DossierRecord)) for _ in range(2))
    plain = min(timed(looped(PlainRecord)) for _ in range(2))
    print(
        f"building {n:,} DossierRecords: DossierRecord.many {bulk:.2f} s (target ≤ 2 s), "
        f"the constructor in a loop {loop:.2f} s; an unchecked NamedTuple of the same columns "
        f"in a loop {plain:.2f} s ({bulk / plain:.2f}×, {loop / plain:.2f}×)"
    )


def main() -> None:
    building(1_000_000)
    rows = records(1_000_000)
    period = Period(date(2026, 3, 1), date(2026, 3, 31))
    at = datetime(2026, 3, 31, 17, 0, tzinfo=VN)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        result = report(rows, period, at=at, group_by="field")
        best = min(best, time.perf_counter() - started)
    print(
        f"report over {len(rows):,} stored dossiers, grouped by field: {best:.2f} s "
        f"(target < 3 s); {result.total.received:,} received, {result.total.resolved:,} resolved"
    )


if __name__ == "__main__":
    main()
