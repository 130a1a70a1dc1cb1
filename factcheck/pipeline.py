"""Wires the stages: ingest -> extract -> retrieve -> verify -> aggregate -> store -> report.

The pipeline holds no logic of its own beyond ordering, timing and bookkeeping.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TextIO

from factcheck import __version__
from factcheck.aggregate import aggregate
from factcheck.engine import Engine, Verification
from factcheck.errors import InputError
from factcheck.ingest import DEFAULT_MAX_BYTES, ingest
from factcheck.language.retrieval import PassageIndex
from factcheck.models import Claim, Problem, Report, RunInfo, Source
from factcheck.render.progress import NoProgress, StageProgress
from factcheck.render.report import export
from factcheck.store import Store

EngineFactory = Callable[[Store], Engine]


@dataclass
class RunOutcome:
    report: Report
    out_dir: Path
    input_problems: int
    stopped_reason: str | None = None


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def run_pipeline(paths: Sequence[str], out_dir: Path, make_engine: EngineFactory, *,
                 stdin: TextIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 progress: StageProgress | None = None) -> RunOutcome:
    """Check every readable input against the others and write the run to ``out_dir``."""
    started, clock = now_iso(), time.perf_counter()
    progress = progress or NoProgress()
    with progress.stage("reading"):
        ingested = ingest(paths, stdin=stdin, max_bytes=max_bytes)
    if not ingested.sources:
        raise InputError(_nothing_readable(paths, ingested.problems))
    sources = ingested.sources
    with Store.in_dir(out_dir) as store:
        engine = make_engine(store)
        claims, problems = _check(engine, sources, progress)
        with progress.stage("comparing sources"):
            clusters, lineage = aggregate(claims, sources)
        run = RunInfo(engine=engine.name, model=engine.model, versions=_versions(),
                      started_at=started, finished_at=now_iso(),
                      duration_s=round(time.perf_counter() - clock, 3),
                      inputs=list(paths), usage=engine.usage())
        with progress.stage("saving"):
            run_id = store.save_run(run, sources, claims, ingested.problems + problems,
                                    clusters=clusters, lineage=lineage)
            report = export(store, out_dir, run_id)
    return RunOutcome(report, out_dir, len(ingested.problems),
                      getattr(engine, "stopped_reason", None))


def _check(engine: Engine, sources: list[Source],
           progress: StageProgress) -> tuple[list[Claim], list[Problem]]:
    with progress.stage("extracting claims", len(sources), "sources") as advance:
        extraction = engine.extract(sources, advance=advance)
    claims = extraction.claims
    index = PassageIndex(sources)
    checking = len(claims) if len(sources) > 1 else 0
    with progress.stage("checking claims", checking, "claims") as advance:
        verification = (engine.verify(claims, sources, index, advance=advance)
                        if len(sources) > 1 else Verification())
    for claim in claims:
        claim.checks = verification.checks.get(claim.id, [])
    problems = extraction.problems + verification.problems
    _attach_errors(claims, problems)
    return claims, problems


def _attach_errors(claims: list[Claim], problems: list[Problem]) -> None:
    """Per-claim problems also travel with their claim, so no reader can miss them."""
    by_id = {c.id: c for c in claims}
    for problem in problems:
        if problem.claim_id in by_id:
            by_id[problem.claim_id].errors.append(problem)


def _nothing_readable(paths: Sequence[str], problems: Sequence[Problem]) -> str:
    if problems:
        return problems[0].message + (f" (and {len(problems) - 1} more problems)"
                                      if len(problems) > 1 else "")
    return f"no articles found in {', '.join(paths)}; pass .txt, .md, .html or .json files"


def _versions() -> dict[str, str]:
    versions = {"factcheck": __version__, "python": platform.python_version()}
    for package in ("pydantic", "openai", "instructor"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return versions
