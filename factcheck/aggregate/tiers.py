"""The one definition of "flagged": a fact or claim with a flag that needs a person.

Terminal, Markdown, HTML, the review queue and ClaimReview all count with these functions,
so their numbers agree. Informational flags (``FOR_INFORMATION``) are shown apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from factcheck.models import Claim, Cluster, Flag, FlagTier


def needs_review(flags: Iterable[Flag]) -> bool:
    return any(f.kind.tier == FlagTier.needs_review for f in flags)


def review_flags(flags: Iterable[Flag]) -> list[Flag]:
    return [f for f in flags if f.kind.tier == FlagTier.needs_review]


def information_flags(flags: Iterable[Flag]) -> list[Flag]:
    return [f for f in flags if f.kind.tier == FlagTier.for_information]


def fact_flags(cluster: Cluster, claims_by_id: dict[str, Claim]) -> list[Flag]:
    """A fact's flags and its member claims' flags, each once (compared by content, through
    a key, so a fact of many flagged claims costs its flags, not their square)."""
    found = {_identity(f): f for f in cluster.flags}
    for claim_id in cluster.claim_ids:
        claim = claims_by_id.get(claim_id)
        for flag in claim.flags if claim else []:
            found.setdefault(_identity(flag), flag)
    return list(found.values())


def _identity(flag: Flag) -> tuple[object, ...]:
    return (flag.kind, flag.reason, tuple(flag.source_ids), tuple(sorted(flag.wording.items())))


def flagged_claim_ids(claims: Sequence[Claim], clusters: Sequence[Cluster]) -> set[str]:
    """Claims that need review: by a flag of their own or of the fact they state."""
    ids = {c.id for c in claims if needs_review(c.flags)}
    for cluster in clusters:
        if needs_review(cluster.flags):
            ids.update(cluster.claim_ids)
    return ids & {c.id for c in claims}


def flagged_facts(claims: Sequence[Claim],
                  clusters: Sequence[Cluster]) -> tuple[list[Cluster], list[Cluster]]:
    """(facts that need review, facts with only informational flags), in rank order."""
    by_id = {c.id: c for c in claims}
    review, info = [], []
    for cluster in clusters:
        flags = fact_flags(cluster, by_id)
        if needs_review(flags):
            review.append(cluster)
        elif flags:
            info.append(cluster)
    return review, info
