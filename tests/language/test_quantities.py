"""Quantities: parsing wording into intervals, and deciding when two figures disagree."""

from __future__ import annotations

import pytest

from factcheck.language.quantities import (
    Relation,
    canonical_unit,
    compare,
    extract_quantities,
    same_measure,
)
from factcheck.models import Qualifier, Quantity


def one(text: str) -> Quantity:
    found = extract_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("an estimated 11,000 troops", Qualifier.about),
        ("approximately 300 homes", Qualifier.about),
        ("around 40 firefighters", Qualifier.about),
        ("roughly 2 million voters", Qualifier.about),
        ("some 500 workers", Qualifier.about),
        ("nearly 90 passengers", Qualifier.close_to),
        ("almost 600 ballots", Qualifier.close_to),
        ("close to 20,000 shipping containers", Qualifier.close_to),
        ("over 10,000 troops", Qualifier.over),
        ("more than 13,000 containers", Qualifier.over),
        ("at least 12 people", Qualifier.at_least),
        ("up to 40 patients", Qualifier.at_most),
        ("as many as 70 buildings", Qualifier.at_most),
        ("fewer than 100 residents", Qualifier.under),
        ("less than 30 vehicles", Qualifier.under),
        ("under 5,000 employees", Qualifier.under),
        ("25 firefighters", Qualifier.exact),
    ],
)
def test_qualifier_is_read_and_kept_in_the_verbatim_text(text: str, qualifier: Qualifier) -> None:
    q = one(f"Officials said {text} were involved.")
    assert q.qualifier == qualifier
    assert q.text == text


def test_head_noun_is_the_unit_not_its_modifiers() -> None:
    assert one("It sent close to 20,000 shipping containers of weapons.").unit == "containers"
    assert one("Approximately 11,000 North Korean soldiers joined.").unit == "soldiers"
    assert one("After two failed attempts, it worked.").unit == "attempts"


def test_number_words_scales_money_and_percentages() -> None:
    assert one("a dozen firefighters arrived").value == 12
    assert one("two failed attempts").value == 2
    assert one("1.2 million people were evacuated").value == 1_200_000
    money = extract_quantities("Revenue was $5bn, or 5 billion dollars, up from €3.1 billion.")
    assert [(q.value, q.unit) for q in money] == [(5e9, "USD"), (5e9, "USD"), (3.1e9, "EUR")]
    pct = one("She won 52.4% of the vote.")
    assert (pct.value, pct.unit) == (52.4, "percent")
    assert one("He has worked there for 20 years.").unit == "years"


def test_years_times_dates_and_model_names_are_not_quantities() -> None:
    text = ("In 2023, at 9 AM on Oct. 12, 2024, an F-35 and COVID-19 were in the 1990s news; "
            "the 1st district met at 9:30 and 24/7.")
    assert extract_quantities(text) == []


def test_a_four_digit_count_of_a_plural_noun_is_still_a_count() -> None:
    assert one("Officials said 2000 people were evacuated.").value == 2000


def test_ranges_and_vague_plurals_become_intervals() -> None:
    q = one("between 10 and 20 people were hurt")
    assert (q.low, q.high, q.unit) == (10, 20, "people")
    barrels = one("output of 10-12 million barrels")
    assert (barrels.low, barrels.high) == (10e6, 12e6)
    crowd = one("thousands of people marched")
    assert crowd.low is not None and crowd.high is not None and crowd.low >= 1000


def test_over_allows_up_to_the_next_rounding_step() -> None:
    two_sig = one("over 13,000 containers")
    assert two_sig.low == 13_000 and two_sig.high is not None and 14_000 <= two_sig.high <= 16_000
    one_sig = one("over 10,000 troops")
    assert one_sig.high is not None and one_sig.high >= 18_000


def test_estimated_figure_is_consistent_with_over_a_round_number() -> None:
    estimate = one("an estimated 11,000 troops")
    assert compare(estimate, one("over 10,000 troops")) == Relation.consistent
    assert compare(estimate, one("over 10,000 North Korean soldiers")) == Relation.consistent


@pytest.mark.parametrize("other", ["over 13,000 containers", "more than 13,000 containers"])
def test_close_to_twenty_thousand_conflicts_with_over_thirteen_thousand(other: str) -> None:
    close = one("close to 20,000 shipping containers")
    assert compare(close, one(other)) == Relation.conflicting
    assert compare(one(other), close) == Relation.conflicting


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("at least 12 people", "15 people", Relation.consistent),
        ("at least 12 people", "9 people", Relation.conflicting),
        ("25 deaths", "31 deaths", Relation.conflicting),
        ("about 300 homes", "310 homes", Relation.consistent),
        ("nearly 4.8 million votes", "4.75 million votes", Relation.consistent),
        ("nearly 4.8 million votes", "5.1 million votes", Relation.conflicting),
        ("$4.2 billion", "4.2 billion dollars", Relation.consistent),
        ("$4.2 billion", "$3.9 billion", Relation.conflicting),
        ("52%", "52 percent", Relation.consistent),
        ("52%", "48 percent", Relation.conflicting),
        ("fewer than 100 residents", "80 people", Relation.consistent),
        ("fewer than 100 residents", "140 people", Relation.conflicting),
        ("up to 40 patients", "35 patients", Relation.consistent),
        ("25 deaths", "25 containers", Relation.incomparable),
    ],
)
def test_compare_on_other_topics(a: str, b: str, relation: Relation) -> None:
    assert compare(one(a), one(b)) == relation


def test_same_measure_uses_singulars_and_general_synonyms_only() -> None:
    assert same_measure(one("11,000 troops"), one("10,000 soldiers"))
    assert same_measure(one("80 people"), one("80 residents"))
    assert same_measure(one("$5bn"), one("5 billion dollars"))
    assert not same_measure(one("80 people"), one("80 homes"))
    assert canonical_unit("shipping containers") == "container"
    assert canonical_unit(None) is None


def test_unitless_figures_are_never_comparable() -> None:
    bare = Quantity(value=5, low=5, high=5, text="5")
    assert compare(bare, bare) == Relation.incomparable


def test_output_is_in_text_order_and_repeatable() -> None:
    text = "Some 300 homes burned, 2 people died and about 40 firefighters responded."
    first = extract_quantities(text)
    assert [q.text for q in first] == ["Some 300 homes", "2 people", "about 40 firefighters"]
    assert extract_quantities(text) == first
