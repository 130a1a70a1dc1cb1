"""Name the parts of a claim that its aligned evidence does not carry.

A partial verdict is only useful when it says which part is unsupported, so the parts are
given as the claim's own words: runs of words whose terms the evidence lacks ("in exchange
for troops"), figures whose number it does not give, dates it gives differently, and a
weekday, month or gendered word it replaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.language.retrieval import analyse
from factcheck.models import Claim
from factcheck.verify.align import numbers
from factcheck.verify.features import FEMALE, HEDGES, MALE, MONTHS, WEEKDAYS, Findings

_WORD = re.compile(r"[\w][\w'’.-]*")
_MAX_PARTS = 5


@dataclass(frozen=True)
class Gaps:
    """``firm``: wrong or absent figures, dates and calendar or gender words (never
    supported); ``loose``: absent words, which a paraphrase may cover."""

    firm: list[str]
    loose: list[str]

    @property
    def all(self) -> list[str]:
        return list(dict.fromkeys(self.firm + self.loose))[:_MAX_PARTS]


def gaps(claim: Claim, found: Findings) -> Gaps:
    text = claim.text or claim.quote
    return Gaps(_figures(claim, found) + _dates(found) + _swapped_words(text, found),
                _phrases(text, set(found.missing), _figure_spans(claim, text)))


def missing_parts(claim: Claim, found: Findings) -> list[str]:
    """Every part the evidence lacks, firm ones first (at most a few)."""
    return gaps(claim, found).all


def _figures(claim: Claim, found: Findings) -> list[str]:
    """The claim's figures whose number the evidence does not give (as the claim words
    them); a number written as a word outside a figure ("the two nations") is left to
    the word runs."""
    absent = set(found.missing_numbers)
    named = [q.text for q in claim.quantities if numbers(q.text) & absent]
    covered = {n for q in claim.quantities for n in numbers(q.text)}
    digits = numbers(" ".join(re.findall(r"\d[\d.,]*", claim.text or claim.quote)))
    return named + sorted((absent - covered) & digits)


def _dates(found: Findings) -> list[str]:
    return [f"{mine} (the source says {theirs})" for mine, theirs in found.date_clashes]


def _swapped_words(text: str, found: Findings) -> list[str]:
    """Calendar and gender words of the claim replaced by others in the evidence."""
    mine = {w.lower().strip(".,;:!?'\"") for w in text.split()}
    # Calendar words count when capitalised: "May" is a month, "may" a modal.
    named = {w.strip(".,;:!?'\"").lower() for w in text.split() if w[:1].isupper()}
    theirs = frozenset().union(*(s.words for s in found.alignment.sentences))
    parts = [w for kind in (WEEKDAYS, MONTHS) for w in sorted(named & kind)
             if theirs & kind and not named & kind & theirs]
    for own, other in ((MALE, FEMALE), (FEMALE, MALE)):
        if mine & own and theirs & other and not theirs & own:
            parts += sorted(mine & own)
    return parts


def _figure_spans(claim: Claim, text: str) -> list[tuple[int, int]]:
    """Where the claim's figures are written: they are reported as figures, not words."""
    spans = []
    for q in claim.quantities:
        at = text.find(q.text)
        if at >= 0:
            spans.append((at, at + len(q.text)))
    return spans


def _phrases(text: str, missing: set[str], skip: list[tuple[int, int]]) -> list[str]:
    """Runs of the claim's words with a missing term, joined across function words;
    figures and hedges ("approximately") are left out (figures are named on their own)."""
    runs: list[tuple[int, int]] = []
    gap_open = False
    for m in _WORD.finditer(text):
        word = m.group().lower()
        if word in HEDGES or any(a <= m.start() < b for a, b in skip):
            gap_open = False
            continue
        terms = set(analyse(m.group()))
        # "Jong-un" is written "Jong Un" elsewhere: missing only if every part is.
        if terms and terms <= missing and not word.replace(",", "").replace(".", "").isdigit():
            if runs and gap_open:
                runs[-1] = (runs[-1][0], m.end())
            else:
                runs.append((m.start(), m.end()))
            gap_open = True
        elif terms:
            gap_open = False
    return [text[a:b].rstrip(".,;:") for a, b in runs]
