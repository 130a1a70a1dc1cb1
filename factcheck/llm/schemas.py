"""What the model is asked to return, with the validators that make it trustworthy.

Validators read the source text from the validation context: a quote, speaker, quantity,
date or evidence that is not in its source fails validation, and instructor re-asks with
the error. Without a context they check structure only (used to salvage the items that
are valid from an answer that failed as a whole).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from factcheck.language.dates import extract_dates
from factcheck.language.quantities import extract_quantities
from factcheck.language.text import find_span
from factcheck.llm.grounding import Numbered, article_ids, bad_ids, revised_opening, ungrounded
from factcheck.models import Attribution, Check, Claim, Source, Verdict

AttributionKindName = Literal["direct_quote", "reported_speech", "according_to", "outlet",
                              "unattributed"]
CertaintyName = Literal["asserted", "reported", "hedged", "speculative"]
VerdictName = Literal["supported", "partially_supported", "contradicted", "not_mentioned"]


class _Lenient(BaseModel):
    """Parses JSON non-strictly: small models emit raw control characters inside strings."""

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, *,
                            strict: bool | None = None, context: Any | None = None,
                            **kwargs: Any) -> Any:
        try:
            data = json.loads(json_data, strict=False)
        except (json.JSONDecodeError, TypeError):
            return super().model_validate_json(json_data, strict=strict, context=context,
                                               **kwargs)
        return cls.model_validate(data, strict=strict, context=context)


# -- extraction ---------------------------------------------------------------------------------

class ExtractedClaim(_Lenient):
    """One claim, grounded by sentence ids: the quote is cut from those sentences by code."""

    sentences: list[int] = Field(description="The [n] ids of the sentence(s) it comes from.")
    text: str = Field(description="The claim as one self-contained statement: names, not "
                                  "pronouns.")
    speaker: str | None = Field(None, description="Who asserts it, named as in the article; "
                                                  "null for the article's own statement.")
    role: str | None = Field(None, description="The speaker's title or function.")
    attribution: AttributionKindName = "unattributed"
    certainty: CertaintyName = "asserted"

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> ExtractedClaim:
        article: Numbered | None = (info.context or {}).get("article")
        if article is None:
            return self
        shown = (info.context or {}).get("allowed") or list(article.ids)
        problem = bad_ids(self.sentences, shown)
        if problem is None:
            ids = article_ids(self.sentences, shown)
            quote = " ".join(article.sentence(n) for n in ids)
            self.text = revised_opening(self.text, self.speaker, quote)
            problem = ungrounded(self.text, quote, article.surroundings(ids))
        if problem is None and any(mark in self.text for mark in ("{", "}", '"]', "[\"")):
            problem = "the claim's text carries JSON punctuation: give the statement only"
        if problem is None and self.speaker and find_span(article.text, self.speaker) is None:
            problem = (f"speaker {self.speaker!r} does not occur in the article; name them as "
                       "the article does or use null")
        if problem:
            raise ValueError(problem)
        return self

    def to_claim(self, source: Source, claim_id: str, article: Numbered,
                 ids: Sequence[int]) -> Claim:
        """The report's claim (``ids``: its article sentence ids): quote, span, quantities
        and dates come from the text."""
        span = article.span(ids)
        quote = source.text[span[0]:span[1]]
        return Claim(
            id=claim_id, source_id=source.id, text=" ".join(self.text.split()), quote=quote,
            span=span, attribution=Attribution(speaker=self.speaker or None,
                                               role=self.role or None, kind=self.attribution),
            certainty=self.certainty, quantities=extract_quantities(quote),
            dates=extract_dates(quote), engine="llm",
        )


class ExtractionOut(_Lenient):
    """The claims of the numbered sentences shown."""

    claims: list[ExtractedClaim]

    @model_validator(mode="after")
    def _not_empty(self, info: ValidationInfo) -> ExtractionOut:
        allowed = (info.context or {}).get("allowed")
        if allowed is not None and not self.claims and len(allowed) > 1:
            raise ValueError(f"the claim list is empty but {len(allowed)} sentences were shown: "
                             "list their factual claims")
        return self


# -- verification -------------------------------------------------------------------------------

class VerificationOut(_Lenient):
    """One claim against the numbered passages of one other article: evidence first."""

    evidence: list[int] = Field(description="The [n] ids of the passage sentences the verdict "
                                            "rests on; [] only for not_mentioned.")
    rationale: str = Field(description="One sentence: what those sentences say about the claim.")
    verdict: VerdictName

    @model_validator(mode="after")
    def _evidence_shown(self, info: ValidationInfo) -> VerificationOut:
        shown: list[int] | None = (info.context or {}).get("shown")
        if shown is None:
            return self
        if self.verdict == "not_mentioned":
            return self
        problem = bad_ids(self.evidence, shown)
        if problem:
            raise ValueError(f"verdict {self.verdict} needs evidence from the passages: "
                             f"{problem}")
        return self

    def to_check(self, source: Source, article: Numbered, shown: Sequence[int],
                 confidence: float) -> Check:
        cited = [] if self.verdict == "not_mentioned" else article_ids(self.evidence, shown)
        span = article.span(cited) if cited else None
        return Check(source_id=source.id, verdict=Verdict(self.verdict),
                     evidence=source.text[span[0]:span[1]] if span else None,
                     evidence_span=span, rationale=" ".join(self.rationale.split()),
                     confidence=confidence, engine="llm")
