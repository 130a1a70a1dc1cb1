"""Recall curve of the candidate index: how many all-pairs findings top-k verification keeps.

For generated single stories (``feed.py``), every claim is verified against every other
source (all pairs) with the built-in engine; then the candidate index ranks the other
sources for each claim, and for each k the table gives the share of the all-pairs
``supported`` and ``contradicted`` checks (and, apart, ``partially_supported``) whose source
is among the claim's k candidates. ``DEFAULT_K`` in ``factcheck/language/candidates.py`` is
the smallest k that keeps 97% of supports and contradictions on every story measured.

    python benchmarks/candidates.py [--sizes 10 50 100] [--ks 2 4 6 8 12 16 24]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import feed

from factcheck.engine.local import LocalEngine
from factcheck.ingest import ingest
from factcheck.language.candidates import CandidateIndex
from factcheck.language.retrieval import PassageIndex
from factcheck.models import Verdict

FIRM = (Verdict.supported, Verdict.contradicted)


Found = list[list[tuple[Verdict, int]]]
"""Per claim: (verdict, rank of its source among the claim's candidates) of every all-pairs
check that found something; rank = number of sources when the index did not find it."""


def story_ranks(size: int, seed: int) -> Found:
    with tempfile.TemporaryDirectory() as tmp:
        feed.write_story(size, Path(tmp), seed)
        sources = ingest([tmp]).sources
    engine = LocalEngine()
    claims = engine.extract(sources).claims
    checks = engine.verify(claims, sources, PassageIndex(sources)).checks
    index = CandidateIndex(sources)
    found = []
    for claim in claims:
        rank = {sid: n for n, sid in enumerate(index.candidates(claim, len(sources)))}
        found.append([(k.verdict, rank.get(k.source_id, len(sources)))
                      for k in checks[claim.id] if k.verdict != Verdict.not_mentioned])
    return found


def recall(found: Found, k: int, verdicts: tuple[Verdict, ...]) -> float:
    """Share of the all-pairs checks with one of ``verdicts`` that top-k verification keeps."""
    wanted = [rank for claim in found for verdict, rank in claim if verdict in verdicts]
    return sum(rank < k for rank in wanted) / len(wanted) if wanted else 1.0


def kept_verdicts(found: Found, k: int) -> float:
    """Share of claims whose overall verdict (contradicted if any source contradicts, else
    the strongest support) top-k verification gives too."""
    order = [Verdict.contradicted, Verdict.supported, Verdict.partially_supported]

    def overall(checks: list[tuple[Verdict, int]]) -> Verdict | None:
        return next((v for v in order if any(x == v for x, _ in checks)), None)

    return sum(overall(c) == overall([x for x in c if x[1] < k]) for c in found) / len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 100])
    parser.add_argument("--ks", type=int, nargs="+", default=[2, 4, 6, 8, 10, 12, 16, 24, 32])
    parser.add_argument("--seed", type=int, default=31, help="generator seed (not the "
                        "scale benchmark's)")
    args = parser.parse_args()
    rows = {size: story_ranks(size, args.seed + size) for size in args.sizes}
    print("| sources | firm checks | partial checks | " +
          " | ".join(f"k={k}" for k in args.ks) + " |")
    print("|---:" * (3 + len(args.ks)) + "|")
    for size, found in rows.items():
        firm = sum(v in FIRM for claim in found for v, _ in claim)
        partial = sum(v == Verdict.partially_supported for claim in found for v, _ in claim)
        cells = [f"{recall(found, k, FIRM):.3f} / {recall(found, k, (Verdict.contradicted,)):.2f}"
                 f" / {kept_verdicts(found, k):.2f}" for k in args.ks]
        print(f"| {size} | {firm} | {partial} | " + " | ".join(cells) + " |")
    print("cells: recall of the all-pairs supported+contradicted checks / of the "
          "contradicted ones / share of claims keeping their overall verdict")


if __name__ == "__main__":
    main()
