"""schema.org ``ClaimReview`` JSON-LD, for publishing fact-checks search engines can read.

A ClaimReview is a public statement by the organisation running factcheck, so by default
only claims a person has reviewed and settled are emitted, rated by that person's verdict
(a judgement of truth). ``machine_made=True`` adds the flagged claims nobody has settled
yet, each marked as machine-made and rated in words that say the number measures agreement
between reports, not truth.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from factcheck.aggregate import machine_verdict, needs_review
from factcheck.errors import ConfigError, InputError
from factcheck.models import Claim, Decision, Report, Source, Verdict
from factcheck.render.view import review_verdict

DEFAULT_ORGANIZATION = "factcheck"
MACHINE_MADE = "machine-made: not reviewed by a person"
CLAIM_REVIEWED_MAX = 280
URL_HINT = "e.g. --claimreview-url-template 'https://example.org/checks/{claim_id}'"
# A person's verdict is a judgement of truth: a 1-5 scale (5 best) named as such.
HUMAN_RATINGS: dict[Verdict, tuple[int, str]] = {
    Verdict.contradicted: (1, "False"),
    Verdict.not_mentioned: (2, "Unproven"),
    Verdict.partially_supported: (3, "Partly true"),
    Verdict.supported: (5, "True"),
}
HUMAN_EXPLANATION = ("The verdict of the person who reviewed this claim against the other "
                     "reports and the evidence.")
MACHINE_EXPLANATION = ("Not a truth rating: no person has reviewed this claim. The rating only "
                       "measures how far the other reports of the same story agree with it.")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# A machine verdict only measures agreement between reports, and its wording says so.
RATINGS: dict[Verdict, tuple[int, str]] = {
    Verdict.contradicted: (1, "Contradicted by other reports"),
    Verdict.not_mentioned: (2, "Not corroborated by other reports"),
    Verdict.partially_supported: (3, "Partly supported by other reports"),
    Verdict.supported: (5, "Supported by other reports"),
}
JsonLd = dict[str, Any]


def claim_reviews(report: Report, *, machine_made: bool = False,
                  organization: str | None = None, organization_url: str | None = None,
                  url_template: str | None = None) -> list[JsonLd]:
    """One ClaimReview per reviewed claim, plus flagged ones when ``machine_made``.

    Claims of one fact that back each other up (a supported check between them) and got
    the same rating are one review with one appearance per source. ``url_template`` (with
    ``{claim_id}``) gives each review the public ``url`` the schema.org and Google
    guidelines require; without it the reviews have none.
    """
    author = _organization(organization, organization_url)
    sources = {s.id: s for s in report.sources}
    reviews = []
    for group in _groups(report, machine_made):
        review = _review(group, sources, author, report)
        if url_template:
            review["url"] = review_url(url_template, group[0].claim)
        reviews.append(review)
    return reviews


@dataclass(frozen=True)
class _Rated:
    """A claim to publish, with the rating it gets and whether a person gave it."""

    claim: Claim
    verdict: Verdict
    human: bool


def _candidates(report: Report, machine_made: bool) -> list[_Rated]:
    found = []
    for claim in report.claims:
        verdict = review_verdict(claim)
        if verdict is not None:
            found.append(_Rated(claim, verdict, human=True))
        elif machine_made and _wants_machine(claim):
            found.append(_Rated(claim, machine_verdict(claim) or Verdict.not_mentioned, False))
    return found


def _groups(report: Report, machine_made: bool) -> list[list[_Rated]]:
    """Candidates folded into the first earlier one stating the same fact, same rating."""
    fact = {cid: k.id for k in report.clusters for cid in k.claim_ids}
    groups: list[list[_Rated]] = []
    for rated in _candidates(report, machine_made):
        home = next((g for g in groups if _same_claim(g[0], rated, fact)), None)
        if home is None:
            groups.append([rated])
        else:
            home.append(rated)
    return groups


def _same_claim(lead: _Rated, other: _Rated, fact: dict[str, str]) -> bool:
    a, b = lead.claim, other.claim
    if (lead.verdict, lead.human) != (other.verdict, other.human) or a.source_id == b.source_id:
        return False
    if fact.get(a.id) is None or fact.get(a.id) != fact.get(b.id):
        return False
    return _backs(a, b.source_id) or _backs(b, a.source_id)


def _backs(claim: Claim, source_id: str) -> bool:
    return any(c.source_id == source_id and c.verdict == Verdict.supported
               for c in claim.checks)


def review_url(template: str, claim: Claim) -> str:
    """The template with ``{claim_id}`` (and ``{source_id}``) filled in, URL-escaped."""
    try:
        return template.format(claim_id=quote(claim.id, safe=""),
                               source_id=quote(claim.source_id, safe=""))
    except (KeyError, IndexError, ValueError) as exc:
        raise InputError(f"claimreview URL template {template!r}: only {{claim_id}} and "
                         f"{{source_id}} can be filled in ({exc}); {URL_HINT}") from None


def check_url_template(template: str | None) -> str:
    """The template, or a one-line error saying how to give one."""
    if not template:
        raise InputError("claimreview: every review needs a public url; pass "
                         f"{URL_HINT} or set url_template under [claimreview] in "
                         "factcheck.toml")
    if "{claim_id}" not in template or not template.startswith(("http://", "https://")):
        raise InputError(f"claimreview URL template {template!r}: needs to be an http(s) "
                         f"address holding {{claim_id}}; {URL_HINT}")
    return template


def claimreview_config(cwd: Path) -> dict[str, str]:
    """organization, organization_url, url_template from [claimreview] in factcheck.toml
    (or [tool.factcheck.claimreview] in pyproject.toml)."""
    own, pyproject = cwd / "factcheck.toml", cwd / "pyproject.toml"
    path = own if own.is_file() else pyproject if pyproject.is_file() else None
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: unreadable config ({exc})") from None
    table = data if path == own else data.get("tool", {}).get("factcheck", {})
    section = table.get("claimreview", {})
    keys = ("organization", "organization_url", "url_template")
    return {k: str(section[k]) for k in keys if isinstance(section, dict) and section.get(k)}


def render_claimreview(report: Report, *, machine_made: bool = False,
                       organization: str | None = None,
                       organization_url: str | None = None,
                       url_template: str | None = None) -> str:
    """A JSON array of ClaimReview objects (each with its own ``@context``)."""
    reviews = claim_reviews(report, machine_made=machine_made, organization=organization,
                            organization_url=organization_url, url_template=url_template)
    return json.dumps(reviews, indent=2, ensure_ascii=False) + "\n"


def _wants_machine(claim: Claim) -> bool:
    """Flagged, and not dismissed by a person (a 'not a claim' decision is final)."""
    dismissed = claim.review is not None and claim.review.decision == Decision.not_a_claim
    return needs_review(claim.flags) and not dismissed


def _organization(name: str | None, url: str | None) -> JsonLd:
    org: JsonLd = {"@type": "Organization", "name": name or DEFAULT_ORGANIZATION}
    if url:
        org["url"] = url
    return org


def _review(group: list[_Rated], sources: dict[str, Source], author: JsonLd,
            report: Report) -> JsonLd:
    lead = group[0]
    claim, human = lead.claim, lead.human
    review: JsonLd = {"@context": "https://schema.org", "@type": "ClaimReview",
                      "identifier": claim.id, "claimReviewed": claim_reviewed(claim),
                      "itemReviewed": _item(group, sources),
                      "reviewRating": _rating(lead.verdict, human), "author": author,
                      "datePublished": _review_day(claim, human, report),
                      "reviewBody": _body(claim, human)}
    if not human:
        review["creativeWorkStatus"] = MACHINE_MADE
    return review


def _review_day(claim: Claim, human: bool, report: Report) -> str:
    """When the person decided; for machine-made reviews, when the run finished."""
    if human and claim.review is not None:
        return _day(claim.review.decided_at)
    return _day(report.run.finished_at or report.run.started_at)


def _rating(verdict: Verdict, human: bool) -> JsonLd:
    """The person's verdict as a truth rating; a machine one as agreement, said so."""
    value, name = (HUMAN_RATINGS if human else RATINGS)[verdict]
    rating: JsonLd = {"@type": "Rating", "ratingValue": value, "bestRating": 5,
                      "worstRating": 1, "alternateName": name}
    rating["ratingExplanation"] = HUMAN_EXPLANATION if human else MACHINE_EXPLANATION
    return rating


def claim_reviewed(claim: Claim) -> str:
    """The claim sentence (or its shorter verbatim quote), cut at a word to the 280
    characters search engines show."""
    text = min((" ".join(t.split()) for t in (claim.text, claim.quote) if t.strip()),
               key=lambda t: (len(t) > CLAIM_REVIEWED_MAX, t != claim.text))
    if len(text) <= CLAIM_REVIEWED_MAX:
        return text
    cut = text[:CLAIM_REVIEWED_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _body(claim: Claim, human: bool) -> str:
    if human and claim.review is not None:
        return claim.review.note or f"Reviewed by {claim.review.reviewer}."
    reasons = " ".join(f.reason for f in claim.flags)
    return f"Machine-made, not reviewed by a person. {reasons}".strip()


def _item(group: list[_Rated], sources: dict[str, Source]) -> JsonLd:
    lead = group[0].claim
    item: JsonLd = {"@type": "Claim"}
    author = _claim_author(lead, sources.get(lead.source_id))
    if author:
        item["author"] = author
    appearances = [_appearance(r.claim, sources[r.claim.source_id])
                   for r in group if r.claim.source_id in sources]
    if appearances:
        item["appearance"] = appearances if len(appearances) > 1 else appearances[0]
        item["firstAppearance"] = appearances[0]
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
    work: JsonLd = {"@type": "CreativeWork", "identifier": claim.id, "text": claim.quote}
    if source.url and source.url.startswith(("http://", "https://")):
        work["url"] = source.url
    if source.title:
        work["headline"] = source.title
    if source.outlet:
        work["publisher"] = {"@type": "Organization", "name": source.outlet}
    if (day := published_day(source.published)) is not None:
        work["datePublished"] = day
    return work


def published_day(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from the ways inputs write a publication date, else None."""
    if not value:
        return None
    text = value.strip()
    if _ISO_DAY.match(text):
        return text[:10]
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _day(timestamp: str) -> str:
    """schema.org wants a date; keep the ISO date part of a timestamp."""
    return timestamp[:10]
