"""The response cache, usage accounting, and --max-calls / --max-cost (fake server)."""

from __future__ import annotations

import asyncio

from factcheck.llm import LLMEngine
from factcheck.llm.limits import Budget, RateLimiter, Usage
from factcheck.llm.schemas import ExtractionOut

from .conftest import completion

ANSWER = {"claims": [{"sentences": [3], "text": "Three workers were taken to hospital."}]}
ANSWER_B = {"claims": [{"sentences": [5], "text": "The cause of the fire is not yet known."}]}


def _answer(body: dict) -> dict:
    return completion(ANSWER if "Fire destroys" in str(body) else ANSWER_B)


def test_warm_cache_makes_zero_requests(fake_engine, fire_sources, store) -> None:
    engine, server = fake_engine(_answer)
    first = engine.extract(fire_sources)
    assert len(server.requests) == 2
    again = LLMEngine(engine.settings, store)
    counter = type(server)(_answer)
    again.client.transport = counter.transport
    second = again.extract(fire_sources)
    assert counter.requests == []
    assert [c.model_dump() for c in second.claims] == [c.model_dump() for c in first.claims]
    assert again.usage()["cache_hits"] == 2 and again.usage()["calls"] == 0


def test_no_cache_calls_again(fake_engine, fire_sources) -> None:
    engine, server = fake_engine(_answer, use_cache=False)
    engine.extract(fire_sources)
    engine.extract(fire_sources)
    assert len(server.requests) == 4


def test_failed_validation_is_never_cached(fake_engine, fire_sources, store) -> None:
    engine, server = fake_engine(lambda body: completion({"claims": []}))
    engine.extract(fire_sources[:1])
    engine.extract(fire_sources[:1])
    assert len(server.requests) == 4  # each run: answer + re-ask; nothing from the cache
    assert store.db.execute("SELECT count(*) FROM response_cache").fetchone() == (0,)
    stage = engine.failures().stages["extract"]
    assert (stage.calls, stage.failed, dict(stage.kinds)) == (2, 2, {"invalid_answer": 2})


def test_failure_cached_by_an_older_version_is_asked_again(fake_engine, fire_sources,
                                                           store) -> None:
    engine, server = fake_engine(_answer)
    key = engine.client.cache_key("gpt-4o-mini", [], ExtractionOut)  # any key: see below
    store.cache_put(key, "gpt-4o-mini", '{"error": "old", "output": null}', {}, "then")
    assert engine.client._cached(key) is None
    engine.extract(fire_sources[:1])
    assert len(server.requests) == 1


def test_usage_and_cost_per_stage(fake_engine, fire_sources) -> None:
    engine, _ = fake_engine(_answer)
    engine.extract(fire_sources)
    usage = engine.usage()
    assert usage["calls"] == usage["extract.calls"] == 2
    assert usage["prompt_tokens"] == 200 and usage["completion_tokens"] == 40
    assert usage["cost_usd"] == round((200 * 0.15 + 40 * 0.60) / 1e6, 6)


def test_max_calls_stops_cleanly_and_reports_the_rest(fake_engine, fire_sources) -> None:
    engine, server = fake_engine(_answer, max_calls=1, concurrency=1)
    result = engine.extract(fire_sources)
    assert len(server.requests) == 1 and len(result.claims) == 1
    assert engine.stopped_reason == "--max-calls 1 reached"
    assert [p.source_id for p in result.problems] == ["fire_b"]


def test_budget_checks_cost() -> None:
    usage = Usage()
    budget = Budget(usage, max_calls=None, max_cost=0.01)
    budget.start_call()
    usage.add("extract", "cost_usd", 0.02)
    try:
        budget.start_call()
    except Exception as exc:
        assert "--max-cost" in str(exc)
    else:
        raise AssertionError("budget not enforced")


def test_rate_limiter_waits_for_the_window() -> None:
    now = [0.0]
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(rpm=2, tpm=None, clock=lambda: now[0], sleep=sleep)

    async def three() -> None:
        for _ in range(3):
            await limiter.acquire(10)
    asyncio.run(three())
    assert waits == [60.0]


def test_token_limit_counts_tokens() -> None:
    now = [0.0]
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(rpm=None, tpm=100, clock=lambda: now[0], sleep=sleep)

    async def two() -> None:
        await limiter.acquire(80)
        await limiter.acquire(80)
    asyncio.run(two())
    assert waits == [60.0]
