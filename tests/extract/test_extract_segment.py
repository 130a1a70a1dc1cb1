"""Non-claim filtering, clause splitting and quotation runs."""

from __future__ import annotations

import pytest

from factcheck.extract.segment import is_non_claim, split_clauses, units


def parts(sentence: str) -> list[str]:
    return [sentence[p.span[0]:p.span[1]] for p in split_clauses(sentence, (0, len(sentence)))]


def whole(text: str) -> tuple[int, int]:
    return (0, len(text))


@pytest.mark.parametrize("text", [
    "What caused the fire?",
    "Here is what we know:",
    "Key Takeaways From The Vote",
    "Updated",
    "These developments warrant close observation in the coming months.",
    "Whether the plan works remains to be seen.",
])
def test_non_claims_are_skipped(text: str) -> None:
    assert is_non_claim(text, whole(text), alone=True)


@pytest.mark.parametrize("text", [
    "The death toll rose to 12 on Monday.",
    "Death toll rises to 12",  # a line without a stop, but mostly lower case and a number
    "Officials in Ohio warrant that the bridge is safe.",  # names a place: kept
    "The plant employs about 300 people.",
])
def test_factual_sentences_are_kept(text: str) -> None:
    assert not is_non_claim(text, whole(text), alone=True)


def test_semicolon_split() -> None:
    assert parts("Eight people remain in hospital; two are in critical condition.") == [
        "Eight people remain in hospital", "two are in critical condition."]


def test_while_split_needs_two_clauses() -> None:
    assert parts("Turnout was 61 percent in the city, while the suburbs reported 55 percent.") \
        == ["Turnout was 61 percent in the city", "the suburbs reported 55 percent."]
    assert parts("He broke his arm while skiing in the Alps last winter.") == [
        "He broke his arm while skiing in the Alps last winter."]


def test_leading_concessive_gives_both_statements() -> None:
    assert parts("Although the cause was not disclosed, the plant reopened on Monday.") == [
        "the cause was not disclosed", "the plant reopened on Monday."]


def test_and_splits_only_before_a_new_clause() -> None:
    assert parts("The storm destroyed 40 homes, and 12 people were injured.") == [
        "The storm destroyed 40 homes", "12 people were injured."]
    listed = "The convoy carried food, water, and medical supplies to the town."
    assert parts(listed) == [listed]


def test_but_split_and_not_only_kept() -> None:
    assert parts("The fire was contained by noon, but two firefighters were hurt.") == [
        "The fire was contained by noon", "two firefighters were hurt."]
    kept = "The company cut prices, but also raised its dividend."
    assert parts(kept) == [kept]


def test_participle_of_speech_marks_the_second_part() -> None:
    sentence = "The mayor visited the site, saying that repairs would take a month."
    found = split_clauses(sentence, whole(sentence))
    assert [p.said_by_subject for p in found] == [False, True]


def test_no_split_inside_a_quotation() -> None:
    sentence = 'She said "we tried; we failed" and left the room quickly.'
    assert parts(sentence) == [sentence]


def test_quotation_run_groups_sentences() -> None:
    text = '"The roof fell in. Nobody was inside," the owner said. Crews left at noon.'
    found = units(text)
    assert [len(u.sentences) for u in found] == [2, 1]
    assert text[found[0].span[0]:found[0].span[1]].endswith("the owner said.")
