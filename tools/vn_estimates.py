"""Write motcua/data/vn_estimates.json: the estimated days off of 2018–2060, from `holidays`.

Run after upgrading the holidays package or changing the estimate rules::

    .venv/bin/python tools/vn_estimates.py

``tests/test_estimates.py`` fails while the shipped file differs from what the package says.
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import version
from pathlib import Path

from motcua.calendar._estimate import estimate_row, estimate_year_from_package
from motcua.calendar._index import FIRST_YEAR, HORIZON_YEAR

DATA = Path(__file__).resolve().parent.parent / "src" / "motcua" / "data" / "vn_estimates.json"


def generate() -> dict[str, object]:
    """The file's content: every year's estimated days off, and the package version."""
    years = {
        str(year): [estimate_row(day) for day in estimate_year_from_package(year)]
        for year in range(FIRST_YEAR, HORIZON_YEAR + 1)
    }
    return {"generated_with": {"holidays": version("holidays")}, "years": years}


def main() -> int:
    """Rewrite the shipped estimates."""
    DATA.write_text(json.dumps(generate(), ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {DATA}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
