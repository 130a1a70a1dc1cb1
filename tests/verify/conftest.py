"""Builders for verifier tests: sources from text, claims from one of their sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from builders import make_source as build_source

from factcheck.language.dates import extract_dates
from factcheck.language.quantities import extract_quantities
from factcheck.language.text import find_span
from factcheck.models import Claim, Entity, Source

SourceFn = Callable[[str, str], Source]
ClaimFn = Callable[..., Claim]


def build_claim(src: Source, sentence: str, n: int = 1,
                places: tuple[str, ...] = ()) -> Claim:
    """A claim whose text and quote are ``sentence`` as found in ``src``."""
    span = find_span(src.text, sentence)
    assert span is not None, f"{sentence!r} not in {src.id}"
    quote = src.text[span[0]:span[1]]
    return Claim(id=f"{src.id}#c{n}", source_id=src.id, text=quote, quote=quote, span=span,
                 quantities=extract_quantities(quote), dates=extract_dates(quote),
                 entities=[Entity(name=p, kind="place") for p in places])


@pytest.fixture
def make_source() -> SourceFn:
    return build_source


@pytest.fixture
def make_claim() -> ClaimFn:
    return build_claim


@pytest.fixture
def seed_sources(seed_text: dict[str, str]) -> dict[str, Source]:
    """Seed sources keyed by their three-digit prefix ('001')."""
    return {sid[:3]: build_source(sid, text) for sid, text in seed_text.items()}
