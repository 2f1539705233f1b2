"""Each desk action as one pure step: guard it once, then compute the next state.

:func:`apply` is the only place an action's rules live. A live action and the replay of
a stored one both go through it, so a stored history is accepted exactly when the same
actions, taken live, would have been.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from motcua.dossiers import _clock
from motcua.dossiers._actions import DossierAction, PauseKind
from motcua.dossiers._records import DossierEvent, Pause
from motcua.dossiers._state import Context, Inputs, State
from motcua.dossiers._status import DossierStatus
from motcua.errors import ActionNotAllowedError, ArgumentTypeError
from motcua.procedures import ClockStart

__all__ = ["agreed_in", "apply", "overdue_due", "refuse"]


def refuse(ctx: Context, state: State, action: DossierAction, reason: str) -> ActionNotAllowedError:
    """The error for refusing *action* in *state*, naming what is allowed instead."""
    if not state.history:  # a dossier being created: it has no status yet
        return ActionNotAllowedError(
            code=ctx.code,
            status="new",
            action=action.value,
            allowed=(action.value,),
            reason=reason,
        )
    return ActionNotAllowedError(
        code=ctx.code,
        status=state.status.value,
        action=action.value,
        allowed=tuple(a.value for a in DossierAction.allowed(state.status)),
        reason=reason,
    )


def overdue_due(state: State, at: datetime) -> bool:
    """Whether ``mark_overdue`` applies at *at*: open, running, past due, not yet marked."""
    due = state.legal_due_at
    return (
        not state.overdue
        and state.status.is_open
        and due is not None
        and not _clock.clock_stopped(state.status, state.pauses)
        and at > due
    )


_ACCEPT = DossierAction.ACCEPT
_EXTEND = DossierAction.EXTEND
_HAND_OVER = DossierAction.HAND_OVER
_MARK_OVERDUE = DossierAction.MARK_OVERDUE
_MARK_RESULT_READY = DossierAction.MARK_RESULT_READY
_RECEIVE = DossierAction.RECEIVE
_REQUEST_PAYMENT = DossierAction.REQUEST_PAYMENT
_REQUEST_SUPPLEMENT = DossierAction.REQUEST_SUPPLEMENT
_RETURN_RESULT = DossierAction.RETURN_RESULT
_START_PROCESSING = DossierAction.START_PROCESSING
_STOP = DossierAction.STOP
_SUBMIT = DossierAction.SUBMIT
_WITHDRAW = DossierAction.WITHDRAW
_SUBMITTED = DossierStatus.SUBMITTED
_RECEIVED = DossierStatus.RECEIVED
_PAYMENT_WAIT = PauseKind.PAYMENT
_SUPPLEMENT_WAIT = PauseKind.SUPPLEMENT
# Module constants: an enum member looked up on its class costs a descriptor call.
_CREATING = frozenset(a for a in DossierAction if a.creating)
_STARTING = frozenset((DossierAction.RECEIVE, DossierAction.ACCEPT))  # the clock starts
_NEEDS_REASON = frozenset(a for a in DossierAction if a.needs_reason)
_FINISHING = frozenset(a for a in DossierAction if a.finishing)
_RESUMING = frozenset(a for a in DossierAction if a.resuming)
_PAUSED = frozenset(s for s in DossierStatus if s.is_paused)


def _guard(ctx: Context, state: State, i: Inputs) -> DossierStatus:
    """Refuse *i* unless the chart, the time, the bounds and the reason allow it."""
    action, at, by = i.action, i.at, i.by
    if type(by) is not str or not by.strip():
        raise ArgumentTypeError("by", by, expected="who acted, as a non-empty str")
    if action in _CREATING:
        if state.history:
            raise refuse(ctx, state, action, "only the first event of a history creates it")
        target = _SUBMITTED if action is _SUBMIT else _RECEIVED
    else:
        found = action.target(state.status) if state.history else None
        if found is None:
            raise refuse(
                ctx, state, action, f"a dossier that is {state.status.value} cannot do that"
            )
        target = found
        last = state.history[-1].at
        if at < last:
            raise refuse(
                ctx,
                state,
                action,
                f"at={at.isoformat()} is before the last event ({state.history[-1].action.value} "
                f"at {last.isoformat()}); events must be recorded in order",
            )
    _bound(ctx, state, action, at)
    if action in _NEEDS_REASON and not (isinstance(i.reason, str) and i.reason.strip()):
        raise refuse(ctx, state, action, "a reason is required")
    if (
        action is not _RECEIVE
        and action is not _ACCEPT
        and (i.recorded_at is not None or i.agreement is not None)
    ):
        raise refuse(
            ctx, state, action, "recorded_at and an agreement belong to receive or accept only"
        )
    if i.agreement is not None and i.new_due_at is None:
        raise refuse(ctx, state, action, "an agreement needs the agreed due time (agreed_due_at)")
    if action is _MARK_OVERDUE and not (
        overdue_due(state, at)
        # On a recount the mark stands as recorded (it happened), while the dossier is open.
        or (ctx.recounting and not state.overdue and state.status.is_open)
    ):
        raise refuse(
            ctx,
            state,
            action,
            "it is not past its legal due time with the clock running, or "
            "it is already marked overdue",
        )
    return target


def _bound(ctx: Context, state: State, action: DossierAction, at: datetime) -> None:
    """Refuse a moment outside the calendar, or implausibly far past the dossier's time."""
    if not ctx.first <= at < ctx.end:
        cal = ctx.calendar
        raise refuse(
            ctx,
            state,
            action,
            f"at={at.isoformat()} is outside the calendar ({cal.first_date:%d/%m/%Y}–"
            f"{cal.last_date:%d/%m/%Y}); check the year",
        )
    reference = state.due_at or (state.history[-1].at if state.history else None)
    if reference is not None and at - reference > ctx.past_due:
        raise refuse(
            ctx,
            state,
            action,
            f"at={at.isoformat()} is more than {ctx.policy.max_days_past_due} days after "
            f"{reference.isoformat()} (ClockPolicy.max_days_past_due); check the year",
        )


def apply(ctx: Context, state: State, i: Inputs) -> State:  # noqa: PLR0912 - one branch an action
    """The state after *i*, or the refusal; *state* itself never changes."""
    target = _guard(ctx, state, i)
    action, at, cal = i.action, i.at, ctx.calendar
    (
        _,
        overdue,
        submitted,
        accepted,
        legal,
        due,
        extended,
        finished,
        pauses,
        steps,
        requests,
        history,
    ) = state
    agency = handed_to = new_due = previous = None
    items: tuple[str, ...] = ()
    if action is _SUBMIT:
        submitted = at
    elif action is _RECEIVE or action is _ACCEPT:
        begin = _clock_start(ctx, state, i)
        legal, steps = _clock.start(cal, ctx.limit, ctx.plan, begin)
        if i.new_due_at is not None:
            new_due = legal = _agreed(ctx, state, i, legal)
        accepted, due = at, legal
    elif action is _START_PROCESSING or action is _MARK_RESULT_READY:
        steps = _clock.advance_steps(cal, steps, ctx.plan, at, None)
    elif action is _HAND_OVER:
        handed_to = i.handed_to
        if not (isinstance(handed_to, str) and handed_to.strip()):
            raise refuse(ctx, state, action, "say who receives the dossier (to=...)")
        steps = _clock.advance_steps(cal, steps, ctx.plan, at, handed_to)
    elif action is _RETURN_RESULT:
        steps = _clock.finish_steps(cal, steps, ctx.plan, at)
    elif action is _REQUEST_SUPPLEMENT:
        items = i.items
        if not items or not all(isinstance(x, str) and x.strip() for x in items):
            raise refuse(ctx, state, action, "list the items to add or correct, as a list of texts")
        if i.agency is not None and not (type(i.agency) is str and i.agency.strip()):
            raise ArgumentTypeError("agency", i.agency, expected="the asking agency's name (str)")
        agency = i.agency or _current_actor(state) or ctx.handling_agency or i.by
        asked = dict(requests).get(agency, 0)
        if asked >= ctx.policy.supplements_per_agency:
            raise refuse(
                ctx,
                state,
                action,
                f"{agency} already asked for a supplement {asked} time(s); the policy allows "
                f"{ctx.policy.supplements_per_agency} per agency",
            )
        pauses = (*pauses, Pause(_SUPPLEMENT_WAIT, at))
        requests = _count(requests, agency)
    elif action is _REQUEST_PAYMENT:
        pauses = (*pauses, Pause(_PAYMENT_WAIT, at, None, None, ctx.policy.payment_wait_counts))
    elif action in _RESUMING:
        # An agreed due time is a moment, not a limit to restart: it moves by the pause.
        restart = ctx.policy.restart_on_supplement and not agreed_in(history)
        pauses, legal, due, extended, steps = _clock.resume(
            cal, ctx.limit, restart, state, at, action
        )
    elif action is _EXTEND:
        new_due, previous = _extension(ctx, state, i)
        due = extended = new_due
    elif action is _WITHDRAW or action is _STOP:
        pauses = _clock.close_pause(pauses, at, action)
    elif action is _MARK_OVERDUE:
        overdue = True
    if action in _FINISHING and state.status is not _SUBMITTED:
        finished = at
    event = DossierEvent(
        len(history) + 1,
        action,
        at,
        i.by,
        state.status,
        target,
        legal,
        due,
        target in _PAUSED,
        i.reason if action in _NEEDS_REASON or action in _STARTING else None,
        items,
        agency,
        handed_to,
        new_due,
        previous,
        i.recorded_at,
        i.agreement,
    )
    return State(
        target,
        overdue,
        submitted,
        accepted,
        legal,
        due,
        extended,
        finished,
        pauses,
        steps,
        requests,
        (*history, event),
    )


_RECORDED_BEFORE = timedelta(days=60)
"""Policy: a dossier recorded longer than this before its acceptance is a typing error.

The desk checks a recorded dossier within days (a postal delivery, an online queue); a
gap of months almost always means a wrong year, which would make the dossier overdue
from birth and refuse every later action as implausibly far past its due time.
"""


def agreed_in(history: tuple[DossierEvent, ...]) -> bool:
    """Whether the dossier's due time was agreed in writing when its clock started."""
    return any(e.agreement is not None for e in history[:2])


def _clock_start(ctx: Context, state: State, i: Inputs) -> datetime:
    """Where the limit starts counting: the recorded moment if the procedure says so."""
    recorded = i.recorded_at
    if recorded is None:
        return i.at
    if recorded > i.at:
        raise refuse(
            ctx,
            state,
            i.action,
            f"recorded_at={recorded.isoformat()} is after the desk's acceptance at "
            f"{i.at.isoformat()}: the complete dossier is recorded first, then accepted",
        )
    if i.at - recorded > _RECORDED_BEFORE:
        raise refuse(
            ctx,
            state,
            i.action,
            f"recorded_at={recorded.isoformat()} is more than {_RECORDED_BEFORE.days} days "
            f"before the acceptance at {i.at.isoformat()}; check the year",
        )
    earliest = state.submitted_at or ctx.first
    if recorded < earliest:
        raise refuse(
            ctx,
            state,
            i.action,
            f"recorded_at={recorded.isoformat()} is before "
            + ("the submission" if state.submitted_at else "the calendar")
            + f" ({earliest.isoformat()})",
        )
    return recorded if ctx.clock_start is ClockStart.RECORDED else i.at


def _agreed(ctx: Context, state: State, i: Inputs, limit_due: datetime) -> datetime:
    """The due time agreed in writing, checked against the procedure and its limit."""
    agreed = i.new_due_at
    assert agreed is not None
    if not ctx.by_agreement:
        raise refuse(
            ctx,
            state,
            i.action,
            "the procedure does not allow a due time agreed in writing (its extension has no "
            "'theo thỏa thuận'); leave agreed_due_at out",
        )
    if not (isinstance(i.agreement, str) and i.agreement.strip()):
        raise refuse(
            ctx,
            state,
            i.action,
            'say what the agreement is (agreement="Văn bản thỏa thuận số … ngày …")',
        )
    if not ctx.first <= agreed < ctx.end or not ctx.calendar.is_valid_appointment(agreed):
        raise refuse(
            ctx,
            state,
            i.action,
            f"the agreed due time {agreed.isoformat()} is not within office hours of a "
            f"working day; give a time the applicant can collect the result",
        )
    if agreed <= limit_due:
        raise refuse(
            ctx,
            state,
            i.action,
            f"the agreed due time {agreed.isoformat()} is not after the limit's due time "
            f"{limit_due.isoformat()}: an agreement makes the time longer (dài hơn), never "
            f"shorter",
        )
    return agreed


def _extension(ctx: Context, state: State, i: Inputs) -> tuple[datetime, datetime]:
    action = i.action
    new_due = i.new_due_at
    if new_due is None:
        raise refuse(ctx, state, action, "give the new due time (new_due_at=...)")
    if not ctx.first <= new_due < ctx.end:
        raise refuse(
            ctx,
            state,
            action,
            f"the new due time {new_due.isoformat()} is outside the calendar; check the year",
        )
    done = sum(1 for e in state.history if e.action is _EXTEND)
    if done >= ctx.policy.max_extensions:
        raise refuse(
            ctx,
            state,
            action,
            f"it was already extended {done} time(s); the policy allows "
            f"{ctx.policy.max_extensions}",
        )
    due = state.due_at
    assert due is not None
    if i.at > due and not ctx.policy.extend_after_due:
        raise refuse(
            ctx,
            state,
            action,
            f"the due time {due.isoformat()} has passed; the apology and new date must be "
            f"sent before it",
        )
    if not ctx.calendar.is_valid_appointment(new_due):
        raise refuse(
            ctx,
            state,
            action,
            f"the new due time {new_due.isoformat()} is not within office hours of a working "
            f"day; give a time citizens can collect the result",
        )
    if new_due <= due:
        raise refuse(
            ctx,
            state,
            action,
            f"the new due time {new_due.isoformat()} is not after the current one "
            f"{due.isoformat()}",
        )
    return new_due, due


def _current_actor(state: State) -> str | None:
    running = [s for s in state.steps if s.finished_at is None]
    return running[0].actor if running else None


def _count(requests: tuple[tuple[str, int], ...], agency: str) -> tuple[tuple[str, int], ...]:
    counts = dict(requests)
    counts[agency] = counts.get(agency, 0) + 1
    return tuple(counts.items())
