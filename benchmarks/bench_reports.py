"""A report over 1,000,000 stored dossiers (their DossierRecord projections), no dossier.

Run with ``make bench``. Target: under 3 s on the project's machine.
"""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timedelta
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
                code=f"D{i}", procedure="1.004873", field=rng.choice(FIELDS), agency="UBND xã",
                channel=rng.choice(CHANNELS), status=status, accepted_at=accepted,
                legal_due_at=due, finished_at=finished, closed_at=None, late_step=False,
                changed_at=timeline[-1].since, timeline=timeline,
            )
        )  # fmt: skip
    return out


def main() -> None:
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
