"""Benchmark the offline run: wall-clock time and peak memory against the number of sources.

Runs ``factcheck run`` (local engine) in a fresh process on the seeds and on generated
stories of 10, 25 and 50 sources: the seeds with paragraphs reordered and figures varied,
so that no two sources are exact duplicates. Each size runs in its own process so its peak
resident memory (ru_maxrss) is its own.

    python benchmarks/run_benchmark.py [--sizes 10 25 50] [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{3,}\b(?!\s*(?:AM|PM|a\.m\.|p\.m\.))")


def vary_figures(text: str, rng: random.Random) -> str:
    """Scale multi-digit figures by up to +-30% (years are left alone)."""
    def scale(match: re.Match[str]) -> str:
        value = int(match.group().replace(",", ""))
        if 1900 <= value <= 2100:
            return match.group()
        return f"{round(value * rng.uniform(0.7, 1.3)):,}"
    return _NUMBER.sub(scale, text)


def reorder_paragraphs(text: str, rng: random.Random) -> str:
    """Keep the first paragraph (title or lead) and shuffle the rest."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    head, rest = paragraphs[:1], paragraphs[1:]
    rng.shuffle(rest)
    return "\n\n".join(head + rest) + "\n"


def generate_story(size: int, folder: Path, seed: int = 7) -> list[Path]:
    """Write ``size`` sources derived from the seeds into ``folder``."""
    rng = random.Random(seed)
    seeds = sorted(SEEDS.glob("*.txt"))
    paths = []
    for n in range(size):
        base = seeds[n % len(seeds)]
        text = base.read_text(encoding="utf-8")
        if n >= len(seeds):
            text = vary_figures(reorder_paragraphs(text, rng), rng)
        path = folder / f"{n:03d}_{base.stem.split('_')[-1]}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def measure(input_dir: Path, out_dir: Path, code: Path | None = None) -> dict[str, float]:
    """One run of the CLI in a child process: seconds, CPU seconds and that child's peak
    RSS in MiB. With ``code``, that checkout's package is imported instead (run from
    ``out_dir``'s parent, so the current folder shadows nothing)."""
    env = os.environ | {"PYTHONPATH": str(code)} if code else None
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "factcheck", "run", str(input_dir),
                              "--out", str(out_dir), "--engine", "local", "--quiet"],
                             env=env, cwd=out_dir.parent if code else None,
                             stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"factcheck run failed on {input_dir} (status {status})")
    report = json.loads((out_dir / "report.json").read_text(encoding="utf-8"))
    return {"seconds": round(seconds, 3), "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
            "claims": report["summary"]["claims"], "checks": report["summary"]["checks"]}


def run(sizes: list[int], repeat: int) -> list[dict[str, float]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in [0, *sizes]:
            folder = SEEDS if size == 0 else Path(tmp) / f"story-{size}"
            if size:
                folder.mkdir()
                generate_story(size, folder)
            runs = [measure(folder, Path(tmp) / f"out-{size}-{i}") for i in range(repeat)]
            best = min(runs, key=lambda r: r["seconds"])
            results.append({"sources": size or len(list(SEEDS.glob("*.txt"))), **best})
            print(json.dumps(results[-1]), flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 25, 50])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; best is kept")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    results = run(args.sizes, args.repeat)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
