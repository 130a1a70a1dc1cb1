"""One self-contained HTML file a person reads on a laptop or a phone, offline.

Everything (CSS, JS, the lineage graph as inline SVG) is inlined; nothing is fetched. Every
piece of article text goes through jinja2's autoescape, because articles are untrusted input.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TextIO

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from factcheck.models import Claim, Report, Source, Stance, Story
from factcheck.render.findings import findings, name_sources
from factcheck.render.view import (
    FLAG_LABELS,
    FLAG_ORDER,
    STANCE_SYMBOLS,
    VERDICT_LABELS,
    Item,
    Passages,
    StorySources,
    build_items,
    review_verdict,
    short_ids,
    short_item_ids,
    source_label,
)

TEMPLATE = "report.html.j2"
MAX_CARDS = 1000
MAX_CELLS = 200_000
_ROW, _TOP, _NODE_X_MIN = 44, 28, 60


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    x: int
    y: int


@dataclass(frozen=True)
class Edge:
    path: str
    title: str


@dataclass
class Segment:
    """A run of a source's cleaned text: plain, or the span of one or more (overlapping) claims."""

    text: str
    claims: list[str] = field(default_factory=list)
    anchor: str = ""
    item: str = ""


def environment() -> Environment:
    """Autoescape always on (templates end in .j2, so select_autoescape would miss them)."""
    env = Environment(loader=PackageLoader("factcheck.render", "templates"),
                      autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["pct"] = lambda value: f"{value:.0%}"
    return env


def render_html(report: Report, items: list[Item] | None = None) -> str:
    """The page as one string (``write_html`` streams it to a file instead)."""
    return "".join(_chunks(report, items))


def write_html(report: Report, out: TextIO, items: list[Item] | None = None) -> None:
    """The page written piece by piece as the template produces it; ``items`` are
    ``build_items(report)`` when already built."""
    for chunk in _chunks(report, items):
        out.write(chunk)


def _chunks(report: Report, items: list[Item] | None) -> Iterator[str]:
    env = environment()
    return env.get_template(TEMPLATE).generate(
        css=_asset(env, "report.css"), js=_asset(env, "report.js"), **_context(report, items))


def _context(report: Report, built: list[Item] | None = None) -> dict[str, Any]:
    """Everything the template shows, computed here so the template only lays it out.

    A very large run shows its ``MAX_CARDS`` most urgent facts (the counts stay those of
    the whole run, and a notice says where the rest is) and a matrix of at most
    ``MAX_CELLS`` cells: one page of hundreds of megabytes helps nobody.
    """
    every = build_items(report) if built is None else built
    items = every[:MAX_CARDS]
    sources = {s.id: s for s in report.sources}
    nodes, edges, height = lineage_graph(report)
    segments = source_segments(report, items)
    spans = Passages(report.sources)
    tables = matrices(report, items)
    return dict(
        report=report, items=items, flagged=[i for i in items if i.needs_review],
        others=[i for i in items if not i.needs_review],
        more_flagged=[i for i in every[MAX_CARDS:] if i.needs_review],
        matrices=tables, matrix_rows=sum(len(t.rows) for t in tables),
        total_facts=len(every), total_flagged=sum(1 for i in every if i.needs_review),
        passages={i.id: spans.of(i.lead) for i in items},
        labels=short_ids(report.sources), short=short_item_ids(every, report.sources),
        names={k: source_label(s) for k, s in sources.items()},
        flag_counts=_flag_counts(every), flag_labels=FLAG_LABELS, verdict_labels=VERDICT_LABELS,
        symbols=STANCE_SYMBOLS, silent=Stance.silent, nodes=nodes, edges=edges, graph_height=height,
        reviewed=sum(1 for c in report.claims if c.review is not None),
        safe_url=safe_url, review_verdict=review_verdict, item_sources=item_sources,
        derived={x.source_id: x.derived_from for x in report.lineage},
        named=partial(name_sources, labels=_readable_labels(report)),
        findings={f.fact_id: f.text for f in findings(report)},
        segments=segments, span_ids={c: seg.anchor for runs in segments.values()
                                     for seg in runs for c in seg.claims},
    )


@dataclass
class Matrix:
    """One story's 'who says what' table: its sources as columns, its facts as rows."""

    story: Story | None
    columns: list[Source]
    rows: list[Item] = field(default_factory=list)


def matrices(report: Report, items: list[Item]) -> list[Matrix]:
    """A table per story (one table when the run has a single story or none), filled in
    the items' order until ``MAX_CELLS`` cells are used (at least one row is shown)."""
    groups = StorySources(report)
    tables = {story.id: Matrix(story, groups.of(story.id)) for story in report.stories}
    if len(tables) < 2:
        tables = {"": Matrix(None, report.sources)}
    cells = 0
    for item in items:
        table = tables.get(item.story or "") or next(iter(tables.values()))
        if cells and cells + len(table.columns) > MAX_CELLS:
            break
        cells += len(table.columns)
        table.rows.append(item)
    return [t for t in tables.values() if t.rows]


def _readable_labels(report: Report) -> dict[str, str]:
    """Source id -> its column label, with the outlet when known, for sentences."""
    short = short_ids(report.sources)
    return {s.id: f"{short[s.id]} ({s.outlet})" if s.outlet else short[s.id]
            for s in report.sources}


def _anchor(claim_id: str) -> str:
    return "span-" + re.sub(r"[^\w-]", "-", claim_id)


def source_segments(report: Report, items: list[Item]) -> dict[str, list[Segment]]:
    """Each source's full text cut at its claims' spans (one pass over the claims)."""
    item_of = {c.id: f"item-{i.id}" for i in items for c in i.members}
    by_source: dict[str, list[Claim]] = {s.id: [] for s in report.sources}
    for claim in report.claims:
        by_source.setdefault(claim.source_id, []).append(claim)
    return {s.id: _segments(s.text, by_source[s.id], item_of) for s in report.sources}


def _segments(text: str, claims: list[Claim], item_of: dict[str, str]) -> list[Segment]:
    """Plain runs and claim spans in text order; overlapping spans share one mark."""
    out: list[Segment] = []
    at = 0
    for claim in sorted((c for c in claims if c.span[1] <= len(text)), key=lambda c: c.span):
        start, end = claim.span
        if out and out[-1].claims and start < at:  # overlaps the previous mark: extend it
            out[-1].text += text[at:max(at, end)]
            out[-1].claims.append(claim.id)
            at = max(at, end)
            continue
        if start > at:
            out.append(Segment(text[at:start]))
        out.append(Segment(text[start:end], [claim.id], _anchor(claim.id),
                           item_of.get(claim.id, "")))
        at = end
    if at < len(text):
        out.append(Segment(text[at:]))
    return out


def _asset(env: Environment, name: str) -> Markup:
    """A static CSS/JS file from the templates folder, inlined verbatim (it is ours)."""
    assert env.loader is not None
    return Markup(env.loader.get_source(env, name)[0])


def _flag_counts(items: list[Item]) -> list[tuple[str, str, int]]:
    counts = Counter(k for i in items for k in i.flag_kinds)
    return [(k.value, FLAG_LABELS[k], counts[k]) for k in FLAG_ORDER if counts[k]]


def item_sources(item: Item) -> list[str]:
    """Sources an item concerns: those stating it and those contradicting it."""
    involved = {s for s, stance in item.stances.items() if stance.value in ("states",
                                                                             "contradicts")}
    return sorted(involved | set(item.stating))


def safe_url(url: str | None) -> str | None:
    """Only http(s) links: a ``javascript:`` URL in an article's metadata must not be a link."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def lineage_graph(report: Report) -> tuple[list[Node], list[Edge], int]:
    """An arc diagram: sources stacked vertically, an arc from each derived source to its origin."""
    labels = short_ids(report.sources)
    span = max((_distance(report, link.source_id, link.derived_from)
                for link in report.lineage), default=0)
    x = _NODE_X_MIN + min(span, 8) * 14
    nodes = [Node(s.id, " · ".join(filter(None, (labels[s.id], s.outlet))), x, _TOP + n * _ROW)
             for n, s in enumerate(report.sources)]
    at = {node.id: node for node in nodes}
    edges = [Edge(_arc(at[link.source_id], at[link.derived_from]),
                  f"{labels[link.source_id]} derived from {labels[link.derived_from]} "
                  f"(score {link.score:.2f})")
             for link in report.lineage if link.source_id in at and link.derived_from in at]
    return nodes, edges, _TOP * 2 + max(len(nodes) - 1, 0) * _ROW


def _distance(report: Report, a: str, b: str) -> int:
    ids = [s.id for s in report.sources]
    return abs(ids.index(a) - ids.index(b)) if a in ids and b in ids else 0


def _arc(start: Node, end: Node) -> str:
    """A curve bulging left, from the derived source to just short of the original's node."""
    bulge = start.x - 14 - min(abs(start.y - end.y) // _ROW, 8) * 14
    direction = 1 if end.y > start.y else -1
    return (f"M {start.x - 9} {start.y} C {bulge} {start.y}, {bulge} {end.y}, "
            f"{end.x - 11} {end.y - direction * 2}")

