"""Satisfaction indices and ratings from hand-computed small cases."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from helpers import vn
from motcua import Applicant, Catalog, Channel, Dossier, WorkingCalendar
from motcua.errors import ReportError
from motcua.reports import Rating, evaluate, qd766_components, satisfaction

AT = vn(2026, 3, 20, 17)


def _d(code: str, name: str, officer: str = "Hoa", channel: Channel = Channel.COUNTER) -> Dossier:
    return Dossier.receive(
        Catalog.builtin().get(code),
        accepted_at=vn(2026, 3, 2, 9),
        channel=channel,
        applicant=Applicant(name=name),
        calendar=WorkingCalendar.vietnam(),
        by=officer,
        code=name,
    )


def test_indices_of_an_early_dossier_with_one_supplement() -> None:
    d = _d("1.004873", "early")  # due 05/3 09:00
    d.start_processing(at=vn(2026, 3, 2, 10), by="tp")
    d.request_supplement(at=vn(2026, 3, 2, 11), by="tp", reason="r", items=["a"])
    d.supplement_received(at=vn(2026, 3, 2, 14), by="tn")
    d.mark_result_ready(at=vn(2026, 3, 3, 9), by="tp")
    idx = evaluate(d, at=AT)
    assert (idx.total_time, idx.agency_time, idx.returns, idx.agencies) == (2, None, 1, 2)
    assert idx.known == (2, 1, 2)
    assert evaluate(d, at=AT, agencies_contacted=3).agencies == 0


def test_a_late_step_scores_zero_for_agency_time() -> None:
    d = _d("2.002621", "chain", channel=Channel.ONLINE)
    d.start_processing(at=vn(2026, 3, 2, 11), by="tp")  # on time (due 12:00)
    d.hand_over(at=vn(2026, 3, 3, 9), by="ca", to="BHXH")  # police late (due 16:00 the 2nd)
    d.mark_result_ready(at=vn(2026, 3, 3, 10), by="bhxh")
    idx = evaluate(d, at=AT)
    assert idx.agency_time == 0
    assert idx.total_time == 0  # a late step makes the dossier late


@pytest.mark.parametrize(
    ("scale", "value", "label", "satisfied", "score"),
    [
        (5, 5, "Rất hài lòng", True, 100.0),
        (5, 4, "Hài lòng", True, 75.0),
        (5, 3, "Bình thường", False, 50.0),
        (5, 1, "Rất không hài lòng", False, 0.0),
        (3, 3, "Hài lòng", True, 100.0),
        (3, 2, "Bình thường", False, 50.0),
        (3, 1, "Không hài lòng", False, 0.0),
    ],
)
def test_rating_scales(scale: int, value: int, label: str, satisfied: bool, score: float) -> None:
    rating = Rating(dossier_code="X", scale=scale, value=value)
    assert (rating.label, rating.satisfied, rating.score) == (label, satisfied, score)


def test_ratings_outside_their_scale_are_refused() -> None:
    with pytest.raises(ValidationError, match=r"a 3-level rating is 1\.\.3, got 4"):
        Rating(dossier_code="X", scale=3, value=4)
    with pytest.raises(ValidationError):
        Rating(dossier_code="X", scale=4, value=1)


def test_aggregates_by_field_and_officer() -> None:
    a = _d("1.004873", "a", officer="Hoa")
    a.start_processing(at=vn(2026, 3, 2, 10), by="tp")
    a.mark_result_ready(at=vn(2026, 3, 3, 9), by="tp")  # early: 2 + 2 + 2 of 6
    b = _d("1.013133", "b", officer="Lan")  # open at AT: only returns and agencies known
    ratings = [
        Rating(dossier_code="a", scale=5, value=5),
        Rating(dossier_code="b", scale=3, value=2, officer="Minh"),
    ]
    rows, total = satisfaction([a, b], ratings, at=AT, by="field")
    fields = {r.group: r for r in rows}
    assert fields["Hộ tịch"].index_share == 1.0
    assert fields["Nghĩa vụ quân sự"].satisfied_share == 0.0
    assert total.dossiers == 2
    assert total.index_points == 10
    assert total.index_max == 10
    assert total.rating_score == 75.0
    assert total.satisfied_share == 0.5
    by_officer, _ = satisfaction([a, b], ratings, at=AT, by="officer")
    assert [r.group for r in by_officer] == ["Hoa", "Lan", "Minh"]
    with pytest.raises(ReportError, match="not among the dossiers given"):
        satisfaction([a], ratings, at=AT)
    with pytest.raises(ReportError, match="cannot group satisfaction by 'agency'"):
        satisfaction([a], [], at=AT, by="agency")  # type: ignore[arg-type]


def test_qd766_components_say_what_is_unknown() -> None:
    a = _d("1.004873", "a", channel=Channel.ONLINE)
    a.start_processing(at=vn(2026, 3, 2, 10), by="tp")
    a.mark_result_ready(at=vn(2026, 3, 3, 9), by="tp")
    b = _d("1.004873", "b")
    b.start_processing(at=vn(2026, 3, 2, 10), by="tp")
    b.mark_result_ready(at=vn(2026, 3, 9, 9), by="tp")  # late
    parts = qd766_components([a, b], [Rating(dossier_code="a", scale=5, value=4)], at=AT)
    assert parts.timeliness == 10.0  # 20 × 1/2
    assert parts.online_service == 11.0  # 22 × 1/2
    assert parts.satisfaction == 13.5  # 18 × 0.75
    assert parts.publicity is None
    assert parts.digitisation is None


def test_steps_in_time_but_not_all_early_score_one() -> None:
    d = _d("2.002621", "chain-ok", channel=Channel.ONLINE)  # steps of 4 h, 4 h, 16 h
    d.start_processing(at=vn(2026, 3, 2, 9, 30), by="tp")  # step 1 due 14:00: on time
    d.hand_over(at=vn(2026, 3, 2, 10), by="ca", to="BHXH")  # step 2 due 14:30: on time
    d.mark_result_ready(at=vn(2026, 3, 2, 11), by="bhxh")  # step 3 due 04/3: early
    idx = evaluate(d, at=AT)
    assert (idx.total_time, idx.agency_time, idx.returns, idx.agencies) == (2, 1, 2, 2)


def test_on_the_due_day_two_returns_two_agencies() -> None:
    d = _d("1.004873", "on-time")  # due 05/3 09:00
    d.start_processing(at=vn(2026, 3, 2, 10), by="tp")
    d.request_supplement(at=vn(2026, 3, 2, 11), by="tp", reason="r", items=["a"])
    d.supplement_received(at=vn(2026, 3, 2, 14), by="tn")
    d.request_supplement(
        at=vn(2026, 3, 2, 15), by="ca", reason="r", items=["b"], agency="Công an xã"
    )
    d.supplement_received(at=vn(2026, 3, 3, 8), by="tn")
    d.mark_result_ready(at=vn(2026, 3, 5, 8, 30), by="tp")  # the due day, before 09:00 + pauses
    idx = evaluate(d, at=AT, agencies_contacted=2)
    assert (idx.total_time, idx.returns, idx.agencies) == (1, 0, 1)


def test_a_late_pickup_does_not_blame_the_agencies() -> None:
    d = _d("2.000815", "pickup")  # certified copy: same day; reception, appraisal, signing
    d.start_processing(at=vn(2026, 3, 2, 10), by="tn")
    d.hand_over(at=vn(2026, 3, 2, 13), by="tp", to="Lãnh đạo UBND cấp xã")
    d.mark_result_ready(at=vn(2026, 3, 2, 15), by="ld")
    d.return_result(at=vn(2026, 3, 4, 10), by="tn")  # the citizen came two days later
    assert evaluate(d, at=AT).agency_time == 1


def test_online_dossiers_belong_to_the_officer_who_accepted_them() -> None:
    d = Dossier.submit(
        Catalog.builtin().get("1.004873"),
        submitted_at=vn(2026, 3, 1, 21),
        channel=Channel.ONLINE,
        applicant=Applicant(name="An"),
        calendar=WorkingCalendar.vietnam(),
        by="citizen:0123",
        code="online",
    )
    pending = Dossier.submit(
        Catalog.builtin().get("1.004873"),
        submitted_at=vn(2026, 3, 1, 22),
        channel=Channel.ONLINE,
        applicant=Applicant(name="Bình"),
        calendar=WorkingCalendar.vietnam(),
        by="citizen:0456",
        code="pending",
    )
    d.accept(at=vn(2026, 3, 2, 8), by="Hoa")
    rows, total = satisfaction([d, pending], [], at=AT, by="officer")
    assert [r.group for r in rows] == ["Hoa"]
    assert total.dossiers == 1  # the submission never accepted scores nothing
    with pytest.raises(ReportError, match="agencies_contacted is at least 1"):
        evaluate(d, at=AT, agencies_contacted=0)
