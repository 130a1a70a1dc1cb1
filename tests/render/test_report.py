"""The terminal summary: counts, then the flagged facts a person should look at first."""

from __future__ import annotations

from rich.console import Console

from factcheck.models import (
    Claim,
    Cluster,
    Flag,
    FlagKind,
    Problem,
    ProblemStage,
    Report,
    RunInfo,
    Source,
    Stance,
)
from factcheck.render.report import build_report, print_summary


def _report(clusters: list[Cluster], claim_flags: tuple[FlagKind, ...] = ()) -> Report:
    sources = [Source(id=i, path=f"{i}.txt", format="txt", text="The dam holds.", sha256=i)
               for i in ("a", "b")]
    claims = [Claim(id="a#c1", source_id="a", text="The dam holds.", quote="The dam holds.",
                    span=(0, 14), flags=[Flag(kind=k, reason="r") for k in claim_flags])]
    problem = Problem(stage=ProblemStage.ingest, message="c.bin: binary file [x]", path="c.bin")
    return build_report(RunInfo(engine="local", started_at="t"), sources, claims, [problem],
                        clusters)


def _printed(report: Report) -> str:
    console = Console(record=True, width=100)
    print_summary(report, console)
    return console.export_text()


def _cluster(cid: str, text: str, flags: list[FlagKind]) -> Cluster:
    return Cluster(id=cid, canonical=text, claim_ids=["a#c1"], stances={"a": Stance.states},
                   independent_sources=1, flags=[Flag(kind=k, reason="r") for k in flags])


def test_needs_review_facts_in_rank_order_information_apart() -> None:
    report = _report([
        _cluster("k1", "Figures differ on the toll.", [FlagKind.numeric_discrepancy]),
        _cluster("k2", "The bridge reopened.", [FlagKind.single_source]),
        _cluster("k3", "Everyone agrees on this.", []),
    ])
    text = _printed(report)
    assert "Needs review" in text and "Figures differ" in text
    assert "numeric discrepancy" in text and "1 independent source" in text
    assert "The bridge reopened" not in text  # informational: counted apart, not listed
    assert "For information: 1 fact with single source only" in text
    assert "Everyone agrees" not in text
    assert "1 fact needs review (1 claim)" in " ".join(text.split())
    assert (report.summary.needs_review, report.summary.for_information) == (1, 1)


def test_without_clusters_claims_that_need_review_are_listed() -> None:
    text = _printed(_report([], (FlagKind.contradicted, FlagKind.single_source)))
    assert "Needs review" in text and "a#c1" in text and "contradicted" in text


def test_a_claim_with_only_an_informational_flag_is_not_listed() -> None:
    report = _report([], (FlagKind.single_source,))
    assert "a#c1" not in _printed(report)
    assert report.summary.flagged_claims == 0


def test_problems_are_printed_verbatim() -> None:
    assert "c.bin: binary file [x]" in _printed(_report([]))
