"""When the desk receives: reception hours, late entries, and online dossiers at any hour."""

from __future__ import annotations

from datetime import datetime

import pytest

from helpers import vn
from motcua import (
    Applicant,
    Catalog,
    Channel,
    Dossier,
    DossierNumbering,
    OfficeHours,
    WorkingCalendar,
)
from motcua.errors import ActionNotAllowedError, ArgumentTypeError, ReceptionClosedError

CATALOG = Catalog.builtin()
CAL = WorkingCalendar.vietnam()
BIRTH = CATALOG.get("1.001193")  # birth registration: counter, online and post


def _receive(
    at: datetime, channel: Channel = Channel.COUNTER, calendar: WorkingCalendar = CAL, **kw: object
) -> Dossier:
    return Dossier.receive(
        BIRTH,
        accepted_at=at,
        channel=channel,
        applicant=Applicant(name="Nguyễn Văn A"),
        calendar=calendar,
        by="cb.tiepnhan",
        **kw,  # type: ignore[arg-type]
    )


def test_a_counter_dossier_at_0300_on_a_sunday_is_refused_naming_the_next_session() -> None:
    numbering = DossierNumbering("000.00.20.H12")
    with pytest.raises(ReceptionClosedError) as refused:
        _receive(vn(2026, 3, 8, 3, 0), numbering=numbering)  # Sunday 08/03/2026
    error = refused.value
    assert isinstance(error, ActionNotAllowedError)
    assert error.at == vn(2026, 3, 8, 3, 0)
    assert error.channel == "counter"
    assert "outside the centre's reception hours" in str(error)
    assert "next office session starts at 2026-03-09T08:00:00+07:00" in str(error)
    assert 'late_entry="why"' in str(error)
    # Nothing was used up: the day's first serial is still free.
    assert str(numbering.issue(vn(2026, 3, 8, 9))).endswith("-260308-0001")


@pytest.mark.parametrize(
    ("at", "why"),
    [
        (vn(2026, 3, 9, 7, 59), "before the morning session"),
        (vn(2026, 3, 9, 12, 30), "lunch"),
        (vn(2026, 3, 9, 17, 0), "the afternoon session has ended"),
        (vn(2026, 4, 27, 9, 0), "Giỗ Tổ Hùng Vương, observed on Monday 27/04/2026"),
        (vn(2026, 9, 1, 9, 0), "the 2/9 holiday break"),
    ],
)
def test_counter_and_post_are_refused_outside_reception_hours(at: datetime, why: str) -> None:
    for channel in (Channel.COUNTER, Channel.POST):
        with pytest.raises(ReceptionClosedError):
            _receive(at, channel)
    assert _receive(vn(2026, 3, 9, 8, 0)).status.value == "received", why


def test_an_online_dossier_arrives_at_any_hour_and_counts_from_the_next_session() -> None:
    d = _receive(vn(2026, 3, 8, 3, 0), Channel.ONLINE)  # Sunday night
    assert d.deadline is not None
    assert d.deadline.counted_from == vn(2026, 3, 9, 8, 0)


def test_a_centre_open_on_saturday_mornings_receives_then() -> None:
    hanoi = WorkingCalendar.vietnam(reception_hours={5: OfficeHours.parse("08:00-12:00")})
    d = _receive(vn(2026, 3, 7, 9, 0), calendar=hanoi)  # Saturday 07/03/2026
    assert d.deadline is not None
    assert d.deadline.counted_from == vn(2026, 3, 9, 8, 0)  # counted from Monday
    with pytest.raises(ReceptionClosedError):
        _receive(vn(2026, 3, 7, 14, 0), calendar=hanoi)  # Saturday afternoon: closed


def test_a_late_entry_is_recorded_with_its_real_time_and_why() -> None:
    why = "Công dân được gọi số lúc 16:55, tiếp nhận xong 17:10"
    d = _receive(vn(2026, 3, 9, 17, 10), late_entry=why)
    first = d.history[0]
    assert first.at == vn(2026, 3, 9, 17, 10)
    assert first.reason == why
    assert d.deadline is not None
    assert d.deadline.counted_from == vn(2026, 3, 10, 8, 0)
    loaded = Dossier.from_json(d.to_json(), calendar=CAL)
    assert loaded.history[0].reason == why
    assert Dossier.from_dict(d.to_dict(), calendar=CAL) == d


@pytest.mark.parametrize("bad", ["", "   ", 17])
def test_a_late_entry_without_a_reason_is_refused(bad: object) -> None:
    with pytest.raises(ArgumentTypeError, match="late_entry"):
        _receive(vn(2026, 3, 9, 17, 10), late_entry=bad)


def test_a_counter_submission_accepted_at_night_is_refused_like_a_reception() -> None:
    d = Dossier.submit(
        BIRTH,
        submitted_at=vn(2026, 3, 8, 3),
        channel=Channel.COUNTER,
        applicant=Applicant(name="A"),
        calendar=CAL,
        by="cb",
    )
    with pytest.raises(ReceptionClosedError, match="cannot accept") as refused:
        d.accept(at=vn(2026, 3, 8, 4), by="cb")
    assert refused.value.next_open == vn(2026, 3, 9, 8)
    assert d.status.value == "submitted"  # nothing changed
    d.accept(at=vn(2026, 3, 8, 4), by="cb", late_entry="tiếp nhận lưu động")
    assert d.history[-1].reason == "tiếp nhận lưu động"
    assert Dossier.from_dict(d.to_dict(), calendar=CAL) == d


def test_the_refusal_names_the_saturday_session_when_the_centre_opens_then() -> None:
    hanoi = WorkingCalendar.vietnam(reception_hours={5: OfficeHours.parse("08:00-12:00")})
    with pytest.raises(ReceptionClosedError) as refused:
        _receive(vn(2026, 3, 7, 7, 0), calendar=hanoi)  # Saturday, before opening
    assert refused.value.next_open == vn(2026, 3, 7, 8, 0)
    with pytest.raises(ReceptionClosedError) as closed:
        _receive(vn(2026, 3, 7, 12, 30), calendar=hanoi)  # Saturday afternoon
    assert closed.value.next_open == vn(2026, 3, 9, 8, 0)
    assert str(closed.value).startswith("new dossier: cannot receive: at=2026-03-07T12:30")


def test_a_late_entry_with_text_json_cannot_encode_still_round_trips() -> None:
    d = _receive(vn(2026, 3, 9, 17, 10), late_entry="ghi chú \ud800 lỗi mã")
    assert Dossier.from_dict(d.to_dict(), calendar=CAL) == d
    assert Dossier.from_json(d.to_json(), calendar=CAL) == d
