"""The extractor on small articles about other events, to show the rules are general."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from builders import make_source

from factcheck.extract import extract_claims
from factcheck.models import AttributionKind, Certainty, Claim, Source
from tests.extract.articles import ARTICLES, one

Claims = Callable[[str], list[Claim]]


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_spans_and_ids(name: str, article: Callable[[str], Source]) -> None:
    source = article(name)
    claims = extract_claims(source)
    assert [c.id for c in claims] == [f"{name}#c{n}" for n in range(1, len(claims) + 1)]
    for claim in claims:
        assert source.text[claim.span[0]:claim.span[1]] == claim.quote


def test_fire_chief_title_and_later_short_mentions(article_claims: Claims) -> None:
    claims = article_claims("fire")
    first = one(claims, "Fire Chief Maria Ramos said")
    assert (first.attribution.speaker, first.attribution.role) == ("Maria Ramos", "Fire Chief")
    assert first.attribution.kind == AttributionKind.reported_speech
    assert "Ramos said" not in first.text
    later = one(claims, "Chief Ramos said investigators")
    assert later.attribution.speaker == "Maria Ramos"
    assert later.text.startswith("Investigators had not yet determined")


def test_fire_quotation_and_its_continuation(article_claims: Claims) -> None:
    claims = article_claims("fire")
    quoted = one(claims, "no working sprinklers")
    follow = one(claims, "We are lucky")
    for claim in (quoted, follow):
        assert claim.attribution.kind == AttributionKind.direct_quote
        assert claim.attribution.speaker == "Maria Ramos"
    assert "told reporters" not in quoted.text


def test_fire_pronoun_and_semicolon_split(article_claims: Claims) -> None:
    claims = article_claims("fire")
    assert one(claims, "It spread quickly").text.startswith("It spread")  # no proper subject
    eight = one(claims, "eight of the injured")
    two = one(claims, "two are in critical")
    assert eight is not two
    for claim in (eight, two):
        assert claim.attribution.kind == AttributionKind.according_to
        assert claim.attribution.speaker == "the county health department"
    assert not [c for c in claims if c.quote.endswith("?")]


def test_fire_hearsay_and_trailing_officials(article_claims: Claims) -> None:
    claims = article_claims("fire")
    hearsay = one(claims, "reportedly failed")
    assert hearsay.attribution.kind == AttributionKind.unattributed
    assert hearsay.certainty == Certainty.hedged
    weeks = one(claims, "may need weeks")
    assert weeks.attribution.speaker == "officials"
    assert weeks.certainty == Certainty.speculative
    assert weeks.text == "Investigators may need weeks to reach a conclusion."


def test_election_two_people_sharing_a_surname_stay_apart(article_claims: Claims) -> None:
    claims = article_claims("election")
    clerk = one(claims, "turnout reached")
    registrar = one(claims, "mail ballots had arrived")
    assert (clerk.attribution.speaker, clerk.attribution.role) == ("Ana Lopez", "County Clerk")
    assert registrar.attribution.speaker == "Miguel Lopez"
    assert registrar.attribution.role == "Deputy Registrar"
    assert one(claims, "Clerk Lopez said").attribution.speaker == "Ana Lopez"
    assert one(claims, "The registrar said").attribution.speaker == "Miguel Lopez"
    assert one(claims, "Mr. Lopez added").attribution.speaker == "Miguel Lopez"


def test_election_while_and_semicolon_splits(article_claims: Claims) -> None:
    claims = article_claims("election")
    becker, diaz = one(claims, "Becker led"), one(claims, "Rosa Diaz had")
    assert becker is not diaz
    assert [q.value for q in becker.quantities] == [52]
    assert [q.value for q in diaz.quantities] == [47]
    thanked = one(claims, "thanked voters")
    assert thanked.text.startswith("Tom Becker thanked")
    assert one(claims, "has not conceded").quote.startswith("Diaz")


def test_earnings_company_references(article_claims: Claims) -> None:
    claims = article_claims("earnings")
    raised = one(claims, "also raised")
    assert raised.text.startswith("Brightwave Inc. also raised")
    assert raised.attribution.kind == AttributionKind.according_to
    assert raised.attribution.speaker == "Brightwave Inc."
    income = one(claims, "net income rose")
    assert income.attribution.speaker == "Brightwave Inc."
    assert income.text.startswith("Net income rose")
    assert {q.value for q in income.quantities} >= {610e6}


def test_earnings_titled_speaker_and_speculation(article_claims: Claims) -> None:
    claims = article_claims("earnings")
    ceo = one(claims, "Dana Whitfield")
    assert (ceo.attribution.speaker, ceo.attribution.role) == ("Dana Whitfield", "Chief executive")
    analysts = one(claims, "might prove")
    assert analysts.attribution.speaker == "Analysts at Norwood Securities"
    assert analysts.certainty == Certainty.speculative
    outlet = one(claims, "Shares of Brightwave")
    assert outlet.attribution.kind == AttributionKind.outlet
    assert outlet.certainty == Certainty.asserted


def test_hurricane_he_said_and_expletive_it(article_claims: Claims) -> None:
    claims = article_claims("hurricane")
    guard = one(claims, "He said the National Guard")
    assert (guard.attribution.speaker, guard.attribution.role) == ("Paul Hendricks", "Governor")
    declared = one(claims, "declared a state of emergency")
    assert declared.attribution.kind == AttributionKind.outlet  # an act, not speech
    assert one(claims, "It is unclear").text.startswith("It is unclear")


def test_hurricane_but_and_and_splits_keep_their_own_speakers(article_claims: Claims) -> None:
    claims = article_claims("hurricane")
    weaken, rain = one(claims, "expected to weaken"), one(claims, "heavy rain")
    assert weaken.attribution.kind == AttributionKind.outlet
    assert rain.attribution.speaker == "forecasters"
    died, toll = one(claims, "have died"), one(claims, "toll could rise")
    assert died.attribution.kind == AttributionKind.outlet
    assert toll.attribution.speaker == "officials"


def test_hurricane_heading_and_filler_skipped(article_claims: Claims) -> None:
    quotes = " ".join(c.quote for c in article_claims("hurricane"))
    assert "Storm Watch" not in quotes
    assert "warrant close observation" not in quotes
    assert "More than 300,000 homes" in quotes


def test_no_speaker_outside_the_article() -> None:
    """Short mentions never borrow a name from another article."""
    lone = make_source("lone", "Mr. Lopez said the count would resume on Monday morning.\n")
    claim = extract_claims(lone)[0]
    assert claim.attribution.speaker == "Mr. Lopez"


RATES = (
    "LONDON (Reuters) - The central bank raised interest rates to 5.25 percent on Thursday.\n"
    "The bank said inflation would fall to around 5 percent by the end of the year. It added "
    "that further increases might be needed.\n"
    "Some analysts believe the bank is close to the peak of its cycle, but others say rates "
    "could rise further.\n"
    "Sterling rose 0.3 percent against the dollar after the decision, traders said.\n"
)


def test_rates_dateline_connectives_and_contrasting_speakers() -> None:
    claims = extract_claims(make_source("rates", RATES))
    assert one(claims, "LONDON").text.startswith("The central bank raised")
    assert one(claims, "further increases").text == "Further increases might be needed."
    analysts, others = one(claims, "Some analysts"), one(claims, "others say")
    assert analysts.attribution.speaker == "Some analysts"
    assert others.attribution.speaker == "others"
    assert others.certainty == Certainty.speculative
    sterling = one(claims, "traders said")
    assert sterling.attribution.speaker == "traders"
    assert sterling.text == "Sterling rose 0.3 percent against the dollar after the decision."
