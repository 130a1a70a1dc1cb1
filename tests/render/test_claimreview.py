"""ClaimReview JSON-LD: human reviews always, flagged claims only on request and marked."""

from __future__ import annotations

import json

from factcheck.models import Attribution, Claim, Decision, Entity, Report, Review, Verdict
from factcheck.render.claimreview import MACHINE_MADE, claim_reviews, render_claimreview


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
    assert "Not corroborated" in rating["alternateName"]
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
    assert all(r["reviewRating"]["ratingExplanation"] == MACHINE_MADE for r in machine)
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
