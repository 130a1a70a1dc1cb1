"""The whole offline run on the seeds: what issue 2 promises a fact-checker."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from builders import stable_report

from factcheck.engine.local import LocalEngine
from factcheck.models import Claim, FlagKind, Report, Verdict
from factcheck.pipeline import run_pipeline

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BOILERPLATE = [
    "enable JavaScript", "verify access", "Already a subscriber", "See also", "Race Call",
    "All rights reserved", "Thank you for visiting our website", "Leave a Reply",
    "Required fields are marked", "Loading Now", "Post Comment", "noted investigative reporter",
    "Read at www", "Original Source",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    out = tmp_path_factory.mktemp("run")
    return run_pipeline([str(SEEDS)], out, lambda store: LocalEngine()).report


def _claims(report: Report, source_prefix: str, pattern: str) -> list[Claim]:
    return [c for c in report.claims
            if c.source_id.startswith(source_prefix) and re.search(pattern, c.quote)]


def _checks_against(claim: Claim, source_prefix: str) -> list:
    return [k for k in claim.checks if k.source_id.startswith(source_prefix)]


@pytest.mark.parametrize(("claim_in", "checked_in"),
                         [("001", "002"), ("001", "003"), ("002", "001"), ("003", "001")])
def test_containers_discrepancy_in_both_directions(report: Report, claim_in: str,
                                                    checked_in: str) -> None:
    (claim,) = _claims(report, claim_in, r"containers")
    (check,) = _checks_against(claim, checked_in)
    assert check.verdict in (Verdict.contradicted, Verdict.partially_supported)
    discrepancies = [f for f in claim.flags if f.kind is FlagKind.numeric_discrepancy]
    assert any(any(s.startswith(checked_in) for s in f.source_ids) for f in discrepancies)


def test_estimated_troops_never_contradicted_by_over_ten_thousand(report: Report) -> None:
    claims = _claims(report, "001", r"11,000 troops") + _claims(report, "000", r"11,000")
    assert claims
    for claim in claims:
        for check in claim.checks:
            # "an estimated 11,000" and "over 10,000" agree: no figure-based contradiction
            # (a swapped name in the same sentence may still contradict).
            figure_conflict = check.verdict is Verdict.contradicted and "conflicts with" in (
                check.rationale)
            assert not figure_conflict, (claim.id, check)
        assert not any(f.kind is FlagKind.numeric_discrepancy for f in claim.flags
                       if any(s[:3] in ("002", "003", "004") for s in f.source_ids))


def test_no_boilerplate_becomes_a_claim(report: Report) -> None:
    for claim in report.claims:
        for junk in BOILERPLATE:
            assert junk not in claim.quote, (claim.id, junk)
    source_texts = " ".join(s.text for s in report.sources)
    for junk in BOILERPLATE:
        assert junk not in source_texts


def test_every_quote_and_evidence_is_exact_at_its_span(report: Report) -> None:
    texts = {s.id: s.text for s in report.sources}
    for claim in report.claims:
        start, end = claim.span
        assert texts[claim.source_id][start:end] == claim.quote
        for check in claim.checks:
            if check.evidence is None:
                assert check.verdict is Verdict.not_mentioned
                continue
            a, b = check.evidence_span
            assert texts[check.source_id][a:b] == check.evidence


@pytest.mark.parametrize("source_prefix", ["001", "002", "003"])
def test_advisers_statement_names_him_with_his_role(report: Report, source_prefix: str) -> None:
    claims = _claims(report, source_prefix, r"(?i)anti-?air|air defen[cs]e")
    attributed = [c for c in claims if c.attribution.speaker in ("Shin Wonsik", "Shin Won-shik")]
    assert attributed, [c.attribution for c in claims]
    assert any("national security adviser" in (c.attribution.role or "")
               or "security adviser" in (c.attribution.role or "") for c in attributed)


def test_checks_cover_every_other_source(report: Report) -> None:
    ids = {s.id for s in report.sources}
    for claim in report.claims:
        assert {k.source_id for k in claim.checks} == ids - {claim.source_id}


def test_report_json_is_reproducible_apart_from_timestamps(tmp_path: Path) -> None:
    def stable(out: Path) -> dict:
        run_pipeline([str(SEEDS)], out, lambda store: LocalEngine())
        return stable_report(out)

    assert stable(tmp_path / "a") == stable(tmp_path / "b")
