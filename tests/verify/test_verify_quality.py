"""Verifier rules added for stories the engine was not built on: measures named before
their number, 'at least' that cannot stretch forever, one figure refuting one figure,
denials of a short clause, place roles with descriptors, and matches on names alone."""

from __future__ import annotations

from factcheck.language.quantities import Relation, compare, extract_quantities
from factcheck.language.terms import name_terms
from factcheck.models import Claim, Entity, Quantity, Verdict
from factcheck.verify import compare_figures, verify_claim
from factcheck.verify.places import place_mismatch
from factcheck.verify.polarity import clause_clash
from tests.verify.conftest import ClaimFn, SourceFn


def one(text: str) -> Quantity:
    found = extract_quantities(text)
    assert len(found) == 1, found
    return found[0]


def test_measures_named_before_the_number_are_compared() -> None:
    first = one("A magnitude 6.1 earthquake shook the coast.")
    hyphened = one("A 6.9-magnitude quake shook the coast.")
    assert (first.unit, hyphened.unit) == ("magnitude", "magnitude")
    assert hyphened.text == "6.9-magnitude"
    assert compare(first, hyphened) == Relation.conflicting
    assert compare(one("a Category 3 storm"), one("the Category 3 hurricane")) == \
        Relation.consistent


def test_at_least_stretches_but_not_to_double() -> None:
    floor = one("at least 40 people")
    assert compare(floor, one("45 people")) == Relation.consistent
    assert compare(floor, one("nearly 100 people")) == Relation.conflicting
    assert compare(one("at least 1,000 homes"), one("1,800 homes")) == Relation.consistent


def test_a_state_noun_counts_people() -> None:
    mine = Claim(id="x#c1", source_id="x", text="The blast killed at least 30 people.",
                 quote="The blast killed at least 30 people.", span=(0, 36),
                 quantities=extract_quantities("The blast killed at least 30 people."))
    found = compare_figures(mine, ["The blast left 95 dead and dozens injured."])
    assert [f.relation for f in found] == [Relation.conflicting]
    assert compare_figures(mine, ["The blast left 95 injured."]) == []


def test_a_passage_figure_one_claim_figure_agrees_with_refutes_no_other(
        make_source: SourceFn, make_claim: ClaimFn) -> None:
    src = make_source("a", "The dam stands about 12 km from the town, at a height of 90 m.")
    mine = make_claim(src, "The dam stands about 12 km from the town, at a height of 90 m.")
    found = compare_figures(mine, ["The dam stands some 12 km from the town."])
    assert [f.relation for f in found] == [Relation.consistent]


def test_percentages_sharing_only_names_are_not_compared(make_source: SourceFn,
                                                          make_claim: ClaimFn) -> None:
    src = make_source("a", "Her rival, Jan Vidal, got 38.5% of ballots.")
    mine = make_claim(src, "Her rival, Jan Vidal, got 38.5% of ballots.")
    assert compare_figures(mine, ["Mayor Ana Vidal won 61% in the run-off."]) == []


def test_a_denied_clause_asserted_in_a_longer_sentence_contradicts(
        make_source: SourceFn, make_claim: ClaimFn) -> None:
    denial = "The club has not appointed a new head coach, a spokesman said."
    other = make_source("b", "Fans cheered as the club appointed a new head coach on Friday "
                        "after weeks of talks with several candidates and their agents.")
    src = make_source("a", denial)
    check = verify_claim(make_claim(src, denial), other)
    assert check.verdict == Verdict.contradicted
    assert not clause_clash("North Korea has not confirmed the deal.",
                            "South Korea confirmed the deal.")


def test_a_place_role_survives_a_descriptor() -> None:
    text = "A levee broke in the eastern district of Orvale on Monday."
    mine = Claim(id="x#c1", source_id="x", text=text, quote=text, span=(0, len(text)),
                 entities=[Entity(name="Orvale", kind="other")])
    moved = place_mismatch(mine, "A levee broke in the western district of Talmont.")
    assert moved == ("Orvale", "Talmont")
    assert place_mismatch(mine, "A levee broke in the eastern district of Orvale.") is None


def test_names_alone_do_not_make_support(make_source: SourceFn,
                                           make_claim: ClaimFn) -> None:
    assert {"vidal", "ana"} <= name_terms("Ana Vidal won. Mayor Ana Vidal spoke.")
    src = make_source("a", "Ana Vidal received about 2.3 million votes.")
    other = make_source("b", "Ana Vidal won the run-off with 61% of the vote.")
    check = verify_claim(make_claim(src, "Ana Vidal received about 2.3 million votes."), other)
    # The shared names and "vote" are not support: the figure, what the claim is about,
    # is named as missing.
    assert check.verdict in (Verdict.not_mentioned, Verdict.partially_supported)
    if check.verdict == Verdict.partially_supported:
        assert any("2.3 million" in part for part in check.missing)

