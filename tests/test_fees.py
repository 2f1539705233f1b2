from __future__ import annotations

import pytest
from pydantic import ValidationError

from motcua import FixedFee, FreeFee, PageTier, PerPageFee, PerUnitFee, ProvincialFee
from motcua.errors import FeeInputError

# Chứng thực bản sao từ bản chính: 2.000 đ/trang; từ trang thứ 3: 1.000 đ/trang;
# tối đa 200.000 đ/bản (Thông tư 226/2016/TT-BTC).
CERTIFIED_COPY = PerPageFee(
    tiers=(PageTier(from_page=1, amount=2000), PageTier(from_page=3, amount=1000)),
    max_per_copy=200_000,
)


@pytest.mark.parametrize(
    ("pages", "copies", "expected"),
    [
        (1, 1, 2_000),
        (2, 1, 4_000),
        (3, 1, 5_000),
        (10, 1, 12_000),
        (198, 1, 200_000),  # 4.000 + 196 × 1.000: exactly the cap
        (199, 1, 200_000),  # capped
        (500, 1, 200_000),
        (3, 4, 20_000),  # per copy, times copies
        (500, 2, 400_000),  # the cap is per copy
    ],
    ids=["1p", "2p", "3p", "10p", "at-cap", "over-cap", "500p", "4-copies", "cap-per-copy"],
)
def test_certified_copy_fee(pages: int, copies: int, expected: int) -> None:
    assert CERTIFIED_COPY.amount_for(pages=pages, copies=copies) == expected


def test_other_fee_kinds() -> None:
    signature = PerUnitFee(amount=10_000, unit="trường hợp")
    assert signature.amount_for(units=3) == 30_000
    assert signature.describe() == "10.000 đồng/trường hợp"
    assert FixedFee(amount=20_000).amount_for() == 20_000
    assert FixedFee(amount=20_000).describe() == "20.000 đồng"
    assert FreeFee(note="đăng ký đúng hạn").amount_for() == 0
    assert FreeFee(note="đăng ký đúng hạn").describe() == "Miễn phí (đăng ký đúng hạn)"
    provincial = ProvincialFee()
    assert provincial.amount_for() is None
    assert provincial.describe() == "Theo mức do Hội đồng nhân dân cấp tỉnh quy định"


@pytest.mark.parametrize(
    ("call", "message", "argument", "value", "expected"),
    [
        (
            lambda: CERTIFIED_COPY.amount_for(copies=1),
            "needs the number of pages",
            "pages",
            0,
            "the number of pages, N ≥ 1",
        ),
        (
            lambda: CERTIFIED_COPY.amount_for(pages=-1),
            "pages must be a whole number ≥ 0",
            "pages",
            -1,
            "a whole number ≥ 0",
        ),
        (
            lambda: CERTIFIED_COPY.amount_for(pages=2, copies=1.5),  # type: ignore[arg-type]
            "copies must be a whole number",
            "copies",
            1.5,
            "a whole number ≥ 0",
        ),
        (
            lambda: PerUnitFee(amount=1).amount_for(units=True),
            "units must be a whole number",
            "units",
            True,
            "a whole number ≥ 0",
        ),
    ],
    ids=["no-pages", "negative", "fraction", "bool"],
)
def test_impossible_quantities(
    call: object, message: str, argument: str, value: object, expected: str
) -> None:
    with pytest.raises(FeeInputError, match=message) as refused:
        call()  # type: ignore[operator]
    assert (refused.value.argument, refused.value.expected) == (argument, expected)
    assert refused.value.value == value
    assert type(refused.value.value) is type(value)  # True is kept as True, not 1


def test_page_tiers_must_make_sense() -> None:
    with pytest.raises(ValidationError, match="must start at page 1"):
        PerPageFee(tiers=(PageTier(from_page=2, amount=1000),))
    with pytest.raises(ValidationError, match="increasing pages"):
        PerPageFee(
            tiers=(
                PageTier(from_page=1, amount=2000),
                PageTier(from_page=5, amount=1000),
                PageTier(from_page=3, amount=500),
            )
        )
    with pytest.raises(ValidationError):
        FixedFee(amount=-5)
