"""Currency and count-noun vocabulary as the quantity parser uses it (factcheck.language.units)."""

from __future__ import annotations

from factcheck.language.quantities import Relation, canonical_unit, compare, extract_quantities
from factcheck.language.units import CURRENCY_WORDS, MEASURE_WORDS


def _one(text: str):
    found = extract_quantities(text)
    assert len(found) == 1, found
    return found[0]


def test_uncommon_currency_names_give_a_unit_so_amounts_compare() -> None:
    low = _one("Each household will receive 150,000 naira in aid.")
    high = _one("Each household will receive 400,000 naira in aid.")
    assert low.unit == "NGN" and compare(low, high) == Relation.conflicting


def test_currency_codes_are_accepted_as_units() -> None:
    assert _one("The fine was 2,000,000 PKR.").unit == "PKR"
    assert _one("The contract is worth 80 million zloty.").unit == "PLN"


def test_currency_names_that_are_common_words_are_left_out() -> None:
    assert not {"real", "won", "pound"} & set(CURRENCY_WORDS)
    assert _one("She raised 3 real concerns.").unit == "concerns"


def test_currency_words_count_as_measure_words() -> None:
    assert "taka" in MEASURE_WORDS and "rupiah" in MEASURE_WORDS


def test_jobs_and_workers_and_people_are_one_measure() -> None:
    jobs = _one("The airline will cut 900 jobs.")
    staff = _one("The airline will cut 2,500 employees.")
    people = _one("The mill employed 900 people.")
    assert canonical_unit(jobs.unit) == canonical_unit(staff.unit) == "worker"
    assert compare(jobs, staff) == Relation.conflicting
    assert compare(jobs, people) == Relation.consistent


def test_unrelated_counts_stay_incomparable() -> None:
    assert compare(_one("They found 12 cars."), _one("They found 12 people.")) == \
        Relation.incomparable
