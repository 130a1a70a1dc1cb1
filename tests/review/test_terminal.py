"""The terminal review, driven by scripted key presses (and once through tmux)."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import pytest
from rich.console import Console

from factcheck.review.store import history, open_run_store
from factcheck.review.terminal import review_terminal


def _keys(presses: Iterable[str]):  # type: ignore[no-untyped-def]
    """A key reader that plays ``presses`` and then quits, as a person would."""
    queue = list(presses)
    return lambda: queue.pop(0) if queue else "q"


def _console() -> Console:
    return Console(file=io.StringIO(), width=110, color_system=None)


def _decisions(run_dir: Path) -> list[tuple[str, str, str | None, str | None]]:
    with open_run_store(run_dir) as store:
        return [(r.claim_id, r.decision.value, r.verdict and r.verdict.value, r.note)
                for r in history(store)]


def test_single_keys_decide_and_move_on(fire_run: Path) -> None:
    console = _console()
    made = review_terminal(fire_run, console, reviewer="Ann",
                           reader=_keys(["c", "e", *"why not", "\r", "3", "q"]))
    assert made == 2
    assert _decisions(fire_run) == [("blog#c2", "confirm", "contradicted", None),
                                    ("wire#c2", "set_verdict", "contradicted", "why not")]
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "#1 of 4" in out and "#2 of 4" in out and "2 decision(s) saved" in out


def test_quitting_and_coming_back_resumes_at_the_first_pending(fire_run: Path) -> None:
    review_terminal(fire_run, _console(), reviewer="Ann", reader=_keys(["x", "q"]))
    console = _console()
    review_terminal(fire_run, console, reviewer="Bo", reader=_keys(["m"]))
    assert [d[:2] for d in _decisions(fire_run)] == [("blog#c2", "not_a_claim"),
                                                     ("wire#c2", "needs_more_evidence")]
    assert "#2 of 4" in console.file.getvalue()  # type: ignore[attr-defined]


def test_navigation_and_unknown_keys_decide_nothing(fire_run: Path) -> None:
    console = _console()
    review_terminal(fire_run, console, reviewer="Ann",
                    reader=_keys(["j", "\x1b[C", "k", "z", "2"]))
    assert _decisions(fire_run) == [("wire#c2", "set_verdict", "partially_supported", None)]
    assert "unknown key 'z'" in console.file.getvalue()  # type: ignore[attr-defined]


def test_asks_for_the_reviewer_and_an_empty_name_quits(fire_run: Path) -> None:
    assert review_terminal(fire_run, _console(), reader=_keys(["\r"])) == 0
    review_terminal(fire_run, _console(), reader=_keys([*"Cy", "\x7f", "i", "\r", "4"]))
    with open_run_store(fire_run) as store:
        assert [(r.reviewer, r.verdict) for r in history(store)] == [("Ci", "not_mentioned")]


def test_article_markup_is_printed_as_text(fire_run: Path) -> None:
    console = _console()
    review_terminal(fire_run, console, reviewer="Ann", reader=_keys(["q"]))
    assert "<script>alert('x')</script>" in console.file.getvalue()  # type: ignore[attr-defined]


def test_finishing_the_queue_says_so(fire_run: Path) -> None:
    console = _console()
    assert review_terminal(fire_run, console, reviewer="Ann", reader=_keys("cccc")) == 4
    assert "All flagged claims are reviewed." in console.file.getvalue()  # type: ignore[attr-defined]
    console = _console()
    assert review_terminal(fire_run, console, reviewer="Ann", reader=_keys("c")) == 0
    assert "Nothing pending: 4 of 4" in console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_real_terminal_under_tmux(fire_run: Path, tmp_path: Path) -> None:
    socket_name = f"factcheck-test-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", socket_name]
    command = (f"{sys.executable} -m factcheck review {fire_run} --cli --reviewer Tess; "
               "sleep 30")
    subprocess.run([*tmux, "new-session", "-d", "-x", "120", "-y", "50", command], check=True)
    try:
        _wait_for_screen(tmux, "#1 of 4")
        subprocess.run([*tmux, "send-keys", "3"], check=True)
        _wait_for_screen(tmux, "#2 of 4")
        subprocess.run([*tmux, "send-keys", "Right"], check=True)
        _wait_for_screen(tmux, "#3 of 4")
        subprocess.run([*tmux, "send-keys", "x"], check=True)
        _wait_for_screen(tmux, "#4 of 4")
        subprocess.run([*tmux, "send-keys", "q"], check=True)
        _wait_for_screen(tmux, "2 decision(s) saved")
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)
    decided = [(d[0], d[1]) for d in _decisions(fire_run)]
    assert decided[0] == ("blog#c2", "set_verdict") and decided[1][1] == "not_a_claim"


def _wait_for_screen(tmux: list[str], text: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True,
                                text=True, check=False).stdout
        if text in screen:
            return
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared on the terminal:\n{screen}")
