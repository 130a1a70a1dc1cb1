"""Replays of real traffic recorded from a llama.cpp server (scripts/record-cassettes).

Each test has its own cassette, replayed in record mode ``none``: a request without a
recording fails, and every recorded interaction must be played (the ``tape`` fixture).
Every test asserts a minimum of accepted model claims or verdicts, so none passes when the
model path yields nothing.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from factcheck.errors import CassetteMiss
from factcheck.language.retrieval import PassageIndex
from factcheck.llm import LLMEngine
from factcheck.models import Verdict
from factcheck.verify.evaluate import evaluate, read_pairs, summary

from .conftest import (
    INJECTION,
    RECORD_URL,
    REPO,
    make_source,
    sentence_claims,
)

MIN_CLAIMS = 1
"""Accepted model claims each recorded extraction must carry (SmolLM2-135M is tiny)."""
MIN_VERDICTS = 1
"""Model verdicts other than not_mentioned each recorded verification must carry."""


def _quotes_are_verbatim(claims, sources) -> None:
    texts = {s.id: s.text for s in sources}
    for claim in claims:
        assert texts[claim.source_id][claim.span[0]:claim.span[1]] == claim.quote
        for check in claim.checks:
            if check.evidence_span:
                start, end = check.evidence_span
                assert texts[check.source_id][start:end] == check.evidence


def test_extract_and_verify_fire_story(tape, recorded_settings, store, fire_sources) -> None:
    engine = LLMEngine(recorded_settings, store)
    extraction = engine.extract(fire_sources)
    first = extraction.claims[:2]  # each check is a call; two claims keep the recording short
    verification = engine.verify(first, fire_sources, PassageIndex(fire_sources))
    for claim in extraction.claims:
        claim.checks = verification.checks.get(claim.id, [])
    _quotes_are_verbatim(extraction.claims, fire_sources)
    usage = engine.usage()
    assert usage["extract.calls"] >= len(fire_sources)
    assert len(extraction.claims) >= MIN_CLAIMS
    assert {c.engine for c in extraction.claims} == {"llm"}
    checks = [ch for c in first for ch in c.checks]
    assert len(checks) >= 1 and {ch.engine for ch in checks} == {"llm"}
    assert sum(ch.verdict is not Verdict.not_mentioned for ch in checks) >= MIN_VERDICTS


def test_verify_fire_claims(tape, recorded_settings, store, fire_sources) -> None:
    claims = sentence_claims(fire_sources[0], limit=2)
    engine = LLMEngine(recorded_settings, store)
    verification = engine.verify(claims, fire_sources, PassageIndex(fire_sources))
    for claim in claims:
        claim.checks = verification.checks.get(claim.id, [])
        failed = [p for p in verification.problems if p.claim_id == claim.id]
        assert len(claim.checks) + len(failed) == 1  # one outcome per other source, always
        assert all(p.source_id == "fire_b" for p in failed)
    _quotes_are_verbatim(claims, fire_sources)
    assert engine.usage()["verify.calls"] >= 1
    made = [ch.verdict for c in claims for ch in c.checks]
    assert sum(v is not Verdict.not_mentioned for v in made) >= MIN_VERDICTS


def test_replay_opens_no_network_connection(tape, recorded_settings, store, fire_sources,
                                            monkeypatch) -> None:
    opened: list[object] = []
    real = socket.socket.connect

    def spy(sock: socket.socket, address: object) -> object:
        opened.append(address)
        return real(sock, address)
    if not RECORD_URL:
        monkeypatch.setattr(socket.socket, "connect", spy)
    engine = LLMEngine(recorded_settings, store)
    claims = engine.extract(fire_sources[1:]).claims  # SmolLM2 grounds none of fire_a's
    assert opened == []
    assert engine.usage()["calls"] >= 1 and len(claims) >= 1


def test_warm_cache_replay_makes_zero_http_requests(tape, recorded_settings, store,
                                                    fire_sources) -> None:
    first = LLMEngine(recorded_settings, store)
    assert first.extract(fire_sources[1:]).claims
    played = tape.play_count if not RECORD_URL else len(tape)
    again = LLMEngine(recorded_settings, store)
    if first.failures().total:
        # The recorded answer failed validation: never cached, so the rerun asks again
        # (on replay that is a request the cassette holds only once: a miss).
        assert store.db.execute("SELECT count(*) FROM response_cache").fetchone() == (0,)
        if not RECORD_URL:
            with pytest.raises(CassetteMiss):
                again.extract(fire_sources[1:])
        return
    again.extract(fire_sources[1:])
    now = tape.play_count if not RECORD_URL else len(tape)
    assert now == played
    assert again.usage()["calls"] == 0 and again.usage()["cache_hits"] == 1


def test_prompt_injection_changes_nothing(tape, recorded_settings, store,
                                          fire_sources) -> None:
    sources = [*fire_sources, make_source("council", INJECTION)]
    engine = LLMEngine(recorded_settings, store)
    extraction = engine.extract(sources[2:])
    claims = sentence_claims(fire_sources[0], limit=1)
    verification = engine.verify(claims, sources, PassageIndex(sources))
    council = [c for checks in verification.checks.values() for c in checks
               if c.source_id == "council"]
    # The council article is about something else: nothing in it can support a fire claim,
    # and no claim may come from its injected instructions.
    assert all(c.verdict is not Verdict.supported for c in council)
    assert not any("supported" in c.text.lower() for c in extraction.claims)
    assert not any("instruction" in c.quote.lower() for c in extraction.claims)
    # SmolLM2 grounds none of its council claims (recorded: every answer cut off or naming
    # a speaker or story the article lacks); each is judged and reported, none dropped.
    assert extraction.claims or any("rejected:" in p.message for p in extraction.problems)
    _quotes_are_verbatim(extraction.claims, sources)
    assert engine.usage()["verify.calls"] >= 1
    made = [c for checks in verification.checks.values() for c in checks if c.engine == "llm"
            and "was not asked" not in c.rationale]
    assert sum(c.verdict is not Verdict.not_mentioned for c in made) >= MIN_VERDICTS


def test_eval_llm_engine_on_labelled_pairs(tape, recorded_settings, store) -> None:
    pairs = read_pairs(REPO / "tests" / "verify" / "data" / "pairs.jsonl")[:3]
    engine = LLMEngine(recorded_settings, store)
    result = summary(evaluate(engine, pairs), engine.usage())
    assert result["pairs"] == 3 and result["decided_by"].get("llm", 0) >= MIN_VERDICTS
    assert result["usage"]["verify.calls"] >= 1 and result["calls_per_pair"] <= 1
    assert sum(row[v] for row in result["confusion"].values()
               for v in ("supported", "partially_supported", "contradicted")) >= MIN_VERDICTS


@pytest.mark.skipif(bool(RECORD_URL), reason="replay-only behaviour")
def test_changed_input_is_a_cassette_miss(recorded_settings, store, fire_sources,
                                          tmp_path: Path) -> None:
    from factcheck.llm.cassette import cassette
    settings = recorded_settings.model_copy(update={
        "cassette": Path(str(recorded_settings.cassette).replace(
            "test_changed_input_is_a_cassette_miss", "test_replay_opens_no_network_connection"))})
    changed = make_source("fire_a", fire_sources[0].text.replace("Three", "Four"))
    with cassette(settings), pytest.raises(CassetteMiss, match="no recording"):
        LLMEngine(settings, store).extract([changed])


@pytest.mark.skipif(bool(RECORD_URL), reason="replay-only behaviour")
def test_missing_cassette_file_fails(recorded_settings) -> None:
    from factcheck.llm.cassette import cassette
    settings = recorded_settings.model_copy(update={"cassette": Path("/nonexistent.yaml")})
    with pytest.raises(CassetteMiss, match="does not exist"), cassette(settings):
        pass
