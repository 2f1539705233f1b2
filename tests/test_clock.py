"""The clock's arithmetic on its own: pure functions of a state and a calendar."""

from __future__ import annotations

from datetime import timedelta

from helpers import vn
from motcua import DossierAction, DossierStatus, OfficeHours, ProcessingTime, WorkingCalendar
from motcua.dossiers import Pause, PauseKind, StepPlan, StepRecord
from motcua.dossiers._clock import (
    ClockState,
    due_events,
    next_check,
    paused_time,
    resume,
    start,
    step_budget,
)

CAL = WorkingCalendar.vietnam()
CENTRE = WorkingCalendar.vietnam(office_hours=OfficeHours.parse("07:30-11:30, 13:30-17:30"))
HOUR = timedelta(hours=1)


def _waiting(calendar: WorkingCalendar, since_hour: int = 9) -> ClockState:
    """Received Tue 3/3/2026 09:00 on a 3-working-day limit, waiting since Wed 4/3."""
    legal, steps = start(calendar, ProcessingTime.working_days(3), (), vn(2026, 3, 3, 9, 0))
    return ClockState(
        DossierStatus.AWAITING_SUPPLEMENT,
        False,
        vn(2026, 3, 3, 9, 0),
        legal,
        legal,
        None,
        (Pause(PauseKind.SUPPLEMENT, vn(2026, 3, 4, since_hour, 0)),),
        steps,
    )


def test_a_resumed_wait_moves_the_due_time_by_its_office_time() -> None:
    state = _waiting(CAL)
    assert state.legal_due_at == vn(2026, 3, 6, 9, 0)
    shift = resume(
        CAL,
        ProcessingTime.working_days(3),
        False,
        state,
        vn(2026, 3, 9, 14, 0),
        DossierAction.SUPPLEMENT_RECEIVED,
    )
    assert shift.legal_due_at == vn(2026, 3, 11, 14, 0)  # Wed 7 h, Thu 8, Fri 8, Mon 5
    assert shift.pauses[0].ended_by is DossierAction.SUPPLEMENT_RECEIVED
    assert paused_time(CAL, shift.pauses) == 28 * HOUR


def test_a_centre_on_other_hours_resumes_to_its_own_due_time() -> None:
    # The same wait, Wed 4/3 09:00 → Mon 9/3 07:45, counted on two calendars. Centre
    # (07:30–11:30, 13:30–17:30): 6.5 + 8 + 8 + 0.25 = 22.75 office hours waited, so Fri
    # 09:00 moves to Wed 11/3 07:45. National (08:00–17:00): 7 + 8 + 8 + 0 = 23 hours, so
    # Tue 10/3 17:00. A reloaded dossier counted on the wrong one is 15 minutes off.
    back = vn(2026, 3, 9, 7, 45)
    centre = resume(
        CENTRE,
        ProcessingTime.working_days(3),
        False,
        _waiting(CENTRE),
        back,
        DossierAction.SUPPLEMENT_RECEIVED,
    )
    national = resume(
        CAL,
        ProcessingTime.working_days(3),
        False,
        _waiting(CAL),
        back,
        DossierAction.SUPPLEMENT_RECEIVED,
    )
    assert centre.legal_due_at == vn(2026, 3, 11, 7, 45)
    assert national.legal_due_at == vn(2026, 3, 10, 17, 0)
    assert paused_time(CENTRE, centre.pauses) == timedelta(hours=22, minutes=45)


def test_a_restart_policy_counts_the_whole_limit_again() -> None:
    shift = resume(
        CAL,
        ProcessingTime.working_days(3),
        True,
        _waiting(CAL),
        vn(2026, 3, 9, 14, 0),
        DossierAction.SUPPLEMENT_RECEIVED,
    )
    assert shift.legal_due_at == vn(2026, 3, 12, 14, 0)


def test_steps_get_their_budget_and_move_with_a_wait() -> None:
    plan = (StepPlan("Thẩm định", "Tư pháp", 4 * HOUR),)
    legal, steps = start(CAL, ProcessingTime.working_days(1), plan, vn(2026, 3, 2, 16, 0))
    assert legal == vn(2026, 3, 3, 16, 0)
    assert steps == (
        StepRecord(
            0, "Thẩm định", "Tư pháp", 4 * HOUR, vn(2026, 3, 2, 16, 0), vn(2026, 3, 3, 11, 0)
        ),
    )
    assert step_budget(ProcessingTime.working_days(2), CAL) == 16 * HOUR
    assert step_budget(ProcessingTime.working_hours(3), CAL) == 3 * HOUR


def test_a_step_in_working_days_is_counted_on_the_centres_own_office_day() -> None:
    # The catalog checks that budgets add up with 1 working day = 8 hours; a centre whose
    # office day is 7.5 hours counts each working day of a step as 7.5 hours of its own.
    short = WorkingCalendar.vietnam(office_hours=OfficeHours.parse("07:30-11:30, 13:30-17:00"))
    assert short.office_hours.length == 7.5 * HOUR
    assert step_budget(ProcessingTime.working_days(2), short) == 15 * HOUR
    assert step_budget(ProcessingTime.same_day(), short) == 7.5 * HOUR
    assert step_budget(ProcessingTime.working_hours(3), short) == 3 * HOUR
    assert step_budget(ProcessingTime.calendar_days(2), short) == 15 * HOUR  # as office days
    assert step_budget(ProcessingTime.working_days(2), CENTRE) == 16 * HOUR  # an 8-hour day


def test_due_events_and_the_next_moment_to_look() -> None:
    legal, _ = start(CAL, ProcessingTime.working_days(3), (), vn(2026, 3, 3, 9, 0))
    running = ClockState(
        DossierStatus.PROCESSING, False, vn(2026, 3, 3, 9, 0), legal, legal, None, (), ()
    )
    assert next_check(CAL, running, None) == vn(2026, 3, 5, 9, 0)  # due soon
    assert due_events("X", CAL, running, vn(2026, 3, 5, 8, 59)) == []
    soon = due_events("X", CAL, running, vn(2026, 3, 5, 9, 0))
    assert [(e.kind.value, e.key) for e in soon] == [("due_soon", "X:due_soon:20260306T0900")]
    after = next_check(CAL, running, vn(2026, 3, 5, 9, 0))
    assert after == legal + timedelta(microseconds=1)
    assert [e.kind.value for e in due_events("X", CAL, running, after)] == ["overdue"]
    marked = running._replace(overdue=True, marked_due_at=legal)
    assert next_check(CAL, marked, None) is None  # acted on, and the reminder is moot
    moved = marked._replace(legal_due_at=legal + timedelta(days=7))  # e.g. a restart since
    assert next_check(CAL, moved, None) == vn(2026, 3, 12, 9, 0)  # the new reminder stands
    assert next_check(CAL, _waiting(CAL), None) is None  # the clock is stopped
