"""Estimated days off for years without an official schedule, from the `holidays` package."""

from __future__ import annotations

from datetime import date
from importlib.metadata import version

import holidays

from motcua._sources import Certainty, LegalSource
from motcua.calendar._day import DayKind, DayOff

__all__ = ["CULTURE_DAY_SOURCE", "ESTIMATE_SOURCE", "estimate_year"]

ESTIMATE_SOURCE = LegalSource(
    kind="Bộ luật",
    number="45/2019/QH14",
    title="Bộ luật Lao động (Điều 111, 112), ngày nghỉ dự kiến theo quy tắc của gói holidays",
    issuer="Quốc hội",
    issued=date(2019, 11, 20),
    url="https://vbpl.vn/TW/Pages/vbpq-van-ban-goc.aspx?ItemID=139264",
    certainty=Certainty.ESTIMATED,
    note=(
        f"Estimated with the holidays package {version('holidays')} (VN rules and lunar "
        f"dates); the Prime Minister fixes the Tết days, the extra 2/9 day and any swap "
        f"each year, so this is a forecast, not an announcement."
    ),
)

CULTURE_DAY_SOURCE = LegalSource(
    kind="Nghị quyết",
    number="28/2026/QH16",
    title=(
        "Cơ chế, chính sách phát triển văn hóa (Điều 2: Ngày Văn hóa Việt Nam 24/11), "
        "ngày nghỉ các năm sau dự kiến"
    ),
    issuer="Quốc hội",
    url="https://vanban.chinhphu.vn/?docid=218008&pageid=27160",
    certainty=Certainty.ASSUMED,
    note=(
        "24/11 is a paid day off in 2026 as reported (the resolution's text was not read). "
        "That it recurs every year is assumed: the Labour Code amendment that would list it "
        "among the holidays of Điều 112 was still only a task of the Government in February "
        "2026 (Nghị quyết 30/NQ-CP). Less certain than the other estimated days, which rest "
        "on the Labour Code itself."
    ),
)

_SUFFIXES = (" (nghỉ bù, dự kiến)", " (dự kiến)", " (nghỉ bù)")


def estimate_year(year: int) -> tuple[DayOff, ...]:
    """Return the days off of *year* that the statutory rules predict.

    Holidays come from the ``holidays`` package's Vietnamese rules (lunar Tết and
    Hùng Kings' day, the adjacent 2/9 day, compensatory days). Should the package know a
    swap for the year, it is kept with its make-up day; every entry is marked estimated,
    except Ngày Văn hóa Việt Nam (24/11), marked assumed: its recurrence rests on a reported
    resolution until the Labour Code lists it.
    """
    vi = holidays.country_holidays("VN", years=year, language="vi")
    en = holidays.country_holidays("VN", years=year, language="en_US")
    workdays = sorted(d for d in vi.weekend_workdays if isinstance(d, date))
    days: list[DayOff] = []
    for day in sorted(vi):
        name = "; ".join(vi.get_list(day))
        name_en = "; ".join(en.get_list(day))
        kind = DayKind.COMPENSATORY if "nghỉ bù" in name else DayKind.HOLIDAY
        makeup: date | None = None
        if "thay cho" in name:
            # A swap the package knows: pair it with the package's weekend workday in
            # the same year named in the label ("Ngày nghỉ (thay cho ngày 10/01/2026)").
            makeup = next((w for w in workdays if f"{w:%d/%m/%Y}" in name), None)
            kind = DayKind.SWAPPED if makeup is not None else DayKind.HOLIDAY
        if kind is DayKind.COMPENSATORY and day.weekday() >= 5:
            kind = DayKind.HOLIDAY
        for suffix in _SUFFIXES:
            name = name.replace(suffix, "")
        if kind is DayKind.COMPENSATORY:
            name = f"Nghỉ bù {name}"
        # 24/11 (and a compensatory day for it) rests on a resolution, not the Labour Code.
        culture = (day.month, day.day) == (11, 24) or "Văn hóa" in name
        days.append(
            DayOff(
                date=day,
                kind=kind,
                name=name,
                name_en=name_en,
                makeup=makeup,
                source=CULTURE_DAY_SOURCE if culture else ESTIMATE_SOURCE,
                certainty=Certainty.ASSUMED if culture else Certainty.ESTIMATED,
            )
        )
    return tuple(days)
