"""What a fresh process pays to start: importing motcua, against importing what it builds on.

Run: ``python benchmarks/bench_startup.py``. Each import runs in a new interpreter
(``python -X importtime -c "import …"``), 15 times, after compiling bytecode for the
installed packages (this environment may set ``PYTHONDONTWRITEBYTECODE=1``, which would
otherwise make every start recompile). The figure is the median of the time ``-X
importtime`` reports for every module the statement imports (the sum of the modules' own
times, less what an empty ``python -c pass`` imports), with the number of modules loaded.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import sysconfig
from pathlib import Path

RUNS = 15
CASES = [
    "import motcua",
    "from motcua import WorkingCalendar",
    "from motcua import Dossier",
    "from motcua import Receipt",
    "import holidays",
    "import pydantic",
]


def _compile() -> None:
    roots = {sysconfig.get_paths()["purelib"], str(Path(__file__).parents[1] / "src")}
    for root in roots:
        compileall.compile_dir(root, quiet=1, workers=0)


def _once(statement: str) -> tuple[float, int]:
    env = {**os.environ}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    script = f"{statement}\nimport sys, json\nprint(json.dumps(len(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    total = 0
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[0].strip().isdigit():
            total += int(parts[0])  # each module's own time, once
    return total / 1e6, int(done.stdout.strip().splitlines()[-1])


def main() -> None:
    _compile()
    empty = statistics.median(_once("pass")[0] for _ in range(RUNS))
    rows = []
    for statement in CASES:
        runs = [_once(statement) for _ in range(RUNS)]
        rows.append((statement, statistics.median(t for t, _ in runs) - empty, runs[0][1]))
    holidays = next(t for s, t, _ in rows if s == "import holidays")
    print("| fresh process | import time (median) | modules loaded | / import holidays |")
    print("|---|---:|---:|---:|")
    for statement, seconds, modules in rows:
        print(
            f"| `{statement}` | {seconds * 1000:.1f} ms | {modules} | {seconds / holidays:.2f}× |"
        )


def first_calendar() -> None:
    """The first WorkingCalendar.vietnam() of a fresh process (imports already done)."""
    script = (
        "import time; from motcua import WorkingCalendar; t = time.perf_counter(); "
        "WorkingCalendar.vietnam(); print(time.perf_counter() - t)"
    )
    env = {**os.environ}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
            ).stdout
        )
        for _ in range(RUNS)
    ]
    median = statistics.median(runs) * 1000
    print()
    print(f"first `WorkingCalendar.vietnam()` in a fresh process: {median:.1f} ms (target ≤ 20 ms)")


if __name__ == "__main__":
    main()
    first_calendar()
