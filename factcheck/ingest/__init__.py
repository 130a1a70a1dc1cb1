"""Ingestion: paths to clean ``Source``s, and every bad input to a one-line ``Problem``.

Reads .txt, .md, .html, .json and .jsonl files, folders of them (not recursively) and "-"
for standard input; strips page furniture (paywall notices, related links, copyright lines,
comment forms, author bios...) from every format; keeps what it removed in
``Source.removed``. One bad file never stops the others, and nothing raises: the caller
decides what an empty result means.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from factcheck.ingest.boilerplate import Cleaned, clean
from factcheck.ingest.document import Document
from factcheck.ingest.formats import parse
from factcheck.ingest.readers import Input, expand, load, load_stdin, problem
from factcheck.models import Problem, Source

__all__ = ["DEFAULT_MAX_BYTES", "IngestResult", "InputMap", "Prepared", "ingest", "prepare"]

DEFAULT_MAX_BYTES = 1_000_000
Advance = Callable[[int], None]


@dataclass
class IngestResult:
    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Seen:
    """What earlier inputs looked like, to keep ids unique and spot duplicates."""

    ids: set[str] = field(default_factory=set)
    digests: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)


Prepared = tuple[list[tuple[Document, Cleaned]], list[Problem]]
"""One input's documents, each with its cleaned text, and what could not be parsed."""
InputMap = Callable[[Callable[[Input, Advance | None], Prepared], Sequence[Input]],
                    Iterable[Prepared]]
"""Runs ``prepare`` over the inputs and returns the results in input order (an
executor's ``map``)."""


def ingest(paths: Sequence[str], *, stdin: TextIO | None = None,
           max_bytes: int = DEFAULT_MAX_BYTES, map_inputs: InputMap | None = None,
           ) -> IngestResult:
    """Sources for every readable article in ``paths``, in argument order, folders sorted.

    Files are read here; parsing and cleaning, one input at a time, go through
    ``map_inputs`` when given (to run elsewhere); ids and duplicates are settled here, in
    order, so the result does not depend on where inputs were prepared."""
    loaded = _inputs(paths, stdin, max_bytes)
    inputs = [x for x in loaded if isinstance(x, Input)]
    prepared = iter(map_inputs(prepare, inputs) if map_inputs else
                    (prepare(x, None) for x in inputs))
    result, seen = IngestResult(), _Seen()
    for item in loaded:
        if isinstance(item, Problem):
            result.problems.append(item)
            continue
        docs, problems = next(prepared)
        result.problems += problems
        for doc, cleaned in docs:
            _add(doc, cleaned, seen, result)
    return result


def prepare(inp: Input, advance: Advance | None = None) -> Prepared:
    """Parse one decoded input and clean each of its documents (no shared state)."""
    docs, problems = parse(inp)
    return [(doc, clean(doc)) for doc in docs], problems


def _inputs(paths: Sequence[str], stdin: TextIO | None,
            max_bytes: int) -> list[Input | Problem]:
    loaded: list[Input | Problem] = []
    for arg in paths:
        if arg == "-":
            loaded.append(load_stdin(stdin if stdin is not None else sys.stdin, max_bytes))
            continue
        files = expand(arg)
        if isinstance(files, Problem):
            loaded.append(files)
        else:
            loaded += [load(f, max_bytes) if isinstance(f, Path) else f for f in files]
    return loaded


def _add(doc: Document, cleaned: Cleaned, seen: _Seen, result: IngestResult) -> None:
    """Keep one cleaned document unless it is empty or a duplicate."""
    if doc.sha256 in seen.digests:
        result.problems.append(_duplicate(doc, seen.digests[doc.sha256]))
        return
    if not cleaned.text:
        result.problems.append(problem(
            doc.label(), f"nothing left after removing boilerplate ({len(cleaned.boilerplate)} "
            "pieces of page furniture); pass the article's own text", doc.path))
        return
    if cleaned.text in seen.texts:
        result.problems.append(_duplicate(doc, seen.texts[cleaned.text]))
        return
    source_id = _unique(doc.name, seen.ids)
    seen.digests[doc.sha256], seen.texts[cleaned.text] = source_id, source_id
    result.sources.append(Source(
        id=source_id, path=doc.path, format=doc.format, title=cleaned.title,
        outlet=cleaned.provenance.outlet, outlet_rule=cleaned.provenance.rule,
        upstream=cleaned.provenance.upstream, url=doc.url, published=doc.published,
        text=cleaned.text,
        removed=cleaned.boilerplate, sha256=doc.sha256))


def _duplicate(doc: Document, first_id: str) -> Problem:
    return problem(doc.label(), f"duplicate of {first_id} (same content); skipped", doc.path)


def _unique(name: str, taken: set[str]) -> str:
    """The name itself, or the first free '<name>-<k>' from k=2."""
    candidate, k = name, 2
    while candidate in taken:
        candidate, k = f"{name}-{k}", k + 1
    taken.add(candidate)
    return candidate
