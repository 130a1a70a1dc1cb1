"""What each fact that needs review is about, in one sentence a person can act on.

Read from the report alone: the figures each source gives (its claims' quantities), the
wordings an ``entity_mismatch`` flag recorded, the evidence of a contradicting check, the
other flags' reasons. Sources are named by outlet, or by file name when the outlet is
unknown, never by their hash id.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from factcheck.aggregate import fact_flags, flagged_facts, review_flags
from factcheck.language.quantities import canonical_unit
from factcheck.models import Claim, Cluster, Flag, FlagKind, Quantity, Report, Verdict

_SNIPPET = 90
_SAME_FIGURE = 0.05
"""Figures within 5% of each other are shown as one wording ('about 20,000' ~ '20,000')."""

_QUOTES_THE_CLAIM = frozenset({FlagKind.added_in_derivative})
"""Flags whose reason already quotes the claim, so it needs no wording of the fact before it."""


@dataclass(frozen=True)
class Finding:
    """One fact that needs a person: what differs, in words, and the flags it carries."""

    fact_id: str
    text: str
    flags: tuple[FlagKind, ...]
    claims: int
    independent_sources: int
    story: str = ""
    """'s2 (label)' when the run split its inputs into several stories, else ''."""


@dataclass(frozen=True)
class _Context:
    labels: dict[str, str]
    parents: dict[str, str]
    claims: dict[str, Claim]


def source_labels(report: Report) -> dict[str, str]:
    """Source id -> outlet, or file name when the outlet is unknown or shared."""
    outlets = Counter(s.outlet for s in report.sources if s.outlet)
    labels = {}
    for source in report.sources:
        name = Path(source.path).name or source.id
        shared = source.outlet and outlets[source.outlet] > 1
        labels[source.id] = (f"{source.outlet} ({name})" if shared else
                             source.outlet or name)
    return labels


def findings(report: Report) -> list[Finding]:
    """The facts that need review, in rank order, each described in words."""
    context = _Context(source_labels(report),
                       {x.source_id: x.derived_from for x in report.lineage},
                       {c.id: c for c in report.claims})
    review, _ = flagged_facts(report.claims, report.clusters)
    stories = ({s.id: f"{s.id} ({s.label})" for s in report.stories}
               if len(report.stories) > 1 else {})
    return [replace(_finding(cluster, context), story=stories.get(cluster.story or "", ""))
            for cluster in review]


def _finding(cluster: Cluster, context: _Context) -> Finding:
    flags = review_flags(fact_flags(cluster, context.claims))
    members = [context.claims[i] for i in cluster.claim_ids if i in context.claims]
    numeric = any(f.kind == FlagKind.numeric_discrepancy for f in flags)
    figures = _figures(members, context) if numeric else None
    parts = [p for p in (figures, _wordings(flags, context)) if p]
    if not parts:
        parts = [_contradiction(members, context) or _reason(flags, cluster, context)]
    kinds = tuple(dict.fromkeys(f.kind for f in _described_first(flags, parts)))
    return Finding(cluster.id, "; ".join(parts), kinds, len(cluster.claim_ids),
                   cluster.independent_sources)


def _described_first(flags: Sequence[Flag], parts: Sequence[str]) -> list[Flag]:
    """The flags in the order the sentence describes them: figures, then names."""
    order = [FlagKind.numeric_discrepancy, FlagKind.entity_mismatch, FlagKind.contradicted]
    return sorted(flags, key=lambda f: order.index(f.kind) if f.kind in order else len(order))


# -- figures ------------------------------------------------------------------------------


def _figures(members: Sequence[Claim], context: _Context) -> str | None:
    """'X (outlet, file) vs Y (outlet)' for the first unit the sources count differently."""
    by_unit: dict[str, list[tuple[Quantity, str]]] = {}
    for claim in members:
        for q in claim.quantities:
            if unit := canonical_unit(q.unit):
                by_unit.setdefault(unit, []).append((q, claim.source_id))
    for unit in sorted(by_unit, key=lambda u: -len(by_unit[u])):
        groups = _groups(by_unit[unit], context.parents)
        if len(groups) > 1 and len({s for _, s in by_unit[unit]}) > 1:
            return " vs ".join(_group_text(g, context) for g in groups)
    return None


def _groups(found: list[tuple[Quantity, str]],
            parents: dict[str, str]) -> list[list[tuple[Quantity, str]]]:
    """Figures that are the same number (within 5%) together; most sources first, then the
    figures an original (not derived) source gives."""
    groups: list[list[tuple[Quantity, str]]] = []
    for q, source_id in found:
        group = next((g for g in groups if _same(g[0][0].value, q.value)), None)
        if group is None:
            groups.append([(q, source_id)])
        elif all(s != source_id for _, s in group):
            group.append((q, source_id))
    return sorted(groups, key=lambda g: (-len(g), all(s in parents for _, s in g),
                                         -g[0][0].value))


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= _SAME_FIGURE * max(abs(a), abs(b))


def _group_text(group: list[tuple[Quantity, str]], context: _Context) -> str:
    """The wording of the most original source in the group, then every source giving it."""
    ordered = sorted(group, key=lambda item: (item[1] in context.parents,
                                              context.labels[item[1]] == item[1]))
    wording = ordered[0][0].text
    return f"'{wording}' ({_some([context.labels[s] for _, s in ordered])})"


def _some(labels: list[str], shown: int = 3) -> str:
    """Up to ``shown`` labels, then how many more: a line stays a line on a big story."""
    if len(labels) <= shown + 1:
        return ", ".join(labels)
    return f"{', '.join(labels[:shown])} and {len(labels) - shown} more"


# -- names --------------------------------------------------------------------------------


def _wordings(flags: Sequence[Flag], context: _Context) -> str | None:
    """For a mismatch: which source has it, and what the source it was taken from says."""
    flag = next((f for f in flags if f.kind == FlagKind.entity_mismatch
                 and len(f.wording) > 1), None)
    if flag is None:
        return None
    (a, a_text), (b, b_text) = list(flag.wording.items())[:2]
    if context.parents.get(b) == a:
        (a, a_text), (b, b_text) = (b, b_text), (a, a_text)
    label = context.labels
    if context.parents.get(a) == b:
        return (f"{label[a]} says '{a_text}' where {label[b]}, the source it is derived "
                f"from, says '{b_text}'")
    return f"'{a_text}' ({label[a]}) vs '{b_text}' ({label[b]})"


# -- contradictions and the rest -------------------------------------------------------------


def _contradiction(members: Sequence[Claim], context: _Context) -> str | None:
    for claim in members:
        check = next((c for c in claim.checks if c.verdict == Verdict.contradicted
                      and c.evidence), None)
        if check and check.evidence:
            label = context.labels
            return (f"{label[claim.source_id]} says '{_snippet(claim.quote)}'; "
                    f"{label[check.source_id]} contradicts it: '{_snippet(check.evidence)}'")
    return None


def _reason(flags: Sequence[Flag], cluster: Cluster, context: _Context) -> str:
    """A flag's own reason, sources named by outlet, after the fact it is about."""
    if not flags:
        return _snippet(cluster.canonical)
    reason = name_sources(flags[0].reason, context.labels).rstrip(".")
    if flags[0].kind in _QUOTES_THE_CLAIM:
        return reason
    return f"'{_snippet(cluster.canonical, 60)}': {reason}"


def name_sources(text: str, labels: dict[str, str]) -> str:
    """``text`` with every source id replaced by its label, in one pass."""
    if not labels:
        return text
    return _ids_pattern(tuple(labels)).sub(lambda m: labels[m.group()], text)


@lru_cache(maxsize=4)
def _ids_pattern(ids: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a run's source ids, built once per run, not once per sentence."""
    alternatives = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _snippet(text: str, limit: int = _SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3].rstrip() + "..."
