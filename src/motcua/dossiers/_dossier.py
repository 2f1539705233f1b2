"""A dossier (hồ sơ): the aggregate that records the desk's actions on its clock.

:class:`Dossier` itself holds how one is made (:meth:`~Dossier.receive`,
:meth:`~Dossier.submit`) and stored (:meth:`~Dossier.to_dict`, :meth:`~Dossier.from_dict`);
it inherits what it is (``_reading``), what it answers (``_questions``) and the desk's
actions (``_desk``).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import pydantic_core

from motcua._time import require_writable
from motcua.calendar import WorkingCalendar
from motcua.dossiers import _clock
from motcua.dossiers._actions import DossierAction
from motcua.dossiers._clock import StepPlan
from motcua.dossiers._codec import dump, dump_text, identity_dict
from motcua.dossiers._codes import DossierNumbering
from motcua.dossiers._desk import DossierDesk, aware_moment, check_reception, checked_late_entry
from motcua.dossiers._memo import recall, remember, text_key
from motcua.dossiers._policy import ClockPolicy
from motcua.dossiers._projection import DossierRecord
from motcua.dossiers._questions import DossierQuestions
from motcua.dossiers._records import Applicant
from motcua.dossiers._state import Inputs
from motcua.errors import ArgumentTypeError, StoredDossierError
from motcua.procedures import Channel, Procedure

__all__ = ["Dossier"]

_A = DossierAction


class Dossier(DossierDesk, DossierQuestions):
    """A dossier (*hồ sơ*) from the moment the one-stop desk accepts it to the result.

    Create one with :meth:`receive` (accepted at the desk) or :meth:`submit` (an online
    submission not yet checked), then call the methods named for what happens at the
    desk. Every method takes ``at=`` (an aware datetime) and ``by=`` (who acted), records
    an immutable :class:`DossierEvent` in :attr:`history`, and bumps :attr:`version`. A
    refused action raises :class:`motcua.errors.ActionNotAllowedError` and changes nothing.

    The clock stores the time budget and a ledger of pauses, not a fixed date: while a
    supplement (or, by policy, a payment) is awaited the clock stops, and on resumption the
    due time moves by exactly the paused office time, counted on the calendar.

    **Threads.** Actions on one dossier object are atomic and serialised by a lock: each
    one reads the state, checks it and replaces it whole. Two threads acting at once never
    lose or duplicate an event; with ``expected_version=`` the slower one gets
    :class:`motcua.errors.StaleDossierError`, without it the two actions apply one after
    the other. Readers always see a whole state, never half an action.

    **Storing.** :meth:`to_dict` / :meth:`to_json` give the stored form;
    :meth:`from_dict` / :meth:`from_json` load it by replaying its history on the calendar
    you pass, and refuse it unless the replay reproduces every stored field.
    """

    __slots__ = ()

    # -- creation ----------------------------------------------------------------------------

    @classmethod
    def receive(
        cls,
        procedure: Procedure,
        *,
        accepted_at: datetime,
        channel: Channel,
        applicant: Applicant,
        calendar: WorkingCalendar,
        by: str,
        code: str | None = None,
        numbering: DossierNumbering | None = None,
        policy: ClockPolicy | None = None,
        case: str | None = None,
        extended: bool = False,
        late_entry: str | None = None,
        recorded_at: datetime | None = None,
        agreed_due_at: datetime | None = None,
        agreement: str | None = None,
    ) -> Dossier:
        """A dossier accepted at the one-stop desk: status *received*, the clock running.

        The due time is the procedure's limit for *channel* — in *case*, with the
        procedure's extension when *extended* — counted on *calendar* from *accepted_at*
        (the clock starts at acceptance of a complete dossier, NĐ 118/2025), or from
        *recorded_at* where the procedure counts from when the dossier was recorded
        (:attr:`Procedure.clock_start`).

        Args:
            procedure: What is asked for.
            accepted_at: When the desk accepted the complete dossier (aware).
            channel: How it was submitted.
            applicant: Who it is for.
            calendar: The centre's working calendar; the dossier records its identity.
            by: The officer who accepted it.
            code: The dossier code, when the portal numbers dossiers itself.
            numbering: Issues the code from the agency's daily serials (TT 01/2018 or
                TT 04/2025); without *code* or *numbering*, a random unique id.
            policy: The clock policy (see :class:`ClockPolicy`).
            case: The key of the procedure's case (*trường hợp*) with its own limit —
                land transfer (1.013831) in the case of NĐ 101/2024 Art. 24(2)(a) is
                ``"nd101-24-2a"`` (see :attr:`Procedure.cases`). The receipt names it.
            extended: The procedure's extension applies (:attr:`Procedure.extension`:
                many pages of a copy, a verification): its limit replaces the base one,
                or its working days are added on top, as the source words it.
            late_entry: Why a counter or postal dossier is recorded at a moment outside
                the centre's reception hours: really received then (the queue served
                after closing, a mobile reception), or a paper dossier entered late with
                its real time. Kept as the receive event's ``reason``. Online dossiers
                arrive at any hour and need none.
            recorded_at: When the complete, valid dossier was recorded before the desk
                accepted it: the postmark of arrival (post), the public-service system's
                time (online). Kept beside *accepted_at*; the clock starts there when the
                procedure's :attr:`~Procedure.clock_start` is ``recorded`` (the chứng thực
                procedures), so the desk's own checking time is not the applicant's.
            agreed_due_at: A due time agreed in writing with the applicant, where the
                procedure allows one (:attr:`Extension.by_agreement`, e.g. 2.000815 "hoặc
                có thể dài hơn theo thỏa thuận bằng văn bản"): later than the limit's due
                time, in office hours. It becomes the legal due time.
            agreement: The written agreement behind *agreed_due_at* ("Văn bản thỏa thuận
                số 12/TT ngày 02/03/2026"); required with it.

        Raises:
            ChannelNotOfferedError: The procedure is not offered on *channel*.
            CaseNotFoundError: The procedure has no such case.
            ProcedureNotActiveError: The procedure is abolished, or not yet in force, on
                the day of *accepted_at*.
            ReceptionClosedError: A counter or postal dossier at a moment the centre does
                not receive (:meth:`WorkingCalendar.is_receiving`), without *late_entry*.
            NaiveDatetimeError: *accepted_at* (or another moment) has no time zone.
            ActionNotAllowedError: *accepted_at* is outside the calendar's range; or
                *recorded_at* is after it; or the agreement is not allowed, has no
                *agreement*, or is not after the limit's due time.
        """
        late_entry = checked_late_entry(late_entry)
        return cls._create(
            _A.RECEIVE,
            procedure,
            accepted_at,
            "accepted_at",
            channel,
            applicant,
            calendar,
            by,
            code,
            numbering,
            policy,
            case,
            extended,
            late_entry,
            aware_moment(recorded_at, "recorded_at"),
            aware_moment(agreed_due_at, "agreed_due_at"),
            agreement,
        )

    @classmethod
    def submit(
        cls,
        procedure: Procedure,
        *,
        submitted_at: datetime,
        channel: Channel,
        applicant: Applicant,
        calendar: WorkingCalendar,
        by: str,
        code: str | None = None,
        numbering: DossierNumbering | None = None,
        policy: ClockPolicy | None = None,
        case: str | None = None,
        extended: bool = False,
    ) -> Dossier:
        """An online submission not yet checked (*Mới đăng ký*): the clock has not started.

        Call :meth:`accept` when the desk finds it complete, or :meth:`refuse`. The code,
        when *numbering* issues it, carries the day of submission and never changes.
        *case* and *extended* are as for :meth:`receive`; the same errors.
        """
        return cls._create(
            _A.SUBMIT,
            procedure,
            submitted_at,
            "submitted_at",
            channel,
            applicant,
            calendar,
            by,
            code,
            numbering,
            policy,
            case,
            extended,
        )

    @classmethod
    def _create(  # noqa: PLR0917 - private, called from two constructors with the same order
        cls,
        action: DossierAction,
        procedure: Procedure,
        at: datetime,
        argument: str,
        channel: Channel,
        applicant: Applicant,
        calendar: WorkingCalendar,
        by: str,
        code: str | None,
        numbering: DossierNumbering | None,
        policy: ClockPolicy | None,
        case: str | None = None,
        extended: bool = False,
        late_entry: str | None = None,
        recorded_at: datetime | None = None,
        agreed_due_at: datetime | None = None,
        agreement: str | None = None,
    ) -> Dossier:
        at = require_writable(at, argument)
        if not isinstance(procedure, Procedure):
            raise ArgumentTypeError(
                "procedure", procedure, expected='a Procedure (catalog.get("…"))'
            )
        if code is not None and not (isinstance(code, str) and code.strip()):
            raise ArgumentTypeError("code", code, expected="the dossier code, a non-empty str")
        if numbering is not None and not isinstance(numbering, DossierNumbering):
            raise ArgumentTypeError("numbering", numbering, expected="a DossierNumbering")
        if policy is not None and not isinstance(policy, ClockPolicy):
            raise ArgumentTypeError("policy", policy, expected="a ClockPolicy")
        if not isinstance(calendar, WorkingCalendar):
            raise ArgumentTypeError("calendar", calendar, expected="a WorkingCalendar")
        if not isinstance(applicant, Applicant):
            raise ArgumentTypeError("applicant", applicant, expected='an Applicant(name="…")')
        if not isinstance(extended, bool):
            raise ArgumentTypeError("extended", extended, expected="True or False")
        # Refuse an unoffered channel, an unknown case, a procedure not in force: before a
        # serial is used.
        option = procedure.option_for(channel, case=case, extended=extended)
        procedure.check_active(at.astimezone(calendar.timezone).date())
        plan = tuple(
            StepPlan(s.name, s.actor, _clock.step_budget(s.budget, calendar))
            for s in procedure.steps
        )
        dossier = cls(
            code=code or "(new)",
            procedure_code=procedure.code,
            procedure_name=procedure.name,
            field=procedure.field,
            handling_agency=procedure.handling_agency,
            channel=option.channel,
            applicant=applicant,
            limit=option.time_limit,
            plan=plan,
            policy=policy or ClockPolicy(),
            calendar=calendar,
            case=None if case is None else (case, procedure.case(case).name),
            clock_start=procedure.clock_start,
            by_agreement=procedure.extension is not None and procedure.extension.by_agreement,
        )
        # Checked before a serial is used.
        first = dossier._next(
            Inputs(
                action,
                at,
                by,
                reason=late_entry,
                new_due_at=agreed_due_at,
                recorded_at=recorded_at,
                agreement=agreement,
            )
        )
        if action is _A.RECEIVE and late_entry is None:
            check_reception(calendar, option.channel, at, code or "(new)", "new")
        if not code:
            code = str(numbering.issue(at)) if numbering is not None else uuid.uuid4().hex
            dossier._code = code
            dossier._ctx = dossier._ctx._replace(code=code)
        dossier._state = first
        return dossier

    # -- storing -----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The stored form: plain JSON types (for a JSON or JSONB column).

        Its shape, ``"format": "motcua.dossier/2"``, is documented field by field in
        ``docs/dossiers.md`` ("Storing dossiers"). It holds the inputs (the procedure's
        limit and steps as received, the policy, the applicant), the calendar identity,
        the history, and the derived state that loading checks.
        """
        return dump(self)

    def to_json(self) -> str:
        """:meth:`to_dict` as compact JSON text (UTF-8, Vietnamese unescaped).

        The text is remembered (a bounded number of them per process): loading the very
        same text again on a calendar of the same identity needs no replay, since this
        process produced it from a dossier that is consistent by construction.
        """
        return self._stored_text()[0]

    def _stored_text(self) -> tuple[str, DossierRecord]:
        """:meth:`to_json` and :meth:`record` of one and the same state (motcua.store)."""
        with self._lock:  # one state: the text, its record, and the copy remembered
            record = self.record()
            try:
                text = dump_text(self, record.due_estimated)
            except pydantic_core.PydanticSerializationError:
                # Text pydantic-core cannot encode (a lone surrogate): the json module can.
                text = json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))
            copy = self._copy(self._calendar, Dossier)
        remember(text_key(text, self._calendar), copy)
        return text, record

    def _stored_pair(self) -> tuple[dict[str, Any], DossierRecord]:
        """The stored form and the projection of one and the same state (motcua.store)."""
        with self._lock:
            return dump(self), self.record()

    @classmethod
    def from_dict(
        cls,
        data: dict[str, Any],
        *,
        calendar: WorkingCalendar,
        recount: bool = False,
        max_events: int = 10_000,
        max_event_size: int = 100_000,
    ) -> Dossier:
        """Load a stored dossier by replaying its history on *calendar*.

        The history's actions are replayed through the same rules as live actions; the
        dossier is accepted only if the replay reproduces every stored field (status,
        overdue, due times, pauses, steps, supplement counts, version, each event's clock).

        Args:
            data: What :meth:`to_dict` gave (or its JSON, parsed).
            calendar: The calendar the dossier counts on. It must have the identity the
                dossier recorded.
            recount: Accept a calendar of another identity: the history is replayed on it
                (its due times recomputed, not compared) and the old identity is recorded
                in :attr:`recounted_from`. Save the dossier afterwards.
            max_events: Refuse a history of more events than this (default 10,000; real
                dossiers have tens), before replaying any.
            max_event_size: Refuse an event holding more characters of text (actor,
                reason, items…) than this (default 100,000).

        Raises:
            StoredDossierError: The data is not a stored dossier, was counted on another
                calendar (without *recount*), passes a limit, or its history does not
                reproduce it; the message names the first event or field that disagrees,
                what it says and what the replay gives.
        """
        from motcua.dossiers._stored import load  # noqa: PLC0415 - loading builds a Dossier

        return load(
            data, calendar, recount=recount, max_events=max_events, max_event_size=max_event_size
        )

    @classmethod
    def from_json(
        cls,
        text: str | bytes,
        *,
        calendar: WorkingCalendar,
        recount: bool = False,
        max_bytes: int = 16 * 1024 * 1024,
        max_events: int = 10_000,
        max_event_size: int = 100_000,
    ) -> Dossier:
        """:meth:`from_dict` of JSON text.

        Args:
            text: What :meth:`to_json` gave.
            calendar: As for :meth:`from_dict`.
            recount: As for :meth:`from_dict`.
            max_bytes: Refuse, unparsed, a text longer than this many characters or bytes
                (default 16 MiB), so that a forged history costs no memory.
            max_events: As for :meth:`from_dict`.
            max_event_size: As for :meth:`from_dict`.

        Raises:
            StoredDossierError: The text is too long or not JSON, or :meth:`from_dict`
                refuses it.
        """
        from motcua.dossiers._stored import check_limit, load  # noqa: PLC0415 - builds one

        if not isinstance(text, str | bytes | bytearray):
            raise ArgumentTypeError("text", text, expected="JSON text (str or bytes)")
        if not isinstance(calendar, WorkingCalendar):
            raise ArgumentTypeError(
                "calendar", calendar, expected="the WorkingCalendar it counts on"
            )
        for name, value in (
            ("max_bytes", max_bytes),
            ("max_events", max_events),
            ("max_event_size", max_event_size),
        ):
            check_limit(name, value)
        if len(text) > max_bytes:
            raise StoredDossierError(
                code="?",
                where="(document)",
                problem=f"is {len(text):,} long, more than the limit of {max_bytes:,}; pass "
                f"a larger max_bytes= if the dossier is genuine",
            )
        key = text_key(text if isinstance(text, str) else bytes(text), calendar)
        checked = recall(key)
        # This exact text was written or checked here; within the limits asked now (no
        # event can hold more characters than the whole text), it is not read again.
        within = checked is not None and len(checked.history) <= max_events
        if checked is not None and within and len(text) <= max_event_size:
            return checked._copy(calendar, Dossier)
        try:
            data = pydantic_core.from_json(text)
        except ValueError as exc:
            raise StoredDossierError(
                code="?", where="(document)", problem=f"is not JSON text: {exc}"
            ) from None
        dossier = load(
            data, calendar, recount=recount, max_events=max_events, max_event_size=max_event_size
        )
        if data["calendar"] == identity_dict(calendar.identity):  # not recounted: as stored
            remember(key, dossier._copy(calendar, Dossier))
        return dossier
