from __future__ import annotations

from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest

from motcua import OfficeHours
from motcua.errors import OfficeHoursError


def test_standard_hours() -> None:
    hours = OfficeHours.standard()
    assert hours.sessions == ((time(8), time(12)), (time(13), time(17)))
    assert hours.length == timedelta(hours=8)
    assert (hours.opens, hours.closes) == (time(8), time(17))
    assert str(hours) == "08:00-12:00, 13:00-17:00"
    assert hours == OfficeHours.parse("08:00-12:00, 13:00-17:00")


@pytest.mark.parametrize(
    ("text", "sessions"),
    [
        ("07:30-11:30, 13:30-17:00", ((time(7, 30), time(11, 30)), (time(13, 30), time(17)))),
        ("07h00 – 11h30, 13h30 – 17h00", ((time(7), time(11, 30)), (time(13, 30), time(17)))),
        ("8:00-17:00", ((time(8), time(17)),)),
    ],
    ids=["portal-print", "vietnamese-h", "no-lunch"],
)
def test_parse(text: str, sessions: tuple[tuple[time, time], ...]) -> None:
    assert OfficeHours.parse(text).sessions == sessions


@pytest.mark.parametrize(
    ("text", "message", "session", "value", "expected"),
    [
        ("8-12", "cannot read office session '8-12'", 1, "8-12", "'HH:MM-HH:MM'"),
        (
            "08:00-12:00, 11:00-17:00",
            "overlaps the one before",
            2,
            (time(11), time(17)),
            "a start at or after the end",
        ),
        ("12:00-08:00", "ends .* before it starts", 1, (time(12), time(8)), "an end after"),
        ("08:00-12:00, 13:00-25:00", "hour must be in 0..23", 2, "13:00-25:00", "times of day"),
    ],
    ids=["unreadable", "overlap", "backwards", "bad-hour"],
)
def test_bad_hours_are_refused(
    text: str, message: str, session: int, value: object, expected: str
) -> None:
    with pytest.raises(OfficeHoursError, match=message) as refused:
        OfficeHours.parse(text)
    assert (refused.value.session, refused.value.value) == (session, value)
    assert refused.value.expected.startswith(expected)


def test_sessions_must_be_plain_times() -> None:
    with pytest.raises(OfficeHoursError, match="at least one session") as empty:
        OfficeHours(())
    assert (empty.value.session, empty.value.value) == (None, ())
    with pytest.raises(OfficeHoursError, match=r"pair of datetime\.time") as text:
        OfficeHours((("08:00", "12:00"),))  # type: ignore[arg-type]
    assert (text.value.session, text.value.value) == (1, ("08:00", "12:00"))
    aware = time(8, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with pytest.raises(OfficeHoursError, match="carries a time zone") as zoned:
        OfficeHours(((aware, time(12)),))
    assert zoned.value.expected == "wall-clock times without a time zone"
    with pytest.raises(OfficeHoursError, match=r"OfficeHours\.parse") as whole:
        OfficeHours("08:00-12:00")  # type: ignore[arg-type]
    assert (whole.value.session, whole.value.value) == (None, "08:00-12:00")


def test_contains_is_half_open() -> None:
    hours = OfficeHours.standard()
    assert hours.contains(time(8))
    assert hours.contains(time(11, 59, 59))
    assert not hours.contains(time(12))
    assert not hours.contains(time(17))


def test_sessions_on_odd_seconds_use_the_exact_path() -> None:
    odd = OfficeHours(((time(8, 0, 30), time(12)), (time(13), time(17, 0, 30))))
    assert odd.locate(8 * 3_600_000_000) == (0, False)
    assert odd.locate(9 * 3_600_000_000) == (3_600_000_000 - 30_000_000, True)
    assert odd.locate(18 * 3_600_000_000)[0] == odd.length // timedelta(microseconds=1)


def test_session_ends_are_known_for_any_hours() -> None:
    centre = OfficeHours.parse("07:30-11:30, 13:30-17:00")
    # (contains, ends_session) at the opening, the end of the morning and the closing.
    assert (centre.contains(time(7, 30)), centre.ends_session(time(7, 30))) == (True, False)
    assert (centre.contains(time(11, 30)), centre.ends_session(time(11, 30))) == (False, True)
    assert (centre.contains(time(17)), centre.ends_session(time(17))) == (False, True)
    assert not centre.ends_session(time(12))
    assert not centre.ends_session(time(16, 59, 59))
    odd = OfficeHours(((time(8, 0, 30), time(12)), (time(13), time(17, 0, 30))))
    assert (odd.contains(time(8, 0, 30)), odd.contains(time(8, 0, 29, 999_999))) == (True, False)
    assert (odd.contains(time(17, 0, 30)), odd.ends_session(time(17, 0, 30))) == (False, True)
