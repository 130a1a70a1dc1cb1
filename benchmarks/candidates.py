"""Recall curve of the candidate index: how many all-pairs findings top-k verification keeps.

For generated single stories (``feed.py``), every claim is verified against every other
source (all pairs) with the built-in engine; then, for each k, the candidate index picks
each claim's k sources, the checks of those pairs are kept and the top-k run's clusters are
built from them alone. Of the all-pairs ``supported`` and ``contradicted`` checks (claim c,
source S) the table gives:

* strict (per pair): S is among c's k candidates, so the top-k run checks c against S;
* report: what a reader of the report sees. The pair was checked, or c's cluster shows S
  stating or supporting the fact (for a support), or contradicting it, or names S and c's
  source in its ``contradicted`` / ``numeric_discrepancy`` flag (for a contradiction: a
  source that gives another figure states the fact too, and the flag lists each figure);

and the share of claims whose overall verdict (contradicted if any source contradicts,
else the strongest support) top-k verification gives too. ``DEFAULT_K`` in
``factcheck/language/candidates.py`` is chosen from this curve. ``--seeds`` adds the
report-level recall of more stories per size (min and mean), the check that the default
holds beyond the benchmark's own stories.

    python benchmarks/candidates.py [--sizes 10 30 50 100] [--ks 2 4 6 8 12 16]
        [--seeds 101 202 303]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import feed

from factcheck.aggregate import aggregate
from factcheck.engine.local import LocalEngine
from factcheck.ingest import ingest
from factcheck.language.candidates import CandidateIndex
from factcheck.language.retrieval import PassageIndex
from factcheck.models import Check, Claim, Cluster, FlagKind, Source, Stance, Verdict

FIRM = (Verdict.supported, Verdict.contradicted)
SHOWN = {Verdict.supported: (Stance.states, Stance.supports),
         Verdict.contradicted: (Stance.contradicts,)}
DISAGREE = (FlagKind.contradicted, FlagKind.numeric_discrepancy)
Chosen = dict[str, set[str]]
"""Claim id -> the source ids top-k verification checks it against."""


class Story:
    """One generated story's claims, all-pairs checks and candidate index."""

    def __init__(self, size: int, seed: int) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            feed.write_story(size, Path(tmp), seed)
            self.sources: list[Source] = ingest([tmp]).sources
        engine = LocalEngine()
        self.claims: list[Claim] = engine.extract(self.sources).claims
        self.checks: dict[str, list[Check]] = engine.verify(
            self.claims, self.sources, PassageIndex(self.sources)).checks
        self.index = CandidateIndex(self.sources)

    def firm(self, verdicts: tuple[Verdict, ...] = FIRM) -> list[tuple[Claim, Check]]:
        return [(c, k) for c in self.claims for k in self.checks[c.id] if k.verdict in verdicts]

    def chosen(self, k: int) -> Chosen:
        return {c.id: set(self.index.candidates(c, k)) for c in self.claims}

    def clusters(self, chosen: Chosen) -> dict[str, Cluster]:
        """Claim id -> its cluster in a run that checked only the ``chosen`` pairs."""
        kept = [c.model_copy(update={"checks": [k for k in self.checks[c.id]
                                                if k.source_id in chosen[c.id]]})
                for c in self.claims]
        clusters, _ = aggregate(kept, self.sources)
        return {cid: cluster for cluster in clusters for cid in cluster.claim_ids}


def strict_recall(story: Story, chosen: Chosen, verdicts: tuple[Verdict, ...]) -> float:
    """Share of the all-pairs checks with one of ``verdicts`` whose pair top-k checks."""
    wanted = [k.source_id in chosen[c.id] for c, k in story.firm(verdicts)]
    return sum(wanted) / len(wanted) if wanted else 1.0


def _shown(claim: Claim, check: Check, cluster: Cluster) -> bool:
    if cluster.stances.get(check.source_id) in SHOWN[check.verdict]:
        return True
    return check.verdict == Verdict.contradicted and any(
        f.kind in DISAGREE and {check.source_id, claim.source_id} <= set(f.source_ids)
        for f in cluster.flags)


def report_recall(story: Story, chosen: Chosen) -> float:
    """Share of the all-pairs supports and contradictions a top-k run's report shows."""
    of = story.clusters(chosen)
    wanted = [k.source_id in chosen[c.id] or _shown(c, k, of[c.id]) for c, k in story.firm()]
    return sum(wanted) / len(wanted) if wanted else 1.0


def kept_verdicts(story: Story, chosen: Chosen) -> float:
    """Share of claims whose overall verdict (contradicted if any source contradicts, else
    the strongest support) top-k verification gives too."""
    order = [Verdict.contradicted, Verdict.supported, Verdict.partially_supported]

    def overall(checks: list[Check]) -> Verdict | None:
        return next((v for v in order if any(k.verdict == v for k in checks)), None)

    same = [overall(story.checks[c.id]) ==
            overall([k for k in story.checks[c.id] if k.source_id in chosen[c.id]])
            for c in story.claims]
    return sum(same) / len(same) if same else 1.0


def cell(story: Story, k: int) -> str:
    chosen = story.chosen(k)
    return (f"{strict_recall(story, chosen, FIRM):.3f} / {report_recall(story, chosen):.3f}"
            f" / {strict_recall(story, chosen, (Verdict.contradicted,)):.2f}"
            f" / {kept_verdicts(story, chosen):.2f}")


def curve(sizes: list[int], ks: list[int], seed: int) -> None:
    print("| sources | firm checks | partial checks | " +
          " | ".join(f"k={k}" for k in ks) + " |")
    print("|---:" * (3 + len(ks)) + "|")
    for size in sizes:
        story = Story(size, seed + size)
        partial = len(story.firm((Verdict.partially_supported,)))
        print(f"| {size} | {len(story.firm())} | {partial} | " +
              " | ".join(cell(story, k) for k in ks) + " |", flush=True)
    print("cells: strict recall of the all-pairs supported+contradicted checks / report-level "
          "recall of them / strict recall of the contradicted ones / share of claims keeping "
          "their overall verdict")


def spread(sizes: list[int], ks: list[int], seeds: list[int]) -> None:
    print(f"\nreport-level recall over seeds {', '.join(map(str, seeds))} (min / mean)\n")
    print("| sources | " + " | ".join(f"k={k}" for k in ks) + " |")
    print("|---:" * (1 + len(ks)) + "|")
    for size in sizes:
        stories = [Story(size, seed) for seed in seeds]
        cells = []
        for k in ks:
            found = [report_recall(s, s.chosen(k)) for s in stories]
            cells.append(f"{min(found):.3f} / {sum(found) / len(found):.3f}")
        print(f"| {size} | " + " | ".join(cells) + " |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 30, 50, 100])
    parser.add_argument("--ks", type=int, nargs="+", default=[2, 4, 6, 8, 12, 16])
    parser.add_argument("--seed", type=int, default=31, help="generator seed of the curve's "
                        "stories, plus the size (not the scale benchmark's)")
    parser.add_argument("--seeds", type=int, nargs="*", default=[],
                        help="more stories per size for the min/mean table")
    args = parser.parse_args()
    curve(args.sizes, args.ks, args.seed)
    if args.seeds:
        spread(args.sizes, args.ks, args.seeds)


if __name__ == "__main__":
    main()
