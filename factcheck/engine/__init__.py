"""What an engine is: the two model-dependent stages, extraction and verification.

The pipeline wires ingest -> engine.extract -> retrieval -> engine.verify -> aggregate -> store.
Engines share retrieval and number logic (``factcheck.language``); they differ only in how
they read text: rules (``factcheck.engine.local``) or a model (``factcheck.llm``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from factcheck.models import Check, Claim, Failures, Problem, Source

Advance = Callable[[int], None]
Candidates = Mapping[str, Sequence[str]]
"""Claim id -> ids of the sources to verify it against."""
"""Called with how many items were just done (progress; a no-op for library callers)."""

if TYPE_CHECKING:
    from factcheck.language.retrieval import PassageIndex


@dataclass
class Extraction:
    claims: list[Claim] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Verification:
    checks: dict[str, list[Check]] = field(default_factory=dict)
    """Claim id -> one check per other source verified (every other, or its candidates)."""
    problems: list[Problem] = field(default_factory=list)


@dataclass
class StoryWork:
    """One story's verification: its claims against its sources (or their candidates)."""

    claims: Sequence[Claim]
    sources: Sequence[Source]
    index: PassageIndex
    candidates: Candidates | None = None


class Engine(Protocol):
    name: str
    model: str | None

    def extract(self, sources: Sequence[Source], *,
                advance: Advance | None = None) -> Extraction:
        """Claims of every source, with ids ``<source_id>#c<n>`` numbered in text order;
        ``advance(1)`` after each source, for progress."""
        ...

    def verify(
        self, claims: Sequence[Claim], sources: Sequence[Source], index: PassageIndex, *,
        advance: Advance | None = None, candidates: Candidates | None = None,
    ) -> Verification:
        """For each claim, one ``Check`` against every source other than its own, or only
        against ``candidates[claim.id]`` when given (the rest are implied not_mentioned);
        ``advance(1)`` after each claim."""
        ...

    def usage(self) -> dict[str, float]:
        """Calls, cache hits, tokens and cost so far (empty for engines without a model)."""
        ...

    def failures(self) -> Failures:
        """Model calls that failed so far, by kind and stage (none without a model)."""
        ...


@runtime_checkable
class WholeStage(Protocol):
    """An engine whose calls are cheaper made all at once (llm/hybrid with --batch: one
    Batch API job per stage): the pipeline then hands it every source, and every story."""

    @property
    def whole_stage(self) -> bool: ...

    def verify_stories(self, stories: Sequence[StoryWork],
                       advance: Advance | None = None) -> list[Verification]:
        """``verify`` of each story, in one go; one ``Verification`` per story."""
        ...
