"""The record of an administrative procedure (thủ tục hành chính), shaped as nationally."""

from __future__ import annotations

import datetime as dt
import json
import re
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from motcua._sources import Certainty, LegalReference, LegalSource
from motcua._validation import rule_error, short
from motcua.calendar import ProcessingTime, TimeUnit
from motcua.errors import (
    ArgumentTypeError,
    CaseNotFoundError,
    ChannelNotOfferedError,
    ProcedureNotActiveError,
)
from motcua.procedures._fees import Fee

__all__ = [
    "Channel",
    "ChannelOption",
    "Document",
    "DocumentGroup",
    "Extension",
    "ExtensionKind",
    "FieldSource",
    "Level",
    "OnlineLevel",
    "OverrideRecord",
    "Procedure",
    "ProcedureCase",
    "Provenance",
    "Step",
]

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


class Channel(StrEnum):
    """How a dossier is submitted (*cách thức thực hiện*), with its national code."""

    COUNTER = "counter"
    """In person at the one-stop desk (*trực tiếp*), national code 1."""
    ONLINE = "online"
    """Through the National Public Service Portal (*trực tuyến*), national code 2."""
    POST = "post"
    """By the public postal service (*dịch vụ bưu chính công ích*), national code 3."""

    @property
    def code(self) -> int:
        """The national channel code used when syncing to the national portal."""
        return _CHANNEL_CODES[self]

    @property
    def label(self) -> str:
        """The Vietnamese name."""
        return _CHANNEL_LABELS[self]


_CHANNEL_CODES = {Channel.COUNTER: 1, Channel.ONLINE: 2, Channel.POST: 3}
_CHANNEL_LABELS = {
    Channel.COUNTER: "Trực tiếp",
    Channel.ONLINE: "Trực tuyến",
    Channel.POST: "Dịch vụ bưu chính",
}


class Level(StrEnum):
    """The level of government that carries out the procedure (*cấp thực hiện*).

    There is no district level after 01/07/2025.
    """

    COMMUNE = "commune"
    PROVINCE = "province"
    MINISTRY = "ministry"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The Vietnamese name."""
        return {"commune": "Cấp Xã", "province": "Cấp Tỉnh", "ministry": "Cấp Bộ"}.get(
            self.value, "Cơ quan khác"
        )


class OnlineLevel(StrEnum):
    """How much of an online procedure happens online (Nghị định 42/2022/NĐ-CP)."""

    FULL = "full"
    """*Toàn trình*: everything online, the result online or by post."""
    PARTIAL = "partial"
    """*Một phần*: part of it still needs the applicant in person."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ChannelOption(_Model):
    """One way of carrying out the procedure, with its own time limit and fee.

    Attributes:
        channel: Counter, online or post.
        time_limit: The time limit on this channel.
        fee: The fee on this channel.
        online_level: For the online channel: full or partial.
        note: What the record says about this channel.
    """

    channel: Channel
    time_limit: ProcessingTime
    fee: Fee
    online_level: OnlineLevel | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _online_level_only_online(self) -> Self:
        if self.online_level is not None and self.channel is not Channel.ONLINE:
            raise rule_error(
                "online_level_channel",
                f"online_level applies to the online channel, not {self.channel}",
            )
        return self


class Document(_Model):
    """One document of a dossier (*thành phần hồ sơ*).

    Attributes:
        name: As the record names it.
        originals: Number of originals (*bản chính*).
        copies: Number of copies (*bản sao*).
        template: The form's reference, e.g. ``"Mẫu CT01"``.
        present_only: Only shown at the desk, not handed in (*xuất trình*).
        skip_if_in_national_db: Not needed when the data can be found in a national
            database (population, civil status…).
        optional: Only in some situations (the record says when, in :attr:`note`).
        note: Conditions, as the record states them.
    """

    name: str
    originals: StrictInt = Field(default=0, ge=0)
    copies: StrictInt = Field(default=0, ge=0)
    template: str | None = None
    present_only: bool = False
    skip_if_in_national_db: bool = False
    optional: bool = False
    note: str | None = None


class DocumentGroup(_Model):
    """The documents required in one case (*trường hợp*); ``case=None`` applies always."""

    case: str | None = None
    documents: tuple[Document, ...] = Field(min_length=1)


class Step(_Model):
    """One step of the internal process, with its share of the time limit.

    Attributes:
        name: What happens ("Tiếp nhận hồ sơ", "Thẩm định", "Ký duyệt"…).
        actor: Who does it.
        budget: Its share of the time limit (working hours or days; calendar days for
            calendar-day procedures).
    """

    name: str
    actor: str
    budget: ProcessingTime


class ClockStart(StrEnum):
    """When a procedure's time limit starts counting, as its text words it.

    References:
        NĐ 118/2025/NĐ-CP on the one-stop mechanism: the limit runs from the acceptance of
        a complete, valid dossier. QĐ 2637/QĐ-UBND (Vĩnh Long, 16/11/2025), chứng thực
        procedures after NĐ 280/2025/NĐ-CP: "Thời hạn được tính từ ngày cơ quan, tổ chức
        nhận đủ hồ sơ hợp lệ trực tiếp, theo dấu bưu điện đến hoặc theo thời điểm hệ
        thống dịch vụ công ghi nhận đã nhận đủ hồ sơ hợp lệ".
    """

    ACCEPTED = "accepted"
    """When the desk accepted the complete, valid dossier (the default)."""
    RECORDED = "recorded"
    """When the complete, valid dossier was recorded: at the counter when handed in; by
    post, the postmark of arrival; online, the time the public-service system recorded
    it — whatever the desk's own checking took after that."""


class ExtensionKind(StrEnum):
    """How an extension relates to the base limit, as the source words it."""

    REPLACES = "replaces"
    """*Không quá N …*: the extension's limit is the whole limit in that case."""
    ADDS = "adds"
    """*Kéo dài thêm …*: the extension's working days come on top of the base limit."""


class Extension(_Model):
    """A longer time limit that applies under a condition.

    "Không quá 05 ngày làm việc trong trường hợp cần xác minh" replaces the limit:
    ``Extension(time_limit=ProcessingTime.working_days(5), condition="cần xác minh")``.
    "Thời hạn chứng thực được kéo dài thêm không quá 02 ngày làm việc" adds to it:
    ``Extension(time_limit=ProcessingTime.working_days(2), kind="adds", …)`` — a same-day
    copy becomes due two working days after the same-day due time.

    Attributes:
        time_limit: The whole limit (``replaces``) or the working days added (``adds``).
        condition: When it applies, as the source says.
        kind: ``replaces`` (*không quá*) or ``adds`` (*thêm*).
        words: The source's own words, quoted.
        by_agreement: The source allows a longer time agreed in writing (*hoặc có thể dài
            hơn theo thỏa thuận bằng văn bản*): a dossier may record an agreed due time.
    """

    time_limit: ProcessingTime
    condition: str
    kind: ExtensionKind = ExtensionKind.REPLACES
    words: str | None = None
    by_agreement: bool = False

    @model_validator(mode="after")
    def _adds_working_days(self) -> Self:
        limit = self.time_limit
        if self.kind is ExtensionKind.ADDS and (
            limit.unit is not TimeUnit.WORKING_DAYS
            or limit.cutoff is not None
            or limit.last_hour
            or limit.added
        ):
            raise rule_error(
                "extension_adds",
                "an extension that adds (thêm) is a plain number of working days, "
                f"got {limit.describe(lang='en')}",
            )
        return self

    def applied_to(self, base: ProcessingTime) -> ProcessingTime:
        """The limit of a dossier in this extension's condition, from the *base* limit."""
        if self.kind is ExtensionKind.ADDS:
            return base.plus(self.time_limit.amount)
        return self.time_limit


class ProcedureCase(_Model):
    """One case (*trường hợp*) of a procedure, with its own limits per channel.

    Land transfer (1.013831) is 8 working days, 10 in the case of NĐ 101/2024 Art. 24(2)(a)
    and 20 in the cases of Art. 24(2)(b)(c): two cases, each with its channels. A case's
    documents are the procedure's :class:`DocumentGroup` entries whose ``case`` is its
    :attr:`key` (plus those for every case).

    Attributes:
        key: A short, stable identifier (``"nd101-24-2a"``), what a dossier records.
        name: The case as the source states it.
        channels: Its limit and fee per channel; a channel the case does not list keeps
            the procedure's own. Only channels the procedure offers.
        legal_basis: The article that makes it a case.
        note: Anything a reader should know.
    """

    key: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    channels: tuple[ChannelOption, ...] = Field(min_length=1)
    legal_basis: tuple[LegalReference, ...] = ()
    note: str | None = None


_RECORD_FIELDS = frozenset(
    {
        "code", "name", "aliases", "field", "levels", "channels", "documents", "result",
        "handling_agency", "cooperating_agencies", "steps", "extension", "clock_start",
        "cases", "legal_basis", "effective_from", "abolished_on", "abolished_by",
    }
)  # fmt: skip
"""The record's fields a provenance path may start with."""

_NATIONAL_FIELDS = (
    "code",
    "name",
    "field",
    "levels",
    "channels",
    "documents",
    "result",
    "handling_agency",
    "legal_basis",
    "extension",
    "clock_start",
    "cases",
    "steps",
    "abolished_on",
)
"""The fields of the national database's record shape whose provenance a catalog tracks."""


_CHANNEL_ATTRS = frozenset({"time_limit", "fee", "online_level", "note"})
_EXTENSION_ATTRS = frozenset({"time_limit", "condition", "kind", "words", "by_agreement"})
_CASE_ATTRS = frozenset({"name", "channels", "legal_basis", "note"})
_PATH_GRAMMAR: dict[str, tuple[frozenset[str] | None, ...]] = {
    "channels": (frozenset({"counter", "online", "post"}), _CHANNEL_ATTRS),
    "cases": (None, _CASE_ATTRS),  # None: any case key (checked against the record's cases)
    "extension": (_EXTENSION_ATTRS,),
}
_PATH = re.compile(r"[a-z_]+(?:\.[a-z0-9][a-z0-9_-]*)*")
_PATH_EXAMPLES = "e.g. 'channels.online.fee', 'documents', 'extension', 'cases.nd101-24-2a'"


def _covers(listed: str, path: str) -> bool:
    return path == listed or path.startswith(listed + ".")


def _path_problem(value: str) -> str | None:
    """What is wrong with *value* as a field path, or None when it is one."""
    if len(value) > 200 or not _PATH.fullmatch(value):
        return "a field path is lower-case names joined by dots, without spaces"
    root, *rest = value.split(".")
    if root not in _RECORD_FIELDS:
        return f"a path starts with one of {', '.join(sorted(_RECORD_FIELDS))}"
    if root == "cases" and rest[1:2] == ["channels"] and len(rest) > 2:
        return _path_problem(".".join(rest[1:]))  # a case's own channel: cases.<key>.channels…
    grammar = _PATH_GRAMMAR.get(root, ())
    if len(rest) > len(grammar):
        return f"{root!r} has no parts a path can name past {len(grammar)} level(s)"
    for part, allowed in zip(rest, grammar, strict=False):
        if allowed is not None and part not in allowed:
            return f"after {root!r} comes one of {', '.join(sorted(allowed))}"
    return None


def _check_path(value: str) -> str:
    problem = _path_problem(value)
    if problem is not None:
        raise PydanticCustomError(
            "provenance_path",
            "{path} is not a field path of a procedure record: {problem} ({examples})",
            {"path": short(value), "problem": problem, "examples": _PATH_EXAMPLES},
        )
    return value


def _query_path(path: object) -> str:
    """*path* checked as an argument (``source_of``, ``certainty_of``…)."""
    if not isinstance(path, str) or _path_problem(path) is not None:
        raise ArgumentTypeError(
            "path", path, expected=f"a field path of the record ({_PATH_EXAMPLES})"
        )
    return path


FieldPath = Annotated[str, AfterValidator(_check_path)]
"""A path into a procedure record: ``"documents"``, ``"channels.online.fee"``…"""


class FieldSource(LegalReference):
    """A document some of a record's values rest on, where they were read, and which values.

    ``url`` is where the values were read (a copy of the document, or of the national
    database page that names it); ``certainty`` says which: ``verified`` when read in the
    document's own text, ``secondary`` when read in another system's copy of it (a page of
    the national database, which cites the document), ``reported`` when only reported;
    ``note`` anything in between. A source is never ``assumed`` or ``estimated``: an
    assumption is listed in :attr:`Provenance.assumed` instead.

    >>> source = FieldSource(
    ...     kind="Quyết định", number="2637/QĐ-UBND", issuer="UBND tỉnh Vĩnh Long",
    ...     issued=dt.date(2025, 11, 16), article="Phụ lục I, mục A.1",
    ...     certainty="verified", fields=("channels", "documents", "legal_basis"),
    ... )
    >>> source.cite()
    'Phụ lục I, mục A.1 Quyết định 2637/QĐ-UBND ngày 16/11/2025 của UBND tỉnh Vĩnh Long'

    Attributes:
        fields: The field paths whose values were read in the document (``"channels"``
            covers every channel's limit and fee).
    """

    kind: str = Field(min_length=1)
    number: str = Field(min_length=1)
    fields: tuple[FieldPath, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _a_read_certainty(self) -> Self:
        if self.certainty in (Certainty.ASSUMED, Certainty.ESTIMATED):
            raise rule_error(
                "source_certainty",
                f"a source is read (verified), copied (secondary) or reported, not "
                f"{self.certainty.value}; list an assumed value in provenance.assumed instead",
            )
        return self


class Provenance(_Model):
    """Where a record comes from and how far to trust it, field by field.

    Attributes:
        source_url: Where the record was read (the main source).
        verified: True when the record's values were read in a source (the ones listed
            in :attr:`assumed` excepted); False when only code and name were confirmed.
        sources: The documents the values rest on, each with the fields it gave
            (number, date, article, where its copy was read, certainty).
        assumed: Field paths whose values are assumptions, e.g. ``"documents"`` or
            ``"channels.online.fee"``; everything under a listed path is assumed, unless a
            source names a narrower path (a province's decision overriding one fee).
        checked_on: When the values were last checked.
        notes: Anything a reader should know.
    """

    source_url: str
    verified: bool
    sources: tuple[FieldSource, ...] = ()
    assumed: tuple[FieldPath, ...] = ()
    checked_on: dt.date | None = None
    notes: str | None = None

    def _depth(self, path: str) -> tuple[int, int]:
        """How specifically an assumption and a source name *path* (-1: neither does)."""
        assumed = max((len(a) for a in self.assumed if _covers(a, path)), default=-1)
        sourced = max(
            (len(f) for s in self.sources for f in s.fields if _covers(f, path)), default=-1
        )
        return assumed, sourced

    def is_assumed(self, path: str) -> bool:
        """Tell whether the value at *path* (e.g. ``"channels.counter.fee"``) is assumed.

        A value is assumed when its path or a parent path is listed in :attr:`assumed` and
        no source names it more narrowly; in an unverified record, every value but the
        code and name is.

        Raises:
            ArgumentTypeError: *path* is not a field path.
        """
        _query_path(path)
        if not self.verified:
            return path not in ("code", "name")
        assumed, sourced = self._depth(path)
        return assumed >= 0 and assumed >= sourced

    def source_of(self, path: str) -> FieldSource | None:
        """The document the value at *path* rests on, if any.

        A dated source wins over an undated one, then the one naming the narrower path
        (``channels.counter.fee`` over ``channels``), then the one listed last (a
        province's override is listed after the national sources). None when the value
        is assumed or no source names it.

        Raises:
            ArgumentTypeError: *path* is not a field path.
        """
        if self.is_assumed(path):
            return None
        best: tuple[tuple[bool, int], FieldSource] | None = None
        for source in self.sources:
            for listed in source.fields:
                rank = (source.issued is not None, len(listed))
                if _covers(listed, path) and (best is None or rank >= best[0]):
                    best = (rank, source)  # among equals the last: an override comes last
        return None if best is None else best[1]

    def certainty_of(self, path: str) -> Certainty:
        """How sure the catalog is of the value at *path*.

        ``ASSUMED`` for an assumed value; the certainty of the document it rests on;
        ``SECONDARY`` for a value no document names (read in :attr:`source_url`, another
        system's copy; or an unverified record's confirmed code and name).

        Raises:
            ArgumentTypeError: *path* is not a field path.
        """
        if self.is_assumed(path):
            return Certainty.ASSUMED
        source = self.source_of(path)
        return Certainty.SECONDARY if source is None else source.certainty


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
                    "case_channel_repeated", f"case {case.key!r}: each channel may appear once"
                )
            if not set(seen) <= offered:
                extra = sorted(c.value for c in set(seen) - offered)
                raise rule_error(
                    "case_channel_not_offered",
                    f"case {case.key!r} lists channels the procedure does not offer: {extra}",
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
