"""The parts of a procedure record: channels, documents, steps, extensions and cases."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from motcua._sources import LegalReference
from motcua._validation import rule_error
from motcua.calendar import ProcessingTime, TimeUnit
from motcua.procedures._fees import Fee

__all__ = [
    "Channel",
    "ChannelOption",
    "ClockStart",
    "Document",
    "DocumentGroup",
    "Extension",
    "ExtensionKind",
    "Level",
    "OnlineLevel",
    "ProcedureCase",
    "Step",
]


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
