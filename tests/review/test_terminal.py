"""The terminal review, driven by scripted lines, through a pseudo-terminal and through tmux."""

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


def _lines(typed: Iterable[str]):  # type: ignore[no-untyped-def]
    """A line reader that plays ``typed`` and then ends input, as Ctrl+D would."""
    queue = list(typed)

    def read(prompt: str) -> str:
        if not queue:
            raise EOFError
        return queue.pop(0)
    return read


def _console() -> Console:
    return Console(file=io.StringIO(), width=110, color_system=None)


def _out(console: Console) -> str:
    return console.file.getvalue()  # type: ignore[attr-defined]


def _decisions(run_dir: Path) -> list[tuple[str, str, str | None, str | None]]:
    with open_run_store(run_dir) as store:
        return [(r.claim_id, r.decision.value, r.verdict and r.verdict.value, r.note)
                for r in history(store)]


def test_a_line_decides_with_its_note_and_each_save_is_confirmed(fire_run: Path) -> None:
    console = _console()
    made = review_terminal(fire_run, console, reviewer="Ann",
                           reader=_lines(["c", "3 why not, see the wire", "q"]))
    assert made == 2
    assert _decisions(fire_run) == [("blog#c2", "confirm", "contradicted", None),
                                    ("wire#c2", "set_verdict", "contradicted",
                                     "why not, see the wire")]
    out = _out(console)
    assert "#1 of 4" in out and "#2 of 4" in out and "2 decision(s) saved" in out
    assert "✓ Saved: confirm: contradicted on #1 blog#c2 by Ann" in out
    assert "✓ Saved: set verdict: contradicted on #2 wire#c2 by Ann" in out
    assert "note saved (21 characters)" in out


def test_a_long_note_typed_apart_is_kept_whole(fire_run: Path) -> None:
    note = "The fire service's own count, published the next morning, says 40; " * 5
    review_terminal(fire_run, _console(), reviewer="Ann", reader=_lines(["e", note, "m"]))
    assert _decisions(fire_run) == [("blog#c2", "needs_more_evidence", None, note.strip())]


def test_quitting_and_coming_back_resumes_at_the_first_pending(fire_run: Path) -> None:
    review_terminal(fire_run, _console(), reviewer="Ann", reader=_lines(["x", "q"]))
    console = _console()
    review_terminal(fire_run, console, reviewer="Bo", reader=_lines(["m"]))
    assert [d[:2] for d in _decisions(fire_run)] == [("blog#c2", "not_a_claim"),
                                                     ("wire#c2", "needs_more_evidence")]
    assert "#2 of 4" in _out(console)


def test_navigation_and_unknown_commands_decide_nothing(fire_run: Path) -> None:
    console = _console()
    review_terminal(fire_run, console, reviewer="Ann",
                    reader=_lines(["j", "n", "k", "z", "2"]))
    assert _decisions(fire_run) == [("wire#c2", "set_verdict", "partially_supported", None)]
    assert "unknown command 'z'" in _out(console)


def test_undo_withdraws_the_decision_just_saved(fire_run: Path) -> None:
    console = _console()
    review_terminal(fire_run, console, reviewer="Ann", reader=_lines(["x", "u", "q"]))
    assert [d[:2] for d in _decisions(fire_run)] == [("blog#c2", "not_a_claim"),
                                                     ("blog#c2", "undo")]
    assert "↶ Undone: not a claim on #1 blog#c2" in _out(console)
    console = _console()
    review_terminal(fire_run, console, reviewer="Ann", reader=_lines(["q"]))
    assert "#1 of 4" in _out(console)  # pending again


def test_the_list_and_the_evidence_come_a_page_at_a_time(fire_run: Path) -> None:
    console = _console()
    review_terminal(fire_run, console, reviewer="Ann", page_size=1,
                    reader=_lines(["l", "", "", "q"]))
    out = _out(console)
    assert "page 1 of 4" in out and "page 2 of 4" in out and "page 3 of 4" in out
    assert "sources 1-1 of 2 · Enter: next page" in out  # blog#c2 has two checks
    console = _console()
    review_terminal(fire_run, console, reviewer="Ann", page_size=1, reader=_lines(["", "q"]))
    assert "sources 2-2 of 2" in _out(console)


def test_search_jumps_to_matching_claims(fire_run: Path) -> None:
    console = _console()
    review_terminal(fire_run, console, reviewer="Ann",
                    reader=_lines(["/owner rebuild", "c", "/zeppelin", "q"]))
    assert [d[:2] for d in _decisions(fire_run)] == [("blog#c3", "confirm")]
    out = _out(console)
    assert "1 item(s) match 'owner rebuild'" in out and "nothing matches 'zeppelin'" in out


def test_asks_for_the_reviewer_and_an_empty_name_quits(fire_run: Path) -> None:
    assert review_terminal(fire_run, _console(), reader=_lines([""])) == 0
    review_terminal(fire_run, _console(), reader=_lines(["  Ci ", "4"]))
    with open_run_store(fire_run) as store:
        assert [(r.reviewer, r.verdict) for r in history(store)] == [("Ci", "not_mentioned")]


def test_article_markup_is_printed_as_text(fire_run: Path) -> None:
    console = _console()
    review_terminal(fire_run, console, reviewer="Ann", reader=_lines(["q"]))
    assert "<script>alert('x')</script>" in _out(console)


def test_finishing_the_queue_says_so(fire_run: Path) -> None:
    console = _console()
    assert review_terminal(fire_run, console, reviewer="Ann", reader=_lines("cccc")) == 4
    assert "All flagged claims are reviewed." in _out(console)
    console = _console()
    assert review_terminal(fire_run, console, reviewer="Ann", reader=_lines("c")) == 0
    assert "Nothing pending: 4 of 4" in _out(console)


def test_pasted_300_character_note_is_stored_whole_through_a_pseudo_terminal(
        fire_run: Path) -> None:
    note = ("Checked against the fire service statement of Wednesday morning: it gives 40 "
            "firefighters on the scene and names the witness quoted by the blog as a "
            "neighbour who arrived late; the blog's 90 seems to count volunteers and police. ")
    note = (note * 2)[:299].rstrip().ljust(299, "x") + "."
    assert len(note) == 300
    screen = _pty_session(fire_run, [("decide (? help)> ", "e\r"),
                                     ("Note (Enter keeps", note + "\r"),
                                     ("decide (? help)> ", "3\r"),
                                     ("#2 decide (? help)> ", "q\r")])
    assert "✓ Saved: set verdict: contradicted on #1 blog#c2 by Tess" in screen
    assert "note saved (300 characters)" in screen
    assert _decisions(fire_run) == [("blog#c2", "set_verdict", "contradicted", note)]


def _pty_session(run_dir: Path, script: list[tuple[str, str]], timeout: float = 30) -> str:
    """Run ``factcheck review --cli`` on a pseudo-terminal; for each (wait_for, send) pair,
    wait until the screen shows ``wait_for`` since the last send, then type ``send``."""
    import os
    import pty
    import select

    pid, fd = pty.fork()
    if pid == 0:  # the child: the review on the pseudo-terminal
        os.execv(sys.executable, [sys.executable, "-m", "factcheck", "review", str(run_dir),
                                  "--cli", "--reviewer", "Tess"])
    screen, seen = "", 0
    deadline = time.monotonic() + timeout
    try:
        for wait_for, send in [*script, ("decision(s) saved", "")]:
            while wait_for not in screen[seen:]:
                if time.monotonic() > deadline:
                    raise AssertionError(f"{wait_for!r} never appeared:\n{screen}")
                ready, _, _ = select.select([fd], [], [], 0.2)
                if ready:
                    try:
                        screen += os.read(fd, 65536).decode("utf-8", "replace")
                    except OSError:
                        break
            seen = len(screen)
            if send:
                os.write(fd, send.encode())
        return screen
    finally:
        os.close(fd)
        os.waitpid(pid, 0)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_real_terminal_under_tmux(fire_run: Path, tmp_path: Path) -> None:
    socket_name = f"factcheck-test-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", socket_name]
    command = (f"{sys.executable} -m factcheck review {fire_run} --cli --reviewer Tess; "
               "sleep 30")
    subprocess.run([*tmux, "new-session", "-d", "-x", "120", "-y", "50", command], check=True)
    try:
        _wait_for_screen(tmux, "#1 of 4")
        subprocess.run([*tmux, "send-keys", "3", "Enter"], check=True)
        _wait_for_screen(tmux, "#2 of 4")
        subprocess.run([*tmux, "send-keys", "j", "Enter"], check=True)
        _wait_for_screen(tmux, "#3 of 4")
        subprocess.run([*tmux, "send-keys", "x", "Enter"], check=True)
        _wait_for_screen(tmux, "#4 of 4")
        subprocess.run([*tmux, "send-keys", "q", "Enter"], check=True)
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
