"""Flag tiers: needs-review facts first, informational ones apart, and one count everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from factcheck.aggregate import flagged_claim_ids, flagged_facts, needs_review
from factcheck.aggregate.ranking import rank
from factcheck.engine.local import LocalEngine
from factcheck.models import Claim, Cluster, Flag, FlagKind, FlagTier, Report, Stance
from factcheck.pipeline import run_pipeline
from factcheck.render.report import print_summary
from factcheck.review.queue import build_items

SEEDS = Path(__file__).parents[2] / "seeds"


def _claim(cid: str, *kinds: FlagKind) -> Claim:
    return Claim(id=cid, source_id=cid.split("#")[0], text="x", quote="x", span=(0, 1),
                 flags=[Flag(kind=k, reason="r") for k in kinds])


def _cluster(cid: str, claim_ids: list[str], stating: int, *kinds: FlagKind) -> Cluster:
    stances = {f"s{i}": Stance.states for i in range(stating)}
    return Cluster(id=cid, canonical=cid, claim_ids=claim_ids, stances=stances,
                   independent_sources=1, flags=[Flag(kind=k, reason="r") for k in kinds])


def test_the_tiers() -> None:
    info = {k for k in FlagKind if k.tier == FlagTier.for_information}
    assert info == {FlagKind.single_source, FlagKind.off_topic}
    assert needs_review([Flag(kind=FlagKind.added_in_derivative, reason="r")])
    assert not needs_review([Flag(kind=FlagKind.single_source, reason="r")])


def test_any_needs_review_fact_outranks_every_informational_one() -> None:
    claims = [_claim("a#c1", FlagKind.single_source, FlagKind.off_topic), _claim("b#c1")]
    clusters = [_cluster("k1", ["a#c1"], 5, FlagKind.single_source),
                _cluster("k2", ["b#c1"], 1, FlagKind.hedging_drift)]
    ranked = rank(clusters, claims)
    assert [k.canonical for k in ranked] == ["k2", "k1"]
    assert ranked[1].priority < 1.0 <= ranked[0].priority


def test_more_outlets_carrying_a_fact_rank_it_higher() -> None:
    claims = [_claim("a#c1"), _claim("b#c1")]
    clusters = [_cluster("narrow", ["a#c1"], 1, FlagKind.numeric_discrepancy),
                _cluster("wide", ["b#c1"], 4, FlagKind.numeric_discrepancy)]
    assert [k.canonical for k in rank(clusters, claims)] == ["wide", "narrow"]


def test_member_flags_make_a_fact_need_review() -> None:
    claims = [_claim("a#c1", FlagKind.contradicted), _claim("b#c1", FlagKind.single_source)]
    clusters = [_cluster("k1", ["a#c1", "b#c1"], 2), _cluster("k2", ["b#c1"], 1)]
    review, info = flagged_facts(claims, clusters)
    assert [k.id for k in review] == ["k1"] and [k.id for k in info] == ["k2"]
    assert flagged_claim_ids(claims, clusters) == {"a#c1"}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Report:
    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    return run_pipeline(paths, tmp_path_factory.mktemp("run"), lambda s: LocalEngine()).report


def test_terminal_report_and_review_queue_count_the_same(seeds: Report) -> None:
    console = Console(record=True, width=200)
    print_summary(seeds, console)
    text = " ".join(console.export_text().split())
    s = seeds.summary
    assert f"{s.needs_review} facts need review ({s.flagged_claims} claims)" in text
    assert len(build_items(seeds)) == s.flagged_claims
    assert s.needs_review == len(flagged_facts(seeds.claims, seeds.clusters)[0])


def test_seeds_need_review_list_is_short_and_leads_with_the_key_facts(seeds: Report) -> None:
    review, _ = flagged_facts(seeds.claims, seeds.clusters)
    assert 0 < len(review) <= 15
    by_id = {c.id: c for c in seeds.claims}
    first = [" ".join(by_id[i].quote for i in k.claim_ids) for k in review[:5]]
    assert any("13,000" in t and "20,000" in t for t in first)  # the containers figures
    summary = seeds.sources[0].id
    kursk = next(k for k in review[:5] if any(by_id[i].source_id == summary
                                              and "Kursk" in by_id[i].quote
                                              for i in k.claim_ids))
    kinds = {f.kind for i in kursk.claim_ids for f in by_id[i].flags
             if by_id[i].source_id == summary}
    # The swapped place is a mismatch, and against its parent an addition that names both
    # what it widened ('some of whom' -> all 11,000 joined) and the place's new owner.
    assert {FlagKind.entity_mismatch, FlagKind.added_in_derivative} <= kinds
    added = next(f for i in kursk.claim_ids for f in by_id[i].flags
                 if f.kind == FlagKind.added_in_derivative and by_id[i].source_id == summary)
    assert "some of whom" in added.reason and "Kursk" in added.reason


def test_seeds_attribution_drift_is_rare(seeds: Report) -> None:
    """Only real changes of who asserts a claim: a handful, not one per fact."""
    drift = [c for c in seeds.claims if any(f.kind == FlagKind.attribution_drift
                                            for f in c.flags)]
    assert 0 < len(drift) <= 4


def test_seeds_outlets_upstreams_and_lineage(seeds: Report) -> None:
    ids = [s.id for s in seeds.sources]
    by_id = {s.id: s for s in seeds.sources}
    assert by_id[ids[2]].outlet == "AP"
    assert by_id[ids[4]].outlet is None and by_id[ids[4]].upstream == "aljazeera.com"
    assert by_id[ids[0]].outlet is None and by_id[ids[0]].upstream == "nytimes.com"
    edges = {(x.source_id, x.derived_from): x for x in seeds.lineage}
    assert (ids[0], ids[1]) in edges and (ids[3], ids[2]) in edges
    assert (ids[2], ids[3]) not in edges
    assert all(x.direction and x.evidence for x in edges.values())
