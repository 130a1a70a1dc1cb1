"""Train, evaluate and write the built-in verifier (factcheck/verify/data/verifier.json).

Reads the labelled claim/document pairs in ../shared/data (see its README), computes the
features of factcheck.verify.features for every pair, and:

1. scores leave-one-dataset-out (train on four groups, test on the fifth; WiCE, SummEdits
   as one group, FRANK, Climate-FEVER, Factcheck-Bench) the binary "supported" decision,
   next to a word-overlap baseline whose threshold is chosen the same way (on the training
   groups only), with AUC and a reliability table of the held-out confidences;
2. fits the shipped model on all groups: out-of-fold predictions give the isotonic
   calibration and the threshold (the one maximising the mean per-dataset balanced
   accuracy), then the trees are refitted on everything;
3. does the same for the "mentioned at all" model on the sets that label unrelated
   passages (Climate-FEVER, Factcheck-Bench).

Deterministic: fixed seed, one thread, sorted inputs. Usage (needs the [train] extra):
    python benchmarks/verifier/train.py [--data ../shared/data] [--cache FILE] [--check]
``--check`` retrains and fails if the result differs from the shipped file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.verifier import learn
from factcheck.verify.features import FEATURES
from factcheck.verify.model import TRAINING_FILES, training_data_hash, training_files

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "factcheck" / "verify" / "data" / "verifier.json"


@dataclass
class Pairs:
    """Every labelled pair, featurised, with its group and labels."""

    datasets: np.ndarray
    groups: np.ndarray
    x: np.ndarray
    supported: np.ndarray
    mentioned: np.ndarray
    partial: np.ndarray
    baseline: np.ndarray


def group_of(dataset: str) -> str:
    """The leave-out unit: the data set, with SummEdits' seven domains as one."""
    return dataset.split("-")[0]


def data_files(data: Path) -> list[Path]:
    files = training_files(data)
    if not files:
        sys.exit(f"no labelled pairs in {data} (expected {', '.join(TRAINING_FILES)}); "
                 "pass --data with the folder described in its README")
    return files


def read_rows(files: list[Path]) -> list[dict[str, object]]:
    rows = []
    for f in files:
        with gzip.open(f, "rt", encoding="utf-8") as lines:
            rows.extend(json.loads(line) for line in lines if line.strip())
    return sorted(rows, key=lambda r: (str(r["dataset"]), str(r["id"])))


def load(data: Path, cache: Path | None) -> tuple[Pairs, str]:
    files = data_files(data)
    sha = training_data_hash(files)
    key = f"{sha}:{','.join(FEATURES)}:{','.join(Pairs.__dataclass_fields__)}"
    if cache and cache.exists():
        stored = np.load(cache, allow_pickle=False)
        if str(stored["key"]) == key:
            return Pairs(*(stored[f] for f in Pairs.__dataclass_fields__)), sha
    pairs = learn.featurize_rows(read_rows(files))
    if cache:
        np.savez_compressed(cache, key=np.array(key), **pairs.__dict__)
    return pairs, sha


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--cache", type=Path, help="reuse features computed by an earlier run")
    parser.add_argument("--check", action="store_true",
                        help="fail if retraining does not reproduce the shipped file")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    pairs, sha = load(args.data, args.cache)
    print(f"{len(pairs.x)} pairs, {len(set(pairs.groups))} groups, data sha256 {sha[:12]}")
    report = learn.leave_one_dataset_out(pairs)
    print(learn.format_report(report))
    model = learn.fit_shipped(pairs, sha, report)
    text = json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n"
    if args.check:
        same = args.out.exists() and args.out.read_text("utf-8") == text
        sys.exit(0 if same else f"{args.out} differs from a fresh training run")
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT)} ({len(text) // 1024} KiB)")


if __name__ == "__main__":
    main()
