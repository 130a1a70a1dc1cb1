"""Candidate sources: a claim is verified against the few sources that can speak to it.

A story of our own: a reservoir drought, where most sources are about other parts of it
and one gives another figure for the same measure.
"""

from __future__ import annotations

from pathlib import Path

from builders import make_source

from factcheck.aggregate.clusters import build_clusters
from factcheck.engine.local import LocalEngine
from factcheck.language.candidates import CandidateIndex
from factcheck.models import Check, Claim, Quantity, Source, Verdict
from factcheck.pipeline import run_pipeline

LEVEL = "The Varrow reservoir fell to 31 percent of capacity on Sunday, the water board said."
TEXTS = {
    "same": "The water board said the Varrow reservoir fell to 31 percent of capacity on "
            "Sunday. Hosepipes are banned.",
    "other_figure": "The Varrow reservoir dropped to 18 percent of capacity on Sunday, "
                    "according to the water board.",
    "farmers": "Farmers near Lindqvist asked for emergency grants after a dry spring.",
    "schools": "Schools in the valley will close their swimming pools for the summer.",
    "tourism": "Hotel bookings on the lake shore fell sharply this month.",
    "rain": "Forecasters expect no significant rain before the end of the month.",
}


def _sources() -> list[Source]:
    return [make_source("own", LEVEL)] + [make_source(k, v) for k, v in TEXTS.items()]


def _stating(source_id: str, text: str, quantities: list[Quantity] | None = None) -> Claim:
    return Claim(id=f"{source_id}#c1", source_id=source_id, text=text, quote=text,
                 span=(0, len(text)), quantities=quantities or [])


def _claim(quantities: list[Quantity] | None = None) -> Claim:
    return _stating("own", LEVEL, quantities)


def test_sources_that_state_the_claim_rank_first_and_its_own_never() -> None:
    ranked = CandidateIndex(_sources()).candidates(_claim(), 6)
    assert ranked[:2] == ["same", "other_figure"] or ranked[:2] == ["other_figure", "same"]
    assert "own" not in ranked and "schools" not in ranked[:2]


def test_a_conflicting_figure_ranks_above_a_matching_one() -> None:
    percent = Quantity(value=31, unit="percent", text="31 percent")
    ranked = CandidateIndex(_sources()).candidates(_claim([percent]), 2)
    assert ranked[0] == "other_figure"


def test_top_k_verifies_each_claim_against_k_sources_only(tmp_path: Path) -> None:
    for source in _sources():
        (tmp_path / f"{source.id}.txt").write_text(source.text, encoding="utf-8")
    limited = run_pipeline([str(tmp_path)], tmp_path / "k2", lambda s: LocalEngine(),
                           story_mode="single", top_k=2).report
    every = run_pipeline([str(tmp_path)], tmp_path / "all", lambda s: LocalEngine(),
                         story_mode="single", top_k=0).report
    assert limited.claims and all(len(c.checks) <= 2 for c in limited.claims)
    assert all(len(c.checks) == len(every.sources) - 1 for c in every.claims)
    level = next(c for c in limited.claims if c.source_id == "own")
    assert {k.source_id for k in level.checks} == {"same", "other_figure"}
    kept = {(c.id, k.source_id): k.verdict for c in limited.claims for k in c.checks}
    full = {(c.id, k.source_id): k.verdict for c in every.claims for k in c.checks}
    assert all(full[key] == verdict for key, verdict in kept.items())  # same verdicts


def _stated(source: Source, checks: list[Check]) -> Claim:
    return _stating(source.id, source.text).model_copy(update={"checks": checks})


def test_clustering_links_only_claims_whose_sources_were_checked_together() -> None:
    a, b, c = (make_source(x, LEVEL) for x in "abc")
    silent = Check(source_id="c", verdict=Verdict.not_mentioned, rationale="t", confidence=0.5)
    apart = build_clusters([_stated(a, [silent]), _stated(b, [silent])], [a, b, c], [])
    assert len(apart) == 2  # a and b were never verified against each other
    seen = Check(source_id="b", verdict=Verdict.not_mentioned, rationale="t", confidence=0.5)
    together = build_clusters([_stated(a, [seen]), _stated(b, [silent])], [a, b, c], [])
    assert len(together) == 1


# -- many sources repeating one sentence: paraphrases and spread -------------------------------

SPILL = "The Kelder dam opened its spillway gates on Tuesday."
FILLERS = ["Anglers were told to keep away.", "The road to the lake stays open.",
           "A public meeting is planned.", "Farmers welcomed the decision.",
           "The water board published river levels.", "Rain is forecast for Friday."]
PARAPHRASE = "Engineers released water through the Kelder dam spillway on Tuesday."


def _repeating() -> list[Source]:
    copies = [make_source(f"copy{n}", f"{SPILL} {filler}") for n, filler in enumerate(FILLERS)]
    return [make_source("own", SPILL), *copies, make_source("para", PARAPHRASE)]


def test_a_paraphrase_gets_a_slot_among_many_copies_of_the_claims_sentence() -> None:
    index = CandidateIndex(_repeating())
    scores = index.scores(_stating("own", SPILL))
    assert all(scores["para"] < scores[f"copy{n}"] for n in range(len(FILLERS)))
    assert "para" in index.candidates(_stating("own", SPILL), 3)


def test_claims_worded_alike_are_checked_against_different_sources() -> None:
    sources = _repeating()
    index = CandidateIndex(sources)
    chosen = [index.candidates(_stating(s.id, SPILL), 2) for s in sources[:-1]]
    assert len({tuple(c) for c in chosen}) > 1
    assert {sid for c in chosen for sid in c} >= {s.id for s in sources[:-1]}


def test_sources_giving_another_figure_do_not_crowd_out_a_paraphrase() -> None:
    """A conflicting figure scores double; the paraphrase is judged by the plain scores."""
    claim_text = "Flooding forced 120 families from their homes in Tarrow."
    sources = [make_source("own", claim_text),
               *(make_source(f"other{n}", f"Flooding forced 190 families from their homes in "
                                          f"Tarrow. {filler}")
                 for n, filler in enumerate(FILLERS)),
               make_source("para", "After the river burst its banks, 120 households in "
                                   "Tarrow were evacuated by boat overnight.")]
    families = Quantity(value=120, unit="families", text="120 families")
    claim = _stating("own", claim_text, [families])
    ranked = CandidateIndex(sources).candidates(claim, 3)
    assert ranked[0].startswith("other") and "para" in ranked
