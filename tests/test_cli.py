"""The command line: exit codes, one-line errors, and nothing done ever lost."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders import write_story
from click.testing import CliRunner

from factcheck.cli import cli, main

ARTICLE_A = """Floodwaters reach the old town

The river Vell rose to 6.2 metres on Tuesday, the highest level since 1998, the regional water
authority said. About 1,200 residents were evacuated from low-lying streets, according to the
mayor, Ana Ortiz.
"We have never seen the water rise this fast," Ms. Ortiz said.
"""

ARTICLE_B = """River Vell floods old town

The river Vell peaked at 6.2 metres on Tuesday. More than 3,000 residents were evacuated,
the fire service said. Mayor Ana Ortiz said the town had never seen the water rise so fast.
"""


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    return write_story(tmp_path / "story", ARTICLE_A, ARTICLE_B)


def _report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_run_on_seeds_writes_report_and_summary(seeds_dir: Path, tmp_path: Path) -> None:
    result = _run("run", str(seeds_dir), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    report = _report(tmp_path / "out")
    assert report["summary"]["sources"] == 5
    assert report["summary"]["claims"] == len(report["claims"]) > 0
    assert "flagged" in result.stderr
    assert result.stdout == ""


def test_json_flag_prints_the_report_on_stdout(story: Path, tmp_path: Path) -> None:
    result = _run("run", str(story), "--out", str(tmp_path / "out"), "--json", "--quiet")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == _report(tmp_path / "out")
    assert result.stderr == ""


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = _run("run", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "nope.txt" in lines[0]
    assert not (tmp_path / "out" / "report.json").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("blob.txt", b"\x00\x01\x02PK\x03\x04" * 50),
        ("latin1.txt", "Caf\u00e9 owners said the r\u00e9gion lost power.".encode("latin-1")),
        ("notes.docx", b"some text"),
    ],
)
def test_one_bad_file_among_good_ones(story: Path, tmp_path: Path, name: str,
                                      content: bytes) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    out = tmp_path / "out"
    result = _run("run", str(story), str(bad), "--out", str(out))
    assert result.returncode == 2
    assert name in result.stderr
    report = _report(out)
    assert report["summary"]["sources"] == 2
    assert any(name in p["message"] for p in report["problems"])


def test_quiet_still_reports_each_bad_input_and_nothing_else(story: Path,
                                                             tmp_path: Path) -> None:
    bad = tmp_path / "blob.txt"
    bad.write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    result = _run("run", str(story), str(bad), "--out", str(tmp_path / "out"), "-q")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "blob.txt" in lines[0] and lines[0].startswith("ingest:")


def test_duplicate_file_is_reported_once(story: Path, tmp_path: Path) -> None:
    shutil.copy(story / "a.txt", story / "a-copy.txt")
    result = _run("run", str(story), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "duplicate" in result.stderr
    assert _report(tmp_path / "out")["summary"]["sources"] == 2


def test_oversized_article_names_the_limit(story: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("The council met again and voted on the budget. " * 110_000,
                   encoding="utf-8")
    assert big.stat().st_size > 5_000_000
    result = _run("run", str(story), str(big), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "--max-bytes" in result.stderr


def test_single_article_still_extracts(story: Path, tmp_path: Path) -> None:
    result = _run("run", str(story / "a.txt"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "nothing to cross-check" in result.stderr
    report = _report(tmp_path / "out")
    assert report["claims"] and all(c["checks"] == [] for c in report["claims"])


def test_stdin_article(tmp_path: Path) -> None:
    result = _run("run", "-", "--out", str(tmp_path / "out"), stdin=ARTICLE_A)
    assert result.returncode == 0, result.stderr
    assert _report(tmp_path / "out")["sources"][0]["id"] == "stdin"


def test_only_bad_inputs_write_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    result = _run("run", str(bad), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "empty.txt" in result.stderr
    assert not (tmp_path / "out").exists()


def test_rerun_keeps_earlier_runs(story: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    for _ in range(2):
        assert _run("run", str(story), "--out", str(out), "-q").returncode == 0
    from factcheck.store import Store

    with Store.in_dir(out) as store:
        assert store.latest_run_id() == 2


def test_help_reads_well() -> None:
    runner = CliRunner()
    top = runner.invoke(cli, ["--help"])
    assert top.exit_code == 0 and "run" in top.output
    sub = runner.invoke(cli, ["run", "--help"])
    assert sub.exit_code == 0
    for option in ("--out", "--engine", "--json", "Exit codes"):
        assert option in sub.output


def test_unknown_option_is_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["factcheck", "run", "--frobnicate", "x"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 2


def test_llm_engine_without_model_stops_before_writing(story: Path, tmp_path: Path) -> None:
    result = _run("run", str(story), "--engine", "llm", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "--model" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_a_configured_model_makes_hybrid_the_default(story: Path, tmp_path: Path) -> None:
    result = _run("run", str(story), "--model", "m", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "--engine hybrid needs OPENAI_API_KEY" in result.stderr
    assert not (tmp_path / "out").exists()
