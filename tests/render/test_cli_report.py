"""``factcheck report RUN_DIR --format ...`` and the md/html files ``run`` leaves behind."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from factcheck.cli import cli, main
from factcheck.models import FlagKind, FlagTier

URL = "https://checks.example/c/{claim_id}"

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
    extra = ["--machine-made", "--claimreview-url-template", URL] if fmt == "claimreview" else []
    result = CliRunner().invoke(cli, ["report", str(run_dir), "--format", fmt, *extra])
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
    plain = runner.invoke(cli, ["report", str(run_dir), "--format", "claimreview",
                                "--claimreview-url-template", URL])
    assert json.loads(plain.stdout) == []
    assert "no claim has a person's decision yet" in plain.stderr
    machine = runner.invoke(cli, ["report", str(run_dir), "--format", "claimreview",
                                  "--machine-made", "--org", "Desk",
                                  "--claimreview-url-template", URL]).stdout
    stored = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
    flagged = [c["id"] for c in stored["claims"]
               if any(FlagKind(f["kind"]).tier == FlagTier.needs_review for f in c["flags"])]
    reviews = json.loads(machine)
    appearances = [a for r in reviews for a in _listed(r["itemReviewed"]["appearance"])]
    assert sorted(a["identifier"] for a in appearances) == sorted(flagged)
    assert all(r["author"]["name"] == "Desk" for r in reviews)
    assert [r["url"] for r in reviews] == [URL.format(claim_id=quote(r["identifier"], safe=""))
                                           for r in reviews]


def test_claimreview_without_a_url_template_says_how_to_give_one(
        run_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["factcheck", "report", str(run_dir), "--format",
                                      "claimreview"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and "--claimreview-url-template" in err
    (tmp_path / "factcheck.toml").write_text(
        f'[claimreview]\norganization = "Desk"\nurl_template = "{URL}"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(run_dir), "--format", "claimreview",
                                      "--machine-made"])
    reviews = json.loads(result.stdout)
    assert reviews and all(r["url"].startswith("https://checks.example/") for r in reviews)
    assert reviews[0]["author"]["name"] == "Desk"


def _listed(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


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
