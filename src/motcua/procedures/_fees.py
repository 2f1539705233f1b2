"""Fees and charges (phí, lệ phí) of a procedure, and what can be computed of them."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from motcua._sources import LegalReference
from motcua._validation import rule_error
from motcua._vn import vn_money
from motcua.errors import FeeInputError, _shown

__all__ = ["Fee", "FixedFee", "FreeFee", "PageTier", "PerPageFee", "PerUnitFee", "ProvincialFee"]


class _FeeBase(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    note: str | None = None
    """Conditions and exemptions, as the record states them."""
    basis: LegalReference | None = None
    """The document that sets the amount."""

    def _check(self, pages: int, copies: int, units: int) -> None:
        for name, value in (("pages", pages), ("copies", copies), ("units", units)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise FeeInputError(
                    f"{name} must be a whole number ≥ 0, got {_shown(value)}",
                    argument=name,
                    value=value,
                    expected="a whole number ≥ 0",
                )


class FreeFee(_FeeBase):
    """No fee (*miễn phí, lệ phí*), possibly under conditions stated in :attr:`note`."""

    kind: Literal["free"] = "free"

    def amount_for(self, *, pages: int = 0, copies: int = 1, units: int = 1) -> int | None:
        """Always 0 đồng."""
        self._check(pages, copies, units)
        return 0

    def describe(self) -> str:
        """The fee as a receipt writes it."""
        return "Miễn phí" + (f" ({self.note})" if self.note else "")


class FixedFee(_FeeBase):
    """One amount for the whole dossier."""

    kind: Literal["fixed"] = "fixed"
    amount: StrictInt = Field(ge=0)
    """In đồng."""

    def amount_for(self, *, pages: int = 0, copies: int = 1, units: int = 1) -> int | None:
        """The amount, whatever the quantities."""
        self._check(pages, copies, units)
        return self.amount

    def describe(self) -> str:
        """The fee as a receipt writes it."""
        return vn_money(self.amount)


class PerUnitFee(_FeeBase):
    """An amount per case, transaction, signature or copy (*đồng/trường hợp*)."""

    kind: Literal["per_unit"] = "per_unit"
    amount: StrictInt = Field(ge=0)
    """In đồng, for one unit."""
    unit: str = "trường hợp"
    """What is counted, in Vietnamese: ``trường hợp``, ``giao dịch``, ``bản``…"""

    def amount_for(self, *, pages: int = 0, copies: int = 1, units: int = 1) -> int | None:
        """``amount × units × copies`` (a fee per copy counts *copies*; one per case, *units*)."""
        self._check(pages, copies, units)
        return self.amount * units * copies

    def describe(self) -> str:
        """The fee as a receipt writes it."""
        return f"{vn_money(self.amount)}/{self.unit}"


class PageTier(BaseModel):
    """From page :attr:`from_page` on, each page costs :attr:`amount`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    from_page: StrictInt = Field(ge=1)
    amount: StrictInt = Field(ge=0)


class PerPageFee(_FeeBase):
    """An amount per page in tiers, with a cap per copy (certified copies).

    Example (chứng thực bản sao từ bản chính: 2.000 đ/trang, từ trang thứ ba 1.000 đ/trang,
    tối đa 200.000 đ/bản):

    >>> fee = PerPageFee(
    ...     tiers=(PageTier(from_page=1, amount=2000), PageTier(from_page=3, amount=1000)),
    ...     max_per_copy=200_000,
    ... )
    >>> fee.amount_for(pages=5)
    7000
    >>> fee.amount_for(pages=500, copies=2)
    400000
    >>> fee.describe()
    '2.000 đồng/trang; từ trang thứ 3 trở lên 1.000 đồng/trang; tối đa 200.000 đồng/bản'
    """

    kind: Literal["per_page"] = "per_page"
    tiers: tuple[PageTier, ...] = Field(min_length=1)
    max_per_copy: StrictInt | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _tiers_in_order(self) -> Self:
        if self.tiers[0].from_page != 1:
            raise rule_error("page_tier_first", "the first page tier must start at page 1")
        starts = [t.from_page for t in self.tiers]
        if starts != sorted(set(starts)):
            raise rule_error(
                "page_tier_order", f"page tiers must start at increasing pages, got {starts}"
            )
        return self

    def amount_for(self, *, pages: int = 0, copies: int = 1, units: int = 1) -> int | None:
        """The fee for *copies* copies of a document of *pages* pages.

        Raises:
            FeeInputError: *pages* is 0 (a per-page fee needs the page count) or negative.
        """
        self._check(pages, copies, units)
        if pages == 0:
            raise FeeInputError(
                "a per-page fee needs the number of pages: pass pages=N (N ≥ 1)",
                argument="pages",
                value=pages,
                expected="the number of pages, N ≥ 1",
            )
        per_copy = 0
        for index, tier in enumerate(self.tiers):
            end = self.tiers[index + 1].from_page - 1 if index + 1 < len(self.tiers) else pages
            counted = max(0, min(pages, end) - tier.from_page + 1)
            per_copy += counted * tier.amount
        if self.max_per_copy is not None:
            per_copy = min(per_copy, self.max_per_copy)
        return per_copy * copies

    def describe(self) -> str:
        """The fee as a receipt writes it."""
        parts = [f"{vn_money(self.tiers[0].amount)}/trang"]
        parts += [
            f"từ trang thứ {t.from_page} trở lên {vn_money(t.amount)}/trang" for t in self.tiers[1:]
        ]
        if self.max_per_copy is not None:
            parts.append(f"tối đa {vn_money(self.max_per_copy)}/bản")
        return "; ".join(parts)


class ProvincialFee(_FeeBase):
    """Set by the provincial People's Council (*do HĐND cấp tỉnh quy định*).

    The amount differs by province and motcua does not know it: :meth:`amount_for`
    returns ``None``. A province's override file can replace it with the amount its
    resolution sets.
    """

    kind: Literal["provincial"] = "provincial"

    def amount_for(self, *, pages: int = 0, copies: int = 1, units: int = 1) -> int | None:
        """``None``: the amount is set by each province."""
        self._check(pages, copies, units)
        return None

    def describe(self) -> str:
        """The fee as a receipt writes it."""
        return "Theo mức do Hội đồng nhân dân cấp tỉnh quy định" + (
            f" ({self.note})" if self.note else ""
        )


Fee = Annotated[
    FreeFee | FixedFee | PerUnitFee | PerPageFee | ProvincialFee, Field(discriminator="kind")
]
"""Any fee; ``fee.kind`` tells which, ``fee.amount_for(...)`` computes what can be."""
