"""Search speed on a catalog the size of the national one (about 6,000 procedures).

Run with ``make bench``. The synthetic catalog repeats the built-in records with names
varied by field words, agencies and places, so the vocabulary and the posting lists have
realistic sizes; the queries are the real ones of tests/test_search.py.
"""

from __future__ import annotations

import functools
import random
import time
import timeit

from motcua import Catalog, Procedure

QUERIES = [
    "xac nhan tinh trang hon nhan",
    "đăng kỳ khăí sình",
    "GPXD",
    "sang tên sổ đỏ",
    "công chứng bản sao",
    "làm giấy khai sinh",
    "BHYT cho trẻ dưới 6 tuổi",
    "dang ky nghia vu quan su",
    "kahi sinh",
    "chứng thực hợp đồng chuyển nhượng QSDĐ",
]
SUBJECTS = [
    "đối với tổ chức", "cho cá nhân", "có yếu tố nước ngoài", "tại cơ quan đại diện",
    "trong khu công nghiệp", "đối với doanh nghiệp nhà nước", "cho hộ gia đình",
    "lĩnh vực y tế", "lĩnh vực giáo dục", "lĩnh vực giao thông", "về tài nguyên nước",
    "về khoáng sản", "về lâm nghiệp", "về thủy sản", "về văn hóa", "về du lịch",
]  # fmt: skip
PLACES = ["cấp tỉnh", "cấp xã", "cấp bộ", "tại cửa khẩu", "tại cảng biển", "tại sân bay"]


def synthetic(size: int, seed: int = 2026) -> list[Procedure]:
    rng = random.Random(seed)
    base = list(Catalog.builtin())
    out: list[Procedure] = []
    for i in range(size):
        p = base[i % len(base)]
        name = f"{p.name} {rng.choice(SUBJECTS)} {rng.choice(PLACES)}"
        code = f"{1 + i // 999_999}.{100_000 + i:06d}"
        out.append(p.model_copy(update={"code": code, "name": name}))
    return out


def main() -> None:
    procedures = synthetic(6_000)
    started = time.perf_counter()
    catalog = Catalog(procedures)
    catalog.search("khai sinh")  # builds the index
    build = time.perf_counter() - started
    print(f"Catalog of {len(catalog):,} procedures; index built in {build * 1e3:.0f} ms")
    print()
    print("| query | per query |")
    print("|---|---:|")
    total = 0.0
    for query in QUERIES:
        run = functools.partial(catalog.search, query)
        seconds = min(timeit.repeat(run, number=200, repeat=5)) / 200
        total += seconds
        print(f"| `{query}` | {seconds * 1e6:.0f} µs |")
    print(f"| **mean** | **{total / len(QUERIES) * 1e6:.0f} µs** |")


if __name__ == "__main__":
    main()
