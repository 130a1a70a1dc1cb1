"""The full pipeline against a real server (``pytest -m live``, FACTCHECK_LIVE_BASE_URL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

LIVE_URL = os.environ.get("FACTCHECK_LIVE_BASE_URL")  # read before the autouse fixture strips it
LIVE_MODEL = os.environ.get("FACTCHECK_LIVE_MODEL", "smollm2")

pytestmark = [pytest.mark.live,
              pytest.mark.skipif(not LIVE_URL, reason="FACTCHECK_LIVE_BASE_URL is not set")]


def test_seeds_run_live(seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "run", str(seeds_dir), "--engine", "hybrid",
         "--out", str(out), "--base-url", str(LIVE_URL), "--model", LIVE_MODEL,
         "--max-tokens", "384", "--max-retries", "1", "--concurrency", "2",
         "--context-tokens", "4096"],
        capture_output=True, text=True, timeout=3600)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    usage = report["run"]["usage"]
    assert usage["calls"] >= 1 and usage["calls_per_claim"] <= 0.5
    texts = {s["id"]: s["text"] for s in report["sources"]}
    for claim in report["claims"]:
        start, end = claim["span"]
        assert texts[claim["source_id"]][start:end] == claim["quote"]
    print(f"claims={len(report['claims'])} problems={len(report['problems'])} "
          f"calls={usage['calls']:.0f} seconds={report['run']['duration_s']}")
