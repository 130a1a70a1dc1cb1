"""A run directory's report files, published whole: never truncated, never mixed.

Each run's files are written into their own folder ``runs/<run id>/`` (in a hidden
temporary folder first, renamed into place once complete and synced); then the ``latest``
symlink is switched to it in one atomic rename. ``OUT/report.json``, ``report.md`` and
``report.html`` are fixed symlinks through ``latest``, so a reader sees one run's complete
set, whatever moment a run is killed. One run at a time may write a directory: ``run_lock``.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from factcheck.errors import StoreError

RUNS, LATEST, LOCK = "runs", "latest", ".factcheck.lock"
REPORT_FILES = ("report.json", "report.md", "report.html")
LEGACY = "before-runs"
"""Folder under runs/ for report files written in place by an older factcheck."""


Writer = Callable[[TextIO], None]
"""Writes one file's content to an open text handle (streamed, never one string)."""


def write_atomic(path: Path, text: str | Writer) -> Path:
    """Whole file or nothing: written and synced beside the target, then renamed over it."""
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        with partial.open("w", encoding="utf-8", newline="") as handle:
            if isinstance(text, str):
                handle.write(text)
            else:
                text(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def publish(out_dir: Path, run_name: str, files: dict[str, Writer]) -> Path:
    """Write ``files`` (name -> writer) as run ``run_name`` and make it the latest."""
    runs = out_dir / RUNS
    runs.mkdir(parents=True, exist_ok=True)
    _clear_partial(runs)
    _adopt_legacy(out_dir)
    staging = runs / f".{run_name}.partial-{os.getpid()}"
    staging.mkdir()
    for name, write in files.items():
        write_atomic(staging / name, write)
    _sync(staging)
    final = runs / run_name
    if final.exists():  # a run id is never reused: only a killed publish left this
        shutil.rmtree(final)
    os.replace(staging, final)
    _sync(runs)
    _link(out_dir / LATEST, f"{RUNS}/{run_name}")
    for name in files:
        _link(out_dir / name, f"{LATEST}/{name}")
    return final


def _link(path: Path, target: str) -> None:
    """Point ``path`` at ``target`` in one rename (a reader sees the old or the new link)."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    fresh = path.with_name(f".{path.name}.link-{os.getpid()}")
    fresh.unlink(missing_ok=True)
    fresh.symlink_to(target)
    os.replace(fresh, path)
    _sync(path.parent)


def _adopt_legacy(out_dir: Path) -> None:
    """Files an older factcheck wrote in place move under runs/ first, so that turning them
    into links never shows a mix of this run's files and theirs."""
    plain = [n for n in REPORT_FILES if (out_dir / n).is_file() and not (out_dir / n).is_symlink()]
    if not plain or (out_dir / LATEST).exists():
        return
    legacy = out_dir / RUNS / LEGACY
    legacy.mkdir(exist_ok=True)
    for name in plain:
        shutil.copy2(out_dir / name, legacy / name)
    _sync(legacy)
    _link(out_dir / LATEST, f"{RUNS}/{LEGACY}")
    for name in plain:
        _link(out_dir / name, f"{LATEST}/{name}")


def _clear_partial(runs: Path) -> None:
    """Half-written folders of killed runs (only the lock holder ever writes here)."""
    for leftover in runs.glob(".*.partial-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _sync(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def run_lock(out_dir: Path) -> Iterator[None]:
    """Hold ``OUT/.factcheck.lock`` for a whole run; a second run into OUT fails at once."""
    out_dir.mkdir(parents=True, exist_ok=True)
    handle = (out_dir / LOCK).open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise StoreError(f"{out_dir}: another `factcheck run` (pid {holder}) is writing "
                             "here; wait for it to finish or pass another --out") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()
