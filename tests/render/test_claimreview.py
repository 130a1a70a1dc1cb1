"""ClaimReview JSON-LD: human reviews always, flagged claims only on request and marked."""

from __future__ import annotations

import json

from factcheck.models import Attribution, Claim, Decision, Entity, Report, Review, Verdict
from factcheck.render.claimreview import (
    MACHINE_EXPLANATION,
    MACHINE_MADE,
    claim_reviews,
    render_claimreview,
)


def _with_review(report: Report, claim_id: str, review: Review | None) -> Report:
    claims = [c.model_copy(update={"review": review}) if c.id == claim_id else c
              for c in report.claims]
    return report.model_copy(update={"claims": claims})


def test_by_default_only_reviewed_claims(fire_report: Report) -> None:
    reviews = claim_reviews(fire_report)
    assert [r["identifier"] for r in reviews] == ["local_b2#c2"]
    review = reviews[0]
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == fire_report.claims[3].text
    assert review["datePublished"] == "2025-03-04"
    assert review["reviewBody"] == "Asked the company."
    assert "creativeWorkStatus" not in review


def test_item_reviewed_names_author_and_appearance(fire_report: Report) -> None:
    wire_claim = fire_report.claims[0]
    reviewed = Review(decision=Decision.confirm, reviewer="Dana", decided_at="2025-03-05T08:00")
    item = claim_reviews(_with_review(fire_report, wire_claim.id, reviewed))[0]["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "Officials"}
    appearance = item["appearance"]
    assert appearance["url"] == "https://example.org/fire"
    assert appearance["publisher"]["name"] == "Wire Agency"
    assert appearance["text"] == wire_claim.quote


def test_rating_has_scale_and_a_readable_name(fire_report: Report) -> None:
    rating = claim_reviews(fire_report)[0]["reviewRating"]
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert rating["alternateName"] == "Unproven"  # the person's judgement, not agreement
    confirm = Review(decision=Decision.set_verdict, verdict=Verdict.contradicted, reviewer="D",
                     decided_at="2025-03-05")
    report = _with_review(fire_report, "local_b2#c1", confirm)
    values = {r["identifier"]: r["reviewRating"]["ratingValue"] for r in claim_reviews(report)}
    assert values["local_b2#c1"] == rating["worstRating"] < values["local_b2#c2"]


def test_machine_made_adds_flagged_claims_marked_as_such(fire_report: Report) -> None:
    reviews = claim_reviews(fire_report, machine_made=True)
    flagged_unreviewed = [c.id for c in fire_report.claims if c.flags and c.review is None]
    machine = [r for r in reviews if r.get("creativeWorkStatus") == MACHINE_MADE]
    assert [r["identifier"] for r in machine] == flagged_unreviewed
    assert all(r["reviewRating"]["ratingExplanation"] == MACHINE_EXPLANATION for r in machine)
    assert all(r["reviewBody"].startswith("Machine-made") for r in machine)
    assert all(r["datePublished"] == "2025-03-04" for r in machine)
    assert len(reviews) == len(machine) + 1  # plus the human one


def test_pending_or_dismissed_reviews_are_not_published(fire_report: Report) -> None:
    for decision in (Decision.needs_more_evidence, Decision.not_a_claim):
        review = Review(decision=decision, reviewer="D", decided_at="2025-03-05")
        report = _with_review(fire_report, "local_b2#c2", review)
        assert claim_reviews(report) == []
    dismissed = _with_review(fire_report, "local_b2#c2", Review(
        decision=Decision.not_a_claim, reviewer="D", decided_at="2025-03-05"))
    ids = [r["identifier"] for r in claim_reviews(dismissed, machine_made=True)]
    assert "local_b2#c2" not in ids


def test_organization_and_json_output(fire_report: Report) -> None:
    text = render_claimreview(fire_report, organization="Newsroom Checks",
                              organization_url="https://checks.example")
    parsed = json.loads(text)
    assert parsed[0]["author"] == {"@type": "Organization", "name": "Newsroom Checks",
                                   "url": "https://checks.example"}


def test_speaker_named_as_a_person_is_a_person(fire_report: Report) -> None:
    claim: Claim = fire_report.claims[3].model_copy(update={
        "attribution": Attribution(speaker="Ana Ruiz"),
        "entities": [Entity(name="Ana Ruiz", kind="person")]})
    report = fire_report.model_copy(update={"claims": [claim]})
    author = claim_reviews(report)[0]["itemReviewed"]["author"]
    assert author == {"@type": "Person", "name": "Ana Ruiz"}


# -- validity against schema.org / Google's ClaimReview properties ---------------------------

URL = "https://checks.example/c/{claim_id}"
REQUIRED = ("@context", "@type", "url", "claimReviewed", "reviewRating", "author",
            "datePublished", "itemReviewed")
RATING_REQUIRED = ("@type", "ratingValue", "bestRating", "worstRating", "alternateName")


def _problems(review: dict[str, object]) -> list[str]:
    """What a ClaimReview validator would reject: missing required or recommended fields."""
    found = [f"missing {k}" for k in REQUIRED if not review.get(k)]
    rating = review.get("reviewRating")
    if isinstance(rating, dict):
        found += [f"rating missing {k}" for k in RATING_REQUIRED if k not in rating]
    url = str(review.get("url", ""))
    if not url.startswith(("http://", "https://")):
        found.append(f"url {url!r} is not absolute")
    if len(str(review.get("claimReviewed", ""))) > 280:
        found.append("claimReviewed longer than 280 characters")
    item = review.get("itemReviewed")
    if not isinstance(item, dict) or item.get("@type") != "Claim":
        found.append("itemReviewed is not a Claim")
    date = str(review.get("datePublished", ""))
    if len(date) != 10 or date[4] != "-":
        found.append(f"datePublished {date!r} is not an ISO date")
    return found


def _reviewed_all(report: Report) -> Report:
    claims = [c.model_copy(update={"review": Review(
        decision=Decision.confirm, machine_verdict=c.verdict, reviewer="Dana",
        decided_at="2025-03-05T08:00:00+00:00")}) for c in report.claims]
    return report.model_copy(update={"claims": claims})


def test_every_review_has_the_required_properties(fire_report: Report,
                                                  seeds_report: Report) -> None:
    for report in (fire_report, _reviewed_all(fire_report), _reviewed_all(seeds_report)):
        for machine in (False, True):
            reviews = claim_reviews(report, machine_made=machine, url_template=URL)
            assert reviews or not machine
            assert [p for r in reviews for p in _problems(r)] == []


def test_the_check_catches_a_review_without_url(fire_report: Report) -> None:
    review = claim_reviews(fire_report)[0]
    assert "missing url" in _problems(review)


def test_a_paragraph_becomes_a_short_claim_reviewed(fire_report: Report) -> None:
    long_text = "The plant, " + "which has operated for decades in the town, " * 12 + "shut."
    claim = fire_report.claims[3].model_copy(update={"text": long_text, "quote": long_text})
    review = claim_reviews(fire_report.model_copy(update={"claims": [claim]}))[0]
    assert len(review["claimReviewed"]) <= 280 and review["claimReviewed"].endswith("…")
    short = fire_report.claims[3].model_copy(update={"text": long_text})
    review = claim_reviews(fire_report.model_copy(update={"claims": [short]}))[0]
    assert review["claimReviewed"] == short.quote  # the verbatim sentence fits


def test_same_fact_backed_by_two_sources_is_one_review(fire_report: Report) -> None:
    reviews = claim_reviews(_reviewed_all(fire_report), url_template=URL)
    by_id = {r["identifier"]: r for r in reviews}
    # wire's "fire broke out" and the rewrite's copy support each other: one review
    assert "farm_c3#c1" not in by_id
    appearances = by_id["wire_a1#c2"]["itemReviewed"]["appearance"]
    assert [a["identifier"] for a in appearances] == ["wire_a1#c2", "farm_c3#c1"]
    # the two conflicting figures stay separate reviews
    assert {"wire_a1#c1", "local_b2#c1"} <= set(by_id)
    assert len(reviews) == len(fire_report.claims) - 1


def test_different_ratings_are_not_merged(fire_report: Report) -> None:
    report = _reviewed_all(fire_report)
    overruled = Review(decision=Decision.set_verdict, verdict=Verdict.contradicted,
                       reviewer="D", decided_at="2025-03-06")
    report = _with_review(report, "farm_c3#c1", overruled)
    ids = [r["identifier"] for r in claim_reviews(report)]
    assert "wire_a1#c2" in ids and "farm_c3#c1" in ids


def test_appearance_carries_url_and_publication_date(fire_report: Report) -> None:
    wire = fire_report.sources[0].model_copy(update={"published": "Tue, 04 Mar 2025 07:30:00 GMT"})
    report = _reviewed_all(fire_report.model_copy(
        update={"sources": [wire, *fire_report.sources[1:]]}))
    item = {r["identifier"]: r for r in claim_reviews(report)}["wire_a1#c1"]["itemReviewed"]
    assert item["appearance"]["url"] == "https://example.org/fire"
    assert item["appearance"]["datePublished"] == "2025-03-04"
    local = {r["identifier"]: r for r in claim_reviews(report)}["local_b2#c1"]["itemReviewed"]
    assert "url" not in local["appearance"]  # javascript: is not an address
    assert "datePublished" not in local["appearance"]


def test_author_is_the_claims_own_speaker_or_outlet(seeds_report: Report) -> None:
    claims = {c.id: c for c in seeds_report.claims}
    outlets = {s.id: s.outlet for s in seeds_report.sources}
    reviews = claim_reviews(_reviewed_all(seeds_report))
    assert reviews
    for review in reviews:
        claim = claims[review["identifier"]]
        expected = claim.attribution.speaker or outlets[claim.source_id]
        assert review["itemReviewed"].get("author", {}).get("name") == expected


def test_rating_says_whose_judgement_it_is(fire_report: Report) -> None:
    human = claim_reviews(fire_report)[0]["reviewRating"]
    assert "person who reviewed" in human["ratingExplanation"]
    machine = [r for r in claim_reviews(fire_report, machine_made=True)
               if r.get("creativeWorkStatus") == MACHINE_MADE]
    assert machine and all("Not a truth rating" in r["reviewRating"]["ratingExplanation"]
                           for r in machine)
    assert all("other reports" in r["reviewRating"]["alternateName"] for r in machine)
