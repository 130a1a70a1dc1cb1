"""Story grouping: rarity-weighted term vectors, a bounded neighbour search, cores, attachment.

Cost: each source queries ``QUERY_TERMS`` terms, each reading at most ``WINDOW`` postings
around the source's own position, then scores at most ``CANDIDATES`` neighbours exactly;
so work is linear in the number of sources (times those constants), never all pairs.
"""

from __future__ import annotations

import bisect
import calendar
import heapq
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from factcheck.language.retrieval import analyse
from factcheck.models import Source, Story

SINGLE = "single"
STORY_MODES = ("auto", SINGLE)
"""``auto`` groups the input into stories; ``single`` treats it as one story."""
QUERY_TERMS = 24
"""Most distinctive terms of a source that look up its neighbours."""
WINDOW = 48
"""Postings read per query term: the sources nearest in input order holding it."""
CANDIDATES = 24
"""Neighbours per source whose exact similarity is computed."""
LABEL_TERMS = 4


@dataclass(frozen=True)
class Grouping:
    """The fitted parameters (``data/grouping.json``)."""

    threshold: float
    """Similarity two sources need for a core edge (a story's core is a component of them)."""
    names_weight: float
    """Share of the names-and-figures cosine in the similarity (the rest: all terms)."""
    shared_names: int
    """Names and figures the two sources of a core edge must both use: a second kind of
    evidence, so template wording alone, or one figure two briefs happen to share, links
    nothing."""
    attach: float
    """Mean similarity to a story's members a source outside every core needs to join it."""
    margin: float
    """How far that story's mean similarity must stand above every other story's."""
    support: int = 0
    """Sources a core edge's two ends must both have a core edge to (triangles), unless one
    end has no other: one pair of similar articles from two events of one kind then joins
    nothing, while a story of two articles, or one more article, still does."""
    attach_names: float = 0.0
    """Mean names cosine to that story's members it needs above this: names or figures
    the story's articles generally use, not one figure one of them happens to share."""
    pair_threshold: float = 2.0
    """Similarity two sources left alone, each the other's nearest, need to pair up."""
    fitted_on: str = ""


@lru_cache(maxsize=1)
def load_grouping() -> Grouping:
    raw = json.loads(resources.files("factcheck.stories").joinpath("data", "grouping.json")
                     .read_text(encoding="utf-8"))
    return Grouping(threshold=float(raw["threshold"]), names_weight=float(raw["names_weight"]),
                    shared_names=int(raw["shared_names"]), attach=float(raw["attach"]),
                    margin=float(raw["margin"]), support=int(raw["support"]),
                    attach_names=float(raw["attach_names"]),
                    pair_threshold=float(raw["pair_threshold"]),
                    fitted_on=str(raw["fitted_on"]))


_CALENDAR = frozenset(t for name in (*calendar.month_name[1:], *calendar.day_name)
                      for t in analyse(name))


_CAPITAL = re.compile(r"[A-Z][\w'\u2019-]*")
_CAPITAL_RUN = re.compile(r"[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*)*")
_SENTENCE_START = frozenset(".!?:\n\"\u201c")


def _names(text: str, pattern: re.Pattern[str] = _CAPITAL) -> list[str]:
    """Words capitalised mid-sentence (after a word, a comma or a bracket), and a
    sentence's first word when a capitalised word follows it ("Elena Ruiz said")."""
    found = []
    for m in pattern.finditer(text):
        start, end = m.start(), m.end()
        before = text[start - 2] if start >= 2 and text[start - 1] == " " else "\n"
        if before not in _SENTENCE_START or (text[end:end + 1] == " " and
                                             text[end + 1:end + 2].isupper()):
            found.append(m.group())
    return found


def features(source: Source) -> tuple[Counter[str], Counter[str]]:
    """(content terms, names and figures) of a source's title and text.

    Names are words capitalised mid-sentence, figures numbers of two digits or more:
    what tells two fires or two strikes apart. Calendar words and the outlet's own name
    (a dateline credit) say nothing about the event and are left out.
    """
    text = f"{source.title or ''}\n{source.text}"
    own = set(analyse(source.outlet or ""))
    terms = Counter(t for t in analyse(text) if t not in own)
    names = Counter(t for word in _names(text) for t in analyse(word)
                    if t not in own and t not in _CALENDAR)
    names.update(t for t in terms.elements() if t.isdigit() and len(t) > 1)
    return terms, names


class _Vectors:
    """Unit tf-idf vectors (sublinear tf) of one kind of feature of every source, over the
    terms at least two sources use: a term only one source has links it to nothing, and
    would only shrink its similarity to everything (one article's own figure outweighing
    the many names it shares with its story)."""

    def __init__(self, counts: Sequence[Counter[str]]) -> None:
        self.df: Counter[str] = Counter(t for c in counts for t in c)
        n = len(counts)
        self.vectors = [self._unit({t: (1 + math.log(k)) * math.log(1 + n / self.df[t])
                                    for t, k in c.items() if self.df[t] > 1})
                        for c in counts]

    @staticmethod
    def _unit(vector: dict[str, float]) -> dict[str, float]:
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {t: w / norm for t, w in vector.items()}

    def cosine(self, a: int, b: int) -> float:
        return _dot(self.vectors[a], self.vectors[b])

    def mean(self, members: Sequence[int]) -> dict[str, float]:
        """The members' mean vector: its dot product with a source is the source's mean
        cosine to them."""
        total: Counter[str] = Counter()
        for i in members:
            total.update(self.vectors[i])
        return {t: w / len(members) for t, w in total.items()}

    def query(self, i: int, size: int) -> list[str]:
        """The source's most distinctive terms that another source also holds."""
        shared = ((w, t) for t, w in self.vectors[i].items() if self.df[t] > 1)
        return [t for _, t in heapq.nlargest(size, shared)]


def _dot(va: dict[str, float], vb: dict[str, float]) -> float:
    if len(va) > len(vb):
        va, vb = vb, va
    return sum(w * vb.get(t, 0.0) for t, w in va.items())


Pair = tuple[float, float, int]
"""(terms cosine, names cosine, names both sources use) of two sources."""


class Features:
    """Both kinds of vectors of a feed's sources, and the similarities grouping reads."""

    def __init__(self, sources: Sequence[Source]) -> None:
        pairs = [features(s) for s in sources]
        self.size = len(sources)
        self.terms = _Vectors([t for t, _ in pairs])
        self.names = _Vectors([n for _, n in pairs])

    def pair(self, a: int, b: int) -> Pair:
        na, nb = self.names.vectors[a], self.names.vectors[b]
        return (self.terms.cosine(a, b), _dot(na, nb), len(na.keys() & nb.keys()))

    def query(self, i: int) -> list[str]:
        half = QUERY_TERMS // 2
        return ([f"t:{t}" for t in self.terms.query(i, half)] +
                [f"n:{t}" for t in self.names.query(i, half)])


def _postings(queries: list[list[str]]) -> dict[str, list[int]]:
    """Query term -> the sources (in input order) whose query holds it."""
    postings: dict[str, list[int]] = {}
    for i, query in enumerate(queries):
        for term in query:
            postings.setdefault(term, []).append(i)
    return postings


def _window(posting: list[int], i: int) -> list[int]:
    """Up to ``WINDOW`` sources of ``posting`` around ``i`` (postings are in input order)."""
    at = bisect.bisect_left(posting, i)
    start = max(0, min(at - WINDOW // 2, len(posting) - WINDOW))
    return posting[start:start + WINDOW]


def candidate_pairs(vectors: Features) -> dict[tuple[int, int], Pair]:
    """(i, j) -> their similarities for every candidate pair found, i < j: each source's
    ``CANDIDATES`` most-voted neighbours, plus its neighbours in input order along each
    query term's postings (so near-duplicates cannot crowd out the rest of a story)."""
    queries = [vectors.query(i) for i in range(vectors.size)]
    postings = _postings(queries)
    edges: dict[tuple[int, int], Pair] = {}
    for i, query in enumerate(queries):
        votes: Counter[int] = Counter()
        chain: set[int] = set()
        for term in query:
            posting = postings[term]
            for j in _window(posting, i):
                if j != i:
                    votes[j] += 1
            at = bisect.bisect_left(posting, i)  # i is in its own query terms' postings
            chain.update(posting[max(0, at - 1):at] + posting[at + 1:at + 2])
        for j in {j for j, _ in votes.most_common(CANDIDATES)} | chain:
            key = (min(i, j), max(i, j))
            if key not in edges:
                edges[key] = vectors.pair(i, j)
    return edges


def similarity_edges(sources: Sequence[Source],
                     grouping: Grouping | None = None) -> list[tuple[int, int, float]]:
    """(i, j, similarity) for every candidate pair, i < j: the fitted blend of the
    content-terms and names cosines."""
    grouping = grouping or load_grouping()
    alpha = grouping.names_weight
    return [(a, b, (1 - alpha) * t + alpha * n)
            for (a, b), (t, n, _) in sorted(candidate_pairs(Features(sources)).items())]


class _Forest:
    """Union-find over source indices; the smaller index is a group's root."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def root(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: int, b: int) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        found: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            found.setdefault(self.root(i), []).append(i)
        return sorted(found.values(), key=lambda g: (-len(g), g[0]))


def cores(n: int, pairs: dict[tuple[int, int], Pair], grouping: Grouping) -> list[list[int]]:
    """Connected components of the core edges: pairs whose blended similarity reaches the
    threshold, that share enough names and figures, and that enough other sources link to
    both ends or that lead to an end with no other (so no single pair bridges two
    stories)."""
    alpha = grouping.names_weight
    strong = [(a, b) for (a, b), (t, c, shared) in pairs.items()
              if shared >= grouping.shared_names
              and (1 - alpha) * t + alpha * c >= grouping.threshold]
    if grouping.support:
        linked: dict[int, set[int]] = {}
        for a, b in strong:
            linked.setdefault(a, set()).add(b)
            linked.setdefault(b, set()).add(a)
        strong = [(a, b) for a, b in strong if len(linked[a] & linked[b]) >= grouping.support
                  or min(len(linked[a]), len(linked[b])) == 1]
    forest = _Forest(n)
    for a, b in strong:
        forest.join(a, b)
    return forest.groups()


Attachment = tuple[float, float, int]
"""(mean similarity, mean names cosine, group index) of a source to one core."""


def attachments(vectors: Features, pairs: dict[tuple[int, int], Pair],
                groups: list[list[int]], alpha: float) -> dict[int, list[Attachment]]:
    """For each source outside every core: its attachment to each core its candidate
    neighbours belong to, best first. A core's mean, not its best member, decides: a brief
    that shares one figure with one article of another event is far from that event's
    other articles."""
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    alone = {members[0] for members in groups if len(members) == 1}
    targets: dict[int, set[int]] = {i: set() for i in alone}
    for a, b in pairs:
        for me, other in ((a, b), (b, a)):
            if me in alone and other not in alone:
                targets[me].add(group_of[other])
    means: dict[int, tuple[dict[str, float], dict[str, float]]] = {}
    ranked = {}
    for me in sorted(alone):
        scored = []
        for g in sorted(targets[me]):
            if g not in means:
                means[g] = (vectors.terms.mean(groups[g]), vectors.names.mean(groups[g]))
            t = _dot(vectors.terms.vectors[me], means[g][0])
            c = _dot(vectors.names.vectors[me], means[g][1])
            scored.append(((1 - alpha) * t + alpha * c, c, g))
        ranked[me] = sorted(scored, reverse=True)
    return ranked


def mutual_pairs(pairs: dict[tuple[int, int], Pair], alpha: float) -> list[tuple[float, int, int]]:
    """(similarity, i, j) of every two sources that are each other's most similar candidate."""
    best: dict[int, tuple[float, int]] = {}
    for (a, b), (t, c, _) in pairs.items():
        w = (1 - alpha) * t + alpha * c
        for me, other in ((a, b), (b, a)):
            if me not in best or (w, -other) > (best[me][0], -best[me][1]):
                best[me] = (w, other)
    return [(w, a, b) for a, (w, b) in sorted(best.items()) if a < b and best[b][1] == a]


def attach(groups: list[list[int]], ranked: dict[int, list[Attachment]],
           mutual: list[tuple[float, int, int]], grouping: Grouping) -> list[list[int]]:
    """Each source outside every core joins the core it is nearest on average when that
    reaches ``attach``, no other core comes within ``margin``, and it shares names or
    figures with it (wording alone tells one fire from another no better than a guess).
    Two sources still alone that are each other's nearest, at ``pair_threshold``, make a
    story of two (a folder of two versions of one item shares too little to tell rare
    names from common ones). Any other stays a story of its own: a short item that names
    no one fits any story of its kind, and a wrong story gets its false contradictions."""
    forest = _Forest(sum(len(members) for members in groups))
    for members in groups:
        for i in members[1:]:
            forest.join(members[0], i)
    alone = set(ranked)
    for me, scored in sorted(ranked.items()):
        best, second = (*scored, (0.0, 0.0, -1), (0.0, 0.0, -1))[:2]
        if (best[0] >= grouping.attach and best[0] - second[0] >= grouping.margin
                and best[1] > grouping.attach_names):
            forest.join(me, groups[best[2]][0])
            alone.discard(me)
    for w, a, b in mutual:
        if w >= grouping.pair_threshold and a in alone and b in alone:
            forest.join(a, b)
    return forest.groups()


def components(vectors: Features, pairs: dict[tuple[int, int], Pair],
               grouping: Grouping) -> list[list[int]]:
    """Cores, then the sources outside them attached to the core nearest on average, or
    paired."""
    groups = cores(vectors.size, pairs, grouping)
    return attach(groups, attachments(vectors, pairs, groups, grouping.names_weight),
                  mutual_pairs(pairs, grouping.names_weight), grouping)


def _label(members: list[Source]) -> str:
    """The names most of the story's sources use, as they write them."""
    words: Counter[str] = Counter()
    for source in members[:200]:
        own = set(analyse(source.outlet or ""))
        text = f"{source.title or ''}\n{source.text[:1500]}"
        skip = own | _CALENDAR
        words.update(list(dict.fromkeys(w for w in _names(text, _CAPITAL_RUN)
                                        if (terms := analyse(w)) and not set(terms) & skip)))
    common = [w for w, _ in words.most_common(LABEL_TERMS)]
    return ", ".join(common) or (members[0].title or members[0].id)


def group_sources(sources: Sequence[Source], mode: str = "auto",
                  grouping: Grouping | None = None) -> list[Story]:
    """Stories (largest first, ids ``s1``, ``s2``...), each naming its sources in input
    order. ``mode="single"`` makes one story of everything."""
    if mode not in STORY_MODES:
        raise ValueError(f"story mode {mode!r}: use one of {', '.join(STORY_MODES)}")
    if mode == SINGLE or len(sources) < 2:
        groups = [list(range(len(sources)))] if sources else []
    else:
        grouping = grouping or load_grouping()
        vectors = Features(sources)
        groups = components(vectors, candidate_pairs(vectors), grouping)
    return [Story(id=f"s{n}", label=_label([sources[i] for i in group]),
                  sources=[sources[i].id for i in group])
            for n, group in enumerate(groups, start=1)]
