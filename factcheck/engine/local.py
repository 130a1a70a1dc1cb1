"""The built-in engine: deterministic, offline rules for extraction and verification.

It is the baseline the LLM engine must beat and the fallback without a model.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.engine import Advance, Candidates, Extraction, Verification
from factcheck.extract import extract_claims
from factcheck.language.retrieval import PassageIndex
from factcheck.models import Claim, Failures, Source
from factcheck.verify import verify_claim, with_figures


class LocalEngine:
    name = "local"
    model: str | None = None

    def extract(self, sources: Sequence[Source], *,
                advance: Advance | None = None) -> Extraction:
        claims = []
        for source in sources:
            claims.extend(extract_claims(source))
            if advance:
                advance(1)
        return Extraction(claims=claims)

    def verify(
        self, claims: Sequence[Claim], sources: Sequence[Source], index: PassageIndex, *,
        advance: Advance | None = None, candidates: Candidates | None = None,
    ) -> Verification:
        """The built-in verifier aligns each claim with a source's whole text, so it does
        not query ``index`` (the LLM engine does, to keep its prompts short)."""
        result = Verification()
        by_id = {s.id: s for s in sources}
        for claim in claims:
            others = ([by_id[sid] for sid in candidates.get(claim.id, ())]
                      if candidates is not None else sources)
            result.checks[claim.id] = [
                with_figures(claim, verify_claim(claim, other))
                for other in others if other.id != claim.source_id
            ]
            if advance:
                advance(1)
        return result

    def usage(self) -> dict[str, float]:
        return {}

    def failures(self) -> Failures:
        return Failures()
