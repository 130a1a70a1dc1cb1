"""`factcheck run --batch` end to end against the local fake Batch API: a clean run, kill -9
while a batch is in progress then `--resume OUT --batch`, an expired and a failed batch."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from builders import model_free_env, stable_report, write_story
from fakeserver import BatchPlan, FakeBatches, Reply, article_of, completion, is_extraction

from .test_faults import BRIDGE_A, BRIDGE_B, _lines, _report, good

OPTIONS = ("--engine", "llm", "--model", "gpt-4o-mini", "--mode", "tools", "--max-retries",
           "1", "--batch", "--batch-poll", "0.01")


@pytest.fixture
def story(tmp_path: Path) -> Path:
    return write_story(tmp_path / "story", BRIDGE_A, BRIDGE_B)


def _command(url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "factcheck", "run", *args, "--base-url", url, *OPTIONS]


def _run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(url, *args), env=model_free_env(), capture_output=True,
                          text=True, timeout=180)


def test_batch_run_reports_calls_at_half_price(fake_openai, story: Path,
                                               tmp_path: Path) -> None:
    batches = FakeBatches(lambda n: BatchPlan(polls=2))
    server = fake_openai(good, batches)
    out = tmp_path / "out"
    result = _run(server.url, str(story), "--out", str(out))
    assert result.returncode == 0, result.stderr
    usage = _report(out)["run"]["usage"]
    assert usage["calls"] == usage["batch_calls"] == 4 == len(server.requests)
    assert [b["metadata"]["factcheck_stage"] for b in batches.batches] == ["extract", "verify"]
    assert "4 calls through the Batch API, at half price" in result.stderr
    for line in ("batch batch_0 (extract, 2 requests): in_progress, 0 done, 0 failed",
                 "batch batch_0 (extract, 2 requests): completed, 2 done, 0 failed",
                 "batch batch_1 (verify, 2 requests): completed, 2 done, 0 failed"):
        assert line in result.stderr.splitlines()
    with sqlite3.connect(out / "factcheck.sqlite") as db:
        assert db.execute("SELECT id, status FROM batches ORDER BY id").fetchall() == [
            ("batch_0", "completed"), ("batch_1", "completed")]


def test_kill_during_a_batch_then_resume_polls_it_and_repeats_no_call(
        fake_openai, story: Path, tmp_path: Path) -> None:
    batches = FakeBatches(lambda n: BatchPlan(polls=10**6))
    server = fake_openai(good, batches)
    out = tmp_path / "out"
    process = subprocess.Popen(_command(server.url, str(story), "--out", str(out)),
                               env=model_free_env(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (batches.polls and batches.polls[0] >= 3) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert batches.polls[0] >= 3 and server.requests == []  # killed while in progress
    with sqlite3.connect(out / "factcheck.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT id, status FROM batches").fetchall() == [
            ("batch_0", "in_progress")]

    plain = subprocess.run(  # resuming without --batch would pay for the batch twice
        [sys.executable, "-m", "factcheck", "run", "--resume", str(out), "--base-url",
         server.url, *OPTIONS[:-3]], env=model_free_env(), capture_output=True, text=True,
        timeout=60)
    assert plain.returncode == 2 and plain.stderr.strip() == (
        f"error: {out} has Batch API batches still to collect (batch_0); add --batch to "
        "collect them instead of paying for the same calls again")
    batches.plan = lambda n: BatchPlan(polls=1)  # it finishes while nobody watches
    resumed = _run(server.url, "--resume", str(out))
    assert resumed.returncode == 0, resumed.stderr
    assert [(b["metadata"], len(x)) for b, x in zip(batches.batches, batches.lines,
                                                            strict=True)] == [
        ({"factcheck_stage": "extract", "requests": "2"}, 2),  # polled again, not resubmitted
        ({"factcheck_stage": "verify", "requests": "2"}, 2)], resumed.stderr
    assert len(server.requests) == 4  # each extraction and verification answered once

    fresh = tmp_path / "fresh"  # an uninterrupted run of the same input
    assert _run(server.url, str(story), "--out", str(fresh)).returncode == 0
    assert stable_report(out) == stable_report(fresh)


def test_an_expired_batch_keeps_what_it_answered_and_exits_3(fake_openai, story: Path,
                                                             tmp_path: Path) -> None:
    plans = {0: BatchPlan(polls=1, outcome="expired", answered=1)}
    server = fake_openai(good, FakeBatches(lambda n: plans.get(n, BatchPlan())))
    out = tmp_path / "out"
    result = _run(server.url, str(story), "--out", str(out), "-q")
    assert result.returncode == 3, result.stderr
    expected = (f"batch batch_0 at {server.url} expired: not answered within its 24h window; "
                "run again to resubmit the requests it did not answer")
    assert _lines(result)[-1].startswith(
        f"warning: 1 of 3 model calls failed (server_error 1; first: {expected})")
    assert _report(out)["summary"]["claims"] == 1

    again = _run(server.url, str(story), "--out", str(out), "-q")  # resubmits only that one
    assert again.returncode == 0, again.stderr
    assert _report(out)["summary"]["claims"] == 2


def test_a_failed_batch_stops_the_run_with_one_line(fake_openai, story: Path,
                                                    tmp_path: Path) -> None:
    rejected = ({"code": "invalid_model", "message": "Model gpt-4o-mini is not available "
                 "for batch.", "line": 1},)
    server = fake_openai(good, FakeBatches(lambda n: BatchPlan(outcome="failed",
                                                               errors=rejected)))
    out = tmp_path / "out"
    result = _run(server.url, str(story), "--out", str(out), "-q")
    assert result.returncode == 1, result.stderr
    assert _lines(result)[-1].startswith(
        f"error: all 2 extraction calls failed: batch batch_0 at {server.url} failed: "
        "invalid_model: Model "
        "gpt-4o-mini is not available for batch. (input line 1); fix it and run again")
    assert json.loads((out / "report.json").read_text())["summary"]["claims"] == 0



FERRY_A = """Ferry runs aground off Tarnby

The passenger ferry Lindholm ran aground off Tarnby harbour early on Sunday, the coast guard
said. All 212 passengers were brought ashore by lifeboats.
"""
FERRY_B = """Tarnby ferry grounding: passengers safe

The Lindholm ferry struck a sandbank near Tarnby harbour on Sunday morning. The coast guard
said every passenger reached land safely and that the hull was not breached.
"""


def first_sentence(number: int, body: dict[str, Any]) -> Reply:
    """A model that claims each window's first body sentence and finds nothing elsewhere."""
    if is_extraction(body):
        lines = re.findall(r"^\[(\d+)\] (.*\.)$", article_of(body), re.MULTILINE)
        n, text = lines[1] if len(lines) > 1 else lines[0]
        return completion({"claims": [{"sentences": [int(n)], "text": text, "speaker": None,
                                       "role": None, "attribution": "outlet",
                                       "certainty": "asserted"}]})
    return completion({"evidence": [], "rationale": "Not in that article.",
                       "verdict": "not_mentioned"}, name="VerificationOut")


@pytest.mark.parametrize("engine", ["llm", "hybrid"])
def test_a_feed_of_two_stories_is_one_batch_per_stage(engine: str, fake_openai, story: Path,
                                                      tmp_path: Path) -> None:
    (story / "c.txt").write_text(FERRY_A, encoding="utf-8")
    (story / "d.txt").write_text(FERRY_B, encoding="utf-8")
    batches = FakeBatches()
    server = fake_openai(first_sentence, batches)
    out = tmp_path / "out"
    result = _run(server.url, str(story), "--out", str(out), "--engine", engine)
    assert result.returncode == 0, result.stderr
    report = _report(out)
    assert len(report["stories"]) == 2
    stages = [b["metadata"]["factcheck_stage"] for b in batches.batches]
    assert stages in (["extract", "verify"], ["extract"]), stages  # hybrid may route none
    assert len(server.requests) == sum(len(lines) for lines in batches.lines)
    assert report["run"]["usage"]["batch_calls"] == len(server.requests)
    if engine == "llm":  # both stories' checks went in the one verification batch
        assert len(batches.lines[0]) == 4
        asked = [line["body"]["messages"][-1]["content"] for line in batches.lines[1]]
        assert any("passenger" in a for a in asked) and any("epairs" in a for a in asked)
