"""Plain builders shared by the test modules (importable: pytest puts tests/ on the path)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from factcheck.models import Source

MODEL_SETTINGS = ("OPENAI_", "FACTCHECK_")
"""Environment prefixes a test must never inherit (a developer's key, a record base URL)."""

RUN_TIMES = ("started_at", "finished_at", "duration_s")
"""The report's run fields that differ between two otherwise identical runs."""


def make_source(source_id: str, text: str, title: str | None = None) -> Source:
    """A cleaned source as ingest would produce it from ``<source_id>.txt``."""
    return Source(id=source_id, path=f"{source_id}.txt", format="txt", title=title, text=text,
                  sha256=hashlib.sha256(text.encode()).hexdigest())


def model_free_env() -> dict[str, str]:
    """This process's environment without model settings, for a ``factcheck`` subprocess."""
    return {k: v for k, v in os.environ.items() if not k.startswith(MODEL_SETTINGS)}


def stable_report(out: Path) -> dict[str, Any]:
    """``OUT/report.json`` without its run times, so two runs' reports can be compared."""
    data: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    for key in RUN_TIMES:
        data["run"].pop(key)
    return data


def write_story(folder: Path, *texts: str) -> Path:
    """``folder`` holding each text as a.txt, b.txt, ... (a story of hand-written versions)."""
    folder.mkdir()
    for letter, text in zip("abcdefghijklmnopqrstuvwxyz", texts, strict=False):
        (folder / f"{letter}.txt").write_text(text, encoding="utf-8")
    return folder
