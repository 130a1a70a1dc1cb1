"""The Batch API transport (factcheck/llm/batch.py) against the local fake Batch server."""

from __future__ import annotations

import asyncio
import json
from itertools import islice
from typing import Any

import openai
import pytest
from fakeserver import BatchPlan, FakeBatches, FakeOpenAI, Reply, completion, error

from factcheck.llm.batch import BatchRunner, LineResult, Polling, custom_id
from factcheck.store import Store

FAST = Polling(first=0.01, factor=1.0)


def body(n: int) -> dict[str, Any]:
    return {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"question {n}"}]}


def answer_by_number(number: int, request: dict[str, Any]) -> Reply:
    """Line answers keyed by the question asked: 'question 2' fails with a 500, '3' a 400."""
    asked = request["messages"][0]["content"]
    if asked.endswith(" 2"):
        return error(500, "the model is overloaded")
    if asked.endswith(" 3"):
        return error(400, "maximum context length exceeded")
    return completion({"said": asked})


def requests(*numbers: int) -> list[tuple[str, dict[str, Any]]]:
    return [(custom_id(body(n)), body(n)) for n in numbers]


def run(server: FakeOpenAI, store: Store, reqs: list[tuple[str, dict[str, Any]]],
        polling: Polling = FAST, timeout: float | None = None) -> dict[str, LineResult]:
    async def go() -> dict[str, LineResult]:
        async with openai.AsyncOpenAI(api_key="k", base_url=server.url, max_retries=0) as api:
            return await asyncio.wait_for(BatchRunner(api, store, polling).run("extract", reqs),
                                          timeout)
    return asyncio.run(go())


def said(result: LineResult) -> str:
    arguments = result.body["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"]
    return json.loads(arguments)["said"]


def test_one_batch_polled_until_done_answers_every_line_by_custom_id(fake_openai,
                                                                     store: Store) -> None:
    batches = FakeBatches(lambda n: BatchPlan(polls=3))
    server = fake_openai(answer_by_number, batches)
    reqs = requests(1, 2, 3, 4)
    results = run(server, store, reqs)
    assert len(batches.batches) == 1 and batches.polls == [4]
    assert batches.batches[0]["_problem"] == ""  # the line format the Batch API accepts
    assert [line["custom_id"] for line in batches.lines[0]] == [cid for cid, _ in reqs]
    one, two, three, four = (results[cid] for cid, _ in reqs)
    assert said(one) == "question 1" and said(four) == "question 4"
    assert (two.status, two.retryable, two.kind) == (500, True, "server_error")
    assert "overloaded" in (two.error or "")
    assert (three.status, three.retryable, three.kind) == (400, False, "request_error")
    [record] = store.batches()
    assert (record.id, record.status, record.stage) == ("batch_0", "completed", "extract")
    states = store.batch_requests(cid for cid, _ in reqs)
    assert [states[cid][1] for cid, _ in reqs] == ["answered", "failed", "failed", "answered"]


def test_the_same_request_twice_is_one_line(fake_openai, store: Store) -> None:
    batches = FakeBatches()
    server = fake_openai(answer_by_number, batches)
    results = run(server, store, requests(1, 1, 4))
    assert len(batches.lines[0]) == 2 and len(server.requests) == 2
    assert said(results[custom_id(body(1))]) == "question 1"


@pytest.mark.parametrize("outcome", ["expired", "cancelled"])
def test_an_expired_or_cancelled_batch_keeps_its_answers_and_says_what_happened(
        outcome: str, fake_openai, store: Store) -> None:
    batches = FakeBatches(lambda n: BatchPlan(polls=1, outcome=outcome, answered=1))
    server = fake_openai(answer_by_number, batches)
    reqs = requests(1, 4)
    results = run(server, store, reqs)
    first, second = (results[cid] for cid, _ in reqs)
    assert said(first) == "question 1"
    assert second.status is None and not second.retryable and not second.stops
    assert second.error == (f"batch batch_0 at {server.url} expired: not answered within its "
                            "24h window; run again to resubmit the requests it did not answer"
                            if outcome == "expired" else
                            f"batch batch_0 at {server.url} was cancelled before answering "
                            "this request; run again to resubmit it")
    assert store.batches()[0].status == outcome


def test_a_failed_batch_gives_its_reason_on_every_line_and_stops(fake_openai,
                                                                 store: Store) -> None:
    rejected = ({"code": "model_not_found", "message": "The model\n'x' does not exist.",
                 "line": 2},)
    server = fake_openai(answer_by_number,
                         FakeBatches(lambda n: BatchPlan(outcome="failed", errors=rejected)))
    results = run(server, store, requests(1, 4))
    for result in results.values():
        assert result.stops and not result.ok
        assert result.error == (f"batch batch_0 at {server.url} failed: model_not_found: The "
                                "model 'x' does not exist. (input line 2); fix it and run again")
    assert server.requests == []  # no line of a rejected batch is answered
    assert store.batches()[0].error.startswith("model_not_found")


def test_after_a_crash_the_submitted_batch_is_polled_not_submitted_again(fake_openai,
                                                                         store: Store) -> None:
    batches = FakeBatches(lambda n: BatchPlan(polls=1000 if n == 0 else 0))
    server = fake_openai(answer_by_number, batches)
    reqs = requests(1, 4)
    with pytest.raises(TimeoutError):  # the process "dies" while its batch is in progress
        run(server, store, reqs, timeout=0.5)
    assert store.batches()[0].status == "in_progress" and server.requests == []
    batches.plan = lambda n: BatchPlan()  # the batch finishes while nobody is watching
    results = run(server, store, reqs)
    assert len(batches.batches) == 1 and len(server.requests) == 2
    assert all(r.ok for r in results.values())
    again = run(server, store, [*reqs, *requests(5)])  # answered lines come from the store
    assert len(batches.batches) == 2 and [len(x) for x in batches.lines] == [2, 1]
    assert len(server.requests) == 3 and all(r.ok for r in again.values())


def test_failed_lines_are_submitted_again_by_a_later_run(fake_openai, store: Store) -> None:
    batches = FakeBatches()
    server = fake_openai(answer_by_number, batches)
    run(server, store, requests(2, 4))
    run(server, store, requests(2, 4))
    assert [[line["body"] for line in lines] for lines in batches.lines] == [
        [body(2), body(4)], [body(2)]]


def test_a_batch_the_server_does_not_know_is_submitted_again(fake_openai, store: Store) -> None:
    first = fake_openai(answer_by_number, FakeBatches(lambda n: BatchPlan(polls=1000)))
    with pytest.raises(TimeoutError):
        run(first, store, requests(1), timeout=0.3)
    other = FakeBatches()
    second = fake_openai(answer_by_number, other)  # e.g. --base-url changed: batch_0 unknown
    other.batches.append({"id": "unrelated"})
    other.polls.append(0)
    other.lines.append([])
    assert run(second, store, requests(1))[custom_id(body(1))].ok
    assert len(other.batches) == 2


def test_polling_backs_off_up_to_its_longest_delay() -> None:
    assert list(islice(Polling(first=1, factor=2, longest=5).delays(), 5)) == [1, 2, 4, 5, 5]
