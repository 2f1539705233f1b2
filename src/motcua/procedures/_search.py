"""Search over procedure names the way people type them.

How a query is read:

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
4. **Ranking**: each matched word counts by how rare it is (inverse document frequency);
   a word in more than 64 records only adds to records a rarer word found, so a query
   costs about the same on 6,000 or 60,000 records;
   name and alias matches more than the field's name; adjacent word pairs that also
   appear together in the name add a bonus; shorter names win ties. Scores are scaled to
   0–1 against a perfect match of every query word.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from motcua._bulk import no_cyclic_gc
from motcua._vn import fold
from motcua.procedures._models import Procedure

__all__ = ["ABBREVIATIONS", "SYNONYMS", "SearchHit", "SearchIndex"]

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
_NAME, _FIELD = 1.0, 0.35  # a name's and an alias's words weigh the same
_TYPO = 0.7
_PAIR_BONUS = 0.5
_SHORTLIST = 64
# A word in more records than this is "common": it only adds to records a rarer word found.
# A fixed number, not a share of the catalog, so a query costs the same at 6,000 or 60,000.
_RARE = 64
# No Vietnamese syllable, nor two typed together, is this long: a longer "word" (a pasted
# hash, a flood of letters) is taken as it is, without the typo and split searches that
# grow with its length squared.
_LONGEST_TYPO = 24
_MIN_SCORE = 0.3  # below 30 % of a perfect match, a hit is noise


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result.

    Attributes:
        procedure: The procedure found.
        score: How well it matches, from 0 to 1 (1: every query word matched, in order).
        matched: The folded query words that matched it.
    """

    procedure: Procedure
    score: float
    matched: tuple[str, ...]


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@functools.lru_cache(maxsize=65_536)
def _normalize(text: str) -> str:
    """Fold *text* and rewrite everyday phrases to official wording (both sides alike)."""
    words = " ".join([_I_Y.get(w, w) for w in _words(text)])
    return _SYNONYM.sub(lambda m: SYNONYMS[m.group(0)], words)


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


class SearchIndex:
    """An inverted index over names, aliases and fields; built once per catalog."""

    __slots__ = (
        "_abolished",
        "_by_delete",
        "_common",
        "_doc_pairs",
        "_doc_terms",
        "_exact",
        "_field_only",
        "_idf",
        "_named",
        "_postings",
        "_procedures",
        "_texts",
        "_unseen_idf",
    )

    def __init__(self, procedures: Sequence[Procedure]) -> None:
        with no_cyclic_gc():  # dicts, lists and sets of words and numbers: no cycles
            self._build(procedures)

    def _build(self, procedures: Sequence[Procedure]) -> None:
        self._procedures = list(procedures)
        self._abolished = [p.abolished_on is not None for p in self._procedures]
        self._doc_terms: list[dict[str, float]] = []
        self._doc_pairs: list[frozenset[tuple[str, str]]] = []
        self._texts: list[tuple[frozenset[str], ...]] = []
        self._exact: dict[str, list[int]] = {}
        postings: dict[str, list[int]] = {}
        exact = self._exact
        # Where a term is only in the field (weight _FIELD, not 1): few records, kept apart so
        # a posting list adds its full weight in one pass and these are corrected after.
        field_only: dict[str, set[int]] = {}
        for doc, procedure in enumerate(self._procedures):
            # The field's words first, at its lower weight; a name's or alias's words then
            # override them at full weight (_NAME == _ALIAS > _FIELD).
            field_words = _normalize(procedure.field).split()
            pairs: set[tuple[str, str]] = set()
            texts = []
            for text in (procedure.name, *procedure.aliases):
                normalized = _normalize(text)
                words = normalized.split()
                exact.setdefault(normalized, []).append(doc)
                pairs.update(itertools.pairwise(words))
                texts.append(frozenset(words))
            named_words = frozenset().union(*texts)
            terms: dict[str, float] = dict.fromkeys(field_words, _FIELD)
            terms.update(dict.fromkeys(named_words, _NAME))
            for term in field_words:
                if term not in named_words:
                    field_only.setdefault(term, set()).add(doc)
            terms[fold(procedure.code)] = _NAME
            for term in terms:
                postings.setdefault(term, []).append(doc)
            self._doc_terms.append(terms)
            self._doc_pairs.append(frozenset(pairs))
            self._texts.append(tuple(texts))
        n = max(len(self._procedures), 1)
        self._unseen_idf = math.log(1 + (n + 0.5) / 0.5)
        self._postings = postings
        self._field_only = field_only
        # Scoring starts from names and aliases: a word only in a record's field adds its
        # share to a record a name already found, and finds records itself only when no
        # name holds any query word ("Nghĩa vụ quân sự" is the field of many records).
        named = {}
        for term, docs in postings.items():
            only = field_only.get(term)
            named[term] = [d for d in docs if d not in only] if only else docs
        self._named = named
        # Common terms as sets: they are intersected with the records a rarer term found.
        self._common = {t: frozenset(d) for t, d in named.items() if len(d) > _RARE}
        self._idf = {
            term: math.log(1 + (n - len(docs) + 0.5) / (len(docs) + 0.5))
            for term, docs in postings.items()
        }
        by_delete: dict[str, list[str]] = {}
        for term in postings:
            # Words only: a code ("1.004873") is found whole, never as a typo.
            if len(term) >= 3 and term.isalpha():
                for variant in (*_deletes(term), term):
                    by_delete.setdefault(variant, []).append(term)
        self._by_delete = by_delete

    # -- queries -----------------------------------------------------------------------------

    def _expand(self, text: str) -> list[tuple[str, float]]:
        """The query as (folded term, weight) pairs, in order."""
        folded = _normalize(text)
        terms: list[tuple[str, float]] = []
        for word in folded.split():
            if word in ABBREVIATIONS:
                terms.extend((w, 1.0) for w in ABBREVIATIONS[word].split())
            elif word in _STOPWORDS:
                continue
            elif word in self._postings or len(word) < 3 or len(word) > _LONGEST_TYPO:
                terms.append((word, 1.0))  # known, too short to correct, or no word at all
            elif (fix := self._correction(word)) is not None:
                terms.append((fix, _TYPO))
            elif (halves := self._split(word)) is not None:
                terms.extend((half, 1.0) for half in halves)
            else:
                terms.append((word, 1.0))
        return terms

    def _fit(self, doc: int, weights: dict[str, float]) -> int:
        """Words in the shortest name or alias of *doc* that holds all its matched words."""
        matched = {t for t in weights if t in self._doc_terms[doc]}
        return min(
            (len(words) for words in self._texts[doc] if matched <= words),
            default=1_000,
        )

    def _correction(self, word: str) -> str | None:
        """The vocabulary word one edit from *word* a typist most likely meant, if any."""
        found: set[str] = set(self._by_delete.get(word, ()))  # one letter missing
        for variant in (*_deletes(word), word):
            for term in self._by_delete.get(variant, ()):
                # From a 3-letter word no deletion ("hin" may become "hon" or "hinh", never
                # "hi"): deleting from so short a word matches too much.
                if (len(word) > 3 or len(term) == len(word)) and _one_edit(word, term):
                    found.add(term)
        if not found:
            return None
        # A swap or a wrong letter ("kahi" → "khai") before a missing or extra one ("khi"),
        # then the most common word.
        return max(
            sorted(found), key=lambda term: (len(term) == len(word), len(self._postings[term]))
        )

    def _split(self, word: str) -> tuple[str, str] | None:
        """Two vocabulary words typed together ("khaisinh" → "khai", "sinh")."""
        for cut in range(2, len(word) - 1):
            head, tail = word[:cut], word[cut:]
            if head in self._postings and tail in self._postings:
                return head, tail
        return None

    def search(self, text: str, *, limit: int, include_abolished: bool) -> list[SearchHit]:
        """Rank the procedures for *text*; see the module docstring for how."""
        terms = self._expand(text)
        if not terms or limit < 1:
            return []
        # One weight per distinct term (the best of exact and corrected readings).
        weights: dict[str, float] = {}
        for term, weight in terms:
            weights[term] = max(weights.get(term, 0.0), weight)
        pairs = [(a, b) for (a, _), (b, _) in itertools.pairwise(terms)]
        idf, unseen = self._idf, self._unseen_idf  # an unknown word still counts against
        best = sum(idf.get(t, unseen) * w for t, w in weights.items())
        best += _PAIR_BONUS * sum(min(idf.get(a, unseen), idf.get(b, unseen)) for a, b in pairs)
        scores = self._score(weights, wanted=max(limit * 8, _SHORTLIST))
        exact = set(self._exact.get(" ".join(t for t, _ in terms), ()))
        for doc in exact:  # the query is a name or alias, word for word
            scores[doc] = best
        if pairs:
            # Pair bonuses only reorder the leaders: add them to a generous shortlist.
            leaders = heapq.nlargest(max(limit * 8, _SHORTLIST), scores, key=scores.__getitem__)
            bonuses = [
                (a, b, _PAIR_BONUS * min(idf.get(a, 0.0), idf.get(b, 0.0))) for a, b in pairs
            ]
            scores = {
                doc: scores[doc]
                + sum(bonus for a, b, bonus in bonuses if (a, b) in self._doc_pairs[doc])
                for doc in leaders
            }
        return self._rank(
            scores,
            exact=exact,
            weights=weights,
            best=best,
            limit=limit,
            include_abolished=include_abolished,
        )

    def _start(
        self,
        term: str,
        docs: list[int],
        weights: dict[str, float],
        wanted: int,
    ) -> Iterable[int]:
        """The records scoring starts from: those of the rarest word.

        When even the rarest word is common (every word of "đăng ký nghĩa vụ quân sự" is in
        thousands of records at 60,000), start from the records that also hold the next
        rarest, as long as at least *wanted* do (enough to fill the shortlist the ranking
        reads): a record missing one of the two rarest words scores below one holding both
        but for field-only matches, and the scoring loops stay short.
        """
        if len(docs) <= _RARE:
            return docs
        others = sorted(
            (t for t in weights if t != term and t in self._common),
            key=lambda t: len(self._common[t]),
        )
        if not others:
            return docs
        both = self._common[term] & self._common[others[0]]
        return both if len(both) >= wanted else docs

    def _score(self, weights: dict[str, float], wanted: int = 64) -> dict[int, float]:
        """Accumulate each document's score: rare words first, common ones only on those.

        A rare word (in at most ``_RARE`` names) adds to every record whose name or alias
        holds it; a common one only to the records a rarer word already found, unless none
        has (then its own records start the list). A word in a record's field only adds the
        field's share of its weight to records already found — or, when no name holds any
        query word, finds them (the words are then scored on every record that has them).
        """
        scores = self._accumulate(weights, wanted, named=True)
        if not scores:
            return self._accumulate(weights, wanted, named=False)
        idf = self._idf
        for term in (t for t in weights if t in self._field_only):
            share = idf[term] * weights[term] * _FIELD
            for doc in self._field_only[term].intersection(scores):
                scores[doc] += share
        return scores

    def _accumulate(
        self,
        weights: dict[str, float],
        wanted: int,
        *,
        named: bool,
    ) -> dict[int, float]:
        """The scores over names and aliases (*named*), or over every record a word is in.

        Over every record (the fallback when no name holds a query word), a record that
        holds a word only in its field gets the field's share of the word's weight.
        """
        idf = self._idf
        postings = self._named if named else self._postings
        scores: dict[int, float] = {}
        for term in sorted(weights, key=lambda t: idf.get(t, 0.0), reverse=True):
            docs = postings.get(term)
            if not docs:
                continue
            gain = idf[term] * weights[term]
            if not scores:
                touched: Iterable[int] = self._start(term, docs, weights, wanted) if named else docs
                scores = dict.fromkeys(touched, gain)
            elif len(docs) <= _RARE or not named:
                for doc in docs:
                    scores[doc] = scores.get(doc, 0.0) + gain
                touched = docs
            else:
                touched = scores.keys() & self._common[term]
                for doc in touched:
                    scores[doc] += gain
            field_only = None if named else self._field_only.get(term)
            if field_only:
                for doc in field_only.intersection(touched):
                    scores[doc] -= gain * (_NAME - _FIELD)
        return scores

    def _rank(
        self,
        scores: dict[int, float],
        *,
        exact: set[int],
        weights: dict[str, float],
        best: float,
        limit: int,
        include_abolished: bool,
    ) -> list[SearchHit]:
        """The best *limit* hits.

        Equal scores go to the record whose name or alias holds the matched words most
        tightly ("giấy khai sinh" before "sửa giấy khai sinh").
        """
        abolished = self._abolished
        shortlist = heapq.nlargest(
            limit * 4 + 8,
            ((s, d) for d, s in scores.items() if include_abolished or not abolished[d]),
        )
        ranked = sorted(
            ((round(s, 6), d in exact, -self._fit(d, weights), -d) for s, d in shortlist),
            reverse=True,
        )[:limit]
        hits = []
        for score, _, _, negative_doc in ranked:
            if score < _MIN_SCORE * best:
                break
            doc = -negative_doc
            hits.append(
                SearchHit(
                    procedure=self._procedures[doc],
                    score=round(min(score / best, 1.0), 4),
                    matched=tuple(t for t in weights if t in self._doc_terms[doc]),
                )
            )
        return hits
