"""The executor seam: where tasks run never changes the report, and a missing Ray says how
to install it. (The Ray executor itself: test_ray.py.)"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pytest
from builders import stable_report
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.engine import Advance
from factcheck.engine.local import LocalEngine
from factcheck.errors import ConfigError
from factcheck.executor import LocalExecutor, Task
from factcheck.pipeline import run_pipeline

T = TypeVar("T")
R = TypeVar("R")
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
EVENTS = [("Dravik", "Osterlund Mills", "Pell Harrow", 410),
          ("Ambry", "Castel Glassworks", "Noor Vasse", 95),
          ("Tollen", "Brisk Ferry Lines", "Ida Quarm", 230)]


class Parallel(LocalExecutor):
    """In process, but claiming several slots: the pipeline cuts its work the way it does
    for Ray, and every task's items are recorded."""

    name = "parallel"
    slots = 3

    def __init__(self) -> None:
        self.tasks: list[Any] = []

    def map(self, task: Task[T, R], items: Sequence[T], *, advance: Advance | None = None,
            units: Callable[[T], int] = lambda _: 1) -> Iterator[R]:
        self.tasks += items
        for item in items:
            result = task(item, None)
            if advance:
                advance(units(item))
            yield result


def _articles(folder: Path) -> Path:
    folder.mkdir()
    for n in range(12):
        place, firm, chief, people = EVENTS[n % 3]
        (folder / f"e{n:02d}.txt").write_text(
            f"Blaze at {firm} in {place}\n\nA blaze gutted the {firm} works in {place} on "
            f"Friday, fire chief {chief} said. About {people + n % 4} workers were sent "
            f"home. Update {n}.\n\n{chief} said the cause was still being examined.",
            encoding="utf-8")
    return folder


def test_cutting_the_work_into_tasks_leaves_the_report_unchanged(tmp_path: Path) -> None:
    inputs = [str(SEEDS), str(_articles(tmp_path / "feed"))]
    parallel = Parallel()
    cut = run_pipeline(inputs, tmp_path / "cut", lambda s: LocalEngine(), top_k=2,
                       executor=parallel).report
    whole = run_pipeline(inputs, tmp_path / "whole", lambda s: LocalEngine(), top_k=2).report
    assert len(cut.stories) > 1
    assert stable_report(tmp_path / "cut") == stable_report(tmp_path / "whole")
    shares = [t for t in parallel.tasks if hasattr(t, "claims")]
    story_claims = {s.id: sum(1 for c in whole.claims if c.source_id in s.sources)
                    for s in whole.stories}
    assert any(len(t.claims) < story_claims[t.story] for t in shares)  # stories were cut
    batches = [t for t in parallel.tasks if isinstance(t, list)]
    assert len(batches) > 1 and sum(map(len, batches)) == len(whole.sources)


def test_local_executor_keeps_order_and_counts_progress() -> None:
    done: list[int] = []

    def task(item: int, advance: Advance | None) -> int:
        if advance:
            advance(item)
        return item * 10

    assert list(LocalExecutor().map(task, [3, 1, 2], advance=done.append)) == [30, 10, 20]
    assert done == [3, 1, 2]


def test_ray_executor_without_ray_says_how_to_install_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails, as without the extra
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(SEEDS), "--out", str(out),
                                      "--executor", "ray"])
    assert isinstance(result.exception, ConfigError) and result.exception.exit_code == 2
    assert "pip install 'factcheck-news[ray]'" in str(result.exception)
    assert not out.exists()


def test_address_needs_the_ray_executor(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["run", str(SEEDS), "--out", str(tmp_path / "out"),
                                      "--address", "auto"])
    assert result.exit_code == 2 and "--executor ray" in result.output
