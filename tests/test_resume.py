"""Resumable runs: kill -9 in the middle, the database stays whole, --resume finishes the
run without redoing finished sources, and the report equals an uninterrupted run's."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from builders import stable_report
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.store import DB_NAME

EVENTS = [
    ("Kessor", "Amrein Tool Works", "Ilka Brandt", 340, "tram depot"),
    ("Valmont", "Orsini Freight", "Jon Talvik", 120, "harbour shed"),
]
# A slow local engine, named like the real one: verification waits, so the test can kill
# the run after extraction was committed and before it finishes.
SLOW_RUN = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from factcheck.engine.local import LocalEngine
    from factcheck.pipeline import run_pipeline

    class Slow(LocalEngine):
        def verify(self, *args, **kwargs):
            time.sleep(30)
            return super().verify(*args, **kwargs)

    run_pipeline([sys.argv[1]], Path(sys.argv[2]), lambda store: Slow(), top_k=3)
""")


def _articles(folder: Path) -> Path:
    folder.mkdir()
    for n in range(24):
        place, firm, chief, people, site = EVENTS[n % 2]
        text = (f"Fire at {firm} {site} in {place}\n\nA fire destroyed the {firm} {site} in "
                f"{place} on Monday, fire chief {chief} said. About {people + n % 3} people "
                f"were evacuated. Report {n} of the day.\n\n{chief} said the cause was not "
                "yet known. Crews stayed overnight.")
        (folder / f"a{n:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def _killed_run(articles: Path, out: Path, cwd: Path | None = None) -> None:
    """Kill -9 a run of ``articles`` into ``out`` (both relative to ``cwd`` when given)."""
    child = subprocess.Popen([sys.executable, "-c", SLOW_RUN, str(articles), str(out)], cwd=cwd)
    out = (cwd or Path.cwd()) / out
    try:
        for _ in range(600):
            if (out / DB_NAME).exists() and _rows(out, "extract") > 0:
                break
            if child.poll() is not None:
                pytest.fail("the run ended before it could be killed")
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)


def _rows(out: Path, kind: str) -> int:
    with sqlite3.connect(out / DB_NAME) as db:
        try:
            return db.execute("SELECT count(*) FROM checkpoints WHERE kind = ?",
                              (kind,)).fetchone()[0]
        except sqlite3.OperationalError:  # not migrated yet
            return 0


def test_kill_9_then_resume_gives_the_uninterrupted_report(tmp_path: Path) -> None:
    articles = _articles(tmp_path / "in")
    killed, whole = tmp_path / "killed", tmp_path / "whole"
    _killed_run(articles, killed)
    with sqlite3.connect(killed / DB_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    extracted = _rows(killed, "extract")
    assert not (killed / "report.json").exists() and 0 < extracted <= 24

    again = CliRunner().invoke(cli, ["run", str(articles), "--out", str(killed), "-q"])
    assert "incomplete run" in str(again.exception)  # no silent mixing
    assert f"factcheck run --resume {killed}" in str(again.exception)

    resumed = CliRunner().invoke(cli, ["run", "--resume", str(killed)])
    assert resumed.exit_code == 0, resumed.output
    assert f"{extracted} of 24 sources already extracted" in resumed.output
    assert _rows(killed, "extract") == 0  # a saved run leaves nothing to resume

    done = CliRunner().invoke(cli, ["run", str(articles), "--out", str(whole), "-q",
                                    "--top-k", "3"])
    assert done.exit_code == 0, done.output
    assert stable_report(killed) == stable_report(whole)


def test_resume_without_an_interrupted_run_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["run", "--resume", str(tmp_path / "nothing")])
    assert "no interrupted run" in str(result.exception)
    result = CliRunner().invoke(cli, ["run"])
    assert result.exit_code == 2 and "--resume" in result.output


def test_resume_reads_relative_inputs_from_where_the_run_started(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _articles(tmp_path / "in")
    _killed_run(Path("in"), Path("killed"), cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # no "in" folder here
    resumed = CliRunner().invoke(cli, ["run", "--resume", str(tmp_path / "killed")])
    assert resumed.exit_code == 0, resumed.output
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(cli, ["run", "in", "--out", "whole", "-q", "--top-k", "3"])
    assert done.exit_code == 0, done.output
    report = stable_report(tmp_path / "killed")
    assert report == stable_report(tmp_path / "whole")
    assert report["run"]["inputs"] == ["in"]  # type: ignore[index]  # shown as given
