"""Feed-scale benchmark: one table of size, work done, time, memory and report size.

The ratio columns compare a step with the previous step of the same kind: wall time, and
CPU time (the steadier of the two on a shared machine).

Each step writes its input with ``feed.py`` into a temporary folder (never the
repository), runs ``factcheck run --engine local`` under ``/usr/bin/time -v`` in a fresh
process and reads the whole-process wall time, CPU time (user + system) and peak resident
memory from it. Steps: one story of 10, 50, 200 and 1,000 sources; a mixed feed of 1,000
articles over 40 events; the 839 distinct PolNeAR texts (skipped when ../shared/data is
absent). On the mixed feed it also scores story grouping against the generator's events
(purity, completeness) and counts checks between articles of different events.

    python benchmarks/scale.py                          # every step
    python benchmarks/scale.py --steps story:10 story:50 mixed:200 --timeout 300
    python benchmarks/scale.py --keep /tmp/bench        # keep inputs and run folders
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import feed

DEFAULT_STEPS = ["story:10", "story:50", "story:200", "story:1000", "mixed:1000", "polnear"]
_TIME_FIELDS = {"wall": r"Elapsed \(wall clock\) time.*: (\S+)",
                "user": r"User time \(seconds\): (\S+)", "sys": r"System time \(seconds\): (\S+)",
                "rss_kib": r"Maximum resident set size \(kbytes\): (\d+)"}


def _seconds(clock: str) -> float:
    """``h:mm:ss`` or ``m:ss.ss`` as seconds."""
    total = 0.0
    for part in clock.split(":"):
        total = total * 60 + float(part)
    return total


def prepare(step: str, folder: Path) -> dict[str, str] | None:
    """Write the step's input into ``folder``; the true events for a mixed feed."""
    kind, _, size = step.partition(":")
    if kind == "story":
        feed.write_story(int(size), folder)
    elif kind == "mixed":
        return feed.write_mixed(int(size), folder)
    elif kind == "polnear":
        feed.write_polnear(folder)
    else:
        raise SystemExit(f"unknown step {step!r}: use story:N, mixed:N or polnear")
    return None


def timed_run(folder: Path, out: Path, timeout: float, extra: list[str]) -> dict[str, float]:
    """Run the CLI under /usr/bin/time -v; wall, cpu and peak RSS of the whole process."""
    command = ["/usr/bin/time", "-v", sys.executable, "-m", "factcheck", "run", str(folder),
               "--out", str(out), "--engine", "local", "--quiet", *extra]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, start_new_session=True)
    try:
        _, stderr = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)  # the run under time(1) too, not only time
        child.communicate()
        return {"timeout": timeout}
    done = subprocess.CompletedProcess(command, child.returncode, "", stderr)
    if done.returncode not in (0, 2):
        raise SystemExit(f"factcheck run failed on {folder}:\n{done.stderr[-2000:]}")
    found = {k: re.search(p, done.stderr) for k, p in _TIME_FIELDS.items()}
    values = {k: m.group(1) for k, m in found.items() if m}
    return {"wall": _seconds(values["wall"]),
            "cpu": float(values["user"]) + float(values["sys"]),
            "rss_mib": int(values["rss_kib"]) / 1024}


def read_report(out: Path) -> dict[str, object]:
    path = out / "report.json"
    report = json.loads(path.read_text(encoding="utf-8"))
    summary = report["summary"]
    stories = report.get("stories") or [{"sources": [s["id"] for s in report["sources"]]}]
    return {"sources": summary["sources"], "stories": len(stories), "claims": summary["claims"],
            "checks": summary["checks"], "report_mb": path.stat().st_size / 1e6,
            "contradictions": summary["verdicts"].get("contradicted", 0), "_report": report}


def grouping_scores(report: dict[str, object], truth: dict[str, str]) -> dict[str, float]:
    """Purity and completeness of the run's stories against the true events, and the
    checks and contradictions made between articles of different events."""
    stem = {s["id"]: Path(s["path"]).stem for s in report["sources"]}  # type: ignore[index]
    stories = report.get("stories") or [{"sources": list(stem)}]  # type: ignore[attr-defined]
    story_of = {sid: n for n, story in enumerate(stories) for sid in story["sources"]}
    event = {sid: truth[stem[sid]] for sid in stem}
    pairs = Counter((story_of[sid], event[sid]) for sid in stem)
    by_story: Counter[int] = Counter()
    by_event: Counter[str] = Counter()
    for (story, ev), n in pairs.items():
        by_story[story] = max(by_story[story], n)
        by_event[ev] = max(by_event[ev], n)
    cross = [k for c in report["claims"] for k in c["checks"]  # type: ignore[index]
             if event[k["source_id"]] != event[c["source_id"]]]
    return {"purity": sum(by_story.values()) / len(stem),
            "completeness": sum(by_event.values()) / len(stem),
            "cross_checks": len(cross),
            "cross_contradictions": sum(k["verdict"] == "contradicted" for k in cross)}


def measure(step: str, root: Path, timeout: float, extra: list[str]) -> dict[str, object]:
    folder, out = root / step.replace(":", "-"), root / f"out-{step.replace(':', '-')}"
    truth = prepare(step, folder)
    row: dict[str, object] = {"step": step, **timed_run(folder, out, timeout, extra)}
    if "timeout" in row:
        return row
    row.update(read_report(out))
    if truth is not None:
        row.update(grouping_scores(row["_report"], truth))  # type: ignore[arg-type]
    row.pop("_report")
    return row


def table(rows: list[dict[str, object]]) -> str:
    head = ("| step | sources | stories | claims | checks | wall s | CPU s | peak RSS MiB "
            "| report.json MB | wall ratio | CPU ratio (sources ratio) |")
    lines = [head, "|---|" + "---:|" * 10]
    previous: dict[str, object] | None = None
    for row in rows:
        if "timeout" in row:
            lines.append(f"| {row['step']} | killed after {row['timeout']:.0f} s |")
            previous = None
            continue
        ratio = " | "
        if previous and str(row["step"]).split(":")[0] == str(previous["step"]).split(":")[0]:
            ratio = (f"{float(row['wall']) / float(previous['wall']):.2f}x | "  # type: ignore[arg-type]
                     f"{float(row['cpu']) / float(previous['cpu']):.2f}x "  # type: ignore[arg-type]
                     f"({int(row['sources']) / int(previous['sources']):.0f}x)")  # type: ignore[call-overload]
        lines.append(f"| {row['step']} | {row['sources']} | {row['stories']} | {row['claims']:,} "
                     f"| {row['checks']:,} | {row['wall']:.1f} | {row['cpu']:.1f} "
                     f"| {row['rss_mib']:.0f} | {row['report_mb']:.1f} | {ratio} |")
        previous = row
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", nargs="+", default=DEFAULT_STEPS)
    parser.add_argument("--timeout", type=float, default=600, help="seconds per run")
    parser.add_argument("--keep", type=Path, help="keep inputs and runs in this folder")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("run_args", nargs="*", help="extra 'factcheck run' options, after --")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="factcheck-scale-"))
    root.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for step in args.steps:
            if step == "polnear" and not feed.POLNEAR.exists():
                print(f"polnear: skipped, {feed.POLNEAR} not found", file=sys.stderr)
                continue
            rows.append(measure(step, root, args.timeout, args.run_args))
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print(table(rows))
    extras = [r for r in rows if "purity" in r]
    for r in extras:
        print(f"{r['step']}: story purity {r['purity']:.3f}, completeness "
              f"{r['completeness']:.3f}; checks across events {r['cross_checks']}, "
              f"contradictions across events {r['cross_contradictions']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
