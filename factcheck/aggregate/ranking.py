"""Order clusters by how much they need a person: conflicts first, then drift, then gaps.

A cluster's priority is the sum of its needs-review flags' weights (its own and its member
claims'), scaled up when the fact is widely carried (a conflict in a fact five outlets
repeat matters more than in a one-line aside) and when a contradiction comes from an
independent source. A fact with informational flags only scores a tenth of their weight,
so it always ranks below every fact that needs review. Unflagged clusters score 0.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.aggregate.tiers import fact_flags, review_flags
from factcheck.models import Claim, Cluster, FlagKind, Stance

WEIGHTS: dict[FlagKind, float] = {
    FlagKind.contradicted: 5.0,
    FlagKind.entity_mismatch: 4.5,
    FlagKind.numeric_discrepancy: 4.0,
    FlagKind.added_in_derivative: 3.5,
    FlagKind.attribution_drift: 3.0,
    FlagKind.hedging_drift: 2.5,
    FlagKind.single_source: 1.5,
    FlagKind.off_topic: 1.0,
}
_REACH = 0.15
"""Extra weight per additional source that states the fact."""
_INFORMATION = 0.1
"""Scale of a fact's score when it has informational flags only."""


def priority(cluster: Cluster, claims_by_id: dict[str, Claim]) -> float:
    """Flag weights x reach; ties broken later by member count and position."""
    flags = fact_flags(cluster, claims_by_id)
    kinds = {f.kind for f in review_flags(flags)}
    if not kinds:
        return round(_INFORMATION * sum(WEIGHTS[k] for k in {f.kind for f in flags}), 3)
    base = sum(WEIGHTS[k] for k in kinds)
    stating = sum(1 for s in cluster.stances.values() if s == Stance.states)
    contradicting = sum(1 for s in cluster.stances.values() if s == Stance.contradicts)
    reach = 1 + _REACH * max(0, stating - 1) + _REACH * contradicting
    return round(base * reach, 3)


def rank(clusters: Sequence[Cluster], claims: Sequence[Claim]) -> list[Cluster]:
    """Clusters by priority (highest first), renumbered ``k1``, ``k2``... in that order."""
    by_id = {c.id: c for c in claims}
    position = {c.id: i for i, c in enumerate(claims)}
    scored = [(priority(k, by_id), k) for k in clusters]
    scored.sort(key=lambda pair: (-pair[0], -len(pair[1].claim_ids),
                                  min((position.get(i, 0) for i in pair[1].claim_ids),
                                      default=0)))
    return [k.model_copy(update={"id": f"k{n}", "priority": p})
            for n, (p, k) in enumerate(scored, start=1)]
