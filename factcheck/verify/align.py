"""Align a claim with the sentence(s) of a document that say the same thing.

Minimal edits hide in the aligned sentence: a swapped figure or name usually occurs
somewhere else in the document, so comparisons that matter are made against the few
sentences that cover the claim, not against the whole text. The alignment is local: it
starts at the sentence covering most of the claim's weight and may add a neighbour (for a
pronoun's antecedent or a claim spread over two sentences), at most ``MAX_SENTENCES``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.language.retrieval import analyse
from factcheck.language.terms import name_terms
from factcheck.language.text import sentences
from factcheck.verify.rarity import weight

MAX_SENTENCES = 3
REACH = 1
_MIN_GAIN = 0.1
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS |= {w: str(10 * i) for i, w in enumerate(
    "_ _ _ thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORDS = re.compile(r"[a-z]+")


def numbers(text: str) -> frozenset[str]:
    """The numbers a text writes, normalised ('1,200' -> '1200', 'three' -> '3')."""
    found = {m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}
    found |= {_NUMBER_WORDS[w] for w in _WORDS.findall(text.lower()) if w in _NUMBER_WORDS}
    return frozenset(n.removesuffix(".0") for n in found)


@dataclass(frozen=True)
class Sentence:
    text: str
    span: tuple[int, int]
    terms: frozenset[str]
    order: tuple[str, ...]
    words: frozenset[str]
    """Lower-case words as written, for cues (negation, gender, weekdays) that stems blur."""
    numbers: frozenset[str]


@dataclass(frozen=True)
class Doc:
    sentences: tuple[Sentence, ...]
    terms: frozenset[str]
    numbers: frozenset[str]


def _sentence(text: str, span: tuple[int, int]) -> Sentence:
    part = text[span[0]:span[1]]
    order = tuple(analyse(part))
    return Sentence(part, span, frozenset(order), order,
                    frozenset(_WORDS.findall(part.lower())), numbers(part))


@lru_cache(maxsize=512)
def doc_of(text: str) -> Doc:
    """The analysed document; memoised, since every claim of a story reads each source."""
    parts = tuple(_sentence(text, span) for span in sentences(text) or [(0, len(text))])
    terms = frozenset().union(*(s.terms for s in parts))
    return Doc(parts, terms, frozenset().union(*(s.numbers for s in parts)))


@dataclass(frozen=True)
class ClaimTerms:
    """What a claim asserts, as weighted content terms (numbers and speaker left out)."""

    text: str
    weights: dict[str, float]
    order: tuple[str, ...]
    names: frozenset[str]
    numbers: frozenset[str]

    @property
    def total(self) -> float:
        return sum(self.weights.values()) or 1.0

    def cover(self, terms: frozenset[str]) -> float:
        return sum(w for t, w in self.weights.items() if t in terms) / self.total


def claim_terms(text: str, speaker: str = "") -> ClaimTerms:
    """The claim's terms; the speaker's words say who, not what, and are left out."""
    order = tuple(t for t in analyse(text) if not t.replace(".", "").isdigit())
    skip = set(analyse(speaker))
    kept = tuple(t for t in order if t not in skip) or order
    names = frozenset(name_terms(text)) & set(kept)
    return ClaimTerms(text, {t: weight(t) for t in kept}, kept, names, numbers(text))


@dataclass(frozen=True)
class Alignment:
    sentences: tuple[Sentence, ...]
    terms: frozenset[str]
    numbers: frozenset[str]
    best: Sentence

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


def align(claim: ClaimTerms, doc: Doc) -> Alignment:
    """Greedy local alignment: the best sentence, then neighbours that add coverage."""
    ranked = max(range(len(doc.sentences)),
                 key=lambda i: (claim.cover(doc.sentences[i].terms), -i))
    chosen = [ranked]
    covered = set(doc.sentences[ranked].terms)
    while len(chosen) < MAX_SENTENCES:
        near = {j for i in chosen for j in range(i - REACH, i + REACH + 1)
                if 0 <= j < len(doc.sentences) and j not in chosen}
        gains = {j: claim.cover(frozenset(covered | doc.sentences[j].terms)) for j in near}
        best = max(sorted(gains), key=lambda j: gains[j], default=None)
        if best is None or gains[best] - claim.cover(frozenset(covered)) < _MIN_GAIN:
            break
        chosen.append(best)
        covered |= doc.sentences[best].terms
    parts = tuple(doc.sentences[i] for i in sorted(chosen))
    return Alignment(parts, frozenset(covered),
                     frozenset().union(*(s.numbers for s in parts)), doc.sentences[ranked])
