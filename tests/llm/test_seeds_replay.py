"""Offline replay of the recorded seeds run (``--engine hybrid`` against SmolLM2) reproduces
its report.json (timestamps aside), with model-made claims and verdicts in it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from builders import model_free_env

from factcheck import __version__
from factcheck.models import Report
from factcheck.render.outcome import run_outcome

from .conftest import CASSETTES, REPO

CASSETTE = CASSETTES / "seeds-run.yaml"
RECORDED = CASSETTES / "seeds-run.report.json"
ARGS = ["--model", "smollm2", "--mode", "tools", "--max-tokens", "384", "--max-retries", "1",
        "--concurrency", "2", "--context-tokens", "4096"]
# What the machine decides, not the run: clock readings and installed package versions
# (a fresh install may pick up a newer patch release than the recording machine had).
VOLATILE = ("started_at", "finished_at", "duration_s", "versions")
ADDED = ("failures",)  # run fields added to the format after the recording


def _stable(report: dict) -> dict:
    for key in VOLATILE:
        report["run"].pop(key, None)
    return report


def _as_recorded(replayed: dict, recorded: dict) -> dict:
    """Drop fields added to the format after the recording (optional source fields when
    empty, run fields always); the schema version is the code's, not the recording's."""
    for key in ADDED:
        if key not in recorded["run"]:
            replayed["run"].pop(key, None)
    recorded["schema_version"] = replayed["schema_version"]
    known = set().union(*(s.keys() for s in recorded["sources"]))
    for source in replayed["sources"]:
        for key in set(source) - known:
            if source[key] is None:
                del source[key]
    return replayed


def _replay(out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = model_free_env()
    return subprocess.run(
        [sys.executable, "-m", "factcheck", "run", "seeds", "--engine", "hybrid", "--out",
         str(out), *ARGS, "--cassette", str(CASSETTE), "--record-mode", "none", *extra],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_seeds_replay_reproduces_the_report(tmp_path: Path) -> None:
    result = _replay(tmp_path / "out")
    replayed = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    outcome = run_outcome(Report.model_validate(replayed), tmp_path / "out" / "report.json")
    assert result.returncode == outcome.code, result.stderr[-2000:]
    assert replayed["run"]["failures"]["stages"]["extract"]["calls"] == 7
    assert replayed["run"]["versions"]["factcheck"] == __version__
    assert _stable(_as_recorded(replayed, recorded)) == _stable(recorded)
    usage = replayed["run"]["usage"]
    assert usage["calls"] > 0 and usage["cache_hits"] == 0
    assert replayed["run"]["engine"] == "hybrid"


def test_recorded_seeds_report_carries_the_models_answers() -> None:
    """Every model answer of the recording is in the report: as a claim or check the model
    made, or as a problem saying why it was rejected; never silently dropped.

    SmolLM2-135M, as recorded (per-request schemas, benchmarks/llm_acceptance.py): 25
    calls for 82 claims (0.30 per claim); 12 model-made checks (9 supported, 2 partially
    supported, 1 contradicted); 1 of its 9 proposed claims accepted (4 open with an
    unresolved "This", 3 give a number the sentences lack, 1 a name they lack).
    """
    report = json.loads(RECORDED.read_text(encoding="utf-8"))
    claims, problems = report["claims"], report["problems"]
    made = [ch for c in claims for ch in c["checks"]
            if ch["engine"] == "llm" and "was not asked" not in ch["rationale"]]
    assert sum(ch["verdict"] != "not_mentioned" for ch in made) >= 1, "no model verdict"
    by_model = [c for c in claims if c["engine"] == "llm"]
    assert len(by_model) >= 1, "no model claim was accepted"
    rejected = [p for p in problems if p["stage"] == "extract" and "rejected:" in p["message"]]
    assert len(by_model) + len(rejected) >= 1, "no model claim was judged"
    usage = report["run"]["usage"]
    assert usage["calls_per_claim"] <= 0.5
    assert usage["claims_by_llm"] == len(by_model) and usage["checks_by_llm"] == len(made)
    assert usage["calls"] == usage["extract.calls"] + usage["verify.calls"]


def test_seeds_replay_with_other_prompt_settings_is_a_clear_miss(tmp_path: Path) -> None:
    result = _replay(tmp_path / "out", "--max-tokens", "999")
    assert result.returncode == 2
    assert "no recording for a request" in result.stderr
    assert "Traceback" not in result.stderr
