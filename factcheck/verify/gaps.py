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
# How a people or language is named after its place: Kenya -> Kenyan, Peru -> Peruvian,
# Nepal -> Nepalese, Oman -> Omani. A capitalised word so formed from a name of the
# evidence is carried by it.
_DEMONYM_ENDINGS = ("n", "an", "ian", "vian", "ean", "i", "es", "ese", "ish")


@dataclass(frozen=True)
class Gaps:
    """``firm``: wrong or absent figures, dates and calendar or gender words (never
    supported); ``loose``: absent words, which a paraphrase may cover. ``replaced``: the
    firm parts the evidence words differently (a clashing date, another weekday), as
    opposed to parts it leaves out."""

    firm: list[str]
    loose: list[str]
    replaced: list[str]

    @property
    def all(self) -> list[str]:
        return list(dict.fromkeys(self.firm + self.loose))[:_MAX_PARTS]


def gaps(claim: Claim, found: Findings) -> Gaps:
    text = claim.text or claim.quote
    clashes = _dates(found)
    # A month already named in a date clash ("in May (the source says in November)").
    words = [w for w in _swapped_words(text, found)
             if not any(re.search(rf"\b{w.lower()}\b", c.lower()) for c in clashes)]
    replaced = clashes + words
    missing = {t for t in found.missing if not _demonym(t, found.alignment.terms)}
    return Gaps(_figures(claim, found) + replaced,
                _phrases(text, missing, _figure_spans(claim, text)), replaced)


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
    written = {w.strip(".,;:!?'\"").lower(): w.strip(".,;:!?'\"") for w in text.split()
               if w[:1].isupper()}
    named = set(written)
    theirs = frozenset().union(*(s.words for s in found.alignment.sentences))
    parts = [written[w] for kind in (WEEKDAYS, MONTHS) for w in sorted(named & kind)
             if theirs & kind and not named & kind & theirs]
    for own, other in ((MALE, FEMALE), (FEMALE, MALE)):
        if mine & own and theirs & other and not theirs & own:
            parts += sorted(mine & own)
    return parts


def _demonym(term: str, evidence: frozenset[str]) -> bool:
    """``term`` names the people of a place the evidence names ('kenyan' for 'kenya')."""
    for place in evidence:
        if len(place) < 4 or place[0] != term[0] or len(term) <= len(place) - 1:
            continue
        stem = place[:-1] if place[-1] in "aeiouy" else place
        if term[len(stem):] in _DEMONYM_ENDINGS and term.startswith(stem):
            return True
        if term.startswith(place) and term[len(place):] in _DEMONYM_ENDINGS:
            return True
    return False


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
