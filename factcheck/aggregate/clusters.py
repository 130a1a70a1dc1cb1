"""Claim clusters: claims from different sources that state the same fact.

Built from what the run already knows, with no model calls: two claims are linked by how
alike their content words are (idf-weighted cosine over every claim of the run), by a
check that quoted one claim's sentence as evidence for the other, and by a shared figure
of the same measure. Groups merge while the mean of each source family's best link into
the other group stays above ``MERGE``, so one loose link cannot chain two different facts
together. With candidates (top-k), not every pair was verified: only families that met the
other group take part in the mean, and a check made one way only counts both ways, so the
clusters come out as they would from checking every pair. Every claim ends up in exactly
one cluster.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.aggregate.lineage import families
from factcheck.aggregate.verdicts import VERDICT_ORDER
from factcheck.language.quantities import canonical_unit
from factcheck.language.retrieval import analyse
from factcheck.language.terms import claim_terms
from factcheck.models import (
    Claim,
    Cluster,
    Flag,
    FlagKind,
    Lineage,
    Source,
    Stance,
    Verdict,
)

_CAPITALISED = re.compile(r"(?<![\w'\u2019-])[A-Z][\w'\u2019-]*")
MERGE = 0.5
"""Linkage (see ``_linkage``) two groups need to become one cluster."""
_LINK = {Verdict.supported: 0.25, Verdict.contradicted: 0.25, Verdict.partially_supported: 0.08}
"""Added per direction when a check quoted the other claim's sentence as its evidence."""
_NAME_WEIGHT = 0.5
"""Names (people, places) weigh less: every claim of a story repeats its main actors."""
_FIGURE = 0.2
"""Added when both claims hold a comparable figure (same measure, shared context)."""
_COVERED = 0.5
"""Share of a claim's span that a check's evidence must cover to point at that claim."""
_STANCE = {Verdict.supported: Stance.supports, Verdict.partially_supported:
           Stance.partially_supports, Verdict.contradicted: Stance.contradicts}
CORROBORATING = frozenset({Stance.states, Stance.supports})
"""Stances that count as corroboration; partial overlap alone does not."""


# -- link weights -----------------------------------------------------------------------------


def _name_terms(claim: Claim) -> set[str]:
    """Terms of the claim's named entities and of capitalised words inside the sentence."""
    found = {t for e in claim.entities for t in analyse(e.name)}
    for m in _CAPITALISED.finditer(claim.text, 1):
        found.update(analyse(m.group()))
    return found


class _Vectors:
    """Unit-length idf-weighted term vectors of every claim (binary term frequency)."""

    def __init__(self, claims: Sequence[Claim]) -> None:
        terms = {c.id: claim_terms(c) for c in claims}
        names = {c.id: _name_terms(c) for c in claims}
        df = Counter(t for ts in terms.values() for t in set(ts))
        n = len(claims)
        self.vectors: dict[str, dict[str, float]] = {}
        for claim_id, ts in terms.items():
            vec = {t: math.log(1 + n / df[t]) * (_NAME_WEIGHT if t in names[claim_id] else 1.0)
                   for t in set(ts)}
            norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
            self.vectors[claim_id] = {t: w / norm for t, w in vec.items()}

    def cosine(self, a: str, b: str) -> float:
        va, vb = self.vectors[a], self.vectors[b]
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(w * vb.get(t, 0.0) for t, w in va.items())


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _evidence_links(claims: Sequence[Claim]) -> dict[tuple[str, str], float]:
    """(claim, other claim) -> bonus: a check that quoted the other claim's sentence.

    A firm verdict (supported or contradicted) says both speak of the same fact; partial
    support often means only the topic matched, so it adds little. A pair verified one way
    only (the other claim was never checked against the first's source, as candidates
    allow) counts that direction twice, as checking every pair would have found it both
    ways.
    """
    by_source: dict[str, list[Claim]] = {}
    for claim in claims:
        by_source.setdefault(claim.source_id, []).append(claim)
    one_way: dict[tuple[str, str], float] = {}
    for claim in claims:
        for check in claim.checks:
            bonus = _LINK.get(check.verdict, 0.0)
            if not bonus or check.evidence_span is None:
                continue
            for other in by_source.get(check.source_id, []):
                size = max(1, other.span[1] - other.span[0])
                if _overlap(check.evidence_span, other.span) / size >= _COVERED:
                    one_way[(claim.id, other.id)] = one_way.get((claim.id, other.id), 0.0) + bonus
    return _both_ways(one_way, {c.id: c for c in claims})


def _both_ways(one_way: dict[tuple[str, str], float],
               by_id: dict[str, Claim]) -> dict[tuple[str, str], float]:
    """Sum each pair's two directions; a direction never checked takes the other's bonus."""
    links: dict[tuple[str, str], float] = {}
    for (a, b), bonus in one_way.items():
        if (b, a) not in one_way and not _verified(by_id[b], by_id[a].source_id):
            bonus *= 2
        links[_key(a, b)] = links.get(_key(a, b), 0.0) + bonus
    return links


def _verified(claim: Claim, source_id: str) -> bool:
    return any(check.source_id == source_id for check in claim.checks)


def _figure_units(claim: Claim) -> set[str]:
    return {u for q in claim.quantities if (u := canonical_unit(q.unit))}


def _figure_links(claims: Sequence[Claim]) -> set[tuple[str, str]]:
    """Pairs where a check compared one claim's figure with a figure of the other claim's
    sentence (verification's ``Check.figures``, agreeing or not)."""
    by_source: dict[str, list[Claim]] = {}
    for claim in claims:
        by_source.setdefault(claim.source_id, []).append(claim)
    pairs: set[tuple[str, str]] = set()
    for claim in claims:
        for check in claim.checks:
            if not check.figures or check.evidence_span is None:
                continue
            pairs.update(_key(claim.id, other.id) for other in by_source.get(check.source_id, [])
                         if _overlap(check.evidence_span, other.span) > 0)
    return pairs


@dataclass
class _Graph:
    """Link weights between claims of different sources (absent pairs weigh 0)."""

    weights: dict[tuple[str, str], float]
    neighbours: dict[str, dict[str, float]]
    """Claim id -> linked claim id -> weight (both directions)."""
    claims: dict[str, Claim]

    def weight(self, a: str, b: str) -> float:
        return self.weights.get(_key(a, b), 0.0)


def _pairs(claims: Sequence[Claim], vectors: _Vectors,
           links: dict[tuple[str, str], float]) -> list[tuple[Claim, Claim]]:
    """Claim pairs of different sources where one was verified against the other's source
    and that can weigh anything: they share a term, or a check quoted one for the other
    (``links``). Every pair when verification checked all pairs, only candidates' pairs
    otherwise, so the graph grows with the checks, not with the square of the claims; an
    inverted index per source finds the pairs that share a term without trying the rest."""
    postings: dict[str, dict[str, list[Claim]]] = {}
    for claim in claims:
        index = postings.setdefault(claim.source_id, {})
        for term in vectors.vectors[claim.id]:
            index.setdefault(term, []).append(claim)
    by_id = {c.id: c for c in claims}
    found = {key for key in links if key[0] in by_id and key[1] in by_id}
    for a in claims:
        for source_id in dict.fromkeys(k.source_id for k in a.checks):
            index = postings.get(source_id, {}) if source_id != a.source_id else {}
            for term in vectors.vectors[a.id] if index else ():
                found.update(_key(a.id, b.id) for b in index.get(term, ()))
    order = {c.id: n for n, c in enumerate(claims)}
    pairs = [(by_id[x], by_id[y]) if order[x] < order[y] else (by_id[y], by_id[x])
             for x, y in found if by_id[x].source_id != by_id[y].source_id]
    return sorted(pairs, key=lambda p: (order[p[0].id], order[p[1].id]))


def _graph(claims: Sequence[Claim]) -> _Graph:
    vectors = _Vectors(claims)
    links = _evidence_links(claims)
    figures = _figure_links(claims)
    weights: dict[tuple[str, str], float] = {}
    neighbours: dict[str, dict[str, float]] = {c.id: {} for c in claims}
    for a, b in _pairs(claims, vectors, links):
        key = _key(a.id, b.id)
        w = vectors.cosine(a.id, b.id) + links.get(key, 0.0)
        if w > 0.1 and key in figures:
            w += _FIGURE
        if w > 0:
            weights[key] = neighbours[a.id][b.id] = neighbours[b.id][a.id] = round(w, 6)
    return _Graph(weights, neighbours, {c.id: c for c in claims})


# -- grouping -----------------------------------------------------------------------------


@dataclass
class _Group:
    members: list[Claim]
    families: dict[str, set[str]]
    """Lineage family root -> the group's sources in that family."""
    sources: set[str]
    checked: dict[str, set[str]]
    """Lineage family root -> the sources its members were verified against."""
    checked_by: dict[str, set[str]]
    """Source id -> the group's families with a member verified against it."""


def _new_group(claim: Claim, roots: dict[str, str]) -> _Group:
    root = roots.get(claim.source_id, claim.source_id)
    against = {k.source_id for k in claim.checks if k.source_id != claim.source_id}
    return _Group([claim], {root: {claim.source_id}}, {claim.source_id}, {root: against},
                  {sid: {root} for sid in against})


def _met(group: _Group, root: str, other: _Group) -> bool:
    """A family of ``group`` and ``other`` were compared: one side was verified against a
    source of the other. Only such families take part in the mean: with candidates, two
    paraphrases never checked against each other's sources say nothing about each other."""
    return (not group.checked[root].isdisjoint(other.sources)
            or any(source_id in other.checked_by for source_id in group.families[root]))


def _compared(group: _Group, other: _Group) -> int:
    """Families of ``group`` that met ``other`` (see ``_met``)."""
    return sum(_met(group, root, other) for root in group.families)


def _compared_from(small: _Group, big: _Group, roots: dict[str, str]) -> int:
    """``_compared(big, small)``, found from the small group's side: the big group's
    families that checked one of its sources or hold a source it checked."""
    met: set[str] = set()
    for source_id in small.sources:
        met.update(big.checked_by.get(source_id, ()))
    met.update(roots.get(s, s) for s in small.checked_by if s in big.sources)
    return len(met)


def _linkage(graph: _Graph, first: _Group, second: _Group, group_of: dict[str, int],
             ids: tuple[int, int], roots: dict[str, str]) -> float:
    """Mean, over the source families of both groups that met the other, of their best link
    into the other.

    Plain average linkage punishes a loose paraphrase in a group; single linkage chains
    facts that merely share a topic. Best links sit between the two, and a summary and its
    original vote once, as they count once for corroboration. Read from the smaller
    group's links, so a merge costs its links, not the product of the group sizes.
    """
    small, big = (first, second) if len(first.members) <= len(second.members) else \
        (second, first)
    big_id = ids[1] if small is first else ids[0]
    best: dict[tuple[int, str], float] = {}
    for claim in small.members:
        mine = (0, roots.get(claim.source_id, claim.source_id))
        for other_id, w in graph.neighbours[claim.id].items():
            if group_of[other_id] != big_id:
                continue
            other = graph.claims[other_id]
            theirs = (1, roots.get(other.source_id, other.source_id))
            best[mine] = max(best.get(mine, 0.0), w)
            best[theirs] = max(best.get(theirs, 0.0), w)
    counted = _compared(small, big) + _compared_from(small, big, roots)
    return sum(best.values()) / counted if counted else 0.0


def _group(claims: Sequence[Claim], graph: _Graph,
           roots: dict[str, str]) -> list[list[Claim]]:
    """Grouping by ``_linkage``, strongest links first, repeated until nothing merges."""
    group_of = {c.id: i for i, c in enumerate(claims)}
    groups = {i: _new_group(c, roots) for i, c in enumerate(claims)}
    edges = sorted((w, a, b) for (a, b), w in graph.weights.items() if w >= MERGE)
    edges.sort(key=lambda e: -e[0])
    changed = True
    while changed:
        changed = False
        for _, a, b in edges:
            ga, gb = group_of[a], group_of[b]
            if ga == gb or _linkage(graph, groups[ga], groups[gb], group_of, (ga, gb),
                                    roots) < MERGE:
                continue
            keep, gone = min(ga, gb), max(ga, gb)
            _merge(groups[keep], groups.pop(gone))
            for claim in groups[keep].members:
                group_of[claim.id] = keep
            changed = True
    order = {c.id: i for i, c in enumerate(claims)}
    result = [sorted(g.members, key=lambda c: order[c.id]) for g in groups.values()]
    return sorted(result, key=lambda g: order[g[0].id])


def _merge(keep: _Group, gone: _Group) -> None:
    keep.members += gone.members
    keep.sources |= gone.sources
    for root, sources in gone.families.items():
        keep.families[root] = keep.families.get(root, set()) | sources
        keep.checked[root] = keep.checked.get(root, set()) | gone.checked[root]
    for source_id, found in gone.checked_by.items():
        keep.checked_by[source_id] = keep.checked_by.get(source_id, set()) | found


# -- one cluster ------------------------------------------------------------------------------


def _canonical(members: list[Claim], graph: _Graph, roots: dict[str, str]) -> Claim:
    """The best-linked member, preferring an original source over a derived one."""
    ids = {c.id for c in members}

    def key(item: tuple[int, Claim]) -> tuple[float, bool, int]:
        i, claim = item
        centrality = sum(w for o, w in graph.neighbours[claim.id].items() if o in ids)
        return (-round(centrality, 6), roots.get(claim.source_id) != claim.source_id, i)
    return min(enumerate(members), key=key)[1]


def _stances(members: list[Claim], sources: Sequence[Source]) -> dict[str, Stance]:
    """Each source's stance: states, else the strongest verdict of the members' checks
    against it (contradicted first), else silent. One pass over the members' checks."""
    verdicts: dict[str, set[Verdict]] = {}
    for claim in members:
        for check in claim.checks:
            verdicts.setdefault(check.source_id, set()).add(check.verdict)
    stating = {c.source_id for c in members}
    stances = dict.fromkeys((s.id for s in sources), Stance.silent)  # in source order
    for source_id, found in verdicts.items():
        best = next((v for v in VERDICT_ORDER if v in found), Verdict.not_mentioned)
        if source_id in stances:
            stances[source_id] = _STANCE.get(best, Stance.silent)
    for source_id in stating:
        if source_id in stances:
            stances[source_id] = Stance.states
    return stances


def independent(stances: dict[str, Stance], roots: dict[str, str]) -> int:
    """Sources that state or support the fact, a lineage family counting once."""
    return len({roots.get(s, s) for s, stance in stances.items() if stance in CORROBORATING})


def _merge_flags(kind: FlagKind, flags: list[Flag], members: list[Claim]) -> Flag:
    """One cluster flag for a kind its members carry, with a reason about the whole fact."""
    ids = sorted({s for f in flags for s in f.source_ids} |
                 {c.source_id for c in members if any(f.kind == kind for f in c.flags)})
    if kind == FlagKind.numeric_discrepancy and (figures := _figure_list(members)):
        reason = f"The sources give different figures: {figures}."
    elif kind == FlagKind.contradicted:
        reason = (f"Sources contradict each other on this ({', '.join(ids)}); compare the "
                  "evidence quoted in each claim's checks.")
    else:
        reason = flags[0].reason
    return Flag(kind=kind, reason=reason, source_ids=ids)


def _figure_list(members: list[Claim]) -> str:
    """Each source's wording of the figures that more than one source gives."""
    units: dict[str, set[str]] = {}
    for claim in members:
        for unit in _figure_units(claim):
            units.setdefault(unit, set()).add(claim.source_id)
    shared = {u for u, ids in units.items() if len(ids) > 1}
    seen = [f"'{q.text}' ({c.source_id})" for c in members for q in c.quantities
            if canonical_unit(q.unit) in shared]
    return ", ".join(dict.fromkeys(seen))


_CARRIED = (FlagKind.contradicted, FlagKind.numeric_discrepancy)
"""Claim flags that hold for the fact as a whole; drift flags are added by ``drift``."""


def _cluster_flags(members: list[Claim], stances: dict[str, Stance],
                   corroborated: int, total: int) -> list[Flag]:
    flags = []
    for kind in _CARRIED:
        found = [f for c in members for f in c.flags if f.kind == kind]
        if found:
            flags.append(_merge_flags(kind, found, members))
    if total > 1 and corroborated <= 1:
        flags.append(_single_source_flag(members, stances))
    return flags


def _single_source_flag(members: list[Claim], stances: dict[str, Stance]) -> Flag:
    stating = sorted({c.source_id for c in members})
    partial = sorted(s for s, st in stances.items() if st == Stance.partially_supports)
    if len(stating) == 1:
        reason = f"Only {stating[0]} states this"
    else:
        reason = f"Only {' and '.join(stating)} state this, and they are not independent"
    if partial:
        verb = "overlaps" if len(partial) == 1 else "overlap"
        reason += f"; {', '.join(partial)} only partly {verb} with it."
    else:
        reason += "; no other independent source mentions it."
    return Flag(kind=FlagKind.single_source, reason=reason, source_ids=partial)


def _cluster(members: list[Claim], graph: _Graph, sources: Sequence[Source],
             roots: dict[str, str]) -> Cluster:
    stances = _stances(members, sources)
    corroborated = independent(stances, roots)
    return Cluster(id="k0", canonical=_canonical(members, graph, roots).text,
                   claim_ids=[c.id for c in members], stances=stances,
                   independent_sources=corroborated,
                   flags=_cluster_flags(members, stances, corroborated, len(sources)))


def _mark_single_source(members: list[Claim], cluster: Cluster) -> None:
    """A claim of a single-source fact says so too, unless a flag already does."""
    flag = next((f for f in cluster.flags if f.kind == FlagKind.single_source), None)
    if flag is None:
        return
    for claim in members:
        if not any(f.kind == FlagKind.single_source for f in claim.flags):
            claim.flags.append(flag.model_copy())


def build_clusters(claims: Sequence[Claim], sources: Sequence[Source],
                   lineage: Sequence[Lineage]) -> list[Cluster]:
    """Group the claims into facts, with stances, corroboration and the flags they carry.

    Ids are provisional (``k<n>`` in text order); ``ranking.rank`` renumbers by priority.
    """
    roots = families(sources, lineage)
    graph = _graph(claims)
    clusters = []
    for n, members in enumerate(_group(claims, graph, roots), start=1):
        cluster = _cluster(members, graph, sources, roots).model_copy(update={"id": f"k{n}"})
        _mark_single_source(members, cluster)
        clusters.append(cluster)
    return clusters
