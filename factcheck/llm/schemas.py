"""What the model is asked to return, with the validators that make it trustworthy.

Validators read the source text from the validation context: a quote, speaker, quantity,
date or evidence that is not in its source fails validation, and instructor re-asks with
the error. Without a context they check structure only (used to salvage the items that
are valid from an answer that failed as a whole).
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from factcheck.language.quantities import extract_quantities
from factcheck.language.text import find_span, sentences
from factcheck.models import (
    Attribution,
    Check,
    Claim,
    DateMention,
    Quantity,
    Source,
    Span,
    Verdict,
)

AttributionKindName = Literal["direct_quote", "reported_speech", "according_to", "outlet",
                              "unattributed"]
CertaintyName = Literal["asserted", "reported", "hedged", "speculative"]
QualifierName = Literal["exact", "about", "over", "under", "close_to", "at_least", "at_most"]
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


def _text(info: ValidationInfo) -> str | None:
    return (info.context or {}).get("text")


def _require_in(text: str | None, value: str | None, what: str) -> None:
    if text is not None and value and find_span(text, value) is None:
        raise ValueError(f"{what} {value!r} does not occur in the article; copy it verbatim "
                         "from the article or leave it out")


# -- extraction ---------------------------------------------------------------------------------

class ExtractedQuantity(_Lenient):
    text: str = Field(description="The number as written, with its unit: 'over 10,000 troops'.")
    value: float
    unit: str | None = None
    qualifier: QualifierName = "exact"

    @field_validator("text")
    @classmethod
    def _in_source(cls, value: str, info: ValidationInfo) -> str:
        _require_in(_text(info), value, "quantity")
        return value


class ExtractedDate(_Lenient):
    text: str = Field(description="The date as written: 'on Friday', 'in October'.")
    value: str | None = Field(None, description="ISO 8601 (or 2024-10) when known.")
    relation: str | None = None

    @field_validator("text")
    @classmethod
    def _in_source(cls, value: str, info: ValidationInfo) -> str:
        _require_in(_text(info), value, "date")
        return value


class ExtractedClaim(_Lenient):
    text: str = Field(description="One atomic, self-contained factual statement.")
    quote: str = Field(description="The exact sentence(s) of the article it comes from.")
    speaker: str | None = Field(None, description="Who asserts it, named as in the article.")
    role: str | None = Field(None, description="The speaker's title or function.")
    attribution: AttributionKindName = "unattributed"
    certainty: CertaintyName = "asserted"
    quantities: list[ExtractedQuantity] = Field(default_factory=list)
    dates: list[ExtractedDate] = Field(default_factory=list)

    @field_validator("quote")
    @classmethod
    def _quote_in_source(cls, value: str, info: ValidationInfo) -> str:
        if not value.strip():
            raise ValueError("quote is empty; copy the sentence from the article")
        _require_in(_text(info), value, "quote")
        return value

    @field_validator("speaker")
    @classmethod
    def _speaker_in_source(cls, value: str | None, info: ValidationInfo) -> str | None:
        _require_in(_text(info), value, "speaker")
        return value or None

    def to_claim(self, source: Source, claim_id: str, span: Span) -> Claim:
        """The report's claim; quantities are re-read from the verbatim quote by rules."""
        quote = source.text[span[0]:span[1]]
        return Claim(
            id=claim_id, source_id=source.id, text=self.text.strip(), quote=quote, span=span,
            attribution=Attribution(speaker=self.speaker, role=self.role or None,
                                    kind=self.attribution),
            certainty=self.certainty,
            quantities=self._quantities(quote),
            dates=[DateMention(text=d.text, value=d.value, relation=d.relation)
                   for d in self.dates],
        )

    def _quantities(self, quote: str) -> list[Quantity]:
        parsed = extract_quantities(quote)
        if parsed:
            return parsed
        return [Quantity(value=q.value, unit=q.unit, qualifier=q.qualifier, text=q.text)
                for q in self.quantities if find_span(quote, q.text) is not None]


class ExtractionOut(_Lenient):
    """The claims of one article."""

    claims: list[ExtractedClaim]

    @model_validator(mode="after")
    def _not_empty(self, info: ValidationInfo) -> ExtractionOut:
        text = _text(info)
        if text is not None and not self.claims and len(sentences(text)) > 1:
            raise ValueError(f"the claim list is empty but the article has "
                             f"{len(sentences(text))} sentences: list its factual claims")
        return self


# -- verification -------------------------------------------------------------------------------

class SourceVerdict(_Lenient):
    source: str = Field(description="The id of the other article, e.g. 'S2'.")
    verdict: VerdictName
    evidence: str | None = Field(None, description="Verbatim sentence from that article.")
    rationale: str = Field(description="One sentence: why this verdict.")
    confidence: float = Field(ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _evidence_in_source(self, info: ValidationInfo) -> SourceVerdict:
        texts: dict[str, str] | None = (info.context or {}).get("sources")
        if texts is None:
            return self
        if self.source not in texts:
            raise ValueError(f"source {self.source!r} is not one of {', '.join(texts)}")
        if self.verdict != "not_mentioned" and not (self.evidence or "").strip():
            raise ValueError(f"verdict {self.verdict} for {self.source} needs evidence: "
                             "a sentence copied from that article")
        _require_in(texts[self.source], self.evidence, f"evidence for {self.source}")
        return self

    def to_check(self, source: Source) -> Check:
        span = find_span(source.text, self.evidence) if self.evidence else None
        return Check(source_id=source.id, verdict=Verdict(self.verdict),
                     evidence=source.text[span[0]:span[1]] if span else None,
                     evidence_span=span, rationale=self.rationale.strip(),
                     confidence=self.confidence)


class VerificationOut(_Lenient):
    """One verdict per other article for one claim."""

    checks: list[SourceVerdict]

    @model_validator(mode="after")
    def _one_per_source(self, info: ValidationInfo) -> VerificationOut:
        texts: dict[str, str] | None = (info.context or {}).get("sources")
        if texts is None:
            return self
        given = [c.source for c in self.checks]
        missing = [label for label in texts if label not in given]
        repeated = sorted({label for label in given if given.count(label) > 1})
        if missing or repeated:
            raise ValueError(f"give exactly one check per article: missing {missing or 'none'}, "
                             f"repeated {repeated or 'none'}")
        return self
