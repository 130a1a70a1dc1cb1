"""Wires the stages: ingest -> extract -> retrieve -> verify -> aggregate -> store -> report.

The pipeline holds no logic of its own beyond ordering, timing and bookkeeping.
"""

from __future__ import annotations

import hashlib
import json
import platform
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import chdir, contextmanager, nullcontext
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO

from factcheck import __version__
from factcheck.aggregate import aggregate_stories
from factcheck.engine import (
    Advance,
    Engine,
    Extraction,
    StoryWork,
    Verification,
    WholeStage,
)
from factcheck.errors import InputError
from factcheck.executor import Executor, LocalExecutor, Shared
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
SHARE = 16
"""Fewest claims of a story one task verifies, when an executor runs several at once."""
TASKS_PER_SLOT = 4
"""Tasks per parallel slot: enough to even out uneven tasks, few enough to cost little."""


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
    workdir: str = ""
    """The absolute folder ``inputs`` were given from: a resumed run reads them from there,
    whatever folder it is started in."""


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
                 resume: bool = False, reports: bool = True,
                 executor: Executor | None = None,
                 workdir: Path | None = None) -> RunOutcome:
    """Group the readable inputs into stories, check each claim against the other sources
    of its story and write the run to ``out_dir``: its database and, with ``reports``,
    report.json (at ``report_level``), .md and .html, published as one set. One run at a
    time per ``out_dir``.

    Each source's extraction and each story's checks are committed as they finish; with
    ``resume`` the run continues an interrupted one in ``out_dir`` without redoing them.
    Reading, extraction and verification run as tasks on ``executor`` (default: in this
    process); the results, and so the report, are the same on any executor. Relative
    ``paths`` are read from ``workdir`` (default: the current folder) and shown as given.
    """
    started, clock = now_iso(), time.perf_counter()
    progress = progress or NoProgress()
    executor = executor or LocalExecutor()
    workdir = (workdir or Path.cwd()).absolute()
    with progress.stage("reading"), chdir(workdir) if workdir != Path.cwd() else nullcontext():
        ingested = ingest(paths, stdin=stdin, max_bytes=max_bytes, map_inputs=executor.map)
    if not ingested.sources:
        raise InputError(_nothing_readable(paths, ingested.problems))
    sources = ingested.sources
    with progress.stage("grouping stories"):
        stories = _stories(sources, story_mode)
    fresh_dir = not out_dir.exists()
    with run_lock(out_dir), _new_store(out_dir, fresh_dir) as store:
        engine = make_engine(store)
        plan = Plan(list(paths), engine.name, story_mode, top_k, report_level, max_bytes,
                    started, str(workdir))
        _start(store, out_dir, plan, resume)
        checkpoints = _Checkpoints(store, engine.name)
        work = _Work(engine, executor, checkpoints)
        claims, problems = _check(work, sources, stories, progress, top_k)
        with progress.stage("comparing sources"):
            clusters, lineage = aggregate_stories(claims, sources, stories)
        run = RunInfo(engine=engine.name, model=engine.model, versions=_versions(),
                      started_at=started, finished_at=now_iso(),
                      duration_s=round(time.perf_counter() - clock, 3),
                      inputs=list(paths), usage=engine.usage(), failures=engine.failures())
        read = len(sources)
        with progress.stage("saving"):
            run_id = store.save_run(run, sources, claims, ingested.problems + problems,
                                    clusters=clusters, lineage=lineage, stories=stories)
            del claims, clusters, lineage  # the store has them: the report is read back
            sources.clear()
            report = load_report(store, run_id)
            if reports:
                write_reports(report, out_dir, run_id, report_level)
    return RunOutcome(report, out_dir, len(ingested.problems),
                      getattr(engine, "stopped_reason", None),
                      checkpoints.found(read, stories) if resume else None)


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


@dataclass
class _Work:
    """Who does the checking (engine), where (executor), and what is already done."""

    engine: Engine
    executor: Executor
    checkpoints: _Checkpoints

    def per_task(self, items: int, least: int, most: int) -> int:
        """Items per task: ``most`` on a one-slot executor, else about ``TASKS_PER_SLOT``
        tasks per slot of ``least`` to ``most`` items each."""
        slots = self.executor.slots
        wanted = -(-items // (TASKS_PER_SLOT * slots))
        return most if slots == 1 else max(1, least, min(most, wanted))


def _check(work: _Work, sources: list[Source], stories: list[Story],
           progress: StageProgress, top_k: int) -> tuple[list[Claim], list[Problem]]:
    with progress.stage("extracting claims", len(sources), "sources") as advance:
        extraction = _extract(work, sources, advance)
    claims = extraction.claims
    story_size = {sid: len(story.sources) for story in stories for sid in story.sources}
    checking = sum(1 for c in claims if story_size[c.source_id] > 1)
    with progress.stage("checking claims", checking, "claims") as advance:
        verification = _verify(work, claims, sources, stories, advance, top_k)
    for claim in claims:
        claim.checks = verification.checks.get(claim.id, [])
    problems = extraction.problems + verification.problems
    _attach_errors(claims, problems)
    return claims, problems


Rows = dict[str, dict[str, Any]]
"""Source id -> its claims and problems, as JSON (how the checkpoints keep them)."""


def _extract(work: _Work, sources: list[Source], advance: Advance | None) -> Extraction:
    """Claims of every source, in source order; each batch committed as it finishes and
    each source already extracted by an interrupted run read back instead."""
    done = {s.id: saved for s in sources
            if (saved := work.checkpoints.get("extract", s.id, s.sha256)) is not None}
    if advance and done:
        advance(len(done))
    todo = [s for s in sources if s.id not in done]
    size = (max(1, len(todo)) if _whole_stage(work.engine)
            else work.per_task(len(todo), 1, BATCH))
    batches = [todo[start:start + size] for start in range(0, len(todo), size)]
    found = work.executor.map(partial(_extract_batch, work.engine), batches,
                              advance=advance, units=len)
    for batch, rows in zip(batches, found, strict=True):
        work.checkpoints.put("extract", [((s.id, s.sha256), rows[s.id]) for s in batch])
        done.update(rows)
    result = Extraction()
    for source in sources:
        result.claims += [Claim.model_validate(c) for c in done[source.id]["claims"]]
        result.problems += [Problem.model_validate(p) for p in done[source.id]["problems"]]
    return result


def _extract_batch(engine: Engine, batch: list[Source], advance: Advance | None) -> Rows:
    """One task: the claims and problems of a few sources, by source."""
    found = engine.extract(batch, advance=advance)
    rows: Rows = {s.id: {"claims": [], "problems": []} for s in batch}
    for claim in found.claims:
        rows[claim.source_id]["claims"].append(claim.model_dump(mode="json"))
    for problem in found.problems:
        owner = problem.source_id if problem.source_id in rows else batch[0].id
        rows[owner]["problems"].append(problem.model_dump(mode="json"))
    return rows


@dataclass
class _Share:
    """One task: some of one story's claims, to verify against that story's sources."""

    story: str
    members: Shared[list[Source]]
    claims: list[Claim]
    top_k: int


def _verify(work: _Work, claims: list[Claim], sources: list[Source], stories: list[Story],
            advance: Advance | None, top_k: int) -> Verification:
    """Each story's claims against that story's sources only, and in a story larger than
    ``top_k + 1`` only against each claim's ``top_k`` candidate sources (0: all of them).
    A story is committed once all its shares are in; a checked one is read back."""
    by_id = {s.id: s for s in sources}
    own: dict[str | None, list[Claim]] = {}
    for claim in claims:
        own.setdefault(by_id[claim.source_id].story, []).append(claim)
    checked = [s for s in stories if len(s.sources) > 1]
    keys = {s.id: (s.id, ",".join(s.sources), str(top_k)) for s in checked}
    saved = {s.id: found for s in checked
             if (found := work.checkpoints.get("verify", *keys[s.id])) is not None}
    if advance:
        advance(sum(len(own.get(sid, [])) for sid in saved))
    todo = [s for s in checked if s.id not in saved]
    total = sum(len(own.get(s.id, [])) for s in todo)
    size = work.per_task(total, SHARE, max(1, total))
    shares = [_Share(s.id, work.executor.share([by_id[m] for m in s.sources]), part, top_k)
              for s in todo for part in _parts(own.get(s.id, []), size)]
    collect = _collect_whole if _whole_stage(work.engine) else _collect
    saved.update(collect(work, shares, advance, keys))
    result = Verification()
    for story in checked:
        result.checks.update({cid: [Check.model_validate(k) for k in ks]
                              for cid, ks in saved[story.id]["checks"].items()})
        result.problems += [Problem.model_validate(p) for p in saved[story.id]["problems"]]
    return result


def _parts(claims: list[Claim], size: int) -> list[list[Claim]]:
    return [claims[start:start + size] for start in range(0, len(claims), size)] or [[]]


def _collect(work: _Work, shares: list[_Share], advance: Advance | None,
             keys: Mapping[str, Sequence[str]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each story's results, committed as soon as its last share is in."""
    left = {s.story: 0 for s in shares}
    for share in shares:
        left[share.story] += 1
    story: dict[str, Any] = {"checks": {}, "problems": []}
    found = work.executor.map(partial(_verify_share, work.engine), shares, advance=advance,
                              units=lambda share: len(share.claims))
    for share, part in zip(shares, found, strict=True):
        story["checks"].update(part["checks"])
        story["problems"] += part["problems"]
        left[share.story] -= 1
        if not left[share.story]:
            work.checkpoints.put("verify", [(keys[share.story], story)])
            yield share.story, story
            story = {"checks": {}, "problems": []}


def _whole_stage(engine: Engine) -> bool:
    """An engine that batches a stage's calls (llm/hybrid --batch) gets it all at once."""
    return isinstance(engine, WholeStage) and engine.whole_stage


def _collect_whole(work: _Work, shares: list[_Share], advance: Advance | None,
                   keys: Mapping[str, Sequence[str]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every share in one engine call (with --batch: one Batch API job), then each story
    committed."""
    assert isinstance(work.engine, WholeStage), "only for an engine that batches a stage"
    found = (work.engine.verify_stories([_story_work(share) for share in shares], advance)
             if shares else [])
    stories: dict[str, dict[str, Any]] = {}
    for share, part in zip(shares, found, strict=True):
        story = stories.setdefault(share.story, {"checks": {}, "problems": []})
        dumped = _dumped(part)
        story["checks"].update(dumped["checks"])
        story["problems"] += dumped["problems"]
    for story_id, story in stories.items():
        work.checkpoints.put("verify", [(keys[story_id], story)])
        yield story_id, story


def _verify_share(engine: Engine, share: _Share, advance: Advance | None) -> dict[str, Any]:
    """One task: checks (as JSON) of some of a story's claims against its sources."""
    todo = _story_work(share)
    return _dumped(engine.verify(todo.claims, todo.sources, todo.index, advance=advance,
                                 candidates=todo.candidates))


def _story_work(share: _Share) -> StoryWork:
    """A share's claims, its story's sources, their passage index and each claim's
    ``top_k`` candidate sources (None: all of them)."""
    members = share.members.get()
    chosen = None
    if share.top_k and len(members) - 1 > share.top_k:
        index = CandidateIndex(members)
        chosen = {c.id: index.candidates(c, share.top_k) for c in share.claims}
    return StoryWork(share.claims, members, PassageIndex(members), chosen)


def _dumped(found: Verification) -> dict[str, Any]:
    return {"checks": {cid: [k.model_dump(mode="json") for k in ks]
                       for cid, ks in found.checks.items()},
            "problems": [p.model_dump(mode="json") for p in found.problems]}


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
