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
from factcheck.report import build_report, print_summary


def _report(clusters: list[Cluster]) -> Report:
    sources = [Source(id=i, path=f"{i}.txt", format="txt", text="The dam holds.", sha256=i)
               for i in ("a", "b")]
    claims = [Claim(id="a#c1", source_id="a", text="The dam holds.", quote="The dam holds.",
                    span=(0, 14), flags=[Flag(kind=FlagKind.single_source, reason="only a")])]
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


def test_flagged_facts_in_rank_order_unflagged_left_out() -> None:
    text = _printed(_report([
        _cluster("k1", "Figures differ on the toll.", [FlagKind.numeric_discrepancy]),
        _cluster("k2", "The bridge reopened.", [FlagKind.single_source]),
        _cluster("k3", "Everyone agrees on this.", []),
    ]))
    assert text.index("Figures differ") < text.index("The bridge reopened")
    assert "numeric discrepancy" in text and "1 independent source" in text
    assert "Everyone agrees" not in text


def test_without_clusters_flagged_claims_are_listed() -> None:
    text = _printed(_report([]))
    assert "Flagged claims" in text and "a#c1" in text and "single source" in text


def test_problems_are_printed_verbatim() -> None:
    assert "c.bin: binary file [x]" in _printed(_report([]))
