"""A claim's overall machine verdict, read from its checks."""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.models import Claim, Verdict

VERDICT_ORDER = (Verdict.contradicted, Verdict.supported, Verdict.partially_supported,
                 Verdict.not_mentioned)
"""Strongest first: one contradiction outweighs any support."""


def overall_verdict(claim: Claim) -> Verdict | None:
    """Contradicted if any source contradicts it, else the strongest support found."""
    found = {c.verdict for c in claim.checks}
    return next((v for v in VERDICT_ORDER if v in found), None)


def machine_verdict(claim: Claim) -> Verdict | None:
    """The verdict the run recorded, or the one its checks imply when it recorded none."""
    return claim.verdict if claim.verdict is not None else overall_verdict(claim)


def set_verdicts(claims: Sequence[Claim]) -> None:
    for claim in claims:
        claim.verdict = overall_verdict(claim)
