"""Plain builders shared by the test modules (importable: pytest puts tests/ on the path)."""

from __future__ import annotations

import hashlib

from factcheck.models import Source


def make_source(source_id: str, text: str, title: str | None = None) -> Source:
    """A cleaned source as ingest would produce it from ``<source_id>.txt``."""
    return Source(id=source_id, path=f"{source_id}.txt", format="txt", title=title, text=text,
                  sha256=hashlib.sha256(text.encode()).hexdigest())
