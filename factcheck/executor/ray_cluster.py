"""The ``ray`` executor: the run's tasks on a Ray cluster, or on a Ray started for the run.

Ray is imported only here and only when ``--executor ray`` is chosen. Connected to a
cluster by address, the workers get this very ``factcheck`` package (runtime_env
py_modules), so they run the driver's code even where another version is installed;
its dependencies must be installed on the cluster (``pip install 'factcheck-news[ray]'``
on every node, or in the cluster's image). Results come back in task order and the driver
alone writes the store.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any, Generic, TypeVar

from factcheck.engine import Advance
from factcheck.errors import ConfigError, ExecutorError
from factcheck.executor import Task

T = TypeVar("T")
R = TypeVar("R")

INSTALL = "pip install 'factcheck-news[ray]'"
CONNECT_TIMEOUT_S = 5.0
_CACHED = 4
"""Shared values a worker process keeps deserialised (a story's sources, read by each of
that story's tasks)."""
_cache: dict[str, Any] = {}


def load_ray() -> ModuleType:
    """The ``ray`` module, or a one-line error saying how to install it."""
    try:
        import ray
    except ImportError as exc:
        raise ConfigError(f"--executor ray needs Ray, which is not installed ({exc}); "
                          f"install it with `{INSTALL}`") from None
    return ray


def _run(task: Task[T, R], item: T) -> R:
    """What a Ray worker runs: one task, without progress (the driver counts)."""
    return task(item, None)


class RayShared(Generic[T]):
    """A value in Ray's object store; each worker deserialises it once per ``_CACHED``."""

    def __init__(self, ref: Any) -> None:
        self.ref = ref

    def get(self) -> T:
        import ray

        key = self.ref.hex()
        if key not in _cache:
            while len(_cache) >= _CACHED:
                _cache.pop(next(iter(_cache)))
            _cache[key] = ray.get(self.ref)
        value: T = _cache[key]
        return value


class RayExecutor:
    """Submits every task at once and yields the results in order as they arrive."""

    name = "ray"

    def __init__(self, ray: ModuleType) -> None:
        self._ray = ray
        self._remote = ray.remote(_run)
        self.slots = max(1, int(ray.cluster_resources().get("CPU", 1)))

    def map(self, task: Task[T, R], items: Sequence[T], *, advance: Advance | None = None,
            units: Callable[[T], int] = lambda _: 1) -> Iterator[R]:
        refs = [self._remote.remote(task, item) for item in items]
        got = 0
        try:
            for item, ref in zip(items, refs, strict=True):
                result = self._get(ref)
                got += 1
                if advance:
                    advance(units(item))
                yield result
        finally:
            for ref in refs[got:]:  # stopped early (an error, Ctrl-C): the rest is not wanted
                self._ray.cancel(ref)

    def _get(self, ref: Any) -> Any:
        """A task's result; its own error as itself, a lost worker or node as one line."""
        exceptions = self._ray.exceptions
        try:
            return self._ray.get(ref)
        except exceptions.RayTaskError as exc:
            if isinstance(exc.cause, BaseException):
                raise exc.cause from None
            raise
        except exceptions.RayError as exc:
            raise ExecutorError(
                f"the Ray cluster lost a task ({type(exc).__name__}: "
                f"{str(exc).splitlines()[0] if str(exc) else 'no detail'}); finished sources "
                "and stories are saved: run again with --resume OUT") from None

    def share(self, value: T) -> RayShared[T]:
        return RayShared(self._ray.put(value))


@contextmanager
def ray_executor(address: str | None) -> Iterator[RayExecutor]:
    """Connected to ``address`` (``auto``, ``host:port``, ``ray://host:port``), or to a Ray
    started here when None; disconnected (and a started one stopped) afterwards."""
    ray = load_ray()
    if address not in (None, "auto"):
        _reachable(address)
    if ray.is_initialized():  # a library caller's own Ray session: used, left running
        yield RayExecutor(ray)
        return
    _connect(ray, address)
    try:
        yield RayExecutor(ray)
    finally:
        ray.shutdown()


def _connect(ray: ModuleType, address: str | None) -> None:
    if address is None:
        ray.init(address="local", include_dashboard=False, logging_level=logging.ERROR,
                 log_to_driver=False)  # a Ray of its own, even if one runs here
        return
    package = str(Path(__file__).resolve().parents[1])  # this factcheck, by path: Ray
    try:                                                 # Client pickles runtime_env
        ray.init(address=address, logging_level=logging.ERROR, log_to_driver=False,
                 runtime_env={"py_modules": [package]})
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise ConfigError(_unreachable(address, str(exc).splitlines()[0])) from None


def _reachable(address: str) -> None:
    """Refuse quickly an address nothing listens on (Ray itself retries for minutes)."""
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(f"--address {address}: not a Ray address; give host:port "
                          "(e.g. 10.0.0.5:6379), ray://host:10001 or auto")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), CONNECT_TIMEOUT_S):
            pass
    except OSError as exc:
        raise ConfigError(_unreachable(address, exc.strerror or str(exc))) from None


def _unreachable(address: str, why: str) -> str:
    return (f"cannot reach the Ray cluster at {address} ({why}); start one with "
            "`ray start --head` and pass the address it prints, or leave out --address "
            "to start Ray on this machine")
