"""Where the per-source and per-story work of a run happens: here, or on a Ray cluster.

The pipeline cuts a run into independent tasks (read one input, extract a batch of
sources, verify a share of one story's claims) and hands them to an executor, which gives
the results back in task order. Only the driver commits them to the run's store, so resume
and the report do not depend on where a task ran. ``local`` runs tasks one after another
in this process; ``ray`` (``pip install 'factcheck-news[ray]'``) runs them on a Ray cluster
and loads Ray only when chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from factcheck.engine import Advance

T = TypeVar("T")
R = TypeVar("R")
T_co = TypeVar("T_co", covariant=True)

EXECUTORS = ("local", "ray")

Task = Callable[[T, Advance | None], R]
"""One unit of work: its item, and a progress callback (None where it runs remotely)."""


class Shared(Protocol[T_co]):
    """A value many tasks read (a story's sources): stored once, fetched where used."""

    def get(self) -> T_co: ...


class Executor(Protocol):
    name: str
    slots: int
    """Tasks run at the same time; above 1 the pipeline cuts large stories into shares."""

    def map(self, task: Task[T, R], items: Sequence[T], *, advance: Advance | None = None,
            units: Callable[[T], int] = lambda _: 1) -> Iterator[R]:
        """``task(item)`` for every item, yielded in item order; progress advances by
        ``units(item)`` as each finishes."""
        ...

    def share(self, value: T) -> Shared[T]:
        """``value`` put where every task can read it, once."""
        ...


@dataclass(frozen=True)
class Held(Generic[T_co]):
    """A shared value in this process: the value itself."""

    value: T_co

    def get(self) -> T_co:
        return self.value


class LocalExecutor:
    """Every task in this process, in order; progress item by item from inside the task."""

    name = "local"
    slots = 1

    def map(self, task: Task[T, R], items: Sequence[T], *, advance: Advance | None = None,
            units: Callable[[T], int] = lambda _: 1) -> Iterator[R]:
        for item in items:
            yield task(item, advance)

    def share(self, value: T) -> Shared[T]:
        return Held(value)


@contextmanager
def open_executor(name: str = "local", address: str | None = None) -> Iterator[Executor]:
    """The executor called ``name``, started (or connected to ``address``) for the run and
    stopped after it. Raises ``ConfigError`` when it cannot start."""
    if name == "local":
        yield LocalExecutor()
        return
    from factcheck.executor.ray_cluster import ray_executor

    with ray_executor(address) as executor:
        yield executor
