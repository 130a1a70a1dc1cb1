"""Building blocks of the verifier: figure context, dates, polarity, coverage, places."""

from __future__ import annotations

from factcheck.language.dates import extract_dates
from factcheck.language.quantities import Relation, extract_quantities
from factcheck.models import Attribution, Claim, Entity
from factcheck.verify import compare_dates, compare_figures, coverage, key_terms
from factcheck.verify.places import place_mismatch
from factcheck.verify.polarity import negated, polarity_clash


def claim(text: str, places: tuple[str, ...] = (), speaker: str | None = None) -> Claim:
    return Claim(id="x#c1", source_id="x", text=text, quote=text, span=(0, len(text)),
                 quantities=extract_quantities(text), dates=extract_dates(text),
                 attribution=Attribution(speaker=speaker),
                 entities=[Entity(name=p, kind="place") for p in places])


def test_killed_and_injured_counts_are_not_compared() -> None:
    mine = claim("The explosion killed 12 people at the depot.")
    assert compare_figures(mine, ["The explosion injured 40 people at the depot."]) == []
    found = compare_figures(mine, ["The explosion killed 15 people at the depot."])
    assert [f.relation for f in found] == [Relation.conflicting]


def test_a_consistent_match_wins_over_a_conflicting_one() -> None:
    mine = claim("Rescuers saved about 300 residents from the flood.")
    found = compare_figures(mine, ["Rescuers saved 120 residents on Monday and 310 residents "
                                   "from the flood in all."])
    assert [f.relation for f in found] == [Relation.consistent]
    assert found[0].other.text == "310 residents"


def test_figures_without_shared_context_are_ignored() -> None:
    mine = claim("The airline cancelled 300 flights because of the strike.")
    assert compare_figures(mine, ["Shares of the bakery chain rose after it opened "
                                  "300 new flights of stairs."]) == []


def test_date_clash_needs_shared_context() -> None:
    mine = claim("The new bridge opened in May after delays.")
    assert compare_dates(mine, ["The council election was held in October."]) == []
    found = compare_dates(mine, ["The new bridge opened in October after delays."])
    assert [f.compatible for f in found] == [False]


def test_polarity() -> None:
    assert negated("The minister did not sign the report.")
    assert negated("Inspectors found no trace of the toxin.")
    assert not negated("After two failed attempts, the probe reached orbit.")
    assert polarity_clash("The rocket failed to launch on Tuesday.",
                          "The rocket launched on Tuesday.")
    assert polarity_clash("The rocket failed to launch on Tuesday.",
                          "The rocket exploded on Tuesday.") is None
    assert polarity_clash("The second rocket failed to launch.",
                          "The first rocket launched.") is None
    assert polarity_clash("The union accepted the offer.", "The union rejected the offer.")


def test_only_asserted_negations_count() -> None:
    """Questions, conditions, quoted and reported denials are not the author's negation;
    'no evidence' and 'has not found any evidence' say the same thing."""
    assert polarity_clash("Auditors found no evidence of fraud at the port authority.",
                          "Auditors have not found any evidence of fraud at the port "
                          "authority.") is None
    assert polarity_clash("There is no evidence of fraud at the port authority.",
                          "There is evidence of fraud at the port authority.")
    assert not negated("Did the council not approve the tram budget?")
    assert polarity_clash("If the levee does not hold, the valley will flood.",
                          "The levee held and the valley did not flood.") is None
    assert polarity_clash("The militia shelled the market town.",
                          '"We did not shell the market town," the militia said.') is None
    assert polarity_clash("The water plant is not leaking.",
                          '"The water plant is not leaking," officials said.') is None
    assert not negated("The agency denied that it sold the data.")


def test_coverage_leaves_out_numbers_and_the_speaker() -> None:
    terms = key_terms(claim("Flooding closed 40 schools, Mayor Jane Holt said.",
                            speaker="Jane Holt"))
    assert "40" not in terms.weights and "holt" not in terms.weights
    assert coverage(terms, "Flooding closed schools across the county.").ratio >= 0.5
    assert coverage(terms, "The bakery opened a new shop.").ratio == 0.0


def test_place_swap() -> None:
    mine = claim("The plant in Northfield shut down.", places=("Northfield",))
    assert place_mismatch(mine, "The plant in Easton shut down.") == ("Northfield", "Easton")
    assert place_mismatch(mine, "The plant in Northfield shut down.") is None
    assert place_mismatch(mine, "The plant shut down in May.") is None


def test_with_figures_records_agreeing_and_clashing_figures_on_the_check() -> None:
    from factcheck.models import Check, Verdict
    from factcheck.verify import with_figures

    text = "The storm destroyed 120 homes and left 3 people dead."
    claim = Claim(id="a#c1", source_id="a", text=text, quote=text, span=(0, len(text)),
                  quantities=extract_quantities(text))
    check = Check(source_id="b", verdict=Verdict.partially_supported,
                  evidence="The storm destroyed about 120 homes and left 9 people dead.",
                  rationale="r", confidence=0.5)
    figures = with_figures(claim, check).figures
    assert [(f.claim, f.other, f.agrees) for f in figures] == [
        ("120 homes", "about 120 homes", True), ("3 people", "9 people", False)]
    unmentioned = check.model_copy(update={"verdict": Verdict.not_mentioned})
    assert with_figures(claim, unmentioned).figures == []


def test_a_compound_word_asserts_no_event() -> None:
    """A 'satellite-launch programme' says nothing of whether a launch happened."""
    assert polarity_clash("In June, the agency failed to launch its weather satellite.",
                          "The agency is expanding its satellite-launch programme with "
                          "help from abroad.") is None


def test_possessives_of_two_different_things_are_no_name_swap() -> None:
    from factcheck.verify.places import name_swap

    assert name_swap("The levy funds Chile's ongoing mining reforms with Peru.",
                     "The levy funds Peru's ongoing mining dispute in Chile.") is None
    assert name_swap("The rebels hold Chile's northern desert region.",
                     "The rebels hold Peru's northern desert region.") == ("Chile", "Peru")
