"""Claim clusters: same fact across sources, stances, independent corroboration, verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import make_source as _source

from factcheck.aggregate.clusters import build_clusters
from factcheck.aggregate.verdicts import overall_verdict, set_verdicts
from factcheck.engine.local import LocalEngine
from factcheck.models import (
    Check,
    Claim,
    Cluster,
    FlagKind,
    Lineage,
    Quantity,
    Report,
    Source,
    Stance,
    Verdict,
)
from factcheck.pipeline import run_pipeline


def _claim(source: Source, text: str, checks: list[Check] | None = None,
           quantities: list[Quantity] | None = None) -> Claim:
    start = source.text.index(text)
    n = source.text[:start].count(".") + 1
    return Claim(id=f"{source.id}#c{n}", source_id=source.id, text=text, quote=text,
                 span=(start, start + len(text)), checks=checks or [],
                 quantities=quantities or [])


def _check(source_id: str, verdict: Verdict) -> Check:
    return Check(source_id=source_id, verdict=verdict, rationale="test", confidence=0.5)


# -- overall verdict ---------------------------------------------------------------------------


@pytest.mark.parametrize(("verdicts", "expected"), [
    ([], None),
    ([Verdict.not_mentioned], Verdict.not_mentioned),
    ([Verdict.partially_supported, Verdict.not_mentioned], Verdict.partially_supported),
    ([Verdict.partially_supported, Verdict.supported], Verdict.supported),
    ([Verdict.supported, Verdict.contradicted], Verdict.contradicted),
])
def test_overall_verdict(verdicts: list[Verdict], expected: Verdict | None) -> None:
    src = _source("a", "Turnout reached a record high.")
    claim = _claim(src, "Turnout reached a record high.",
                   [_check(f"s{i}", v) for i, v in enumerate(verdicts)])
    assert overall_verdict(claim) == expected
    set_verdicts([claim])
    assert claim.verdict == expected


# -- hand-built election count -----------------------------------------------------------------

A = _source("a", "The electoral commission said turnout reached 71 percent in the mayoral "
            "election. Heavy snow closed roads in the north of the county.")
B = _source("b", "Turnout in the mayoral election reached 71 percent, the electoral "
            "commission said. The winner thanked volunteers at a rally.")
C = _source("c", "Turnout in the mayoral election reached 71 percent. A recount was refused.")


def _election() -> list[Claim]:
    return [
        _claim(A, "The electoral commission said turnout reached 71 percent in the mayoral "
               "election.", [_check("b", Verdict.supported), _check("c", Verdict.supported)]),
        _claim(A, "Heavy snow closed roads in the north of the county.",
               [_check("b", Verdict.not_mentioned), _check("c", Verdict.not_mentioned)]),
        _claim(B, "Turnout in the mayoral election reached 71 percent, the electoral "
               "commission said.", [_check("a", Verdict.supported)]),
        _claim(B, "The winner thanked volunteers at a rally.",
               [_check("a", Verdict.not_mentioned), _check("c", Verdict.not_mentioned)]),
        _claim(C, "Turnout in the mayoral election reached 71 percent.",
               [_check("a", Verdict.supported)]),
        _claim(C, "A recount was refused.", [_check("a", Verdict.not_mentioned)]),
    ]


def _holding(clusters: list[Cluster], claim_id: str) -> Cluster:
    return next(k for k in clusters if claim_id in k.claim_ids)


def test_same_fact_from_three_sources_is_one_cluster() -> None:
    claims = _election()
    clusters = build_clusters(claims, [A, B, C], [])
    turnout = _holding(clusters, claims[0].id)
    assert sorted(turnout.claim_ids) == sorted([claims[0].id, claims[2].id, claims[4].id])
    assert turnout.stances == {"a": Stance.states, "b": Stance.states, "c": Stance.states}
    assert turnout.independent_sources == 3
    assert not any(f.kind == FlagKind.single_source for f in turnout.flags)
    assert turnout.canonical in {c.text for c in claims}
    assert sorted(i for k in clusters for i in k.claim_ids) == sorted(c.id for c in claims)


def test_unrelated_claims_stay_apart_and_are_single_source() -> None:
    claims = _election()
    clusters = build_clusters(claims, [A, B, C], [])
    snow = _holding(clusters, claims[1].id)
    assert snow.claim_ids == [claims[1].id]
    assert snow.independent_sources == 1
    assert [f.kind for f in snow.flags] == [FlagKind.single_source]
    assert snow.stances["b"] == Stance.silent
    assert any(f.kind == FlagKind.single_source for f in claims[1].flags)


def test_a_derived_source_does_not_add_corroboration() -> None:
    claims = _election()
    copy = [Lineage(source_id="c", derived_from="b", score=0.9, evidence=["71 percent"])]
    turnout = _holding(build_clusters(claims, [A, B, C], copy), claims[0].id)
    assert turnout.independent_sources == 2


def test_partial_support_alone_is_not_corroboration() -> None:
    src = _source("x", "The plant will close in March.")
    other = _source("y", "Workers protested outside the plant.")
    claim = _claim(src, "The plant will close in March.",
                   [_check("y", Verdict.partially_supported)])
    protest = _claim(other, "Workers protested outside the plant.",
                     [_check("x", Verdict.not_mentioned)])
    k = _holding(build_clusters([claim, protest], [src, other], []), claim.id)
    assert k.stances["y"] == Stance.partially_supports
    assert any(f.kind == FlagKind.single_source for f in k.flags)


def test_clusters_are_deterministic() -> None:
    first = build_clusters(_election(), [A, B, C], [])
    second = build_clusters(_election(), [A, B, C], [])
    assert [k.model_dump() for k in first] == [k.model_dump() for k in second]


# -- the seeds, through the real pipeline ------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Report:
    paths = sorted(str(p) for p in (Path(__file__).parents[2] / "seeds").glob("*.txt"))
    return run_pipeline(paths, tmp_path_factory.mktemp("run"), lambda s: LocalEngine()).report


def _claims_with(report: Report, figure: float, unit_word: str) -> list[Claim]:
    return [c for c in report.claims for q in c.quantities
            if q.value == figure and unit_word in (q.unit or "")]


def test_seed_container_figures_form_one_cluster_with_a_discrepancy(seeds: Report) -> None:
    big = _claims_with(seeds, 20000, "container")
    small = _claims_with(seeds, 13000, "container")
    ids = [s.id for s in seeds.sources]
    assert ids[1] in {c.source_id for c in big}
    assert {ids[2], ids[3]} <= {c.source_id for c in small}
    holding = {_holding(seeds.clusters, c.id).id for c in big + small}
    assert len(holding) == 1
    cluster = _holding(seeds.clusters, big[0].id)
    assert FlagKind.numeric_discrepancy in {f.kind for f in cluster.flags}
    assert cluster.independent_sources < len({c.source_id for c in big + small})


def _cluster_of_quote(report: Report, source_index: int, *words: str) -> Cluster:
    sid = report.sources[source_index].id
    claim = next(c for c in report.claims
                 if c.source_id == sid and all(w in c.quote.lower() for w in words))
    return _holding(report.clusters, claim.id)


def test_seed_single_source_facts(seeds: Report) -> None:
    pact = _cluster_of_quote(seeds, 3, "mutual aid agreement")
    visit = _cluster_of_quote(seeds, 4, "test", "security chief")
    for cluster in (pact, visit):
        assert cluster.independent_sources == 1
        assert FlagKind.single_source in {f.kind for f in cluster.flags}


def test_seed_report_carries_stored_clusters_and_verdicts(seeds: Report) -> None:
    assert [k.id for k in seeds.clusters] == [f"k{i}" for i in range(1, len(seeds.clusters) + 1)]
    assert sorted(i for k in seeds.clusters for i in k.claim_ids) == \
        sorted(c.id for c in seeds.claims)
    assert all(c.verdict == overall_verdict(c) for c in seeds.claims)
    assert all(set(k.stances) == {s.id for s in seeds.sources} for k in seeds.clusters)


# -- clusters from candidates' checks (top-k: not every pair was verified) ---------------------


def _stated(source: Source, checks: list[Check]) -> Claim:
    """The source's one sentence as its claim."""
    return _claim(source, source.text, checks)


def _quoting(other: Source, verdict: Verdict) -> Check:
    return Check(source_id=other.id, verdict=verdict, rationale="test", confidence=0.6,
                 evidence_span=(0, len(other.text)))


JUDGES = _source("x", "Judges halted the takeover of the Orlund ferry line on Friday.")
COURT = _source("y", "A court blocked the Orlund ferry merger at the end of the week.")


def test_a_paraphrase_verified_one_way_joins_as_if_checked_both_ways() -> None:
    """Few shared words; the one check made quoted the other's sentence as support."""
    judges = _stated(JUDGES, [_quoting(COURT, Verdict.supported)])
    court = _stated(COURT, [])  # never verified against the judges' source
    assert len(build_clusters([judges, court], [JUDGES, COURT], [])) == 1


def test_a_paraphrase_the_other_way_did_not_find_stays_apart() -> None:
    judges = _stated(JUDGES, [_quoting(COURT, Verdict.supported)])
    court = _stated(COURT, [_check("x", Verdict.not_mentioned)])
    assert len(build_clusters([judges, court], [JUDGES, COURT], [])) == 2


def test_a_source_never_compared_with_a_claim_does_not_vote_against_it() -> None:
    """a and b state the fact alike; c's paraphrase was verified against a only."""
    a = _source("a", "Snow closed the Brannock tunnel to lorries on Monday.")
    b = _source("b", "The Brannock tunnel was shut to lorries by snow on Monday.")
    c = _source("c", "Lorries could not use the Brannock tunnel after heavy snow.")
    claims = [_stated(a, [_check("b", Verdict.supported)]),
              _stated(b, [_check("a", Verdict.supported)]),
              _stated(c, [_quoting(a, Verdict.partially_supported)])]
    clusters = build_clusters(claims, [a, b, c], [])
    assert [sorted(k.claim_ids) for k in clusters] == [["a#c1", "b#c1", "c#c1"]]
