"""report.json levels: full keeps every check; summary leaves what is implied out."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.models import Report, Stance, Verdict


def test_summary_level_leaves_implied_checks_and_stances_out(tmp_path: Path) -> None:
    out = {}
    for level in ("full", "summary"):
        result = CliRunner().invoke(cli, ["run", "seeds", "--out", str(tmp_path / level), "-q",
                                          "--report-level", level])
        assert result.exit_code == 0, result.output
        out[level] = Report.model_validate_json((tmp_path / level / "report.json").read_text())
    full, summary = out["full"], out["summary"]
    assert summary.summary == full.summary  # the counts are the full run's
    kept = [k for c in summary.claims for k in c.checks]
    assert kept and all(k.verdict != Verdict.not_mentioned and k.evidence is None for k in kept)
    texts = {s.id: s.text for s in summary.sources}
    by_key = {(c.id, k.source_id): k for c in full.claims for k in c.checks}
    for claim in summary.claims:
        for check in claim.checks:  # the evidence is still there, by offsets
            a, b = check.evidence_span or (0, 0)
            assert texts[check.source_id][a:b] == by_key[(claim.id, check.source_id)].evidence
    assert all(Stance.silent not in k.stances.values() for k in summary.clusters)
    size = {level: (tmp_path / level / "report.json").stat().st_size for level in out}
    assert size["summary"] < size["full"] * 0.8
