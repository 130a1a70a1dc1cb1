"""Ranking: the flags that most need a person come first; ids follow the rank."""

from __future__ import annotations

import itertools

from factcheck.aggregate.ranking import WEIGHTS, priority, rank
from factcheck.models import Claim, Cluster, Flag, FlagKind, Stance


def _cluster(cid: str, claim_ids: list[str], kinds: list[FlagKind],
             stating: int = 1) -> Cluster:
    stances = {f"s{i}": Stance.states if i < stating else Stance.silent for i in range(4)}
    return Cluster(id=cid, canonical="x", claim_ids=claim_ids, stances=stances,
                   independent_sources=stating,
                   flags=[Flag(kind=k, reason="r") for k in kinds])


def _claims(*ids: str) -> list[Claim]:
    return [Claim(id=i, source_id=i.split("#")[0], text="t", quote="t", span=(0, 1))
            for i in ids]


def test_conflicts_before_drift_before_gaps_before_nothing() -> None:
    clusters = [
        _cluster("k1", ["a#c1"], []),
        _cluster("k2", ["a#c2"], [FlagKind.single_source]),
        _cluster("k3", ["a#c3", "b#c1"], [FlagKind.hedging_drift], stating=2),
        _cluster("k4", ["a#c4", "b#c2"], [FlagKind.contradicted,
                                          FlagKind.numeric_discrepancy], stating=2),
    ]
    ranked = rank(clusters, _claims("a#c1", "a#c2", "a#c3", "a#c4", "b#c1", "b#c2"))
    assert [k.claim_ids[0] for k in ranked] == ["a#c4", "a#c3", "a#c2", "a#c1"]
    assert [k.id for k in ranked] == ["k1", "k2", "k3", "k4"]
    assert ranked[-1].priority == 0.0
    assert all(a.priority > b.priority for a, b in itertools.pairwise(ranked))


def test_a_widely_carried_fact_outranks_the_same_flag_on_an_aside() -> None:
    wide = _cluster("k1", ["a#c1", "b#c1", "c#c1"], [FlagKind.attribution_drift], stating=3)
    aside = _cluster("k2", ["a#c2", "b#c2"], [FlagKind.attribution_drift], stating=2)
    claims = _claims("a#c1", "b#c1", "c#c1", "a#c2", "b#c2")
    ranked = rank([aside, wide], claims)
    assert ranked[0].claim_ids == wide.claim_ids
    assert priority(wide, {c.id: c for c in claims}) > WEIGHTS[FlagKind.attribution_drift]


def test_member_claim_flags_count_toward_priority() -> None:
    claims = _claims("a#c1", "b#c1")
    claims[1].flags.append(Flag(kind=FlagKind.entity_mismatch, reason="r"))
    plain = _cluster("k1", ["a#c1", "b#c1"], [], stating=2)
    assert priority(plain, {c.id: c for c in claims}) > 0


def test_ties_keep_text_order_and_ranking_is_stable() -> None:
    clusters = [_cluster(f"k{i}", [f"a#c{i}"], [FlagKind.single_source]) for i in range(1, 4)]
    claims = _claims("a#c1", "a#c2", "a#c3")
    first = rank(clusters, claims)
    assert [k.claim_ids[0] for k in first] == ["a#c1", "a#c2", "a#c3"]
    assert [k.model_dump() for k in rank(list(reversed(clusters)), claims)] == \
        [k.model_dump() for k in first]
