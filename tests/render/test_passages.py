"""A claim's passage comes from paragraphs split once per source, and is the same passage
splitting the whole source again would give (which made rendering quadratic)."""

from __future__ import annotations

from builders import make_source
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.language.text import paragraphs
from factcheck.models import Claim
from factcheck.render.view import Passage, Passages

TEXT = st.text(alphabet=st.sampled_from("ab .\n"), min_size=1, max_size=200)


def _naive(text: str, start: int, end: int) -> Passage:
    spans = [p for p in paragraphs(text) if p[0] < end and p[1] > start]
    lo = min([start, *(p[0] for p in spans)])
    hi = max([end, *(p[1] for p in spans)])
    return Passage(text[lo:start], text[start:end], text[end:hi])


@settings(max_examples=300, deadline=None)
@given(TEXT, st.data())
def test_passage_matches_a_fresh_split(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    source = make_source("s", text)
    claim = Claim(id="s#c1", source_id="s", text="x", quote=text[start:end], span=(start, end))
    assert Passages([source]).of(claim) == _naive(text, start, end)


def test_paragraphs_are_split_once_per_source(monkeypatch) -> None:
    calls: list[str] = []
    import factcheck.render.view as view

    def counting(text: str) -> list[tuple[int, int]]:
        calls.append(text)
        return paragraphs(text)
    monkeypatch.setattr(view, "paragraphs", counting)
    text = "One.\n\nTwo.\n\nThree.\n" * 50
    source = make_source("s", text)
    index = Passages([source])
    for n in range(100):
        index.of(Claim(id=f"s#c{n}", source_id="s", text="x", quote="One.", span=(0, 4)))
    assert len(calls) == 1
