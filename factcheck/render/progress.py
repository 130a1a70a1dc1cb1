"""Progress per pipeline stage, for a person watching a long run on a terminal.

Only drawn on stderr when it is a terminal and the run is not ``--quiet``; otherwise every
call is a no-op, so logs and pipes stay clean and output stays deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

Advance = Callable[[int], None]


class StageProgress(Protocol):
    """What the pipeline calls: one ``stage`` per step, optionally advanced item by item."""

    def stage(self, name: str, total: int | None = None) -> AbstractContextManager[Advance]: ...


def _ignore(_steps: int = 1) -> None:
    return None


class NoProgress:
    """Draws nothing: for pipes, CI logs, ``--quiet`` and library callers."""

    def stage(self, name: str, total: int | None = None) -> AbstractContextManager[Advance]:
        return nullcontext(_ignore)


class RichProgress:
    """One bar per stage on stderr; a stage without a known size shows a pulsing bar."""

    def __init__(self, console: Console) -> None:
        self.bars = Progress(SpinnerColumn(), TextColumn("{task.description:<18}"), BarColumn(),
                             MofNCompleteColumn(), TimeElapsedColumn(), console=console)

    def __enter__(self) -> RichProgress:
        self.bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bars.stop()

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Advance]:
        task = self.bars.add_task(name, total=total)

        def advance(steps: int = 1) -> None:
            self.bars.advance(task, steps)

        yield advance
        done = total if total is not None else 1
        self.bars.update(task, total=done, completed=done)


def progress_for(console: Console, quiet: bool) -> RichProgress | NoProgress:
    """Bars only for a person at a terminal: off with ``--quiet`` or when stderr is piped."""
    if quiet or not console.is_terminal:
        return NoProgress()
    return RichProgress(console)


@contextmanager
def showing(progress: RichProgress | NoProgress) -> Iterator[StageProgress]:
    """Start and stop the bars around a run (a no-op for ``NoProgress``)."""
    if isinstance(progress, RichProgress):
        with progress:
            yield progress
    else:
        yield progress
