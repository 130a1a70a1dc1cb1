"""``--batch``: the LLM engine's calls gathered into Batch API rounds (factcheck/llm/rounds.py).

The engine must behave exactly as it does synchronously against the same model: the same
request bodies, the same validated claims and checks, the same cache; an invalid answer is
asked again in a follow-up batch, never dropped, never invented.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fakeserver import (
    BatchPlan,
    FakeBatches,
    Reply,
    article_of,
    completion,
    error,
    is_extraction,
)

from factcheck.language.retrieval import PassageIndex
from factcheck.llm import LLMEngine, LLMSettings
from factcheck.models import Source
from factcheck.store import Store

from .conftest import make_source
from .test_faults import BRIDGE_A, BRIDGE_B, good


def settings(url: str, **overrides: Any) -> LLMSettings:
    return LLMSettings(**{"model": "gpt-4o-mini", "base_url": url, "mode": "tools",
                          "max_retries": 1, "batch": True, "batch_poll": 0.01, **overrides})


@pytest.fixture
def bridge() -> list[Source]:
    return [make_source("a", BRIDGE_A), make_source("b", BRIDGE_B)]


def check_all(engine: LLMEngine, sources: list[Source]) -> tuple[Any, Any]:
    extraction = engine.extract(sources)
    verification = engine.verify(extraction.claims, sources, PassageIndex(sources))
    return extraction, verification


def bodies(server: Any) -> list[str]:
    return sorted(json.dumps(b, sort_keys=True) for b in server.requests)


def test_batch_run_sends_the_synchronous_requests_and_gets_the_same_result(
        fake_openai, bridge: list[Source], tmp_path: Path) -> None:
    direct = fake_openai(good)
    with Store(tmp_path / "direct.sqlite") as store:
        expected = check_all(LLMEngine(settings(direct.url, batch=False), store), bridge)
    batches = FakeBatches(lambda n: BatchPlan(polls=2))
    server = fake_openai(good, batches)
    with Store(tmp_path / "batch.sqlite") as store:
        engine = LLMEngine(settings(server.url), store)
        extraction, verification = check_all(engine, bridge)
        assert [b.status for b in store.batches()] == ["completed", "completed"]
    assert extraction == expected[0] and verification == expected[1]
    assert len(extraction.claims) == 2 and len(verification.checks) == 2
    assert bodies(server) == bodies(direct)  # same prompts, schema and parameters
    assert [b["metadata"]["factcheck_stage"] for b in batches.batches] == ["extract", "verify"]
    assert [len(lines) for lines in batches.lines] == [2, 2] and engine.client.batcher
    usage = engine.usage()
    sync_usage = {"calls": 4, "prompt_tokens": 400, "completion_tokens": 80}
    assert {k: usage[k] for k in sync_usage} == sync_usage and usage["batch_calls"] == 4
    assert usage["cost_usd"] == pytest.approx((400 * 0.15 + 80 * 0.60) / 1e6 / 2)


def test_a_cached_answer_is_not_submitted_again(fake_openai, bridge: list[Source],
                                                store: Store) -> None:
    batches = FakeBatches()
    server = fake_openai(good, batches)
    check_all(LLMEngine(settings(server.url), store), bridge)
    engine = LLMEngine(settings(server.url), store)
    check_all(engine, bridge)
    assert len(batches.batches) == 2 and len(server.requests) == 4
    assert engine.usage()["cache_hits"] == 4 and engine.usage()["calls"] == 0


def test_an_invalid_answer_is_asked_again_in_the_next_batch(fake_openai, bridge: list[Source],
                                                            store: Store) -> None:
    def script(number: int, body: dict[str, Any]) -> Reply:
        first_ask = len(body["messages"]) <= 2
        if is_extraction(body) and "support beam" in article_of(body) and first_ask:
            return completion({"items": ["not", "claims"]})
        return good(number, body)

    batches = FakeBatches()
    server = fake_openai(script, batches)
    extraction = LLMEngine(settings(server.url), store).extract(bridge)
    assert [len(lines) for lines in batches.lines] == [2, 1]  # the re-ask goes alone
    reask = batches.lines[1][0]["body"]["messages"]
    assert "claims" in json.dumps(reask[-1]) and len(reask) > 2  # with the validation error
    assert len(extraction.claims) == 2 and not extraction.problems
    assert len(server.requests) == 3


def test_an_answer_still_invalid_after_the_reasks_is_reported(fake_openai, bridge: list[Source],
                                                              store: Store) -> None:
    def script(number: int, body: dict[str, Any]) -> Reply:
        if is_extraction(body) and "support beam" in article_of(body):
            return completion({"items": ["not", "claims"]})
        return good(number, body)

    server = fake_openai(script, FakeBatches())
    engine = LLMEngine(settings(server.url), store)
    extraction = engine.extract(bridge)
    [problem] = extraction.problems
    assert problem.source_id == "a" and "invalid answer after 2 attempts" in problem.message
    assert engine.failures().stages["extract"].kinds == {"invalid_answer": 1}


def test_a_line_failing_with_a_server_error_is_retried_in_a_later_batch(
        fake_openai, bridge: list[Source], store: Store) -> None:
    asked: list[str] = []

    def script(number: int, body: dict[str, Any]) -> Reply:
        text = json.dumps(body)
        asked.append(text)
        if is_extraction(body) and "support beam" in article_of(body) and asked.count(text) == 1:
            return error(500, "overloaded")
        return good(number, body)

    batches = FakeBatches()
    server = fake_openai(script, batches)
    extraction = LLMEngine(settings(server.url), store).extract(bridge)
    assert [len(lines) for lines in batches.lines] == [2, 1]
    assert batches.lines[1][0]["body"] == batches.lines[0][0]["body"] or \
        batches.lines[1][0]["body"] == batches.lines[0][1]["body"]  # the same request
    assert len(extraction.claims) == 2 and not extraction.problems
    assert len(server.requests) == 3


def test_a_line_failing_for_good_is_a_problem_with_its_reason(fake_openai, bridge: list[Source],
                                                              store: Store) -> None:
    def script(number: int, body: dict[str, Any]) -> Reply:
        if is_extraction(body) and "support beam" in article_of(body):
            return error(400, "maximum context length is 128000 tokens")
        return good(number, body)

    server = fake_openai(script, FakeBatches())
    engine = LLMEngine(settings(server.url), store)
    extraction = engine.extract(bridge)
    [problem] = extraction.problems
    assert problem.message == "maximum context length is 128000 tokens"
    assert engine.failures().stages["extract"].kinds == {"request_error": 1}
    assert len(extraction.claims) == 1


def test_a_failed_batch_stops_the_run_with_its_reason(fake_openai, bridge: list[Source],
                                                      store: Store) -> None:
    rejected = ({"code": "model_not_found", "message": "No batch access to this model."},)
    server = fake_openai(good, FakeBatches(lambda n: BatchPlan(outcome="failed",
                                                               errors=rejected)))
    engine = LLMEngine(settings(server.url), store)
    extraction = engine.extract(bridge)
    assert engine.stopped_reason == (f"batch batch_0 at {server.url} failed: model_not_found: "
                                     "No batch access to this model.; fix it and run again")
    assert [p.message for p in extraction.problems] == [engine.stopped_reason] * 2
    assert server.requests == []


def test_batch_and_cassette_do_not_mix(tmp_path: Path, store: Store) -> None:
    from factcheck.errors import ConfigError

    with pytest.raises(ConfigError, match="--batch cannot be recorded"):
        LLMEngine(settings("http://127.0.0.1:9/v1", cassette=tmp_path / "x.yaml"), store)
