from __future__ import annotations

from collections import Counter

import pytest

from motcua import WorkingCalendar


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
