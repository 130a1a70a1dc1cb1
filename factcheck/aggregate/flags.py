"""Claim flags read from the checks verification produced: no retrieval, no second opinion.

- ``contradicted``: some check says so;
- ``numeric_discrepancy``: a check's own evidence gives another figure for what the claim
  counts (verification's figure comparison, applied to the passage it quoted);
- ``added_in_derivative``: a claim of a summary or rewrite that its parent does not support.

``single_source`` is a property of a fact, not of one claim: ``clusters`` decides it once.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.models import Check, Claim, Flag, FlagKind, FlagTier, Lineage, Verdict
from factcheck.quantities import Relation
from factcheck.verify import FigureFinding, compare_figures

_KIND_ORDER = {kind: i for i, kind in enumerate(FlagKind)}
_ADDED = {Verdict.not_mentioned, Verdict.partially_supported}
"""Verdicts of a child's claim against its parent that mean the parent does not say it."""
_SNIPPET = 160


def sort_flags(flags: list[Flag]) -> None:
    """The one deterministic flag order: needs-review kinds first, then by kind (as FlagKind
    lists them), then sources."""
    flags.sort(key=lambda f: (f.kind.tier == FlagTier.for_information, _KIND_ORDER[f.kind],
                              f.source_ids, f.reason))


def flag_claims(claims: Sequence[Claim], lineage: Sequence[Lineage] = ()) -> None:
    """Add contradicted / numeric_discrepancy / added_in_derivative flags in place."""
    parents = {x.source_id: x.derived_from for x in lineage}
    for claim in claims:
        new = _contradicted(claim) + _numeric(claim) + _added(claim, parents.get(claim.source_id))
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


def _numeric(claim: Claim) -> list[Flag]:
    flags = []
    for check in claim.checks:
        if not check.evidence or check.verdict == Verdict.not_mentioned:
            continue
        found = compare_figures(claim, [check.evidence])
        clashes = [f for f in found if f.relation == Relation.conflicting]
        if clashes:
            flags.append(Flag(kind=FlagKind.numeric_discrepancy, source_ids=[check.source_id],
                              reason=_numeric_reason(clashes, check.source_id)))
    return flags


def _numeric_reason(clashes: Sequence[FigureFinding], source_id: str) -> str:
    pairs = "; ".join(f"'{f.claim.text}' here vs '{f.other.text}'" for f in clashes)
    return f"Figures disagree with {source_id}: {pairs}."


def _added(claim: Claim, parent: str | None) -> list[Flag]:
    """The parent's check of a derived text's claim: silent or only partly there."""
    check = next((c for c in claim.checks if c.source_id == parent), None)
    if check is None or check.verdict not in _ADDED:
        return []
    return [Flag(kind=FlagKind.added_in_derivative, source_ids=[check.source_id],
                 reason=_added_reason(claim, check))]


def _added_reason(claim: Claim, check: Check) -> str:
    said = f"{claim.source_id} says '{_snippet(claim.quote)}'"
    if check.verdict == Verdict.not_mentioned or not check.evidence:
        return f"{said}; {check.source_id}, which it is derived from, does not say this."
    return (f"{said}; {check.source_id}, which it is derived from, says only "
            f"'{_snippet(check.evidence)}'.")


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET else text[:_SNIPPET - 3].rstrip() + "..."
