"""How search reads text: folding, abbreviations, everyday words and spelling.

The index (:mod:`motcua.procedures._search`) reads a catalog's names and a user's query
alike:

1. **Folding**: lower case, every diacritic removed, ``đ`` → ``d``. "đăng kỳ khăí sình",
   "dang ky khai sinh" and "Đăng ký khai sinh" become the same words, so text typed
   without diacritics or with scrambled tone marks matches.
2. **Abbreviations** expand to their words (GPXD → giấy phép xây dựng, QSDĐ → quyền sử
   dụng đất…) and **everyday words** map to the official ones ("công chứng" → "chứng
   thực", "sổ đỏ" → "giấy chứng nhận quyền sử dụng đất"); each procedure's own
   ``aliases`` carry its colloquial names ("sang tên sổ đỏ").
3. **Spelling**: ``i`` and ``y`` after a consonant are one letter ("kí"/"ký", "lí"/"lý");
   a word not in the vocabulary is read as a neighbour one edit away — a swap or a wrong
   letter before a missing or extra one ("kahi" → "khai", not "khi"), then the most
   common — at a lower weight, or as two known words typed together ("khaisinh").

A catalog's names are read all at once (:func:`read_names`: one translation and a few
regular-expression passes over the whole text instead of a dozen calls per record), and
give exactly the words that :func:`normalize` gives each name alone.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Mapping, Sequence, Sized

from motcua._vn import fold, fold_ascii
from motcua.procedures._models import Procedure

__all__ = ["ABBREVIATIONS", "SYNONYMS", "Reader", "normalize", "read_names"]

ABBREVIATIONS: dict[str, str] = {
    "gpxd": "giay phep xay dung",
    "hkd": "ho kinh doanh",
    "qsdd": "quyen su dung dat",
    "bhyt": "bao hiem y te",
    "bhxh": "bao hiem xa hoi",
    "cccd": "can cuoc cong dan",
    "gcn": "giay chung nhan",
    "nvqs": "nghia vu quan su",
    "ubnd": "uy ban nhan dan",
    "dkkd": "dang ky kinh doanh",
    "xnthn": "xac nhan tinh trang hon nhan",
    "tthc": "thu tuc hanh chinh",
}
"""Abbreviations people type, folded, and the folded words they stand for."""

SYNONYMS: dict[str, str] = {
    "cong chung": "chung thuc",
    "so do": "giay chung nhan quyen su dung dat",
    "so hong": "giay chung nhan quyen su dung dat",
    "ho khau": "thuong tru",
    "doc than": "tinh trang hon nhan",
    "giay phep xd": "giay phep xay dung",
    "xay nha": "xay dung nha o",
}
"""Everyday phrases, folded, and the official wording they mean."""

# "kí" and "ký", "lí" and "lý", "sĩ" and "sỹ" are the same syllable spelt two ways.
_I_Y = {"ki": "ky", "li": "ly", "si": "sy", "mi": "my", "ti": "ty", "hi": "hy", "qui": "quy"}
_I_Y_WORD = re.compile(r"\b(?:" + "|".join(_I_Y) + r")\b")
_SYNONYM = re.compile(r"\b(?:" + "|".join(map(re.escape, SYNONYMS)) + r")\b")
# Filler words of everyday questions, folded.
_STOPWORDS = frozenset(
    {
        "lam",
        "xin",
        "muon",
        "can",
        "toi",
        "minh",
        "o",
        "tai",
        "cho",
        "cua",
        "va",
        "the",
        "nao",
        "gi",
        "di",
        "nop",
        "ra",
        "dau",
        "bao",
        "nhieu",
        "qua",
        "mang",
        "online",
    }
)
_WORD = re.compile(r"[0-9a-z]+")
# Folded ASCII text: a letter or a digit stays, read_names' separators (a tab between a
# record's texts, a newline between records) stay, anything else is a gap between words.
_GAPS = bytes(c if chr(c) in "0123456789abcdefghijklmnopqrstuvwxyz\t\n" else 32 for c in range(256))
_TYPO = 0.7
# No Vietnamese syllable, nor two typed together, is this long: a longer "word" (a pasted
# hash, a flood of letters) is taken as it is, without the typo and split searches that
# grow with its length squared.
_LONGEST_TYPO = 24


@functools.lru_cache(maxsize=65_536)
def normalize(text: str) -> str:
    """Fold *text* and rewrite everyday phrases to official wording (both sides alike)."""
    words = " ".join([_I_Y.get(w, w) for w in _WORD.findall(fold(text))])
    return _SYNONYM.sub(lambda m: SYNONYMS[m.group(0)], words)


def read_names(procedures: Sequence[Procedure]) -> list[str]:
    r"""Each record's name and aliases, normalized, as one string.

    The string is ``" name words \t alias words "``: each text's words as
    :func:`normalize` gives them, one space apart, a space at both ends and a tab between
    texts, so ``" a b "`` is in it exactly when a text holds the words *a* and *b* next to
    each other, and ``split("\t")`` gives the texts.

    The whole catalog is read as one text, in a few passes that each cost a few
    milliseconds at 60,000 records; ``i``/``y`` spellings and everyday phrases are
    rewritten only in the records that hold one (found with ``str.find``).
    """
    if not procedures:
        return []
    texts = [p.name if not p.aliases else "\t".join((p.name, *p.aliases)) for p in procedures]
    joined = "\n".join(texts)
    tabs = sum(len(p.aliases) for p in procedures if p.aliases)
    if joined.count("\n") != len(texts) - 1 or joined.count("\t") != tabs:
        # A name holding a tab or a newline: to a search that is a gap, like a space.
        texts = [
            "\t".join(t.replace("\t", " ").replace("\n", " ") for t in (p.name, *p.aliases))
            for p in procedures
        ]
        joined = "\n".join(texts)
    folded = fold_ascii(joined).encode("ascii").translate(_GAPS)
    spaced = b" " + folded.replace(b"\n", b" \n ").replace(b"\t", b" \t ") + b" "
    while b"  " in spaced:  # punctuation, several spaces: gaps, each one space
        spaced = spaced.replace(b"  ", b" ")
    text = spaced.decode("ascii")
    names = text.split("\n")
    starts = list(itertools.accumulate(map((1).__add__, map(len, names)), initial=0))
    rewritten = set()
    for phrase in (*_I_Y, *SYNONYMS):
        needle = f" {phrase} "
        at = text.find(needle)
        while at >= 0:
            rewritten.add(bisect.bisect_right(starts, at) - 1)
            at = text.find(needle, at + 1)
    for doc in rewritten:
        respelt = _I_Y_WORD.sub(lambda m: _I_Y[m.group(0)], names[doc])
        names[doc] = _SYNONYM.sub(lambda m: SYNONYMS[m.group(0)], respelt)
    return names


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(word: str, term: str) -> bool:
    """Whether *term* is one deletion, insertion, substitution or adjacent swap from *word*.

    Two words sharing a one-letter deletion can be two edits apart ("snh" and "nha" both
    lose a letter to "nh"); only a real single edit counts as a typo.
    """
    if len(word) != len(term):
        return True  # a deletion or an insertion: that is how the variant was found
    diff = [i for i in range(len(word)) if word[i] != term[i]]
    if len(diff) == 1:
        return True
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and word[diff[0]] == term[diff[1]]
        and word[diff[1]] == term[diff[0]]
    )


class Reader:
    """Reads queries against a catalog's vocabulary (each word and the records holding it).

    The table of one-letter deletions that finds typos is built on the first word the
    vocabulary lacks, not with the index: a catalog searched only with known words never
    pays for it.
    """

    __slots__ = ("_by_delete", "_vocabulary")

    def __init__(self, vocabulary: Mapping[str, Sized]) -> None:
        self._vocabulary = vocabulary
        self._by_delete: dict[str, list[str]] | None = None

    def read(self, text: str) -> list[tuple[str, float]]:
        """The query as (folded term, weight) pairs, in order."""
        terms: list[tuple[str, float]] = []
        for word in normalize(text).split():
            if word in ABBREVIATIONS:
                terms.extend((w, 1.0) for w in ABBREVIATIONS[word].split())
            elif word in _STOPWORDS:
                continue
            elif word in self._vocabulary or len(word) < 3 or len(word) > _LONGEST_TYPO:
                terms.append((word, 1.0))  # known, too short to correct, or no word at all
            elif (fix := self._correction(word)) is not None:
                terms.append((fix, _TYPO))
            elif (halves := self._split(word)) is not None:
                terms.extend((half, 1.0) for half in halves)
            else:
                terms.append((word, 1.0))
        return terms

    def _deletions(self) -> dict[str, list[str]]:
        """Each one-letter deletion of a vocabulary word (and each word) → those words."""
        if self._by_delete is None:
            by_delete: dict[str, list[str]] = {}
            for term in self._vocabulary:
                # Words only: a number ("2026") is found whole, never as a typo.
                if len(term) >= 3 and term.isalpha():
                    for variant in (*_deletes(term), term):
                        by_delete.setdefault(variant, []).append(term)
            self._by_delete = by_delete
        return self._by_delete

    def _correction(self, word: str) -> str | None:
        """The vocabulary word one edit from *word* a typist most likely meant, if any."""
        by_delete = self._deletions()
        found: set[str] = set(by_delete.get(word, ()))  # one letter missing
        for variant in (*_deletes(word), word):
            for term in by_delete.get(variant, ()):
                # From a 3-letter word no deletion ("hin" may become "hon" or "hinh", never
                # "hi"): deleting from so short a word matches too much.
                if (len(word) > 3 or len(term) == len(word)) and _one_edit(word, term):
                    found.add(term)
        if not found:
            return None
        # A swap or a wrong letter ("kahi" → "khai") before a missing or extra one ("khi"),
        # then the most common word.
        vocabulary = self._vocabulary
        return max(sorted(found), key=lambda term: (len(term) == len(word), len(vocabulary[term])))

    def _split(self, word: str) -> tuple[str, str] | None:
        """Two vocabulary words typed together ("khaisinh" → "khai", "sinh")."""
        for cut in range(2, len(word) - 1):
            head, tail = word[:cut], word[cut:]
            if head in self._vocabulary and tail in self._vocabulary:
                return head, tail
        return None
