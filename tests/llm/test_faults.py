"""Server faults end to end: `factcheck run --engine llm` against a local fake server.

Each fault (500, 429, a hang, a body that is not JSON, an answer in the wrong schema, a
refused connection) must end in the documented exit code and one line on stderr, also
under -q; no failure may be cached, so a rerun after the server recovers asks again.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from builders import model_free_env, write_story
from fakeserver import (
    HANG,
    Reply,
    article_of,
    completion,
    error,
    is_extraction,
    refused_url,
)

from factcheck.language.retrieval import PassageIndex
from factcheck.llm import LLMEngine, LLMSettings
from factcheck.store import Store

from .conftest import make_source

BRIDGE_A = """Bridge closed after crack found

The Harlow road bridge was closed on Monday after inspectors found a crack in a support beam.
Repairs are expected to take three weeks, the county engineer said.
"""
BRIDGE_B = """Harlow bridge shut for repairs

Inspectors closed the Harlow road bridge on Monday. The county said repairs would take about
a month and that a detour through Milford would be signposted.
"""
QUOTES = {"crack": "The Harlow road bridge was closed on Monday after inspectors found a crack "
                   "in a support beam.",
          "detour": "Inspectors closed the Harlow road bridge on Monday."}


def good(number: int, body: dict[str, Any]) -> Reply:
    """A model that behaves: one grounded claim per article (cited by its sentence id),
    'not mentioned' for each check."""
    if is_extraction(body):
        article = article_of(body)
        quote = next(q for word, q in QUOTES.items() if word in article)
        ids = [int(n) for n, text in re.findall(r"^\[(\d+)\] (.*)$", article, re.MULTILINE)
               if text.strip() == quote]
        return completion({"claims": [{"sentences": ids, "text": quote, "speaker": None,
                                       "role": None, "attribution": "outlet",
                                       "certainty": "asserted"}]})
    return completion({"evidence": [], "rationale": "Not in that article.",
                       "verdict": "not_mentioned"}, name="VerificationOut")


@pytest.fixture
def story(tmp_path: Path) -> Path:
    return write_story(tmp_path / "story", BRIDGE_A, BRIDGE_B)


def _run(story: Path, out: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    env = model_free_env()
    return subprocess.run(
        [sys.executable, "-m", "factcheck", "run", str(story), "--out", str(out),
         "--engine", "llm", "--model", "fake", "--base-url", url, "--mode", "tools",
         "--max-retries", "1", *extra],
        env=env, capture_output=True, text=True, timeout=120)


def _report(out: Path) -> dict[str, Any]:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def _lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return result.stderr.strip().splitlines()


def _cached(out: Path) -> int:
    with sqlite3.connect(out / "factcheck.sqlite") as db:
        return db.execute("SELECT count(*) FROM response_cache").fetchone()[0]


FAULTS = {
    "server error": (error(500, "overloaded"), "server_error",
                     "HTTP 500 from {url} after 1 retry: overloaded"),
    "rate limit": (error(429, "slow down", **{"retry-after": "0.2"}), "rate_limit",
                   "HTTP 429 from {url} after 1 retry: slow down"),
    "hang": (HANG, "timeout", "no answer from {url} within 1 s after 1 retry (--timeout)"),
    "broken JSON": (Reply(200, b'{"choices": [{"message": '), "server_error",
                    "HTTP 200 from {url} that is not a chat completion after 1 retry: "
                    "unparseable JSON"),
    "wrong schema": (completion({"items": ["not", "claims"]}), "invalid_answer",
                     "invalid answer after 2 attempts"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_every_call_failing_exits_1_with_one_line_then_a_rerun_recovers(
        fault: str, fake_openai, story: Path, tmp_path: Path) -> None:
    reply, kind, message = FAULTS[fault]
    server = fake_openai(lambda n, body: reply)
    out = tmp_path / "out"
    result = _run(story, out, server.url, "--timeout", "1", "-q")
    assert result.returncode == 1, result.stderr
    expected = message.format(url=server.url)
    *problems, last = _lines(result)  # -q: each source's problem, then the verdict
    assert last.startswith("error: all 2 extraction calls failed: " + expected)
    assert last.endswith(f"see {out / 'report.json'}")
    assert len(problems) == 2 and all(p.startswith("extract: ") for p in problems)
    assert len(server.requests) == 4  # two sources, each asked twice (retry or re-ask)
    failures = _report(out)["run"]["failures"]
    assert failures["kinds"] == {kind: 2}
    assert failures["stages"]["extract"] == {"calls": 2, "failed": 2, "not_done": 0,
                                             "kinds": {kind: 2}, "first": failures[
                                                 "stages"]["extract"]["first"]}
    assert _cached(out) == 0

    server.script = good  # the server recovers: the rerun asks again and succeeds
    again = _run(story, out, server.url, "-q")
    assert again.returncode == 0, again.stderr
    assert again.stderr == ""
    assert len(server.requests) == 4 + 2 + 2  # two extractions, two verifications
    assert _report(out)["run"]["failures"]["total"] == 0 and _cached(out) == 4


def _per_source(requests: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    by_article: dict[str, list[dict[str, Any]]] = {}
    for body in requests:
        by_article.setdefault(article_of(body), []).append(body)
    return list(by_article.values())


def test_broken_json_is_retried_as_the_same_request_not_reasked(fake_openai, story: Path,
                                                                tmp_path: Path) -> None:
    server = fake_openai(lambda n, body: Reply(200, b"<html>502 Bad Gateway</html>"))
    _run(story, tmp_path / "out", server.url, "--concurrency", "1")
    assert [len(asked) for asked in _per_source(server.requests)] == [2, 2]
    assert all(asked[0] == asked[1] for asked in _per_source(server.requests))
    assert server.times[1] - server.times[0] >= 0.3  # the client's backoff, not a re-ask


def test_wrong_schema_is_reasked_with_the_error(fake_openai, story: Path,
                                                tmp_path: Path) -> None:
    server = fake_openai(lambda n, body: completion({"items": []}))
    _run(story, tmp_path / "out", server.url)
    for first, second in _per_source(server.requests):
        assert len(second["messages"]) > len(first["messages"])
        assert "claims" in json.dumps(second["messages"][len(first["messages"]):])


def test_retry_after_is_honoured(fake_openai, story: Path, tmp_path: Path) -> None:
    times: list[float] = []

    def script(n: int, body: dict[str, Any]) -> Reply:
        times.append(time.monotonic())
        return error(429, "slow down", **{"retry-after": "1.5"}) if n == 0 else good(n, body)
    server = fake_openai(script)
    result = _run(story, tmp_path / "out", server.url, "--concurrency", "1")
    assert result.returncode == 0, result.stderr
    assert times[1] - times[0] >= 1.4
    assert len(server.requests) == 1 + 2 + 2


def test_some_calls_failing_exits_3_with_a_partial_report(fake_openai, story: Path,
                                                          tmp_path: Path) -> None:
    def script(n: int, body: dict[str, Any]) -> Reply:
        if is_extraction(body) and "crack" in article_of(body):
            return error(503, "busy")
        return good(n, body)
    server = fake_openai(script)
    out = tmp_path / "out"
    result = _run(story, out, server.url, "-q")
    assert result.returncode == 3, result.stderr
    assert _lines(result)[-1] == (
        f"warning: 1 of 3 model calls failed (server_error 1; first: HTTP 503 from "
        f"{server.url} after 1 retry: busy); the report is partial: see {out / 'report.json'}")
    report = _report(out)
    assert report["summary"]["claims"] == 1 and report["summary"]["checks"] == 1
    assert report["run"]["failures"]["stages"]["verify"]["failed"] == 0


def test_refused_connection_is_one_line_and_leaves_nothing(story: Path,
                                                           tmp_path: Path) -> None:
    url = refused_url()
    out = tmp_path / "out"
    result = _run(story, out, url, "-q")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"error: cannot reach the model server at {url} (connection refused) after 1 retry; "
        "start the server or check --base-url")
    assert not out.exists()


def test_deadline_stops_hung_calls_and_saves_the_rest(fake_openai, story: Path,
                                                      tmp_path: Path) -> None:
    server = fake_openai(lambda n, body: HANG)
    out = tmp_path / "out"
    started = time.monotonic()
    result = _run(story, out, server.url, "--deadline", "1", "-q")
    assert time.monotonic() - started < 30  # not the 120 s per-call timeout
    assert result.returncode == 1
    assert _lines(result)[-1] == ("error: stopped early: --deadline 1 s reached; what was "
                                  f"done is saved in {out / 'report.json'}")
    assert _report(out)["run"]["failures"]["stages"]["extract"]["not_done"] == 2


def test_server_going_away_mid_run_stops_the_run(fake_openai, store: Store) -> None:
    server = fake_openai(good)
    sources = [make_source("a", BRIDGE_A), make_source("b", BRIDGE_B)]
    engine = LLMEngine(LLMSettings(model="fake", base_url=server.url, mode="tools",
                                   max_retries=0, concurrency=1), store)
    claims = engine.extract(sources).claims
    server.stop()
    result = engine.verify(claims, sources, PassageIndex(sources))
    failures = engine.failures()
    assert failures.kinds == {"connection_refused": 1}
    assert failures.stages["verify"].not_done == 1
    assert engine.stopped_reason and "connection refused" in engine.stopped_reason
    assert len(result.problems) == 2
