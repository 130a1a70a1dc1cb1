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


def _claim(quantities: list[Quantity] | None = None) -> Claim:
    return Claim(id="own#c1", source_id="own", text=LEVEL, quote=LEVEL, span=(0, len(LEVEL)),
                 quantities=quantities or [])


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
    return Claim(id=f"{source.id}#c1", source_id=source.id, text=source.text,
                 quote=source.text, span=(0, len(source.text)), checks=checks)


def test_clustering_links_only_claims_whose_sources_were_checked_together() -> None:
    a, b, c = (make_source(x, LEVEL) for x in "abc")
    silent = Check(source_id="c", verdict=Verdict.not_mentioned, rationale="t", confidence=0.5)
    apart = build_clusters([_stated(a, [silent]), _stated(b, [silent])], [a, b, c], [])
    assert len(apart) == 2  # a and b were never verified against each other
    seen = Check(source_id="b", verdict=Verdict.not_mentioned, rationale="t", confidence=0.5)
    together = build_clusters([_stated(a, [seen]), _stated(b, [silent])], [a, b, c], [])
    assert len(together) == 1
