"""When the clock starts (recorded vs accepted) and a due time agreed in writing.

Named after the real cases: QĐ 2637/QĐ-UBND (Vĩnh Long, 16/11/2025), which republishes the
chứng thực procedures after NĐ 280/2025.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from helpers import vn
from motcua import Applicant, Catalog, Channel, ClockPolicy, ClockStart, Dossier, WorkingCalendar
from motcua.errors import ActionNotAllowedError, NaiveDatetimeError, StoredDossierError

CATALOG = Catalog.builtin()
CAL = WorkingCalendar.vietnam()
SO_GOC = CATALOG.get("2.000908")  # cấp bản sao từ sổ gốc: counts from when recorded
BAN_SAO = CATALOG.get("2.000815")  # chứng thực bản sao: "hoặc dài hơn theo thỏa thuận"
AGREED = "Văn bản thỏa thuận số 12/TT ngày 02/03/2026 với người yêu cầu chứng thực"


def _receive(procedure: object, at: datetime, channel: Channel, **kw: object) -> Dossier:
    return Dossier.receive(
        procedure,  # type: ignore[arg-type]
        accepted_at=at,
        channel=channel,
        applicant=Applicant(name="Nguyễn Văn A"),
        calendar=CAL,
        by="cb.tiepnhan",
        **kw,  # type: ignore[arg-type]
    )


def test_2000908_online_counts_from_when_the_system_recorded_it_not_the_desks_check() -> None:
    assert SO_GOC.clock_start is ClockStart.RECORDED
    assert "theo dấu bưu điện đến" in (SO_GOC.clock_start_words or "")
    d = Dossier.submit(
        SO_GOC,
        submitted_at=vn(2026, 3, 6, 14, 40),
        channel=Channel.ONLINE,
        applicant=Applicant(name="Nguyễn Văn A"),
        calendar=CAL,
        by="dichvucong",
    )
    # The system recorded it complete at 14:50 on Friday; the desk looked on Monday.
    d.accept(at=vn(2026, 3, 9, 9, 0), by="cb.tiepnhan", recorded_at=vn(2026, 3, 6, 14, 50))
    assert d.accepted_at == vn(2026, 3, 9, 9, 0)
    assert d.recorded_at == d.clock_started_at == vn(2026, 3, 6, 14, 50)
    assert d.legal_due_at == vn(2026, 3, 6, 17, 0)  # the same day: before the 15:00 cut-off
    assert d.check_overdue(vn(2026, 3, 9, 9, 5))  # the desk's own delay is the desk's


def test_2000908_by_post_counts_from_the_postmark_of_arrival() -> None:
    # Postmarked on arrival Monday 09/03/2026 at 16:00 (after 15:00), opened Tuesday 09:00.
    d = _receive(SO_GOC, vn(2026, 3, 10, 9), Channel.POST, recorded_at=vn(2026, 3, 9, 16))
    assert d.legal_due_at == vn(2026, 3, 10, 17, 0)  # the next working day
    assert d.deadline is not None
    assert "Nhận sau 15 giờ 00" in d.deadline.describe()  # the cut-off applies to the postmark
    # Postmarked at 10:00 and opened the next day: due the day of the postmark.
    early = _receive(SO_GOC, vn(2026, 3, 10, 9), Channel.POST, recorded_at=vn(2026, 3, 9, 10))
    assert early.legal_due_at == vn(2026, 3, 9, 17, 0)
    stored = d.to_dict()
    assert stored["procedure"]["clock_start"] == "recorded"
    assert stored["history"][0]["recorded_at"] == "2026-03-09T16:00:00+07:00"
    assert Dossier.from_dict(stored, calendar=CAL) == d
    assert Dossier.from_json(d.to_json(), calendar=CAL).recorded_at == vn(2026, 3, 9, 16)


def test_a_procedure_counting_from_acceptance_keeps_both_times_and_starts_at_the_desk() -> None:
    marriage = CATALOG.get("1.004873")
    assert marriage.clock_start is ClockStart.ACCEPTED
    d = _receive(marriage, vn(2026, 3, 10, 9), Channel.POST, recorded_at=vn(2026, 3, 9, 16))
    assert d.recorded_at == vn(2026, 3, 9, 16)
    assert d.clock_started_at == d.accepted_at == vn(2026, 3, 10, 9)
    assert "clock_start" not in d.to_dict()["procedure"]


def test_a_recorded_time_after_acceptance_or_before_submission_is_refused() -> None:
    with pytest.raises(ActionNotAllowedError, match="is after the desk's acceptance"):
        _receive(SO_GOC, vn(2026, 3, 10, 9), Channel.POST, recorded_at=vn(2026, 3, 10, 10))
    d = Dossier.submit(
        SO_GOC,
        submitted_at=vn(2026, 3, 6, 14, 40),
        channel=Channel.ONLINE,
        applicant=Applicant(name="A"),
        calendar=CAL,
        by="dichvucong",
    )
    with pytest.raises(ActionNotAllowedError, match="before the submission"):
        d.accept(at=vn(2026, 3, 9, 9), by="cb", recorded_at=vn(2026, 3, 6, 14, 0))
    assert d.status.value == "submitted"  # nothing changed
    assert d.version == 1
    with pytest.raises(NaiveDatetimeError, match="recorded_at"):
        d.accept(at=vn(2026, 3, 9, 9), by="cb", recorded_at=datetime(2026, 3, 6, 15))  # noqa: DTZ001


def test_a_stored_clock_start_that_disagrees_with_the_history_is_refused() -> None:
    d = _receive(SO_GOC, vn(2026, 3, 10, 9), Channel.POST, recorded_at=vn(2026, 3, 9, 10))
    stored = d.to_dict()
    del stored["procedure"]["clock_start"]  # as if it counted from the desk
    with pytest.raises(StoredDossierError, match=r"history\[0\]"):
        Dossier.from_dict(stored, calendar=CAL)
    stored = d.to_dict()
    stored["history"][0]["recorded_at"] = None
    with pytest.raises(StoredDossierError, match="must be left out when there is none"):
        Dossier.from_dict(stored, calendar=CAL)


def test_2000815_a_longer_time_agreed_in_writing_becomes_the_legal_due_time() -> None:
    # Monday 02/03/2026 10:00, many pages: two working days on top would be Wed 17:00;
    # the applicant agreed in writing to Friday 06/03 10:00.
    d = _receive(
        BAN_SAO,
        vn(2026, 3, 2, 10),
        Channel.COUNTER,
        extended=True,
        agreed_due_at=vn(2026, 3, 6, 10),
        agreement=AGREED,
    )
    assert d.legal_due_at == d.due_at == vn(2026, 3, 6, 10)
    assert d.agreement == AGREED
    assert d.deadline is not None
    assert d.deadline.at == vn(2026, 3, 4, 17)  # what the limit alone gave
    assert d.history[0].new_due_at == vn(2026, 3, 6, 10)
    loaded = Dossier.from_json(d.to_json(), calendar=CAL)
    assert (loaded.agreement, loaded.legal_due_at) == (AGREED, vn(2026, 3, 6, 10))
    assert d.to_dict()["procedure"]["by_agreement"] is True


@pytest.mark.parametrize(
    ("code", "due", "agreement", "message"),
    [
        ("1.004873", vn(2026, 3, 13, 10), AGREED, "does not allow a due time agreed"),
        ("2.000815", vn(2026, 3, 6, 10), None, "say what the agreement is"),
        ("2.000815", vn(2026, 3, 6, 10), "  ", "say what the agreement is"),
        ("2.000815", vn(2026, 3, 3, 10), AGREED, "never shorter"),
        ("2.000815", vn(2026, 3, 6, 20), AGREED, "not within office hours"),
        ("2.000815", vn(2026, 3, 7, 10), AGREED, "not within office hours"),  # Saturday
    ],
)
def test_an_agreed_due_time_the_law_does_not_allow_is_refused(
    code: str, due: datetime, agreement: str | None, message: str
) -> None:
    with pytest.raises(ActionNotAllowedError, match=message):
        _receive(
            CATALOG.get(code),
            vn(2026, 3, 2, 10),
            Channel.COUNTER,
            extended=code == "2.000815",
            agreed_due_at=due,
            agreement=agreement,
        )


def test_a_stored_agreement_without_its_text_is_refused() -> None:
    d = _receive(
        BAN_SAO,
        vn(2026, 3, 2, 10),
        Channel.COUNTER,
        extended=True,
        agreed_due_at=vn(2026, 3, 6, 10),
        agreement=AGREED,
    )
    stored = d.to_dict()
    del stored["history"][0]["agreement"]
    with pytest.raises(StoredDossierError, match="say what the agreement is"):
        Dossier.from_dict(stored, calendar=CAL)
    stored = d.to_dict()
    stored["history"].append({**stored["history"][0], "seq": 2, "action": "start_processing"})
    with pytest.raises(StoredDossierError, match="belong to receive or accept only"):
        Dossier.from_dict(stored, calendar=CAL)


def test_a_recorded_time_months_before_acceptance_is_a_typo_and_refused() -> None:
    with pytest.raises(ActionNotAllowedError, match="more than 60 days before the acceptance"):
        _receive(SO_GOC, vn(2026, 3, 10, 9), Channel.POST, recorded_at=vn(2025, 3, 9, 10))
    d = _receive(SO_GOC, vn(2026, 3, 10, 9), Channel.POST, recorded_at=vn(2026, 2, 2, 10))
    assert d.clock_started_at == vn(2026, 2, 2, 10)  # a slow post: 5 weeks, still accepted


def test_an_agreed_due_time_moves_by_a_supplement_even_where_the_clock_restarts() -> None:
    d = _receive(
        BAN_SAO,
        vn(2026, 3, 10, 9),
        Channel.COUNTER,
        extended=True,
        agreed_due_at=vn(2026, 3, 20, 9),
        agreement=AGREED,
        policy=ClockPolicy(restart_on_supplement=True),
    )
    d.start_processing(at=vn(2026, 3, 10, 10), by="tp")
    d.request_supplement(at=vn(2026, 3, 11, 9), by="tp", reason="Thiếu trang", items=["Trang 3"])
    d.supplement_received(at=vn(2026, 3, 12, 9), by="tp")  # one working day waited
    assert d.legal_due_at == vn(2026, 3, 23, 9)
    assert Dossier.from_dict(d.to_dict(), calendar=CAL) == d


def test_two_dossiers_that_differ_only_in_when_the_clock_starts_are_not_equal() -> None:
    d = Dossier.submit(
        SO_GOC,
        submitted_at=vn(2026, 3, 6, 14, 40),
        channel=Channel.ONLINE,
        applicant=Applicant(name="A"),
        calendar=CAL,
        by="dichvucong",
    )
    stored = d.to_dict()
    del stored["procedure"]["clock_start"]
    other = Dossier.from_dict(stored, calendar=CAL)
    assert other.clock_start is ClockStart.ACCEPTED
    assert other != d


def test_times_given_in_utc_are_kept_in_hanoi_time() -> None:
    d = _receive(
        BAN_SAO,
        vn(2026, 3, 2, 10),
        Channel.COUNTER,
        extended=True,
        agreed_due_at=datetime(2026, 3, 6, 3, tzinfo=UTC),
        agreement=AGREED,
    )
    assert d.to_dict()["history"][0]["new_due_at"] == "2026-03-06T10:00:00+07:00"
    assert d.to_dict()["state"]["legal_due_at"] == "2026-03-06T10:00:00+07:00"


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("clock_start", "accepted", "must be 'recorded', or left out"),
        ("clock_start", "whenever", "procedure.clock_start"),
        ("by_agreement", False, "must be true, or left out"),
    ],
)
def test_a_stored_procedure_rule_written_otherwise_than_motcua_writes_it_is_refused(
    key: str, value: object, message: str
) -> None:
    stored = _receive(BAN_SAO, vn(2026, 3, 2, 10), Channel.COUNTER).to_dict()
    stored["procedure"][key] = value
    with pytest.raises(StoredDossierError, match=message):
        Dossier.from_dict(stored, calendar=CAL)
