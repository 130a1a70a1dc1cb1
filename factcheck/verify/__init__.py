"""Verification: decide what one other source says about a claim.

``verify_claim`` is the deterministic local verifier; ``with_figures`` records on any
engine's check which figures agree or clash with its evidence; ``compare_figures`` and
``compare_dates`` are shared with the LLM engine.
"""

from factcheck.language.terms import coverage, key_terms
from factcheck.verify.figures import (
    DateFinding,
    FigureFinding,
    compare_dates,
    compare_figures,
    with_figures,
)
from factcheck.verify.local import verify_claim

__all__ = [
    "DateFinding",
    "FigureFinding",
    "compare_dates",
    "compare_figures",
    "coverage",
    "key_terms",
    "verify_claim",
    "with_figures",
]
