"""The extractor on the five seed articles: spans, attribution of the adviser, analyst kept
apart, pronoun resolution, splitting, hedging and filler."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from factcheck.models import AttributionKind, Certainty, Claim, Source
from tests.extract.articles import one

SEEDS = ["000", "001", "002", "003", "004"]
Claims = Callable[[str], list[Claim]]


@pytest.mark.parametrize("prefix", SEEDS)
def test_quotes_are_verbatim_and_ids_in_text_order(
        prefix: str, seed_source: Callable[[str], Source]) -> None:
    from factcheck.extract import extract_claims

    source = seed_source(prefix)
    claims = extract_claims(source)
    assert claims
    for n, claim in enumerate(claims, 1):
        assert claim.id == f"{source.id}#c{n}"
        assert claim.source_id == source.id
        assert source.text[claim.span[0]:claim.span[1]] == claim.quote
        assert claim.text and claim.text[0].isupper()
    starts = [c.span[0] for c in claims]
    assert starts == sorted(starts)


@pytest.mark.parametrize("prefix", SEEDS)
def test_speakers_occur_in_the_source(prefix: str, seed_source: Callable[[str], Source]) -> None:
    from factcheck.extract import extract_claims
    from factcheck.language.text import fold

    source = seed_source(prefix)
    for claim in extract_claims(source):
        speaker = claim.attribution.speaker
        if speaker:
            assert fold(speaker).lower() in fold(source.text).lower()


@pytest.mark.parametrize("prefix", SEEDS)
def test_deterministic(prefix: str, seed_claims: Claims) -> None:
    assert seed_claims(prefix) == seed_claims(prefix)


def test_001_unnamed_adviser_resolved_through_later_appositive(seed_claims: Claims) -> None:
    claim = one(seed_claims("001"), "antiaircraft missiles in return")
    assert claim.attribution.speaker == "Shin Won-shik"
    assert "national security adviser" in (claim.attribution.role or "")
    assert claim.attribution.kind == AttributionKind.reported_speech
    assert "said on Friday" not in claim.text
    assert claim.text.startswith("Russia has supplied North Korea")


def test_001_mr_shin_resolved_to_full_name(seed_claims: Claims) -> None:
    claim = one(seed_claims("001"), "Mr. Shin said")
    assert claim.attribution.speaker == "Shin Won-shik"
    assert claim.text.startswith("Russia was also supplying")


def test_001_direct_quote(seed_claims: Claims) -> None:
    claim = one(seed_claims("001"), "We understand that")
    assert claim.attribution.kind == AttributionKind.direct_quote
    assert claim.attribution.speaker == "Shin Won-shik"
    assert "said in an interview" not in claim.text


def test_001_it_resolved_and_trailing_group_speaker(seed_claims: Claims) -> None:
    claim = one(seed_claims("001"), "It has also sent")
    assert claim.text.startswith("North Korea has also sent")
    assert claim.attribution.speaker == "South Korean officials"
    assert claim.attribution.role is None
    assert "officials have said" not in claim.text
    assert any(q.value == 20000 for q in claim.quantities)
    assert any("2023" in d.text for d in claim.dates)


def test_001_while_clause_splits_into_two_claims(seed_claims: Claims) -> None:
    claims = seed_claims("001")
    first = one(claims, "outdated air defense system")
    second = one(claims, "run fleets of high-tech war planes")
    assert first is not second
    assert first.span[1] <= second.span[0]
    assert "while" not in second.text.split()[:1]


def test_001_according_to_officials_is_hedged_by_estimate(seed_claims: Claims) -> None:
    claim = one(seed_claims("001"), "an estimated 11,000 troops")
    assert claim.attribution.kind == AttributionKind.according_to
    assert claim.attribution.speaker == "South Korean and United States officials"
    assert claim.certainty == Certainty.hedged


def test_002_adviser_statements_attributed_to_him(seed_claims: Claims) -> None:
    claims = seed_claims("002")
    stated = one(claims, "stated on Friday on an SBS TV show")
    assert stated.attribution.speaker == "Shin Wonsik"
    assert "national security adviser" in (stated.attribution.role or "")
    according = one(claims, "According to Shin")
    assert according.attribution.speaker == "Shin Wonsik"
    assert according.attribution.kind == AttributionKind.according_to
    assert according.text.startswith("Russia has also provided")


def test_003_adviser_and_concessive_split(seed_claims: Claims) -> None:
    claims = seed_claims("003")
    revealed = one(claims, "revealed in an interview")
    assert revealed.attribution.speaker == "Shin Wonsik"
    assert revealed.attribution.role == "South Korea's top security adviser"
    assert one(claims, "According to Shin").attribution.speaker == "Shin Wonsik"
    did_not = one(claims, "did not specify")
    wary = one(claims, "experts are wary")
    assert did_not is not wary
    assert wary.attribution.speaker == "experts"
    assert wary.certainty == Certainty.speculative
    assert did_not.text.startswith("Shin Wonsik did not specify")


def test_004_analyst_keeps_his_own_name(seed_claims: Claims) -> None:
    claims = seed_claims("004")
    analyst = one(claims, "Analysts like")
    assert analyst.attribution.speaker == "Shin Seung-ki"
    assert "Korea Institute for Defense Analyses" in (analyst.attribution.role or "")
    assert all((c.attribution.speaker or "").startswith("Shin Seung") for c in claims
               if (c.attribution.speaker or "").startswith("Shin"))


def test_004_hearsay_speculation_and_filler(seed_claims: Claims) -> None:
    claims = seed_claims("004")
    reports = one(claims, "Reports indicate")
    assert reports.attribution.kind == AttributionKind.unattributed
    assert reports.attribution.speaker is None
    assert reports.certainty == Certainty.hedged
    experts = one(claims, "Experts believe")
    assert experts.attribution.speaker == "Experts"
    assert experts.certainty == Certainty.speculative
    assert not [c for c in claims if "warrant close observation" in c.quote]


def test_000_reportedly_is_unattributed_and_unnamed_adviser_has_role(seed_claims: Claims) -> None:
    claims = seed_claims("000")
    joined = one(claims, "reportedly joined")
    assert joined.attribution.kind == AttributionKind.unattributed
    assert joined.certainty == Certainty.hedged
    adviser = one(claims, "national security adviser revealed")
    assert adviser.attribution.speaker is None
    assert adviser.attribution.role == "South Korea's national security adviser"
    assert adviser.text.startswith("Russia has supplied")
