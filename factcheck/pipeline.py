"""Wires the stages: ingest -> extract -> retrieve -> verify -> aggregate -> store -> report.

The pipeline holds no logic of its own beyond ordering, timing and bookkeeping.
"""

from __future__ import annotations

import hashlib
import json
import platform
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO

from factcheck import __version__
from factcheck.aggregate import aggregate_stories
from factcheck.engine import Advance, Engine, Extraction, Verification
from factcheck.errors import InputError
from factcheck.ingest import DEFAULT_MAX_BYTES, ingest
from factcheck.language.candidates import DEFAULT_K, CandidateIndex
from factcheck.language.retrieval import PassageIndex
from factcheck.models import Check, Claim, Problem, Report, RunInfo, Source, Story
from factcheck.render import write_reports
from factcheck.render.files import LOCK, run_lock
from factcheck.render.progress import NoProgress, StageProgress
from factcheck.render.report import load_report
from factcheck.store import DB_NAME, Store
from factcheck.stories import group_sources

EngineFactory = Callable[[Store], Engine]


@dataclass
class RunOutcome:
    report: Report
    out_dir: Path
    input_problems: int
    stopped_reason: str | None = None
    resumed: str | None = None
    """What a resumed run found already done, in words."""


BATCH = 16
"""Sources extracted (and committed) together: small enough to lose little to a crash,
large enough for the llm engine's concurrent requests."""


@dataclass
class Plan:
    """What a run was asked to do: saved first, so ``--resume`` repeats exactly that."""

    inputs: list[str]
    engine: str
    story_mode: str = "auto"
    top_k: int = DEFAULT_K
    report_level: str = "full"
    max_bytes: int = DEFAULT_MAX_BYTES
    started_at: str = ""


def unfinished(out_dir: Path) -> Plan | None:
    """The plan of the incomplete run in ``out_dir``, if one was interrupted there."""
    if not (out_dir / DB_NAME).exists():
        return None
    with Store.in_dir(out_dir) as store:
        data = store.checkpoint("plan", "run")
    return Plan(**json.loads(data)) if data else None


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def run_pipeline(paths: Sequence[str], out_dir: Path, make_engine: EngineFactory, *,
                 stdin: TextIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 progress: StageProgress | None = None, story_mode: str = "auto",
                 top_k: int = DEFAULT_K, report_level: str = "full",
                 resume: bool = False, reports: bool = True) -> RunOutcome:
    """Group the readable inputs into stories, check each claim against the other sources
    of its story and write the run to ``out_dir``: its database and, with ``reports``,
    report.json (at ``report_level``), .md and .html, published as one set. One run at a
    time per ``out_dir``.

    Each source's extraction and each story's checks are committed as they finish; with
    ``resume`` the run continues an interrupted one in ``out_dir`` without redoing them.
    """
    started, clock = now_iso(), time.perf_counter()
    progress = progress or NoProgress()
    with progress.stage("reading"):
        ingested = ingest(paths, stdin=stdin, max_bytes=max_bytes)
    if not ingested.sources:
        raise InputError(_nothing_readable(paths, ingested.problems))
    sources = ingested.sources
    with progress.stage("grouping stories"):
        stories = _stories(sources, story_mode)
    fresh_dir = not out_dir.exists()
    with run_lock(out_dir), _new_store(out_dir, fresh_dir) as store:
        engine = make_engine(store)
        plan = Plan(list(paths), engine.name, story_mode, top_k, report_level, max_bytes,
                    started)
        _start(store, out_dir, plan, resume)
        checkpoints = _Checkpoints(store, engine.name)
        claims, problems = _check(engine, sources, stories, progress, top_k, checkpoints)
        with progress.stage("comparing sources"):
            clusters, lineage = aggregate_stories(claims, sources, stories)
        run = RunInfo(engine=engine.name, model=engine.model, versions=_versions(),
                      started_at=started, finished_at=now_iso(),
                      duration_s=round(time.perf_counter() - clock, 3),
                      inputs=list(paths), usage=engine.usage(), failures=engine.failures())
        with progress.stage("saving"):
            run_id = store.save_run(run, sources, claims, ingested.problems + problems,
                                    clusters=clusters, lineage=lineage, stories=stories)
            report = load_report(store, run_id)
            if reports:
                write_reports(report, out_dir, run_id, report_level)
    return RunOutcome(report, out_dir, len(ingested.problems),
                      getattr(engine, "stopped_reason", None),
                      checkpoints.found(len(sources), stories) if resume else None)


def _start(store: Store, out_dir: Path, plan: Plan, resume: bool) -> None:
    """Record the plan, or refuse to mix a new run into an interrupted one."""
    saved = store.checkpoint("plan", "run")
    if saved and not resume:
        started = json.loads(saved).get("started_at", "")
        raise InputError(f"{out_dir} holds an incomplete run (started {started}): resume it "
                         f"with `factcheck run --resume {out_dir}`, or pass another --out")
    if not saved:
        store.put_checkpoints("plan", [("run", json.dumps(asdict(plan)))])


class _Checkpoints:
    """Finished extractions (per source) and checks (per story) in the run database."""

    def __init__(self, store: Store, engine: str) -> None:
        self.store, self.engine = store, engine
        self.reused = {"extract": 0, "verify": 0}

    def _key(self, *parts: str) -> str:
        return hashlib.sha256("\x1f".join((self.engine, *parts)).encode()).hexdigest()

    def get(self, kind: str, *parts: str) -> dict[str, Any] | None:
        data = self.store.checkpoint(kind, self._key(*parts))
        if data is not None:
            self.reused[kind] += 1
        return json.loads(data) if data is not None else None

    def put(self, kind: str, rows: Sequence[tuple[Sequence[str], dict[str, Any]]]) -> None:
        self.store.put_checkpoints(kind, [(self._key(*parts), json.dumps(data))
                                          for parts, data in rows])

    def found(self, sources: int, stories: Sequence[Story]) -> str:
        checked = sum(1 for s in stories if len(s.sources) > 1)
        return (f"resumed: {self.reused['extract']} of {sources} sources already extracted, "
                f"{self.reused['verify']} of {checked} stories already checked")


@contextmanager
def _new_store(out_dir: Path, fresh_dir: bool) -> Iterator[Store]:
    """The run directory's store; a run that fails before saving leaves no empty one."""
    fresh_db = not (out_dir / DB_NAME).exists()
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
    if remove_dir:
        (out_dir / LOCK).unlink(missing_ok=True)
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
           progress: StageProgress, top_k: int,
           checkpoints: _Checkpoints) -> tuple[list[Claim], list[Problem]]:
    with progress.stage("extracting claims", len(sources), "sources") as advance:
        extraction = _extract(engine, sources, advance, checkpoints)
    claims = extraction.claims
    story_size = {sid: len(story.sources) for story in stories for sid in story.sources}
    checking = sum(1 for c in claims if story_size[c.source_id] > 1)
    with progress.stage("checking claims", checking, "claims") as advance:
        verification = _verify(engine, claims, sources, stories, advance, top_k,
                               checkpoints)
    for claim in claims:
        claim.checks = verification.checks.get(claim.id, [])
    problems = extraction.problems + verification.problems
    _attach_errors(claims, problems)
    return claims, problems


def _extract(engine: Engine, sources: list[Source], advance: Advance | None,
             checkpoints: _Checkpoints) -> Extraction:
    """Claims of every source, in source order; each batch committed as it finishes and
    each source already extracted by an interrupted run read back instead."""
    done = {s.id: saved for s in sources
            if (saved := checkpoints.get("extract", s.id, s.sha256)) is not None}
    if advance and done:
        advance(len(done))
    todo = [s for s in sources if s.id not in done]
    for start in range(0, len(todo), BATCH):
        batch = todo[start:start + BATCH]
        found = engine.extract(batch, advance=advance)
        rows: dict[str, dict[str, Any]] = {s.id: {"claims": [], "problems": []} for s in batch}
        for claim in found.claims:
            rows[claim.source_id]["claims"].append(claim.model_dump(mode="json"))
        for problem in found.problems:
            owner = problem.source_id if problem.source_id in rows else batch[0].id
            rows[owner]["problems"].append(problem.model_dump(mode="json"))
        checkpoints.put("extract", [((s.id, s.sha256), rows[s.id]) for s in batch])
        done.update(rows)
    result = Extraction()
    for source in sources:
        result.claims += [Claim.model_validate(c) for c in done[source.id]["claims"]]
        result.problems += [Problem.model_validate(p) for p in done[source.id]["problems"]]
    return result


def _verify(engine: Engine, claims: list[Claim], sources: list[Source], stories: list[Story],
            advance: Advance | None, top_k: int, checkpoints: _Checkpoints) -> Verification:
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
        story_claims = own.get(story.id, [])
        key = (story.id, ",".join(story.sources), str(top_k))
        saved = checkpoints.get("verify", *key)
        if saved is None:
            found = _verify_story(engine, story_claims, [by_id[s] for s in story.sources],
                                  advance, top_k)
            saved = {"checks": {cid: [k.model_dump(mode="json") for k in ks]
                                for cid, ks in found.checks.items()},
                     "problems": [p.model_dump(mode="json") for p in found.problems]}
            checkpoints.put("verify", [(key, saved)])
        elif advance:
            advance(len(story_claims))
        result.checks.update({cid: [Check.model_validate(k) for k in ks]
                              for cid, ks in saved["checks"].items()})
        result.problems += [Problem.model_validate(p) for p in saved["problems"]]
    return result


def _verify_story(engine: Engine, claims: list[Claim], members: list[Source],
                  advance: Advance | None, top_k: int) -> Verification:
    chosen = None
    if top_k and len(members) - 1 > top_k:
        index = CandidateIndex(members)
        chosen = {c.id: index.candidates(c, top_k) for c in claims}
    return engine.verify(claims, members, PassageIndex(members), advance=advance,
                         candidates=chosen)


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
