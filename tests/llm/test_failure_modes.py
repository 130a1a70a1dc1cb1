"""Failure modes seen from small models, each against a scripted fake server (no cassette)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from factcheck.errors import ConfigError
from factcheck.language.retrieval import PassageIndex
from factcheck.models import Verdict

from .conftest import (
    FIRE_A,
    completion,
    grounded_claim,
    is_extraction,
    make_source,
    shown_lines,
    verdict,
)

HOSPITAL = grounded_claim([3], "Three workers were taken to hospital with burns.")


def test_control_characters_inside_json_strings_are_parsed(fake_engine, fire_sources) -> None:
    raw = '{"claims": [{"sentences": [3], "text": "Three workers\x01 were taken to hospital.\n"}]}'
    engine, server = fake_engine(lambda body: completion(raw))
    result = engine.extract(fire_sources[:1])
    assert [c.quote for c in result.claims] == ["Three workers were taken to hospital with burns."]
    assert len(server.requests) == 1 and not result.problems


def test_quote_and_span_come_from_the_cited_sentence(fake_engine, fire_sources) -> None:
    engine, _ = fake_engine(lambda body: completion({"claims": [grounded_claim(
        [4], "The roof collapsed within twenty minutes.", "Lopez")]}))
    claim = engine.extract(fire_sources[:1]).claims[0]
    assert claim.quote == '"The roof collapsed within twenty minutes," Lopez said.'
    assert FIRE_A[claim.span[0]:claim.span[1]] == claim.quote
    assert claim.engine == "llm" and claim.attribution.speaker == "Lopez"


def test_invented_speaker_is_reasked_then_reported(fake_engine, fire_sources) -> None:
    answer = {"claims": [{**HOSPITAL, "speaker": "Governor Blake"}]}
    engine, server = fake_engine(lambda body: completion(answer))
    result = engine.extract(fire_sources[:1])
    assert len(server.requests) == 2  # first answer + one re-ask carrying the error
    assert "Governor Blake" in json.dumps(server.requests[1]["messages"])
    assert result.claims == []
    assert any("speaker 'Governor Blake' does not occur" in p.message for p in result.problems)


@pytest.mark.parametrize(("claim", "reason"), [
    (grounded_claim([99], "Three workers were taken to hospital."), "were not shown"),
    (grounded_claim([], "Three workers were taken to hospital."), "no sentence id"),
    (grounded_claim([3], "Seven workers were taken to hospital."), "number"),
    (grounded_claim([3], "Three workers were taken to hospital, Governor Blake said."), "name"),
    (grounded_claim([3], "The article is untrusted data."), "words are not those"),
    (grounded_claim([3], 'Three workers were taken to hospital."}] } {'), "JSON punctuation"),
])
def test_ungrounded_claim_is_rejected_and_the_rest_kept(fake_engine, fire_sources, claim,
                                                        reason) -> None:
    answer = {"claims": [grounded_claim([5], "About 120 firefighters fought the blaze."),
                         claim]}
    engine, _ = fake_engine(lambda body: completion(answer))
    result = engine.extract(fire_sources[:1])
    assert [c.quote for c in result.claims] == [
        "About 120 firefighters fought the blaze for six hours."]
    assert any("claim 2" in p.message and reason in p.message for p in result.problems)


def test_opening_pronoun_is_resolved_by_code_only_where_certain(fake_engine) -> None:
    text = ("The Orla Dam was closed on Sunday.\n\n"
            "Engineer Ada Brun said the dam would reopen in May. She said repairs cost "
            "2 million.\nIt is the third closure this decade.\n")
    answer = {"claims": [
        grounded_claim([2], "They said the dam would reopen in May."),  # -> its sentence
        grounded_claim([3], "She said repairs cost 2 million.", "Ada Brun"),  # -> speaker
        grounded_claim([4], "It is the third closure this decade.")]}  # unresolved
    engine, _ = fake_engine(lambda body: completion(answer))
    result = engine.extract([make_source("dam", text)])
    assert [c.text for c in result.claims] == [
        "Engineer Ada Brun said the dam would reopen in May.",
        "Ada Brun said repairs cost 2 million."]
    assert any("claim 3" in p.message and "pronoun 'it'" in p.message for p in result.problems)


def test_resolved_pronoun_may_use_the_paragraph_before(fake_engine) -> None:
    text = ("The Orla Dam was closed to traffic on Sunday.\n\n"
            "It will reopen in May, engineers said.\n")
    answer = {"claims": [grounded_claim([2], "The Orla Dam will reopen in May.", "engineers")]}
    engine, _ = fake_engine(lambda body: completion(answer))
    claims = engine.extract([make_source("dam", text)]).claims
    assert [c.quote for c in claims] == ["It will reopen in May, engineers said."]
    answer["claims"][0]["text"] = "The Orla Dam will reopen in May, the Ferrin Agency said."
    again, _ = fake_engine(lambda body: completion(answer), use_cache=False)
    assert not again.extract([make_source("dam", text)]).claims


def test_output_cut_at_max_tokens_is_a_problem_not_a_crash(fake_engine, fire_sources) -> None:
    cut = '{"claims": [{"sentences": [3], "text": "Three workers'
    engine, server = fake_engine(lambda body: completion(cut, finish_reason="length"))
    result = engine.extract([fire_sources[0].model_copy(update={"text": "Three workers were "
                                                                         "hurt."})])
    assert result.claims == [] and len(server.requests) == 1
    assert "cut off at max_tokens" in result.problems[0].message


def test_empty_claim_list_is_reasked_then_reported(fake_engine, fire_sources) -> None:
    engine, server = fake_engine(lambda body: completion({"claims": []}))
    result = engine.extract(fire_sources[:1])
    assert len(server.requests) == 2
    assert result.claims == []
    assert "claim list is empty" in result.problems[0].message


def test_claims_are_numbered_in_text_order_and_merged(fake_engine, fire_sources) -> None:
    answer = {"claims": [grounded_claim([5], "About 120 firefighters fought the blaze."),
                         HOSPITAL, HOSPITAL]}
    engine, _ = fake_engine(lambda body: completion(answer))
    claims = engine.extract(fire_sources[:1]).claims
    assert [c.id for c in claims] == ["fire_a#c1", "fire_a#c2"]
    assert claims[0].span < claims[1].span and "Three" in claims[0].quote
    assert claims[1].quantities and claims[1].quantities[0].value == 120


def _scripted(body: dict[str, Any]) -> dict[str, Any]:
    if is_extraction(body):
        prompt = body["messages"][-1]["content"]
        if "Fire destroys" in prompt:
            return completion({"claims": [HOSPITAL]})
        cause = [n for n, text in shown_lines(body) if "cause" in text]
        return completion({"claims": [grounded_claim(cause, "The cause of the fire is not yet "
                                                            "known.")]})
    shown = shown_lines(body)
    hurt = [n for n, text in shown if "hurt" in text or "hospital" in text]
    return verdict(hurt[:1]) if hurt else verdict([], "not_mentioned", "Nothing about it.")


def test_verification_is_one_call_per_pair_with_cited_evidence(fake_engine,
                                                               fire_sources) -> None:
    engine, server = fake_engine(_scripted)
    claims = engine.extract(fire_sources).claims
    result = engine.verify(claims, fire_sources, PassageIndex(fire_sources))
    assert len(claims) == 2
    asked = [b for b in server.requests if not is_extraction(b)]
    assert len(asked) == len(claims)  # one per (claim, other source)
    check = result.checks["fire_a#c1"][0]
    assert check.source_id == "fire_b" and check.verdict is Verdict.supported
    assert check.engine == "llm" and 0 < check.confidence < 1
    start, end = check.evidence_span
    assert fire_sources[1].text[start:end] == check.evidence
    assert "Three" in check.evidence and "hurt" in check.evidence


def test_evidence_first_field_order_in_the_schema(fake_engine, fire_sources) -> None:
    engine, server = fake_engine(_scripted)
    claims = engine.extract(fire_sources[:1]).claims
    engine.verify(claims, fire_sources, PassageIndex(fire_sources))
    schema = json.dumps(next(b for b in server.requests if not is_extraction(b))["tools"])
    assert schema.index('"evidence"') < schema.index('"rationale"') < schema.index('"verdict"')
    assert "confidence" not in schema


def test_evidence_not_among_the_shown_sentences_is_reported(fake_engine, fire_sources) -> None:
    def answer(body: dict[str, Any]) -> dict[str, Any]:
        return _scripted(body) if is_extraction(body) else verdict([42], "contradicted")
    engine, server = fake_engine(answer)
    claim = engine.extract(fire_sources[:1]).claims[0]
    result = engine.verify([claim], fire_sources, PassageIndex(fire_sources))
    assert result.checks[claim.id] == []
    problem = result.problems[0]
    assert (problem.claim_id, problem.source_id) == (claim.id, "fire_b")
    assert "were not shown" in problem.message
    assert len(server.requests) == 1 + 2  # extraction, then the answer and one re-ask


def test_nothing_retrieved_is_not_mentioned_without_a_call(fake_engine, fire_sources) -> None:
    engine, server = fake_engine(_scripted)
    unrelated = fire_sources[1].model_copy(update={"text": "Zebra quilts overlap gently."})
    claim = engine.extract(fire_sources[:1]).claims[0]
    result = engine.verify([claim], [fire_sources[0], unrelated], PassageIndex(
        [fire_sources[0], unrelated]))
    assert [c.verdict for c in result.checks[claim.id]] == [Verdict.not_mentioned]
    assert len(server.requests) == 1  # the extraction only


def test_server_error_after_retries_is_a_problem(fake_engine, fire_sources) -> None:
    engine, server = fake_engine(lambda body: (503, {"error": {"message": "overloaded"}}),
                                 max_retries=1)
    result = engine.extract(fire_sources[:1])
    assert len(server.requests) == 2  # one transport retry by the openai client, no more
    assert "503" in result.problems[0].message or "overloaded" in result.problems[0].message


def test_rate_limit_honours_retry_after_then_succeeds(fake_engine, fire_sources) -> None:
    answers = iter([(429, {"error": {"message": "slow down"}})])

    def answer(body: dict[str, Any]) -> Any:
        return next(answers, None) or _scripted(body)
    engine, server = fake_engine(answer)
    assert engine.extract(fire_sources[:1]).claims
    assert len(server.requests) == 2


def test_bad_api_key_is_a_one_line_config_error(fake_engine, fire_sources) -> None:
    engine, _ = fake_engine(lambda body: (401, {"error": {"message": "bad key"}}))
    with pytest.raises(ConfigError, match="refused the API key"):
        engine.extract(fire_sources[:1])


def test_cut_off_reported_as_tool_calls_is_still_named(fake_engine, fire_sources) -> None:
    cut = completion('{"claims": [{"sentences": [3], "text": "Three workers')
    cut["usage"]["completion_tokens"] = 64
    engine, _ = fake_engine(lambda body: cut, max_tokens=64)
    result = engine.extract([fire_sources[0].model_copy(update={"text": "Three workers were "
                                                                         "hurt."})])
    assert "cut off at max_tokens=64" in result.problems[0].message


@pytest.mark.parametrize("mode", ["tools", "json_schema", "json", "md_json"])
def test_success_path_in_every_structured_output_mode(fake_engine, fire_sources,
                                                      mode) -> None:
    engine, server = fake_engine(_scripted, mode=mode)
    claims = engine.extract(fire_sources).claims
    result = engine.verify(claims, fire_sources, PassageIndex(fire_sources))
    assert [c.quote for c in claims] == ["Three workers were taken to hospital with burns.",
                                         "The cause of the fire is not yet known."]
    assert result.checks["fire_a#c1"][0].verdict is Verdict.supported
    assert not result.problems
    assert all(bool(b.get("tools")) == (mode == "tools") for b in server.requests)


def _rejects_json_schema(body: dict[str, Any]) -> Any:
    if "json_schema" in json.dumps(body.get("response_format") or {}):
        return 500, {"error": {"message": "response_format: only 'text' and 'json_object' "
                                          "are supported"}}
    return _scripted(body)


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


def _tool_schema(body: dict[str, Any]) -> dict[str, Any]:
    return body["tools"][0]["function"]["parameters"]


def test_schema_sent_allows_only_the_sentence_ids_shown(fake_engine, fire_sources) -> None:
    engine, server = fake_engine(_scripted)
    claims = engine.extract(fire_sources).claims
    engine.verify(claims[:1], fire_sources, PassageIndex(fire_sources))
    extraction, verification = server.requests[0], server.requests[-1]
    item = _tool_schema(extraction)["properties"]["claims"]["items"]
    assert item["properties"]["sentences"]["items"]["enum"] == [
        n for n, _ in shown_lines(extraction)]
    assert list(item["properties"]) == item["required"]  # every field, in answer order
    cited, none = _tool_schema(verification)["anyOf"]
    assert cited["properties"]["evidence"]["items"]["enum"] == [
        n for n, _ in shown_lines(verification)]
    assert cited["properties"]["evidence"]["minItems"] == 1
    assert "not_mentioned" not in cited["properties"]["verdict"]["enum"]
    assert none["properties"]["verdict"]["enum"] == ["not_mentioned"]
    assert none["properties"]["evidence"]["maxItems"] == 0

