from __future__ import annotations

import os
from collections import Counter

import pytest
from hypothesis import HealthCheck, settings

from motcua import WorkingCalendar

# Hypothesis profiles (tests/hostile.py says how tests scale with them):
# `default` for `make test`, `deep` (HYPOTHESIS_PROFILE=deep) for a long run.
settings.register_profile(
    "deep", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def cal() -> WorkingCalendar:
    return WorkingCalendar.vietnam()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say once per reason which tests were skipped and how to run them."""
    reasons: Counter[str] = Counter()
    for report in terminalreporter.stats.get("skipped", []):
        if isinstance(report.longrepr, tuple):
            reasons[str(report.longrepr[2]).removeprefix("Skipped: ")] += 1
    if reasons:
        terminalreporter.section("skipped, and how to run them")
        for reason, count in reasons.most_common():
            terminalreporter.line(f"{count} skipped: {reason}")
