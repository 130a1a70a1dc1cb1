"""Progress per pipeline stage, item by item, for a person watching a long run on a terminal.

Only drawn on stderr when it is a terminal and the run is not ``--quiet``, and only once the
run has taken more than a second (a quick run prints just its summary); otherwise every
call is a no-op, so logs and pipes stay clean and output stays deterministic.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

Advance = Callable[[int], None]


class StageProgress(Protocol):
    """What the pipeline calls: one ``stage`` per step, optionally advanced item by item."""

    def stage(self, name: str, total: int | None = None,
              unit: str = "") -> AbstractContextManager[Advance]: ...


DELAY_S = 1.0
"""Runs quicker than this draw no bars at all."""


def _ignore(_steps: int = 1) -> None:
    return None


class NoProgress:
    """Draws nothing: for pipes, CI logs, ``--quiet`` and library callers."""

    def stage(self, name: str, total: int | None = None,
              unit: str = "") -> AbstractContextManager[Advance]:
        return nullcontext(_ignore)


class ItemsColumn(ProgressColumn):
    """'12/40 claims ETA' for a stage counted item by item; 'done' for a one-step stage."""

    def render(self, task: Task) -> Text:
        unit = task.fields.get("unit", "")
        if not unit or task.total is None:
            return Text("done     " if task.finished else "         ", style="green")
        return Text(f"{int(task.completed)}/{int(task.total)} {unit} ETA", style="green")


class RichProgress:
    """One bar per stage on stderr (done/total items, ETA, elapsed), drawn from ``delay`` on;
    a stage without a known size shows a pulsing bar."""

    def __init__(self, console: Console, delay: float = DELAY_S) -> None:
        self.bars = Progress(SpinnerColumn(), TextColumn("{task.description:<18}"), BarColumn(),
                             ItemsColumn(), TimeRemainingColumn(), TimeElapsedColumn(),
                             console=console)
        self._lock = threading.Lock()
        self._state = "waiting"  # -> drawing -> done, or waiting -> done
        self._timer = threading.Timer(delay, self._draw)
        self._timer.daemon = True

    def _draw(self) -> None:
        with self._lock:
            if self._state == "waiting":
                self.bars.start()
                self._state = "drawing"

    def __enter__(self) -> RichProgress:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with self._lock:
            if self._state == "drawing":
                self.bars.stop()
            self._state = "done"

    @contextmanager
    def stage(self, name: str, total: int | None = None, unit: str = "") -> Iterator[Advance]:
        task = self.bars.add_task(name, total=total, unit=unit)

        def advance(steps: int = 1) -> None:
            self.bars.advance(task, steps)

        yield advance
        done = total if total is not None else 1
        self.bars.update(task, total=done, completed=done)


def progress_for(console: Console, quiet: bool,
                 delay: float = DELAY_S) -> RichProgress | NoProgress:
    """Bars only for a person at a terminal: off with ``--quiet`` or when stderr is piped."""
    if quiet or not console.is_terminal:
        return NoProgress()
    return RichProgress(console, delay)


@contextmanager
def showing(progress: RichProgress | NoProgress) -> Iterator[StageProgress]:
    """Start and stop the bars around a run (a no-op for ``NoProgress``)."""
    if isinstance(progress, RichProgress):
        with progress:
            yield progress
    else:
        yield progress
