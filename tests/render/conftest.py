"""Reports to render: a hand-built one on a factory fire (clusters, lineage, a review, hostile
text), and the seeds' report from the real pipeline with the local engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.engine.local import LocalEngine
from factcheck.models import (
    Attribution,
    AttributionKind,
    Check,
    Claim,
    Cluster,
    Decision,
    Entity,
    Flag,
    FlagKind,
    Lineage,
    Report,
    Review,
    RunInfo,
    Source,
    Stance,
    Verdict,
)
from factcheck.pipeline import run_pipeline
from factcheck.render.report import summarize

HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(1)>"

WIRE = ("Fire at Harlow plant\n"
        "A fire broke out at the Harlow paint plant on Monday night, the fire service said.\n"
        "Officials said 40 workers were evacuated and two were treated for smoke inhalation.")
LOCAL = ("Blaze hits paint factory\n"
         "More than 200 workers were evacuated from the Harlow paint plant on Monday.\n"
         "The company blamed a faulty dryer. " + HOSTILE)
REWRITE = ("Paint plant fire\n"
           "A fire broke out at the Harlow paint plant on Monday night.\n"
           "40 workers were evacuated, officials said.")


def _source(sid: str, text: str, outlet: str | None, url: str | None = None) -> Source:
    return Source(id=sid, path=f"{sid}.txt", format="txt", title=text.split("\n", 1)[0],
                  outlet=outlet, url=url, text=text, sha256=sid * 4)


def _claim(source: Source, n: int, quote: str, **fields: object) -> Claim:
    start = source.text.index(quote)
    return Claim(id=f"{source.id}#c{n}", source_id=source.id, text=quote, quote=quote,
                 span=(start, start + len(quote)), **fields)


def _check(source: Source, verdict: Verdict, evidence: str | None, why: str) -> Check:
    span = None
    if evidence:
        start = source.text.index(evidence)
        span = (start, start + len(evidence))
    return Check(source_id=source.id, verdict=verdict, evidence=evidence, evidence_span=span,
                 rationale=why, confidence=0.8)


def build_fire_report() -> Report:
    """Three outlets on a factory fire: one figure in dispute, one lone claim that needs review,
    one rewrite."""
    wire = _source("wire_a1", WIRE, "Wire Agency", "https://example.org/fire")
    local = _source("local_b2", LOCAL, HOSTILE, "javascript:alert(1)")
    rewrite = _source("farm_c3", REWRITE, None)
    evacuated = "Officials said 40 workers were evacuated"
    more = "More than 200 workers were evacuated from the Harlow paint plant on Monday."
    c1 = _claim(wire, 1, evacuated, attribution=Attribution(
        speaker="Officials", kind=AttributionKind.reported_speech),
        flags=[Flag(kind=FlagKind.numeric_discrepancy, reason="40 here vs more than 200.",
                    source_ids=[local.id])],
        checks=[_check(local, Verdict.contradicted, more, "40 conflicts with over 200."),
                _check(rewrite, Verdict.supported, "40 workers were evacuated", "same figure")])
    c2 = _claim(local, 1, more, checks=[
        _check(wire, Verdict.contradicted, evacuated, "over 200 conflicts with 40."),
        _check(rewrite, Verdict.contradicted, "40 workers were evacuated", "differs")])
    c3 = _claim(local, 2, "The company blamed a faulty dryer. " + HOSTILE,
                entities=[Entity(name="Harlow", kind="place")],
                flags=[Flag(kind=FlagKind.attribution_drift,
                            reason="Only the company is named as the source " + HOSTILE),
                       Flag(kind=FlagKind.single_source,
                            reason="No other source says so " + HOSTILE)],
                checks=[_check(wire, Verdict.not_mentioned, None, "nothing on the cause"),
                        _check(rewrite, Verdict.not_mentioned, None, "nothing on the cause")],
                review=Review(decision=Decision.set_verdict, verdict=Verdict.not_mentioned,
                              machine_verdict=Verdict.not_mentioned, reviewer="Dana Editor",
                              decided_at="2025-03-04T10:00:00+00:00", note="Asked the company."))
    c4 = _claim(wire, 2, "A fire broke out at the Harlow paint plant on Monday night",
                checks=[_check(local, Verdict.partially_supported, more, "same plant, day"),
                        _check(rewrite, Verdict.supported,
                               "A fire broke out at the Harlow paint plant on Monday night",
                               "same words")])
    c5 = _claim(rewrite, 1, "A fire broke out at the Harlow paint plant on Monday night.",
                checks=[_check(wire, Verdict.supported,
                               "A fire broke out at the Harlow paint plant on Monday night",
                               "same words"),
                        _check(local, Verdict.partially_supported, more, "same plant")])
    claims = [c1, c4, c2, c3, c5]
    clusters = [
        Cluster(id="k1", canonical=c1.text, claim_ids=[c1.id, c2.id],
                stances={wire.id: Stance.states, local.id: Stance.contradicts,
                         rewrite.id: Stance.supports},
                independent_sources=1, priority=0.9,
                flags=[Flag(kind=FlagKind.numeric_discrepancy,
                            reason="40 vs more than 200 workers evacuated.",
                            source_ids=[wire.id, local.id])]),
        Cluster(id="k2", canonical=c4.text, claim_ids=[c4.id, c5.id],
                stances={wire.id: Stance.states, local.id: Stance.partially_supports,
                         rewrite.id: Stance.states}, independent_sources=1, priority=0.1),
    ]
    lineage = [Lineage(source_id=rewrite.id, derived_from=wire.id, score=0.87,
                       evidence=["A fire broke out at the Harlow paint plant", "40 workers"])]
    sources = [wire, local, rewrite]
    run = RunInfo(engine="local", started_at="2025-03-04T09:00:00+00:00",
                  finished_at="2025-03-04T09:00:02+00:00")
    return Report(run=run, sources=sources, claims=claims, clusters=clusters, lineage=lineage,
                  summary=summarize(sources, claims, [], clusters))


@pytest.fixture
def fire_report() -> Report:
    return build_fire_report()


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The seeds through the real pipeline with the offline engine."""
    out = tmp_path_factory.mktemp("seeds-run")
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    return run_pipeline([str(seeds)], out, lambda store: LocalEngine()).report
