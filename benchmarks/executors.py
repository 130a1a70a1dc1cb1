"""Local vs Ray executor: the same input run by each in a fresh process, one table.

Each step writes its input with ``feed.py`` into a temporary folder, runs ``factcheck run
--engine local`` with ``--executor local`` and then ``--executor ray`` (Ray started by the
run itself, on every core of this machine) under ``/usr/bin/time -v``, and checks that
both report.json files are equal apart from the run's timestamps and duration. Wall time
is the whole process, Ray's start-up and shut-down included; CPU time and peak memory are
the driver's (Ray's own processes are not its waited-for children).

    python benchmarks/executors.py                        # story:200 mixed:1000
    python benchmarks/executors.py --steps story:50 --keep /tmp/bench
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale

DEFAULT_STEPS = ["story:200", "mixed:1000"]


def _report(out: Path) -> dict[str, Any]:
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    for key in ("started_at", "finished_at", "duration_s"):
        data["run"].pop(key)
    return data


def measure(step: str, root: Path, timeout: float) -> list[dict[str, object]]:
    folder = root / step.replace(":", "-")
    scale.prepare(step, folder)
    rows = []
    for executor in ("local", "ray"):
        out = root / f"out-{step.replace(':', '-')}-{executor}"
        timed = scale.timed_run(folder, out, timeout, ["--executor", executor])
        rows.append({"step": step, "executor": executor, **timed,
                     **{k: v for k, v in scale.read_report(out).items() if k != "_report"}})
    same = _report(root / f"out-{step.replace(':', '-')}-local") == _report(
        root / f"out-{step.replace(':', '-')}-ray")
    rows[-1]["same_report"] = same
    return rows


def table(rows: list[dict[str, object]]) -> str:
    lines = ["| step | executor | sources | stories | claims | checks | wall s | driver CPU s "
             "| driver peak MiB | same report.json |", "|---|---|" + "---:|" * 7 + "---|"]
    for row in rows:
        same = {True: "yes", False: "NO"}.get(row.get("same_report"), "")  # type: ignore[call-overload]
        lines.append(f"| {row['step']} | {row['executor']} | {row['sources']} "
                     f"| {row['stories']} | {row['claims']:,} | {row['checks']:,} "
                     f"| {row['wall']:.1f} | {row['cpu']:.1f} | {row['rss_mib']:.0f} | {same} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", nargs="+", default=DEFAULT_STEPS)
    parser.add_argument("--timeout", type=float, default=600, help="seconds per run")
    parser.add_argument("--keep", type=Path, help="keep inputs and runs in this folder")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="factcheck-executors-"))
    root.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    try:
        for step in args.steps:
            rows += measure(step, root, args.timeout)
            print(json.dumps(rows[-2:]), file=sys.stderr, flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print(table(rows))
    if not all(row.get("same_report", True) for row in rows):
        raise SystemExit("the Ray executor's report differs from the local one")


if __name__ == "__main__":
    main()
