"""Token log-probabilities: the model's own probability of the choice it made.

A server asked with ``logprobs`` and ``top_logprobs`` returns, for each output token, its
log-probability and the likeliest alternatives at that position (OpenAI for message content;
llama-cpp-python's server also for its grammar-constrained tool calls). At the token where a
JSON string field's value begins, the alternatives that start one of the allowed values
share out the probability: the chosen value's share is the model's confidence in it. A value
missing from the alternatives counts with the least listed alternative's probability (the
most it can have), so a value the model barely preferred over off-topic tokens is not
reported as certain. llama-cpp-python reports the unconstrained distribution under its
grammar, where a tiny model's likeliest tokens are often no value at all.

Greedy decoding (temperature 0) generates the same tokens whether or not log-probabilities
are asked for, so asking for them changes no answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any, TypedDict

TOP_LOGPROBS = 10
"""Alternatives asked for per token (OpenAI allows up to 20)."""


class TokenLogprob(TypedDict):
    token: str
    logprob: float
    top: dict[str, float]
    """The likeliest alternatives at this position (the token itself among them)."""


def token_logprobs(completion: Any) -> list[TokenLogprob] | None:
    """The output tokens of a chat completion with their log-probabilities, if it has them."""
    try:
        content = completion.choices[0].logprobs.content
    except (AttributeError, IndexError, TypeError):
        return None
    if not content:
        return None
    return [{"token": t.token, "logprob": float(t.logprob),
             "top": {a.token: float(a.logprob) for a in (t.top_logprobs or [])}}
            for t in content]


def choice_probability(tokens: Sequence[TokenLogprob], field: str, value: str,
                       choices: Sequence[str]) -> float | None:
    """The model's probability of ``value`` for the JSON string ``field`` among ``choices``
    (its share of the alternatives' mass where the value begins, each missing choice
    counted at the floor); None when the tokens do not show that value."""
    text = "".join(t["token"] for t in tokens)
    found = list(re.finditer(rf'"{re.escape(field)}"\s*:\s*"({re.escape(value)})"', text))
    if not found:
        return None
    token, prefix = _token_at(tokens, found[-1].start(1))
    alternatives = {**token["top"], token["token"]: token["logprob"]}
    mass = dict.fromkeys(choices, 0.0)
    for alternative, logprob in alternatives.items():
        named = _named(alternative, prefix, choices)
        if named is not None:
            mass[named] += math.exp(logprob)
    if not mass.get(value):
        return None
    floor = math.exp(min(alternatives.values()))
    shares = [m or floor for m in mass.values()]
    return mass[value] / sum(shares)


def _token_at(tokens: Sequence[TokenLogprob], offset: int) -> tuple[TokenLogprob, str]:
    """The token holding the character at ``offset`` and the part of it before that."""
    start = 0
    for token in tokens:
        end = start + len(token["token"])
        if end > offset:
            return token, token["token"][:offset - start]
        start = end
    raise ValueError(f"offset {offset} is past the tokens' text")


def _named(alternative: str, prefix: str, choices: Sequence[str]) -> str | None:
    """The one choice an alternative token begins (after the same prefix), if exactly one."""
    if not alternative.startswith(prefix) or len(alternative) == len(prefix):
        return None
    rest = alternative[len(prefix):]
    named = [c for c in choices if c.startswith(rest) or rest.startswith(c)]
    return named[0] if len(named) == 1 else None
