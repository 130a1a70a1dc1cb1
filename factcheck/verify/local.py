"""The rule-based verifier: one claim against one other source's best passages.

Decision order (first that applies wins):

1. no passage covers at least ``MENTION`` of the claim's weighted key terms with a match
   that says what happened (not names alone, not one word of several), or ``ANCHORED``
   when it also holds a figure comparable with one of the claim's or denies (or asserts) a
   short clause the claim asserts (or denies) -> ``not_mentioned``;
2. a comparable figure conflicts and no comparable figure agrees -> ``contradicted``
   (a different count of the same thing is a contradiction of the claim as stated, even
   when the rest of the story matches; the numeric_discrepancy flag names both figures);
3. the best sentence covers at least ``POLARITY`` and says the opposite (negation or a
   general antonym), or one of the top sentences denies the claim's clause almost word for
   word (``clause_clash``) -> ``contradicted``;
4. a dated mention clashes -> ``partially_supported`` (dates are often relative or
   loosely written, so a clash lowers support rather than refuting);
5. a place the claim names is replaced by another place after the same preposition ->
   ``partially_supported``;
6. coverage of at least ``SUPPORT`` with every claimed figure matched -> ``supported``;
   otherwise ``partially_supported``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.models import Check, Claim, Source, Verdict
from factcheck.quantities import Relation
from factcheck.retrieval import Passage, analyse
from factcheck.text import find_span, sentences
from factcheck.verify.figures import FigureFinding, compare_dates, compare_figures
from factcheck.verify.places import place_mismatch
from factcheck.verify.polarity import clause_clash, polarity_clash
from factcheck.verify.terms import Coverage, KeyTerms, coverage, key_terms, name_terms

MENTION = 0.25
ANCHORED = 0.1
SUPPORT = 0.5
POLARITY = 0.5


@dataclass(frozen=True)
class _Scored:
    passage: Passage
    cover: Coverage


def _anchor(source: Source, passage: Passage) -> Passage | None:
    """The passage with a span that really points at its text in ``source`` (or None)."""
    start, end = passage.span
    if source.text[start:end] == passage.text:
        return passage
    span = find_span(source.text, passage.text)
    if span is None:
        return None
    return passage.model_copy(update={"span": span, "text": source.text[span[0]:span[1]]})


def _rank(terms: KeyTerms, source: Source, passages: Sequence[Passage]) -> list[_Scored]:
    anchored = [a for p in passages if (a := _anchor(source, p)) is not None]
    scored = [_Scored(p, coverage(terms, p.text)) for p in anchored]
    return sorted(scored, key=lambda s: (-s.cover.ratio, -s.passage.score, s.passage.span))


def _check(source: Source, verdict: Verdict, best: _Scored | None, rationale: str,
           confidence: float, evidence: Passage | None = None) -> Check:
    shown = evidence or (best.passage if best else None)
    if verdict == Verdict.not_mentioned or shown is None:
        return Check(source_id=source.id, verdict=verdict, rationale=rationale,
                     confidence=_clamp(confidence))
    return Check(source_id=source.id, verdict=verdict, evidence=shown.text,
                 evidence_span=shown.span, rationale=rationale, confidence=_clamp(confidence))


def _clamp(x: float) -> float:
    return round(min(0.99, max(0.05, x)), 3)


def _terms_note(cover: Coverage) -> str:
    return f"{cover.matched} of {cover.total} key terms match"


def _best_sentence(terms: KeyTerms, passage: Passage) -> tuple[str, Coverage]:
    """The sentence of a (possibly two-sentence) passage that covers the claim best."""
    parts = [passage.text[a:b] for a, b in sentences(passage.text)] or [passage.text]
    return max(((s, coverage(terms, s)) for s in parts), key=lambda x: x[1].ratio)


def _relevant(claim: Claim, scored: _Scored) -> bool:
    """Enough of the claim is there, or less of it plus a figure counting the same thing."""
    text = scored.passage.text
    if scored.cover.ratio >= MENTION and _substantive(claim, scored.cover):
        return True
    if scored.cover.ratio < ANCHORED:
        return False
    return bool(compare_figures(claim, [text])) or clause_clash(claim.text or claim.quote, text)


def _substantive(claim: Claim, cover: Coverage) -> bool:
    """The match says what happened: not only who (names) or what a missing figure counted,
    and not one word of several."""
    if len(cover.hit) < 2 and cover.total > 1:
        return False
    units = {t for q in claim.quantities for t in analyse(q.unit or "")}
    return bool(set(cover.hit) - name_terms(claim.text or claim.quote) - units)


def _find_passage(ranked: Sequence[_Scored], text: str) -> _Scored | None:
    return next((s for s in ranked if s.passage.text == text), None)


def verify_claim(claim: Claim, source: Source, passages: Sequence[Passage]) -> Check:
    """Verdict, verbatim evidence and a readable rationale for ``claim`` against ``source``."""
    terms = key_terms(claim, source)
    ranked = [s for s in _rank(terms, source, passages) if _relevant(claim, s)]
    if not ranked:
        best_seen = max((coverage(terms, p.text).ratio for p in passages), default=0.0)
        return _check(source, Verdict.not_mentioned, None,
                      f"No passage of {source.id} covers enough of the claim "
                      f"(best {best_seen:.0%} of key terms).", 0.9 - best_seen)
    return _decide(claim, terms, source, ranked)


def _decide(claim: Claim, terms: KeyTerms, source: Source, ranked: list[_Scored]) -> Check:
    best = ranked[0]
    texts = [s.passage.text for s in ranked]
    figures = compare_figures(claim, texts)
    clash = next((f for f in figures if f.relation == Relation.conflicting), None)
    if clash is not None:
        where = _find_passage(ranked, clash.passage) or best
        return _check(source, Verdict.contradicted, best,
                      f"'{clash.claim.text}' conflicts with '{clash.other.text}' in {source.id}; "
                      f"{_terms_note(where.cover)}.", 0.55 + 0.4 * where.cover.ratio,
                      where.passage)
    opposite = _opposite(claim, terms, ranked)
    if opposite is not None:
        where, reason, sent_cover = opposite
        return _check(source, Verdict.contradicted, where,
                      f"The source states the opposite: {reason}; {_terms_note(sent_cover)}.",
                      0.35 + 0.4 * sent_cover.ratio)
    return _soft_verdict(claim, source, best, figures, texts)


def _opposite(claim: Claim, terms: KeyTerms,
              ranked: list[_Scored]) -> tuple[_Scored, str, Coverage] | None:
    """The best passage, or failing that one that denies (or asserts) the claim's clause."""
    text = claim.text or claim.quote
    for i, scored in enumerate(ranked[:3]):
        sentence, cover = _best_sentence(terms, scored.passage)
        reason = polarity_clash(text, sentence)
        if reason and ((i == 0 and cover.ratio >= POLARITY) or clause_clash(text, sentence)):
            return scored, reason, cover
    return None


def _soft_verdict(claim: Claim, source: Source, best: _Scored, figures: list[FigureFinding],
                  texts: list[str]) -> Check:
    notes = [f"'{f.claim.text}' is consistent with '{f.other.text}'" for f in figures]
    dates = compare_dates(claim, texts)
    bad_date = next((d for d in dates if not d.compatible), None)
    if bad_date is not None:
        return _check(source, Verdict.partially_supported, best,
                      f"'{bad_date.claim.text}' does not match '{bad_date.other.text}'; "
                      f"{_terms_note(best.cover)}.", 0.35 + 0.4 * best.cover.ratio)
    moved = place_mismatch(claim, best.passage.text)
    if moved is not None:
        return _check(source, Verdict.partially_supported, best,
                      f"The claim names {moved[0]} where the source names {moved[1]}; "
                      f"{_terms_note(best.cover)}.", 0.35 + 0.4 * best.cover.ratio)
    counted = {f.claim.text for f in figures}
    unmatched = [q for q in claim.quantities if q.unit and q.text not in counted]
    notes.append(_terms_note(best.cover))
    if best.cover.ratio >= SUPPORT and not unmatched:
        return _check(source, Verdict.supported, best, _sentence(notes),
                      0.45 + 0.5 * best.cover.ratio)
    if unmatched:
        notes.append(f"no figure for '{unmatched[0].text}'")
    return _check(source, Verdict.partially_supported, best, _sentence(notes),
                  0.3 + 0.5 * best.cover.ratio)


def _sentence(notes: list[str]) -> str:
    text = "; ".join(notes)
    return text[0].upper() + text[1:] + "."


__all__ = ["ANCHORED", "MENTION", "POLARITY", "SUPPORT", "verify_claim"]
