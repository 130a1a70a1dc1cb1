"""Fit story grouping (``factcheck/stories/data/grouping.json``) on generated feeds.

Two mixed training feeds from ``benchmarks/feed.py``, drawn with seeds the scale
benchmark does not use (so its mixed feed stays held out), give every candidate pair's
two cosines once; a grid over the names weight and the threshold scores the resulting
stories by purity and completeness against the generator's events. The objective is the
mean over the feeds of min(purity, completeness); among settings within ``TOLERANCE`` of
the best (1% of the sources: the two feeds' scores differ by about that much, so smaller
differences are noise) the lowest thresholds win (at the same score, a story wrongly
split loses checks, a wrongly merged one only costs time), then the lowest margin and
names weight.

    python benchmarks/stories/fit.py            # rewrite the file
    python benchmarks/stories/fit.py --check    # fail if the file is not what it gives
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import feed  # noqa: E402

from factcheck.ingest import ingest  # noqa: E402
from factcheck.stories.grouping import Grouping, candidate_pairs, components  # noqa: E402

OUT = ROOT / "factcheck" / "stories" / "data" / "grouping.json"
FEEDS = [(101, 1000, 40), (202, 500, 30)]
"""(generator seed, articles, events) of each training feed."""
WEIGHTS = [round(0.1 * n, 1) for n in range(3, 11)]
THRESHOLDS = [round(0.2 + 0.025 * n, 3) for n in range(13)]
ATTACH = [0.05, 0.1, 0.15, 0.2]
MARGINS = [0.0, 0.05]
TOLERANCE = 0.01


def scores(groups: list[list[int]], events: list[str]) -> tuple[float, float]:
    """Purity (share of sources in their story's main event) and completeness (share of
    sources in their event's main story)."""
    story = {i: n for n, group in enumerate(groups) for i in group}
    pairs = Counter((story[i], e) for i, e in enumerate(events))
    best_story: Counter[int] = Counter()
    best_event: Counter[str] = Counter()
    for (s, e), n in pairs.items():
        best_story[s] = max(best_story[s], n)
        best_event[e] = max(best_event[e], n)
    return sum(best_story.values()) / len(events), sum(best_event.values()) / len(events)


def training_data(root: Path) -> list[tuple[dict[tuple[int, int], tuple[float, float]],
                                            list[str]]]:
    data = []
    for seed, size, events in FEEDS:
        folder = root / f"feed-{seed}"
        truth = feed.write_mixed(size, folder, events=events, seed=seed)
        sources = ingest([str(folder)]).sources
        data.append((candidate_pairs(sources), [truth[Path(s.path).stem] for s in sources]))
    return data


def fit() -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        data = training_data(Path(tmp))
    grid = []
    for alpha in WEIGHTS:
        blended = [([(a, b, (1 - alpha) * t + alpha * n)
                     for (a, b), (t, n) in sorted(pairs.items())], events)
                   for pairs, events in data]
        for theta in THRESHOLDS:
            for attach in [a for a in ATTACH if a <= theta]:
                for margin in MARGINS:
                    grouping = Grouping(theta, alpha, attach, margin)
                    per_feed = [scores(components(len(events), edges, grouping), events)
                                for edges, events in blended]
                    objective = sum(min(p) for p in per_feed) / len(per_feed)
                    grid.append((round(objective, 4), grouping, per_feed))
    best = max(g[0] for g in grid)
    objective, chosen, per_feed = min(
        (g for g in grid if g[0] >= best - TOLERANCE),
        key=lambda g: (g[1].threshold, g[1].attach, g[1].margin, g[1].names_weight))
    return {"threshold": chosen.threshold, "names_weight": chosen.names_weight,
            "attach": chosen.attach, "margin": chosen.margin,
            "fitted_on": "benchmarks/stories/fit.py: generated mixed feeds "
                         + ", ".join(f"seed {s} ({n} articles, {e} events)" for s, n, e in FEEDS),
            "training": [{"purity": round(p, 4), "completeness": round(c, 4)}
                         for p, c in per_feed]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    result = fit()
    text = json.dumps(result, indent=2) + "\n"
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{OUT} differs from what the fit gives:\n{text}")
        print("grouping.json reproduces")
        return
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
