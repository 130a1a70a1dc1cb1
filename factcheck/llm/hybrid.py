"""The hybrid engine: the built-in engine does everything, the model only where it can
change an answer.

- Extraction: the built-in extractor reads every sentence; the model re-reads only the
  sentences it flags as hard (a claim over several sentences, a long quotation, a claim
  still opening with a pronoun, a sentence hard-wrapped over lines, which the rules cut at
  the line break). Accepted model claims replace the built-in ones on those
  sentences; where the model gives nothing acceptable the built-in claims stay.
- Verification: the built-in verifier checks every (claim, source) pair; the model is
  asked about the pairs whose calibrated confidence falls in the uncertain band chosen on
  development data (``benchmarks/routing.py`` -> ``factcheck/llm/data/routing.json``) and
  for which retrieval finds a passage. A failed model answer keeps the built-in verdict
  and is reported.

``usage()`` adds the calls per claim and how many claims and checks each engine decided.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.engine import Advance, Candidates, Extraction, StoryWork, Verification
from factcheck.engine.local import LocalEngine
from factcheck.llm.engine import LLMEngine
from factcheck.llm.grounding import PRONOUNS, Numbered
from factcheck.llm.settings import LLMSettings
from factcheck.llm.verification import shown_ids
from factcheck.models import AttributionKind, Check, Claim, Failures, Problem, Source
from factcheck.store import Store

if TYPE_CHECKING:
    from factcheck.language.retrieval import PassageIndex

ROUTING = Path(__file__).resolve().parent / "data" / "routing.json"
LONG_QUOTE = 240
"""Characters from which a direct quotation counts as hard for the rules."""
ROUTED_PER_CLAIM = 0.15
"""At most this many (claim, source) pairs per claim go to the model in one verification
(the least confident first), so the model's share stays bounded on any input."""


@cache
def band() -> tuple[float, float]:
    """The uncertain band [low, high) of built-in confidence, chosen on development data."""
    low, high = json.loads(ROUTING.read_text(encoding="utf-8"))["band"]
    return float(low), float(high)


def hard_sentences(source: Source, claims: Sequence[Claim]) -> list[int]:
    """Ids of the sentences whose built-in claims the rules are least sure of."""
    article = Numbered.of(source.text)
    hard: set[int] = set()
    for claim in claims:
        ids = _covered(article, claim.span)
        words = claim.text.split()
        opening = words[0].lower().strip("\"'") if words else ""
        wrapped = any("\n" in source.text[slice(*article.spans[n - 1])] for n in ids)
        if len(ids) > 1 or wrapped or opening in PRONOUNS or (
                claim.attribution.kind == AttributionKind.direct_quote
                and len(claim.quote) > LONG_QUOTE):
            hard.update(ids)
    return sorted(hard)


def _covered(article: Numbered, span: tuple[int, int]) -> list[int]:
    return [n for n, (a, b) in enumerate(article.spans, start=1) if a < span[1] and b > span[0]]


class HybridEngine:
    """Implements ``factcheck.engine.Engine``: the built-in engine, with the model routed in."""

    name = "hybrid"

    def __init__(self, settings: LLMSettings, store: Store) -> None:
        self.local = LocalEngine()
        self.llm = LLMEngine(settings, store)
        self.model: str | None = settings.model
        self._claims: dict[str, int] = {"local": 0, "llm": 0}
        self._checks: dict[str, int] = {"local": 0, "llm": 0}

    @property
    def stopped_reason(self) -> str | None:
        return self.llm.stopped_reason

    def extract(self, sources: Sequence[Source], *,
                advance: Advance | None = None) -> Extraction:
        built_in = self.local.extract(sources, advance=advance)
        by_source: dict[str, list[Claim]] = {}
        for claim in built_in.claims:
            by_source.setdefault(claim.source_id, []).append(claim)
        hard = {s.id: ids for s in sources
                if (ids := hard_sentences(s, by_source.get(s.id, [])))}
        model = self.llm.extract_sentences(sources, hard) if hard else Extraction()
        claims = [c for s in sources for c in _merge(s, by_source.get(s.id, []), [
            m for m in model.claims if m.source_id == s.id])]
        for claim in claims:
            self._claims[claim.engine] += 1
        return Extraction(claims, built_in.problems + model.problems)

    def verify(self, claims: Sequence[Claim], sources: Sequence[Source],
               index: PassageIndex, *, advance: Advance | None = None,
               candidates: Candidates | None = None) -> Verification:
        return self.verify_stories([StoryWork(claims, sources, index, candidates)], advance)[0]

    @property
    def whole_stage(self) -> bool:
        """With --batch, the model's calls for every source and story go in one batch."""
        return self.llm.whole_stage

    def verify_stories(self, stories: Sequence[StoryWork],
                       advance: Advance | None = None) -> list[Verification]:
        """The built-in verdicts of each story, then one model pass over all the routed
        pairs (with --batch: one batch)."""
        results = [self.local.verify(w.claims, w.sources, w.index, advance=advance,
                                     candidates=w.candidates) for w in stories]
        groups = [(self._routed(w, r), w.index) for w, r in zip(stories, results, strict=True)]
        models = (self.llm.verify_pair_groups(groups) if any(pairs for pairs, _ in groups)
                  else [Verification() for _ in groups])
        for result, model in zip(results, models, strict=True):
            for claim_id, checks in model.checks.items():
                result.checks[claim_id] = _replaced(result.checks[claim_id], checks)
            result.problems += [_kept(p) for p in model.problems]
            for checks in result.checks.values():
                for check in checks:
                    self._checks[check.engine] += 1
        return results

    def _routed(self, work: StoryWork, result: Verification) -> list[tuple[Claim, Source]]:
        """The pairs whose built-in confidence falls in the routing band (at most
        ``ROUTED_PER_CLAIM`` per claim on average), least certain first."""
        by_id = {s.id: s for s in work.sources}
        low, high = band()
        uncertain = sorted(((check.confidence, n, claim, by_id[check.source_id])
                            for n, claim in enumerate(work.claims)
                            for check in result.checks.get(claim.id, [])
                            if low <= check.confidence < high), key=lambda t: t[:2])
        return [(claim, source) for _, _, claim, source in uncertain
                if _retrievable(claim, source, work.index)][
                    :int(len(work.claims) * ROUTED_PER_CLAIM)]

    def usage(self) -> dict[str, float]:
        usage = self.llm.usage()
        claims = sum(self._claims.values())
        usage["calls_per_claim"] = round(usage.get("calls", 0.0) / claims, 3) if claims else 0.0
        for engine in ("local", "llm"):
            usage[f"claims_by_{engine}"] = float(self._claims[engine])
            usage[f"checks_by_{engine}"] = float(self._checks[engine])
        return usage

    def failures(self) -> Failures:
        return self.llm.failures()


def _merge(source: Source, built_in: list[Claim], model: list[Claim]) -> list[Claim]:
    """Model claims replace the built-in claims they overlap; renumbered in text order."""
    kept = [c for c in built_in
            if not any(c.span[0] < m.span[1] and m.span[0] < c.span[1] for m in model)]
    ordered = sorted([*kept, *model], key=lambda c: (c.span, c.engine))
    return [c.model_copy(update={"id": f"{source.id}#c{n}"})
            for n, c in enumerate(ordered, start=1)]


def _retrievable(claim: Claim, source: Source, index: PassageIndex) -> bool:
    return bool(shown_ids(Numbered.of(source.text), index.candidates(claim).get(source.id, [])))


def _replaced(built_in: list[Check], model: list[Check]) -> list[Check]:
    by_source = {c.source_id: c for c in model}
    return [by_source.get(c.source_id, c) for c in built_in]


def _kept(problem: Problem) -> Problem:
    return problem.model_copy(update={"message": f"{problem.message} (the built-in verdict "
                                                 "stands)"})
