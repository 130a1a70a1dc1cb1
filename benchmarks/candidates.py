"""Recall curve of the candidate index: how many all-pairs findings top-k verification keeps.

For generated single stories (``feed.py``), every claim is verified against every other
source (all pairs) with the built-in engine; then the candidate index ranks the other
sources for each claim, and for each k the table gives two recalls of the all-pairs
``supported`` and ``contradicted`` checks (claim c, source S):

* strict (per pair): S is among c's k candidates, so the top-k run checks c against S;
* report: what a reader of the report sees. A support is kept when the top-k run's
  clusters (built from its own checks only) show S stating or supporting c's fact (c's
  cluster holds S's matching claim, or S's check of a cluster mate supports it), a
  contradiction when they show S contradicting it, or when the pair was checked.

and the share of claims whose overall verdict (contradicted if any source contradicts,
else the strongest support) top-k verification gives too. ``DEFAULT_K`` in
``factcheck/language/candidates.py`` is the smallest k that keeps 97% on the 10-source
story and every claim's overall verdict on all of them; benchmarks/README.md gives the
curve, where the larger stories fall short of 97%.

    python benchmarks/candidates.py [--sizes 10 50 100] [--ks 2 4 6 8 12 16 24]
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
from factcheck.models import Claim, Source, Stance, Verdict

FIRM = (Verdict.supported, Verdict.contradicted)


Found = list[list[tuple[Verdict, int, str]]]
"""Per claim: (verdict, rank of its source among the claim's candidates, source id) of every
all-pairs check that found something; rank = number of sources when the index did not
find it."""
SHOWN = {Verdict.supported: (Stance.states, Stance.supports),
         Verdict.contradicted: (Stance.contradicts,)}


class Story:
    """One generated story's claims, all-pairs findings and candidate ranks."""

    def __init__(self, size: int, seed: int) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            feed.write_story(size, Path(tmp), seed)
            self.sources: list[Source] = ingest([tmp]).sources
        engine = LocalEngine()
        self.claims: list[Claim] = engine.extract(self.sources).claims
        self.checks = engine.verify(self.claims, self.sources,
                                    PassageIndex(self.sources)).checks
        index = CandidateIndex(self.sources)
        self.found: Found = []
        for claim in self.claims:
            rank = {sid: n for n, sid in enumerate(index.candidates(claim, len(self.sources)))}
            self.found.append([(k.verdict, rank.get(k.source_id, len(self.sources)), k.source_id)
                               for k in self.checks[claim.id]
                               if k.verdict != Verdict.not_mentioned])

    def shown(self, k: int) -> list[dict[str, Stance]]:
        """Per claim: source id -> its stance in the claim's cluster of a top-k run."""
        kept = []
        for claim, found in zip(self.claims, self.found, strict=True):
            ranks = {sid: r for _, r, sid in found}
            kept.append(claim.model_copy(update={"checks": [
                c for c in self.checks[claim.id]
                if ranks.get(c.source_id, len(self.sources)) < k]}))
        clusters, _ = aggregate(kept, self.sources)
        of = {cid: cluster.stances for cluster in clusters for cid in cluster.claim_ids}
        return [of.get(claim.id, {}) for claim in self.claims]


def report_recall(story: Story, k: int) -> float:
    """Share of the all-pairs supports and contradictions a top-k run's report shows."""
    shown = story.shown(k)
    wanted = [(rank < k or shown[n].get(sid) in SHOWN[verdict])
              for n, claim in enumerate(story.found) for verdict, rank, sid in claim
              if verdict in FIRM]
    return sum(wanted) / len(wanted) if wanted else 1.0


def recall(found: Found, k: int, verdicts: tuple[Verdict, ...]) -> float:
    """Share of the all-pairs checks with one of ``verdicts`` that top-k verification keeps."""
    wanted = [rank for claim in found for verdict, rank, _ in claim if verdict in verdicts]
    return sum(rank < k for rank in wanted) / len(wanted) if wanted else 1.0


def kept_verdicts(found: Found, k: int) -> float:
    """Share of claims whose overall verdict (contradicted if any source contradicts, else
    the strongest support) top-k verification gives too."""
    order = [Verdict.contradicted, Verdict.supported, Verdict.partially_supported]

    def overall(checks: list[tuple[Verdict, int, str]]) -> Verdict | None:
        return next((v for v in order if any(x == v for x, _, _ in checks)), None)

    return sum(overall(c) == overall([x for x in c if x[1] < k]) for c in found) / len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 100])
    parser.add_argument("--ks", type=int, nargs="+", default=[2, 4, 6, 8, 10, 12, 16, 24, 32])
    parser.add_argument("--seed", type=int, default=31, help="generator seed (not the "
                        "scale benchmark's)")
    args = parser.parse_args()
    rows = {size: Story(size, args.seed + size) for size in args.sizes}
    print("| sources | firm checks | partial checks | " +
          " | ".join(f"k={k}" for k in args.ks) + " |")
    print("|---:" * (3 + len(args.ks)) + "|")
    for size, story in rows.items():
        found = story.found
        firm = sum(v in FIRM for claim in found for v, _, _ in claim)
        partial = sum(v == Verdict.partially_supported for claim in found for v, _, _ in claim)
        cells = [f"{recall(found, k, FIRM):.3f} / {report_recall(story, k):.3f} / "
                 f"{recall(found, k, (Verdict.contradicted,)):.2f} / "
                 f"{kept_verdicts(found, k):.2f}" for k in args.ks]
        print(f"| {size} | {firm} | {partial} | " + " | ".join(cells) + " |")
    print("cells: strict recall of the all-pairs supported+contradicted checks / report-level "
          "recall of them / strict recall of the contradicted ones / share of claims keeping "
          "their overall verdict")


if __name__ == "__main__":
    main()
