"""Per-request response schemas that leave the model only answers the validators can accept.

A server that compiles the request's JSON schema into a decoding grammar (llama.cpp does
for a forced tool call and for ``response_format: json_object`` with a ``schema``) then
cannot emit a sentence id that was not shown, a verdict outside the four, or evidence
beside ``not_mentioned``. Hosted servers read the same schema as documentation. Only the
schema sent changes: validation is the response model's own, so the grounding rules are
exactly those of ``factcheck.llm.schemas``.

Every field is required and listed in answer order (ids first, verdict last), since a
grammar writes the properties in the order given.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel

from factcheck.llm.schemas import ExtractedClaim, ExtractionOut, VerificationOut

MAX_IDS = 3
"""Sentence ids one claim or one verdict may cite."""
TEXT_CHARS = 300
"""Longest claim text or rationale: a small model's runaway sentence ends there."""

M = TypeVar("M", bound=BaseModel)


def _ids(shown: int, at_least: int) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "integer", "enum": list(range(1, shown + 1))},
            "minItems": at_least, "maxItems": min(MAX_IDS, shown)}


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description, "minLength": 1,
            "maxLength": TEXT_CHARS}


def _nullable(prop: dict[str, Any]) -> dict[str, Any]:
    """``{"anyOf": [{"type": "string"}, {"type": "null"}]}`` without pydantic's default."""
    return {k: v for k, v in prop.items() if k != "default"}


def extraction_schema(shown: int) -> dict[str, Any]:
    """ExtractionOut for a window of ``shown`` numbered sentences."""
    claim = copy.deepcopy(ExtractedClaim.model_json_schema())
    props = claim["properties"]
    props["sentences"] = {**_ids(shown, 1), "description": props["sentences"]["description"]}
    props["text"] = _text(props["text"]["description"])
    for name in ("speaker", "role", "attribution", "certainty"):
        props[name] = _nullable(props[name])
    claim["required"] = list(props)
    claim.pop("title", None)
    claims = {"type": "array", "items": claim, "minItems": 1 if shown > 1 else 0,
              "maxItems": shown}
    return {"type": "object", "title": "ExtractionOut",
            "description": ExtractionOut.__doc__, "properties": {"claims": claims},
            "required": ["claims"]}


def verification_schema(shown: int) -> dict[str, Any]:
    """VerificationOut for ``shown`` numbered passage sentences: cited evidence goes with a
    verdict that rests on it, no evidence with ``not_mentioned``."""
    base = VerificationOut.model_json_schema()
    rationale = _text(base["properties"]["rationale"]["description"])
    evidence_doc = base["properties"]["evidence"]["description"]

    def branch(evidence: dict[str, Any], verdict: dict[str, Any]) -> dict[str, Any]:
        return {"type": "object", "properties": {
            "evidence": {**evidence, "description": evidence_doc}, "rationale": rationale,
            "verdict": verdict}, "required": ["evidence", "rationale", "verdict"]}

    cited = branch(_ids(shown, 1), {"type": "string", "enum": [
        "supported", "partially_supported", "contradicted"]})
    none = branch({"type": "array", "items": {"type": "integer"}, "maxItems": 0},
                  {"type": "string", "enum": ["not_mentioned"]})
    return {"type": "object", "title": "VerificationOut",
            "description": VerificationOut.__doc__, "properties": cited["properties"],
            "required": cited["required"], "anyOf": [cited, none]}


@cache
def extraction_model(shown: int) -> type[ExtractionOut]:
    """ExtractionOut, validated as usual, whose schema is ``extraction_schema(shown)``."""
    return _with_schema(ExtractionOut, extraction_schema(shown))


@cache
def verification_model(shown: int) -> type[VerificationOut]:
    """VerificationOut, validated as usual, whose schema is ``verification_schema(shown)``."""
    return _with_schema(VerificationOut, verification_schema(shown))


def _with_schema(base: type[M], schema: dict[str, Any]) -> type[M]:
    def model_json_schema(cls: type[M], *args: Any, **kwargs: Any) -> dict[str, Any]:
        del cls, args, kwargs
        return copy.deepcopy(schema)
    namespace = {"__doc__": base.__doc__, "__module__": base.__module__,
                 "model_json_schema": classmethod(model_json_schema)}
    return type(base.__name__, (base,), namespace)
