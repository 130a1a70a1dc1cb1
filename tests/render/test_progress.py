"""Progress bars: drawn for a person at a terminal, silent for pipes and --quiet."""

from __future__ import annotations

import io
import re
import time
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from click.testing import CliRunner
from rich.console import Console

from factcheck.cli import cli
from factcheck.engine.local import LocalEngine
from factcheck.pipeline import run_pipeline
from factcheck.render.progress import NoProgress, RichProgress, progress_for, showing

STORY = {"a.txt": "Hurricane Lia made landfall on Sunday with winds of 180 km/h, forecasters "
                  "said.\nAbout 30,000 homes lost power.\n",
         "b.txt": "Hurricane Lia hit the coast on Sunday. Winds reached 150 km/h and more than "
                  "50,000 homes lost power, the utility said.\n"}


def _console(terminal: bool) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=terminal, width=100), buffer


def test_off_when_not_a_terminal_or_quiet() -> None:
    assert isinstance(progress_for(_console(False)[0], quiet=False), NoProgress)
    assert isinstance(progress_for(_console(True)[0], quiet=True), NoProgress)
    assert isinstance(progress_for(_console(True)[0], quiet=False), RichProgress)


def test_rich_progress_shows_each_stage_finished() -> None:
    console, buffer = _console(True)
    with showing(progress_for(console, quiet=False, delay=0)) as progress:
        time.sleep(0.2)  # the timer that starts drawing runs on its own thread
        with progress.stage("reading"):
            pass
        with progress.stage("checking claims", total=3, unit="claims") as advance:
            advance(2)
    out = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", buffer.getvalue())
    assert "reading" in out and "checking claims" in out
    assert "3/3 claims ETA" in out and "1/1" not in out and "done" in out


def test_a_run_quicker_than_the_delay_draws_no_bars() -> None:
    console, buffer = _console(True)
    with showing(progress_for(console, quiet=False, delay=5)) as progress, \
            progress.stage("checking claims", total=3, unit="claims") as advance:
        advance(3)
    assert buffer.getvalue() == ""


def test_no_progress_draws_nothing_and_accepts_advances() -> None:
    with NoProgress().stage("x", total=2) as advance:
        advance(1)


class _Recorder:
    def __init__(self) -> None:
        self.stages: list[str] = []
        self.totals: dict[str, int | None] = {}
        self.done: dict[str, int] = {}

    def stage(self, name: str, total: int | None = None,
              unit: str = "") -> AbstractContextManager[object]:
        self.stages.append(name)
        self.totals[name] = total
        self.done[name] = 0

        def advance(steps: int = 1) -> None:
            self.done[name] += steps
        return nullcontext(advance)


def test_pipeline_reports_its_stages_in_order(tmp_path: Path) -> None:
    for name, text in STORY.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    recorder = _Recorder()
    run_pipeline([str(tmp_path)], tmp_path / "out", lambda store: LocalEngine(),
                 progress=recorder)
    assert recorder.stages[0] == "reading" and recorder.stages[-1] == "saving"
    assert recorder.stages.index("extracting claims") < recorder.stages.index("checking claims")


def test_pipeline_counts_each_source_and_each_claim(tmp_path: Path) -> None:
    for name, text in STORY.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    recorder = _Recorder()
    report = run_pipeline([str(tmp_path)], tmp_path / "out", lambda store: LocalEngine(),
                          progress=recorder).report
    assert recorder.totals["extracting claims"] == recorder.done["extracting claims"] == 2
    claims = report.summary.claims
    assert recorder.totals["checking claims"] == recorder.done["checking claims"] == claims > 0


def test_cli_run_writes_no_progress_into_a_pipe(tmp_path: Path) -> None:
    for name, text in STORY.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "extracting claims" not in result.output
