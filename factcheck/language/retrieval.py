"""Find the passages of one source most likely to confirm or refute a claim (BM25).

Passages are sentences plus two-sentence windows within a paragraph, so a pronoun's
antecedent comes along. Each source gets its own postings; idf is shared across all
sources so a word common to the whole story ("missile", "election") weighs little.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel

from factcheck.language.quantities import canonical_unit, extract_quantities
from factcheck.language.text import fold, sentences
from factcheck.models import Claim, Source, Span

_K1, _B = 1.5, 0.75
_UNIT_BOOST = 2
_MAX_TERMS = 16
_WINDOW = 0.75  # a window beats its best sentence only if the other adds a third as much

STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours s t said says say told according also would could may might must shall
""".split())
# A small table of GENERAL synonyms, applied after stemming on both sides.
_SYNONYM_WORDS = {
    "soldier": "troop", "personnel": "troop", "serviceman": "troop", "servicemember": "troop",
    "people": "person", "individual": "person", "resident": "person", "inhabitant": "person",
    "supply": "provide", "deliver": "provide", "furnish": "provide", "dispatch": "send",
    "fatality": "death", "dead": "death", "die": "death", "died": "death",
    "killed": "death", "wound": "injure",
    "injury": "injure", "hurt": "injure", "dollar": "usd", "percent": "percent", "pct": "percent",
    "approximately": "about", "roughly": "about", "nearly": "about", "almost": "about",
    "antiair": "antiaircraft", "ballot": "vote", "firm": "company", "corporation": "company",
    # Paraphrases news rewrites lean on: a noun for its verb, a plain word for a vivid one.
    "blaze": "fire", "flames": "fire", "inferno": "fire", "battle": "fight", "tackle": "fight",
    "combat": "fight", "closure": "close", "shut": "close", "shutdown": "close",
    "layoff": "cut", "lay": "cut", "laid": "cut", "axe": "cut", "slash": "cut",
    "job": "worker", "employee": "worker", "staffer": "worker",
}
IRREGULAR = {
    "people": "person", "men": "man", "women": "woman", "children": "child", "sent": "send",
    "gave": "give", "given": "give", "won": "win", "lost": "lose", "fell": "fall",
    "fallen": "fall", "rose": "rise", "risen": "rise", "made": "make", "took": "take",
    "taken": "take", "held": "hold", "led": "lead", "began": "begin", "begun": "begin",
    "left": "leave", "struck": "strike", "fought": "fight", "brought": "bring", "sold": "sell",
    "bought": "buy", "paid": "pay", "met": "meet", "shot": "shoot", "built": "build",
    "spent": "spend", "grew": "grow", "grown": "grow", "flew": "fly", "flown": "fly",
    "threw": "throw", "thrown": "throw", "kept": "keep", "saw": "see", "seen": "see",
    "came": "come", "went": "go", "gone": "go", "became": "become", "chose": "choose",
    "chosen": "choose", "broke": "break", "broken": "break", "stole": "steal", "hid": "hide",
    "hidden": "hide", "drove": "drive", "driven": "drive", "wrote": "write", "written": "write",
    "spoke": "speak", "spoken": "speak", "froze": "freeze", "burnt": "burn", "dealt": "deal",
    "sank": "sink", "sunk": "sink", "swept": "sweep", "fled": "flee",
}
_WORD_RE = re.compile(r"\d+(?:\.\d+)?|[a-z]+(?:['-][a-z]+)*")


def stem(word: str) -> str:
    """A light suffix stemmer: plurals, -ed, -ing, doubled consonants, final -e."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.isdigit() or len(word) <= 3:
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "ches", "shes", "xes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


_SYNONYMS = {stem(k): stem(v) for k, v in _SYNONYM_WORDS.items()}


@lru_cache(maxsize=65536)
def _normalise(word: str) -> str:
    stemmed = stem(word)
    return _SYNONYMS.get(stemmed, stemmed)


def analyse(text: str) -> list[str]:
    """Content terms of ``text``: folded, lowercased, hyphen-joined and split, stemmed."""
    return list(_analyse(text))


@lru_cache(maxsize=65536)
def _analyse(text: str) -> tuple[str, ...]:
    """Memoised: verification and flagging analyse the same passages many times over."""
    folded = re.sub(r"(?<=\d),(?=\d{3})", "", fold(text).lower())
    terms: list[str] = []
    for raw in _WORD_RE.findall(folded):
        raw = raw.removesuffix("'s")
        if "-" in raw:
            parts = raw.split("-")
            terms.append(_normalise("".join(parts)))
            terms.extend(_normalise(p) for p in parts if p not in STOP_WORDS)
        elif raw not in STOP_WORDS:
            terms.append(_normalise(raw.replace("'", "")))
    return tuple(t for t in terms if t)


class Passage(BaseModel):
    source_id: str
    text: str
    span: Span
    score: float


@dataclass
class _SourceIndex:
    spans: list[Span]
    lengths: list[int]
    postings: dict[str, list[tuple[int, float]]]
    """Term -> (passage, saturated and length-normalised BM25 term frequency)."""
    figures: dict[str, list[int]]
    """Canonical unit -> sentences (passage indices) holding a figure of that measure."""
    pairs: list[tuple[int, ...]]
    """Sentence indices of each window; window passages follow the sentences in ``spans``."""


def _windows(text: str, spans: list[Span]) -> list[tuple[Span, tuple[int, ...]]]:
    """Sentences plus each pair of neighbouring sentences within one paragraph."""
    single: list[tuple[Span, tuple[int, ...]]] = [(span, (i,)) for i, span in enumerate(spans)]
    pairs = [((a[0], b[1]), (i, i + 1)) for i, (a, b) in enumerate(itertools.pairwise(spans))
             if "\n" not in text[a[1]:b[0]]]
    return single + pairs


class PassageIndex:
    """BM25 over the passages of every source; build once, query per (claim, source)."""

    def __init__(self, sources: Sequence[Source]) -> None:
        self._sources = {s.id: s for s in sources}
        self._indexes: dict[str, _SourceIndex] = {}
        self._found: dict[tuple[object, ...], dict[str, list[Passage]]] = {}
        df: Counter[str] = Counter()
        units = 0
        for source in sources:
            spans = sentences(source.text)
            counts = [Counter(analyse(source.text[a:b])) for a, b in spans]
            for c in counts:
                df.update(c.keys())
            units += len(counts)
            self._indexes[source.id] = self._build(source.text, spans, counts)
        self._idf = {t: math.log(1 + (units - n + 0.5) / (n + 0.5)) for t, n in df.items()}

    @staticmethod
    def _build(text: str, spans: list[Span], counts: list[Counter[str]]) -> _SourceIndex:
        """Postings over sentences only; a window scores from its two sentences."""
        passages = _windows(text, spans)
        lengths = [sum(sum(counts[j].values()) for j in members) for _, members in passages]
        sentence_lengths = lengths[:len(spans)]
        avgdl = (sum(sentence_lengths) / len(spans) if spans else 1.0) or 1.0
        postings: dict[str, list[tuple[int, float]]] = {}
        for i, bag in enumerate(counts):
            norm = _K1 * (1 - _B + _B * sentence_lengths[i] / avgdl)
            for term, tf in bag.items():
                postings.setdefault(term, []).append((i, tf * (_K1 + 1) / (tf + norm)))
        figures: dict[str, list[int]] = {}
        for i, (a, b) in enumerate(spans):  # sentence i is passage i
            for q in extract_quantities(text[a:b]):
                figures.setdefault(canonical_unit(q.unit) or "", []).append(i)
        pairs = [members for _, members in passages[len(spans):]]
        return _SourceIndex([span for span, _ in passages], lengths, postings, figures, pairs)

    def search(self, query: str, source_id: str, k: int = 3) -> list[Passage]:
        """The ``k`` best non-overlapping passages of one source, best first."""
        return self._search(self._weigh(Counter(analyse(query))), source_id, k)

    def candidates(self, claim: Claim, k: int = 3) -> dict[str, list[Passage]]:
        """Top passages from every source other than the claim's own, keyed by source id.

        Besides the ``k`` best, each of the claim's figures brings the best sentence holding
        a figure of the same measure, so a differing count is found even when its sentence
        is worded differently.
        """
        units = sorted({u for q in claim.quantities if (u := canonical_unit(q.unit))})
        key = (claim.source_id, claim.text or claim.quote, tuple(units), k)
        if key not in self._found:  # verification and the numeric flags both ask
            self._found[key] = self._candidates(claim, k, units)
        return dict(self._found[key])

    def _candidates(self, claim: Claim, k: int, units: list[str]) -> dict[str, list[Passage]]:
        terms = Counter(analyse(claim.text or claim.quote))
        for unit in units:
            for unit_term in analyse(unit):
                terms[unit_term] += _UNIT_BOOST
        weighted = self._weigh(terms)
        return {sid: self._search(weighted, sid, k, units) for sid in self._sources
                if sid != claim.source_id}

    def _weigh(self, terms: Counter[str]) -> list[tuple[str, float]]:
        """Query terms with idf x (capped) query frequency; only the most telling ones.

        Story-wide words have long postings and add almost nothing to the ranking, so
        keeping the ``_MAX_TERMS`` rarest keeps queries fast on large inputs.
        """
        weighted = [(t, self._idf.get(t, 0.0) * min(n, 3)) for t, n in sorted(terms.items())]
        weighted = [(t, w) for t, w in weighted if w > 0]
        return sorted(weighted, key=lambda tw: (-tw[1], tw[0]))[:_MAX_TERMS]

    def _search(self, terms: list[tuple[str, float]], source_id: str, k: int,
                units: Sequence[str] = ()) -> list[Passage]:
        index = self._indexes.get(source_id)
        if index is None or k <= 0:
            return []
        scores = [0.0] * (len(index.spans) - len(index.pairs))
        for term, weight in terms:
            for i, tf_part in index.postings.get(term, ()):
                scores[i] += weight * tf_part
        scores += [_WINDOW * (scores[a] + scores[b]) for a, b in index.pairs]
        hits = [i for i, score in enumerate(scores) if score > 0]
        order = (lambda i: (-scores[i], index.lengths[i], i))  # noqa: E731
        best = self._pick(index, scores, source_id, heapq.nsmallest(k * 4, hits, key=order), k)
        if len(best) < k < len(hits):  # overlapping windows crowded the short list
            best = self._pick(index, scores, source_id, sorted(hits, key=order), k)
        extra = [max(index.figures[u], key=lambda i: (scores[i], -i))
                 for u in units if u in index.figures]
        return best + self._pick(index, scores, source_id, extra, len(extra),
                                 taken=[p.span for p in best])

    def _pick(self, index: _SourceIndex, scores: list[float], source_id: str,
              order: Sequence[int], k: int, taken: Sequence[Span] = ()) -> list[Passage]:
        """Up to ``k`` passages in ``order`` that overlap neither each other nor ``taken``."""
        text = self._sources[source_id].text
        taken = list(taken)
        chosen: list[Passage] = []
        for i in order:
            start, end = index.spans[i]
            if len(chosen) == k or any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            chosen.append(Passage(source_id=source_id, text=text[start:end], span=(start, end),
                                  score=round(scores[i], 6)))
        return chosen
