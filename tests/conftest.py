from __future__ import annotations

import pytest

from motcua import WorkingCalendar


@pytest.fixture(scope="session")
def cal() -> WorkingCalendar:
    return WorkingCalendar.vietnam()
