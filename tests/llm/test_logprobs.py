"""A check's confidence from the model's token log-probabilities, where the server gives them;
the built-in calibration of the model's verdict otherwise."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from factcheck.language.retrieval import PassageIndex
from factcheck.llm.cassette import same_generation
from factcheck.llm.logprobs import TOP_LOGPROBS, TokenLogprob, choice_probability
from factcheck.llm.verification import calibrated
from factcheck.models import Verdict

from .conftest import (
    completion,
    grounded_claim,
    is_extraction,
    shown_lines,
)

VERDICTS = [v.value for v in Verdict]
HOSPITAL = grounded_claim([2], "Three workers were taken to hospital with burns.")
def _tokens(arguments: str, value: str, top: dict[str, float]) -> list[TokenLogprob]:
    """``arguments`` cut into three tokens: before the value, the value's first four
    characters (whose alternatives are ``top``), and the rest."""
    at = arguments.rindex(f'"{value}"') + 1
    first = value[:4]
    return [{"token": arguments[:at], "logprob": -0.01, "top": {}},
            {"token": first, "logprob": top[first], "top": top},
            {"token": arguments[at + len(first):], "logprob": -0.01, "top": {}}]


def _expected(top: dict[str, float], chosen: str) -> float:
    counted = {k: math.exp(v) for k, v in top.items() if k != "maybe"}
    return counted[chosen] / sum(counted.values())


def test_the_chosen_verdicts_share_of_the_alternatives() -> None:
    arguments = json.dumps({"evidence": [2], "rationale": "It is not supported in full.",
                            "verdict": "partially_supported"})
    top = {"part": -0.4, "supp": -1.3, "not": -2.2, "contr": -3.0, "maybe": -1.0}
    tokens = _tokens(arguments, "partially_supported", top)
    p = choice_probability(tokens, "verdict", "partially_supported", VERDICTS)
    assert p == pytest.approx(_expected(top, "part"))
    # the rationale's "supported" is not the verdict
    assert choice_probability(tokens, "verdict", "supported", VERDICTS) is None


def test_a_token_that_also_holds_the_opening_quote() -> None:
    arguments = '{"evidence": [], "rationale": "No.", "verdict": "not_mentioned"}'
    cut = arguments.rindex(' "not_mentioned"')
    top = {' "not_': -0.1, ' "sup': -2.5, ' "': -1.0, ' "part': -3.5}
    tokens: list[TokenLogprob] = [
        {"token": arguments[:cut], "logprob": -0.01, "top": {}},
        {"token": ' "not_', "logprob": -0.1, "top": top},
        {"token": arguments[cut + 6:], "logprob": -0.01, "top": {}}]
    p = choice_probability(tokens, "verdict", "not_mentioned", VERDICTS)
    # the bare quote names no verdict; "contradicted" is not listed: it counts at the floor
    mass = [math.exp(-0.1), math.exp(-2.5), math.exp(-3.5), math.exp(-3.5)]
    assert p == pytest.approx(mass[0] / sum(mass))


def test_a_value_barely_above_off_topic_tokens_is_not_certain() -> None:
    """As llama-cpp-python reports a grammar-constrained choice of a tiny model: the
    likeliest tokens there are no verdict at all."""
    arguments = '{ "verdict": "not_mentioned"}'
    cut = arguments.index("not_mentioned")
    top = {"The": -2.67, "Cl": -3.27, "False": -3.27, "No": -3.56, "no": -3.86}
    tokens: list[TokenLogprob] = [
        {"token": arguments[:cut], "logprob": -0.3, "top": {}},
        {"token": "no", "logprob": -3.86, "top": top},
        {"token": arguments[cut + 2:], "logprob": -1.0, "top": {}}]
    assert choice_probability(tokens, "verdict", "not_mentioned", VERDICTS) == pytest.approx(
        0.25)


def test_no_probability_without_the_value_in_the_tokens() -> None:
    tokens: list[TokenLogprob] = [{"token": '{"verdict": "supported"}', "logprob": -0.1,
                                   "top": {}}]
    assert choice_probability(tokens, "verdict", "contradicted", VERDICTS) is None


def _with_logprobs(body: dict[str, Any]) -> dict[str, Any]:
    """The scripted model: supported, its verdict tokens' log-probabilities attached when
    the request asks for them."""
    if is_extraction(body):
        return completion({"claims": [HOSPITAL]})
    hurt = [n for n, text in shown_lines(body) if "hurt" in text]
    arguments = json.dumps({"evidence": hurt[:1], "rationale": "Both say three were hurt.",
                            "verdict": "supported"})
    answer = completion(arguments, name="VerificationOut")
    if body.get("logprobs"):
        top = {"supp": -0.2, "part": -1.9, "not": -3.1, "contr": -4.0}
        answer["choices"][0]["logprobs"] = {"content": [
            {"token": t["token"], "logprob": t["logprob"], "bytes": None,
             "top_logprobs": [{"token": k, "logprob": v, "bytes": None}
                              for k, v in t["top"].items()]}
            for t in _tokens(arguments, "supported", top)]}
    return answer


@pytest.mark.parametrize("mode", ["tools", "json_schema", "json", "md_json"])
def test_verification_confidence_is_the_models_probability(fake_engine, fire_sources,
                                                           mode) -> None:
    engine, server = fake_engine(_with_logprobs, mode=mode)
    claims = engine.extract(fire_sources[:1]).claims
    check = engine.verify(claims, fire_sources, PassageIndex(fire_sources)).checks[
        "fire_a#c1"][0]
    top = {"supp": -0.2, "part": -1.9, "not": -3.1, "contr": -4.0}
    assert check.verdict is Verdict.supported
    assert check.confidence == round(_expected(top, "supp"), 3)
    asked = [b for b in server.requests if not is_extraction(b)]
    assert asked and all(b["logprobs"] is True and b["top_logprobs"] == TOP_LOGPROBS
                         for b in asked)
    assert not any("logprobs" in b for b in server.requests if is_extraction(b))


def test_without_logprobs_the_built_in_calibration_is_used(fake_engine, fire_sources) -> None:
    engine, server = fake_engine(_with_logprobs, logprobs=False)
    claims = engine.extract(fire_sources[:1]).claims
    check = engine.verify(claims, fire_sources, PassageIndex(fire_sources)).checks[
        "fire_a#c1"][0]
    assert not any("logprobs" in b for b in server.requests)
    assert check.confidence == calibrated(claims[0], fire_sources[1], Verdict.supported)
    assert check.confidence != round(_expected({"supp": -0.2, "part": -1.9, "not": -3.1,
                                                "contr": -4.0}, "supp"), 3)


def test_cached_answer_keeps_its_probability(fake_engine, fire_sources) -> None:
    engine, server = fake_engine(_with_logprobs)
    claims = engine.extract(fire_sources[:1]).claims
    first = engine.verify(claims, fire_sources, PassageIndex(fire_sources)).checks
    asked = len(server.requests)
    again = engine.verify(claims, fire_sources, PassageIndex(fire_sources)).checks
    assert len(server.requests) == asked and again == first


class _Request:
    def __init__(self, body: dict[str, Any]) -> None:
        self.body = json.dumps(body).encode()


def test_replay_matches_a_request_recorded_without_logprobs() -> None:
    recorded = {"model": "m", "messages": [{"role": "user", "content": "x"}]}
    same_generation(_Request({**recorded, "logprobs": True, "top_logprobs": 10}),
                    _Request(recorded))
    with pytest.raises(AssertionError):
        same_generation(_Request({**recorded, "temperature": 0.5}), _Request(recorded))
    with pytest.raises(AssertionError):
        same_generation(_Request({**recorded, "messages": []}), _Request(recorded))
