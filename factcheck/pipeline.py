"""Wires the stages: ingest -> extract -> retrieve -> verify -> aggregate -> store -> report.

The pipeline holds no logic of its own beyond ordering, timing and bookkeeping.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TextIO

from factcheck import __version__
from factcheck.aggregate import aggregate_stories
from factcheck.engine import Advance, Engine, Verification
from factcheck.errors import InputError
from factcheck.ingest import DEFAULT_MAX_BYTES, ingest
from factcheck.language.candidates import DEFAULT_K, CandidateIndex
from factcheck.language.retrieval import PassageIndex
from factcheck.models import Claim, Problem, Report, RunInfo, Source, Story
from factcheck.render.progress import NoProgress, StageProgress
from factcheck.render.report import export
from factcheck.store import DB_NAME, Store
from factcheck.stories import group_sources

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
                 progress: StageProgress | None = None, story_mode: str = "auto",
                 top_k: int = DEFAULT_K, report_level: str = "full") -> RunOutcome:
    """Group the readable inputs into stories, check each claim against the other sources
    of its story and write the run to ``out_dir``."""
    started, clock = now_iso(), time.perf_counter()
    progress = progress or NoProgress()
    with progress.stage("reading"):
        ingested = ingest(paths, stdin=stdin, max_bytes=max_bytes)
    if not ingested.sources:
        raise InputError(_nothing_readable(paths, ingested.problems))
    sources = ingested.sources
    with progress.stage("grouping stories"):
        stories = _stories(sources, story_mode)
    with _new_store(out_dir) as store:
        engine = make_engine(store)
        claims, problems = _check(engine, sources, stories, progress, top_k)
        with progress.stage("comparing sources"):
            clusters, lineage = aggregate_stories(claims, sources, stories)
        run = RunInfo(engine=engine.name, model=engine.model, versions=_versions(),
                      started_at=started, finished_at=now_iso(),
                      duration_s=round(time.perf_counter() - clock, 3),
                      inputs=list(paths), usage=engine.usage(), failures=engine.failures())
        with progress.stage("saving"):
            run_id = store.save_run(run, sources, claims, ingested.problems + problems,
                                    clusters=clusters, lineage=lineage, stories=stories)
            report = export(store, out_dir, run_id, report_level)
    return RunOutcome(report, out_dir, len(ingested.problems),
                      getattr(engine, "stopped_reason", None))


@contextmanager
def _new_store(out_dir: Path) -> Iterator[Store]:
    """The run directory's store; a run that fails before saving leaves no empty one."""
    fresh_dir, fresh_db = not out_dir.exists(), not (out_dir / DB_NAME).exists()
    store = Store.in_dir(out_dir)
    try:
        yield store
    except BaseException:
        empty = fresh_db and store.holds_nothing()
        store.close()
        if empty:
            _discard(out_dir, fresh_dir)
        raise
    store.close()


def _discard(out_dir: Path, remove_dir: bool) -> None:
    for suffix in ("", "-wal", "-shm"):
        (out_dir / f"{DB_NAME}{suffix}").unlink(missing_ok=True)
    if remove_dir and not any(out_dir.iterdir()):
        out_dir.rmdir()


def _stories(sources: list[Source], mode: str) -> list[Story]:
    """The stories of the input; every source names its own."""
    stories = group_sources(sources, mode)
    story_of = {sid: story.id for story in stories for sid in story.sources}
    for source in sources:
        source.story = story_of[source.id]
    return stories


def _check(engine: Engine, sources: list[Source], stories: list[Story],
           progress: StageProgress, top_k: int) -> tuple[list[Claim], list[Problem]]:
    with progress.stage("extracting claims", len(sources), "sources") as advance:
        extraction = engine.extract(sources, advance=advance)
    claims = extraction.claims
    story_size = {sid: len(story.sources) for story in stories for sid in story.sources}
    checking = sum(1 for c in claims if story_size[c.source_id] > 1)
    with progress.stage("checking claims", checking, "claims") as advance:
        verification = _verify(engine, claims, sources, stories, advance, top_k)
    for claim in claims:
        claim.checks = verification.checks.get(claim.id, [])
    problems = extraction.problems + verification.problems
    _attach_errors(claims, problems)
    return claims, problems


def _verify(engine: Engine, claims: list[Claim], sources: list[Source], stories: list[Story],
            advance: Advance | None, top_k: int) -> Verification:
    """Each story's claims against that story's sources only, and in a story larger than
    ``top_k + 1`` only against each claim's ``top_k`` candidate sources (0: all of them)."""
    by_id = {s.id: s for s in sources}
    own: dict[str | None, list[Claim]] = {}
    for claim in claims:
        own.setdefault(by_id[claim.source_id].story, []).append(claim)
    result = Verification()
    for story in stories:
        if len(story.sources) < 2:
            continue
        members = [by_id[sid] for sid in story.sources]
        story_claims = own.get(story.id, [])
        chosen = None
        if top_k and len(members) - 1 > top_k:
            index = CandidateIndex(members)
            chosen = {c.id: index.candidates(c, top_k) for c in story_claims}
        found = engine.verify(story_claims, members, PassageIndex(members), advance=advance,
                              candidates=chosen)
        result.checks.update(found.checks)
        result.problems += found.problems
    return result


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
