"""Fixtures for the extractor tests: seed articles with their junk lines dropped, and small
articles on other events (a factory fire, an election count, earnings, a hurricane)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from builders import make_source

from factcheck.extract import extract_claims
from factcheck.models import Claim, Source
from tests.extract.articles import ARTICLES, article_lines


@pytest.fixture
def seed_source(seed_text: dict[str, str]) -> Callable[[str], Source]:
    """Seed prefix ("001") -> Source of its article paragraphs."""

    def _source(prefix: str) -> Source:
        stem = next(s for s in seed_text if s.startswith(prefix))
        raw = seed_text[stem]
        return make_source(stem, article_lines(raw), raw.splitlines()[0])

    return _source


@pytest.fixture
def seed_claims(seed_source: Callable[[str], Source]) -> Callable[[str], list[Claim]]:
    return lambda prefix: extract_claims(seed_source(prefix))


@pytest.fixture
def article() -> Callable[[str], Source]:
    return lambda name: make_source(name, ARTICLES[name])


@pytest.fixture
def article_claims(article: Callable[[str], Source]) -> Callable[[str], list[Claim]]:
    return lambda name: extract_claims(article(name))
