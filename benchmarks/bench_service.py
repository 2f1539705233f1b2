"""Throughput of `motcua serve --stdio` against the same answers computed in-process.

Run with ``make bench``. Spawns one ``python -m motcua serve --stdio`` process, writes
20,000 due-time requests down its pipe (a writer thread) and reads the 20,000 answers;
side by side, the in-process cost of the same answer (``answer()``) and of the bare
``WorkingCalendar.due_at`` call it wraps.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import timeit
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from motcua import ProcessingTime, WorkingCalendar
from motcua.cli._ops import answer

VN = ZoneInfo("Asia/Ho_Chi_Minh")
N = 20_000


def requests(explain: bool) -> list[str]:
    start = datetime(2025, 12, 1, 8, 0, tzinfo=VN)
    return [
        json.dumps(
            {
                "op": "due",
                "start": (start + timedelta(minutes=37 * i)).isoformat(),
                "limit": f"{1 + i % 15} working days",
                "explain": explain,
                "id": i,
            }
        )
        for i in range(N)
    ]


def through_the_pipe(lines: list[str]) -> float:
    process = subprocess.Popen(
        [sys.executable, "-m", "motcua", "serve", "--stdio"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1 << 16,
    )  # fmt: skip
    assert process.stdin is not None
    assert process.stdout is not None
    warm = '{"op": "day", "date": "2026-01-02"}\n'
    process.stdin.write(warm)
    process.stdin.flush()
    process.stdout.readline()  # the service is up and warm

    def write() -> None:
        assert process.stdin is not None
        process.stdin.write("\n".join(lines) + "\n")
        process.stdin.close()

    started = time.perf_counter()
    writer = threading.Thread(target=write)
    writer.start()
    got = sum(1 for _ in process.stdout)
    seconds = time.perf_counter() - started
    writer.join()
    process.wait()
    assert got == len(lines), got
    return len(lines) / seconds


def main() -> None:
    calendar = WorkingCalendar.vietnam()
    limit = ProcessingTime.working_days(3)
    start = datetime(2025, 12, 31, 15, 40, tzinfo=VN)
    bare = min(timeit.repeat(lambda: calendar.due_at(start, limit), number=20_000, repeat=5))
    one = {"op": "due", "start": start.isoformat(), "limit": "3 working days", "explain": False}
    full = {**one, "explain": True}
    quick = min(timeit.repeat(lambda: answer(one), number=5_000, repeat=5)) / 5_000
    explained = min(timeit.repeat(lambda: answer(full), number=2_000, repeat=5)) / 2_000
    print("| due-time request | per request | requests/s |")
    print("|---|---:|---:|")
    print(f"| in process, bare `due_at` | {bare / 20_000 * 1e6:.1f} µs | {20_000 / bare:,.0f} |")
    print(
        f"| in process, `answer()` without explanation | {quick * 1e6:.1f} µs | {1 / quick:,.0f} |"
    )
    print(f"| in process, `answer()` with explanation | {explained * 1e6:.1f} µs | "
          f"{1 / explained:,.0f} |")  # fmt: skip
    for explain in (False, True):
        rate = through_the_pipe(requests(explain))
        what = "with" if explain else "without"
        print(f"| `serve --stdio`, {what} explanation (20,000 down one pipe) | "
              f"{1e6 / rate:.1f} µs | {rate:,.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()
