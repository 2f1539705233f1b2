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
from pathlib import Path

import yaml

from motcua import Catalog, Procedure

EXPECTED = {
    "xac nhan tinh trang hon nhan": "1.004873",
    "đăng kỳ khăí sình": "1.001193",
    "GPXD": "1.013225",
    "sang tên sổ đỏ": "1.013831",
    "công chứng bản sao": "2.000815",
    "làm giấy khai sinh": "1.001193",
    "BHYT cho trẻ dưới 6 tuổi": "2.002621",
    "dang ky nghia vu quan su": "1.013133",
    "kahi sinh": "1.001193",
    "chứng thực hợp đồng chuyển nhượng QSDĐ": "2.001035",
}
"""The queries of tests/test_search.py and the real procedure each must find in the top 3."""
QUERIES = list(EXPECTED)
SUBJECTS = [
    "đối với tổ chức",
    "cho cá nhân",
    "có yếu tố nước ngoài",
    "tại cơ quan đại diện",
    "trong khu công nghiệp",
    "đối với doanh nghiệp nhà nước",
    "cho hộ gia đình",
    "lĩnh vực y tế",
    "lĩnh vực giáo dục",
    "lĩnh vực giao thông",
    "về tài nguyên nước",
    "về khoáng sản",
    "về lâm nghiệp",
    "về thủy sản",
    "về văn hóa",
    "về du lịch",
]
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


HEADS = [
    "Thủ tục",
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Đăng ký",
    "Gia hạn",
    "Thay đổi",
    "Xác nhận",
    "Công nhận",
    "Thẩm định",
    "Phê duyệt",
    "Chấm dứt",
    "Điều chỉnh",
    "Thu hồi",
    "Giải quyết",
]
ONSETS = "b c d đ g h k l m n p q r s t v x ch gi kh ng nh ph th tr".split()  # noqa: SIM905
RIMES = "a ai an ang anh ao at au ay e em en eo i ia im in inh it o oa oai oan oi om on ong".split()  # noqa: SIM905
RIMES += "u ua uan ui um un ung uoc uong uyen uyet y yen".split()  # noqa: SIM905


def realistic(size: int, seed: int = 2026) -> list[Procedure]:
    """The built-in records plus names built like the national database's.

    Names keep the common heads ("Cấp", "Đăng ký", "Thủ tục") of real names, then 2-4
    content words drawn with Zipf-like frequencies from 3,000 made-up Vietnamese
    syllables, so common words are common and specific ones rare, as in real catalogs.
    """
    rng = random.Random(seed)
    syllables = sorted({o + r for o in ONSETS for r in RIMES})
    rng.shuffle(syllables)
    pool = syllables[:3000]
    weights = [1 / (rank + 1) for rank in range(len(pool))]
    base = list(Catalog.builtin())
    out = list(base)
    for i in range(size - len(base)):
        words = rng.choices(pool, weights=weights, k=rng.randint(2, 4))
        name = f"{rng.choice(HEADS)} {' '.join(words)} {rng.choice(SUBJECTS)}"
        template = base[i % len(base)]
        code = f"{1 + i // 999_999}.{100_000 + i:06d}"
        out.append(template.model_copy(update={"code": code, "name": name, "aliases": ()}))
    return out


def measure(title: str, procedures: list[Procedure]) -> None:
    started = time.perf_counter()
    catalog = Catalog(procedures)
    catalog.search("khai sinh")  # builds the index
    build = time.perf_counter() - started
    print(f"### {title}: {len(catalog):,} procedures, index built in {build * 1e3:.0f} ms")
    print()
    print("| query | per query | the real procedure in the top 3 |")
    print("|---|---:|:---:|")
    total, worst = 0.0, 0.0
    for query in QUERIES:
        run = functools.partial(catalog.search, query)
        seconds = min(timeit.repeat(run, number=200, repeat=5)) / 200
        total += seconds
        worst = max(worst, seconds)
        # The stress catalog's copies carry the real names with other codes: a copy counts.
        wanted = Catalog.builtin().get(EXPECTED[query]).name
        top = catalog.search(query, limit=3)
        found = "yes" if any(wanted in h.procedure.name for h in top) else "**no**"
        print(f"| `{query}` | {seconds * 1e6:.0f} µs | {found} |")
    print(f"| **mean** | **{total / len(QUERIES) * 1e6:.0f} µs** |")
    print(f"| **worst** | **{worst * 1e6:.0f} µs** |")
    print()


def table() -> None:
    """The built-in catalog with every query of tests/data/search-queries.yaml."""
    path = Path(__file__).resolve().parent.parent / "tests" / "data" / "search-queries.yaml"
    rows = yaml.safe_load(path.read_text("utf-8"))
    catalog = Catalog.builtin()
    catalog.search("warm up")  # the index is built on the first search
    times = []
    for row in rows:
        runs = timeit.repeat(functools.partial(catalog.search, row["query"]), number=20, repeat=5)
        times.append((min(runs) / 20, row["query"]))
    times.sort()
    mean = sum(t for t, _ in times) / len(times)
    print(f"### Built-in catalog ({len(catalog)} procedures), {len(rows)} real queries")
    print()
    print(
        f"mean {mean * 1e6:.0f} µs, median {times[len(times) // 2][0] * 1e6:.0f} µs, "
        f"worst {times[-1][0] * 1e6:.0f} µs (`{times[-1][1]}`)"
    )
    print()


def main() -> None:
    table()
    count = len(Catalog.builtin())
    measure("Realistic synthetic catalog (the target)", realistic(6_000))
    measure("Realistic synthetic catalog, ten times the national database", realistic(60_000))
    measure(f"Stress catalog (the {count} real records repeated)", synthetic(6_000))


if __name__ == "__main__":
    main()
