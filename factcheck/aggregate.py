"""Flags a reader should look at, computed from the checks whatever engine produced them.

``numeric_discrepancy`` re-reads the other sources' passages itself, so it fires even when
the engine called a claim supported while the figures disagree.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.models import Claim, Flag, FlagKind, Source, Verdict
from factcheck.quantities import Relation
from factcheck.retrieval import PassageIndex
from factcheck.verify.figures import FigureFinding, compare_figures
from factcheck.verify.local import ANCHORED
from factcheck.verify.terms import coverage, key_terms

_SUPPORTING = {Verdict.supported, Verdict.partially_supported}
_KIND_ORDER = {kind: i for i, kind in enumerate(FlagKind)}


def sort_flags(flags: list[Flag]) -> None:
    """The one deterministic flag order: by kind (as FlagKind lists them), then sources."""
    flags.sort(key=lambda f: (_KIND_ORDER[f.kind], f.source_ids, f.reason))


def flag_claims(claims: Sequence[Claim], sources: Sequence[Source], index: PassageIndex) -> None:
    """Add contradicted / numeric_discrepancy / single_source flags to each claim in place."""
    for claim in claims:
        others = [s for s in sources if s.id != claim.source_id]
        new = _contradicted(claim) + _numeric(claim, others, index) + _single_source(claim, others)
        for flag in new:
            if flag not in claim.flags:
                claim.flags.append(flag)
        sort_flags(claim.flags)


def _contradicted(claim: Claim) -> list[Flag]:
    ids = sorted({c.source_id for c in claim.checks if c.verdict == Verdict.contradicted})
    if not ids:
        return []
    return [Flag(kind=FlagKind.contradicted, source_ids=ids,
                 reason=f"Contradicted by {', '.join(ids)}; compare the evidence quoted there.")]


def _single_source(claim: Claim, others: Sequence[Source]) -> list[Flag]:
    if not others or any(c.verdict in _SUPPORTING for c in claim.checks):
        return []
    return [Flag(kind=FlagKind.single_source,
                 reason=f"None of the {len(others)} other sources supports this claim; "
                        "treat it as unconfirmed.")]


def _relevant_texts(claim: Claim, source: Source, candidates: Sequence[str]) -> list[str]:
    """The check's evidence, then candidate passages that cover at least a little of it."""
    evidence = [c.evidence for c in claim.checks if c.source_id == source.id and c.evidence]
    terms = key_terms(claim, source)
    related = [t for t in candidates if coverage(terms, t).ratio >= ANCHORED]
    return list(dict.fromkeys(evidence + related))


def _numeric(claim: Claim, others: Sequence[Source], index: PassageIndex) -> list[Flag]:
    if not others:
        return []
    candidates = index.candidates(claim)
    flags = []
    for source in others:
        texts = _relevant_texts(claim, source, [p.text for p in candidates.get(source.id, [])])
        clashes = [f for f in compare_figures(claim, texts) if f.relation == Relation.conflicting]
        if clashes:
            flags.append(Flag(kind=FlagKind.numeric_discrepancy, source_ids=[source.id],
                              reason=_numeric_reason(clashes, source.id)))
    return flags


def _numeric_reason(clashes: Sequence[FigureFinding], source_id: str) -> str:
    pairs = "; ".join(f"'{f.claim.text}' here vs '{f.other.text}'" for f in clashes)
    return f"Figures disagree with {source_id}: {pairs}."
