"""``factcheck review``: errors, the served app, and reviewed verdicts in every report."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.engine.local import LocalEngine
from factcheck.models import Decision, Verdict
from factcheck.pipeline import run_pipeline
from factcheck.review.queue import load_queue
from factcheck.review.store import open_run_store, record_decision

EARNINGS_A = """Harbor Tools posts record quarter

Harbor Tools reported revenue of $412 million for the third quarter, up 9 percent from a
year earlier, the company said on Thursday. Chief executive Mara Lind said demand from
builders stayed strong. The company plans to open two new plants next year.
"""
EARNINGS_B = """Harbor Tools revenue climbs

Harbor Tools said quarterly revenue rose to $380 million. Chief executive Mara Lind said
builders kept buying. Analysts had expected weaker results.
"""


@pytest.fixture
def earnings_run(tmp_path: Path) -> Path:
    for name, text in (("a", EARNINGS_A), ("b", EARNINGS_B)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "run"
    run_pipeline([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], out,
                 lambda store: LocalEngine())
    return out


def test_review_without_a_run_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["review", str(tmp_path / "none"), "--no-browser"])
    assert result.exit_code != 0
    assert "factcheck run" in str(result.exception) or "factcheck run" in result.output
    assert not (tmp_path / "none").exists()


def test_reviewed_verdict_reaches_json_and_claimreview(earnings_run: Path) -> None:
    with open_run_store(earnings_run) as store:
        queue = load_queue(store)
        assert queue.items, "the earnings story should flag something"
        claim = queue.items[0].claim
        record_decision(store, queue.run_id, claim, Decision.set_verdict, "Ann",
                        verdict=Verdict.supported, note="Confirmed with the filing.")
    runner = CliRunner()
    report = json.loads(runner.invoke(cli, ["report", str(earnings_run), "--format", "json"])
                        .output)
    reviewed = [c for c in report["claims"] if c["review"]]
    assert [c["id"] for c in reviewed] == [claim.id]
    assert reviewed[0]["review"]["verdict"] == "supported"
    reviews = json.loads(runner.invoke(cli, [
        "report", str(earnings_run), "--format", "claimreview",
        "--claimreview-url-template", "https://checks.example/{claim_id}"]).stdout)
    assert [r["identifier"] for r in reviews] == [claim.id]
    assert reviews[0]["reviewRating"]["alternateName"] == "True"
    assert reviews[0]["reviewBody"] == "Confirmed with the filing."
    assert "creativeWorkStatus" not in reviews[0]


def test_serves_on_loopback_and_prints_the_url(earnings_run: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "review", str(earnings_run), "--no-browser",
         "--port", "0", "--reviewer", "Ann"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().strip()  # type: ignore[union-attr]
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        page = _get(url)
        assert "flagged claim" in page and 'value="Ann"' not in page
        request = urllib.request.Request(url + "decide", data=b"claim_id=x&action=confirm",
                                         method="POST")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403
    finally:
        process.terminate()
        process.wait(timeout=10)


def _get(url: str) -> str:
    for _ in range(100):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except urllib.error.URLError:
            time.sleep(0.1)
    raise AssertionError(f"{url} never answered")
