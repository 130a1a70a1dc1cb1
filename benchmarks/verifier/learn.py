"""Featurising, fitting, scoring and exporting for train.py (kept apart to stay short)."""

from __future__ import annotations

from multiprocessing import Pool
from typing import TYPE_CHECKING, Any

import lightgbm as lgb
import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import roc_auc_score

from factcheck.language.retrieval import analyse
from factcheck.verify.features import FEATURES, claim_from_text, featurize, statement_cover

if TYPE_CHECKING:
    from benchmarks.verifier.train import Pairs

SEED = 7
PARAMS: dict[str, Any] = {
    "objective": "binary", "n_estimators": 150, "learning_rate": 0.06, "num_leaves": 8,
    "min_child_samples": 200, "subsample": 1.0, "colsample_bytree": 1.0,
    "monotone_constraints": list(FEATURES.values()), "monotone_constraints_method": "advanced",
    "random_state": SEED, "n_jobs": 1, "deterministic": True, "force_row_wise": True,
    "verbose": -1,
}
PARTIAL_LABELS = {"partially_supported": 1, "not_mentioned": 0, "not_supported": 0}
"""Sets that tell a partly covered claim from an unrelated or unsupported one (FCB, WiCE)."""
MENTION_SETS = ("climate", "factcheck")
"""The groups that label unrelated passages (``not_mentioned``)."""


def _one(row: dict[str, Any]) -> tuple[list[float], float]:
    claim, doc = str(row["claim"]), str(row["doc"])
    terms = set(analyse(claim))
    overlap = len(terms & set(analyse(doc))) / len(terms) if terms else 1.0
    return featurize(claim_from_text(claim), doc).vector(), overlap


def featurize_rows(rows: list[dict[str, Any]]) -> Pairs:
    from benchmarks.verifier.train import Pairs, group_of

    with Pool(2) as pool:
        done = pool.map(_one, rows, chunksize=64)
    datasets = np.array([str(r["dataset"]) for r in rows])
    return Pairs(datasets=datasets, groups=np.array([group_of(d) for d in datasets]),
                 x=np.array([v for v, _ in done]),
                 supported=np.array([int(r["supported"]) for r in rows]),
                 mentioned=np.array([int(r["label"] != "not_mentioned") for r in rows]),
                 partial=np.array([PARTIAL_LABELS.get(str(r["label"]), -1) for r in rows]),
                 baseline=np.array([b for _, b in done]))


def balanced_accuracy(y: np.ndarray, predicted: np.ndarray) -> float:
    rates = [float(np.mean(predicted[y == c] == c)) for c in (0, 1) if np.any(y == c)]
    return float(np.mean(rates))


def best_threshold(scores: np.ndarray, y: np.ndarray, sets: np.ndarray) -> float:
    """The cut maximising the mean per-set balanced accuracy (ties: the middle one)."""
    grid = np.unique(np.quantile(scores, np.linspace(0.01, 0.99, 197)))
    means = np.array([np.mean([balanced_accuracy(y[sets == s], scores[sets == s] >= t)
                               for s in np.unique(sets)]) for t in grid])
    best = np.flatnonzero(means >= means.max() - 1e-12)
    return float(grid[best[len(best) // 2]])


def fit(x: np.ndarray, y: np.ndarray) -> lgb.LGBMClassifier:
    return lgb.LGBMClassifier(**PARAMS).fit(x, y)


def out_of_fold(x: np.ndarray, y: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """Raw probabilities, each row predicted by a model that never saw its fold."""
    raw = np.zeros(len(y))
    for fold in np.unique(folds):
        held = folds == fold
        raw[held] = fit(x[~held], y[~held]).predict_proba(x[held])[:, 1]
    return raw


def calibrated(x: np.ndarray, y: np.ndarray, folds: np.ndarray,
               sets: np.ndarray) -> tuple[IsotonicRegression, float]:
    """Isotonic map fitted on out-of-fold predictions, and the threshold chosen on them."""
    raw = out_of_fold(x, y, folds)
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(raw, y)
    return iso, best_threshold(iso.predict(raw), y, sets)


def _mention_folds(pairs: Pairs, rows: np.ndarray) -> np.ndarray:
    """Five folds by row order inside the mention sets (they are only two groups)."""
    return np.arange(int(rows.sum())) % 5


def held_out(pairs: Pairs, group: str) -> dict[str, Any]:
    """Train on every group but ``group``; score it with thresholds from the others."""
    train, test = pairs.groups != group, pairs.groups == group
    x, y = pairs.x[train], pairs.supported[train]
    iso, cut = calibrated(x, y, pairs.groups[train], pairs.groups[train])
    p = iso.predict(fit(x, y).predict_proba(pairs.x[test])[:, 1])
    base_cut = best_threshold(pairs.baseline[train], y, pairs.groups[train])
    yt = pairs.supported[test]
    return {"group": group, "rows": int(test.sum()), "ba": balanced_accuracy(yt, p >= cut),
            "baseline_ba": balanced_accuracy(yt, pairs.baseline[test] >= base_cut),
            "auc": float(roc_auc_score(yt, p)),
            "baseline_auc": float(roc_auc_score(yt, pairs.baseline[test])),
            "threshold": cut, "p": p, "y": yt, "decided": p >= cut}


def mention_cross(pairs: Pairs) -> list[dict[str, Any]]:
    """The mention model trained on one labelled set, scored on the other."""
    results = []
    for group in MENTION_SETS:
        train = np.isin(pairs.groups, MENTION_SETS) & (pairs.groups != group)
        test = pairs.groups == group
        x, y = pairs.x[train], pairs.mentioned[train]
        iso, cut = calibrated(x, y, _mention_folds(pairs, train), pairs.groups[train])
        p = iso.predict(fit(x, y).predict_proba(pairs.x[test])[:, 1])
        results.append({"group": group, "ba": balanced_accuracy(pairs.mentioned[test], p >= cut),
                        "auc": float(roc_auc_score(pairs.mentioned[test], p))})
    return results


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict[str, float]]:
    """Held-out confidence against the observed rate, per tenth."""
    table = []
    for i in range(bins):
        inside = (p >= i / bins) & ((p < (i + 1) / bins) | (i == bins - 1))
        if inside.any():
            table.append({"bin": f"{i / bins:.1f}-{(i + 1) / bins:.1f}",
                          "n": int(inside.sum()), "confidence": float(p[inside].mean()),
                          "observed": float(y[inside].mean())})
    return table


def leave_one_dataset_out(pairs: Pairs) -> dict[str, Any]:
    results = [held_out(pairs, g) for g in sorted(set(pairs.groups))]
    p = np.concatenate([r["p"] for r in results])
    y = np.concatenate([r["y"] for r in results])
    decided = np.concatenate([r["decided"] for r in results])
    said = decided.astype(bool)
    return {"groups": [{k: v for k, v in r.items() if k not in {"p", "y", "decided"}}
                       for r in results],
            "reliability": reliability(p, y),
            "supported_confidence": float(p[said].mean()) if said.any() else 0.0,
            "supported_precision": float(y[said].mean()) if said.any() else 0.0,
            "mention": mention_cross(pairs)}


def format_report(report: dict[str, Any]) -> str:
    lines = ["leave-one-dataset-out, binary supported (threshold from the training groups)",
             f"{'held out':<22}{'rows':>6}{'BA':>7}{'base BA':>9}{'AUC':>7}{'base AUC':>10}"]
    for r in report["groups"]:
        lines.append(f"{r['group']:<22}{r['rows']:>6}{r['ba']:>7.3f}{r['baseline_ba']:>9.3f}"
                     f"{r['auc']:>7.3f}{r['baseline_auc']:>10.3f}")
    mean = {k: np.mean([r[k] for r in report["groups"]])
            for k in ("ba", "baseline_ba", "auc", "baseline_auc")}
    lines.append(f"{'mean':<22}{'':>6}{mean['ba']:>7.3f}{mean['baseline_ba']:>9.3f}"
                 f"{mean['auc']:>7.3f}{mean['baseline_auc']:>10.3f}")
    lines.append("reliability of held-out confidence (supported):")
    lines += [f"  {b['bin']}  n={b['n']:>5}  confidence {b['confidence']:.3f}  "
              f"observed {b['observed']:.3f}" for b in report["reliability"]]
    lines.append(f"checks decided supported: mean confidence {report['supported_confidence']:.3f}"
                 f", precision {report['supported_precision']:.3f}")
    lines += [f"mentioned-at-all model, held out {m['group']}: BA {m['ba']:.3f}, AUC {m['auc']:.3f}"
              for m in report["mention"]]
    return "\n".join(lines)


def export_trees(model: lgb.LGBMClassifier) -> list[dict[str, list[Any]]]:
    """Each tree as flat split and leaf lists (see factcheck.verify.model.Tree)."""
    return [_flatten(t["tree_structure"]) for t in model.booster_.dump_model()["tree_info"]]


def _flatten(root: dict[str, Any]) -> dict[str, list[Any]]:
    splits: list[list[Any]] = []
    leaves: list[float] = []

    def visit(node: dict[str, Any]) -> int:
        if "leaf_value" in node:
            leaves.append(round(float(node["leaf_value"]), 10))
            return ~(len(leaves) - 1)
        assert node["decision_type"] == "<=", node["decision_type"]
        splits.append([int(node["split_feature"]), float(node["threshold"]), 0, 0])
        here = len(splits) - 1
        splits[here][2] = visit(node["left_child"])
        splits[here][3] = visit(node["right_child"])
        return here

    visit(root)
    return {"splits": splits, "leaves": leaves}


def _scorer(x: np.ndarray, y: np.ndarray, folds: np.ndarray, sets: np.ndarray) -> dict[str, Any]:
    iso, cut = calibrated(x, y, folds, sets)
    return {"trees": export_trees(fit(x, y)), "threshold": round(cut, 6),
            "calibration": {"x": [round(float(v), 6) for v in iso.X_thresholds_],
                            "y": [round(float(v), 6) for v in iso.y_thresholds_]}}


def partial_cover(pairs: Pairs) -> float:
    """The statement cover (``features.statement_cover``) below which a claim is another
    statement, not a partial one: the cut that best tells labelled partial support from
    no support (mean per-set BA)."""
    rows = pairs.partial >= 0
    names = list(FEATURES)
    cover = np.array([statement_cover(dict(zip(names, row, strict=True)))
                      for row in pairs.x[rows]])
    return round(best_threshold(cover, pairs.partial[rows], pairs.groups[rows]), 6)


def fit_shipped(pairs: Pairs, sha: str, report: dict[str, Any]) -> dict[str, Any]:
    rows = np.isin(pairs.groups, MENTION_SETS)
    summary = {g["group"]: {k: round(float(v), 4) for k, v in g.items() if k != "group"}
               for g in report["groups"]}
    return {"features": list(FEATURES), "data_sha256": sha, "seed": SEED,
            "params": {k: v for k, v in PARAMS.items() if k != "monotone_constraints"},
            "leave_one_dataset_out": summary, "partial_cover": partial_cover(pairs),
            "supported": _scorer(pairs.x, pairs.supported, pairs.groups, pairs.groups),
            "mentioned": _scorer(pairs.x[rows], pairs.mentioned[rows],
                                 _mention_folds(pairs, rows), pairs.groups[rows])}
