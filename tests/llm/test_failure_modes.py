"""Failure modes seen from small models, each against a fake server answer (no cassette)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from factcheck.errors import ConfigError
from factcheck.language.retrieval import PassageIndex
from factcheck.models import Verdict

from .conftest import FIRE_A, completion


def _claim(quote: str, speaker: str | None = None, text: str = "A claim.") -> dict[str, Any]:
    return {"text": text, "quote": quote, "speaker": speaker, "attribution":
            "reported_speech" if speaker else "unattributed", "certainty": "asserted"}


def test_control_characters_inside_json_strings_are_parsed(fake_engine, fire_sources) -> None:
    raw = ('{"claims": [{"text": "Three workers\x01 were hurt.\n", '
           '"quote": "Three workers were taken to hospital with burns."}]}')
    engine, server = fake_engine(lambda body: completion(raw))
    result = engine.extract(fire_sources[:1])
    assert [c.quote for c in result.claims] == ["Three workers were taken to hospital with burns."]
    assert len(server.requests) == 1 and not result.problems


def test_invented_speaker_is_reasked_then_reported(fake_engine, fire_sources) -> None:
    answer = {"claims": [_claim("Three workers were taken to hospital with burns.",
                                speaker="Governor Blake")]}
    engine, server = fake_engine(lambda body: completion(answer))
    result = engine.extract(fire_sources[:1])
    assert len(server.requests) == 2  # first answer + one re-ask carrying the error
    assert "Governor Blake" in json.dumps(server.requests[1]["messages"])
    assert result.claims == []
    assert any("speaker 'Governor Blake' does not occur" in p.message for p in result.problems)


def test_quote_not_in_source_rejects_only_that_claim(fake_engine, fire_sources) -> None:
    answer = {"claims": [_claim("Three workers were taken to hospital with burns."),
                         _claim("The plant had been inspected last year.")]}
    engine, _ = fake_engine(lambda body: completion(answer))
    result = engine.extract(fire_sources[:1])
    assert [c.id for c in result.claims] == ["fire_a#c1"]
    claim = result.claims[0]
    assert FIRE_A[claim.span[0]:claim.span[1]] == claim.quote
    assert any("claim 2" in p.message and "does not occur" in p.message
               for p in result.problems)


def test_quote_with_other_whitespace_and_quote_marks_gets_the_real_span(
        fake_engine, fire_sources) -> None:
    wrapped = "\u201cThe roof   collapsed within twenty minutes,\u201d Lopez said."
    engine, _ = fake_engine(lambda body: completion({"claims": [_claim(wrapped, "Lopez")]}))
    claim = engine.extract(fire_sources[:1]).claims[0]
    assert claim.quote == '"The roof collapsed within twenty minutes," Lopez said.'
    assert FIRE_A[claim.span[0]:claim.span[1]] == claim.quote


def test_output_cut_at_max_tokens_is_a_problem_not_a_crash(fake_engine, fire_sources) -> None:
    cut = '{"claims": [{"text": "Three workers were hurt", "quo'
    engine, server = fake_engine(lambda body: completion(cut, finish_reason="length"))
    result = engine.extract(fire_sources[:1])
    assert result.claims == [] and len(server.requests) == 1
    assert "cut off at max_tokens" in result.problems[0].message


def test_empty_claim_list_is_reasked_then_reported(fake_engine, fire_sources) -> None:
    engine, server = fake_engine(lambda body: completion({"claims": []}))
    result = engine.extract(fire_sources[:1])
    assert len(server.requests) == 2
    assert result.claims == []
    assert "claim list is empty" in result.problems[0].message


def test_claims_are_numbered_in_text_order(fake_engine, fire_sources) -> None:
    answer = {"claims": [_claim("About 120 firefighters fought the blaze for six hours."),
                         _claim("Three workers were taken to hospital with burns.")]}
    engine, _ = fake_engine(lambda body: completion(answer))
    claims = engine.extract(fire_sources[:1]).claims
    assert [c.id for c in claims] == ["fire_a#c1", "fire_a#c2"]
    assert claims[0].span < claims[1].span and "Three" in claims[0].quote
    assert claims[1].quantities and claims[1].quantities[0].value == 120


def _verify_answer(body: dict[str, Any]) -> dict[str, Any]:
    if "ExtractionOut" in json.dumps(body.get("tools")):
        quote = ("Three workers were taken to hospital with burns."
                 if "Fire destroys" in json.dumps(body)
                 else "The cause of the fire is not yet known.")
        return completion({"claims": [_claim(quote)]})
    shown = body["messages"][-1]["content"]
    evidence = ("Three workers were hurt, according to the county fire department."
                if "according to the county" in shown
                else "Three workers were taken to hospital with burns.")
    return completion({"checks": [{"source": "S1", "verdict": "supported",
                                   "evidence": evidence,
                                   "rationale": "Same count.", "confidence": 0.9}]},
                      name="VerificationOut")


def test_verification_is_one_call_per_claim_with_real_evidence_spans(
        fake_engine, fire_sources) -> None:
    engine, server = fake_engine(_verify_answer)
    claims = engine.extract(fire_sources).claims
    result = engine.verify(claims, fire_sources, PassageIndex(fire_sources))
    assert len(claims) == 2
    assert len(server.requests) == len(fire_sources) + len(claims)
    check = result.checks["fire_a#c1"][0]
    assert check.source_id == "fire_b" and check.verdict is Verdict.supported
    start, end = check.evidence_span
    assert fire_sources[1].text[start:end] == check.evidence


def test_verdict_for_unknown_source_or_fake_evidence_is_reported(fake_engine,
                                                                 fire_sources) -> None:
    def answer(body: dict[str, Any]) -> dict[str, Any]:
        return completion({"checks": [{"source": "S1", "verdict": "contradicted",
                                       "evidence": "Nobody was hurt.", "rationale": "x",
                                       "confidence": 0.5}]}, name="VerificationOut")
    engine, _ = fake_engine(answer)
    claim = fake_engine(_verify_answer)[0].extract(fire_sources[:1]).claims[0]
    result = engine.verify([claim], fire_sources, PassageIndex(fire_sources))
    assert result.checks[claim.id] == []
    problem = result.problems[0]
    assert (problem.claim_id, problem.source_id) == (claim.id, "fire_b")
    assert "does not occur" in problem.message


def test_server_error_after_retries_is_a_problem(fake_engine, fire_sources) -> None:
    engine, server = fake_engine(lambda body: (503, {"error": {"message": "overloaded"}}),
                                 max_retries=1)
    result = engine.extract(fire_sources[:1])
    assert len(server.requests) == 2  # one transport retry by the openai client, no more
    assert "503" in result.problems[0].message or "overloaded" in result.problems[0].message


def test_rate_limit_honours_retry_after_then_succeeds(fake_engine, fire_sources) -> None:
    answers = iter([(429, {"error": {"message": "slow down"}})])

    def answer(body: dict[str, Any]) -> Any:
        return next(answers, None) or _verify_answer(body)
    engine, server = fake_engine(answer)
    assert engine.extract(fire_sources[:1]).claims
    assert len(server.requests) == 2


def test_bad_api_key_is_a_one_line_config_error(fake_engine, fire_sources) -> None:
    engine, _ = fake_engine(lambda body: (401, {"error": {"message": "bad key"}}))
    with pytest.raises(ConfigError, match="refused the API key"):
        engine.extract(fire_sources[:1])


def test_cut_off_reported_as_tool_calls_is_still_named(fake_engine, fire_sources) -> None:
    cut = completion('{"claims": [{"text": "Three workers were hurt", "quo')
    cut["usage"]["completion_tokens"] = 64
    engine, _ = fake_engine(lambda body: cut, max_tokens=64)
    result = engine.extract(fire_sources[:1])
    assert "cut off at max_tokens=64" in result.problems[0].message


def _rejects_json_schema(body: dict[str, Any]) -> Any:
    if "json_schema" in json.dumps(body.get("response_format") or {}):
        return 500, {"error": {"message": "response_format: only 'text' and 'json_object' "
                                          "are supported"}}
    return _verify_answer(body)


def test_rejected_mode_is_a_one_line_config_error(fake_engine, fire_sources) -> None:
    engine, _ = fake_engine(_rejects_json_schema, mode="json_schema", max_retries=0)
    with pytest.raises(ConfigError, match=r"rejects --mode json_schema .*use --mode tools") \
            as caught:
        engine.extract(fire_sources[:1])
    assert "\n" not in str(caught.value) and caught.value.exit_code == 2


def test_auto_mode_falls_back_when_the_server_rejects_json_schema(fake_engine,
                                                                  fire_sources) -> None:
    engine, server = fake_engine(_rejects_json_schema, mode="auto", max_retries=0,
                                 base_url="http://local.test/v1")
    assert engine.extract(fire_sources).claims
    assert engine.client.mode == "tools"
    assert [bool(b.get("tools")) for b in server.requests] == [False, True, True]
