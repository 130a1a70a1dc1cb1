"""The LLM engine: windowed extraction and one call per (claim, source) verification.

Everything the model says is grounded by sentence ids: quotes and evidence are cut from the
text by code, and a claim or check that does not hold up against its sentences becomes a
``Problem`` entry, never silently dropped and never repaired by guessing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from pydantic import ValidationError

from factcheck.engine import Advance, Candidates, Extraction, StoryWork, Verification
from factcheck.errors import BudgetExceeded, ModelError
from factcheck.llm import extraction as windowing
from factcheck.llm.client import Answer, ModelClient
from factcheck.llm.constrained import extraction_model, verification_model
from factcheck.llm.grounding import Numbered
from factcheck.llm.prompts import messages
from factcheck.llm.schemas import VerificationOut
from factcheck.llm.settings import LLMSettings
from factcheck.llm.verification import (
    calibrated,
    model_confidence,
    nothing_retrieved,
    shown_ids,
)
from factcheck.models import (
    Check,
    Claim,
    FailureKind,
    Failures,
    Problem,
    ProblemStage,
    Source,
    Verdict,
)
from factcheck.store import Store
from factcheck.verify import with_figures

if TYPE_CHECKING:
    from factcheck.language.retrieval import PassageIndex

T = TypeVar("T")
Outcome = tuple[list[Claim], list[Problem]]


class LLMEngine:
    """Implements ``factcheck.engine.Engine`` with any OpenAI-compatible model."""

    name = "llm"

    def __init__(self, settings: LLMSettings, store: Store) -> None:
        settings.require_usable()
        self.settings = settings
        self.model: str | None = settings.model
        self.client = ModelClient(settings, store)

    @property
    def stopped_reason(self) -> str | None:
        return self.client.stopped_reason

    @stopped_reason.setter
    def stopped_reason(self, reason: str | None) -> None:
        self.client.stopped_reason = reason

    def usage(self) -> dict[str, float]:
        return self.client.usage.as_dict()

    def failures(self) -> Failures:
        return self.client.failures.as_model()

    # -- extraction -------------------------------------------------------------------------

    def extract(self, sources: Sequence[Source], *,
                advance: Advance | None = None) -> Extraction:
        return self.extract_sentences(sources, {}, advance)

    def extract_sentences(self, sources: Sequence[Source], only: dict[str, list[int]] | None,
                          advance: Advance | None = None) -> Extraction:
        """Claims of every source; with ``only``, of those sentence ids of the sources it
        names (the hybrid engine's hard sentences) and nothing else."""
        chosen = [s for s in sources if not only or s.id in only]
        jobs = [partial(self._extract_one, s, (only or {}).get(s.id)) for s in chosen]
        extraction = Extraction()
        for source, result in zip(chosen, self._run_all("extract", jobs, advance),
                                      strict=True):
            if isinstance(result, str):
                extraction.problems.append(_problem("extract", result, source.id))
                continue
            extraction.claims.extend(result[0])
            extraction.problems.extend(result[1])
        return extraction

    async def _extract_one(self, source: Source, ids: list[int] | None) -> Outcome:
        article = Numbered.of(source.text)
        budget = windowing.window_chars(self.settings.context_tokens, self.settings.max_tokens)
        results = await asyncio.gather(*(self._extract_window(source, article, window)
                                         for window in windowing.windows(article, budget, ids)))
        found = [claim for claims, _ in results for claim in claims]
        problems = [problem for _, failed in results for problem in failed]
        return windowing.merged(source, article, found), problems

    async def _extract_window(self, source: Source, article: Numbered,
                              window: windowing.Window) -> tuple[list[windowing.Grounded],
                                                                 list[Problem]]:
        prompt = messages("extract_claims", **windowing.prompt_context(source, article, window))
        context = {"article": article, "allowed": window.ids}
        answer = await self.client.ask("extract", prompt, extraction_model(len(window.ids)),
                                      context)
        if windowing.truncated(answer) and len(window.ids) > 1:
            claims: list[windowing.Grounded] = []
            problems: list[Problem] = []
            for half in window.halves():
                more, failed = await self._extract_window(source, article, half)
                claims, problems = claims + more, problems + failed
            return claims, problems
        return windowing.grounded_claims(source, article, window, answer)

    # -- verification -----------------------------------------------------------------------

    def verify(self, claims: Sequence[Claim], sources: Sequence[Source],
               index: PassageIndex, *, advance: Advance | None = None,
               candidates: Candidates | None = None) -> Verification:
        """One check per (claim, other source), or per (claim, candidate source)."""
        return self.verify_stories([StoryWork(claims, sources, index, candidates)], advance)[0]

    @property
    def whole_stage(self) -> bool:
        """With --batch, a stage's calls for every source and story go in one batch."""
        return self.settings.batch

    def verify_stories(self, stories: Sequence[StoryWork],
                       advance: Advance | None = None) -> list[Verification]:
        """Several stories' verification in one event loop (with --batch: one batch)."""
        groups = [(_pairs(work), work.index) for work in stories]
        results = self.verify_pair_groups(groups)
        if advance:
            advance(sum(len(work.claims) for work in stories))
        return results

    def verify_pairs(self, pairs: Sequence[tuple[Claim, Source]], index: PassageIndex,
                     advance: Advance | None = None) -> Verification:
        """One check (or one problem) per (claim, other source) pair."""
        return self.verify_pair_groups([(pairs, index)], advance)[0]

    def verify_pair_groups(self, groups: Sequence[tuple[Sequence[tuple[Claim, Source]],
                                                        PassageIndex]],
                           advance: Advance | None = None) -> list[Verification]:
        """``verify_pairs`` for each group (pairs of one story, with its index), all in one
        event loop."""
        jobs = [partial(self._verify_one, claim, source, index)
                for pairs, index in groups for claim, source in pairs]
        outcomes = iter(self._run_all("verify", jobs, advance))
        return [_verified(pairs, [next(outcomes) for _ in pairs]) for pairs, _ in groups]

    async def _verify_one(self, claim: Claim, source: Source,
                          index: PassageIndex) -> Check | str:
        article = Numbered.of(source.text)
        shown = shown_ids(article, index.candidates(claim).get(source.id, []))
        if not shown:
            return nothing_retrieved(claim, source)
        lines = [{"id": k, "text": article.sentence(n)} for k, n in enumerate(shown, start=1)]
        prompt = messages("verify_claim", claim=claim, lines=lines)
        answer = await self.client.ask("verify", prompt, verification_model(len(shown)),
                                       {"shown": shown}, logprobs=True)
        return check_from_answer(claim, source, article, shown, answer)

    # -- running ----------------------------------------------------------------------------

    def _run_all(self, stage: str, jobs: Sequence[Callable[[], Awaitable[T]]],
                 advance: Advance | None = None) -> list[T | str]:
        """Run jobs concurrently in one event loop; a failed job yields its error message."""
        if not jobs:
            return []
        return asyncio.run(self._gather(stage, jobs, advance))

    async def _gather(self, stage: str, jobs: Sequence[Callable[[], Awaitable[T]]],
                      advance: Advance | None) -> list[T | str]:
        async with self.client.session():
            return list(await asyncio.gather(*(self._counted(stage, job, advance)
                                               for job in jobs)))

    async def _counted(self, stage: str, job: Callable[[], Awaitable[T]],
                       advance: Advance | None) -> T | str:
        """One job, then one step of progress (done or failed, it is no longer pending)."""
        result = await self._guard(stage, job)
        if advance:
            advance(1)
        return result

    async def _guard(self, stage: str, job: Callable[[], Awaitable[T]]) -> T | str:
        """Per-item failures become messages; fatal ones (config, cassette miss) propagate.

        A server that stops accepting connections stops the run: every later call would
        only wait out its retries against it.
        """
        if self.stopped_reason:
            return self._not_done(stage)
        try:
            return await job()
        except BudgetExceeded as exc:
            self.stopped_reason = self.stopped_reason or str(exc)
            return self._not_done(stage)
        except ModelError as exc:
            if exc.exit_code == 2:  # CassetteMiss: a replay must never pass with holes
                raise
            if exc.kind == FailureKind.connection_refused:
                self.stopped_reason = self.stopped_reason or str(exc)
            return str(exc)

    def _not_done(self, stage: str) -> str:
        self.client.failures.not_done(stage)
        return f"not done: the run was stopped ({self.stopped_reason})"


def _pairs(work: StoryWork) -> list[tuple[Claim, Source]]:
    by_id = {s.id: s for s in work.sources}
    return [(c, s) for c in work.claims if c.source_id in by_id
            for s in _others(c, work.sources, by_id, work.candidates) if s.id != c.source_id]


def _verified(pairs: Sequence[tuple[Claim, Source]],
              outcomes: Sequence[Check | str]) -> Verification:
    result = Verification()
    for (claim, source), outcome in zip(pairs, outcomes, strict=True):
        checks = result.checks.setdefault(claim.id, [])
        if isinstance(outcome, Check):
            checks.append(with_figures(claim, outcome))
        else:
            result.problems.append(_problem("verify", outcome, source.id, claim.id))
    return result


def _others(claim: Claim, sources: Sequence[Source], by_id: dict[str, Source],
            candidates: Candidates | None) -> Sequence[Source]:
    """The sources to verify the claim against (all, or its candidates)."""
    if candidates is None:
        return sources
    return [by_id[sid] for sid in candidates.get(claim.id, ()) if sid in by_id]


def check_from_answer(claim: Claim, source: Source, article: Numbered, shown: list[int],
                      answer: Answer) -> Check | str:
    """The validated check, or why there is none."""
    if answer.output is None:
        return f"no valid check against this source: {answer.error or 'no answer'}"
    try:
        item = VerificationOut.model_validate(answer.output, context={"shown": shown})
    except ValidationError as exc:
        first = exc.errors()[0]["msg"].removeprefix("Value error, ")
        return f"no valid check against this source: {first}"
    verdict = Verdict(item.verdict)
    confidence = model_confidence(answer.tokens, verdict)
    if confidence is None:
        confidence = calibrated(claim, source, verdict)
    return item.to_check(source, article, shown, confidence)


def _problem(stage: str, message: str, source_id: str | None = None,
             claim_id: str | None = None) -> Problem:
    return Problem(stage=ProblemStage(stage), message=message, source_id=source_id,
                   claim_id=claim_id)
