"""Dossier speed, side by side with bare python-statemachine, in one process.

Run with ``make bench``. Two measurements:

* an event on a stored dossier: load it from JSON, fire one action, append the event
  (what a portal does per request), against what bare python-statemachine costs to build
  a machine and fire one transition;
* classifying 1,000,000 stored dossiers by timeliness from their clock fields, with no
  state machine per dossier.
"""

from __future__ import annotations

import random
import time
import timeit
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from statemachine import State, StateChart

from motcua import (
    Applicant,
    Catalog,
    Channel,
    ClockFields,
    Dossier,
    DossierStatus,
    WorkingCalendar,
    classify_timeliness,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")


class BareChart(StateChart):  # type: ignore[type-arg]
    """The smallest comparable machine: two states, one transition."""

    received = State(initial=True)
    processing = State(final=True)
    start_processing = received.to(processing)


def stored_dossier() -> str:
    dossier = Dossier.receive(
        Catalog.builtin().get("1.004873"),
        accepted_at=datetime(2026, 3, 2, 9, 0, tzinfo=VN),
        channel=Channel.COUNTER,
        applicant=Applicant(name="Nguyễn Văn An"),
        calendar=WorkingCalendar.vietnam(),
        by="cb.tiepnhan",
        code="BENCH-1",
    )
    return dossier.model_dump_json()


def fire(stored: str) -> Dossier:
    dossier = Dossier.model_validate_json(stored)
    dossier.start_processing(at=datetime(2026, 3, 2, 10, 0, tzinfo=VN), by="cb.tuphap")
    return dossier


def bare() -> None:
    BareChart().send("start_processing")


def many(n: int) -> list[ClockFields]:
    rng = random.Random(7)
    base = datetime(2026, 1, 5, 8, 0, tzinfo=VN)
    statuses = list(DossierStatus)
    rows = []
    for _ in range(n):
        due = base + timedelta(minutes=rng.randrange(0, 200_000))
        finished = (
            due + timedelta(minutes=rng.randrange(-5_000, 2_000)) if rng.random() < 0.6 else None
        )
        rows.append(ClockFields(rng.choice(statuses), due, finished, rng.random() < 0.05))
    return rows


def main() -> None:
    stored = stored_dossier()
    fire(stored)
    bare()
    ours = min(timeit.repeat(lambda: fire(stored), number=2_000, repeat=5)) / 2_000
    theirs = min(timeit.repeat(bare, number=2_000, repeat=5)) / 2_000
    print("| measurement | per call |")
    print("|---|---:|")
    ours_label = "motcua: load a stored dossier from JSON, fire `start_processing`, append it"
    bare_label = "bare python-statemachine: build a 2-state `StateChart`, fire one transition"
    print(f"| {ours_label} | {ours * 1e6:.0f} µs |")
    print(f"| {bare_label} | {theirs * 1e6:.0f} µs |")
    print(f"| ratio (motcua / bare; target ≤ 1.5) | {ours / theirs:.2f} |")
    print()
    rows = many(1_000_000)
    at = datetime(2026, 3, 15, 9, 0, tzinfo=VN)
    started = time.perf_counter()
    result = classify_timeliness(rows, at)
    seconds = time.perf_counter() - started
    print(
        f"classify_timeliness over {len(result):,} stored dossiers: {seconds:.2f} s (target < 2 s)"
    )


if __name__ == "__main__":
    main()
