"""Throughput of `motcua serve --stdio` against the same answers computed in-process.

Run with ``make bench``. Spawns one ``python -m motcua serve --stdio`` process, writes
20,000 due-time requests down its pipe (a writer thread) and reads the 20,000 answers;
side by side, the in-process cost of the same answer (``answer()``) and of the bare
``WorkingCalendar.due_at`` call it wraps.
"""

from __future__ import annotations

import json
import shutil
import socket
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
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1 << 16,
    )
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


def over_http(n: int = 4_000, clients: int = 4) -> float:
    """Due-time requests/s to `motcua serve` on 127.0.0.1 from *clients* keep-alive clients."""
    import httpx  # noqa: PLC0415 - dev dependency

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "motcua", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(f"{base}/v1/day", params={"date": "2026-01-02"})
                break
            except httpx.TransportError:
                time.sleep(0.05)
        params = {
            "start": "2025-12-31T15:40:00+07:00",
            "limit": "3 working days",
            "explain": "false",
        }
        if shutil.which("wrk"):  # a real load generator, in its own process
            query = "start=2025-12-31T15:40:00%2B07:00&limit=3%20working%20days&explain=false"
            url = f"{base}/v1/due?{query}"
            done = subprocess.run(
                ["wrk", "-t1", "-c8", "-d8s", url], capture_output=True, text=True, check=True
            )
            line = next(x for x in done.stdout.splitlines() if x.startswith("Requests/sec"))
            return float(line.split()[1])

        def client() -> None:
            with httpx.Client(base_url=base) as http:
                for _ in range(n // clients):
                    assert http.get("/v1/due", params=params).status_code == 200

        threads = [threading.Thread(target=client) for _ in range(clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return n / (time.perf_counter() - started)
    finally:
        server.terminate()
        server.wait()


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
    print(
        f"| in process, `answer()` with explanation | {explained * 1e6:.1f} µs | "
        f"{1 / explained:,.0f} |"
    )
    for explain in (False, True):
        rate = through_the_pipe(requests(explain))
        what = "with" if explain else "without"
        print(
            f"| `serve --stdio`, {what} explanation (20,000 down one pipe) | "
            f"{1e6 / rate:.1f} µs | {rate:,.0f} |"
        )
    rate = over_http()
    how = "wrk, 8 connections" if shutil.which("wrk") else "4 httpx clients in this process"
    print(f"| `serve` over HTTP ({how}), without explanation | {1e6 / rate:.0f} µs | {rate:,.0f} |")


if __name__ == "__main__":
    main()
