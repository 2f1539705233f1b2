"""A due time counted across an unannounced year says so, and is re-checked when announced."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from typing import Any

import pytest

from helpers import announced_2027, vn
from motcua import (
    Applicant,
    Catalog,
    Certainty,
    Channel,
    Dossier,
    ProcessingTime,
    WorkingCalendar,
)
from motcua.calendar._estimate import (
    ESTIMATE_SOURCE,
    estimate_year,
    estimate_year_from_package,
)
from motcua.calendar._index import FIRST_YEAR, HORIZON_YEAR
from motcua.dossiers import recheck
from motcua.errors import ArgumentTypeError, StoredDossierError

pytestmark = pytest.mark.filterwarnings("ignore::motcua.errors.EstimatedScheduleWarning")

CAL = WorkingCalendar.vietnam()
LAND = Catalog.builtin().get("1.013831")  # case nd101-24-2bc: 20 working days


def _land(at: object) -> Dossier:
    return Dossier.receive(
        LAND,
        accepted_at=at,  # type: ignore[arg-type]
        channel=Channel.COUNTER,
        applicant=Applicant(name="Phạm Văn C"),
        calendar=CAL,
        by="cb.tiepnhan",
        case="nd101-24-2bc",
    )


@pytest.fixture
def announced() -> WorkingCalendar:
    return announced_2027()


def test_a_land_transfer_due_in_2027_keeps_a_stored_flag_that_it_is_an_estimate() -> None:
    d = _land(vn(2026, 12, 21, 9))  # 20 working days: due in January 2027
    assert d.estimated_years == (2027,)
    assert d.due_estimated
    assert d.to_dict()["state"]["due_estimated"] is True
    assert Dossier.from_json(d.to_json(), calendar=CAL).due_estimated
    # A dossier due within 2026 carries no flag, and none is written.
    plain = _land(vn(2026, 11, 2, 9))
    assert not plain.due_estimated
    assert "due_estimated" not in plain.to_dict()["state"]


def test_a_stored_estimate_flag_that_disagrees_is_refused() -> None:
    stored = _land(vn(2026, 12, 21, 9)).to_dict()
    # Written by an earlier release: no flag. It loads, and knows it is an estimate.
    del stored["state"]["due_estimated"]
    assert Dossier.from_dict(stored, calendar=CAL).due_estimated
    plain = _land(vn(2026, 11, 2, 9)).to_dict()
    plain["state"]["due_estimated"] = True  # a forged flag
    with pytest.raises(StoredDossierError, match=r"state\.due_estimated"):
        Dossier.from_dict(plain, calendar=CAL)
    stored["state"]["due_estimated"] = False
    with pytest.raises(StoredDossierError, match="must be true, or left out"):
        Dossier.from_dict(stored, calendar=CAL)


def test_when_2027_is_announced_recheck_lists_each_estimated_dossier_with_its_new_due_time(
    announced: WorkingCalendar,
) -> None:
    across_tet = _land(vn(2027, 1, 18, 9))  # 20 working days across Tết 2027
    before_tet = _land(vn(2026, 12, 21, 9))  # due in January: Tết does not touch it
    in_2026 = _land(vn(2026, 11, 2, 9))  # not an estimate: left out
    assert across_tet.legal_due_at == vn(2027, 2, 22, 9)  # the estimate skips 5 weekdays
    stored: list[Dossier | dict[str, Any] | str | bytes] = [
        across_tet,
        before_tet.to_dict(),
        in_2026.to_json(),
    ]
    changes = recheck(stored, calendar=announced)
    assert [c.code for c in changes] == [across_tet.code, before_tet.code]
    tet, january = changes
    assert tet.legal_due_at == vn(2027, 2, 22, 9)
    # The announced Tết is one weekday longer: due the next working day, Tuesday 23/02.
    expected = announced.due_at(vn(2027, 1, 18, 9), ProcessingTime.working_days(20)).at
    assert tet.new_legal_due_at == tet.new_due_at == expected == vn(2027, 2, 23, 9)
    assert tet.moved
    assert tet.still_estimated == ()
    assert not tet.dossier.due_estimated
    assert tet.dossier.recounted_from == (CAL.identity,)
    assert Dossier.from_dict(tet.dossier.to_dict(), calendar=announced) == tet.dossier
    assert not january.moved
    assert january.new_legal_due_at == before_tet.legal_due_at
    assert tet.notify  # open, and its appointment moved: tell the applicant
    assert not january.notify


def test_recheck_lists_a_form_of_an_earlier_release_when_the_announcement_moves_it(
    announced: WorkingCalendar,
) -> None:
    old = _land(vn(2027, 1, 18, 9)).to_dict()
    del old["state"]["due_estimated"]  # earlier releases wrote no flag
    (change,) = recheck([old], calendar=announced)
    assert not change.was_estimated
    assert change.moved
    assert change.new_legal_due_at == vn(2027, 2, 23, 9)
    # A finished dossier is re-judged but nobody waits for its appointment.
    done = _land(vn(2027, 1, 18, 9))
    done.start_processing(at=vn(2027, 1, 18, 10), by="vpdk")
    done.mark_result_ready(at=vn(2027, 1, 26, 9), by="vpdk")
    (finished,) = recheck([done], calendar=announced)
    assert finished.moved
    assert not finished.notify


def test_recheck_refuses_what_is_not_a_dossier(announced: WorkingCalendar) -> None:
    with pytest.raises(StoredDossierError, match="is not JSON text"):
        recheck(["{not json"], calendar=announced)
    with pytest.raises(ArgumentTypeError, match=r"dossiers\[0\]"):
        recheck([42], calendar=announced)  # type: ignore[list-item]
    with pytest.raises(ArgumentTypeError, match="calendar"):
        recheck([], calendar="vn")  # type: ignore[arg-type]
    with pytest.raises(StoredDossierError, match="format"):
        recheck([{"foo": 1}], calendar=announced)
    for wrong in ("[]", None, 5, _land(vn(2026, 11, 2, 9))):
        with pytest.raises(ArgumentTypeError, match="a list"):
            recheck(wrong, calendar=announced)  # type: ignore[arg-type]


def test_24_11_in_an_estimated_year_is_less_certain_than_the_days_the_labour_code_gives() -> None:
    culture = CAL.day(date(2027, 11, 24))
    assert not CAL.is_working_day(date(2027, 11, 24))
    assert culture.certainty is Certainty.ASSUMED
    assert culture.source is not None
    assert culture.source.number == "28/2026/QH16"
    assert "Labour Code amendment" in (culture.source.note or "")
    assert CAL.day(date(2027, 9, 2)).certainty is Certainty.ESTIMATED
    assert CAL.day(date(2026, 11, 24)).certainty is Certainty.REPORTED  # 2026: as announced


def test_recheck_refuses_a_stored_due_time_that_is_not_a_time(announced: WorkingCalendar) -> None:
    stored = _land(vn(2027, 1, 18, 9)).to_dict()
    stored["state"]["legal_due_at"] = "soon"
    with pytest.raises(StoredDossierError, match=r"state\.legal_due_at: must be an ISO 8601"):
        recheck([stored], calendar=announced)


# -- the shipped estimates ---------------------------------------------------------------------


def test_the_shipped_estimates_are_what_the_holidays_package_says() -> None:
    # Regenerate with `.venv/bin/python tools/vn_estimates.py` when this fails.
    for year in range(FIRST_YEAR, HORIZON_YEAR + 1):
        assert estimate_year(year) == estimate_year_from_package(year), year


def test_tet_2027_is_estimated_from_the_shipped_data_with_its_source() -> None:
    days = {d.date: d for d in estimate_year(2027)}
    tet = days[date(2027, 2, 6)]  # Tết Đinh Mùi falls on a Saturday
    assert "Tết" in tet.name
    assert tet.certainty is Certainty.ESTIMATED
    assert tet.source == ESTIMATE_SOURCE
    culture = days[date(2027, 11, 24)]
    assert culture.certainty is Certainty.ASSUMED


def test_building_the_national_calendar_does_not_import_holidays() -> None:
    code = (
        "import sys; from motcua import WorkingCalendar; WorkingCalendar.vietnam(); "
        "print('holidays' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_year_past_the_shipped_data_asks_the_package() -> None:
    assert estimate_year(2061) == estimate_year_from_package(2061)
    assert any("Tết" in d.name for d in estimate_year(2061))
