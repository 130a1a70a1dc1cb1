"""Second-round verdict rules: what a figure measures, forecasts, years, open denials."""

from __future__ import annotations

from factcheck.language.dates import dates_compatible, extract_dates
from factcheck.language.retrieval import analyse
from factcheck.verify.figures import can_conflict, comparable, figures_in
from factcheck.verify.polarity import clause_clash


def _pair(a: str, b: str):
    return figures_in(a)[0], figures_in(b)[0]


def test_workforce_size_is_not_a_death_toll() -> None:
    staff, dead = _pair("The mill employed about 3,100 people before the flood.",
                        "At least 23 people died in the mill during the flood.")
    assert "workforce" in staff.classes and "death" in dead.classes
    assert not comparable(staff, dead)


def test_a_clash_needs_both_sides_to_say_what_is_measured() -> None:
    hurt, aboard = _pair("Some 40 people were hurt when the ferry capsized.",
                         "About 600 people were on the ferry when it capsized.")
    assert hurt.classes and not aboard.classes
    assert not can_conflict(hurt, aboard)


def test_forecast_figures_are_not_held_against_reported_ones() -> None:
    forecast, actual = _pair("Analysts had expected sales of $2.2 billion for the retailer.",
                             "The retailer reported sales of $2.6 billion for the year.")
    assert forecast.projected and not actual.projected
    assert not comparable(forecast, actual)
    other, _ = _pair("Analysts had forecast sales of $2.4 billion for the retailer.",
                     "The retailer reported sales of $2.6 billion for the year.")
    assert comparable(forecast, other)


def test_a_level_after_rose_to_is_measured_by_its_noun() -> None:
    level, = figures_in("Operating profit rose to $45 million, the airline said.")
    change, = figures_in("Operating profit rose 12% in the quarter, the airline said.")
    assert level.classes == frozenset({"profit"})
    assert change.classes == frozenset({"change"})


def test_different_whole_years_clash_but_a_day_keeps_time_zone_slack() -> None:
    a, = extract_dates("The bridge failed an inspection in 2019.")
    b, = extract_dates("The bridge failed an inspection in 2018.")
    assert dates_compatible(a, b) is False
    day, = extract_dates("The vote was held on 3 May 2021.")
    next_day, = extract_dates("The vote was held on 4 May 2021.")
    assert dates_compatible(day, next_day) is True


def test_denial_with_an_open_object_clashes_with_a_specific_arrest() -> None:
    denial = "Police have not detained anyone over the explosion, officials said."
    arrest = "Police have detained the mine's manager on suspicion of negligence."
    assert clause_clash(denial, arrest) and clause_clash(arrest, denial)


def test_open_object_denial_needs_its_verb_on_the_other_side() -> None:
    denial = "Police have not detained anyone over the explosion."
    assert not clause_clash(denial, "Police have questioned the mine's manager.")


def test_paraphrase_pairs_share_a_retrieval_term() -> None:
    assert analyse("battled the blaze") == analyse("fight the fire")
    assert analyse("closures") == analyse("close")
    assert analyse("layoffs") == analyse("cuts")
    assert analyse("flames") != analyse("floods")
