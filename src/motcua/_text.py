r"""Text that leaves motcua: one line of printable text, and CSV cells a spreadsheet reads as text.

Every field motcua prints — an applicant's name, an address, a document's name, a report's
group — may come from a citizen, a clerk's typo or another vendor's export. The rules here
are the single home of how such text is made safe (``docs/security.md``, "Text that leaves
motcua"):

* :func:`one_line`: a line break of any kind (``\n``, ``\r``, ``\v``, ``\f``, ``\x1c``–
  ``\x1e``, ``\x85``, U+2028, U+2029) becomes one space, a run of them one space; a tab
  becomes a space; other control characters (NUL, ESC, DEL, C1…), format characters
  (bidi embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, marks,
  zero-width U+200B–U+200D, U+2060, U+FEFF, soft hyphen…) and lone surrogates are removed.
  Letters, marks, digits, punctuation, symbols and spaces (a no-break space too) stay.
* :func:`csv_cell` and :func:`csv_row`: a text cell is first made :func:`one_line`, then
  prefixed with ``'`` when it starts, after any spaces, with ``=``, ``+``, ``-``, ``@``, a
  tab or a carriage return (OWASP's advice against formula injection), or a look-alike of
  one (full-width ``＝``, small ``﹦``, the minus sign U+2212); numbers stay
  numbers, a negative one too. Every cell holding a ``,``, a ``"``, a ``\r`` or a ``\n``
  is quoted, so ``csv.reader`` gives back the rows written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["FORMULA_STARTS", "csv_cell", "csv_row", "one_line"]

_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_RUN = re.compile(f"[{_BREAKS}]+")
_REMOVED = frozenset({"Cc", "Cf", "Cs"})

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula: such a text cell gets a ``'``.

A look-alike counts too: a first character whose compatibility form (NFKC) is one of
these — the full-width ``＝ ＋ － ＠`` an East Asian input method types, the small
``﹦ ﹢ ﹣ ﹫`` — and the minus sign U+2212, which some spreadsheets read as ``-``.
"""

_LOOK_ALIKE_MINUS = "\u2212"


def one_line(text: str) -> str:
    r"""*text* as one line of printable text (the rules of this module's docstring).

    Text that is already printable (the common case) is returned as it is.

    >>> one_line("Nguyễn Văn A\nHẹn trả: 01/01/2020")
    'Nguyễn Văn A Hẹn trả: 01/01/2020'
    >>> one_line("\u202eAn\u200b\x1b[2J")
    'An[2J'
    """
    if text.isprintable():
        return text
    text = _BREAK_RUN.sub(" ", text.replace("\t", " "))
    return "".join(c for c in text if not _removed(c))


@lru_cache(maxsize=1024)
def _removed(char: str) -> bool:
    return unicodedata.category(char) in _REMOVED


def csv_cell(value: object) -> str:
    r"""*value* as the text of one CSV cell: numbers as numbers, text neutralised.

    ``None`` is an empty cell; an ``int`` (not a ``bool``) or a ``float`` is written as a
    number, so ``-3`` stays ``-3``: it is a value, not a formula. Anything else is written
    as text through :func:`one_line`, and prefixed with ``'`` when it starts (after any
    spaces) with one of :data:`FORMULA_STARTS` or a look-alike of one — the text ``"-3"``
    becomes ``'-3``, and ``"＝1+1"`` becomes ``'＝1+1``.

    >>> csv_cell("=HYPERLINK(\"http://x\")"), csv_cell(-3), csv_cell(None)
    ('\'=HYPERLINK("http://x")', '-3', '')
    """
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value) if isinstance(value, float) else str(value)
    text = one_line(str(value))
    return "'" + text if _formula_start(text.lstrip(" ")[:1]) else text


@lru_cache(maxsize=1024)
def _formula_start(first: str) -> bool:
    """Whether a cell starting with *first* may be read as a formula (look-alikes too)."""
    if not first:
        return False
    return (
        first in FORMULA_STARTS
        or first == _LOOK_ALIKE_MINUS
        or unicodedata.normalize("NFKC", first)[:1] in FORMULA_STARTS
    )


def _quoted(cell: str) -> str:
    if any(c in cell for c in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def csv_row(values: Iterable[object]) -> str:
    r"""One CSV line (ending in ``\n``) of *values*, each made a :func:`csv_cell` and quoted.

    >>> csv_row(["Hộ tịch, chứng thực", 3, 0.5, "@SUM(A1)"])
    '"Hộ tịch, chứng thực",3,0.5,\'@SUM(A1)\n'
    """
    line = ",".join(_quoted(csv_cell(v)) for v in values)
    return (line or '""') + "\n"  # one empty cell is a row, not a blank line
