"""What both review front ends show and accept: decision keys, quote context, labels.

Kept apart from the web and terminal code so the two stay the same queue with the same keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.errors import InputError
from factcheck.language.text import paragraphs
from factcheck.models import Decision, Source, Span, Verdict

CONTEXT_CHARS = 360


@dataclass(frozen=True)
class Action:
    """One way to decide, with its single-key shortcut (the same in browser and terminal)."""

    key: str
    decision: Decision
    verdict: Verdict | None
    label: str

    @property
    def token(self) -> str:
        """The form value that names this action."""
        if self.verdict is None:
            return self.decision.value
        return f"{self.decision.value}:{self.verdict.value}"


ACTIONS: tuple[Action, ...] = (
    Action("c", Decision.confirm, None, "Confirm machine verdict"),
    Action("1", Decision.set_verdict, Verdict.supported, "Supported"),
    Action("2", Decision.set_verdict, Verdict.partially_supported, "Partly supported"),
    Action("3", Decision.set_verdict, Verdict.contradicted, "Contradicted"),
    Action("4", Decision.set_verdict, Verdict.not_mentioned, "Not mentioned"),
    Action("m", Decision.needs_more_evidence, None, "Needs more evidence"),
    Action("x", Decision.not_a_claim, None, "Not a claim"),
)
BY_KEY = {action.key: action for action in ACTIONS}
BY_TOKEN = {action.token: action for action in ACTIONS}


def parse_action(token: str | None) -> Action:
    action = BY_TOKEN.get(token or "")
    if action is None:
        raise InputError(f"unknown decision {token!r}; choose one of: " + ", ".join(BY_TOKEN))
    return action


def label(value: str | None) -> str:
    """'partially_supported' -> 'partially supported'; None -> 'none'."""
    return value.replace("_", " ") if value else "none"


@dataclass(frozen=True)
class Context:
    """A quote with the text around it in its paragraph, for reading it in place."""

    before: str
    quote: str
    after: str


def quote_context(source: Source, span: Span, chars: int = CONTEXT_CHARS) -> Context:
    """The paragraph(s) holding ``span``, clipped to ``chars`` on each side at a word break."""
    start, end = span
    covering = [p for p in paragraphs(source.text) if p[0] < max(end, start + 1) and p[1] > start]
    para_start = covering[0][0] if covering else start
    para_end = covering[-1][1] if covering else end
    before = source.text[max(para_start, start - chars):start]
    after = source.text[end:min(para_end, end + chars)]
    if para_start < start - chars:
        before = "…" + before.split(" ", 1)[-1]
    if para_end > end + chars:
        after = after.rsplit(" ", 1)[0] + "…"
    return Context(before, source.text[start:end], after)


@dataclass(frozen=True)
class Run:
    """A piece of a source's full text: plain, the claim under review, or another claim."""

    text: str
    kind: str = ""
    """'' plain, 'this' the span under review, 'other' another claim or evidence span."""


def full_text(source: Source, this: Span | None, others: list[Span]) -> list[Run]:
    """A source's whole cleaned text cut at ``this`` span and the ``others`` (overlaps of
    others with ``this`` are shown as ``this``)."""
    text = source.text
    marks = sorted({s for s in others if s != this and 0 <= s[0] < s[1] <= len(text)})
    if this and 0 <= this[0] <= this[1] <= len(text):
        marks = [s for s in marks if s[1] <= this[0] or s[0] >= this[1]] + [this]
    runs: list[Run] = []
    at = 0
    for start, end in sorted(marks):
        if start < at:
            continue
        runs += [Run(text[at:start])] if start > at else []
        runs.append(Run(text[start:end], "this" if (start, end) == this else "other"))
        at = end
    return runs + ([Run(text[at:])] if at < len(text) else [])
