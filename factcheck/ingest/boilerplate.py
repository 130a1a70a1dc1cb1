"""Remove page furniture line by line, keeping a record of every removal.

Works on plain text of any origin (txt, Markdown, HTML extractor output, JSON text), since
scraped copy carries the same junk whatever its format. A line is removed whole or not at
all; the only partial removals are Markdown syntax cuts. Each removal becomes a
``Boilerplate`` (listed as ``Source.removed``) whose span points into ``Document.raw``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.ingest import metadata, patterns
from factcheck.ingest.document import Cut, Document
from factcheck.ingest.lines import Line, kept, split_lines
from factcheck.language.retrieval import IRREGULAR
from factcheck.models import REMOVAL_REASONS, Boilerplate


@dataclass
class Provenance:
    """Who published this copy (and which evidence says so), and what it was taken from."""

    outlet: str | None = None
    rule: str | None = None
    upstream: str | None = None


@dataclass
class Cleaned:
    text: str
    boilerplate: list[Boilerplate]
    title: str | None
    provenance: Provenance

    @property
    def outlet(self) -> str | None:
        return self.provenance.outlet


@dataclass(frozen=True)
class _SourceLine:
    site: str
    view: str
    upstream: bool


def clean(doc: Document) -> Cleaned:
    """The article text of ``doc`` with furniture, title and source lines taken out."""
    lines = split_lines(doc.raw, doc.markup)
    for line in lines:
        line.kind = patterns.classify(line.view)
    found = _mark_source_lines(lines)
    _mark_related_lists(lines)
    _mark_bio(lines)
    title = metadata.mark_header(lines, doc)
    _keep_statements(lines)
    provenance = _provenance(doc, lines, found)
    cuts = _line_cuts(lines) + _markup_in_kept(doc.markup, lines)
    return Cleaned(_assemble(doc.raw, cuts), _listed(doc.raw, cuts), title, provenance)


def _provenance(doc: Document, lines: list[Line], found: list[_SourceLine]) -> Provenance:
    """Outlet from the input's metadata, its URL, a dateline credit, or - on a scraped copy
    that still carries the site's paywall text - its 'Source:' line. 'Read at', 'Original
    Source', 'via' lines (and a 'Source:' line that did not decide the outlet) name the
    upstream article instead."""
    named = next((f for f in found if f.upstream), None)
    plain = next((f for f in found if not f.upstream), None)
    scraped = plain is not None and any(line.kind == "paywall" for line in lines)
    agency = metadata.dateline_agency(lines)
    if doc.outlet:
        outlet, rule = doc.outlet, "the input's own metadata (outlet / site name)"
    elif doc.url and (host := patterns.source_site(f"Source: {doc.url}")):
        outlet, rule = host, f"the input's URL ({doc.url})"
    elif agency:
        outlet, rule = agency, f"the dateline credit '({agency})'"
    elif scraped and plain is not None:
        outlet, rule = plain.site, (f"'{plain.view}' on a scraped copy that still carries "
                                    "the site's paywall text")
    else:
        outlet, rule = None, None
    upstream = named or (plain if plain is not None and plain.site != outlet else None)
    return Provenance(outlet, rule, upstream.site if upstream else None)


# A statement: a finite verb among at least four words ("The council approved the plan.").
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|should"
    r"|said|says|did|does|do|got|laid|told|[a-z]{3,}(?:ed|es))\b", re.IGNORECASE)
# Furniture kinds that are certain whatever else the file holds: never restored.
_CERTAIN = frozenset({"markup", "paywall", "copyright", "source_line"})


def has_statement(text: str) -> bool:
    """True when ``text`` reads as a sentence saying something (a verb among 4+ words)."""
    if len(text.split()) < 4:
        return False
    return bool(_VERB.search(text)) or any(w in IRREGULAR for w in text.lower().split())


def _keep_statements(lines: list[Line]) -> None:
    """A short input is content, not furniture: when every line with a statement was
    marked, the uncertain marks (bio, UI text, notices) on those lines are lifted."""
    if any(line.kind is None and has_statement(line.view) for line in lines):
        return
    for line in lines:
        if line.kind not in _CERTAIN and has_statement(line.view):
            line.kind = None


def _mark_source_lines(lines: list[Line]) -> list[_SourceLine]:
    """Tag 'Source: site' / 'Read at site' lines; return the sites they name, in order."""
    found = []
    for line in kept(lines):
        site = patterns.source_site(line.view)
        if site:
            line.kind = "source_line"
            found.append(_SourceLine(site, line.view, patterns.names_upstream(line.view)))
    return found


def _mark_related_lists(lines: list[Line]) -> None:
    """Link titles listed under a 'Related:' / 'Read more:' header go with the header."""
    in_list = False
    for line in lines:
        if line.kind == "related_link":
            in_list = line.view.endswith(":")
        elif in_list and line.kind is None and _link_like(line.view):
            line.kind = "related_link"
        else:
            in_list = False


def _link_like(view: str) -> bool:
    return len(view.split()) <= 20 and not view.endswith((".", "!", "?", '"', "\u201d"))


def _mark_bio(lines: list[Line]) -> None:
    """An author bio is the last prose of the page: '<Name> is a ... reporter ...'.

    Walks back from the end over paragraphs that continue a bio ('She previously ...')
    until it meets a bio opening; any other paragraph means there is no closing bio.
    """
    rest = kept(lines)
    for i in range(len(rest) - 1, -1, -1):
        if _bio_opening(rest[i].view):
            for line in rest[i:]:
                line.kind = "author_bio"
            return
        if not _bio_follow(rest[i].view):
            return


def _bio_opening(view: str) -> bool:
    first = re.split(r"(?<=[.!?])\s+", view, maxsplit=1)[0]
    return bool(patterns.BIO_OPENING.match(view)) and bool(patterns.JOURNALIST.search(first))


def _bio_follow(view: str) -> bool:
    """Later bio paragraphs talk about the same person: 'She previously ...'."""
    return bool(re.match(r"(He|She|They|His|Her|Their)\b", view)) and len(view) < 600


def _line_cuts(lines: list[Line]) -> list[Cut]:
    return [Cut(line.start, line.end, line.kind) for line in lines if line.kind is not None]


def _markup_in_kept(markup: list[Cut], lines: list[Line]) -> list[Cut]:
    """Markup cuts inside removed lines are already covered by the line's own entry."""
    removed = [(x.start, x.end) for x in lines if x.kind is not None]
    return [c for c in markup if all(c.end <= s or c.start >= e for s, e in removed)]


def _assemble(raw: str, cuts: list[Cut]) -> str:
    """Raw minus cuts; a line cut away whole takes its newline along, leaving no gap."""
    pieces: list[str] = []
    pos = 0
    for cut in sorted(cuts, key=lambda c: c.start):
        pieces.append(raw[pos:cut.start])
        pos = max(pos, _through_newline(raw, cut))
    pieces.append(raw[pos:])
    text = "\n".join(line.strip() for line in "".join(pieces).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _through_newline(raw: str, cut: Cut) -> int:
    line_start = raw.rfind("\n", 0, cut.start) + 1
    line_end = raw.find("\n", cut.end)
    line_end = len(raw) if line_end < 0 else line_end
    whole = not raw[line_start:cut.start].strip() and not raw[cut.end:line_end].strip()
    return min(line_end + 1, len(raw)) if whole else cut.end


def _listed(raw: str, cuts: list[Cut]) -> list[Boilerplate]:
    entries = [Boilerplate(kind=c.kind, reason=REMOVAL_REASONS.get(c.kind, c.kind),
                           text=raw[c.start:c.end], span=(c.start, c.end))
               for c in cuts if c.listed]
    return sorted(entries, key=lambda b: b.span)
