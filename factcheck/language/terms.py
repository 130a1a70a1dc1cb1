"""How much of a claim a passage covers: the weighted share of the claim's key terms.

A term's weight is its rarity in the OTHER source (sentence-level idf): in a set of articles
about one event the main actors appear in every sentence, so matching them proves little,
while matching "containers" or "evacuated" does. Who said it (the attribution) is not part
of what is claimed, so the speaker's words are left out; numbers are compared separately.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from factcheck.language.retrieval import analyse
from factcheck.language.text import sentences
from factcheck.models import Claim, Source

# Reporting and hedging words say who or how, not what happened.
_REPORTING = frozenset(analyse(
    "report reported reportedly state stated announce announced claim claimed added "
    "official officials source sources spokesperson spokesman spokeswoman statement "
    "interview note noted believe believed suggest suggested indicate indicated also "
    "recent recently including include one two new"
))


@dataclass(frozen=True)
class KeyTerms:
    """A claim's content terms with weights (rarer in the other source -> heavier)."""

    weights: dict[str, float]

    @property
    def total(self) -> float:
        return sum(self.weights.values())


@lru_cache(maxsize=256)
def _document_frequency(text: str) -> tuple[int, Counter[str]]:
    spans = sentences(text)
    df: Counter[str] = Counter()
    for a, b in spans:
        df.update(set(analyse(text[a:b])))
    return len(spans), df


def _weight(term: str, source: Source | None) -> float:
    if source is None:
        return 1.0
    n, df = _document_frequency(source.text)
    return math.log(1 + (n + 1) / (df.get(term, 0) + 1))


def claim_terms(claim: Claim) -> list[str]:
    """The claim's content terms: no numbers, reporting words or speaker's name."""
    text = claim.text or claim.quote
    terms = [t for t in analyse(text) if not t.replace(".", "").isdigit() and t not in _REPORTING]
    speaker = set(analyse(" ".join(filter(None, [claim.attribution.speaker,
                                                  claim.attribution.role]))))
    return sorted(set([t for t in terms if t not in speaker] or terms))


def key_terms(claim: Claim, source: Source | None = None) -> KeyTerms:
    """Key terms weighted by rarity in ``source`` (uniform weights without one)."""
    return KeyTerms({t: _weight(t, source) for t in claim_terms(claim)})


@dataclass(frozen=True)
class Coverage:
    ratio: float
    matched: int
    total: int
    weight: float = 0.0
    hit: tuple[str, ...] = ()


def coverage(terms: KeyTerms, text: str) -> Coverage:
    """The weighted share of the claim's key terms that ``text`` contains."""
    present = set(analyse(text))
    hit = [t for t in terms.weights if t in present]
    weight = sum(terms.weights[t] for t in hit)
    ratio = weight / terms.total if terms.total else 0.0
    return Coverage(round(ratio, 6), len(hit), len(terms.weights), weight, tuple(hit))


def context_terms(text: str, start: int, end: int, width: int = 8) -> set[str]:
    """Content terms within ``width`` words either side of ``text[start:end]``."""
    left = analyse(text[:start])[-width:]
    right = analyse(text[end:])[:width]
    return {t for t in left + right if not t.replace(".", "").isdigit()}


_WORD = re.compile(r"[A-Za-z][\w'’-]*")


@lru_cache(maxsize=65536)
def name_terms(text: str) -> frozenset[str]:
    """Terms of words capitalised mid-sentence: names, which say who, not what happened.

    Memoised: every passage is asked about once per claim that retrieves it.
    """
    names: list[str] = []
    words = list(_WORD.finditer(text))
    for m, nxt in zip(words, [*words[1:], None][:len(words)], strict=True):
        before = text[max(0, m.start() - 20):m.start()].rstrip(" \"'“‘(")
        mid = bool(before) and before[-1] not in ".!?:"
        # A sentence's first word is a name when a capitalised word follows ("Elena Ruiz").
        run = nxt is not None and nxt.group()[0].isupper() and not text[m.end():nxt.start()].strip()
        if m.group()[0].isupper() and (mid or run):
            names.extend(analyse(m.group()))
    return frozenset(names)
