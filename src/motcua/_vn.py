"""Vietnamese renderings shared by the calendar, slips and reports.

References:
    * Nghị định 30/2020/NĐ-CP on administrative documents, Phụ lục I (the date line
      ``ngày 06 tháng 5 năm 2025``: days below 10 and months 1 and 2 take a leading
      zero). Certainty: secondary (wording recalled from the decree's appendix, not
      re-read for this release).
"""

from __future__ import annotations

import functools
import math
import numbers
import re
import unicodedata
from datetime import date, datetime
from typing import Literal

from motcua.errors import ArgumentTypeError

Lang = Literal["vi", "en"]
"""A language motcua answers in: Vietnamese (``"vi"``) or English (``"en"``)."""

__all__ = [
    "Lang",
    "check_lang",
    "fold",
    "fold_ascii",
    "format_money",
    "format_number",
    "format_percent",
    "vn_amount_in_words",
    "vn_date",
    "vn_date_long",
    "vn_datetime_long",
    "vn_datetime_short",
    "vn_money",
    "vn_number_words",
    "vn_weekday",
]

_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def vn_weekday(d: date, *, lang: Lang = "vi") -> str:
    """Name the day of the week: ``"Thứ Hai"`` … ``"Chủ nhật"`` (or English)."""
    return (_WEEKDAYS if lang == "vi" else _WEEKDAYS_EN)[d.weekday()]


def vn_date(d: date) -> str:
    """Write a date as ``dd/mm/yyyy``.

    >>> vn_date(date(2026, 1, 2))
    '02/01/2026'
    """
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def vn_date_long(d: date) -> str:
    """Write a day the way a document's date line does (Nghị định 30/2020/NĐ-CP).

    Days below 10 and months 1 and 2 keep a leading zero so they cannot be misread.

    >>> vn_date_long(date(2025, 5, 6)), vn_date_long(date(2026, 2, 10))
    ('ngày 06 tháng 5 năm 2025', 'ngày 10 tháng 02 năm 2026')
    """
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def vn_datetime_long(moment: datetime) -> str:
    """Write a moment the way appointment slips do.

    Months 1 and 2 keep a leading zero so they cannot be misread (tháng 01, tháng 02).

    >>> vn_datetime_long(datetime(2025, 5, 6, 14, 40))
    '14 giờ 40 phút, ngày 06 tháng 5 năm 2025'
    >>> vn_datetime_long(datetime(2026, 1, 8, 9, 5))
    '09 giờ 05 phút, ngày 08 tháng 01 năm 2026'
    """
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, {vn_date_long(moment)}"


def vn_datetime_short(moment: datetime) -> str:
    """Write a moment as a register's column does: ``HH:MM dd/mm/yyyy``.

    >>> vn_datetime_short(datetime(2026, 3, 2, 9, 5))
    '09:05 02/03/2026'
    """
    return f"{moment.hour:02d}:{moment.minute:02d} {vn_date(moment)}"


def vn_money(amount: int) -> str:
    """Write an amount of đồng the Vietnamese way.

    >>> vn_money(200_000)
    '200.000 đồng'
    """
    return format_money(amount)


_VI_DIGITS = str.maketrans({",": ".", ".": ","})


def format_number(value: int | float, *, lang: Lang = "vi", digits: int = 0) -> str:
    """A number as its readers write it: ``2.825`` and ``4,5`` in Vietnamese.

    Vietnamese groups thousands with a dot and writes the decimal comma (TCVN 6909 and
    every state form); English the other way round.

    >>> format_number(2825), format_number(2825, lang="en"), format_number(4.45, digits=1)
    ('2.825', '2,825', '4,5')

    Args:
        value: Any real number (``int``, ``float``, numpy scalars), finite.
        lang: ``"vi"`` or ``"en"``.
        digits: Decimal places, 0–10 (a float with 0 is rounded to a whole number).

    Raises:
        ArgumentTypeError: *value* is not a finite real number, *digits* is not 0–10, or
            *lang* is not ``vi`` or ``en``.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ArgumentTypeError("value", value, expected="a number (int or float)")
    if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= 10:
        raise ArgumentTypeError("digits", digits, expected="a whole number of decimals, 0–10")
    vi = check_lang(lang) == "vi"
    if isinstance(value, numbers.Integral) and not digits:
        text = f"{int(value):,}"
    else:
        number = float(value)
        if not math.isfinite(number):
            raise ArgumentTypeError("value", value, expected="a finite number (not NaN or inf)")
        text = f"{number:,.{digits}f}"
        if text.startswith("-") and not text.strip("-0.,"):
            text = text[1:]  # -0.0004 rounds to 0, not to "-0"
    return text.translate(_VI_DIGITS) if vi else text


def format_percent(rate: float, *, lang: Lang = "vi", digits: int = 1) -> str:
    """A rate (0.991) as a percentage: ``99,1%`` in Vietnamese, ``99.1%`` in English.

    >>> format_percent(0.991), format_percent(0.991, lang="en"), format_percent(1.0)
    ('99,1%', '99.1%', '100,0%')

    Raises:
        ArgumentTypeError: *rate* is not a number, or *lang* is not ``vi`` or ``en``.
    """
    if isinstance(rate, bool) or not isinstance(rate, numbers.Real):
        raise ArgumentTypeError("rate", rate, expected="a rate as a number (0.991 for 99.1%)")
    return format_number(float(rate) * 100, lang=lang, digits=digits) + "%"


def format_money(amount: int, *, lang: Lang = "vi") -> str:
    """An amount of đồng: ``200.000 đồng`` in Vietnamese, ``200,000 VND`` in English.

    >>> format_money(1_250_000), format_money(1_250_000, lang="en")
    ('1.250.000 đồng', '1,250,000 VND')

    Raises:
        ArgumentTypeError: *amount* is not a whole number of đồng, or *lang* is unknown.
    """
    if isinstance(amount, bool) or not isinstance(amount, numbers.Integral):
        raise ArgumentTypeError("amount", amount, expected="a whole number of đồng (int)")
    vi = check_lang(lang) == "vi"
    return format_number(amount, lang=lang) + (" đồng" if vi else " VND")


def check_lang(lang: object) -> Lang:
    """*lang* if it is ``"vi"`` or ``"en"``; otherwise the error (``"VI"`` is not English)."""
    if lang not in ("vi", "en"):  # a tuple: an unhashable value is refused, not a TypeError
        raise ArgumentTypeError("lang", lang, expected='"vi" or "en"')
    return "vi" if lang == "vi" else "en"


_D = str.maketrans({"đ": "d", "Đ": "d"})


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def _fold_table() -> dict[int, str]:
    """Every precomposed Latin letter with marks (Vietnamese's among them) → its base."""
    table: dict[int, str] = {}
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for point in range(start, end):
            base = _strip_marks(chr(point))
            if base != chr(point) and base.isascii():
                table[point] = base
    table.update({ord("đ"): "d", ord("Đ"): "d"})
    return table


def fold(text: str) -> str:
    """Lower-case *text* and strip every Vietnamese diacritic (``đ`` → ``d``).

    Folding makes "đăng ký", "dang ky" and a scrambled "đăng kỳ" the same word.

    >>> fold("Đăng kỳ KHĂÍ sình")
    'dang ky khai sinh'
    """
    # One pass of str.translate for precomposed (NFC) text, the common case; text that
    # still holds marks after it (NFD input, other scripts) takes the Unicode path.
    folded = text.translate(_fold_table()).lower()
    return folded if folded.isascii() else _strip_marks(folded).lower()


@functools.cache
def _unlisted() -> re.Pattern[str]:
    """A character outside ASCII that the table does not fold (a dash, a quote, a mark)."""
    listed = "".join(map(chr, sorted(_fold_table())))
    return re.compile(f"[^\\x00-\\x7f{re.escape(listed)}]")


def fold_ascii(text: str) -> str:
    """:func:`fold`, with each character it leaves outside ASCII made a space.

    The letters and digits are :func:`fold`'s, at a fraction of its cost on a long text (a
    catalog's names joined: a translation with a table of 600 letters takes 40 ns a
    character). Characters the table does not list are folded one by one, then each
    letter left decomposes into ASCII letters and marks (``đ`` aside), and the marks go.

    >>> fold_ascii("Đăng KÝ – “khai sinh”")
    'dang ky    khai sinh '
    """
    if text.isascii():
        return text.lower()
    for char in set(_unlisted().findall(text)):
        text = text.replace(char, "".join(c if c.isascii() else " " for c in fold(char)))
    text = text.replace("đ", "d").replace("Đ", "d")
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode("ascii").lower()


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu", "tỷ")


def _three(n: int, *, leading: bool) -> list[str]:
    """Read 0 < n < 1000; *leading* is False for a group after a higher one."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 4 and tens >= 2:
            words.append("tư")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(_DIGITS[units])
    return words


def vn_number_words(n: int) -> str:
    """Read a whole number in Vietnamese words, as amounts are written on forms.

    >>> vn_number_words(200_000)
    'hai trăm nghìn'
    >>> vn_number_words(1_005_021)
    'một triệu không trăm linh năm nghìn không trăm hai mươi mốt'
    >>> vn_number_words(2_000_000_000_000)
    'hai nghìn tỷ'
    """
    if n < 0:
        return "âm " + vn_number_words(-n)
    if n == 0:
        return "không"
    billions, rest = divmod(n, 10**9)
    if billions:
        words = [vn_number_words(billions), "tỷ"]
        if rest:
            words += _below_billion(rest, leading=False)
        return " ".join(words)
    return " ".join(_below_billion(rest, leading=True))


def _below_billion(n: int, *, leading: bool) -> list[str]:
    """Read 0 < n < 10^9; *leading* is False after a higher group ("không trăm…")."""
    groups = [n // 1_000_000, n // 1000 % 1000, n % 1000]
    words: list[str] = []
    for index, group in enumerate(groups):
        if group == 0:
            continue
        first = leading and not words
        words += _three(group, leading=first)
        scale = _GROUPS[2 - index]
        if scale:
            words.append(scale)
    return words


def vn_amount_in_words(amount: int) -> str:
    """An amount of đồng in words, capitalised: ``Hai trăm nghìn đồng``."""
    text = vn_number_words(amount) + " đồng"
    return text[0].upper() + text[1:]
