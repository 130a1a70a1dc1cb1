"""Report files are published whole: a crash or kill at any moment leaves one run's set.

The set is consistent when report.json, report.md and report.html all resolve into the
same run folder and each is that run's complete text.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import model_free_env

from factcheck.errors import StoreError
from factcheck.pipeline import unfinished
from factcheck.render import files
from factcheck.render.files import REPORT_FILES, publish, run_lock, write_atomic


def _texts(run: str) -> dict[str, str]:
    return {name: f"{name} of run {run}\n" * 50 for name in REPORT_FILES}


def _publish(out: Path, run: str) -> Path:
    return publish(out, run, {name: (lambda h, t=text: h.write(t) and None)
                              for name, text in _texts(run).items()})


def _state(out: Path) -> str | None:
    """Which run's complete set the top level shows (None: no set yet); fails when mixed."""
    present = [n for n in REPORT_FILES if (out / n).exists()]
    if not present:
        return None
    assert present == list(REPORT_FILES), f"incomplete set: {present}"
    contents = {n: (out / n).read_text(encoding="utf-8") for n in REPORT_FILES}
    runs = {run for run in ("1", "2") if contents == _texts(run)}
    assert len(runs) == 1, "a truncated or mixed report set"
    return runs.pop()


class Killed(BaseException):
    """Stands for kill -9 between two file-system operations."""


def _crash_at(monkeypatch: pytest.MonkeyPatch, step: int) -> list[int]:
    count = [0]
    real_replace, real_symlink = os.replace, Path.symlink_to

    def tick() -> None:
        count[0] += 1
        if count[0] == step:
            raise Killed

    def replace(src: object, dst: object) -> None:
        tick()
        real_replace(src, dst)  # type: ignore[arg-type]

    def symlink_to(self: Path, target: str) -> None:
        tick()
        real_symlink(self, target)
    monkeypatch.setattr(files.os, "replace", replace)
    monkeypatch.setattr(Path, "symlink_to", symlink_to)
    return count


def test_a_second_run_replaces_the_whole_set(tmp_path: Path) -> None:
    _publish(tmp_path, "1")
    _publish(tmp_path, "2")
    assert _state(tmp_path) == "2"
    assert (tmp_path / "runs" / "1" / "report.json").read_text() == _texts("1")["report.json"]


@pytest.mark.parametrize("legacy", [False, True], ids=["runs", "files written in place"])
def test_a_crash_at_any_step_leaves_one_runs_complete_set(tmp_path: Path, legacy: bool,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    step = 1
    while True:
        out = tmp_path / f"crash-{step}"
        out.mkdir()
        if legacy:  # what an older factcheck left: plain files, written in place
            for name, text in _texts("1").items():
                (out / name).write_text(text, encoding="utf-8")
        else:
            _publish(out, "1")
        count = _crash_at(monkeypatch, step)
        with contextlib.suppress(Killed):
            _publish(out, "2")
        monkeypatch.undo()
        assert _state(out) in ("1", "2")
        if count[0] < step:  # the publish ran to the end: every step has been crashed
            break
        _publish(out, "2")  # the next run cleans up after the killed one
        assert _state(out) == "2"
        assert not list((out / "runs").glob(".*"))
        step += 1
    assert step > 6


def test_write_atomic_leaves_the_old_file_on_a_crash(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    target = write_atomic(tmp_path / "report.md", "old\n")
    _crash_at(monkeypatch, 1)
    with pytest.raises(Killed):
        write_atomic(target, "new\n")
    monkeypatch.undo()
    assert target.read_text() == "old\n" and os.listdir(tmp_path) == ["report.md"]


def test_a_second_run_into_a_locked_folder_is_refused(tmp_path: Path) -> None:
    with run_lock(tmp_path), pytest.raises(StoreError, match=rf"pid {os.getpid()}\)"), \
            run_lock(tmp_path):
        pass
    with run_lock(tmp_path):  # released
        pass


STORY = ("The river rose to {n} metres on Tuesday, the water authority said. About {m} "
         "residents were evacuated, according to the mayor.\n")


def _factcheck(*args: str) -> subprocess.Popen[str]:
    env = model_free_env()
    return subprocess.Popen([sys.executable, "-m", "factcheck", "run", *args, "-q"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(3):
        text = "".join(STORY.format(n=k + i % 7, m=100 * i + k) for i in range(25))
        (folder / f"article{k}.txt").write_text(f"Flood report {k}\n\n{text}", encoding="utf-8")
    return folder


def _again(inputs: Path, out: Path) -> subprocess.Popen[str]:
    """Another run into ``out``: resuming the killed one, if it left one to resume."""
    if unfinished(out):
        return _factcheck("--resume", str(out))
    return _factcheck(str(inputs), "--out", str(out))


def _consistent(out: Path) -> int:
    """The run id the whole set belongs to; fails on a truncated or mixed set."""
    folders = {(out / n).resolve().parent for n in REPORT_FILES}
    assert len(folders) == 1, f"files from several runs: {folders}"
    json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (out / "report.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# ")
    return int(folders.pop().name)


def test_kill_9_during_a_run_never_leaves_a_broken_set(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = _factcheck(str(inputs), "--out", str(out))
    first.communicate(timeout=120)
    started = time.monotonic()
    _factcheck(str(inputs), "--out", str(out)).communicate(timeout=120)
    full = time.monotonic() - started
    seen = {_consistent(out)}
    for k in range(6):  # kill at moments spread over the second half of a run
        victim = _again(inputs, out)
        time.sleep(full * (0.5 + 0.1 * k))
        victim.send_signal(signal.SIGKILL)
        victim.communicate(timeout=60)
        seen.add(_consistent(out))
    assert len(seen) >= 1
    final = _again(inputs, out)
    _, stderr = final.communicate(timeout=120)
    assert final.returncode == 0, stderr and _consistent(out) > max(seen)
    assert not list((out / "runs").glob(".*"))


def test_concurrent_run_into_one_folder_gets_a_lock_error(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with run_lock(out):
        result = _factcheck(str(inputs), "--out", str(out))
        _, stderr = result.communicate(timeout=120)
    assert result.returncode == 1
    assert stderr.strip() == (f"error: {out}: another `factcheck run` (pid {os.getpid()}) is "
                              "writing here; wait for it to finish or pass another --out")
