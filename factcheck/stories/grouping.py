"""Story grouping: rarity-weighted term vectors, a bounded neighbour search, components.

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
    """Similarity two sources need to belong to one story."""
    names_weight: float
    """Share of the names-and-figures cosine in the similarity (the rest: all terms)."""
    attach: float
    """Similarity a source left alone needs to its best neighbour to join that story."""
    margin: float
    """How far that neighbour's story must stand above every other story."""
    fitted_on: str = ""


@lru_cache(maxsize=1)
def load_grouping() -> Grouping:
    raw = json.loads(resources.files("factcheck.stories").joinpath("data", "grouping.json")
                     .read_text(encoding="utf-8"))
    return Grouping(threshold=float(raw["threshold"]), names_weight=float(raw["names_weight"]),
                    attach=float(raw["attach"]), margin=float(raw["margin"]),
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
    """Unit tf-idf vectors (sublinear tf) of one kind of feature of every source."""

    def __init__(self, counts: Sequence[Counter[str]]) -> None:
        self.df: Counter[str] = Counter(t for c in counts for t in c)
        n = len(counts)
        self.vectors = [self._unit({t: (1 + math.log(k)) * math.log(1 + n / self.df[t])
                                    for t, k in c.items()}) for c in counts]

    @staticmethod
    def _unit(vector: dict[str, float]) -> dict[str, float]:
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {t: w / norm for t, w in vector.items()}

    def cosine(self, a: int, b: int) -> float:
        va, vb = self.vectors[a], self.vectors[b]
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(w * vb.get(t, 0.0) for t, w in va.items())

    def query(self, i: int, size: int) -> list[str]:
        """The source's most distinctive terms that another source also holds."""
        shared = ((w, t) for t, w in self.vectors[i].items() if self.df[t] > 1)
        return [t for _, t in heapq.nlargest(size, shared)]


class _Features:
    """Both kinds of vectors, and the similarity the grouping thresholds."""

    def __init__(self, sources: Sequence[Source]) -> None:
        pairs = [features(s) for s in sources]
        self.terms = _Vectors([t for t, _ in pairs])
        self.names = _Vectors([n for _, n in pairs])

    def similarity(self, a: int, b: int) -> tuple[float, float]:
        return self.terms.cosine(a, b), self.names.cosine(a, b)

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


def candidate_pairs(sources: Sequence[Source]) -> dict[tuple[int, int], tuple[float, float]]:
    """(i, j) -> (terms cosine, names cosine) for every candidate pair found, i < j: each
    source's ``CANDIDATES`` most-voted neighbours, plus its neighbours in input order along
    each query term's postings (so near-duplicates cannot crowd out the rest of a story)."""
    vectors = _Features(sources)
    queries = [vectors.query(i) for i in range(len(sources))]
    postings = _postings(queries)
    edges: dict[tuple[int, int], tuple[float, float]] = {}
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
                edges[key] = vectors.similarity(i, j)
    return edges


def similarity_edges(sources: Sequence[Source],
                     grouping: Grouping | None = None) -> list[tuple[int, int, float]]:
    """(i, j, similarity) for every candidate pair, i < j: the fitted blend of the
    content-terms and names cosines."""
    grouping = grouping or load_grouping()
    alpha = grouping.names_weight
    return [(a, b, (1 - alpha) * t + alpha * n)
            for (a, b), (t, n) in sorted(candidate_pairs(sources).items())]


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


def components(n: int, edges: list[tuple[int, int, float]], grouping: Grouping) -> list[list[int]]:
    """Connected components of the edges at or above the threshold; then each source
    left alone joins the story of its best neighbour when that reaches ``attach`` and no
    other story comes within ``margin`` of it (a short item naming no one fits any story
    of its kind, so it only joins an unambiguous one)."""
    forest = _Forest(n)
    for a, b, w in edges:
        if w >= grouping.threshold:
            forest.join(a, b)
    alone = {g[0] for g in forest.groups() if len(g) == 1}
    best: dict[int, dict[int, float]] = {i: {} for i in alone}
    for a, b, w in edges:
        for me, other in ((a, b), (b, a)):
            if me in alone:
                story = forest.root(other)
                best[me][story] = max(best[me].get(story, 0.0), w)
    for me in sorted(alone):
        ranked = [*sorted(best[me].values(), reverse=True), 0.0, 0.0]
        if ranked[0] >= grouping.attach and ranked[0] - ranked[1] >= grouping.margin:
            story = max(best[me], key=lambda k: (best[me][k], -k))
            forest.join(me, story)
    return forest.groups()


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
        groups = components(len(sources), similarity_edges(sources, grouping), grouping)
    return [Story(id=f"s{n}", label=_label([sources[i] for i in group]),
                  sources=[sources[i].id for i in group])
            for n, group in enumerate(groups, start=1)]
