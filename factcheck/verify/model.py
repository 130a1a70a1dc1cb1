"""The shipped verifier model: boosted trees and calibration maps read from JSON.

The file ``data/verifier.json`` is written by ``benchmarks/verifier/train.py`` from the
labelled public data; it holds two tree ensembles (is the claim *supported* by the
document? is it *mentioned* at all?), each with an isotonic calibration map fitted on
held-out predictions, and the thresholds chosen on development folds. Evaluation is plain
Python (a few hundred comparisons per pair), so the package needs no learner at run time
and loads no executable format.
"""

from __future__ import annotations

import hashlib
import json
import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from factcheck.errors import VerifierModelError
from factcheck.verify.features import FEATURES

MODEL_FILE = "verifier.json"
TRAINING_FILES = ("wice_*.jsonl.gz", "summedits_*.jsonl.gz", "frank.jsonl.gz",
                  "climate_fever.jsonl.gz", "factcheck_gpt_stance.jsonl.gz")
"""The labelled pair files of ../shared/data the model is trained on."""


@dataclass(frozen=True)
class Tree:
    """Internal nodes as (feature, threshold, left, right); a negative child ``~i`` is leaf i."""

    splits: tuple[tuple[int, float, int, int], ...]
    leaves: tuple[float, ...]

    def value(self, x: Sequence[float]) -> float:
        node = 0 if self.splits else -1
        while node >= 0:
            feature, threshold, left, right = self.splits[node]
            node = left if x[feature] <= threshold else right
        return self.leaves[~node]


@dataclass(frozen=True)
class Calibration:
    """Isotonic map from raw probability to observed frequency (linear between points)."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]

    def __call__(self, p: float) -> float:
        if p <= self.xs[0]:
            return self.ys[0]
        if p >= self.xs[-1]:
            return self.ys[-1]
        i = bisect_right(self.xs, p) - 1
        x0, x1, y0, y1 = self.xs[i], self.xs[i + 1], self.ys[i], self.ys[i + 1]
        return y0 + (y1 - y0) * (p - x0) / (x1 - x0) if x1 > x0 else y1


@dataclass(frozen=True)
class Scorer:
    """One ensemble: calibrated probability and the threshold chosen on development folds."""

    trees: tuple[Tree, ...]
    calibration: Calibration
    threshold: float

    def raw(self, x: Sequence[float]) -> float:
        margin = sum(t.value(x) for t in self.trees)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, margin))))

    def probability(self, x: Sequence[float]) -> float:
        return self.calibration(self.raw(x))


@dataclass(frozen=True)
class VerifierModel:
    features: tuple[str, ...]
    supported: Scorer
    mentioned: Scorer
    partial_cover: float
    """Aligned coverage a partial verdict needs (chosen on labelled partial support)."""
    data_sha256: str


def _tree(raw: dict[str, Any]) -> Tree:
    return Tree(tuple((int(f), float(t), int(a), int(b)) for f, t, a, b in raw["splits"]),
                tuple(float(v) for v in raw["leaves"]))


def _scorer(raw: dict[str, Any]) -> Scorer:
    cal = raw["calibration"]
    return Scorer(tuple(_tree(t) for t in raw["trees"]),
                  Calibration(tuple(cal["x"]), tuple(cal["y"])), float(raw["threshold"]))


def parse(document: dict[str, Any]) -> VerifierModel:
    """A model from the file's JSON; refuses one trained on a different feature list."""
    features = tuple(document["features"])
    if features != tuple(FEATURES):
        raise VerifierModelError(
            f"{MODEL_FILE} was trained on other features than factcheck.verify.features "
            "computes; rebuild it with: python benchmarks/verifier/train.py")
    return VerifierModel(features, _scorer(document["supported"]),
                         _scorer(document["mentioned"]), float(document["partial_cover"]),
                         str(document["data_sha256"]))


def read_document() -> dict[str, Any]:
    path = resources.files("factcheck.verify").joinpath("data", MODEL_FILE)
    try:
        return dict(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError) as exc:
        raise VerifierModelError(f"cannot read the verifier model {MODEL_FILE}: {exc}; "
                             "reinstall factcheck or rebuild it with "
                             "python benchmarks/verifier/train.py") from exc


@cache
def load() -> VerifierModel:
    """The shipped model (read once per process)."""
    try:
        return parse(read_document())
    except (KeyError, TypeError, ValueError) as exc:
        raise VerifierModelError(f"{MODEL_FILE} is malformed ({exc!r}); rebuild it with "
                             "python benchmarks/verifier/train.py") from exc


def training_files(folder: Path) -> list[Path]:
    return sorted({f for pattern in TRAINING_FILES for f in folder.glob(pattern)})


def training_data_hash(files: Sequence[Path]) -> str:
    """The digest the model file records, to tell which data it was trained on."""
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.name.encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()
