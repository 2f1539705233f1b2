"""The law in depth: cut-offs on any limit, the last office hour, extensions on top.

Each test is named after the real case it checks, from the published procedure texts.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import VN, vn
from motcua import (
    Applicant,
    Catalog,
    Channel,
    Dossier,
    ExtensionKind,
    OfficeHours,
    ProcessingTime,
    TimeUnit,
    WorkingCalendar,
)
from motcua.errors import (
    ArgumentTypeError,
    CaseNotFoundError,
    ProcedureNotActiveError,
    TimeLimitError,
)

CAL = WorkingCalendar.vietnam()
LIENTHONG = ProcessingTime.working_days(3, cutoff=time(15, 0))  # 2.002621
HKD = ProcessingTime.working_days(3, last_hour=True)  # NĐ 297/2025, hộ kinh doanh
COPY_MANY_PAGES = ProcessingTime.same_day().plus(2)  # 2.000815, "kéo dài thêm 02 ngày"


def test_2002621_after_15h_counts_from_next_working_day() -> None:
    # Monday 02/03/2026 at 15:30: counted from Tuesday 08:00, three working days.
    late = CAL.due_at(vn(2026, 3, 2, 15, 30), LIENTHONG)
    assert late.counted_from == vn(2026, 3, 3, 8)
    assert late.at == vn(2026, 3, 5, 17)
    # At 15:00 itself it is still that day's dossier (the cut-off is inclusive).
    assert CAL.due_at(vn(2026, 3, 2, 15), LIENTHONG).at == vn(2026, 3, 5, 15)
    # Without the cut-off, the same dossier is due an hour and a half earlier.
    assert CAL.due_at(vn(2026, 3, 2, 15, 30), ProcessingTime.working_days(3)).at == vn(
        2026, 3, 5, 15, 30
    )


def test_2002621_after_15h_on_a_friday_before_tet_counts_after_the_break() -> None:
    # Friday 13/02/2026, 16:00: Tết 2026 is off from 14/02 to 22/02 (Quyết định of the PM).
    late = CAL.due_at(vn(2026, 2, 13, 16), LIENTHONG)
    assert late.counted_from == vn(2026, 2, 23, 8)
    assert late.at == vn(2026, 2, 25, 17)


def test_hkd_last_office_hour_counts_from_next_working_day() -> None:
    assert CAL.due_at(vn(2026, 3, 2, 15, 59), HKD).at == vn(2026, 3, 5, 15, 59)
    at_four = CAL.due_at(vn(2026, 3, 2, 16), HKD)
    assert at_four.counted_from == vn(2026, 3, 3, 8)
    assert at_four.at == vn(2026, 3, 5, 17)
    # The last hour is the centre's own: on 07:30-11:30, 13:30-17:30 it starts at 16:30.
    centre = WorkingCalendar.vietnam(office_hours=OfficeHours.parse("07:30-11:30, 13:30-17:30"))
    assert centre.due_at(vn(2026, 3, 2, 16, 15), HKD).at == vn(2026, 3, 5, 16, 15)
    assert centre.due_at(vn(2026, 3, 2, 16, 30), HKD).counted_from == vn(2026, 3, 3, 7, 30)


def test_2000815_many_pages_are_two_working_days_on_top_of_the_same_day() -> None:
    # Received Monday 10:00: same day is Monday 17:00; two more working days → Wednesday 17:00.
    due = CAL.due_at(vn(2026, 3, 2, 10), COPY_MANY_PAGES)
    assert due.at == vn(2026, 3, 4, 17)
    # A copy returned on Wednesday afternoon is on time; the old reading (a 2-working-day
    # limit from acceptance: Wednesday 10:00) called it late.
    assert CAL.due_at(vn(2026, 3, 2, 10), ProcessingTime.working_days(2)).at == vn(2026, 3, 4, 10)
    # After the 15:00 cut-off: the next working day, then two more.
    assert CAL.due_at(vn(2026, 3, 2, 15, 30), COPY_MANY_PAGES).at == vn(2026, 3, 5, 17)


def test_the_new_limits_read_and_write_in_both_languages() -> None:
    assert ProcessingTime.parse("3 ngày làm việc, sau 15h00") == LIENTHONG
    assert ProcessingTime.parse("3 working days, cut-off 15:00") == LIENTHONG
    assert ProcessingTime.parse("3 working days, last hour") == HKD
    assert ProcessingTime.parse("3 ngày làm việc giờ cuối") == HKD
    assert ProcessingTime.parse("trong ngày, thêm 2 ngày làm việc") == COPY_MANY_PAGES
    assert ProcessingTime.parse("same day, cut-off 15:00, plus 2 working days") == (COPY_MANY_PAGES)
    assert str(COPY_MANY_PAGES) == (
        "Ngay trong ngày tiếp nhận; nhận sau 15 giờ 00 thì trả trong ngày làm việc tiếp theo"
        "; kéo dài thêm 02 ngày làm việc"
    )
    assert LIENTHONG.describe(lang="en") == (
        "3 working days; received after 15:00: counted from the next working day"
    )
    assert repr(HKD) == "ProcessingTime.working_days(3, last_hour=True)"
    for limit in (LIENTHONG, HKD, COPY_MANY_PAGES, ProcessingTime.working_hours(8).plus(1)):
        assert ProcessingTime.model_validate_json(limit.model_dump_json()) == limit
        assert ProcessingTime.parse(limit.describe(lang="en")) == limit
        assert ProcessingTime.parse(limit.describe(lang="vi")) == limit
    assert COPY_MANY_PAGES.base == ProcessingTime.same_day()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("15 ngày, sau 15h00", "calendar-day limit has no cut-off"),
        ("15 calendar days, last hour", "no last-hour rule"),
        ("3 working days, cut-off 25:00", "not a time of day"),
        ("3 working days, plus 0 working days", "at least 1"),
    ],
)
def test_impossible_new_limits_are_refused_with_why(text: str, said: str) -> None:
    with pytest.raises(TimeLimitError, match=said):
        ProcessingTime.parse(text)


def test_constructors_refuse_bad_options() -> None:
    with pytest.raises(TimeLimitError, match=r"wall-clock datetime\.time"):
        ProcessingTime.working_days(3, cutoff="15:00")  # type: ignore[arg-type]
    with pytest.raises(TimeLimitError, match="last_hour is True or False"):
        ProcessingTime.working_hours(3, last_hour="yes")  # type: ignore[arg-type]
    with pytest.raises(TimeLimitError, match="whole number"):
        ProcessingTime.working_days(3).plus(1.5)  # type: ignore[arg-type]


_starts = st.datetimes(
    min_value=datetime(2024, 1, 1),  # noqa: DTZ001 - hypothesis adds the zone
    max_value=datetime(2026, 9, 1),  # noqa: DTZ001 - due times stay in announced years
    timezones=st.just(VN),
)
_limits = st.one_of(
    st.builds(
        ProcessingTime.working_days,
        st.integers(1, 40),
        cutoff=st.none() | st.times(min_value=time(8), max_value=time(17)),
        last_hour=st.booleans(),
    ),
    st.builds(
        ProcessingTime.working_hours,
        st.integers(1, 80),
        cutoff=st.none() | st.times(min_value=time(8), max_value=time(17)),
        last_hour=st.booleans(),
    ),
    st.builds(ProcessingTime.same_day, st.none() | st.just(time(15))),
    st.builds(ProcessingTime.calendar_days, st.integers(1, 60)),
)


@settings(max_examples=300, deadline=None)
@given(start=_starts, limit=_limits, added=st.integers(0, 5), later=st.integers(1, 3000))
def test_new_limit_kinds_are_monotone_never_earlier_than_the_base_and_round_trip(
    start: datetime, limit: ProcessingTime, added: int, later: int
) -> None:
    full = limit.plus(added) if added else limit
    due = CAL.due_at(start, full).at
    # Never earlier than the base limit, with no cut-off or last-hour rule.
    plain = limit.model_copy(update={"cutoff": None, "last_hour": False})
    if limit.unit is not TimeUnit.SAME_DAY:
        assert due >= CAL.due_at(start, plain).at
    # Monotone in the start: a later dossier is never due earlier.
    assert CAL.due_at(start + timedelta(minutes=later), full).at >= due
    # Each added working day moves the due time by exactly one working day of office time.
    if added:
        base = CAL.due_at(start, limit).at
        assert CAL.office_time_between(base, due) == CAL.office_hours.length * added
    assert ProcessingTime.model_validate_json(full.model_dump_json()) == full


def test_describe_explains_the_session_boundary_between_0800_and_0801() -> None:
    at_eight = CAL.due_at(vn(2026, 3, 2, 8), ProcessingTime.working_days(3))
    at_eight_one = CAL.due_at(vn(2026, 3, 2, 8, 1), ProcessingTime.working_days(3))
    assert at_eight.at == vn(2026, 3, 4, 17)  # an earlier day than 08:01's
    assert at_eight_one.at == vn(2026, 3, 5, 8, 1)
    assert "kết thúc buổi làm việc: hẹn vào 17 giờ 00" in at_eight.describe()
    assert "end of a session" not in at_eight_one.describe(lang="en")


def test_describe_names_the_cut_off_and_the_last_hour() -> None:
    late = CAL.due_at(vn(2026, 3, 2, 15, 30), LIENTHONG).describe()
    assert "Nhận sau 15 giờ 00, tính từ ngày làm việc tiếp theo: 08 giờ 00 phút" in late
    english = CAL.due_at(vn(2026, 3, 2, 16, 10), HKD).describe(lang="en")
    assert "Received in the last office hour; counted from the next working day" in english
    evening = CAL.due_at(vn(2026, 3, 2, 18), HKD).describe(lang="en")
    assert "Received outside office hours" in evening


# -- cases, extensions and procedures in force, on real dossiers ----------------------------

CATALOG = Catalog.builtin()


def _receive(code: str, at: datetime, **options: object) -> Dossier:
    return Dossier.receive(
        CATALOG.get(code),
        accepted_at=at,
        channel=Channel.COUNTER,
        applicant=Applicant(name="Nguyễn Văn A"),
        calendar=CAL,
        by="cb",
        **options,  # type: ignore[arg-type]
    )


def test_1013831_case_of_art_24_2bc_is_20_working_days_not_8() -> None:
    plain = _receive("1.013831", vn(2026, 3, 2, 9))
    assert plain.legal_due_at == CAL.due_at(vn(2026, 3, 2, 9), ProcessingTime.working_days(8)).at
    case = _receive("1.013831", vn(2026, 3, 2, 9), case="nd101-24-2bc")
    assert case.legal_due_at == vn(2026, 3, 30, 9)  # 20 working days
    assert case.case == "nd101-24-2bc"
    assert case.case_name is not None
    assert "điểm b và điểm c khoản 2 Điều 24" in case.case_name
    # The case survives storing and loading.
    loaded = Dossier.from_json(case.to_json(), calendar=CAL)
    assert (loaded.case, loaded.case_name) == (case.case, case.case_name)
    assert Dossier.from_dict(case.to_dict(), calendar=CAL) == case


def test_1013978_first_certificate_is_17_plus_3_working_days() -> None:
    case = _receive("1.013978", vn(2026, 3, 2, 9), case="cap-gcn-lan-dau")
    assert case.limit == ProcessingTime.working_days(20)


def test_an_unknown_case_is_refused_naming_the_cases() -> None:
    with pytest.raises(CaseNotFoundError, match="nd101-24-2a, nd101-24-2bc"):
        _receive("1.013831", vn(2026, 3, 2, 9), case="2a")
    with pytest.raises(CaseNotFoundError, match="none: leave case out"):
        _receive("1.004873", vn(2026, 3, 2, 9), case="x")


def test_2000815_extended_copy_is_due_two_working_days_after_the_same_day() -> None:
    copy = CATALOG.get("2.000815")
    assert copy.extension is not None
    assert copy.extension.kind is ExtensionKind.ADDS
    assert copy.extension.by_agreement
    assert "kéo dài thêm" in (copy.extension.words or "")
    dossier = _receive("2.000815", vn(2026, 3, 2, 10), extended=True)
    assert dossier.legal_due_at == vn(2026, 3, 4, 17)  # Wednesday afternoon is on time
    with pytest.raises(ArgumentTypeError, match="has no extension"):
        _receive("1.013831", vn(2026, 3, 2, 9), extended=True)


def test_2001009_abolished_from_01_11_2025_is_not_received_on_03_03_2026() -> None:
    abolished = CATALOG.get("2.001009")
    assert abolished.abolished_on is not None
    with pytest.raises(ProcedureNotActiveError, match="abolished from"):
        _receive("2.001009", vn(2026, 3, 3, 9))
    before = datetime.combine(abolished.abolished_on - timedelta(days=3), time(9), VN)
    while not CAL.is_working_day(before.date()):
        before -= timedelta(days=1)
    assert _receive("2.001009", before).status.value == "received"
