"""One named regression test per defect the signature sweep found in the core (issue 15).

``test_signatures.py`` finds these by sweeping; each is also pinned here under its own
name, with the message a user reads, so a reader sees what was wrong and what is said now.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from motcua import (
    Applicant,
    Catalog,
    Channel,
    Dossier,
    DossierCode,
    OfficeHours,
    WorkingCalendar,
)
from motcua.errors import (
    ActionNotAllowedError,
    ArgumentTypeError,
    DateOutOfRangeError,
    DossierCodeError,
    MotcuaError,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkingCalendar.vietnam()
PROC = Catalog.builtin().get("1.004873")
AT = datetime(2026, 1, 5, 9, tzinfo=VN)


def received(**changes: object) -> Dossier:
    args: dict[str, object] = {
        "accepted_at": AT,
        "channel": Channel.COUNTER,
        "applicant": Applicant(name="Nguyễn Văn An"),
        "calendar": CAL,
        "by": "cb.tiepnhan",
    }
    return Dossier.receive(PROC, **(args | changes))  # type: ignore[arg-type]


def test_an_int_array_is_not_read_as_days_since_1970() -> None:
    with pytest.raises(ArgumentTypeError, match="dates must be an array of dates") as caught:
        CAL.add_working_days_array(np.array([1, 2]), 3)
    assert caught.value.argument == "dates"


def test_an_object_array_of_junk_is_a_motcua_error_not_numpys() -> None:
    with pytest.raises(ArgumentTypeError) as caught:
        CAL.add_working_days_array(np.array([object()]), 3)
    assert caught.value.argument == "dates"


def test_n_that_does_not_broadcast_names_the_shape_it_needs() -> None:
    dates = np.array(["2026-01-05", "2026-01-06"], dtype="datetime64[D]")
    with pytest.raises(ArgumentTypeError, match=r"broadcastable against dates's shape \(2,\)"):
        CAL.add_working_days_array(dates, np.array([1, 2, 3]))


@pytest.mark.parametrize("limit", [True, 0])
def test_a_text_this_process_wrote_still_honours_max_events(limit: object) -> None:
    text = received().to_json()  # remembered: loading it again skips the replay
    with pytest.raises(ArgumentTypeError, match="max_events must be a whole number of at least 1"):
        Dossier.from_json(text, calendar=CAL, max_events=limit)  # type: ignore[arg-type]


def test_a_code_with_a_5000_digit_serial_is_a_code_error_not_a_conversion_limit() -> None:
    with pytest.raises(DossierCodeError, match="has 5,000 digits"):
        DossierCode.parse("000.00.20.H12-210315-" + "1" * 5000)


def test_a_supplement_request_too_big_to_store_is_refused_before_it_happens() -> None:
    dossier = received()
    before = (dossier.version, dossier.history)
    with pytest.raises(ActionNotAllowedError, match="more than the 100,000"):
        dossier.request_supplement(
            at=AT + timedelta(hours=1), by="x", reason="r", items=["a"] * 1_000_000
        )
    assert (dossier.version, dossier.history) == before
    assert Dossier.from_json(dossier.to_json(), calendar=CAL).version == dossier.version


def test_recorded_at_at_the_edge_of_datetime_is_out_of_range_not_overflow() -> None:
    with pytest.raises(DateOutOfRangeError, match="recorded_at"):
        received(recorded_at=datetime.max.replace(tzinfo=UTC))


def test_office_hours_contains_a_string_names_the_type_it_needs() -> None:
    hours = OfficeHours.parse("08:00-12:00")
    with pytest.raises(ArgumentTypeError, match=r"wall-clock datetime\.time"):
        hours.contains("9:00")  # type: ignore[arg-type]
    assert hours.contains(time(9))


def test_a_reason_that_is_not_text_is_a_type_error_naming_reason() -> None:
    dossier = received()
    with pytest.raises(ArgumentTypeError) as caught:
        dossier.request_supplement(at=AT + timedelta(hours=1), by="x", reason=5, items=["a"])  # type: ignore[arg-type]
    assert caught.value.argument == "reason"
    assert dossier.version == 1


def test_any_motcua_error_prints_at_most_a_few_thousand_characters() -> None:
    assert len(str(MotcuaError("x" * 100_000))) < 4100
