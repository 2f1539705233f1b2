"""Legal sources and how sure motcua is of each fact.

Every calendar entry, procedure record and legal rule motcua ships points at a
:class:`LegalSource` and carries a :class:`Certainty`, so an integrator can show a clerk
not only *what* the rule is but *why* and *how far to trust it*.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

__all__ = ["Certainty", "LegalReference", "LegalSource"]


class Certainty(StrEnum):
    """How sure motcua is of a fact, from most to least certain.

    The levels follow the tags of the project's legal model: a fact is ``verified`` only
    when its wording was read in the document itself or an official copy of it.
    """

    VERIFIED = "verified"
    """Read in the document or an official copy of it."""
    SECONDARY = "secondary"
    """Taken from a reliable secondary source (official press, another system's data)."""
    REPORTED = "reported"
    """Reported by the press or officials; the document's text was not read."""
    ESTIMATED = "estimated"
    """Computed from statutory rules because nothing has been announced yet."""
    ASSUMED = "assumed"
    """A working assumption, to be replaced by a sourced value."""

    @property
    def label(self) -> str:
        """The Vietnamese label shown to clerks."""
        return _CERTAINTY_LABELS[self]


_CERTAINTY_LABELS = {
    Certainty.VERIFIED: "đã đối chiếu văn bản",
    Certainty.SECONDARY: "nguồn thứ cấp",
    Certainty.REPORTED: "theo thông tin báo chí",
    Certainty.ESTIMATED: "dự kiến",
    Certainty.ASSUMED: "giả định",
}


class LegalSource(BaseModel):
    """A document a rule or a data entry rests on.

    Example:
        >>> src = LegalSource(
        ...     kind="Công văn",
        ...     number="12729/VPCP-KGVX",
        ...     issuer="Văn phòng Chính phủ",
        ...     issued=date(2025, 12, 25),
        ...     title="Hoán đổi ngày làm việc dịp Tết Dương lịch 2026",
        ...     certainty=Certainty.SECONDARY,
        ... )
        >>> src.cite()
        'Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ'

    Attributes:
        kind: The kind of document as written in Vietnamese ("Bộ luật", "Công văn",
            "Thông báo", "Nghị quyết"…).
        number: Its number and symbol, e.g. ``"45/2019/QH14"``.
        issuer: Who issued it.
        issued: The date it was signed, when known.
        title: Its title or subject.
        url: A public link to its text.
        certainty: How sure motcua is that the document says what motcua relies on.
        note: Anything a reader should know (an amendment, a disagreement between sources).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    number: str
    issuer: str | None = None
    issued: date | None = None
    title: str | None = None
    url: str | None = None
    certainty: Certainty = Certainty.SECONDARY
    note: str | None = None

    def cite(self) -> str:
        """Return the citation the way Vietnamese documents write it."""
        text = f"{self.kind} {self.number}"
        if self.issued is not None:
            text += f" ngày {self.issued:%d/%m/%Y}"
        if self.issuer:
            text += f" của {self.issuer}"
        return text


class LegalReference(LegalSource):
    """A document and the article of it that a value rests on.

    >>> LegalReference(kind="Luật", number="60/2014/QH13", article="Điều 16").cite()
    'Điều 16 Luật 60/2014/QH13'

    Attributes:
        article: The article relied on, e.g. ``"Điều 16"``.
    """

    article: str | None = None

    def cite(self) -> str:
        """The citation, with the article first when there is one."""
        base = super().cite()
        return f"{self.article} {base}" if self.article else base
