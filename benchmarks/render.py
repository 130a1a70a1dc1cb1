"""Rendering benchmark: report files of one large run, timed as whole processes.

Writes a story whose main source is one big article (``--mb`` megabytes of feed.py
articles run together, the case that made rendering quadratic: every claim's passage
re-split the whole source) plus three short ones, into a temporary folder; runs
``factcheck run --engine local`` once, then ``factcheck report RUN --format F`` for json,
md and html, each in a fresh process under ``/usr/bin/time -v``. Prints wall time, peak
memory and output size per step.

    python benchmarks/render.py                 # 2 MB
    python benchmarks/render.py --mb 0.5 --keep /tmp/render-bench
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import feed

_WALL = r"Elapsed \(wall clock\) time.*: (\S+)"
_RSS = r"Maximum resident set size \(kbytes\): (\d+)"


def write_input(megabytes: float, folder: Path) -> int:
    """One article of about ``megabytes`` MB and three short ones; returns the big one's size."""
    parts = folder.parent / f"{folder.name}-parts"
    feed.write_story(600, parts)
    texts = [p.read_text(encoding="utf-8") for p in sorted(parts.iterdir())]
    shutil.rmtree(parts)
    folder.mkdir(parents=True)
    big, n = [], 0
    while sum(len(t.encode()) for t in big) < megabytes * 1e6:
        big.append(texts[n % len(texts)])
        n += 1
    (folder / "digest.txt").write_text("\n\n".join(big), encoding="utf-8")
    for k in range(3):
        (folder / f"article{k}.txt").write_text(texts[k], encoding="utf-8")
    return (folder / "digest.txt").stat().st_size


def timed(args: list[str], timeout: float) -> dict[str, float]:
    """Wall seconds and peak RSS (MiB) of one ``factcheck`` process."""
    command = ["/usr/bin/time", "-v", sys.executable, "-m", "factcheck", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if result.returncode not in (0, 2, 3):
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr[-2000:]}")
    wall = re.search(_WALL, result.stderr)
    rss = re.search(_RSS, result.stderr)
    assert wall and rss, result.stderr[-2000:]
    seconds = 0.0
    for part in wall.group(1).split(":"):
        seconds = seconds * 60 + float(part)
    return {"wall_s": round(seconds, 2), "rss_mib": round(int(rss.group(1)) / 1024, 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=2.0, help="size of the big article")
    parser.add_argument("--keep", type=Path, help="keep the input and run folder here")
    parser.add_argument("--timeout", type=float, default=1800)
    options = parser.parse_args(argv)
    root = options.keep or Path(tempfile.mkdtemp(prefix="factcheck-render-"))
    try:
        size = write_input(options.mb, root / "input")
        out = root / "run"
        limit = str(int(size * 1.5))
        rows = [("run (all stages)", timed(["run", str(root / "input"), "--out", str(out),
                                            "--max-bytes", limit, "-q"], options.timeout),
                 out / "report.html")]
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        for fmt in ("json", "md", "html"):
            target = root / f"report.{fmt}"
            rows.append((f"report --format {fmt}",
                         timed(["report", str(out), "--format", fmt, "--out", str(target)],
                               options.timeout), target))
        print(f"input: {size / 1e6:.2f} MB article + 3 short ones; "
              f"{report['summary']['claims']} claims, {report['summary']['checks']} checks")
        print(f"{'step':<22} {'wall s':>8} {'peak MiB':>9} {'output MB':>10}")
        for name, numbers, path in rows:
            print(f"{name:<22} {numbers['wall_s']:>8.2f} {numbers['rss_mib']:>9.1f} "
                  f"{path.stat().st_size / 1e6:>10.2f}")
    finally:
        if options.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
