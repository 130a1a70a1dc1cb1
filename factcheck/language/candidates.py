"""Candidate sources for a claim: one BM25 inverted index over every sentence of a story.

Checking a claim against every other source of a large story costs claims x sources, and
most of those checks end ``not_mentioned``. One index over the story's sentences finds the
sources whose best sentence shares the claim's most telling terms; only the ``k`` best are
verified, the rest are implied ``not_mentioned``. Query cost is bounded: a claim asks its
``QUERY_TERMS`` rarest terms, and each term's postings are kept in impact order and cut at
``POSTINGS``, so a word every article repeats costs no more than a rare one. A sentence
that gives another value for a measure the claim counts ranks higher: that is where a
contradiction hides among sentences worded like the claim.
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
the smallest k that keeps 97% of the all-pairs supports and contradictions of a 10-source
story (99.6%) and every claim's overall verdict in 10-, 30- and 50-source stories. In a
story where every source repeats every fact, pair recall falls as 8 / (supporting sources):
corroboration beyond the best k is implied, not checked."""
QUERY_TERMS = 10
POSTINGS = 400
_K1, _B = 1.5, 0.75
_UNIT_BOOST = 2
CONFLICT_BOOST = 2.0
"""A sentence giving another value for a measure the claim counts scores this much more:
a contradiction is rarer than a support, and its sentence shares the claim's words."""

Figure = tuple[str, float]
"""(canonical unit, value)."""


def _figures(quantities: Sequence[Quantity]) -> list[Figure]:
    return [(unit, q.value) for q in quantities if (unit := canonical_unit(q.unit))]


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


class CandidateIndex:
    """BM25 over the sentences of every source of one story; build once, query per claim."""

    def __init__(self, sources: Sequence[Source]) -> None:
        self.source_ids = [s.id for s in sources]
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

    def scores(self, claim: Claim) -> dict[str, float]:
        """Source id -> the BM25 score of its best sentence for the claim (other sources
        only; sources sharing no telling term are absent)."""
        per_sentence: dict[int, float] = {}
        for term, weight in self._query(claim):
            for impact, i in self._postings.get(term, ()):
                per_sentence[i] = per_sentence.get(i, 0.0) + weight * impact
        counted = _ranges(claim.quantities)
        best: dict[str, float] = {}
        for i, score in per_sentence.items():
            if counted and self._figures[i] and _conflicts(counted, self._figures[i]):
                score *= CONFLICT_BOOST
            sid = self.source_ids[self._owner[i]]
            if sid != claim.source_id and score > best.get(sid, 0.0):
                best[sid] = score
        return best

    def candidates(self, claim: Claim, k: int = DEFAULT_K) -> list[str]:
        """The ``k`` other sources most likely to confirm or refute the claim, best first
        (ties in input order)."""
        order = {sid: n for n, sid in enumerate(self.source_ids)}
        found = self.scores(claim)
        return sorted(found, key=lambda sid: (-found[sid], order[sid]))[:k]
