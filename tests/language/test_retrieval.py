"""Retrieval: tokenising, BM25 ranking, windows, figure slots, speed."""

from __future__ import annotations

import itertools

from builders import make_source as source

from factcheck.language.quantities import extract_quantities
from factcheck.language.retrieval import PassageIndex, analyse, stem
from factcheck.language.text import find_span
from factcheck.models import Claim, Source

FIRE_A = (
    "A fire tore through a textile factory in the industrial district on Tuesday night.\n"
    "At least 12 workers were killed and 40 were injured, the fire service said.\n"
    "The blaze started in a storage room. It spread to three floors within an hour.\n"
    "Some 300 firefighters fought the flames until dawn."
)
FIRE_B = (
    "Fire at garment plant kills workers\n"
    "Nineteen workers died when fire swept through a garment factory late on Tuesday.\n"
    "Officials said the fire began in a storage room. Investigators are examining wiring.\n"
    "Around 250 firefighters were deployed to the scene."
)
EARNINGS = (
    "The retailer reported quarterly revenue of $4.2 billion, up 8% from a year earlier.\n"
    "Its chief executive said online sales drove the growth."
)


def claim_from(src: Source, sentence: str, n: int = 1) -> Claim:
    span = find_span(src.text, sentence)
    assert span is not None
    quote = src.text[span[0]:span[1]]
    return Claim(id=f"{src.id}#c{n}", source_id=src.id, text=quote, quote=quote, span=span,
                 quantities=extract_quantities(quote))


def test_analyse_folds_hyphens_case_plurals_and_stop_words() -> None:
    assert "antiaircraft" in analyse("Anti-aircraft guns")
    assert set(analyse("the missiles")) == set(analyse("Missile"))
    assert analyse("13,000 containers") == ["13000", "container"]
    assert "the" not in analyse("the fire")
    assert stem("supplied") == stem("supplies") == stem("supply")
    assert stem("launched") == stem("launching") == stem("launches")
    assert set(analyse("soldiers")) == set(analyse("troops"))


def test_search_ranks_the_matching_sentence_first_with_exact_spans() -> None:
    src = source("b", FIRE_B)
    index = PassageIndex([source("a", FIRE_A), src, source("c", EARNINGS)])
    hits = index.search("the fire started in a storage room", "b", k=2)
    assert hits and "storage room" in hits[0].text
    for hit in hits:
        assert src.text[hit.span[0]:hit.span[1]] == hit.text
        assert hit.source_id == "b"
    assert hits == sorted(hits, key=lambda p: -p.score)


def test_passages_do_not_overlap_and_windows_bring_the_antecedent() -> None:
    index = PassageIndex([source("a", FIRE_A)])
    hits = index.search("blaze storage room spread three floors", "a", k=3)
    assert "The blaze started" in hits[0].text and "three floors" in hits[0].text
    spans = sorted(h.span for h in hits)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_unknown_source_and_no_match_give_nothing() -> None:
    index = PassageIndex([source("a", FIRE_A)])
    assert index.search("fire", "missing") == []
    assert index.search("quarterly revenue", "a") == []


def test_candidates_cover_every_other_source_and_add_a_figure_sentence() -> None:
    a, b = source("a", FIRE_A), source("b", FIRE_B)
    index = PassageIndex([a, b, source("c", EARNINGS)])
    claim = claim_from(a, "Some 300 firefighters fought the flames until dawn.")
    found = index.candidates(claim, k=1)
    assert sorted(found) == ["b", "c"]
    assert any("250 firefighters" in p.text for p in found["b"])
