"""The shared view: items from clusters or lone claims, ordering, stances, passages."""

from __future__ import annotations

from factcheck.aggregate import machine_verdict
from factcheck.models import Decision, Flag, FlagKind, Report, Review, Stance, Verdict
from factcheck.render.view import (
    build_items,
    passage,
    review_verdict,
    short_ids,
    short_item_ids,
)


def test_clusters_become_items_and_unclustered_claims_stand_alone(fire_report: Report) -> None:
    items = build_items(fire_report)
    ids = [i.id for i in items]
    assert {"k1", "k2"} <= set(ids)
    clustered = {c for k in fire_report.clusters for c in k.claim_ids}
    loose = [c.id for c in fire_report.claims if c.id not in clustered]
    assert sorted(set(ids) - {"k1", "k2"}) == sorted(loose)


def test_flagged_items_come_first_most_urgent_first(fire_report: Report) -> None:
    items = build_items(fire_report)
    flagged = [bool(i.flags) for i in items]
    assert flagged == sorted(flagged, reverse=True)
    assert items[0].id == "k1"  # higher priority than the lone single-source claim


def test_cluster_item_merges_flags_and_lists_members(fire_report: Report) -> None:
    k1 = next(i for i in build_items(fire_report) if i.id == "k1")
    assert [f.reason for f in k1.flags] == [fire_report.clusters[0].flags[0].reason]
    assert k1.stating == sorted({"wire_a1", "local_b2"})
    assert k1.independent == 1


def test_evidence_uses_a_member_claims_own_words_else_the_leads_check(
        fire_report: Report) -> None:
    k1 = next(i for i in build_items(fire_report) if i.id == "k1")
    by_source = {e.source.id: e for e in k1.evidence}
    assert k1.lead.source_id not in by_source
    assert by_source["local_b2"].stance is Stance.contradicts  # the cluster's stance
    assert by_source["local_b2"].text.startswith("More than 200")
    assert by_source["farm_c3"].verdict is Verdict.supported


def test_lone_claim_stances_come_from_its_checks(fire_report: Report) -> None:
    report = fire_report.model_copy(update={"clusters": []})
    item = next(i for i in build_items(report) if i.id == "local_b2#c1")
    assert item.stances == {"local_b2": Stance.states, "wire_a1": Stance.contradicts,
                            "farm_c3": Stance.contradicts}


def test_passage_splits_the_paragraph_around_the_quote(fire_report: Report) -> None:
    claim = fire_report.claims[0]
    source = fire_report.sources[0]
    p = passage(claim, source)
    assert p.quote == claim.quote
    assert (p.before + p.quote + p.after) in source.text
    assert p.after.startswith(" and two were treated")
    assert "\n" not in p.before + p.after


def test_passage_without_its_source_is_just_the_quote(fire_report: Report) -> None:
    claim = fire_report.claims[0]
    assert passage(claim, None).before == passage(claim, None).after == ""


def test_machine_verdict_falls_back_to_the_checks(fire_report: Report) -> None:
    wire_claim, _, local_claim, lone, _ = fire_report.claims
    assert machine_verdict(local_claim) is Verdict.contradicted
    assert machine_verdict(lone) is Verdict.not_mentioned
    assert machine_verdict(wire_claim.model_copy(update={"verdict": Verdict.supported})) \
        is Verdict.supported
    assert machine_verdict(wire_claim.model_copy(update={"checks": []})) is None


def test_review_verdict_only_for_settled_decisions(fire_report: Report) -> None:
    lone = fire_report.claims[3]
    assert review_verdict(lone) is Verdict.not_mentioned
    pending = Review(decision=Decision.needs_more_evidence, reviewer="x", decided_at="2025")
    assert review_verdict(lone.model_copy(update={"review": pending})) is None
    assert review_verdict(fire_report.claims[0]) is None


def test_short_labels_fall_back_to_full_ids_when_prefixes_collide(fire_report: Report) -> None:
    assert short_ids(fire_report.sources) == {"wire_a1": "wire", "local_b2": "local",
                                              "farm_c3": "farm"}
    twins = [s.model_copy(update={"id": f"same_{n}"}) for n, s in
             enumerate(fire_report.sources)]
    assert short_ids(twins) == {s.id: s.id for s in twins}
    items = build_items(fire_report)
    assert short_item_ids(items, fire_report.sources)["local_b2#c2"] == "local#c2"


def test_member_flags_show_when_the_cluster_does_not_explain_that_kind(
        fire_report: Report) -> None:
    hedged = Flag(kind=FlagKind.hedging_drift, reason="stated as fact here, hedged there")
    claims = [c.model_copy(update={"flags": [hedged]}) if c.id == "farm_c3#c1" else c
              for c in fire_report.claims]
    k2 = next(i for i in build_items(fire_report.model_copy(update={"claims": claims}))
              if i.id == "k2")
    assert k2.flags == [hedged]
