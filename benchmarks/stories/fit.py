"""Fit story grouping (``factcheck/stories/data/grouping.json``) on generated feeds.

Nine mixed training feeds from ``benchmarks/feed.py``, drawn with seeds the scale
benchmark does not use (so its mixed feed stays held out), give every candidate pair's
similarities once; a grid over the names weight, the core threshold, the names a core
edge needs, and the attachment threshold and margin scores the resulting stories by
purity and completeness against the generator's events. Purity comes first: an article
in another event's story gets false contradictions against every member, a story wrongly
split only loses corroboration. So the best setting has the highest mean purity,
then the highest mean completeness (purity to 0.01%: one misplaced article in a feed
counts; completeness to 0.1%); ties go to the lowest threshold, shared names, support, attachment,
margin, names floor, pair threshold and names weight.

``--frank`` also scores the fitted setting on real text it was not fitted on: the FRANK
news articles of ``../shared/data`` with their model-written summaries (one story per
article).

    python benchmarks/stories/fit.py            # rewrite the file
    python benchmarks/stories/fit.py --check    # fail if the file is not what it gives
    python benchmarks/stories/fit.py --check --frank
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import feed  # noqa: E402

from factcheck.ingest import ingest  # noqa: E402
from factcheck.models import Source  # noqa: E402
from factcheck.stories.grouping import (  # noqa: E402
    Attachment,
    Features,
    Grouping,
    Pair,
    attach,
    attachments,
    candidate_pairs,
    components,
    cores,
    load_grouping,
    mutual_pairs,
)

OUT = ROOT / "factcheck" / "stories" / "data" / "grouping.json"
FRANK = ROOT.parent / "shared" / "data" / "frank.jsonl.gz"
FEEDS = [(101, 1000, 40), (202, 500, 30), (303, 1000, 40), (404, 1000, 50), (505, 1000, 40),
         (606, 800, 35), (808, 1000, 45), (1313, 1000, 40), (1616, 1000, 40)]
"""(generator seed, articles, events) of each training feed."""
WEIGHTS = [round(0.1 * n, 1) for n in range(3, 8)]
THRESHOLDS = [round(0.25 + 0.05 * n, 2) for n in range(5)]
SHARED = [2, 3, 4, 5]
SUPPORT = [0, 1, 2]
ATTACH = [0.05, 0.1, 0.2]
MARGINS = [0.0, 0.05]
ATTACH_NAMES = [0.0, 0.05]
PAIRS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 2.0]
"""Pair thresholds (2.0: never pair)."""
Data = list[tuple[Features, dict[tuple[int, int], Pair], list[str]]]


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


def training_data(root: Path) -> Data:
    data = []
    for seed, size, events in FEEDS:
        folder = root / f"feed-{seed}"
        truth = feed.write_mixed(size, folder, events=events, seed=seed)
        sources = ingest([str(folder)]).sources
        vectors = Features(sources)
        data.append((vectors, candidate_pairs(vectors), [truth[Path(s.path).stem]
                                                          for s in sources]))
    return data


def _scored(data: Data, core: Grouping) -> list[tuple[Grouping, list[tuple[float, float]]]]:
    """Every attachment setting on top of one core setting: (setting, per-feed scores)."""
    found: list[tuple[list[list[int]], dict[int, list[Attachment]],
                      list[tuple[float, int, int]], list[str]]] = []
    for vectors, pairs, events in data:
        groups = cores(vectors.size, pairs, core)
        found.append((groups, attachments(vectors, pairs, groups, core.names_weight),
                      mutual_pairs(pairs, core.names_weight), events))
    rows = []
    for attach_at in ATTACH:
        for margin in MARGINS:
            for names in ATTACH_NAMES:
                for pair in PAIRS:
                    setting = Grouping(core.threshold, core.names_weight, core.shared_names,
                                       attach_at, margin, core.support, names, pair)
                    rows.append((setting, [scores(attach(groups, ranked, mutual, setting),
                                                  events)
                                           for groups, ranked, mutual, events in found]))
    return rows


def _rank(row: tuple[Grouping, list[tuple[float, float]]]) -> tuple[float, ...]:
    setting, per_feed = row
    purity = round(sum(p for p, _ in per_feed) / len(per_feed), 4)
    completeness = round(sum(c for _, c in per_feed) / len(per_feed), 3)
    return (-purity, -completeness, setting.threshold, setting.shared_names, setting.support,
            setting.attach, setting.margin, setting.attach_names, setting.pair_threshold,
            setting.names_weight)


def fit() -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        data = training_data(Path(tmp))
    grid = [row for alpha in WEIGHTS for theta in THRESHOLDS for shared in SHARED
            for support in SUPPORT
            for row in _scored(data, Grouping(theta, alpha, shared, 0.0, 0.0, support))]
    chosen, per_feed = min(grid, key=_rank)
    return {"threshold": chosen.threshold, "names_weight": chosen.names_weight,
            "shared_names": chosen.shared_names, "attach": chosen.attach,
            "margin": chosen.margin, "support": chosen.support,
            "attach_names": chosen.attach_names, "pair_threshold": chosen.pair_threshold,
            "fitted_on": "benchmarks/stories/fit.py: generated mixed feeds "
                         + ", ".join(f"seed {s} ({n} articles, {e} events)" for s, n, e in FEEDS),
            "training": [{"purity": round(p, 4), "completeness": round(c, 4)}
                         for p, c in per_feed]}


def frank_scores(path: Path = FRANK) -> tuple[int, float, float]:
    """(sources, purity, completeness) of the shipped grouping on FRANK: each distinct
    article and its distinct summaries are one story."""
    summaries: dict[str, set[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            summaries.setdefault(row["doc"], set()).add(row["claim"])
    sources, events = [], []
    for n, (doc, claims) in enumerate(sorted(summaries.items())):
        for m, text in enumerate([doc, *sorted(claims)]):
            sources.append(Source(id=f"a{n}-{m}", path=f"a{n}-{m}.txt", format="txt",
                                  text=text, sha256=f"{n}-{m}"))
            events.append(str(n))
    vectors = Features(sources)
    groups = components(vectors, candidate_pairs(vectors), load_grouping())
    return (len(sources), *scores(groups, events))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--frank", action="store_true", help="also score it on FRANK")
    args = parser.parse_args()
    if args.frank:
        size, purity, completeness = frank_scores()
        print(f"FRANK ({size} articles and summaries): purity {purity:.3f}, "
              f"completeness {completeness:.3f}")
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
