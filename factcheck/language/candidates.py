"""Candidate sources for a claim: one BM25 inverted index over every sentence of a story.

Checking a claim against every other source of a large story costs claims x sources, and
most of those checks end ``not_mentioned``. One index over the story's sentences finds the
sources whose best sentence shares the claim's most telling terms; only the ``k`` best are
verified, the rest are implied ``not_mentioned``; the ``k`` are spread over the wordings
of the claim's fact (see ``CandidateIndex.candidates``), so clustering can join what the
other sources say in other words and corroboration beyond the ``k`` stays visible. Query
cost is bounded: a claim asks its ``QUERY_TERMS`` rarest terms, and each term's postings
are kept in impact order and cut at ``POSTINGS``, so a word every article repeats costs no
more than a rare one. A sentence that gives another value for a measure the claim counts
ranks higher: that is where a contradiction hides among sentences worded like the claim.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Sequence

from factcheck.language.quantities import canonical_unit, extract_quantities
from factcheck.language.retrieval import analyse
from factcheck.language.text import sentences
from factcheck.models import Claim, Quantity, Source

DEFAULT_K = 8
"""Sources verified per claim by default, from the recall curve of benchmarks/candidates.py:
with k = 8 the report of a generated 10-, 30-, 50- or 100-source story shows 97.5-100% of
the supports and contradictions that checking all pairs finds (the fact's cluster shows the
source stating, supporting or contradicting it), and every claim keeps its overall verdict;
k = 6 loses little more, but checks fewer pairs directly (strict pair recall 0.29 vs 0.23 at
50 sources)."""
QUERY_TERMS = 10
POSTINGS = 400
_K1, _B = 1.5, 0.75
_UNIT_BOOST = 2
FLOOR = 0.3
"""Sources whose best sentence scores below this share of the best (both before
``CONFLICT_BOOST``) are taken by score only, after the spread (see
``CandidateIndex.candidates``)."""
ALIKE = 0.7
"""Two sentences sharing this share of their terms (Jaccard) are one wording."""
CONFLICT_BOOST = 2.0
"""A sentence giving another value for a measure the claim counts scores this much more:
a contradiction is rarer than a support, and its sentence shares the claim's words."""

Figure = tuple[str, float]
"""(canonical unit, value)."""


def _figures(quantities: Sequence[Quantity]) -> list[Figure]:
    return [(unit, q.value) for q in quantities if (unit := canonical_unit(q.unit))]


Hit = tuple[float, int, float]
"""A source's best sentence for a claim: (score, sentence, score before
``CONFLICT_BOOST``)."""


Pooled = tuple[int, frozenset[str], int]
"""A source in a claim's candidate pool: (position, its best sentence's terms, how many of
the pool's earlier sources have the same terms)."""


Range = tuple[str, float, float | None]
"""(canonical unit, lowest, highest or None) a claim's figure allows."""


def _ranges(quantities: Sequence[Quantity]) -> list[Range]:
    ranges = []
    for q in quantities:
        if unit := canonical_unit(q.unit):
            low = q.low if q.low is not None else q.value * 0.95
            high = q.high if q.high is not None else (q.value * 1.05 if q.low is None else None)
            ranges.append((unit, low, high))
    return ranges


def _conflicts(claim: Sequence[Range], sentence: Sequence[Figure]) -> bool:
    """A figure of the sentence counts what a claim figure counts, outside its range."""
    return any(other == unit and (value < low or (high is not None and value > high))
               for unit, low, high in claim for other, value in sentence)


def _alike(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sentences are one wording: they share ``ALIKE`` of their terms (Jaccard)."""
    return len(a & b) >= ALIKE * len(a | b)


class CandidateIndex:
    """BM25 over the sentences of every source of one story; build once, query per claim."""

    def __init__(self, sources: Sequence[Source]) -> None:
        self.source_ids = [s.id for s in sources]
        self._position = {sid: n for n, sid in enumerate(self.source_ids)}
        owner: list[int] = []
        bags: list[Counter[str]] = []
        figures: list[list[Figure]] = []
        for n, source in enumerate(sources):
            for a, b in sentences(source.text):
                bags.append(Counter(analyse(source.text[a:b])))
                figures.append(_figures(extract_quantities(source.text[a:b])))
                owner.append(n)
        self._owner = owner
        self._figures = figures
        one: dict[frozenset[str], frozenset[str]] = {}
        self._wordings = [one.setdefault(terms, terms) for terms in map(frozenset, bags)]
        """Each sentence's term set; sentences with the same terms share one object, so
        comparing them is an identity check."""
        df = Counter(t for bag in bags for t in bag)
        units = max(1, len(bags))
        self._idf = {t: math.log(1 + (units - n + 0.5) / (n + 0.5)) for t, n in df.items()}
        self._postings = self._build(bags)

    @staticmethod
    def _build(bags: list[Counter[str]]) -> dict[str, list[tuple[float, int]]]:
        """Term -> (BM25 term weight, sentence), highest weight first, at most ``POSTINGS``."""
        avgdl = (sum(sum(b.values()) for b in bags) / len(bags) if bags else 1.0) or 1.0
        postings: dict[str, list[tuple[float, int]]] = {}
        for i, bag in enumerate(bags):
            norm = _K1 * (1 - _B + _B * sum(bag.values()) / avgdl)
            for term, tf in bag.items():
                postings.setdefault(term, []).append((tf * (_K1 + 1) / (tf + norm), i))
        return {t: heapq.nlargest(POSTINGS, p, key=lambda e: (e[0], -e[1]))
                for t, p in postings.items()}

    def _query(self, claim: Claim) -> list[tuple[str, float]]:
        terms = Counter(analyse(claim.text or claim.quote))
        for q in claim.quantities:
            if unit := canonical_unit(q.unit):
                for term in analyse(unit):
                    terms[term] += _UNIT_BOOST
        weighted = [(t, self._idf.get(t, 0.0) * min(n, 3)) for t, n in sorted(terms.items())]
        return sorted(((t, w) for t, w in weighted if w > 0),
                      key=lambda tw: (-tw[1], tw[0]))[:QUERY_TERMS]

    def _best(self, claim: Claim) -> dict[int, Hit]:
        """Source position -> its best sentence for the claim (other sources only; sources
        sharing no telling term are absent)."""
        per_sentence: dict[int, float] = {}
        for term, weight in self._query(claim):
            for impact, i in self._postings.get(term, ()):
                per_sentence[i] = per_sentence.get(i, 0.0) + weight * impact
        counted = _ranges(claim.quantities)
        own = self._position.get(claim.source_id, -1)
        score_of: dict[int, float] = {}
        sentence_of: dict[int, int] = {}
        for i, score in per_sentence.items():
            if counted and self._figures[i] and _conflicts(counted, self._figures[i]):
                score *= CONFLICT_BOOST
            owner = self._owner[i]
            if owner != own and score > score_of.get(owner, 0.0):
                score_of[owner] = score
                sentence_of[owner] = i
        return {owner: (score, sentence_of[owner], per_sentence[sentence_of[owner]])
                for owner, score in score_of.items()}

    def scores(self, claim: Claim) -> dict[str, float]:
        """Source id -> the BM25 score of its best sentence for the claim (other sources
        only; sources sharing no telling term are absent)."""
        return {self.source_ids[owner]: hit[0] for owner, hit in self._best(claim).items()}

    def candidates(self, claim: Claim, k: int = DEFAULT_K) -> list[str]:
        """The ``k`` other sources most likely to confirm or refute the claim.

        A story's sources repeat a fact in a few wordings, each many times; by score alone
        all ``k`` slots go to the claim's own wording, the clusters of the other wordings
        are never compared with it and their corroboration is lost. So among the sources
        scoring at least ``FLOOR`` of the best: first the best source of each distinct
        wording, then one source of each exact sentence before a second of any; then the
        rest by score. Equal scores rotate from the claim's own source, so claims worded
        alike are checked against different sources, not the same first few."""
        found = self._best(claim)
        ranked = self._ranked(claim, found)
        pool = self._pool(ranked, found, k)
        chosen = dict.fromkeys(_paraphrases(pool, k))
        one_copy_first = heapq.nsmallest(k, ((copy, rank, owner)
                                             for rank, (owner, _, copy) in enumerate(pool)))
        for more in ([owner for _, _, owner in one_copy_first], ranked):
            for owner in more:
                if len(chosen) >= k:
                    break
                chosen.setdefault(owner)
        return [self.source_ids[owner] for owner in chosen]

    def _ranked(self, claim: Claim, found: dict[int, Hit]) -> list[int]:
        """Sources by score; equal scores in input order starting after the claim's own."""
        n, start = len(self.source_ids), self._position.get(claim.source_id, 0)
        return [o for _, _, o in sorted((-hit[0], (o - start) % n, o)
                                        for o, hit in found.items())]

    def _pool(self, ranked: list[int], found: dict[int, Hit], k: int) -> list[Pooled]:
        """The ranked sources scoring at least ``FLOOR`` of the best (before the boost),
        at most ``k`` of one exact sentence: no more of them can be chosen."""
        floor = FLOOR * max((plain for _, _, plain in found.values()), default=0.0)
        copies: Counter[frozenset[str]] = Counter()
        pool = []
        for owner in ranked:
            _, sentence, plain = found[owner]
            wording = self._wordings[sentence]
            if plain >= floor and copies[wording] < k:
                pool.append((owner, wording, copies[wording]))
                copies[wording] += 1
        return pool


def _paraphrases(pool: list[Pooled], k: int) -> list[int]:
    """The first source of each wording not ``_alike`` an earlier one, at most ``k``."""
    picked: list[tuple[int, frozenset[str]]] = []
    judged: set[frozenset[str]] = set()
    for owner, wording, _ in pool:
        if len(picked) == k:
            break
        if wording in judged:
            continue
        judged.add(wording)
        if not any(_alike(wording, other) for _, other in picked):
            picked.append((owner, wording))
    return [owner for owner, _ in picked]
