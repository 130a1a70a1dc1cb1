"""Source lineage: which article is a summary or rewrite of another.

Articles about one event share the event's vocabulary, so plain word overlap proves
nothing. A rewrite betrays itself by what it shares with ONE other source and no one else:
the same word pairs ("outdated air defense") and the same figures. Each shared feature is
weighted by how exclusive it is (held by 2 sources -> 1, by 3 -> 1/2, ...), the pair's
share is compared with the source's typical share with the other sources, and the source
the derived side is decided by ``direction`` (upstream lines, wire credits, publication
times, shorter paraphrase, support, less material). No model calls; deterministic.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from factcheck.aggregate.direction import Side, decide, names
from factcheck.language.quantities import canonical_unit, extract_quantities
from factcheck.language.retrieval import analyse
from factcheck.language.text import sentences
from factcheck.models import Claim, Lineage, Source, Verdict

MIN_SCORE = 0.5
"""Below this a pair is treated as two independent reports of the same event."""
_SATURATE = 0.06
"""Excess exclusive share at which the score reaches 1."""
_MIN_SHARE = 0.035
"""A pair must share at least this weighted share of the smaller source's features."""
_PAIR_ONLY_SHARE = 0.3
"""With only two sources nothing is exclusive: demand near-copy overlap instead."""
_FIGURE_WEIGHT = 2.0
_MAX_EVIDENCE = 10
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_][\w'\u2019-]*")

Feature = tuple[str, ...]


_RARE = 12
"""Features held by at most this many sources find the pairs worth comparing (blocking)."""


@dataclass
class _Profile:
    """A source's distinctive features: word pairs and figures, with where they occur."""

    source: Source
    features: dict[Feature, tuple[int, int]] = field(default_factory=dict)
    size: float = 0.0
    """Weighted feature count (figures weigh ``_FIGURE_WEIGHT``), set once built."""


def _tokens(text: str, span: tuple[int, int]) -> list[tuple[str, int, int]]:
    """Content terms of one sentence with their character offsets."""
    out = []
    for m in _WORD.finditer(text, span[0], span[1]):
        terms = analyse(m.group())
        if terms:
            out.append((terms[0], m.start(), m.end()))
    return out


def _numeric(term: str) -> bool:
    """Figures are compared as figures, with their unit, not as words."""
    return term.replace(".", "").isdigit()


def _profile(source: Source) -> _Profile:
    profile = _Profile(source)
    for span in sentences(source.text):
        tokens = _tokens(source.text, span)
        for (a, start, _), (b, _, end) in itertools.pairwise(tokens):
            if not (_numeric(a) or _numeric(b)):
                profile.features.setdefault((a, b), (start, end))
    for q in extract_quantities(source.text):
        unit = canonical_unit(q.unit)
        pos = source.text.find(q.text)
        if unit and pos >= 0:
            profile.features.setdefault(("#", f"{q.value:g}", unit), (pos, pos + len(q.text)))
    profile.size = sum(_FIGURE_WEIGHT if f[0] == "#" else 1.0 for f in profile.features)
    return profile


def _weights(profiles: Sequence[_Profile]) -> dict[Feature, float]:
    """Exclusivity of each feature held by two or more sources."""
    df = Counter(f for p in profiles for f in p.features)
    return {f: (_FIGURE_WEIGHT if f[0] == "#" else 1.0) / (n - 1)
            for f, n in df.items() if n >= 2}


def _share(a: _Profile, b: _Profile, weights: dict[Feature, float]) -> float:
    shared = a.features.keys() & b.features.keys()
    return sum(weights[f] for f in shared) / a.size if a.size else 0.0


@dataclass(frozen=True)
class _Pair:
    derived: str
    original: str
    score: float
    direction: str


class _Shares:
    """Each source's weighted share of its features held by another source, for the pairs
    that can reach ``_MIN_SHARE`` only, and each source's total share over all the others.

    Comparing every pair made lineage quadratic in a story's size. A pair that shares no
    feature held by at most ``_RARE`` sources shares only common ones, each weighing at most
    1/_RARE; a source whose common features alone cannot reach ``_MIN_SHARE`` (almost all)
    need not be compared with those sources, so skipping them changes no result.
    """

    def __init__(self, profiles: Sequence[_Profile], weights: dict[Feature, float]) -> None:
        self.n = len(profiles)
        holders: dict[Feature, list[int]] = {}
        for i, p in enumerate(profiles):
            for f in p.features:
                if f in weights:
                    holders.setdefault(f, []).append(i)
        self.totals = [_total(p, weights, holders) for p in profiles]
        self.values: dict[tuple[int, int], float] = {}
        for i, j in sorted(_blocked_pairs(profiles, weights, holders)):
            self.values[(i, j)] = _share(profiles[i], profiles[j], weights)
            self.values[(j, i)] = _share(profiles[j], profiles[i], weights)

    def get(self, i: int, j: int) -> float:
        return self.values.get((i, j), 0.0)


def _total(profile: _Profile, weights: dict[Feature, float],
           holders: dict[Feature, list[int]]) -> float:
    """The sum of the source's shares with every other source, in one pass over its
    features: a feature held by ``df`` sources counts once for each of the other df - 1."""
    held = sum(weights[f] * (len(holders[f]) - 1) for f in profile.features if f in weights)
    return held / profile.size if profile.size else 0.0


def _blocked_pairs(profiles: Sequence[_Profile], weights: dict[Feature, float],
                   holders: dict[Feature, list[int]]) -> set[tuple[int, int]]:
    """Pairs sharing a rare feature, and every pair of a source that common features alone
    could carry to ``_MIN_SHARE``."""
    pairs: set[tuple[int, int]] = set()
    for ids in holders.values():
        if len(ids) <= _RARE:
            pairs.update(itertools.combinations(ids, 2))
    n = len(profiles)
    for i, p in enumerate(profiles):
        common = sum(weights[f] for f in p.features
                     if f in weights and len(holders[f]) > _RARE)
        if n == 2 or (p.size and common / p.size >= _MIN_SHARE):
            pairs.update((min(i, j), max(i, j)) for j in range(n) if j != i)
    return pairs


def _pair_score(i: int, j: int, shares: _Shares) -> float:
    """How far the pair's exclusive share stands above each side's usual share (the mean of
    its shares with the other sources: its total less this pair, over n - 2)."""
    n = shares.n
    if n == 2:
        best = min(shares.get(i, j), shares.get(j, i))
        return 1.0 if best >= _PAIR_ONLY_SHARE else 0.0
    share = max(shares.get(i, j), shares.get(j, i))
    if share < _MIN_SHARE:
        return 0.0
    totals = shares.totals
    excess = [shares.get(a, b) - (totals[a] - shares.get(a, b)) / (n - 2)
              for a, b in ((i, j), (j, i))]
    return round(max(0.0, min(1.0, min(excess) / _SATURATE)), 3)


def _support(claims: Sequence[Claim], by: str) -> float | None:
    """Share of ``claims`` that source ``by`` supports (None without checks against it)."""
    checked = [c for c in claims if any(k.source_id == by for k in c.checks)]
    if not checked:
        return None
    good = {Verdict.supported, Verdict.partially_supported}
    return sum(any(k.source_id == by and k.verdict in good for k in c.checks)
               for c in checked) / len(checked)


def _side(i: int, j: int, profiles: list[_Profile], shares: _Shares,
          claims: dict[str, list[Claim]]) -> Side:
    mine, theirs = profiles[i].source.id, profiles[j].source.id
    return Side(profiles[i].source, shares.get(i, j), _support(claims.get(mine, []), theirs),
                profiles[i].size)


def _evidence(derived: _Profile, original: _Profile, weights: dict[Feature, float]) -> list[str]:
    """Shared figures, then the longest runs of shared word pairs, as written in ``derived``."""
    shared = derived.features.keys() & original.features.keys()
    text = derived.source.text
    figures = sorted(derived.features[f] for f in shared if f[0] == "#")
    pairs = sorted(derived.features[f] for f in shared if f[0] != "#" and weights[f] >= 0.5)
    phrases: list[tuple[int, int]] = []
    for start, end in pairs:
        if phrases and start < phrases[-1][1]:
            phrases[-1] = (phrases[-1][0], max(end, phrases[-1][1]))
        else:
            phrases.append((start, end))
    phrases.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    found = [text[a:b] for a, b in figures] + [text[a:b] for a, b in phrases]
    return list(dict.fromkeys(" ".join(e.split()) for e in found))[:_MAX_EVIDENCE]


def _ancestor(parents: dict[str, str], source_id: str) -> set[str]:
    seen = {source_id}
    while source_id in parents:
        source_id = parents[source_id]
        seen.add(source_id)
    return seen


def _candidates(profiles: list[_Profile], claims: Sequence[Claim],
                weights: dict[Feature, float]) -> list[_Pair]:
    """Pairs whose exclusive share stands out, or that share material and whose upstream
    line names the other's site; each with its direction decided."""
    shares = _Shares(profiles, weights)
    by_source: dict[str, list[Claim]] = {}
    for claim in claims:
        by_source.setdefault(claim.source_id, []).append(claim)
    pairs = []
    for i, j in sorted(key for key in shares.values if key[0] < key[1]):
        score = _pair_score(i, j, shares)
        a, b = profiles[i].source, profiles[j].source
        if score < MIN_SCORE and (names(a, b) or names(b, a)) and \
                max(shares.get(i, j), shares.get(j, i)) >= _MIN_SHARE:
            score = MIN_SCORE
        if score >= MIN_SCORE:
            way = decide(_side(i, j, profiles, shares, by_source),
                         _side(j, i, profiles, shares, by_source))
            pairs.append(_Pair(way.derived, way.original, score, way.reason))
    return sorted(pairs, key=lambda p: (-p.score, p.derived, p.original))


def _prefer_the_common_parent(chosen: dict[str, _Pair], candidates: Sequence[_Pair],
                              by_id: dict[str, _Profile],
                              weights: dict[Feature, float]) -> None:
    """Two rewrites of one story share its material, so one can look like the other's
    parent. A rewrite is re-attached to its parent's own parent when it shares none of the
    material that parent added (nothing it holds with the parent that the grandparent lacks).
    """
    for child, pair in list(chosen.items()):
        middle = chosen.get(pair.original)
        if middle is None:
            continue
        grand = next((c for c in candidates if c.derived == child
                      and c.original == middle.original), None)
        mine, via, root = by_id[child], by_id[pair.original], by_id[middle.original]
        added = (mine.features.keys() & via.features.keys()) - root.features.keys()
        if grand and sum(weights[f] for f in added) / (mine.size or 1.0) < _MIN_SHARE:
            chosen[child] = _Pair(child, grand.original, grand.score,
                                  f"{grand.direction} It shares almost nothing of what "
                                  f"{pair.original} adds to {grand.original}: both derive "
                                  f"from {grand.original}.")


def detect_lineage(sources: Sequence[Source], claims: Sequence[Claim]) -> list[Lineage]:
    """Each source that reads as a summary or rewrite of another, best evidence first.

    A source gets at most one parent, and no chain loops back on itself.
    """
    if len(sources) < 2:
        return []
    profiles = [_profile(s) for s in sources]
    by_id = {p.source.id: p for p in profiles}
    weights = _weights(profiles)
    candidates = _candidates(profiles, claims, weights)
    chosen: dict[str, _Pair] = {}
    parents: dict[str, str] = {}
    for pair in candidates:
        if pair.derived in parents or pair.derived in _ancestor(parents, pair.original):
            continue
        parents[pair.derived] = pair.original
        chosen[pair.derived] = pair
    _prefer_the_common_parent(chosen, candidates, by_id, weights)
    found = [Lineage(source_id=p.derived, derived_from=p.original, score=p.score,
                     evidence=_evidence(by_id[p.derived], by_id[p.original], weights),
                     direction=p.direction) for p in chosen.values()]
    order = {s.id: i for i, s in enumerate(sources)}
    return sorted(found, key=lambda x: (order[x.source_id], order[x.derived_from]))


def families(sources: Sequence[Source], lineage: Sequence[Lineage]) -> dict[str, str]:
    """Source id -> the original at the root of its lineage (itself when independent)."""
    parents = {x.source_id: x.derived_from for x in lineage}
    roots = {}
    for source in sources:
        root, seen = source.id, {source.id}
        while root in parents and parents[root] not in seen:
            root = parents[root]
            seen.add(root)
        roots[source.id] = root
    return roots


def _lines(lineage: Sequence[Lineage]) -> set[tuple[str, str]]:
    """(a, b) for every source and each of its ancestors, both ways round."""
    parents = {x.source_id: x.derived_from for x in lineage}
    pairs = set()
    for child in parents:
        for ancestor in _ancestor(parents, child) - {child}:
            pairs |= {(child, ancestor), (ancestor, child)}
    return pairs


def mark_derived(claims: Sequence[Claim], lineage: Sequence[Lineage]) -> None:
    """Checks between a source and its parent (or grandparent) are not corroboration."""
    pairs = _lines(lineage)
    for claim in claims:
        claim.checks = [c.model_copy(update={"derived": (claim.source_id, c.source_id) in pairs})
                        for c in claim.checks]
