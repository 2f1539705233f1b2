"""Every exception and warning motcua raises.

One root, :class:`MotcuaError`; one branch per area; every class also subclasses the
builtin it resembles, so ordinary ``except ValueError`` / ``except LookupError`` clauses
keep working. Each error keeps its context as attributes and says what was wrong, where
and what would be valid.

An error moved to a branch of its own keeps the branch it was first filed under as a
second base, so ``except`` clauses written before still catch it; the drawing marks that
base with ``+`` (``+ ReportError``). Catch the new branch in new code.

The tree::

    MotcuaError
    ├── NaiveDatetimeError            (ValueError)   a datetime without a time zone
    ├── ArgumentTypeError             (TypeError)    a value of the wrong type (a datetime
    │                                                where a date is meant, a float count…)
    ├── TimeLimitError                (ValueError)   an impossible ProcessingTime
    ├── MissingDependencyError        (ImportError)  an optional extra is not installed
    ├── CalendarError
    │   ├── DateOutOfRangeError       (ValueError)   before 2018 or past the estimate horizon
    │   ├── UnannouncedScheduleError  (LookupError)  a year with no official schedule, when
    │   │                                            the calendar is told to refuse estimates
    │   ├── ScheduleDataError         (ValueError)   a malformed schedule file or entry
    │   └── OfficeHoursError          (ValueError)   overlapping or empty office sessions
    ├── ProcedureError
    │   ├── ProcedureNotFoundError    (KeyError)     an unknown procedure code (with close codes)
    │   ├── ChannelNotOfferedError    (LookupError)  a channel the procedure is not offered on
    │   ├── CaseNotFoundError         (LookupError)  a case (trường hợp) the procedure does not
    │   │                                            have, or none given where one must be
    │   ├── ProcedureNotActiveError   (ValueError)   a procedure abolished, or not yet in force,
    │   │                                            on the day a dossier is received
    │   ├── FeeInputError             (ValueError)   a fee asked for impossible quantities
    │   └── CatalogDataError          (ValueError)   a malformed catalog or override file
    ├── DossierError
    │   ├── ActionNotAllowedError     (ValueError)   an action the dossier's state or the
    │   │   │                                        policy does not allow now
    │   │   └── ReceptionClosedError                 a dossier received at the desk or by post
    │   │                                            outside the centre's reception hours
    │   ├── StaleDossierError         (ValueError)   expected_version does not match (another
    │   │                                            worker changed the dossier first)
    │   ├── StoredDossierError        (ValueError)   a stored dossier its history does not
    │   │                                            reproduce, or counted on another calendar
    │   ├── DossierTimeError          (ValueError)   a moment a dossier cannot answer for
    │   │                                            (before it existed)
    │   └── DossierCodeError          (ValueError)   a malformed dossier code or agency ID, or
    │                                                a day's serials used up
    ├── SlipError                     (ValueError)   motcua.slips: a slip that cannot be built
    │   ├── SlipStateError                           + DossierError: a form asked of a dossier
    │   │                                            in the wrong state (an apology before
    │   │                                            any extension)
    │   └── LookupUrlError                           an office's lookup address that is not
    │                                                https: (or http: where allowed)
    ├── ReportError                   (ValueError)   a report asked of impossible input (an
    │                                                unknown grouping, a dossier of a later
    │                                                period, a month 13…)
    ├── QueueError                    (ValueError)   motcua.queue: the queue refused (and is
    │   │                                            unchanged)
    │   ├── UnknownAreaError          (LookupError)  + ReportError: an area letter it lacks
    │   ├── UnknownCounterError       (LookupError)  + ReportError: a counter (or transfer
    │   │                                            target) it does not have
    │   ├── UnknownTicketError        (LookupError)  + ReportError: no ticket of that number
    │   ├── TicketStateError                         + ReportError: a ticket waiting or ended
    │   │                                            where it must be at a counter
    │   └── QueueInputError                          + ReportError: a setup, option or moment
    │                                                it cannot take (a call back in time…)
    ├── SyncRecordError               (ValueError)   a national-portal sync record with a missing
    │                                                or malformed field (named)
    └── StoreError                                   motcua.store: a database operation failed
        ├── StoreUnavailableError     (RuntimeError) the database refused: locked, read-only,
        │   │                                        full or unreachable (nothing was written)
        │   └── StoreCorruptError                    the database file is damaged or is not a
        │                                            database (restore it; retrying will not do)
        ├── DossierNotFoundError      (LookupError)  no stored dossier has this code
        ├── DuplicateDossierError     (ValueError)   a dossier with this code is already stored
        └── SchemaVersionError        (RuntimeError) the tables are missing or of another
            │                                        schema version
            └── SchemaMismatchError                  a motcua table lacks columns motcua
                                                     writes (a foreign table of that name)

    MotcuaWarning (UserWarning)
    └── EstimatedScheduleWarning                     a result depends on an estimated year
"""

from __future__ import annotations

import reprlib
from datetime import date, datetime

_SHOWN = reprlib.Repr()
_SHOWN.maxstring = _SHOWN.maxother = 80
_SHOWN.maxlevel, _SHOWN.maxlist, _SHOWN.maxtuple, _SHOWN.maxdict = 2, 4, 4, 4


def _shown(value: object) -> str:
    """*value*'s repr, cut to about 80 characters, for a message (issue 15, point 1).

    An error built from a hostile value must stay cheap to print: a 10 MB string or a list
    of a million items is shown by its start, never in full.

    >>> _shown("x" * 1000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'"
    >>> _shown(list(range(10**6)))
    '[0, 1, 2, 3, ...]'
    """
    try:
        return _SHOWN.repr(value)
    except Exception:
        return f"<{type(value).__name__} object>"


def _file(name: str) -> str:
    """A file's name for a message: whole up to 200 characters, else its start and its end.

    >>> _file("a" * 300)[95:106]
    'aaaaa…aaaaa'
    """
    return name if len(name) <= 200 else f"{name[:100]}…{name[-99:]}"


__all__ = [
    "ActionNotAllowedError",
    "ArgumentTypeError",
    "CalendarError",
    "CaseNotFoundError",
    "CatalogDataError",
    "ChannelNotOfferedError",
    "DateOutOfRangeError",
    "DossierCodeError",
    "DossierError",
    "DossierNotFoundError",
    "DossierTimeError",
    "DuplicateDossierError",
    "EstimatedScheduleWarning",
    "FeeInputError",
    "LookupUrlError",
    "MissingDependencyError",
    "MotcuaError",
    "MotcuaWarning",
    "NaiveDatetimeError",
    "OfficeHoursError",
    "ProcedureError",
    "ProcedureNotActiveError",
    "ProcedureNotFoundError",
    "QueueError",
    "QueueInputError",
    "ReceptionClosedError",
    "ReportError",
    "ScheduleDataError",
    "SchemaMismatchError",
    "SchemaVersionError",
    "SlipError",
    "SlipStateError",
    "StaleDossierError",
    "StoreCorruptError",
    "StoreError",
    "StoreUnavailableError",
    "StoredDossierError",
    "SyncRecordError",
    "TicketStateError",
    "TimeLimitError",
    "UnannouncedScheduleError",
    "UnknownAreaError",
    "UnknownCounterError",
    "UnknownTicketError",
]


_LONGEST = 4000
"""Characters of a message printed at most: what a log line or a traceback can hold."""


def _cut(message: str) -> str:
    """*message*, or its first :data:`_LONGEST` characters and how many were left out.

    >>> _cut("x" * 5000)[-40:]
    'xxxxxxxxxxxxxxx… (1,001 more characters)'
    """
    if len(message) <= _LONGEST:
        return message
    return f"{message[: _LONGEST - 1]}… ({len(message) - _LONGEST + 1:,} more characters)"


class MotcuaError(Exception):
    """Root of every error motcua raises on purpose.

    Every message shows caller-supplied values through :func:`_shown`, so it stays short;
    as a safety net for a message built some other way, ``str()`` (and so a traceback)
    prints at most 4,000 characters of it.
    """

    def __str__(self) -> str:
        return _cut(super().__str__())


class NaiveDatetimeError(MotcuaError, ValueError):
    """A datetime without a time zone was passed where a moment in time is needed.

    motcua never guesses a time zone: ``datetime(2026, 1, 5, 9, 0)`` could be 09:00 in
    Hà Nội or 09:00 UTC, seven hours apart.

    Attributes:
        argument: The parameter that received the naive value.
        value: The naive datetime.
    """

    def __init__(self, argument: str, value: object) -> None:
        self.argument = argument
        self.value = value
        super().__init__(
            f"{argument}={_shown(value)} is a naive datetime; pass a timezone-aware datetime, "
            f"e.g. datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo('Asia/Ho_Chi_Minh'))"
        )


class ArgumentTypeError(MotcuaError, TypeError):
    """A value of the wrong type, e.g. a ``datetime`` where a calendar ``date`` is meant.

    motcua keeps separate types for separate meanings: a day is a ``date``, a moment is
    an aware ``datetime``, a count of working days is an ``int``.

    Attributes:
        argument: The parameter that received the value.
        value: The rejected value.
    """

    def __init__(self, argument: str, value: object, *, expected: str) -> None:
        self.argument = argument
        self.value = value
        super().__init__(
            f"{argument} must be {expected}, got {type(value).__name__} {_shown(value)}"
        )


class TimeLimitError(MotcuaError, ValueError):
    """A time limit (:class:`motcua.ProcessingTime`) that cannot exist.

    Attributes:
        unit: The unit asked for (``"working_days"``, ``"working_hours"``…).
        value: The rejected amount or cut-off.
    """

    def __init__(self, message: str, *, unit: str, value: object) -> None:
        self.unit = unit
        self.value = value
        super().__init__(message)


class MissingDependencyError(MotcuaError, ImportError):
    """An optional feature needs a package that is not installed.

    Attributes:
        package: The missing distribution.
        extra: The motcua extra that installs it.
    """

    def __init__(self, *, feature: str, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f"{feature} needs {package}, which is not installed; "
            f"install it with: pip install 'motcua[{extra}]'"
        )


class CalendarError(MotcuaError):
    """Base of the errors raised by the working calendar."""


class DateOutOfRangeError(CalendarError, ValueError):
    """A date falls outside the range the calendar knows.

    Attributes:
        value: The date asked about (or the date a computation reached).
        first: The first date the calendar covers.
        last: The last date the calendar covers.
    """

    def __init__(
        self,
        value: date,
        *,
        first: date,
        last: date,
        what: str = "date",
        direction: int = 0,
        hint: str | None = None,
    ) -> None:
        self.value = value
        self.first = first
        self.last = last
        if hint is None:
            hint = (
                "the official schedules motcua carries start in 2018"
                if value < first or direction < 0
                else "estimates from the statutory rules stop there"
            )
        super().__init__(
            f"{what} {value.isoformat()} is outside the calendar's range "
            f"{first.isoformat()}..{last.isoformat()} ({hint})"
        )


class UnannouncedScheduleError(CalendarError, LookupError):
    """A computation needs a year whose official schedule has not been announced.

    Raised only when the calendar was built with ``estimates=EstimatePolicy.RAISE``;
    by default motcua estimates such years and warns with
    :class:`EstimatedScheduleWarning`.

    Attributes:
        year: The year without an official schedule.
        announced: The years that do have one, oldest first.
    """

    def __init__(self, year: int, *, announced: tuple[int, ...], what: str) -> None:
        self.year = year
        self.announced = announced
        span = f"{announced[0]}-{announced[-1]}" if announced else "none"
        super().__init__(
            f"{what} depends on {year}, which has no official schedule yet "
            f"(announced years: {span}); Tết days, the extra 2/9 day and swaps are decided "
            f"each year by the Prime Minister. Add the year's schedule "
            f"(see docs/calendar.md) or build the calendar with "
            f"estimates=EstimatePolicy.WARN to accept an estimate"
        )


class ScheduleDataError(CalendarError, ValueError):
    """A schedule file or entry is malformed; nothing from it was loaded.

    Attributes:
        source: The file (or ``"<builtin>"``) the entry came from.
        location: Where in it: the year and field path, e.g. ``"2026.days_off[1].date"``.
        problem: What was wrong and what would be valid.
    """

    def __init__(self, *, source: str, location: str, problem: str) -> None:
        self.source = source
        self.location = location
        self.problem = problem
        super().__init__(f"{_file(source)}: {location}: {problem}")


class OfficeHoursError(CalendarError, ValueError):
    """Office sessions that cannot describe a working day.

    Attributes:
        value: What was refused: a session, the sessions given, or the text read.
        session: Which session (1-based, in the order given); None when the refusal is of
            the sessions as a whole.
        expected: What would be valid there.
    """

    def __init__(self, message: str, *, value: object, session: int | None, expected: str) -> None:
        self.value = value
        self.session = session
        self.expected = expected
        super().__init__(message)


class ProcedureError(MotcuaError):
    """Base of the errors raised by procedure definitions and catalogs."""


class ProcedureNotFoundError(ProcedureError, KeyError):
    """No procedure has this code in the catalog.

    Attributes:
        code: The code asked for.
        suggestions: Codes in the catalog that look close, best first.
    """

    def __init__(self, code: str, *, suggestions: tuple[str, ...]) -> None:
        self.code = code
        self.suggestions = suggestions
        hint = (
            f"; did you mean {', '.join(suggestions)}?"
            if suggestions
            else "; codes look like 1.001193 (or 2.000815.000.00.00.H61 for a province's instance)"
        )
        super().__init__(f"no procedure with code {_shown(code)} in the catalog{hint}")

    def __str__(self) -> str:
        # KeyError would repr() the message; show it as written.
        return _cut(str(self.args[0]))


class ChannelNotOfferedError(ProcedureError, LookupError):
    """The procedure cannot be carried out on this channel.

    Attributes:
        code: The procedure's code.
        channel: The channel asked for.
        offered: The channels it is offered on.
    """

    def __init__(self, code: str, channel: str, *, offered: tuple[str, ...]) -> None:
        self.code = code
        self.channel = channel
        self.offered = offered
        super().__init__(
            f"procedure {code} is not offered on the {channel} channel; "
            f"it is offered on: {', '.join(offered)}"
        )


class CaseNotFoundError(ProcedureError, LookupError):
    """The procedure has no such case (*trường hợp*), or needs one and none was given.

    Attributes:
        code: The procedure's code.
        case: The case asked for (None when none was given).
        cases: The procedure's cases, by key.
    """

    def __init__(self, code: str, case: str | None, *, cases: tuple[str, ...]) -> None:
        self.code = code
        self.case = case
        self.cases = cases
        what = "no case was given" if case is None else f"it has no case {_shown(case)}"
        listed = ", ".join(cases) if cases else "none: leave case out"
        super().__init__(f"procedure {code}: {what}; its cases are: {listed}")


class ProcedureNotActiveError(ProcedureError, ValueError):
    """The procedure is not in force on the day asked: abolished, or not yet effective.

    Attributes:
        code: The procedure's code.
        on: The day asked.
        reason: Why (abolished on … by …, or in force from …).
    """

    def __init__(self, code: str, on: date, *, reason: str) -> None:
        self.code = code
        self.on = on
        self.reason = reason
        super().__init__(f"procedure {code} is not in force on {on:%d/%m/%Y}: {reason}")


class FeeInputError(ProcedureError, ValueError):
    """A fee was asked for impossible quantities (a negative number of pages…).

    Attributes:
        argument: The quantity refused (``"pages"``, ``"copies"``, ``"units"``).
        value: What was given.
        expected: What would be valid (``"a whole number ≥ 0"``).
    """

    def __init__(self, message: str, *, argument: str, value: object, expected: str) -> None:
        self.argument = argument
        self.value = value
        self.expected = expected
        super().__init__(message)


class CatalogDataError(ProcedureError, ValueError):
    """A catalog or override file is malformed; nothing from it was loaded.

    Attributes:
        source: The file (or ``"<builtin>"``).
        line: The 1-based line of the offending value, when it can be known.
        location: The field path, e.g. ``"procedures[3].channels[0].time_limit.amount"``.
        problem: What was wrong and what would be valid.
    """

    def __init__(self, *, source: str, line: int | None, location: str, problem: str) -> None:
        self.source = source
        self.line = line
        self.location = location
        self.problem = problem
        where = f"{_file(source)}:{line}" if line is not None else _file(source)
        super().__init__(f"{where}: {location}: {problem}")


class DossierError(MotcuaError):
    """Base of the errors raised by dossiers; the dossier is unchanged after any of them."""


class ActionNotAllowedError(DossierError, ValueError):
    """The dossier cannot do this now: wrong status, a policy, or a time before its history.

    Attributes:
        code: The dossier's code.
        status: Its status (a :class:`motcua.DossierStatus` value).
        action: The action refused.
        allowed: The actions its status allows now.
        reason: Why this one is refused.
    """

    def __init__(
        self, *, code: str, status: str, action: str, allowed: tuple[str, ...], reason: str
    ) -> None:
        self.code = code
        self.status = status
        self.action = action
        self.allowed = allowed
        self.reason = reason
        if status != "new":
            who = f"dossier {code} ({status})"
        else:  # being created: no status yet, and maybe no code
            who = "new dossier" if code == "(new)" else f"new dossier {code}"
        super().__init__(
            f"{who}: cannot {action}: {reason}; "
            f"allowed now: {', '.join(allowed) or 'nothing (the dossier is closed)'}"
        )


class ReceptionClosedError(ActionNotAllowedError):
    """A dossier received at the counter or by post outside the centre's reception hours.

    The centre receives dossiers in office hours of working days and in its extra weekend
    reception hours (:meth:`motcua.WorkingCalendar.is_receiving`); a moment outside them
    (03:00 on a Sunday) is almost always a typing or clock error. A paper dossier really
    received then, or entered late with its real time, is recorded with
    ``Dossier.receive(..., late_entry="why")``.

    Attributes:
        at: The moment refused.
        channel: The channel (``"counter"`` or ``"post"``).
        next_open: When the centre next receives (an office session, or its weekend
            reception hours).
    """

    def __init__(
        self,
        *,
        code: str,
        status: str,
        at: datetime,
        channel: str,
        next_open: datetime,
        action: str = "receive",
    ) -> None:
        self.at = at
        self.channel = channel
        self.next_open = next_open
        super().__init__(
            code=code,
            status=status,
            action=action,
            allowed=(action,),
            reason=f"at={at.isoformat()} is outside the centre's reception hours (office hours "
            f"of a working day, or its weekend reception hours); the next office session starts "
            f"at {next_open.isoformat()}. For a paper dossier really received then, or "
            f'entered late with its real time, pass late_entry="why"',
        )


class StaleDossierError(DossierError, ValueError):
    """The dossier changed since the caller read it (optimistic concurrency).

    Attributes:
        code: The dossier's code.
        expected: The version the caller read.
        actual: The dossier's version now.
    """

    def __init__(self, *, code: str, expected: int, actual: int) -> None:
        self.code = code
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"dossier {code} is at version {actual}, not {expected}: it changed since it "
            f"was read; reload it and decide again"
        )


class StoredDossierError(DossierError, ValueError):
    """A stored dossier that its own history does not reproduce, or that cannot be read.

    Loading replays the history on the calendar given; the first event or field that
    disagrees is named, with what the stored data says and what the replay gives.

    Attributes:
        code: The dossier's code (``"?"`` when the data has none).
        where: The event or field that disagrees (``"history[3].clock.legal_due_at"``).
        stored: What the stored data says there (as text; None when it is missing).
        replayed: What the replay gives (as text; None when the replay refused it).
        problem: What is wrong, and what would be valid.
    """

    def __init__(
        self,
        *,
        code: str,
        where: str,
        problem: str,
        stored: str | None = None,
        replayed: str | None = None,
    ) -> None:
        self.code = code
        self.where = where
        self.stored = stored
        self.replayed = replayed
        self.problem = problem
        said = ""
        if stored is not None or replayed is not None:
            said = f" (stored: {_short(stored)}; replay gives: {_short(replayed)})"
        super().__init__(f"stored dossier {code}: {where}: {problem}{said}")


def _short(text: str | None, limit: int = 200) -> str:
    if text is None:
        return "nothing"
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


class DossierTimeError(DossierError, ValueError):
    """A moment a dossier cannot answer for: before it existed, or without its timeline.

    Attributes:
        code: The dossier's code.
        at: The moment asked about.
    """

    def __init__(self, *, code: str, at: object, problem: str) -> None:
        self.code = code
        self.at = at
        shown = at.isoformat() if hasattr(at, "isoformat") else repr(at)
        super().__init__(f"dossier {code}: cannot say how it stood at {shown}: {problem}")


class DossierCodeError(DossierError, ValueError):
    """A dossier code or agency identifier that is malformed, or serials used up.

    Attributes:
        value: The text or number refused (the whole code, or the part named).
        part: Which part: ``"code"`` (the whole), ``"agency"``, ``"day"``, ``"platform"``
            or ``"serial"``.
        expected: What would be valid there.
    """

    def __init__(self, message: str, *, value: object, part: str, expected: str) -> None:
        self.value = value
        self.part = part
        self.expected = expected
        super().__init__(message)


class SlipError(MotcuaError, ValueError):
    """Base of the errors raised by :mod:`motcua.slips`: a slip that cannot be built.

    Each error the slips raise is a subclass (:class:`SlipStateError`), which is also a
    :class:`DossierError`, where slip errors were filed before slips had their own branch;
    catch ``SlipError`` in new code.

    Attributes:
        form: The form number ("01"…"07").
        code: The dossier's code.
        status: Its status.
    """

    def __init__(self, *, form: str, code: str, status: str, problem: str) -> None:
        self.form = form
        self.code = code
        self.status = status
        super().__init__(f"dossier {code} ({status}): {problem}")


class SlipStateError(SlipError, DossierError):
    """A form asked of a dossier not in the state it is for.

    An apology (04) before any extension, a refusal (03) of a dossier not refused, a
    receipt (01) of an online submission not yet accepted.
    """


class LookupUrlError(SlipError):
    """An office's lookup address a receipt will not print or encode as a QR code.

    Only ``https:`` addresses with a host are printed; ``http:`` too when the office sets
    ``Office.lookup_allow_http``. A ``javascript:``, ``data:`` or ``file:`` address, one
    without a host, or one holding spaces or control characters is refused.

    Attributes:
        url: The refused address.
        schemes: The schemes that would be accepted.
    """

    def __init__(self, url: str, *, schemes: tuple[str, ...], problem: str) -> None:
        self.url = url
        self.schemes = schemes
        self.form = "01"
        self.code = ""
        self.status = ""
        valid = " or ".join(f"{s}:" for s in schemes)
        ValueError.__init__(
            self,
            f"Office.lookup_url={url[:200]!r} {problem}; give an absolute {valid} address "
            f"with a host, e.g. 'https://dichvucong.example.gov.vn/tra-cuu?ma={{code}}'"
            + ("" if "http" in schemes else " (http: only with Office.lookup_allow_http=True)"),
        )


class ReportError(MotcuaError, ValueError):
    """Reports and satisfaction refuse input they cannot count honestly.

    The queue's errors (:class:`QueueError`) are also ReportErrors: the queue was part of
    :mod:`motcua.reports` before it had its own package, and ``except ReportError`` written
    then keeps catching them.
    """


class QueueError(MotcuaError, ValueError):
    """Base of the errors raised by :mod:`motcua.queue`; the queue is unchanged after any.

    Each error the queue raises is one of the subclasses below, and each of them is also a
    :class:`ReportError`, where queue errors were filed before the queue had its own
    package; catch ``QueueError`` in new code.
    """


class UnknownAreaError(QueueError, ReportError, LookupError):
    """A service area (ticket letter) the queue does not have.

    Attributes:
        area: The letter asked for.
        areas: The queue's area letters, sorted.
    """

    def __init__(self, area: object, *, areas: tuple[str, ...]) -> None:
        self.area = area
        self.areas = areas
        super().__init__(f"unknown area {_shown(area)}; areas: {', '.join(areas)}")


class UnknownCounterError(QueueError, ReportError, LookupError):
    """A counter the queue does not have, or a transfer target that is neither area nor counter.

    Attributes:
        counter: The name asked for.
        counters: The queue's counters, sorted.
        areas: The area letters that would also be valid (a transfer may name an area);
            empty where only a counter will do.
    """

    def __init__(
        self, counter: object, *, counters: tuple[str, ...], areas: tuple[str, ...] = ()
    ) -> None:
        self.counter = counter
        self.counters = counters
        self.areas = areas
        if areas:
            message = (
                f"cannot transfer to {_shown(counter)}: not an area ({', '.join(areas)}) "
                f"nor a counter ({', '.join(counters)})"
            )
        else:
            message = f"unknown counter {_shown(counter)}; counters: {', '.join(counters)}"
        super().__init__(message)


class UnknownTicketError(QueueError, ReportError, LookupError):
    """No ticket of this number was issued today.

    Attributes:
        number: The ticket number asked for (``"B-099"``).
    """

    def __init__(self, number: str) -> None:
        self.number = number
        super().__init__(f"no ticket {number} today")


class TicketStateError(QueueError, ReportError):
    """A ticket that cannot do this now: still waiting, already ended.

    Attributes:
        number: The ticket's number.
        action: What was refused (``"finish"``, ``"transfer"``).
        state: Where the ticket is: ``"waiting"``, ``"called"`` or ``"ended"``.
    """

    def __init__(self, message: str, *, number: str, action: str, state: str) -> None:
        self.number = number
        self.action = action
        self.state = state
        super().__init__(message)


class QueueInputError(QueueError, ReportError):
    """A queue set up or asked with a value it cannot take.

    Counter names used twice, a ``priority_run`` below 1, an unknown priority or outcome,
    a dossier code given or missing against the outcome, statistics by an unknown key, a
    moment before the queue's last event.

    Attributes:
        argument: The parameter refused (``"at"``, ``"priority"``, ``"areas"``…).
        value: The value refused.
    """

    def __init__(self, message: str, *, argument: str, value: object) -> None:
        self.argument = argument
        self.value = value
        super().__init__(message)


class SyncRecordError(MotcuaError, ValueError):
    """A sync record of the national portal with a missing or malformed field.

    Attributes:
        where: The field (``"TrangThaiHoSo"``, ``"QuaTrinhXuLy[2].ThoiDiemXuLy"``).
        value: What the record holds there.
    """

    def __init__(self, *, where: str, value: object, expected: str) -> None:
        self.where = where
        self.value = value
        field = where if isinstance(where, str) and len(where) <= 200 else _shown(where)
        super().__init__(f"sync record field {field} must be {expected}, got {_shown(value)}")


class StoreError(MotcuaError):
    """Base of the errors raised by :mod:`motcua.store` (the database behind dossiers).

    Attributes:
        operation: What the store was doing (``"save"``, ``"get"``, ``"next_serial"``…).
        code: The dossier's code, when there is one.
    """

    def __init__(self, message: str, *, operation: str, code: str | None = None) -> None:
        self.operation = operation
        self.code = code
        super().__init__(message)


class StoreUnavailableError(StoreError, RuntimeError):
    """The database refused the operation: locked, read-only, full or unreachable.

    The transaction is left for the caller to roll back; nothing of the operation was
    written. Retrying later (a locked SQLite file) or fixing the database is the remedy.

    Attributes:
        reason: What the database said.
    """

    def __init__(self, *, operation: str, code: str | None, reason: str) -> None:
        self.reason = reason
        of = f" of dossier {code}" if code is not None else ""
        super().__init__(
            f"the database refused {operation}{of}: {reason}; nothing of it was written — "
            f"roll the transaction back and retry when the database accepts writes",
            operation=operation,
            code=code,
        )


class StoreCorruptError(StoreUnavailableError):
    """The database file is damaged, or is not a database at all.

    SQLite says "file is not a database" or "database disk image is malformed". Retrying
    will not help: restore the file from a backup (``PRAGMA integrity_check`` tells how
    much is damaged). Nothing of the operation was written.
    """

    def __init__(self, *, operation: str, code: str | None, reason: str) -> None:
        self.reason = reason
        of = f" of dossier {code}" if code is not None else ""
        StoreError.__init__(
            self,
            f"the database cannot be read for {operation}{of}: {reason}; the file is damaged "
            f"or is not a database — restore it from a backup (PRAGMA integrity_check says "
            f"what is damaged); retrying will not help",
            operation=operation,
            code=code,
        )


class DossierNotFoundError(StoreError, LookupError):
    """No stored dossier has this code."""

    def __init__(self, *, code: str) -> None:
        super().__init__(
            f"no stored dossier has code {_shown(code)}; codes look like "
            f"'000.00.20.H12-260302-0001' (add() the dossier first)",
            operation="get",
            code=code,
        )


class DuplicateDossierError(StoreError, ValueError):
    """A dossier with this code is already stored: add() is for new dossiers."""

    def __init__(self, *, code: str) -> None:
        super().__init__(
            f"a dossier with code {_shown(code)} is already stored; "
            "get() it and save() the changes "
            f"instead of adding it again",
            operation="add",
            code=code,
        )


class SchemaVersionError(StoreError, RuntimeError):
    """The database's motcua tables are missing, or were made for another schema version.

    Attributes:
        found: The schema version the database records (None: no motcua tables).
        expected: The version this motcua writes.
    """

    def __init__(self, *, found: int | None, expected: int) -> None:
        self.found = found
        self.expected = expected
        if found is None:
            advice = (
                "has no motcua tables; create them with motcua.store.create_schema(engine), "
                "or include motcua.store.metadata in your migrations"
            )
        elif found < expected:
            advice = (
                f"holds motcua schema version {found}, not {expected}; upgrade it with "
                f"motcua.store.upgrade_schema(engine, calendar=...)"
            )
        else:
            advice = (
                f"holds motcua schema version {found}, newer than this release's {expected}; "
                f"upgrade motcua"
            )
        super().__init__(
            f"the database {advice} (docs/store.md, 'Migrating')", operation="check_schema"
        )


class SchemaMismatchError(SchemaVersionError):
    """A table with a motcua name lacks the columns motcua writes: another system's table.

    Attributes:
        table: The table.
        missing: The columns motcua needs that it does not have.
    """

    def __init__(self, *, table: str, missing: tuple[str, ...], expected: int) -> None:
        self.table = table
        self.missing = missing
        self.found = None
        self.expected = expected
        StoreError.__init__(
            self,
            f"the database's table {table} has no column {', '.join(missing[:8])}"
            f"{'…' if len(missing) > 8 else ''}: it was not made by motcua (schema version "
            f"{expected}); rename the other table, or give motcua a database or schema of its "
            f"own (docs/store.md, 'Migrating')",
            operation="check_schema",
        )


class MotcuaWarning(UserWarning):
    """Root of the warnings motcua emits for legal-but-risky results."""


class EstimatedScheduleWarning(MotcuaWarning):
    """A result depends on a year whose official schedule is only estimated.

    The statutory holidays are certain, but the Tết days, the extra day of the 2/9
    holiday, compensatory days and swaps are fixed each year by the Prime Minister.
    Turn this warning into an error with ``estimates=EstimatePolicy.RAISE``.

    Attributes:
        year: The estimated year.
    """

    def __init__(self, message: str, *, year: int) -> None:
        self.year = year
        super().__init__(message)
