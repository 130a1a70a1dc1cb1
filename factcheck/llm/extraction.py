"""Chunked, sentence-id grounded extraction: windows of paragraphs, claims merged by id.

A long article is cut into windows of whole paragraphs that fit the prompt budget; each
window shows the paragraph before it as context (for pronouns) and repeats the title. An
answer cut off at ``max_tokens`` splits its window in two instead of asking the same thing
again. Claims are merged across windows by their sentence ids, so one told twice (a
window's context is never extracted) cannot appear twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from factcheck.llm.client import Answer
from factcheck.llm.grounding import Numbered, article_ids
from factcheck.llm.schemas import ExtractedClaim
from factcheck.models import Claim, Problem, ProblemStage, Source

CHARS_PER_TOKEN = 3
"""Conservative characters per token for budgets (English runs about 4)."""
PROMPT_OVERHEAD_TOKENS = 1800
"""The system prompt with its worked examples, and the chat template around it."""


@dataclass(frozen=True)
class Window:
    """Sentence ids to extract, and the ids shown before them as context only."""

    ids: tuple[int, ...]
    context: tuple[int, ...] = ()

    def halves(self) -> tuple[Window, Window]:
        middle = len(self.ids) // 2
        first, second = self.ids[:middle], self.ids[middle:]
        return Window(first, self.context), Window(second, first[-2:])


def window_chars(context_tokens: int, max_tokens: int) -> int:
    """Sentence characters one call may carry: the input must fit the context window and
    the claims (about as long as their sentences, plus JSON) must fit ``max_tokens``."""
    room_in = (context_tokens - max_tokens - PROMPT_OVERHEAD_TOKENS) * CHARS_PER_TOKEN
    room_out = max_tokens * CHARS_PER_TOKEN // 2
    return max(200, min(room_in, room_out))


def windows(article: Numbered, budget: int, ids: Sequence[int] | None = None) -> list[Window]:
    """Whole paragraphs packed up to ``budget`` characters (a longer one split by sentences);
    only ``ids`` (default all) are extracted."""
    wanted = set(article.ids if ids is None else ids)
    packed: list[tuple[int, ...]] = []
    current: list[int] = []
    size = 0
    for p in range(len(article.paragraphs)):
        members = [n for n in article.paragraph_ids(p) if n in wanted]
        if current and size + sum(_cost(article, n) for n in members) > budget:
            packed.append(tuple(current))
            current, size = [], 0
        for n in members:
            if current and size + _cost(article, n) > budget:
                packed.append(tuple(current))
                current, size = [], 0
            current.append(n)
            size += _cost(article, n)
    if current:
        packed.append(tuple(current))
    return [Window(group, _context(article, group[0])) for group in packed]


def _cost(article: Numbered, n: int) -> int:
    return len(article.sentence(n)) + 8


def _context(article: Numbered, first: int) -> tuple[int, ...]:
    """The two sentences before ``first`` in its paragraph or the one before it."""
    p = article.paragraph_of[first - 1]
    before = [n for n in range(1, first) if article.paragraph_of[n - 1] in (p - 1, p)]
    return tuple(before[-2:])


def prompt_context(source: Source, article: Numbered, window: Window) -> dict[str, object]:
    """Template variables: metadata, context lines and the window's sentences by paragraph."""
    groups: dict[int, list[dict[str, object]]] = {}
    for number, n in enumerate(window.ids, start=1):  # the model sees 1..k
        row = {"id": number, "text": article.sentence(n)}
        groups.setdefault(article.paragraph_of[n - 1], []).append(row)
    return {"title": source.title or (article.sentence(1) if article.spans else ""),
            "outlet": source.outlet, "url": source.url,
            "context": article.lines(window.context), "paragraphs": list(groups.values())}


def truncated(answer: Answer) -> bool:
    return bool(answer.error and "cut off at max_tokens" in answer.error)


Grounded = tuple[ExtractedClaim, tuple[int, ...]]
"""An accepted claim with its article sentence ids."""


def grounded_claims(source: Source, article: Numbered, window: Window,
                    answer: Answer) -> tuple[list[Grounded], list[Problem]]:
    """The answer's claims that hold up against the window's sentences; a problem for each
    claim rejected, and for an answer that failed as a whole."""
    accepted: list[Grounded] = []
    problems: list[Problem] = []
    where = _where(window)
    context = {"article": article, "allowed": window.ids}
    for n, raw in enumerate((answer.output or {}).get("claims", []), start=1):
        try:
            item = ExtractedClaim.model_validate(raw, context=context)
            accepted.append((item, tuple(article_ids(item.sentences, window.ids))))
        except ValidationError as exc:
            first = exc.errors()[0]["msg"].removeprefix("Value error, ")
            problems.append(_problem(f"claim {n} of the model's answer for {where} rejected: "
                                     f"{first}", source.id))
    if answer.error and (answer.output is None or not problems):
        problems.insert(0, _problem(f"{where}: {answer.error}", source.id))
    return accepted, problems


def merged(source: Source, article: Numbered, found: Sequence[Grounded]) -> list[Claim]:
    """Claims in text order, one per (sentence ids, text), numbered ``<source>#c<n>``."""
    unique: dict[tuple[tuple[int, ...], str], ExtractedClaim] = {}
    for item, ids in found:
        unique.setdefault((ids, " ".join(item.text.lower().split())), item)
    ordered = sorted(unique.items(), key=lambda kv: kv[0])
    return [item.to_claim(source, f"{source.id}#c{n}", article, ids)
            for n, ((ids, _), item) in enumerate(ordered, start=1)]


def _where(window: Window) -> str:
    first, last = window.ids[0], window.ids[-1]
    return f"sentence [{first}]" if first == last else f"sentences [{first}]-[{last}]"


def _problem(message: str, source_id: str) -> Problem:
    return Problem(stage=ProblemStage.extract, message=message, source_id=source_id)
