"""Long articles: extracted in windows of paragraphs, no claim lost at a window boundary."""

from __future__ import annotations

import re
import textwrap
from typing import Any

from factcheck.llm.extraction import Window, window_chars, windows
from factcheck.llm.grounding import PRONOUNS, Numbered

from .conftest import completion, grounded_claim, make_source, shown_lines

FIRST = ["Ilsa", "Marta", "Rhea", "Greta", "Noor", "Vera", "Tilda", "Anouk", "Saga", "Livia"]
LAST = ["Varga", "Lindqvist", "Okafor", "Brandt", "Moreau", "Halloran", "Petrakis", "Sund",
        "Ferreira", "Kowal", "Aaltonen", "Drummond"]
WORKS = ["water pipes", "street lights", "bus shelters", "school roofs", "bridge joints",
         "flood gates", "cycle lanes", "library shelves"]
PLACES = ["Harrowgate", "Ostby", "Lenfield", "Corrin", "Pellam", "Wexmoor", "Daltry", "Brisk"]


def long_article(paragraphs: int = 80) -> str:
    """An invented council report: each paragraph opens with a pronoun for the person named
    in the paragraph before, so a window cut between them needs its context line."""
    parts = ["Ashcombe council sets out its repair programme for the coming year"]
    for k in range(paragraphs):
        name = f"{FIRST[k % len(FIRST)]} {LAST[k % len(LAST)]}"
        work, place = WORKS[k % len(WORKS)], PLACES[k % len(PLACES)]
        parts.append(
            f"She added that {100 + 7 * k} households in {place} had asked for new {work} "
            f"during the consultation. {name}, who leads the council's works committee for "
            f"district {k + 1}, said the {work} in {place} would be replaced by the end of "
            f"the year at a cost of {20 + k} thousand pounds. The committee will publish its "
            f"tender for the {work} in {place} within {2 + k % 5} weeks, according to the "
            f"minutes of its meeting number {300 + k}.")
    parts[1] = parts[1].replace("She added that", "Officials said that")
    return "\n\n".join(parts) + "\n"


_NAME = re.compile(r"\b(?:" + "|".join(FIRST) + r") (?:" + "|".join(LAST) + r")\b")


def resolving_answer(body: dict[str, Any]) -> dict[str, Any]:
    """Scripted model: one claim per shown sentence, a leading pronoun replaced by the last
    name seen before it in the prompt (context lines included)."""
    prompt = body["messages"][-1]["content"]
    claims = []
    for n, text in shown_lines(body):
        first = text.split()[0].lower()
        if first in PRONOUNS:
            before = prompt[:prompt.index(f"[{n}] ")]
            names = _NAME.findall(before)
            if not names:
                continue  # nobody to resolve it to: the claim would be lost
            text = f"{names[-1]} {' '.join(text.split()[1:])}"
        claims.append(grounded_claim([n], text))
    return completion({"claims": claims})


def test_article_is_long_enough() -> None:
    assert len(long_article()) >= 30_000


def test_windows_cover_every_sentence_once_in_whole_paragraphs() -> None:
    article = Numbered.of(long_article())
    found = windows(article, window_chars(8192, 2048))
    assert len(found) >= 5
    ids = [n for w in found for n in w.ids]
    assert ids == list(article.ids)
    for w in found[1:]:
        assert article.paragraph_of[w.ids[0] - 1] != article.paragraph_of[w.ids[0] - 2]
        assert w.context and w.context[-1] == w.ids[0] - 1


def test_long_article_is_extracted_in_windows_with_no_claim_lost(fake_engine) -> None:
    source = make_source("report", long_article())
    engine, server = fake_engine(resolving_answer)
    result = engine.extract([source])
    article = Numbered.of(source.text)
    assert len(server.requests) >= 5
    shown = [text for b in server.requests for _, text in shown_lines(b)]
    assert sorted(shown) == sorted(article.sentence(n) for n in article.ids)  # disjoint
    assert all(shown_lines(b)[0][0] == 1 for b in server.requests)  # each numbered from 1
    quotes = {c.quote for c in result.claims}
    assert quotes == {article.text[slice(*span)] for span in article.spans}
    assert not result.problems
    assert [c.id for c in result.claims] == [f"report#c{n}" for n in article.ids]
    assert all(c.span < d.span for c, d in zip(result.claims, result.claims[1:], strict=False))
    opening = [c for c in result.claims if c.quote.startswith("She added")]
    assert all(_NAME.match(c.text) for c in opening)


def test_cut_off_answer_splits_its_window_instead_of_asking_again(fake_engine) -> None:
    source = make_source("report", long_article(6))
    article = Numbered.of(source.text)

    def answer(body: dict[str, Any]) -> dict[str, Any]:
        if len(shown_lines(body)) > 4:
            return completion('{"claims": [{"sentences": [1], "text": "Ash',
                              finish_reason="length")
        return resolving_answer(body)
    engine, server = fake_engine(answer)
    result = engine.extract([source])
    assert {c.quote for c in result.claims} == {article.text[slice(*s)] for s in article.spans}
    assert not result.problems
    asked = [tuple(text for _, text in shown_lines(b)) for b in server.requests]
    assert max(map(len, asked)) == len(article.spans)  # the first, whole-article window
    assert len(asked) == len(set(asked)) > 3  # smaller windows, never the same one again


def test_halves_keep_the_first_half_as_context() -> None:
    first, second = Window((4, 5, 6, 7), (3,)).halves()
    assert first == Window((4, 5), (3,)) and second == Window((6, 7), (4, 5))


def test_a_hard_wrapped_article_is_numbered_as_its_unwrapped_text(fake_engine) -> None:
    """Plain text wrapped at 60 columns: the same sentences as the unwrapped article, and a
    claim on a wrapped sentence quotes it verbatim across the line break."""
    flowing = long_article()[:3000]
    wrapped = "\n\n".join(textwrap.fill(p, 60) for p in flowing.split("\n\n"))
    assert wrapped.count("\n") > flowing.count("\n") + 20
    plain, hard = Numbered.of(flowing), Numbered.of(wrapped)
    assert [plain.sentence(n) for n in plain.ids] == [hard.sentence(n) for n in hard.ids]
    engine, _ = fake_engine(resolving_answer)
    claims = engine.extract([make_source("wrapped", wrapped)]).claims
    crossing = [c for c in claims if "\n" in c.quote]
    assert crossing and len(claims) == len(hard.ids)
    assert all(wrapped[c.span[0]:c.span[1]] == c.quote for c in claims)
