"""The aggregate stage: from verified claims to the picture a fact-checker reads.

It consumes the checks verification produced (verdicts, evidence, spans) and the sources,
and adds: overall verdicts, source lineage, claim flags, clusters of the same fact with
stances and corroboration, drift flags, and the ranking. ``aggregate`` is what the pipeline
calls; the rest of the surface is for readers of its output (render, review).
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.aggregate.clusters import build_clusters
from factcheck.aggregate.drift import flag_drift
from factcheck.aggregate.flags import flag_claims, sort_flags
from factcheck.aggregate.lineage import detect_lineage, mark_derived
from factcheck.aggregate.ranking import WEIGHTS, rank
from factcheck.aggregate.tiers import (
    fact_flags,
    flagged_claim_ids,
    flagged_facts,
    information_flags,
    needs_review,
    review_flags,
)
from factcheck.aggregate.verdicts import machine_verdict, overall_verdict, set_verdicts
from factcheck.models import Claim, Cluster, Lineage, Source, Story


def aggregate(claims: Sequence[Claim],
              sources: Sequence[Source]) -> tuple[list[Cluster], list[Lineage]]:
    """Verdicts, lineage, flags, clusters and ranking; claims are updated in place."""
    set_verdicts(claims)
    lineage = detect_lineage(sources, claims)
    mark_derived(claims, lineage)
    flag_claims(claims, lineage, sources)
    clusters = build_clusters(claims, sources, lineage)
    flag_drift(claims, clusters, sources)
    return rank(clusters, claims), lineage


def aggregate_stories(claims: Sequence[Claim], sources: Sequence[Source],
                      stories: Sequence[Story]) -> tuple[list[Cluster], list[Lineage]]:
    """``aggregate`` within each story (sources of different stories are never compared),
    then one ranking over every story's clusters, each naming its story."""
    story_of = {s.id: s.story for s in sources}
    by_id = {s.id: s for s in sources}
    own: dict[str | None, list[Claim]] = {}
    for claim in claims:
        own.setdefault(story_of.get(claim.source_id), []).append(claim)
    clusters: list[Cluster] = []
    lineage: list[Lineage] = []
    for story in stories:
        found, links = aggregate(own.get(story.id, []), [by_id[sid] for sid in story.sources])
        clusters += [k.model_copy(update={"story": story.id}) for k in found]
        lineage += links
    return rank(clusters, claims), lineage


__all__ = [
    "WEIGHTS",
    "aggregate",
    "aggregate_stories",
    "fact_flags",
    "flagged_claim_ids",
    "flagged_facts",
    "information_flags",
    "machine_verdict",
    "needs_review",
    "overall_verdict",
    "review_flags",
    "sort_flags",
]
