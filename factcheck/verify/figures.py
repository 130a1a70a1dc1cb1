"""Compare a claim's figures and dates with those in another source's passage.

Two figures are only compared when they count the same thing (``same_measure``) AND their
surroundings agree: they share a content word, and they do not describe different outcomes
("12 people killed" vs "40 people injured"). Both the verifier and the numeric flags use this.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from factcheck.language.dates import dates_compatible, extract_dates
from factcheck.language.quantities import Relation, canonical_unit, compare, extract_quantities
from factcheck.language.retrieval import analyse
from factcheck.language.terms import context_terms, name_terms
from factcheck.models import Check, Claim, DateMention, FigureCheck, Quantity, Verdict

# What a figure measures, in general news: figures of different classes never compare
# ("12 killed" vs "40 injured", "revenue of $4bn" vs "profit of $1bn", "turnout 60%" vs
# "won 45%"). General vocabulary only, never one story's words.
_CLASSES = {
    cls: frozenset(analyse(words)) for cls, words in {
        "death": "killed dead died death deaths fatalities toll perished",
        "injury": "injured wounded hurt injuries hospitalised hospitalized",
        "missing": "missing unaccounted",
        "displaced": "evacuated displaced homeless fled evacuation",
        "arrest": "arrested detained charged",
        "rescued": "rescued saved",
        "revenue": "revenue revenues sales turnover",
        "profit": "profit profits earnings income",
        "loss": "loss losses deficit",
        "cost": "cost costs spending budget expenses",
        "debt": "debt borrowing",
        "valuation": "valuation valued worth capitalisation capitalization",
        "turnout": "turnout",
        "share": "won vote votes share support",
        "change": "rose fell grew increase decrease growth decline jump drop",
        "rate": "unemployment inflation interest",
        "workforce": "employ employed employs employing workforce payroll",
        "cuts": "cut cuts layoffs lay laid axe axed slash redundancies",
    }.items()
}
# A figure someone forecast or expected is not the figure reported ("analysts expected
# $3.9bn" vs "revenue of $4.1bn"): the two are never held against each other.
_PROJECTED = frozenset(analyse(
    "forecast forecasts outlook expected expect expects projected projection guidance "
    "predicted estimate target"))
# "rose TO 5%" gives a level, "rose 5%" a change: only the latter is measured as a change.
_LEVEL_BEFORE = re.compile(r"\b(?:to|from|at|of)\s+(?:about|around|nearly|some|almost)?\s*$",
                           re.IGNORECASE)
# Units that say nothing of what is measured, so the context must.
_UNNAMED = frozenset({"percent", "percentage point"})


@dataclass(frozen=True)
class Figure:
    """A quantity with the words around it, for context checks."""

    quantity: Quantity
    context: frozenset[str]
    classes: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    projected: bool = False


@dataclass(frozen=True)
class FigureFinding:
    claim: Quantity
    other: Quantity
    relation: Relation
    passage: str


def figures_in(text: str, quantities: Sequence[Quantity] | None = None) -> list[Figure]:
    """Locate each quantity of ``text`` (extracted unless given) and keep its context."""
    if quantities is None:
        return list(_figures_of(text))
    return _locate(text, quantities)


@lru_cache(maxsize=16384)
def _figures_of(text: str) -> tuple[Figure, ...]:
    """Memoised: the same passages are compared with many claims."""
    return tuple(_locate(text, extract_quantities(text)))


def _locate(text: str, quantities: Sequence[Quantity]) -> list[Figure]:
    found: list[Figure] = []
    cursor = 0
    for q in quantities:
        pos = text.find(q.text, cursor)
        if pos < 0:
            pos = text.find(q.text)
        if pos < 0:
            found.append(Figure(q, frozenset(analyse(text)), _nearest_class(text, 0, 0)))
            continue
        cursor = pos + len(q.text)
        end = pos + len(q.text)
        found.append(Figure(q, frozenset(context_terms(text, pos, end)),
                            _unit_class(q) or _nearest_class(text, pos, end), name_terms(text),
                            bool(_PROJECTED.intersection(analyse(text[:pos])[-4:]))))
    return found


def _unit_class(q: Quantity) -> frozenset[str]:
    """A unit that names the outcome itself ('300 dead') says what is measured."""
    return frozenset().union(*(_term_classes(t) for t in analyse(q.unit or "")))


def _term_classes(term: str) -> frozenset[str]:
    return frozenset(cls for cls, words in _CLASSES.items() if term in words)


def _nearest_class(text: str, start: int, end: int, reach: int = 6) -> frozenset[str]:
    """What the nearest class word says is measured ('revenue reached $4bn' -> revenue)."""
    left = analyse(text[:start])[-reach:][::-1]
    right = analyse(text[end:])[:reach]
    level = bool(_LEVEL_BEFORE.search(text[max(0, start - 24):start]))
    for distance in range(reach):
        for side in (left, right):
            found = _term_classes(side[distance]) if distance < len(side) else frozenset()
            if level:
                found -= {"change"}
            if found:
                return found
    return frozenset()


def comparable(a: Figure, b: Figure) -> bool:
    """Same measure, a shared context word, and no clash of what is measured."""
    if compare(a.quantity, b.quantity) == Relation.incomparable:
        return False
    units = {canonical_unit(a.quantity.unit) or ""}
    units |= set(analyse(a.quantity.unit or "")) | set(analyse(b.quantity.unit or ""))
    if _UNNAMED.intersection(units):
        units |= a.names | b.names  # any two percentages share a unit: the names are not enough
    if not (a.context & b.context) - units or a.projected != b.projected:
        return False
    return not (a.classes and b.classes and not a.classes & b.classes)


def can_conflict(a: Figure, b: Figure) -> bool:
    """A clash needs both sides to say what is measured, or neither: 'employed 2,400 people'
    must not refute 'at least 17 people died' just because only one names an outcome."""
    return bool(a.classes) == bool(b.classes)


def compare_figures(claim: Claim, passages: Sequence[str]) -> list[FigureFinding]:
    """Per claim quantity: the first consistent match, else the first conflicting one.

    A passage figure that one claim figure agrees with is taken: it cannot also refute
    another figure of the claim ('40 km away, 10 km deep' vs 'about 40 km away').
    """
    text = claim.text or claim.quote
    own = figures_in(text, claim.quantities or None)
    others = [(f, p) for p in passages for f in figures_in(p)]
    taken = {id(f) for mine in own for f, _ in others
             if comparable(mine, f) and compare(mine.quantity, f.quantity) == Relation.consistent}
    findings: list[FigureFinding] = []
    for mine in own:
        matches = [(relation, f, p) for f, p in others if comparable(mine, f)
                   and ((relation := compare(mine.quantity, f.quantity)) == Relation.consistent
                        or (id(f) not in taken and can_conflict(mine, f)))]
        if not matches:
            continue
        relation, fig, passage = next((m for m in matches if m[0] == Relation.consistent),
                                      matches[0])
        findings.append(FigureFinding(mine.quantity, fig.quantity, relation, passage))
    return findings


def with_figures(claim: Claim, check: Check) -> Check:
    """The check with its figure comparison filled in (both engines call this), so later
    stages read which figures agree or clash instead of comparing them again."""
    if not check.evidence or check.verdict == Verdict.not_mentioned:
        return check
    found = [FigureCheck(claim=f.claim.text, other=f.other.text,
                         agrees=f.relation == Relation.consistent)
             for f in compare_figures(claim, [check.evidence])]
    return check.model_copy(update={"figures": found})


@dataclass(frozen=True)
class DateFinding:
    claim: DateMention
    other: DateMention
    compatible: bool
    passage: str


def _dates_in(text: str, mentions: Sequence[DateMention]) -> list[tuple[DateMention, set[str]]]:
    found = []
    for d in mentions:
        pos = text.find(d.text)
        context = context_terms(text, pos, pos + len(d.text)) if pos >= 0 else set(analyse(text))
        found.append((d, context))
    return found


def compare_dates(claim: Claim, passages: Sequence[str]) -> list[DateFinding]:
    """Per dated claim mention: a compatible passage date if any, else a clashing one.

    Only dates whose surroundings share a content word are compared, so a passage's
    unrelated "in October" does not clash with the claim's "in May".
    """
    text = claim.text or claim.quote
    own = _dates_in(text, claim.dates or extract_dates(text))
    others = [(d, c, p) for p in passages for d, c in _dates_in(p, extract_dates(p))]
    findings: list[DateFinding] = []
    for mine, context in own:
        known = [(ok, d, p) for d, c, p in others if context & c
                 and (ok := dates_compatible(mine, d)) is not None]
        if known:
            ok, date, passage = next((k for k in known if k[0]), known[0])
            findings.append(DateFinding(mine, date, bool(ok), passage))
    return findings
