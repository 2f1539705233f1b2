"""The record of an administrative procedure (thủ tục hành chính), shaped as nationally."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Annotated, Any, Self

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from motcua._sources import LegalReference, LegalSource
from motcua._validation import rule_error, short
from motcua.calendar import ProcessingTime, TimeUnit
from motcua.errors import (
    ArgumentTypeError,
    CaseNotFoundError,
    ChannelNotOfferedError,
    ProcedureNotActiveError,
)
from motcua.procedures._parts import (
    Channel,
    ChannelOption,
    ClockStart,
    DocumentGroup,
    Extension,
    Level,
    ProcedureCase,
    Step,
    _Model,
)
from motcua.procedures._provenance import (
    _NATIONAL_FIELDS,
    Provenance,
)

__all__ = ["OverrideRecord", "Procedure", "is_procedure_code"]

_CODE = re.compile(r"^[0-9]\.[0-9]{6}(\.[0-9A-Z]{1,10})*$")


def is_procedure_code(text: str) -> bool:
    """Whether *text* is, in full, a national procedure code (with an optional suffix)."""
    return _CODE.fullmatch(text) is not None


def _check_code(value: str) -> str:
    if not is_procedure_code(value):
        raise PydanticCustomError(
            "procedure_code_format",
            "procedure code {code} is not in the national format D.DDDDDD (e.g. 1.001193), "
            "optionally followed by a province's agency code (e.g. 2.000815.000.00.00.H61)",
            {"code": short(value)},
        )
    return value


ProcedureCode = Annotated[str, AfterValidator(_check_code)]
"""A national procedure code ``D.DDDDDD``, optionally with a province's agency suffix."""


class OverrideRecord(_Model):
    """A value a province changed, and the decision that changed it.

    Attributes:
        path: The overridden field, e.g. ``"channels.counter.fee"``.
        province: The province.
        decision: The province's decision.
        previous_json: The value before, as JSON text; :attr:`previous` decodes it.
    """

    path: str
    province: str
    decision: LegalSource
    previous_json: str
    """The value before, as JSON text (so the record stays hashable)."""

    @property
    def previous(self) -> Any:
        """The value before, as JSON data."""
        return json.loads(self.previous_json)


_STEP_DAY = dt.timedelta(hours=8)
"""The working day step budgets are added up in: 8 office hours, whatever a centre's hours.

A procedure's steps are checked against its time limit once, in the catalog, before any
centre counts them (docs/procedures.md: 1 working day = 8 working hours, a same-day limit
8 hours). A centre counts each step on its own office day (``dossiers._clock``).
"""
_HOUR = dt.timedelta(hours=1)


def _office_hours(limit: ProcessingTime) -> int | None:
    """A limit in working hours on the :data:`_STEP_DAY`, or None if not convertible."""
    office = limit.office_time(_STEP_DAY)
    return None if office is None else office // _HOUR


class Procedure(_Model):
    """An administrative procedure (*thủ tục hành chính*) as published in the national database.

    Build them from data with :class:`motcua.Catalog`; look one up with
    ``Catalog.builtin().get("1.004873")``.

    Attributes:
        code: National code ``D.DDDDDD`` (*mã thủ tục*), optionally with a province's
            agency suffix.
        name: Its name (*tên thủ tục*).
        aliases: Other names people use ("làm giấy khai sinh", "sang tên sổ đỏ").
        field: The field (*lĩnh vực*): "Hộ tịch", "Chứng thực"…
        levels: Levels of government that carry it out.
        channels: One entry per channel, each with its time limit and fee.
        documents: Documents to bring, per case.
        result: The result document (*kết quả thực hiện*).
        handling_agency: Who decides (*cơ quan có thẩm quyền*).
        cooperating_agencies: Who takes part (*cơ quan phối hợp*).
        steps: The internal steps with their time budgets; they add up to the time
            limit of the counter channel (or the first channel).
        extension: A longer limit under a condition (verification, many pages…).
        clock_start: When the limit starts counting (default: at the desk's acceptance).
        clock_start_words: The source's words for it, quoted, when it is not the default.
        cases: The cases (*trường hợp*) with limits of their own; a dossier names its
            case when it is received (none: the procedure's own limits).
        legal_basis: The documents it rests on (*căn cứ pháp lý*).
        effective_from: When it took effect.
        abolished_on: When it was abolished (*bãi bỏ*), if it was.
        abolished_by: The document that abolished it.
        provenance: Where the record comes from and what in it is assumed.
        overrides: Values a province changed (empty for the national record).
    """

    code: ProcedureCode
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    field: str = Field(min_length=1)
    levels: tuple[Level, ...] = Field(min_length=1)
    channels: tuple[ChannelOption, ...] = Field(min_length=1)
    documents: tuple[DocumentGroup, ...] = ()
    result: str | None = None
    handling_agency: str
    cooperating_agencies: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()
    extension: Extension | None = None
    clock_start: ClockStart = ClockStart.ACCEPTED
    clock_start_words: str | None = None
    cases: tuple[ProcedureCase, ...] = ()
    legal_basis: tuple[LegalReference, ...] = ()
    effective_from: dt.date | None = None
    abolished_on: dt.date | None = None
    abolished_by: LegalReference | None = None
    provenance: Provenance
    overrides: tuple[OverrideRecord, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        seen = [c.channel for c in self.channels]
        if len(seen) != len(set(seen)):
            raise rule_error(
                "channel_repeated", f"each channel may appear once, got {[c.value for c in seen]}"
            )
        if (self.abolished_on is None) != (self.abolished_by is None):
            raise rule_error(
                "abolished_pair",
                "abolished_on and abolished_by go together: give both or neither",
                at=("abolished_by",) if self.abolished_on is None else ("abolished_on",),
            )
        if (
            self.effective_from is not None
            and self.abolished_on is not None
            and self.abolished_on <= self.effective_from
        ):
            raise rule_error("abolished_order", "abolished_on must come after effective_from")
        if self.steps:
            self._check_steps()
        self._check_cases()
        self._check_provenance_paths()
        if self.clock_start is not ClockStart.ACCEPTED and not self.clock_start_words:
            raise rule_error(
                "clock_start_words",
                f"clock_start {self.clock_start.value!r} needs clock_start_words: quote the "
                f"source's words for when the time limit starts",
            )
        return self

    def _check_cases(self) -> None:
        keys = [c.key for c in self.cases]
        if len(keys) != len(set(keys)):
            raise rule_error("case_repeated", f"each case key may appear once, got {keys}")
        offered = {c.channel for c in self.channels}
        for case in self.cases:
            seen = [c.channel for c in case.channels]
            if len(seen) != len(set(seen)):
                raise rule_error(
                    "case_channel_repeated", f"case {short(case.key)}: each channel may appear once"
                )
            if not set(seen) <= offered:
                extra = sorted(c.value for c in set(seen) - offered)
                raise rule_error(
                    "case_channel_not_offered",
                    f"case {short(case.key)} lists channels the procedure does not offer: {extra}",
                )
        named = {g.case for g in self.documents if g.case is not None}
        if self.cases and not named <= set(keys):
            raise rule_error(
                "documents_unknown_case",
                f"documents name cases the procedure does not have: {sorted(named - set(keys))}"
                f"; its cases are {keys}",
            )

    def _check_provenance_paths(self) -> None:
        named = {
            "channels": {c.channel.value for c in self.channels},
            "cases": {c.key for c in self.cases},
        }
        located: list[tuple[str, tuple[int | str, ...]]] = [
            (a, ("provenance", "assumed", i)) for i, a in enumerate(self.provenance.assumed)
        ]
        located += [
            (f, ("provenance", "sources", i, "fields", j))
            for i, s in enumerate(self.provenance.sources)
            for j, f in enumerate(s.fields)
        ]
        for path, at in located:
            root, _, rest = path.partition(".")
            if root in named and rest:
                name = rest.split(".", 1)[0]
                if name not in named[root]:
                    raise rule_error(
                        "provenance_path_target",
                        f"provenance path {short(path)} names {root[:-1]} {short(name)}, which "
                        f"the record does not have; its {root} are {sorted(named[root])}",
                        at=at,
                    )

    def unsourced(self) -> tuple[str, ...]:
        """The values that count as read in a source but cite no document with a date.

        A value is sourced when it is assumed (:attr:`Provenance.assumed`) or when a
        :class:`FieldSource` naming it gives the document's number and signing date. An
        unverified record claims nothing as read and answers ``()``. A catalog maintainer
        runs this over a catalog to find the citations still missing; every built-in
        record answers ``()``.

        >>> from motcua import Catalog, Provenance
        >>> record = Catalog.builtin().get("1.004873")
        >>> bare = Provenance(source_url="https://example.invalid", verified=True)
        >>> record.model_copy(update={"provenance": bare}).unsourced()[:4]
        ('code', 'name', 'field', 'levels')
        """
        if not self.provenance.verified:
            return ()  # only the code and name are claimed, as confirmed, not as read
        missing = []
        for path in self._present_paths():
            if self.provenance.is_assumed(path):
                continue
            source = self.provenance.source_of(path)
            if source is None or not source.number or source.issued is None:
                missing.append(path)
        return tuple(missing)

    def _present_paths(self) -> list[str]:
        present = {
            "documents": bool(self.documents),
            "result": self.result is not None,
            "legal_basis": bool(self.legal_basis),
            "extension": self.extension is not None,
            "clock_start": self.clock_start is not ClockStart.ACCEPTED,
            "cases": bool(self.cases),
            "steps": bool(self.steps),
            "abolished_on": self.abolished_on is not None,
        }
        paths = []
        for name in _NATIONAL_FIELDS:
            if name == "channels":
                for option in self.channels:
                    base = f"channels.{option.channel.value}"
                    paths += [f"{base}.time_limit", f"{base}.fee"]
            elif name == "cases":
                paths += [f"cases.{c.key}" for c in self.cases]
            elif present.get(name, True):
                paths.append(name)
        return paths

    def _check_steps(self) -> None:
        limit = self.primary_channel.time_limit
        budgets = [s.budget for s in self.steps]
        if limit.unit is TimeUnit.CALENDAR_DAYS:
            if any(b.unit is not TimeUnit.CALENDAR_DAYS for b in budgets):
                raise rule_error(
                    "step_budget_unit",
                    "steps of a calendar-day procedure must have calendar-day budgets",
                )
            total, expected, unit = sum(b.amount for b in budgets), limit.amount, "days"
        else:
            hours = [_office_hours(b) for b in budgets]
            if any(h is None for h in hours) or any(b.unit is TimeUnit.SAME_DAY for b in budgets):
                raise rule_error(
                    "step_budget_unit", "step budgets must be in working hours or working days"
                )
            total = sum(h for h in hours if h is not None)
            expected = _office_hours(limit) or 0
            unit = "working hours"
        if total != expected:
            raise rule_error(
                "step_budget_total",
                f"step budgets add up to {total} {unit} but the time limit "
                f"({limit}) is {expected} {unit}; make them add up to the limit",
            )

    @property
    def primary_channel(self) -> ChannelOption:
        """The counter channel when offered, else the first one: what steps are counted on."""
        for option in self.channels:
            if option.channel is Channel.COUNTER:
                return option
        return self.channels[0]

    @property
    def base_code(self) -> str:
        """The national code without a province's agency suffix.

        ``2.000815`` for both ``2.000815`` and ``2.000815.000.00.00.H61``.
        """
        return self.code[:8]

    def channel(self, channel: Channel) -> ChannelOption:
        """The entry for *channel*.

        Raises:
            ChannelNotOfferedError: The procedure is not offered on *channel*.
        """
        offered = tuple(c.channel.value for c in self.channels)
        try:
            wanted = Channel(channel)
        except ValueError:
            raise ChannelNotOfferedError(self.code, str(channel), offered=offered) from None
        for option in self.channels:
            if option.channel is wanted:
                return option
        raise ChannelNotOfferedError(self.code, wanted.value, offered=offered)

    def time_limit_for(self, channel: Channel) -> ProcessingTime:
        """The time limit on *channel*.

        >>> from motcua import Catalog
        >>> p = Catalog.builtin().get("1.013133")  # first military-service registration
        >>> str(p.time_limit_for(Channel.COUNTER)), str(p.time_limit_for(Channel.ONLINE))
        ('01 ngày làm việc', '02 giờ làm việc')

        Raises:
            ChannelNotOfferedError: The procedure is not offered on *channel*.
        """
        return self.channel(channel).time_limit

    def case(self, key: str) -> ProcedureCase:
        """The case with this key.

        Raises:
            CaseNotFoundError: The procedure has no such case.
        """
        for case in self.cases:
            if case.key == key:
                return case
        raise CaseNotFoundError(self.code, key, cases=tuple(c.key for c in self.cases))

    def option_for(
        self, channel: Channel, *, case: str | None = None, extended: bool = False
    ) -> ChannelOption:
        """The channel's limit and fee in *case*, with the extension applied if *extended*.

        >>> from motcua import Catalog
        >>> land = Catalog.builtin().get("1.013831")
        >>> str(land.option_for(Channel.COUNTER).time_limit)
        '08 ngày làm việc'
        >>> str(land.option_for(Channel.COUNTER, case="nd101-24-2bc").time_limit)
        '20 ngày làm việc'

        Raises:
            ChannelNotOfferedError: The procedure is not offered on *channel*.
            CaseNotFoundError: The procedure has no such case.
            ArgumentTypeError: *extended* is asked of a procedure without an extension.
        """
        option = self.channel(channel)
        if case is not None:
            if not isinstance(case, str):
                raise ArgumentTypeError("case", case, expected="a case key (str)")
            for own in self.case(case).channels:
                if own.channel is option.channel:
                    option = own
        if extended:
            if self.extension is None:
                raise ArgumentTypeError(
                    "extended", extended, expected=f"False: procedure {self.code} has no extension"
                )
            option = option.model_copy(
                update={"time_limit": self.extension.applied_to(option.time_limit)}
            )
        return option

    def check_active(self, on: dt.date) -> None:
        """Refuse a day on which the procedure is not in force.

        Raises:
            ProcedureNotActiveError: Abolished by then, or not yet effective.
            ArgumentTypeError: *on* is not a date.
        """
        if self.is_active(on):
            return
        if self.abolished_on is not None and on >= self.abolished_on:
            by = self.abolished_by.cite() if self.abolished_by is not None else "?"
            reason = f"abolished from {self.abolished_on:%d/%m/%Y} by {by}"
        else:
            assert self.effective_from is not None
            reason = f"in force from {self.effective_from:%d/%m/%Y}"
        raise ProcedureNotActiveError(self.code, on, reason=reason)

    def is_active(self, on: dt.date) -> bool:
        """Whether the procedure is in force on *on*.

        Raises:
            ArgumentTypeError: *on* is not a date (a datetime's ``.date()`` is).
        """
        if type(on) is not dt.date:
            raise ArgumentTypeError("on", on, expected="a datetime.date")
        if self.effective_from is not None and on < self.effective_from:
            return False
        return self.abolished_on is None or on < self.abolished_on

    @property
    def offered_on(self) -> tuple[Channel, ...]:
        """The channels the procedure can be carried out on."""
        return tuple(c.channel for c in self.channels)
