"""Dates: phrases, ISO values, relations, ranges and compatibility."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.language.dates import date_range, dates_compatible, extract_dates
from factcheck.models import DateMention


def one(text: str, reference: dt.date | None = None) -> DateMention:
    found = extract_dates(text, reference=reference)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "phrase", "value", "relation"),
    [
        ("The plant closed on Friday.", "on Friday", None, "on"),
        ("Sales fell last year.", "last year", None, None),
        ("Polls open in October.", "in October", "--10", "in"),
        ("Shipments have run since August 2023.", "since August 2023", "2023-08", "since"),
        ("It has grown since the summer of 2023.", "since the summer of 2023",
         "2023-06/2023-08", "since"),
        ("The storm hit last November.", "last November", None, None),
        ("Prices rose this month.", "this month", None, None),
        ("The vote was held in May.", "in May", "--05", "in"),
        ("Results were certified in 2024.", "in 2024", "2024", "in"),
        ("It made landfall on Oct. 12, 2024.", "on Oct. 12, 2024", "2024-10-12", "on"),
        ("Repairs must finish by 2030.", "by 2030", "2030", "until"),
        ("Turnout peaked before June 5, 2022.", "before June 5, 2022", "2022-06-05", "before"),
        ("Factories grew after 12 March 2019.", "after 12 March 2019", "2019-03-12", "after"),
        ("Profits dipped in early 2023.", "in early 2023", "2023-01/2023-04", "in"),
    ],
)
def test_phrases_values_and_relations(text: str, phrase: str, value: str | None,
                                      relation: str | None) -> None:
    mention = one(text)
    assert (mention.text, mention.value, mention.relation) == (phrase, value, relation)


def test_modal_may_and_counts_are_not_dates() -> None:
    assert extract_dates("Officials may march the 2000 people who fled to safety.") == []


def test_reference_date_resolves_relative_phrases() -> None:
    ref = dt.date(2024, 11, 22)  # a Friday
    assert one("Sales fell last year.", ref).value == "2023"
    assert one("Prices rose this month.", ref).value == "2024-11"
    assert one("The storm hit last November.", ref).value == "2023-11"
    assert one("The plant closed on Friday.", ref).value == "2024-11-22"
    assert one("The plant closed on Wednesday.", ref).value == "2024-11-20"


def test_date_range_covers_the_named_period() -> None:
    assert date_range(one("in 2024")) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert date_range(one("since August 2023")) == (dt.date(2023, 8, 1), dt.date(2023, 8, 31))
    assert date_range(one("since the summer of 2023")) == (dt.date(2023, 6, 1),
                                                           dt.date(2023, 8, 31))
    assert date_range(one("in May")) is None
    assert date_range(one("on Friday")) is None


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("since August 2023", "since the summer of 2023", True),
        ("since August 2023", "since 2021", False),
        ("in October", "in October 2024", True),
        ("in October", "in November", False),
        ("on Oct. 12, 2024", "on October 12", True),
        ("on Oct. 12, 2024", "on October 15", False),
        ("before 2020", "in 2023", False),
        ("since 2020", "in 2023", True),
        ("in 2023", "in early 2023", True),
        ("on Friday", "on Friday", True),
        ("on Friday", "on Thursday", None),
        ("since 2020", "before 2019", None),
    ],
)
def test_dates_compatible(a: str, b: str, expected: bool | None) -> None:
    assert dates_compatible(one(a), one(b)) is expected
    assert dates_compatible(one(b), one(a)) is expected
