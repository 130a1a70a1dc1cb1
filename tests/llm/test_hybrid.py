"""The hybrid engine: built-in everywhere, the model only for hard sentences and uncertain
checks (scripted fake server)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from factcheck.engine.local import LocalEngine
from factcheck.language.retrieval import PassageIndex
from factcheck.llm import hybrid
from factcheck.llm.hybrid import HybridEngine, hard_sentences
from factcheck.llm.settings import LLMSettings
from factcheck.models import Verdict

from .conftest import (
    FakeServer,
    completion,
    grounded_claim,
    is_extraction,
    make_source,
    shown_lines,
    verdict,
)

KELBY_A = """Depot fire closes Kelby bus routes

A fire destroyed the Kelby bus depot on Sunday, the transit authority said. It had housed 40 buses.
"We will rebuild the depot on the same site, with room for sixty buses, electric chargers for \
every bay, a training hall for new drivers and a workshop that can repair the whole fleet without \
sending a single bus out of town, which has never been possible here before," said Anya Roth, \
the mayor of Kelby.
Most routes will run again by Friday.
"""

KELBY_B = """Kelby depot destroyed by fire

The Kelby bus depot burned down on Sunday. About 40 buses were kept there.
The mayor, Anya Roth, promised to rebuild the depot with room for sixty buses.
Officials expect most routes to resume on Friday.
"""


def _model(body: dict[str, Any]) -> dict[str, Any]:
    if is_extraction(body):
        claims = []
        for n, text in shown_lines(body):
            if text.startswith("It had"):
                claims.append(grounded_claim([n], "The Kelby bus depot had housed 40 buses."))
            elif text.startswith('"We will'):
                claims.append(grounded_claim([n], "Kelby will rebuild the bus depot on the same "
                                                  "site with room for sixty buses.", "Anya Roth"))
        return completion({"claims": claims})
    return verdict([shown_lines(body)[0][0]], "partially_supported", "Part of it.")


@pytest.fixture
def sources():
    return [make_source("kelby_a", KELBY_A), make_source("kelby_b", KELBY_B)]


@pytest.fixture
def make_hybrid(store):
    def make(answer=_model, **overrides: Any) -> tuple[HybridEngine, FakeServer]:
        settings = LLMSettings(**{"model": "gpt-4o-mini", "base_url": "http://fake.test/v1",
                                  "mode": "tools", "max_retries": 1, **overrides})
        engine = HybridEngine(settings, store)
        server = FakeServer(answer)
        engine.llm.client.transport = server.transport
        return engine, server
    return make


def test_hard_sentences_are_pronoun_openings_and_long_quotes(sources) -> None:
    claims = LocalEngine().extract(sources[:1]).claims
    assert hard_sentences(sources[0], claims) == [3, 4]


def test_a_sentence_wrapped_over_lines_is_hard() -> None:
    """The rules cut a hard-wrapped sentence at its line break; the model sees it whole."""
    wrapped = make_source("wrapped", "Depot reopens\n\nThe Kelby bus depot reopened on Monday "
                                     "after a\nrepair that took nine weeks. Most routes run.\n")
    claims = LocalEngine().extract([wrapped]).claims
    assert any(c.quote.endswith("after a") for c in claims)  # what the rules make of it
    assert hard_sentences(wrapped, claims) == [2]
    flowing = make_source("flowing", wrapped.text.replace("a\nrepair", "a repair"))
    assert hard_sentences(flowing, LocalEngine().extract([flowing]).claims) == []


def test_model_reads_only_the_hard_sentences_and_its_claims_replace_the_rules(
        make_hybrid, sources, monkeypatch) -> None:
    monkeypatch.setattr(hybrid, "band", lambda: (0.0, 0.0))
    engine, server = make_hybrid()
    claims = engine.extract(sources).claims
    asked = [[text[:12] for _, text in shown_lines(b)] for b in server.requests]
    assert asked == [["It had house", '"We will reb']]  # only the hard sentences are shown
    by_engine = {c.engine for c in claims if c.source_id == "kelby_a" and c.span[0] > 80}
    assert by_engine == {"llm", "local"}
    texts = [c.text for c in claims if c.engine == "llm"]
    assert texts == ["The Kelby bus depot had housed 40 buses.",
                     "Kelby will rebuild the bus depot on the same site with room for sixty "
                     "buses."]
    assert [c.id for c in claims if c.source_id == "kelby_a"] == [
        f"kelby_a#c{n}" for n in range(1, 6)]
    assert all(c.span <= d.span for c, d in itertools.pairwise(claims)
               if c.source_id == d.source_id)
    result = engine.verify(claims, sources, PassageIndex(sources))
    assert len(server.requests) == 1  # the band is empty: no verification call
    assert all(ch.engine == "local" for checks in result.checks.values() for ch in checks)


def test_only_uncertain_pairs_go_to_the_model(make_hybrid, sources, monkeypatch) -> None:
    claims = LocalEngine().extract(sources).claims
    local = LocalEngine().verify(claims, sources, PassageIndex(sources))
    levels = sorted({ch.confidence for checks in local.checks.values() for ch in checks})
    low, high = levels[0], levels[len(levels) // 2]
    monkeypatch.setattr(hybrid, "band", lambda: (low, high))
    engine, server = make_hybrid()
    result = engine.verify(claims, sources, PassageIndex(sources))
    uncertain = [(cid, ch.source_id) for cid, checks in local.checks.items() for ch in checks
                 if low <= ch.confidence < high]
    by_model = [(cid, ch.source_id) for cid, checks in result.checks.items() for ch in checks
                if ch.engine == "llm"]
    assert by_model and set(by_model) <= set(uncertain)
    assert len(server.requests) == len(by_model)
    assert all(ch.verdict is Verdict.partially_supported for cid, checks in
               result.checks.items() for ch in checks if ch.engine == "llm")
    usage = engine.usage()
    assert usage["checks_by_llm"] == len(by_model)
    assert usage["checks_by_local"] == sum(map(len, result.checks.values())) - len(by_model)


def test_failed_model_check_keeps_the_built_in_verdict(make_hybrid, sources,
                                                       monkeypatch) -> None:
    monkeypatch.setattr(hybrid, "band", lambda: (0.0, 1.01))
    engine, _ = make_hybrid(lambda body: verdict([999], "contradicted"))
    claims = LocalEngine().extract(sources).claims
    local = LocalEngine().verify(claims, sources, PassageIndex(sources))
    result = engine.verify(claims, sources, PassageIndex(sources))
    assert result.checks == local.checks
    assert result.problems and all("built-in verdict stands" in p.message
                                   for p in result.problems)


def test_calls_per_claim_in_usage(make_hybrid, sources, monkeypatch) -> None:
    monkeypatch.setattr(hybrid, "band", lambda: (0.0, 0.0))
    engine, server = make_hybrid()
    claims = engine.extract(sources).claims
    engine.verify(claims, sources, PassageIndex(sources))
    usage = engine.usage()
    assert usage["calls_per_claim"] == round(len(server.requests) / len(claims), 3)
    assert usage["claims_by_llm"] == 2


def test_shipped_band_is_a_narrow_uncertain_interval() -> None:
    low, high = hybrid.band()
    assert 0.0 <= low < high <= 1.0 and high - low <= 0.5


def test_routed_pairs_are_capped_per_claim(make_hybrid, sources, monkeypatch) -> None:
    monkeypatch.setattr(hybrid, "band", lambda: (0.0, 1.01))
    engine, server = make_hybrid()
    claims = LocalEngine().extract(sources).claims
    engine.verify(claims, sources, PassageIndex(sources))
    assert 1 <= len(server.requests) <= int(len(claims) * hybrid.ROUTED_PER_CLAIM)
