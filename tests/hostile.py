"""What the adversarial suite shares: the Hypothesis profiles, hostile values, cheap printing.

Two profiles are registered in ``tests/conftest.py`` and chosen with ``HYPOTHESIS_PROFILE``:

- ``default``: what ``make test`` runs, within its budget;
- ``deep``: the same properties with many more examples (``HYPOTHESIS_PROFILE=deep
  .venv/bin/pytest tests/adversarial``), for a night run or before a release.

A test sets its number of examples with :func:`examples`, which scales it under ``deep``.
"""

from __future__ import annotations

import os
import time as clock
import traceback
from datetime import UTC, date, datetime, time, timedelta, timezone

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from motcua import Channel

DEEP = os.environ.get("HYPOTHESIS_PROFILE") == "deep"
"""Whether the long profile runs."""

FAR_FUTURE = datetime.max.replace(tzinfo=UTC)
FAR_PAST = datetime.min.replace(tzinfo=timezone(timedelta(hours=14)))


HUGE_TEXT = "x" * 10_000
"""A string no message should print in full."""
HUGE_LIST = ["x"] * 10**6
"""A list no message should print in full, nor any check walk twice."""


def examples(n: int) -> int:
    """*n* examples normally, 25 times as many (at least 200) under the deep profile."""
    return max(25 * n, 200) if DEEP else n


def hostile_settings(n: int) -> settings:
    """Settings for a hostile-input property: *n* examples (scaled), no deadline."""
    return settings(
        max_examples=examples(n),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


HOSTILE_TEXT = st.one_of(
    st.text(max_size=8),
    st.sampled_from(
        [
            "",
            "   ",
            "\x00",
            "a\nb",
            "a\rb",
            "=1+1",
            "＝1+1",
            "\u202eevil",
            "a\u200bb",
            "🙂",
            "A\u0301",
            HUGE_TEXT,
        ]
    ),
)
"""Strings a citizen, a typo or an attacker may send: blank, control, bidi, huge, NFD."""

HOSTILE = st.one_of(
    st.sampled_from(
        [
            None,
            True,
            False,
            b"x",
            "",
            "   ",
            "\x00",
            [],
            ["x"],
            {},
            {"a": 1},
            object(),
            float("nan"),
            float("inf"),
            -0.0,
            10**30,
            -(10**30),
            2**63,
            FAR_FUTURE,
            FAR_PAST,
            datetime(2026, 1, 5, 9),  # noqa: DTZ001 - naive on purpose
            date(2026, 1, 5),
            date.max,
            date.min,
            time(9),
            timedelta(days=10**8),
            timedelta(-1),
            Channel.ONLINE,
            HUGE_LIST,
        ]
    ),
    st.integers(),
    st.floats(),
    HOSTILE_TEXT,
    st.datetimes(timezones=st.timezones()),
)
"""Any value at all, weighted to the ones that broke motcua before (issue 15)."""


def formatted(exc: BaseException) -> str:
    """``traceback.format_exc()`` of *exc*, as ``logging.exception`` would print it."""
    try:
        raise exc
    except BaseException:
        return traceback.format_exc()


def assert_cheap_to_print(exc: BaseException) -> None:
    """*exc* prints, and its traceback formats, in under 50 ms and a bounded size (point 1)."""
    started = clock.perf_counter()
    text, whole = str(exc), formatted(exc)
    elapsed = clock.perf_counter() - started
    assert text
    # Size, not time, decides the test (timing never does); the time is asserted loosely.
    assert len(text) < 5000, len(text)
    assert len(whole) < 20_000, len(whole)
    assert elapsed < 0.5, elapsed
