"""A small hand-made run (a warehouse fire reported by three outlets) for the review tests.

It holds article text with markup in it, because article text is untrusted input.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.models import (
    Attribution,
    AttributionKind,
    Check,
    Claim,
    Flag,
    FlagKind,
    RunInfo,
    Source,
    Verdict,
)
from factcheck.store import Store

HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"
TEXTS = {
    "wire": "A fire destroyed a warehouse in the port district on Tuesday.\n"
            "Fire chief Dana Reyes said 40 firefighters fought the blaze for six hours.\n"
            "No one was hurt, the company said.",
    "blog": "A warehouse burned down on Tuesday.\n"
            "About 90 firefighters were at the scene, a witness told us. " + HOSTILE + "\n"
            "The owner plans to rebuild.",
    "farm": "Huge blaze! Officials said 40 firefighters battled the fire.\n"
            "Two workers were injured.",
}


def _source(sid: str) -> Source:
    return Source(id=sid, path=f"{sid}.txt", format="txt", text=TEXTS[sid], outlet=sid.upper(),
                  sha256="0" * 64)


def _claim(sid: str, n: int, quote: str, *, checks: list[Check], flags: list[Flag],
           verdict: Verdict | None, speaker: str | None = None) -> Claim:
    start = TEXTS[sid].index(quote)
    kind = AttributionKind.reported_speech if speaker else AttributionKind.unattributed
    return Claim(id=f"{sid}#c{n}", source_id=sid, text=quote, quote=quote,
                 span=(start, start + len(quote)), checks=checks, flags=flags, verdict=verdict,
                 attribution=Attribution(speaker=speaker, kind=kind))


def _check(sid: str, verdict: Verdict, evidence: str | None, confidence: float) -> Check:
    span = None
    if evidence:
        start = TEXTS[sid].index(evidence)
        span = (start, start + len(evidence))
    return Check(source_id=sid, verdict=verdict, evidence=evidence, evidence_span=span,
                 rationale=f"compared with {sid}", confidence=confidence)


def fire_claims() -> list[Claim]:
    """Four claims to review (a numeric contradiction, a weaker contradiction, an addition, a
    drift) and one with an informational flag only."""
    count = "About 90 firefighters were at the scene, a witness told us. " + HOSTILE
    return [
        _claim("wire", 1, "A fire destroyed a warehouse in the port district on Tuesday.",
               checks=[_check("blog", Verdict.supported, "A warehouse burned down on Tuesday.",
                              0.8)], flags=[], verdict=Verdict.supported),
        _claim("wire", 2, "No one was hurt, the company said.",
               checks=[_check("farm", Verdict.contradicted, "Two workers were injured.", 0.4)],
               flags=[Flag(kind=FlagKind.contradicted, reason="Contradicted by farm.",
                           source_ids=["farm"])],
               verdict=Verdict.contradicted),
        _claim("blog", 2, count,
               checks=[_check("wire", Verdict.contradicted,
                              "Fire chief Dana Reyes said 40 firefighters fought the blaze for "
                              "six hours.", 0.9),
                       _check("farm", Verdict.contradicted,
                              "Officials said 40 firefighters battled the fire.", 0.7)],
               flags=[Flag(kind=FlagKind.contradicted, reason="Contradicted by wire, farm.",
                           source_ids=["farm", "wire"]),
                      Flag(kind=FlagKind.numeric_discrepancy, reason="90 vs 40 firefighters.",
                           source_ids=["wire"])],
               verdict=Verdict.contradicted, speaker="a witness"),
        _claim("blog", 3, "The owner plans to rebuild.",
               checks=[_check("wire", Verdict.not_mentioned, None, 0.5)],
               flags=[Flag(kind=FlagKind.added_in_derivative, source_ids=["wire"],
                           reason="blog adds this; wire, which it copies, does not say it."),
                      Flag(kind=FlagKind.single_source, reason="Only blog says so.")],
               verdict=Verdict.not_mentioned),
        _claim("farm", 2, "Two workers were injured.",
               checks=[_check("wire", Verdict.contradicted, "No one was hurt, the company said.",
                              0.4)],
               flags=[Flag(kind=FlagKind.attribution_drift, source_ids=["wire"],
                           reason="farm states it without a source; wire names the company.")],
               verdict=Verdict.not_mentioned),
        _claim("farm", 3, "Huge blaze!",  # informational only: not in the review queue
               checks=[_check("wire", Verdict.not_mentioned, None, 0.5)],
               flags=[Flag(kind=FlagKind.single_source, reason="Only farm says so.")],
               verdict=Verdict.not_mentioned),
    ]


def save_fire_run(run_dir: Path, claims: list[Claim] | None = None) -> int:
    with Store.in_dir(run_dir) as store:
        return store.save_run(RunInfo(engine="local", started_at="2026-01-01T00:00:00+00:00"),
                              [_source(s) for s in TEXTS], claims or fire_claims(), [])


@pytest.fixture
def fire_run(tmp_path: Path) -> Path:
    """A run directory holding the hand-made fire run."""
    run_dir = tmp_path / "fire"
    save_fire_run(run_dir)
    return run_dir
