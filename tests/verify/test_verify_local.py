"""The local verifier on the seeds and on small articles about other events."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from factcheck.language.text import sentences
from factcheck.models import Check, Claim, Source, Verdict
from factcheck.verify import verify_claim

CONTAINERS_001 = "close to 20,000 shipping containers"
CONTAINERS_002 = "over 13,000 containers"
TROOPS_001 = "an estimated 11,000 troops"
NOT_AGREEING = {Verdict.contradicted, Verdict.partially_supported}


def sentence_with(src: Source, fragment: str) -> str:
    """The sentence of ``src`` that contains ``fragment``."""
    return next(src.text[a:b] for a, b in sentences(src.text) if fragment in src.text[a:b])


def check_all(claim: Claim, sources: Sequence[Source]) -> dict[str, Check]:
    return {s.id: verify_claim(claim, s) for s in sources
            if s.id != claim.source_id}


def assert_evidence_is_verbatim(checks: dict[str, Check], sources: Sequence[Source]) -> None:
    by_id = {s.id: s for s in sources}
    for sid, check in checks.items():
        assert check.source_id == sid
        assert 0.0 <= check.confidence <= 1.0 and check.rationale
        if check.verdict == Verdict.not_mentioned:
            assert check.evidence is None and check.evidence_span is None
        else:
            assert check.evidence_span is not None
            start, end = check.evidence_span
            assert by_id[sid].text[start:end] == check.evidence


def test_containers_claim_disagrees_with_both_thirteen_thousand_sources(
        seed_sources, make_claim) -> None:
    sources = list(seed_sources.values())
    src = seed_sources["001"]
    claim = make_claim(src, sentence_with(src, CONTAINERS_001))
    checks = check_all(claim, sources)
    for other in ("002", "003"):
        check = checks[seed_sources[other].id]
        assert check.verdict in NOT_AGREEING
        assert "13,000" in (check.evidence or "")
        assert "20,000" in check.rationale and "13,000" in check.rationale
    assert_evidence_is_verbatim(checks, sources)


def test_thirteen_thousand_claim_disagrees_with_close_to_twenty_thousand(
        seed_sources, make_claim) -> None:
    sources = list(seed_sources.values())
    src = seed_sources["002"]
    claim = make_claim(src, sentence_with(src, CONTAINERS_002))
    checks = check_all(claim, sources)
    assert checks[seed_sources["001"].id].verdict in NOT_AGREEING
    assert_evidence_is_verbatim(checks, sources)


@pytest.mark.parametrize("other", ["002", "003", "004"])
def test_estimated_troops_never_contradicted_by_over_ten_thousand(
        seed_sources, make_claim, other: str) -> None:
    sources = list(seed_sources.values())
    src = seed_sources["001"]
    claim = make_claim(src, sentence_with(src, TROOPS_001))
    check = check_all(claim, sources)[seed_sources[other].id]
    assert check.verdict != Verdict.contradicted


def test_boilerplate_sentence_is_not_mentioned_elsewhere(seed_sources, make_claim) -> None:
    sources = list(seed_sources.values())
    claim = make_claim(seed_sources["001"], "Please enable JavaScript in your browser settings.")
    checks = check_all(claim, sources)
    assert {c.verdict for c in checks.values()} == {Verdict.not_mentioned}
    assert_evidence_is_verbatim(checks, sources)


def test_no_passages_means_not_mentioned(make_source, make_claim) -> None:
    a = make_source("a", "The bridge reopened to traffic on Monday.")
    b = make_source("b", "Quarterly revenue rose.")
    check = verify_claim(make_claim(a, "The bridge reopened to traffic on Monday."), b)
    assert check.verdict == Verdict.not_mentioned and check.evidence is None


def test_output_is_deterministic(seed_sources, make_claim) -> None:
    sources = list(seed_sources.values())
    src = seed_sources["001"]
    claim = make_claim(src, sentence_with(src, CONTAINERS_001))
    assert check_all(claim, sources) == check_all(claim, sources)
