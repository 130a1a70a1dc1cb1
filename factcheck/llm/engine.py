"""The LLM engine: one extraction call per source, one verification call per claim.

Everything the model says is checked against the text before it enters the report:
claims and checks whose quotes are not in their source become ``Problem`` entries, never
silently dropped and never repaired by guessing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from factcheck.engine import Advance, Candidates, Extraction, Verification
from factcheck.errors import BudgetExceeded, ModelError
from factcheck.language.text import find_span
from factcheck.llm.client import Answer, ModelClient
from factcheck.llm.prompts import messages
from factcheck.llm.schemas import ExtractedClaim, ExtractionOut, SourceVerdict, VerificationOut
from factcheck.llm.settings import LLMSettings
from factcheck.models import Check, Claim, FailureKind, Failures, Problem, ProblemStage, Source
from factcheck.store import Store
from factcheck.verify import with_figures

if TYPE_CHECKING:
    from factcheck.language.retrieval import PassageIndex

T = TypeVar("T")
MAX_PASSAGES = 4


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
        results = self._run_all("extract", [partial(self._extract_one, s) for s in sources],
                                advance)
        extraction = Extraction()
        for source, result in zip(sources, results, strict=True):
            if isinstance(result, str):
                extraction.problems.append(_problem("extract", result, source.id))
                continue
            claims, problems = result
            extraction.claims.extend(claims)
            extraction.problems.extend(problems)
        return extraction

    async def _extract_one(self, source: Source) -> tuple[list[Claim], list[Problem]]:
        prompt = messages("extract_claims", source=source)
        answer = await self.client.ask("extract", prompt, ExtractionOut, {"text": source.text})
        return claims_from_answer(source, answer)

    # -- verification -----------------------------------------------------------------------

    def verify(self, claims: Sequence[Claim], sources: Sequence[Source],
               index: PassageIndex, *, advance: Advance | None = None,
               candidates: Candidates | None = None) -> Verification:
        by_id = {s.id: s for s in sources}
        jobs = [partial(self._verify_one, c, _others(c, sources, by_id, candidates), index)
                for c in claims if len(sources) > 1 and c.source_id in by_id]
        verified = [c for c in claims if len(sources) > 1 and c.source_id in by_id]
        result = Verification()
        for claim, outcome in zip(verified, self._run_all("verify", jobs, advance),
                                  strict=True):
            if isinstance(outcome, str):
                result.problems.append(_problem("verify", outcome, claim.source_id, claim.id))
                continue
            checks, problems = outcome
            result.checks[claim.id] = [with_figures(claim, c) for c in checks]
            result.problems.extend(problems)
        return result

    async def _verify_one(self, claim: Claim, sources: Sequence[Source],
                          index: PassageIndex) -> tuple[list[Check], list[Problem]]:
        others = [s for s in sources if s.id != claim.source_id]
        labels = {f"S{i}": s for i, s in enumerate(others, start=1)}
        candidates = index.candidates(claim)
        shown = [{"label": label, "passages": _passages(s, candidates.get(s.id, []))}
                 for label, s in labels.items()]
        prompt = messages("verify_claim", claim=claim, others=shown)
        context = {"sources": {label: s.text for label, s in labels.items()}}
        answer = await self.client.ask("verify", prompt, VerificationOut, context)
        return checks_from_answer(claim, labels, answer)

    # -- running ----------------------------------------------------------------------------

    def _run_all(self, stage: str, jobs: Sequence[Callable[[], Awaitable[T]]],
                 advance: Advance | None = None) -> list[T | str]:
        """Run jobs concurrently in one event loop; a failed job yields its error message."""
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


def _others(claim: Claim, sources: Sequence[Source], by_id: dict[str, Source],
            candidates: Candidates | None) -> Sequence[Source]:
    """The claim's own source and the sources to verify it against (all, or candidates)."""
    if candidates is None:
        return sources
    return [by_id[claim.source_id], *(by_id[sid] for sid in candidates.get(claim.id, ()))]


def _passages(source: Source, passages: Sequence[Any]) -> list[str]:
    """Candidate passages' text (retrieval order), or the whole source when none."""
    texts = [_passage_text(source, p) for p in passages[:MAX_PASSAGES]]
    return [t for t in texts if t.strip()] or [source.text]


def _passage_text(source: Source, passage: Any) -> str:
    span = getattr(passage, "span", None)
    if span is not None:
        return source.text[span[0]:span[1]]
    return str(getattr(passage, "text", passage))


def _problem(stage: str, message: str, source_id: str | None = None,
             claim_id: str | None = None) -> Problem:
    return Problem(stage=ProblemStage(stage), message=message, source_id=source_id,
                   claim_id=claim_id)


def _first_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    return first["msg"].removeprefix("Value error, ")


def claims_from_answer(source: Source, answer: Answer) -> tuple[list[Claim], list[Problem]]:
    """Validated claims in text order with ids ``<source>#c<n>``, and a problem per reject."""
    accepted: list[tuple[tuple[int, int], ExtractedClaim]] = []
    problems: list[Problem] = []
    for n, raw in enumerate((answer.output or {}).get("claims", []), start=1):
        try:
            item = ExtractedClaim.model_validate(raw, context={"text": source.text})
        except ValidationError as exc:
            problems.append(_problem("extract", f"claim {n} of the model's answer rejected: "
                                     f"{_first_error(exc)}", source.id))
            continue
        span = find_span(source.text, item.quote)
        if span is not None and all(s != span or c.text != item.text for s, c in accepted):
            accepted.append((span, item))
    accepted.sort(key=lambda pair: (pair[0], pair[1].text))
    claims = [item.to_claim(source, f"{source.id}#c{n}", span)
              for n, (span, item) in enumerate(accepted, start=1)]
    if answer.error and (answer.output is None or not problems):
        problems.insert(0, _problem("extract", answer.error, source.id))
    return claims, problems


def checks_from_answer(claim: Claim, labels: dict[str, Source],
                       answer: Answer) -> tuple[list[Check], list[Problem]]:
    """One validated check per other source; a problem for each source left without one."""
    context = {"sources": {label: s.text for label, s in labels.items()}}
    found: dict[str, Check] = {}
    reasons: dict[str, str] = {}
    for raw in (answer.output or {}).get("checks", []):
        label = str(raw.get("source", "")) if isinstance(raw, dict) else ""
        try:
            item = SourceVerdict.model_validate(raw, context=context)
        except ValidationError as exc:
            reasons.setdefault(label, _first_error(exc))
            continue
        found.setdefault(item.source, item.to_check(labels[item.source]))
    checks = [found[label] for label in labels if label in found]
    problems = [_problem("verify", _missing(label, reasons, answer), source.id, claim.id)
                for label, source in labels.items() if label not in found]
    return checks, problems


def _missing(label: str, reasons: dict[str, str], answer: Answer) -> str:
    reason = reasons.get(label) or answer.error or "the model gave no verdict for it"
    return f"no valid check against this source: {reason}"
