"""Claim flags read from the checks verification produced: no retrieval, no second opinion.

- ``contradicted``: some check says so;
- ``numeric_discrepancy``: a check's own evidence gives another figure for what the claim
  counts (the figure comparison verification recorded on the check);
- ``added_in_derivative``: a claim of a summary or rewrite that its parent does not support
  (any verdict but supported) and that adds something checkable: a figure or a name the
  parent never gives, a name given another owner ("Peru's Tacna" for the parent's "Chile's
  Tacna"), or a group the parent limits ("11,000 troops, some of whom have joined") stated
  of all of it.

``single_source`` is a property of a fact, not of one claim: ``clusters`` decides it once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.models import (
    Check,
    Claim,
    FigureCheck,
    Flag,
    FlagKind,
    FlagTier,
    Lineage,
    Source,
    Verdict,
)

_KIND_ORDER = {kind: i for i, kind in enumerate(FlagKind)}
_SNIPPET = 160
_NAME = re.compile(r"(?<=[\w,;:] )[A-Z][\w\u2019'-]*[a-z][\w\u2019'-]*")
"""A capitalised word that does not open the sentence."""
_OWNER = re.compile(r"\b([A-Z][\w-]*[a-z])['\u2019]s ([A-Z][\w-]*[a-z])\b")
"""A name's possession of another name: "Peru's Tacna"."""
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_PARTITIVE = re.compile(r"\b(?:some|many|most|part|several|a few|a number|few|half|one|two|"
                        r"three|dozens|hundreds|thousands) of (?:whom|them|which|those|these)\b",
                        re.IGNORECASE)
"""'some of whom': the parent says only part of a group did it."""


def sort_flags(flags: list[Flag]) -> None:
    """The one deterministic flag order: needs-review kinds first, then by kind (as FlagKind
    lists them), then sources."""
    flags.sort(key=lambda f: (f.kind.tier == FlagTier.for_information, _KIND_ORDER[f.kind],
                              f.source_ids, f.reason))


def flag_claims(claims: Sequence[Claim], lineage: Sequence[Lineage] = (),
                sources: Sequence[Source] = ()) -> None:
    """Add contradicted / numeric_discrepancy / added_in_derivative flags in place."""
    texts = {s.id: s.text for s in sources}
    parents = {x.source_id: x.derived_from for x in lineage}
    for claim in claims:
        parent = parents.get(claim.source_id)
        parent_text = texts.get(parent) if parent else None
        new = _contradicted(claim) + _numeric(claim) + _added(claim, parent, parent_text)
        for flag in new:
            if flag not in claim.flags:
                claim.flags.append(flag)
        sort_flags(claim.flags)


def _contradicted(claim: Claim) -> list[Flag]:
    ids = sorted({c.source_id for c in claim.checks if c.verdict == Verdict.contradicted})
    if not ids:
        return []
    return [Flag(kind=FlagKind.contradicted, source_ids=ids,
                 reason=f"Contradicted by {', '.join(ids)}; compare the evidence quoted there.")]


def _numeric(claim: Claim) -> list[Flag]:
    """A check whose evidence states one of the claim's figures differently (verification
    compared them: ``Check.figures``)."""
    flags = []
    for check in claim.checks:
        clashes = [f for f in check.figures if not f.agrees]
        if clashes and check.verdict != Verdict.not_mentioned:
            flags.append(Flag(kind=FlagKind.numeric_discrepancy, source_ids=[check.source_id],
                              reason=_numeric_reason(clashes, check.source_id)))
    return flags


def _numeric_reason(clashes: Sequence[FigureCheck], source_id: str) -> str:
    pairs = "; ".join(f"'{f.claim}' here vs '{f.other}'" for f in clashes)
    return f"Figures disagree with {source_id}: {pairs}."


def _added(claim: Claim, parent: str | None, parent_text: str | None) -> list[Flag]:
    """What a derived text's claim adds to its parent, judged from the parent's check."""
    check = next((c for c in claim.checks if c.source_id == parent), None)
    if check is None or parent_text is None or check.verdict == Verdict.supported:
        return []
    widened = _widened(claim, check)
    new = _new_specifics(claim, parent_text)
    if not (widened or new):
        return []
    parts = [f"it states of the whole group what {check.source_id} says of only part of it "
             f"('{widened}')"] if widened else []
    parts += [f"{', '.join(new)} appear nowhere in {check.source_id}"] if new else []
    what = "; ".join(parts)
    return [Flag(kind=FlagKind.added_in_derivative, source_ids=[check.source_id],
                 reason=_added_reason(claim, check, what))]


def _new_specifics(claim: Claim, parent_text: str) -> list[str]:
    """Figures and names of the claim that the parent's text never gives."""
    text = claim.quote
    found = [f"'{n}'" for n in _NUMBER.findall(text) if n not in parent_text]
    letters = _letters(parent_text)
    for m in _OWNER.finditer(text):  # "X's Y" where the parent gives Y another owner
        if _letters(m.group()) not in letters and _letters(m.group(2)) in letters:
            found.append(f"'{m.group()}'")
    for m in _NAME.finditer(text):
        name = re.sub(r"['\u2019]s$", "", m.group())
        if _letters(name) not in letters:  # "Jong-un" is "Jong Un" written another way
            found.append(f"'{name}'")
    return list(dict.fromkeys(found))


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalpha())


def _widened(claim: Claim, check: Check) -> str | None:
    """The parent's 'some of whom' when the claim drops it around a figure both give."""
    if not check.evidence or _PARTITIVE.search(claim.quote):
        return None
    shared = {n for n in _NUMBER.findall(claim.quote) if len(n) > 1} & \
        set(_NUMBER.findall(check.evidence))
    limit = _PARTITIVE.search(check.evidence)
    return limit.group() if shared and limit else None


def _added_reason(claim: Claim, check: Check, what: str) -> str:
    said = f"{claim.source_id} says '{_snippet(claim.quote)}'"
    parent = f"{check.source_id}, which it is derived from,"
    if check.verdict == Verdict.not_mentioned or not check.evidence:
        return f"{said}; {parent} does not say this: {what}."
    return f"{said}; {parent} says only '{_snippet(check.evidence)}': {what}."


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET else text[:_SNIPPET - 3].rstrip() + "..."
