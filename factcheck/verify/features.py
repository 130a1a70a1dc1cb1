"""What the learned verifier sees of (claim, document): monotone, general features.

Every feature is a reading a fact-checker would make: how much of the claim's rare
vocabulary the document and its aligned sentence(s) carry, and whether a figure, date,
weekday, name or gendered word of the claim is replaced in the aligned sentence(s), or the
polarity flips there. Each has a declared direction (``MORE``: higher means more likely
supported; ``LESS``: the opposite), which training enforces, so the model cannot learn a
quirk of one data set that reverses common sense. Readings without a direction (how long
the document is) were dropped: on held-out data sets they only carried quirks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from factcheck.language.dates import extract_dates
from factcheck.language.quantities import Relation, extract_quantities
from factcheck.language.retrieval import analyse
from factcheck.language.terms import name_terms
from factcheck.language.text import sentences
from factcheck.models import Claim, Quantity
from factcheck.verify.align import (
    Alignment,
    ClaimTerms,
    Doc,
    align,
    claim_terms,
    doc_of,
    numbers,
)
from factcheck.verify.figures import compare_dates, compare_figures
from factcheck.verify.polarity import negated, opposite_terms, polarity_clash

MORE, LESS = 1, -1
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset("january february march april may june july august september october "
                    "november december".split())
MALE = frozenset("he him his himself man men boy boys father son brother husband king mr "
                  "male sir uncle nephew".split())
FEMALE = frozenset("she her hers herself woman women girl girls mother daughter sister wife "
                    "queen mrs ms female madam aunt niece".split())
HEDGES = frozenset("may might could possibly perhaps likely unlikely reportedly allegedly "
                    "expected plans planned would probably apparently seems suggests".split())
_RARE_K = 3

FEATURES: dict[str, int] = {
    "overlap_doc": MORE, "cover_doc": MORE, "cover_best": MORE, "cover_align": MORE,
    "plain_cover_align": MORE, "predicate_cover_align": MORE,
    "rare_cover_doc": MORE, "rare_cover_align": MORE, "bigram_align": MORE,
    "missing_weight_align": LESS, "max_missing_align": LESS, "missing_terms_align": LESS,
    "numbers_missing_align": LESS, "numbers_missing_doc": LESS, "figure_conflict": LESS,
    "figure_match": MORE, "names_missing_align": LESS, "names_missing_doc": LESS,
    "name_swap": LESS, "date_clash": LESS, "calendar_swap": LESS, "gender_swap": LESS,
    "negation_mismatch": LESS, "polarity_clash": LESS, "antonym": LESS,
    "hedge_mismatch": MORE, "claim_terms": LESS, "align_size": LESS, "evidence_focus": MORE,
}


@dataclass
class Findings:
    """The readable facts behind the features, for rationales and ``missing``."""

    alignment: Alignment
    missing: list[str] = field(default_factory=list)
    missing_names: list[str] = field(default_factory=list)
    missing_numbers: list[str] = field(default_factory=list)
    conflicts: list[tuple[Quantity, Quantity]] = field(default_factory=list)
    matched_figures: int = 0
    date_clashes: list[tuple[str, str]] = field(default_factory=list)
    polarity: str | None = None


@dataclass
class Featurized:
    values: dict[str, float]
    findings: Findings

    def vector(self) -> list[float]:
        return [self.values[name] for name in FEATURES]


def claim_from_text(text: str, source_id: str = "claim") -> Claim:
    """A bare claim (figures and dates parsed) for labelled pairs that come without one."""
    return Claim(id=f"{source_id}#c1", source_id=source_id, text=text, quote=text,
                 span=(0, len(text)), quantities=extract_quantities(text),
                 dates=extract_dates(text))


def featurize(claim: Claim, document: str) -> Featurized:
    """Features of ``claim`` against ``document`` (the other source's whole text).

    A claim of several sentences is as supported as its least supported sentence: each is
    aligned on its own and the readings combined in their unfavourable direction.
    """
    text = claim.text or claim.quote
    parts = [text[a:b] for a, b in sentences(text)] or [text]
    if len(parts) == 1:
        return _featurize_one(claim, text, document)
    each = [_featurize_one(_part(claim, part), part, document) for part in parts]
    values = {name: _combine(direction, [f.values[name] for f in each])
              for name, direction in FEATURES.items()}
    values["claim_terms"] = sum(f.values["claim_terms"] for f in each)
    worst = min(each, key=lambda f: f.values["cover_align"])
    return Featurized(values, _merge([f.findings for f in each], worst.findings))


def _part(claim: Claim, text: str) -> Claim:
    """One sentence of a claim, with its own figures and dates, same speaker."""
    return claim.model_copy(update={"text": text, "quantities": extract_quantities(text),
                                    "dates": extract_dates(text)})


def _combine(direction: int, readings: list[float]) -> float:
    if direction == MORE:
        return min(readings)
    return max(readings)


def _merge(all_findings: list[Findings], worst: Findings) -> Findings:
    merged = Findings(worst.alignment, polarity=next(
        (f.polarity for f in all_findings if f.polarity), None))
    for f in all_findings:
        merged.missing += f.missing
        merged.missing_names += f.missing_names
        merged.missing_numbers += f.missing_numbers
        merged.conflicts += f.conflicts
        merged.matched_figures += f.matched_figures
        merged.date_clashes += f.date_clashes
    return merged


def _featurize_one(claim: Claim, text: str, document: str) -> Featurized:
    terms = claim_terms(text, " ".join(filter(None, [claim.attribution.speaker,
                                                     claim.attribution.role])))
    doc = doc_of(document)
    aligned = align(terms, doc)
    findings = Findings(aligned)
    values = _coverage(terms, doc, aligned, findings)
    values |= _slots(claim, terms, doc, aligned, findings)
    values |= _polarity(text, aligned, findings)
    values |= {"overlap_doc": _overlap(text, doc),
               "claim_terms": float(len(terms.weights)),
               "align_size": float(len(aligned.sentences)),
               "evidence_focus": _focus(terms, aligned)}
    return Featurized(values, findings)


def _overlap(text: str, doc: Doc) -> float:
    """Plain share of the claim's terms (numbers included) anywhere in the document."""
    terms = set(analyse(text))
    return len(terms & (doc.terms | doc.numbers)) / len(terms) if terms else 1.0


def _coverage(terms: ClaimTerms, doc: Doc, aligned: Alignment,
              findings: Findings) -> dict[str, float]:
    rare = sorted(terms.weights, key=lambda t: (-terms.weights[t], t))[:_RARE_K]
    missing = [t for t in terms.order if t not in aligned.terms]
    findings.missing = list(dict.fromkeys(missing))
    missing_weights = [terms.weights[t] for t in findings.missing]
    plain = (1 - len(findings.missing) / len(terms.weights)) if terms.weights else 1.0
    return {
        "cover_doc": terms.cover(doc.terms),
        "cover_best": terms.cover(aligned.best.terms),
        "cover_align": terms.cover(aligned.terms),
        "plain_cover_align": plain,
        "rare_cover_doc": _share(rare, doc.terms),
        "rare_cover_align": _share(rare, aligned.terms),
        "bigram_align": _bigrams(terms.order, aligned),
        "predicate_cover_align": _predicate_cover(terms, aligned),
        "missing_weight_align": sum(missing_weights),
        "max_missing_align": max(missing_weights, default=0.0),
        "missing_terms_align": float(len(findings.missing)),
    }


def _predicate_cover(terms: ClaimTerms, aligned: Alignment) -> float:
    """Weighted cover of what the claim says about its names: a sentence that shares only
    the people and places speaks of them, not necessarily of this."""
    said = {t: w for t, w in terms.weights.items() if t not in terms.names}
    total = sum(said.values())
    return sum(w for t, w in said.items() if t in aligned.terms) / total if total else 1.0


def statement_cover(values: dict[str, float]) -> float:
    """How much of the claim the aligned sentences carry, names and what is said of them
    alike: the lower of the two covers. Below the cut learned on labelled partial support
    the source tells another statement."""
    return min(values["cover_align"], values["predicate_cover_align"])


def _share(wanted: list[str], present: frozenset[str]) -> float:
    return sum(t in present for t in wanted) / len(wanted) if wanted else 1.0


def _bigrams(order: tuple[str, ...], aligned: Alignment) -> float:
    """Share of the claim's neighbouring term pairs that are neighbours in the evidence
    too: word order survives paraphrase less than vocabulary, but swaps break it."""
    pairs = set(pairwise(order))
    if not pairs:
        return 1.0
    found = {pair for s in aligned.sentences for pair in pairwise(s.order)}
    return len(pairs & found) / len(pairs)


def _slots(claim: Claim, terms: ClaimTerms, doc: Doc, aligned: Alignment,
           findings: Findings) -> dict[str, float]:
    findings.missing_numbers = sorted(terms.numbers - aligned.numbers)
    findings.missing_names = sorted(terms.names - aligned.terms)
    evidence_names = {t for s in aligned.sentences for t in name_terms(s.text)}
    figures = compare_figures(claim, [s.text for s in aligned.sentences])
    findings.conflicts = [(f.claim, f.other) for f in figures
                          if f.relation == Relation.conflicting]
    agreeing = [f for f in figures if f.relation == Relation.consistent]
    findings.matched_figures = len(agreeing)
    # "about 11,000" is given by "over 10,000": an agreeing figure's number is not missing.
    agreed = {n for f in agreeing for n in numbers(f.claim.text)}
    findings.missing_numbers = [n for n in findings.missing_numbers if n not in agreed]
    dates = compare_dates(claim, [s.text for s in aligned.sentences])
    findings.date_clashes = [(d.claim.text, d.other.text) for d in dates if not d.compatible]
    words = _words(claim.text or claim.quote)
    evidence = frozenset().union(*(s.words for s in aligned.sentences))
    return {
        "numbers_missing_align": float(len(findings.missing_numbers)),
        "numbers_missing_doc": float(len(terms.numbers - doc.numbers)),
        "figure_conflict": float(bool(findings.conflicts) and not findings.matched_figures),
        "figure_match": float(findings.matched_figures),
        "names_missing_align": float(len(findings.missing_names)),
        "names_missing_doc": float(len(terms.names - doc.terms)),
        "name_swap": float(bool(findings.missing_names) and bool(evidence_names - terms.names
                                                                  - set(terms.order))),
        "date_clash": float(bool(findings.date_clashes)),
        "calendar_swap": float(_swapped(words, evidence, WEEKDAYS)
                               or _swapped(words, evidence, MONTHS)),
        "gender_swap": float(_gender(words) * _gender(evidence) < 0),
    }


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip(".,;:!?\"'()").lower() for w in text.split())


def _swapped(mine: frozenset[str], theirs: frozenset[str], kind: frozenset[str]) -> bool:
    """The claim names a weekday (month) the evidence lacks while it names another."""
    own, other = mine & kind, theirs & kind
    return bool(own and other and not own & other)


def _gender(words: frozenset[str]) -> int:
    male, female = len(words & MALE), len(words & FEMALE)
    return (male > 0) - (female > 0) if male != female else 0


def _polarity(text: str, aligned: Alignment, findings: Findings) -> dict[str, float]:
    best = aligned.best.text
    findings.polarity = polarity_clash(text, best)
    hedged = bool(_words(text) & HEDGES)
    return {
        "negation_mismatch": float(negated(text) != negated(best)),
        "polarity_clash": float(findings.polarity is not None),
        "antonym": float(opposite_terms(text, aligned.text) is not None),
        "hedge_mismatch": float(hedged) - float(bool(_words(best) & HEDGES)),
    }


def _focus(terms: ClaimTerms, aligned: Alignment) -> float:
    """How much of the best sentence is about the claim (short, on-point evidence)."""
    own = set(aligned.best.terms)
    return len(own & set(terms.weights)) / len(own) if own else 0.0
