"""schema.org ``ClaimReview`` JSON-LD, for publishing fact-checks search engines can read.

A ClaimReview is a public statement by the organisation running factcheck, so by default
only claims a person has reviewed and settled are emitted. ``machine_made=True`` adds the
flagged claims nobody has settled yet, each plainly marked as machine-made.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck.clusters import machine_verdict
from factcheck.models import Claim, Decision, Report, Source, Verdict
from factcheck.render.view import review_verdict

DEFAULT_ORGANIZATION = "factcheck"
MACHINE_MADE = "machine-made: not reviewed by a person"
# A 1-5 scale (5 best); the wording says what the number means for a cross-source check.
RATINGS: dict[Verdict, tuple[int, str]] = {
    Verdict.contradicted: (1, "Contradicted by other reports"),
    Verdict.not_mentioned: (2, "Not corroborated by other reports"),
    Verdict.partially_supported: (3, "Partly supported by other reports"),
    Verdict.supported: (5, "Supported by other reports"),
}
JsonLd = dict[str, Any]


def claim_reviews(report: Report, *, machine_made: bool = False,
                  organization: str | None = None, organization_url: str | None = None,
                  ) -> list[JsonLd]:
    """ClaimReview objects for reviewed claims, plus flagged ones when ``machine_made``."""
    author = _organization(organization, organization_url)
    sources = {s.id: s for s in report.sources}
    reviews = []
    for claim in report.claims:
        verdict = review_verdict(claim)
        if verdict is not None:
            reviews.append(_review(claim, sources, verdict, author, human=True,
                                   date=_day(claim.review.decided_at if claim.review else "")))
        elif machine_made and _wants_machine(claim):
            verdict = machine_verdict(claim) or Verdict.not_mentioned
            reviews.append(_review(claim, sources, verdict, author, human=False,
                                   date=_day(report.run.finished_at or report.run.started_at)))
    return reviews


def render_claimreview(report: Report, *, machine_made: bool = False,
                       organization: str | None = None,
                       organization_url: str | None = None) -> str:
    """A JSON array of ClaimReview objects (each with its own ``@context``)."""
    reviews = claim_reviews(report, machine_made=machine_made, organization=organization,
                            organization_url=organization_url)
    return json.dumps(reviews, indent=2, ensure_ascii=False) + "\n"


def _wants_machine(claim: Claim) -> bool:
    """Flagged, and not dismissed by a person (a 'not a claim' decision is final)."""
    dismissed = claim.review is not None and claim.review.decision == Decision.not_a_claim
    return bool(claim.flags) and not dismissed


def _organization(name: str | None, url: str | None) -> JsonLd:
    org: JsonLd = {"@type": "Organization", "name": name or DEFAULT_ORGANIZATION}
    if url:
        org["url"] = url
    return org


def _review(claim: Claim, sources: dict[str, Source], verdict: Verdict, author: JsonLd, *,
            human: bool, date: str) -> JsonLd:
    value, name = RATINGS[verdict]
    rating: JsonLd = {"@type": "Rating", "ratingValue": value, "bestRating": 5,
                      "worstRating": 1, "alternateName": name}
    review: JsonLd = {"@context": "https://schema.org", "@type": "ClaimReview",
                      "identifier": claim.id, "claimReviewed": claim.text,
                      "itemReviewed": _item(claim, sources.get(claim.source_id)),
                      "reviewRating": rating, "author": author, "datePublished": date,
                      "reviewBody": _body(claim, human)}
    if not human:
        review["creativeWorkStatus"] = MACHINE_MADE
        rating["ratingExplanation"] = MACHINE_MADE
    return review


def _body(claim: Claim, human: bool) -> str:
    if human and claim.review is not None:
        return claim.review.note or f"Reviewed by {claim.review.reviewer}."
    reasons = " ".join(f.reason for f in claim.flags)
    return f"Machine-made, not reviewed by a person. {reasons}".strip()


def _item(claim: Claim, source: Source | None) -> JsonLd:
    item: JsonLd = {"@type": "Claim"}
    author = _claim_author(claim, source)
    if author:
        item["author"] = author
    if source is not None:
        item["appearance"] = _appearance(claim, source)
    return item


def _claim_author(claim: Claim, source: Source | None) -> JsonLd | None:
    speaker = claim.attribution.speaker
    if speaker:
        kinds = {e.name: e.kind for e in claim.entities}
        kind = "Person" if kinds.get(speaker) == "person" else "Organization"
        return {"@type": kind, "name": speaker}
    if source is not None and source.outlet:
        return {"@type": "Organization", "name": source.outlet}
    return None


def _appearance(claim: Claim, source: Source) -> JsonLd:
    work: JsonLd = {"@type": "CreativeWork", "identifier": source.id, "text": claim.quote}
    if source.url and source.url.startswith(("http://", "https://")):
        work["url"] = source.url
    if source.title:
        work["headline"] = source.title
    if source.outlet:
        work["publisher"] = {"@type": "Organization", "name": source.outlet}
    return work


def _day(timestamp: str) -> str:
    """schema.org wants a date; keep the ISO date part of a timestamp."""
    return timestamp[:10]
