"""The Python API: ``check(articles)`` returns the same ``Report`` as ``factcheck run``.

Articles may be texts, paths, or dicts with the fields a JSON input takes (text, title,
url, outlet, published, id). Texts and dicts are staged as files in a temporary folder so they go
through exactly the ingest ``factcheck run`` uses; nothing is left on disk unless ``out``
names a run directory.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Literal

from factcheck.engine import Engine
from factcheck.errors import InputError
from factcheck.ingest import DEFAULT_MAX_BYTES
from factcheck.models import Report
from factcheck.store import Store

Article = str | PathLike[str] | Mapping[str, object]
ARTICLE_KEYS = frozenset({"text", "title", "url", "outlet", "published", "id"})


def check(articles: Sequence[Article], *, engine: Literal["local", "llm"] = "local",
          out: str | PathLike[str] | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Check ``articles`` against each other and return the report.

    A ``str`` naming an existing file or folder is read as a path, any other ``str`` is
    the article's text. With ``out`` the run directory (database, report.json, .md,
    .html) is kept there; without it nothing is written.
    """
    if isinstance(articles, str | Mapping) or not articles:
        raise InputError("check() takes a list of articles (texts, paths or dicts), "
                         "e.g. check(['first text', 'second text'])")
    with tempfile.TemporaryDirectory(prefix="factcheck-") as tmp:
        staging = Path(tmp)
        paths = [_stage(article, n, staging) for n, article in enumerate(articles, 1)]
        out_dir = Path(out) if out is not None else staging / "run"
        return _run(paths, out_dir, engine, max_bytes, keep=out is not None)


def _run(paths: list[str], out_dir: Path, engine: str, max_bytes: int, keep: bool) -> Report:
    from factcheck.pipeline import run_pipeline

    outcome = run_pipeline(paths, out_dir, _engine_factory(engine), max_bytes=max_bytes,
                           reports=keep)
    return outcome.report


def _stage(article: Article, n: int, staging: Path) -> str:
    """A path for ingest: the article's own path, or a file holding its text or record."""
    if isinstance(article, PathLike) or (isinstance(article, str) and _is_path(article)):
        return str(article)
    if isinstance(article, str):
        path = staging / f"text-{n}.txt"
        path.write_text(article, encoding="utf-8")
        return str(path)
    if isinstance(article, Mapping):
        return _stage_record(article, n, staging)
    raise InputError(f"article {n}: a {type(article).__name__}; pass a text, a path or a "
                     "dict with a 'text' field")


def _stage_record(record: Mapping[str, object], n: int, staging: Path) -> str:
    unknown = sorted(set(record) - ARTICLE_KEYS)
    if unknown:
        raise InputError(f"article {n}: unknown field(s) {', '.join(map(repr, unknown))}; "
                         f"use {', '.join(sorted(ARTICLE_KEYS))}")
    path = staging / f"article-{n}.json"
    path.write_text(json.dumps(dict(record), ensure_ascii=False, default=str),
                    encoding="utf-8")
    return str(path)


def _is_path(text: str) -> bool:
    """Short, single-line strings that name an existing file or folder are paths."""
    if "\n" in text or len(text) > 4096:
        return False
    try:
        return Path(text).exists()
    except OSError:
        return False


def _engine_factory(name: str) -> Callable[[Store], Engine]:
    """The engine ``factcheck run --engine NAME`` would use, with the same settings."""
    if name not in ("local", "llm"):
        raise InputError(f"engine {name!r}: use 'local' or 'llm'")
    from factcheck.cli import _engine_factory as cli_factory
    from factcheck.llm.settings import settings_from_cli

    settings = settings_from_cli({}, Path.cwd())
    if name == "llm":
        settings.require_usable()
    factory: Callable[[Store], Engine] = cli_factory(name, settings)
    return factory
