"""``factcheck review RUN_DIR --export``: the decision history as JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.models import Decision, Verdict
from factcheck.review.store import open_run_store, record_decision, record_undo


def _decide(run_dir: Path) -> None:
    with open_run_store(run_dir) as store:
        claims = {c.id: c for c in store.load_run()[2]}
        record_decision(store, 1, claims["blog#c2"], Decision.set_verdict, "Ann",
                        verdict=Verdict.contradicted, note='90, "a witness", told us', seen=0)
        record_decision(store, 1, claims["wire#c2"], Decision.needs_more_evidence, "Bo",
                        seen=0)
        record_undo(store, 1, claims["wire#c2"], "Bo", seen=1)


def test_jsonl_and_csv_hold_every_decision_with_who_and_when(fire_run: Path,
                                                            tmp_path: Path) -> None:
    _decide(fire_run)
    runner = CliRunner()
    for name in ("decisions.jsonl", "decisions.csv"):
        result = runner.invoke(cli, ["review", str(fire_run), "--export", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in
            (tmp_path / "decisions.jsonl").read_text(encoding="utf-8").splitlines()]
    with (tmp_path / "decisions.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [(r["claim_id"], r["decision"], r["reviewer"]) for r in rows] == [
        ("blog#c2", "set_verdict", "Ann"), ("wire#c2", "needs_more_evidence", "Bo"),
        ("wire#c2", "undo", "Bo")]
    assert rows[0]["verdict"] == "contradicted" and rows[0]["decided_at"]
    assert [r["claim_id"] for r in table] == [r["claim_id"] for r in rows]
    assert table[0]["note"] == '90, "a witness", told us'  # quoting survives
    assert table[1]["verdict"] == "" and rows[1]["verdict"] is None


def test_stdout_and_bad_targets(fire_run: Path, tmp_path: Path) -> None:
    _decide(fire_run)
    runner = CliRunner()
    out = runner.invoke(cli, ["review", str(fire_run), "--export", "-"])
    assert out.exit_code == 0 and len(out.stdout.splitlines()) == 3
    for target, words in ((tmp_path / "d.xlsx", ".jsonl or .csv"),
                          (tmp_path / "nope" / "d.csv", "does not exist")):
        bad = subprocess.run([sys.executable, "-m", "factcheck", "review", str(fire_run),
                              "--export", str(target)], capture_output=True, text=True,
                             check=False)
        assert bad.returncode == 2 and words in bad.stderr
        assert len(bad.stderr.strip().splitlines()) == 1 and not target.exists()
    assert not list(tmp_path.glob(".*.partial"))
