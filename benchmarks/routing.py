"""Choose the hybrid engine's uncertain band on development data (factcheck/llm/data/routing.json).

The hybrid engine asks the model only about (claim, source) pairs whose built-in calibrated
confidence falls in a band [low, high]. The band is the confidence interval where the
built-in engine's binary decision (supported or not) is least accurate, among intervals
holding between MIN_SHARE and MAX_SHARE of the pairs: the model is asked where it can
change an answer, and rarely (the hybrid engine also caps the pairs it routes per claim).

Reads a fixed, seeded sample of every labelled pair file of ../shared/data, verifies each
pair with the built-in engine, and reports leave-one-dataset-out figures (band chosen on
the other groups, measured on the held-out one): share routed, built-in accuracy inside and
outside the band. The shipped band is chosen on all groups. Deterministic.

Usage: python benchmarks/routing.py [--data ../shared/data] [--per-file 250] [--check]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from factcheck.models import Claim, Source, Verdict
from factcheck.verify import verify_claim
from factcheck.verify.features import claim_from_text
from factcheck.verify.model import training_files

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "factcheck" / "llm" / "data" / "routing.json"
MIN_SHARE, MAX_SHARE = 0.03, 0.15
GRID = [round(0.02 * k, 2) for k in range(51)]


@dataclass(frozen=True)
class Outcome:
    group: str
    confidence: float
    right: bool


def sample(path: Path, per_file: int) -> list[dict[str, object]]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    rows.sort(key=lambda r: str(r["id"]))
    return random.Random(f"routing:{path.name}").sample(rows, min(per_file, len(rows)))


def outcome(row: dict[str, object]) -> Outcome:
    claim: Claim = claim_from_text(str(row["claim"]), "claim")
    doc = Source(id="doc", path="doc", format="jsonl", text=str(row["doc"]), sha256="0")
    check = verify_claim(claim, doc)
    said = check.verdict == Verdict.supported
    return Outcome(str(row["dataset"]).split("-")[0], check.confidence,
                   said == bool(row["supported"]))


def accuracy(items: list[Outcome]) -> float | None:
    return sum(o.right for o in items) / len(items) if items else None


def choose(items: list[Outcome]) -> tuple[float, float]:
    """The band of least built-in accuracy holding MIN_SHARE..MAX_SHARE of the pairs."""
    best: tuple[float, float, float] | None = None
    for i, low in enumerate(GRID):
        for high in GRID[i + 1:]:
            inside = [o for o in items if low <= o.confidence < high]
            if not MIN_SHARE <= len(inside) / len(items) <= MAX_SHARE:
                continue
            score = accuracy(inside) or 0.0
            if best is None or score < best[0] - 1e-9:
                best = (score, low, high)
    if best is None:
        raise SystemExit("no band holds the wanted share of pairs")
    return best[1], best[2]


def report(items: list[Outcome], band: tuple[float, float]) -> dict[str, float | None]:
    inside = [o for o in items if band[0] <= o.confidence < band[1]]
    outside = [o for o in items if not band[0] <= o.confidence < band[1]]
    return {"share_routed": round(len(inside) / len(items), 3),
            "builtin_accuracy_inside": _round(accuracy(inside)),
            "builtin_accuracy_outside": _round(accuracy(outside))}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def build(data: Path, per_file: int) -> dict[str, object]:
    files = training_files(data)
    if not files:
        sys.exit(f"no labelled pairs in {data}; pass --data with ../shared/data")
    items = [outcome(row) for f in files for row in sample(f, per_file)]
    lodo = {}
    for group in sorted({o.group for o in items}):
        band = choose([o for o in items if o.group != group])
        lodo[group] = {"band": list(band), **report([o for o in items if o.group == group],
                                                   band)}
    band = choose(items)
    return {"band": list(band), "pairs": len(items), "per_file": per_file,
            "files": [f.name for f in files], "all": report(items, band),
            "leave_one_dataset_out": lodo}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--per-file", type=int, default=250)
    parser.add_argument("--check", action="store_true",
                        help="fail if the result differs from the shipped file")
    args = parser.parse_args()
    result = build(args.data, args.per_file)
    text = json.dumps(result, indent=2) + "\n"
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT} differs from a fresh run of benchmarks/routing.py")
        print(f"{OUT} reproduced")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
