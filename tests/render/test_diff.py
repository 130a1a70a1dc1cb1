"""Word-level diff of a claim and its conflicting evidence."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factcheck.render.diff import changed, word_diff

CLAIM = "Rescuers moved about 4,500 residents out of Chile's Tarapaca region on Tuesday."
EVIDENCE = "On Tuesday rescuers moved more than 9,000 residents out of Peru's Tarapaca region."


def test_differing_words_are_marked_and_the_recorded_conflict_is_key() -> None:
    claim, evidence = word_diff(CLAIM, EVIDENCE, ["about 4,500 residents", "Chile's Tarapaca"],
                                ["more than 9,000 residents", "Peru's Tarapaca"])
    keys_a = [p.text.strip() for p in claim if p.kind == "key"]
    keys_b = [p.text.strip() for p in evidence if p.kind == "key"]
    assert keys_a == ["about 4,500", "Chile's"]
    assert keys_b == ["more than 9,000", "Peru's"]
    assert "residents" not in " ".join(changed(claim) + changed(evidence))  # in both
    assert "Tarapaca" not in " ".join(changed(claim))


def test_without_recorded_conflict_differences_are_plain_marks() -> None:
    claim, _ = word_diff(CLAIM, EVIDENCE)
    assert {p.kind for p in claim} == {"same", "diff"}


def test_same_text_marks_nothing_whatever_the_case_or_quotes() -> None:
    claim, evidence = word_diff("Peru’s region, said X.", "peru's region said x")
    assert changed(claim) == changed(evidence) == []


@given(st.text(), st.text())
def test_pieces_put_back_together_are_the_texts(a: str, b: str) -> None:
    pa, pb = word_diff(a, b, [a[:5]], [b[-5:]])
    assert "".join(p.text for p in pa) == a and "".join(p.text for p in pb) == b
