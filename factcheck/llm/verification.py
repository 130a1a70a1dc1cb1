"""Evidence-first verification: one claim against the numbered passages of one source.

The passages are the sentences retrieval found for the claim in that source; when it finds
none the check is ``not_mentioned`` without a call. The model cites sentence ids, then gives
its rationale, then the verdict; evidence must come from the sentences shown and is cut from
the source by code. The model is not asked for a confidence. Where the server returns token
log-probabilities, the check's confidence is the model's own probability of its verdict
(the verdict's share of the likeliest tokens where the verdict begins); otherwise it is the
built-in verifier's calibrated probability of the verdict the model gave (trained on
labelled data).
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.llm.grounding import Numbered
from factcheck.llm.logprobs import TokenLogprob, choice_probability
from factcheck.models import Check, Claim, Source, Span, Verdict
from factcheck.verify.local import read

MAX_SENTENCES = 8
"""Sentences shown per (claim, source): the retrieved passages, best first."""


def shown_ids(article: Numbered, passages: Sequence[object]) -> list[int]:
    """Ids of the source sentences inside the retrieved passages, in text order."""
    chosen: list[int] = []
    for passage in passages:
        span: Span | None = getattr(passage, "span", None)
        if span is None:
            continue
        for n, (start, end) in enumerate(article.spans, start=1):
            if start < span[1] and end > span[0] and n not in chosen:
                chosen.append(n)
    return sorted(chosen[:MAX_SENTENCES])


def calibrated(claim: Claim, source: Source, verdict: Verdict) -> float:
    """The built-in model's calibrated probability that ``verdict`` is right."""
    reading = read(claim, source)
    if verdict == Verdict.supported:
        p = reading.p_supported
    elif verdict == Verdict.not_mentioned:
        p = 1 - reading.p_mentioned
    else:
        p = reading.p_mentioned * (1 - reading.p_supported)
    return round(min(0.99, max(0.01, p)), 3)


def model_confidence(tokens: Sequence[TokenLogprob] | None, verdict: Verdict) -> float | None:
    """The model's probability of the verdict it gave, from its tokens' log-probabilities;
    None without them."""
    if not tokens:
        return None
    p = choice_probability(tokens, "verdict", verdict.value, [v.value for v in Verdict])
    return None if p is None else round(min(0.99, max(0.01, p)), 3)


def nothing_retrieved(claim: Claim, source: Source) -> Check:
    return Check(source_id=source.id, verdict=Verdict.not_mentioned,
                 rationale=f"Retrieval found no sentence of {source.id} about this claim; "
                           "the model was not asked.",
                 confidence=calibrated(claim, source, Verdict.not_mentioned), engine="llm")
