"""Search over procedure names the way people type them: the index and the ranking.

How a query is read — folding, abbreviations and everyday words, spelling — is
:mod:`motcua.procedures._reading`; this module finds and ranks the records:

**Ranking**: each matched word counts by how rare it is (inverse document frequency);
a word in more than 64 records only adds to records a rarer word found, so a query
costs about the same on 6,000 or 60,000 records;
name and alias matches more than the field's name; adjacent word pairs that also
appear together in the name add a bonus; shorter names win ties. Scores are scaled to
0–1 against a perfect match of every query word.
"""

from __future__ import annotations

import heapq
import itertools
import math
import operator
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from motcua._bulk import no_cyclic_gc
from motcua.procedures._models import Procedure
from motcua.procedures._reading import ABBREVIATIONS, SYNONYMS, Reader, normalize, read_names

__all__ = ["ABBREVIATIONS", "SYNONYMS", "SearchHit", "SearchIndex"]

_NAME, _FIELD = 1.0, 0.35  # a name's and an alias's words weigh the same
_PAIR_BONUS = 0.5
_SHORTLIST = 64
# A word in more records than this is "common": it only adds to records a rarer word found.
# A fixed number, not a share of the catalog, so a query costs the same at 6,000 or 60,000.
_RARE = 64
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


class SearchIndex:
    """An inverted index over names, aliases and fields; built once per catalog.

    Per record it keeps two strings, not sets: its names and aliases as :func:`read_names`
    gives them, and its field's words (one string per field, shared). A word or a pair of
    words is in a record when ``" word "`` or ``" a b "`` is in them; only the few records
    a query ranks are asked. Strings hold no references, so the garbage collector has
    nothing to walk in 60,000 of them.
    """

    __slots__ = (
        "_abolished",
        "_common",
        "_exact",
        "_exact_more",
        "_field_only",
        "_fields",
        "_idf",
        "_named",
        "_postings",
        "_procedures",
        "_reader",
        "_texts",
        "_unseen_idf",
    )

    def __init__(self, procedures: Sequence[Procedure]) -> None:
        with no_cyclic_gc():  # dicts, lists and sets of words and numbers: no cycles
            self._build(procedures)

    def _build(self, procedures: Sequence[Procedure]) -> None:
        self._procedures = list(procedures)
        n = len(self._procedures)
        self._abolished = [p.abolished_on is not None for p in self._procedures]
        self._texts = texts = read_names(self._procedures)
        self._index_exact(texts)
        self._index_names(texts)
        # Fields are few and shared: each field's words are read once, and a word's
        # records in fields are the union of its fields' records.
        of_field: defaultdict[str, list[int]] = defaultdict(list)
        field_names = list(map(operator.attrgetter("field"), self._procedures))
        deque(map(list.append, map(of_field.__getitem__, field_names), range(n)), maxlen=0)
        padded = {field: f" {normalize(field)} " for field in of_field}
        self._fields = list(map(padded.__getitem__, field_names))
        in_fields: dict[str, list[list[int]]] = {}
        for field, records in of_field.items():
            for term in set(padded[field].split()):
                in_fields.setdefault(term, []).append(records)
        postings = dict(self._named)
        # Where a term is only in the field (weight _FIELD, not 1): kept apart so a
        # posting list adds its full weight in one pass and these are corrected after.
        field_only: dict[str, set[int]] = {}
        for term, groups in in_fields.items():
            in_field = set(groups[0]).union(*groups[1:])
            in_name = self._named.get(term, ())
            if only := in_field.difference(in_name):
                field_only[term] = only
            postings[term] = (
                sorted(in_field.union(in_name)) if in_name or len(groups) > 1 else groups[0]
            )
        self._postings = postings
        self._field_only = field_only
        self._reader = Reader(postings)
        n = max(n, 1)
        self._unseen_idf = math.log(1 + (n + 0.5) / 0.5)
        self._idf = {
            term: math.log(1 + (n - len(docs) + 0.5) / (len(docs) + 0.5))
            for term, docs in postings.items()
        }

    def _index_names(self, texts: list[str]) -> None:
        """The records whose name or alias holds each word, in record order.

        Scoring starts from names and aliases: a word only in a record's field adds its
        share to a record a name already found, and finds records itself only when no
        name holds any query word ("Nghĩa vụ quân sự" is the field of many records).
        """
        # One split of the whole catalog and one C-level pass over every (word, record)
        # pair, not a Python loop per record. A record's words are its spaces but the one
        # at its end and those around tabs (read_names puts one space between words).
        words = "\n".join(texts).split()
        counts = list(
            map(
                operator.sub,
                map(str.count, texts, itertools.repeat(" ")),
                map((1).__add__, map(str.count, texts, itertools.repeat("\t"))),
            )
        )
        if sum(counts) != len(words):  # pragma: no cover - read_names' spacing, checked
            counts = [len(text.split()) for text in texts]
        owners = itertools.chain.from_iterable(map(itertools.repeat, range(len(texts)), counts))
        named: defaultdict[str, list[int]] = defaultdict(list)
        deque(map(list.append, map(named.__getitem__, words), owners), maxlen=0)
        # A word twice in a record ("cấp lại giấy cấp"), listed twice: once. Common terms
        # as sets too: they are intersected with the records a rarer term found.
        common: dict[str, frozenset[int]] = {}
        for term, docs in named.items():
            unique = frozenset(docs)
            if len(unique) != len(docs):
                named[term] = list(dict.fromkeys(docs))
            if len(unique) > _RARE:
                common[term] = unique
        self._named = dict(named)
        self._common = common

    def _index_exact(self, texts: list[str]) -> None:
        """Each name and alias, word for word, → the record holding it (a few: all of them)."""
        # Most records have no alias: their one text is their string but its end spaces.
        keys = [text[1:-1] if "\t" not in text else "\t" for text in texts]
        docs = range(len(keys))
        exact = dict(
            zip(reversed(keys), reversed(docs), strict=True)
        )  # each text → its first record
        more: dict[str, list[int]] = {}
        if len(exact) < len(keys):  # a text of several records: the others
            firsts = map(exact.__getitem__, keys)
            for doc in itertools.compress(docs, map(operator.ne, firsts, docs)):
                more.setdefault(keys[doc], []).append(doc)
        exact.pop("\t", None)
        more.pop("\t", None)
        for doc in itertools.compress(docs, map("\t".__eq__, keys)):  # names and aliases
            for part in texts[doc].split("\t"):
                key = part[1:-1]
                if exact.setdefault(key, doc) != doc:
                    more.setdefault(key, []).append(doc)
        self._exact = exact
        self._exact_more = more

    def _holds(self, doc: int, needles: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The ``(term, " term ")`` of *needles* in a name, an alias or the field of *doc*."""
        texts, field = self._texts[doc], self._fields[doc]
        return [tn for tn in needles if tn[1] in texts or tn[1] in field]

    def _fit(self, doc: int, held: list[tuple[str, str]]) -> int:
        """Words in the shortest name or alias of *doc* that holds all its *held* words."""
        texts = self._texts[doc].split("\t")
        for _, needle in held:
            texts = [text for text in texts if needle in text]
        return min(map(len, map(set, map(str.split, texts))), default=1_000)

    def search(self, text: str, *, limit: int, include_abolished: bool) -> list[SearchHit]:
        """Rank the procedures for *text*; see the module docstring for how."""
        terms = self._reader.read(text)
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
        exact = self._exactly(" ".join(t for t, _ in terms))
        for doc in exact:  # the query is a name or alias, word for word
            scores[doc] = best
        if pairs:
            # Pair bonuses only reorder the leaders: add them to a generous shortlist.
            leaders = heapq.nlargest(max(limit * 8, _SHORTLIST), scores, key=scores.__getitem__)
            scores = {doc: scores[doc] for doc in leaders}
            for doc, bonus in self._pair_bonuses(leaders, pairs).items():
                scores[doc] += bonus
        return self._rank(
            scores,
            exact=exact,
            weights=weights,
            best=best,
            limit=limit,
            include_abolished=include_abolished,
        )

    def _pair_bonuses(self, leaders: list[int], pairs: list[tuple[str, str]]) -> dict[int, float]:
        """The leaders with one of the query's adjacent *pairs* in a text, and their bonus.

        Only the leaders whose names hold both words of a pair (an intersection with the
        words' postings, in C) are searched for the pair itself.
        """
        idf, named, common, texts = self._idf, self._named, self._common, self._texts
        among = set(leaders)
        bonuses: dict[int, float] = {}
        for a, b in pairs:
            if a not in named or b not in named:
                continue
            both = among.intersection(common.get(a) or named[a])
            both.intersection_update(common.get(b) or named[b])
            needle = f" {a} {b} "
            bonus = _PAIR_BONUS * min(idf[a], idf[b])
            for doc in both:
                if needle in texts[doc]:
                    bonuses[doc] = bonuses.get(doc, 0.0) + bonus  # in the query's order
        return bonuses

    def _exactly(self, key: str) -> set[int]:
        """The records with a name or alias that is *key*, word for word."""
        first = self._exact.get(key)
        return set() if first is None else {first, *self._exact_more.get(key, ())}

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

    def _order(
        self,
        shortlist: list[tuple[float, int]],
        exact: set[int],
        needles: list[tuple[str, str]],
        limit: int,
    ) -> list[tuple[float, int]]:
        """The first *limit* (score, record) of *shortlist*, best first.

        By score (to 6 places), then a name or alias that is the query, then :meth:`_fit`,
        then record order. Only records tied on the first two are asked their fit: it
        reads their texts word by word.
        """
        keyed = sorted(((round(s, 6), d in exact, -d) for s, d in shortlist), reverse=True)
        ranked: list[tuple[float, int]] = []
        for (score, _), group in itertools.groupby(keyed, key=operator.itemgetter(0, 1)):
            docs = [-negative_doc for _, _, negative_doc in group]
            if len(docs) > 1:  # a stable sort: equal fits stay in record order
                docs.sort(key=lambda doc: self._fit(doc, self._holds(doc, needles)))
            ranked.extend((score, doc) for doc in docs)
            if len(ranked) >= limit:
                break
        return ranked[:limit]

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
        needles = [(t, f" {t} ") for t in weights]
        hits = []
        for score, doc in self._order(shortlist, exact, needles, limit):
            if score < _MIN_SCORE * best:
                break
            hits.append(
                SearchHit(
                    procedure=self._procedures[doc],
                    score=round(min(score / best, 1.0), 4),
                    matched=tuple(term for term, _ in self._holds(doc, needles)),
                )
            )
        return hits
