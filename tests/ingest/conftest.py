"""Fixtures for the ingestion tests: write small articles into tmp_path and ingest them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.ingest import ingest
from factcheck.models import Source

WriteFn = Callable[[str, str | bytes], Path]


@pytest.fixture
def write(tmp_path: Path) -> WriteFn:
    """Write text (UTF-8) or bytes to ``tmp_path/name`` and return the path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def ingest_one(write: WriteFn) -> Callable[[str, str], Source]:
    """Write one article and ingest it; it must come back as one source with no problems."""

    def _ingest(name: str, content: str) -> Source:
        result = ingest([str(write(name, content))])
        assert result.problems == [], [p.message for p in result.problems]
        assert len(result.sources) == 1
        return result.sources[0]

    return _ingest
