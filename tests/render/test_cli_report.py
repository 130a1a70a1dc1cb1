"""``factcheck report RUN_DIR --format ...`` and the md/html files ``run`` leaves behind."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli, main

EARNINGS_A = """Quarterly profit falls at Orbis

Orbis Motors said on Thursday its quarterly profit fell 12% to $410 million, the chief
financial officer, Lena Brandt, said. Revenue rose to $5.1 billion.
The company will cut 900 jobs in its European plants, a spokesman said.
"""
EARNINGS_B = """Orbis profit slides

Orbis Motors reported a quarterly profit of $410 million on Thursday, down 12%.
Revenue reached $4.2 billion, the company said. Shares fell 6% in early trading.
"""


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    story = tmp_path_factory.mktemp("earnings")
    (story / "a.txt").write_text(EARNINGS_A, encoding="utf-8")
    (story / "b.txt").write_text(EARNINGS_B, encoding="utf-8")
    out = story / "out"
    result = CliRunner().invoke(cli, ["run", str(story), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def test_run_writes_markdown_and_html_next_to_the_json(run_dir: Path) -> None:
    for name in ("report.json", "report.md", "report.html"):
        assert (run_dir / name).stat().st_size > 0
    assert "Orbis" in (run_dir / "report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["md", "html", "json", "jsonl", "claimreview"])
def test_report_prints_each_format_on_stdout(run_dir: Path, fmt: str) -> None:
    result = CliRunner().invoke(cli, ["report", str(run_dir), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()


def test_report_formats_carry_the_stored_claims(run_dir: Path) -> None:
    runner = CliRunner()
    stored = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
    jsonl = runner.invoke(cli, ["report", str(run_dir), "--format", "jsonl"]).stdout
    assert [json.loads(x)["id"] for x in jsonl.splitlines()] == [c["id"] for c in
                                                                  stored["claims"]]
    as_json = json.loads(runner.invoke(cli, ["report", str(run_dir), "--format", "json"]).stdout)
    assert as_json["claims"] == stored["claims"]


def test_claimreview_needs_machine_made_for_unreviewed_claims(run_dir: Path) -> None:
    runner = CliRunner()
    plain = runner.invoke(cli, ["report", str(run_dir), "--format", "claimreview"]).stdout
    assert json.loads(plain) == []
    machine = runner.invoke(cli, ["report", str(run_dir), "--format", "claimreview",
                                  "--machine-made", "--org", "Desk"]).stdout
    stored = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
    flagged = [c["id"] for c in stored["claims"] if c["flags"]]
    reviews = json.loads(machine)
    assert [r["identifier"] for r in reviews] == flagged
    assert all(r["author"]["name"] == "Desk" for r in reviews)


def test_out_writes_a_file_and_keeps_stdout_empty(run_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    result = CliRunner().invoke(cli, ["report", str(run_dir), "--format", "html",
                                      "--out", str(target)])
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_directory_without_a_run_is_a_usage_error(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["factcheck", "report", str(tmp_path)])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 2
    assert "no run database" in capsys.readouterr().err
    assert not (tmp_path / "factcheck.sqlite").exists()


def test_unknown_format_is_refused(run_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["report", str(run_dir), "--format", "pdf"])
    assert result.exit_code == 2
