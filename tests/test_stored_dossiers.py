"""A stored dossier is a contract: loading replays it, on the calendar it was counted on."""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from helpers import vn
from motcua import (
    Applicant,
    Catalog,
    Channel,
    Dossier,
    DossierStatus,
    OfficeHours,
    Timeliness,
    WorkingCalendar,
)
from motcua.dossiers import FORMAT, DossierAction, PauseKind, _memo, _stored, upgrade_stored
from motcua.errors import (
    ActionNotAllowedError,
    DossierError,
    DossierTimeError,
    StaleDossierError,
    StoredDossierError,
)
from motcua.reports import Period, report

GOLDEN = Path(__file__).parent / "golden" / "stored"
CAL = WorkingCalendar.vietnam()
CENTRE = WorkingCalendar.vietnam(office_hours=OfficeHours.parse("07:30-11:30, 13:30-17:30"))


def _chain(calendar: WorkingCalendar = CAL) -> Dossier:
    """2.002621 online: 3 steps, a supplement, an extension: 7 events."""
    d = Dossier.receive(
        Catalog.builtin().get("2.002621"),
        accepted_at=vn(2026, 3, 2, 8, 0),
        channel=Channel.ONLINE,
        applicant=Applicant(name="Nguyễn Văn An"),
        calendar=calendar,
        by="cb.tiepnhan",
        code="STORED-1",
    )
    d.start_processing(at=vn(2026, 3, 2, 11, 0), by="tuphap")
    d.hand_over(at=vn(2026, 3, 2, 15, 0), by="tuphap", to="Công an cấp xã")
    d.request_supplement(
        at=vn(2026, 3, 3, 9, 0), by="congan", reason="Thiếu giấy tờ", items=["Giấy xác nhận"]
    )
    d.supplement_received(at=vn(2026, 3, 4, 9, 0), by="tiepnhan")
    d.extend(at=vn(2026, 3, 4, 10, 0), by="ct", reason="Xác minh", new_due_at=vn(2026, 3, 11, 16))
    d.check_overdue(vn(2026, 3, 9, 9, 0))
    return d


def test_a_stored_dossier_loads_equal_and_goes_on() -> None:
    d = _chain()
    data = d.to_dict()
    assert data["format"] == FORMAT == "motcua.dossier/2"
    assert data["calendar"]["calendar_id"] == "vn"
    loaded = Dossier.from_json(d.to_json(), calendar=CAL)
    assert loaded == d
    assert loaded.to_dict() == data
    assert json.loads(json.dumps(data)) == data  # plain JSON types only
    assert json.loads(d.to_json()) == data  # the text says what the dict says…
    assert d.to_json() == json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    loaded.mark_result_ready(at=vn(2026, 3, 10, 9, 0), by="bhxh")
    assert loaded.version == d.version + 1
    # Typed events and pauses, not strings.
    assert d.history[2].action is DossierAction.HAND_OVER
    assert d.history[2].handed_to == "Công an cấp xã"
    assert d.history[3].items == ("Giấy xác nhận",)
    assert d.history[3].agency == "Công an cấp xã"
    assert d.history[5].new_due_at == vn(2026, 3, 11, 16, 0)
    assert d.history[5].previous_due_at == d.legal_due_at
    assert d.history[6].action is DossierAction.MARK_OVERDUE
    assert d.overdue
    assert d.pauses[0].kind is PauseKind.SUPPLEMENT
    assert loaded.history[:-1] == d.history


def _tamper(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    data = _chain().to_dict()
    change(data)
    return data


def _swap(history: list[Any], i: int, j: int) -> None:
    history[i], history[j] = history[j], history[i]


TAMPERING: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
    ("reordered events", lambda d: _swap(d["history"], 2, 3), r"history\[2\]"),
    (
        "time going backwards",
        lambda d: d["history"][3].update(at="2026-03-01T09:00:00+07:00"),
        "before the last event",
    ),
    (
        "illegal transition",
        lambda d: d["history"][1].update(action="mark_result_ready"),
        "cannot do that",
    ),
    ("unknown action", lambda d: d["history"][1].update(action="approve"), "must be one of"),
    ("deleted event", lambda d: d["history"].pop(4), r"history\[4\]"),
    ("renumbered event", lambda d: d["history"][2].update(seq=7), r"history\[2\]\.seq"),
    (
        "empty history, status returned",
        lambda d: (d.update(history=[]), d["state"].update(status="returned")),
        "non-empty list",
    ),
    (
        "forged legal due time",
        lambda d: d["state"].update(legal_due_at="2026-04-30T17:00:00+07:00"),
        "state.legal_due_at",
    ),
    (
        "forged event clock",
        lambda d: d["history"][0]["clock"].update(due_at="2026-04-30T17:00:00+07:00"),
        r"history\[0\]\.clock\.due_at",
    ),
    ("naive datetime", lambda d: d["history"][1].update(at="2026-03-02T11:00:00"), "no UTC offset"),
    (
        "edited pause",
        lambda d: d["state"]["pauses"][0].update(ended_at="2026-03-05T09:00:00+07:00"),
        r"state\.pauses\[0\]\.ended_at",
    ),
    ("a pause removed", lambda d: d["state"]["pauses"].clear(), "0 stored, the replay gives 1"),
    ("status changed", lambda d: d["state"].update(status="returned"), "state.status"),
    ("overdue flag cleared", lambda d: d["state"].update(overdue=False), "state.overdue"),
    ("version bumped", lambda d: d["state"].update(version=9), "state.version"),
    (
        "supplement count edited",
        lambda d: d["state"].update(supplement_requests={}),
        "state.supplement_requests",
    ),
    (
        "step due edited",
        lambda d: d["state"]["steps"][1].update(due_at="2026-03-09T17:00:00+07:00"),
        r"state\.steps\[1\]\.due_at",
    ),
    ("reason removed", lambda d: d["history"][3].pop("reason"), "a reason is required"),
    ("unknown field", lambda d: d.update(secret=1), "unknown field"),
    ("a bool for a number", lambda d: d["history"][0].update(seq=True), r"history\[0\]\.seq"),
    (
        "an agency on another action",
        lambda d: d["history"][1].update(agency="X"),
        r"history\[1\]\.agency",
    ),
    ("not a dict", lambda d: d["history"].__setitem__(0, "receive"), "JSON object"),
]


@pytest.mark.parametrize(
    ("change", "where"), [(c, w) for _, c, w in TAMPERING], ids=[n for n, _, _ in TAMPERING]
)
def test_a_tampered_dossier_is_refused_naming_where(
    change: Callable[[dict[str, Any]], object], where: str
) -> None:
    with pytest.raises(StoredDossierError, match=where) as info:
        Dossier.from_dict(_tamper(change), calendar=CAL)
    assert isinstance(info.value, DossierError)
    assert isinstance(info.value, ValueError)
    assert info.value.code == "STORED-1"


def test_the_refusal_says_what_is_stored_and_what_replay_gives() -> None:
    data = _tamper(lambda d: d["state"].update(legal_due_at="2026-04-30T17:00:00+07:00"))
    with pytest.raises(StoredDossierError) as info:
        Dossier.from_dict(data, calendar=CAL)
    assert info.value.where == "state.legal_due_at"
    assert info.value.stored == "2026-04-30T17:00:00+07:00"
    assert info.value.replayed == "2026-03-05T17:00:00+07:00"


def test_the_same_instant_in_another_offset_is_the_same_value() -> None:
    data = _chain().to_dict()
    data["state"]["legal_due_at"] = "2026-03-05T10:00:00+00:00"  # 17:00 in Hà Nội
    assert Dossier.from_dict(data, calendar=CAL) == _chain()


def test_non_json_and_other_documents_are_refused() -> None:
    with pytest.raises(StoredDossierError, match="is not JSON text"):
        Dossier.from_json("{", calendar=CAL)
    with pytest.raises(StoredDossierError, match="must be a JSON object"):
        Dossier.from_json("[1, 2]", calendar=CAL)
    with pytest.raises(StoredDossierError, match=r"must be 'motcua\.dossier/2'"):
        Dossier.from_dict({"format": "other"}, calendar=CAL)


# -- the calendar is never hidden ---------------------------------------------------------


def test_a_centre_calendar_is_recorded_and_required_at_load() -> None:
    d = Dossier.receive(
        Catalog.builtin().get("1.004873"),
        accepted_at=vn(2026, 3, 3, 9, 0),
        channel=Channel.COUNTER,
        applicant=Applicant(name="An"),
        calendar=CENTRE,
        by="cb",
        code="CENTRE-1",
    )
    d.start_processing(at=vn(2026, 3, 3, 10, 0), by="tp")
    d.request_supplement(at=vn(2026, 3, 4, 9, 0), by="tp", reason="r", items=["a"])
    stored = d.to_dict()
    assert stored["calendar"]["office_hours"] == "07:30-11:30, 13:30-17:30"
    with pytest.raises(StoredDossierError, match=r"counted on calendar vn-.*07:30-11:30") as info:
        Dossier.from_dict(stored, calendar=CAL)  # the portal forgot the centre's calendar
    assert info.value.where == "calendar"
    loaded = Dossier.from_dict(stored, calendar=CENTRE)
    # Resumed on the centre's hours: Wed 11/3 07:45, where the national calendar (had
    # the portal forgotten the centre's) would say Tue 10/3 17:00.
    loaded.supplement_received(at=vn(2026, 3, 9, 7, 45), by="tn")
    assert loaded.legal_due_at == vn(2026, 3, 11, 7, 45)
    assert loaded.counted_on == CENTRE.identity


def test_recounting_on_another_calendar_is_explicit_and_recorded() -> None:
    d = _chain(CENTRE)
    again = Dossier.from_dict(d.to_dict(), calendar=CAL, recount=True)
    assert again.recounted_from == (CENTRE.identity,)
    assert again.counted_on == CAL.identity
    assert again.legal_due_at != d.legal_due_at  # recounted on 08:00–17:00
    assert [e.action for e in again.history] == [e.action for e in d.history]
    kept = Dossier.from_dict(again.to_dict(), calendar=CAL)
    assert kept == again
    assert kept.to_dict()["recounted_from"][0]["office_hours"] == "07:30-11:30, 13:30-17:30"


def test_a_recount_still_checks_the_history() -> None:
    data = _chain(CENTRE).to_dict()
    data["history"][2]["action"] = "return_result"
    with pytest.raises(StoredDossierError, match="cannot do that"):
        Dossier.from_dict(data, calendar=CAL, recount=True)


def test_a_calendar_must_be_passed() -> None:
    with pytest.raises(TypeError, match="WorkingCalendar"):
        Dossier.from_dict(_chain().to_dict(), calendar=None)  # type: ignore[arg-type]


# -- migrating the previous shape ----------------------------------------------------------


def test_a_dossier_stored_by_motcua_0_1_is_refused_then_upgraded() -> None:
    old = json.loads((GOLDEN / "v0.1-dossier.json").read_text(encoding="utf-8"))
    with pytest.raises(StoredDossierError, match=r"motcua 0\.1 shape.*upgrade_stored"):
        Dossier.from_dict(old, calendar=CAL)
    d = Dossier.from_dict(upgrade_stored(old, calendar=CAL), calendar=CAL)
    assert d.version == 6
    assert d.legal_due_at == vn(2026, 3, 5, 17, 0)
    assert d.due_at == vn(2026, 3, 11, 16, 0)
    assert d.history[2].handed_to == "Công an cấp xã"
    assert d.history[5].previous_due_at == vn(2026, 3, 5, 17, 0)
    with pytest.raises(StoredDossierError, match=r"not a dossier stored by motcua 0\.1"):
        upgrade_stored({"code": "x"}, calendar=CAL)


# -- atomic actions ----------------------------------------------------------------------


def test_threads_acting_at_once_never_lose_or_duplicate_an_event() -> None:
    for _ in range(30):
        d = _chain()
        d2 = Dossier.from_dict(d.to_dict(), calendar=CAL)
        seen = d2.version
        barrier = threading.Barrier(8)
        won: list[int] = []
        stale: list[int] = []

        def work(
            n: int,
            d2: Dossier = d2,
            seen: int = seen,
            barrier: threading.Barrier = barrier,
            won: list[int] = won,
            stale: list[int] = stale,
        ) -> None:
            barrier.wait()
            try:
                d2.hand_over(at=vn(2026, 3, 9, 10, n), by=f"w{n}", to="x", expected_version=seen)
                won.append(n)
            except StaleDossierError:
                stale.append(n)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(won) == 1
        assert len(stale) == 7
        assert d2.version == seen + 1
        assert Dossier.from_dict(d2.to_dict(), calendar=CAL) == d2


def test_threads_without_a_version_serialise() -> None:
    d = _chain()
    start = d.version
    barrier = threading.Barrier(8)

    def work(n: int) -> None:
        barrier.wait()
        for _ in range(10):
            d.hand_over(at=vn(2026, 3, 10, 8, 0), by=f"w{n}", to="x")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert d.version == start + 80
    assert [e.seq for e in d.history] == list(range(1, d.version + 1))
    assert Dossier.from_dict(d.to_dict(), calendar=CAL) == d


# -- as of a moment ------------------------------------------------------------------------


def _paused_across_april() -> Dossier:
    d = Dossier.receive(
        Catalog.builtin().get("1.004873"),
        accepted_at=vn(2026, 4, 8, 9, 0),
        channel=Channel.COUNTER,
        applicant=Applicant(name="An"),
        calendar=CAL,
        by="cb",
        code="APRIL-1",
    )
    d.start_processing(at=vn(2026, 4, 8, 10, 0), by="tp")
    d.request_supplement(at=vn(2026, 4, 10, 9, 0), by="tp", reason="r", items=["a"])
    return d


def test_a_report_of_april_reads_the_same_whenever_it_is_taken() -> None:
    april = Period.month(2026, 4)
    d = _paused_across_april()
    on_30 = report([d], april, at=vn(2026, 4, 30, 17, 0), group_by=None).total
    on_30_records = report([d.record()], april, at=vn(2026, 4, 30, 17, 0), group_by=None).total
    assert on_30.paused_supplement == on_30_records.paused_supplement == 1
    d.supplement_received(at=vn(2026, 5, 5, 9, 0), by="tn")
    d.mark_result_ready(at=vn(2026, 5, 6, 9, 0), by="tp")
    on_15_may = report([d], april, at=vn(2026, 5, 15, 9, 0), group_by=None).total
    from_records = report([d.record()], april, at=vn(2026, 5, 15, 9, 0), group_by=None).total
    assert on_15_may == on_30 == from_records
    assert on_15_may.paused_supplement == 1
    assert on_15_may.in_progress_within == 0


def test_questions_as_of_a_moment_do_not_change_later() -> None:
    d = _paused_across_april()
    end_of_april = vn(2026, 4, 30, 17, 0)
    before = d.as_of(end_of_april)
    assert before.status is DossierStatus.AWAITING_SUPPLEMENT
    assert d.timeliness(end_of_april) is Timeliness.PAUSED
    d.supplement_received(at=vn(2026, 5, 5, 9, 0), by="tn")
    assert d.as_of(end_of_april) == before
    assert d.timeliness(end_of_april) is Timeliness.PAUSED
    assert d.as_of(end_of_april).legal_due_at == vn(2026, 4, 13, 9, 0)
    assert d.legal_due_at != vn(2026, 4, 13, 9, 0)  # moved by the pause since
    assert str(d.remaining(end_of_april)) == "còn 1 ngày"


def test_a_moment_before_the_dossier_existed_is_refused() -> None:
    d = _paused_across_april()
    with pytest.raises(DossierTimeError, match="did not exist yet"):
        d.as_of(vn(2026, 4, 1))
    bare = d.record()
    with pytest.raises(DossierTimeError, match="no timeline"):
        replace(bare, timeline=()).as_of(vn(2026, 4, 9))


# -- bounded time --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "message"),
    [
        (vn(2206, 3, 9, 9, 0), "outside the calendar"),
        (datetime.max.replace(tzinfo=UTC), "outside the calendar"),
        (vn(2040, 3, 9, 9, 0), "more than 1830 days after"),
    ],
    ids=["typo-year", "datetime-max", "decade-late"],
)
def test_an_implausible_moment_is_refused_and_nothing_is_stuck(at: datetime, message: str) -> None:
    d = _chain()
    before = d.to_json()
    with pytest.raises(ActionNotAllowedError, match=message):
        d.mark_result_ready(at=at, by="tp")
    assert d.to_json() == before
    d.mark_result_ready(at=vn(2026, 3, 10, 9, 0), by="tp")  # the real action still goes
    assert d.status is DossierStatus.RESULT_READY


def test_receiving_outside_the_calendar_is_refused() -> None:
    with pytest.raises(DossierError, match=r"outside the calendar"):
        Dossier.receive(
            Catalog.builtin().get("1.004873"),
            accepted_at=vn(2206, 3, 2, 9),
            channel=Channel.COUNTER,
            applicant=Applicant(name="An"),
            calendar=CAL,
            by="cb",
        )


def test_stored_dossiers_are_independent_of_the_callers_dict() -> None:
    data = _chain().to_dict()
    d = Dossier.from_dict(data, calendar=CAL)
    data["history"].clear()
    copy.deepcopy(d.to_dict())
    assert d.version == 7
    assert d.history[0].at == vn(2026, 3, 2, 8, 0)
    assert d.as_of(vn(2026, 3, 3)).accepted_at == vn(2026, 3, 2, 8, 0)
    assert date(2026, 3, 2) == d.history[0].at.date()


# -- texts this process wrote need no second replay ---------------------------------------


def test_a_text_written_here_loads_without_replay_but_only_exactly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    d = _chain()
    text = d.to_json()
    calls: list[object] = []
    real = _stored.load

    def counting(*args: Any, **kwargs: Any) -> Dossier:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(_stored, "load", counting)
    assert Dossier.from_json(text, calendar=CAL) == d
    assert calls == []  # the very text this process wrote: no replay needed
    tampered = text.replace('"overdue":true', '"overdue":false')
    with pytest.raises(StoredDossierError, match=r"state\.overdue"):
        Dossier.from_json(tampered, calendar=CAL)
    assert len(calls) == 1  # any other text is replayed
    with pytest.raises(StoredDossierError, match="counted on calendar vn "):
        Dossier.from_json(text, calendar=CENTRE)  # another calendar: never from memory
    again = Dossier.from_json(text, calendar=CENTRE, recount=True)
    assert again.recounted_from == (CAL.identity,)
    with pytest.raises(StoredDossierError, match="counted on calendar vn "):
        Dossier.from_json(text, calendar=CENTRE)  # a recount is not remembered as stored
    loaded = Dossier.from_json(text, calendar=CAL)
    loaded.mark_result_ready(at=vn(2026, 3, 10, 9, 0), by="bhxh")
    assert Dossier.from_json(text, calendar=CAL).version == d.version  # copies, not shared
    assert len(_memo._CHECKED) <= _memo._CHECKED_LIMIT


def test_a_loaded_dossier_writes_its_stored_form_as_motcua_writes_it() -> None:
    text = _chain().to_json()
    spelt = json.loads(text)
    spelt["history"][1]["at"] = "2026-03-02T11:00+07:00"  # no seconds: the same moment
    spelt["history"][2] = dict(reversed(spelt["history"][2].items()))  # keys reordered
    for data in (json.loads(text), spelt):
        d = Dossier.from_dict(data, calendar=CAL)
        d.mark_result_ready(at=vn(2026, 3, 10, 9, 0), by="bhxh")
        assert d.to_json() == json.dumps(d.to_dict(), ensure_ascii=False, separators=(",", ":"))
        assert json.loads(d.to_json())["history"][1]["at"] == "2026-03-02T11:00:00+07:00"
