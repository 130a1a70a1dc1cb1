"""What every human-readable format shows, computed once: items, stances, labels, ordering.

An *item* is one fact: a cluster when the analysis made clusters, else a lone claim. Both
the Markdown and the HTML report walk the same items in the same order, so they agree.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace

from factcheck.aggregate import flagged_claim_ids, machine_verdict, needs_review
from factcheck.language.text import paragraphs
from factcheck.models import (
    Check,
    Claim,
    Cluster,
    Decision,
    Flag,
    FlagKind,
    Report,
    Source,
    Span,
    Stance,
    Verdict,
)
from factcheck.render.diff import Piece, word_diff

# Most urgent first: a person should look at a contradiction before a lone claim.
FLAG_ORDER: tuple[FlagKind, ...] = (
    FlagKind.contradicted, FlagKind.numeric_discrepancy, FlagKind.entity_mismatch,
    FlagKind.added_in_derivative, FlagKind.attribution_drift, FlagKind.hedging_drift,
    FlagKind.single_source, FlagKind.off_topic,
)
FLAG_LABELS: dict[FlagKind, str] = {
    FlagKind.contradicted: "contradicted", FlagKind.numeric_discrepancy: "numbers differ",
    FlagKind.entity_mismatch: "entity mismatch", FlagKind.attribution_drift: "attribution drift",
    FlagKind.hedging_drift: "hedging drift", FlagKind.single_source: "single source",
    FlagKind.off_topic: "off topic", FlagKind.added_in_derivative: "added in derivative",
}
VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.supported: "supported", Verdict.partially_supported: "partly supported",
    Verdict.contradicted: "contradicted", Verdict.not_mentioned: "not mentioned",
}
STANCE_SYMBOLS: dict[Stance, str] = {
    Stance.states: "●", Stance.supports: "✓", Stance.partially_supports: "◐",
    Stance.contradicts: "✗", Stance.silent: "·",
}
_STANCE_OF: dict[Verdict, Stance] = {
    Verdict.supported: Stance.supports, Verdict.partially_supported: Stance.partially_supports,
    Verdict.contradicted: Stance.contradicts, Verdict.not_mentioned: Stance.silent,
}
_VERDICT_OF: dict[Stance, Verdict] = {stance: verdict for verdict, stance in _STANCE_OF.items()}


@dataclass(frozen=True)
class Evidence:
    """What one other source says about an item: its own wording, or a check's evidence."""

    source: Source
    stance: Stance
    verdict: Verdict | None
    text: str | None
    note: str | None = None
    states: bool = False
    """True when the text is the source's own claim of the fact, not a check's evidence."""
    pieces: tuple[Piece, ...] = ()
    """For a conflict: ``text`` word by word, marked where it differs from the lead claim."""


@dataclass(frozen=True)
class Passage:
    """A claim's quote inside its paragraph, split so the quote can be highlighted."""

    before: str
    quote: str
    after: str


@dataclass
class Item:
    id: str
    canonical: str
    lead: Claim
    members: list[Claim]
    flags: list[Flag]
    stances: dict[str, Stance]
    independent: int | None = None
    priority: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)
    story: str | None = None
    """The story (``Report.stories``) the fact belongs to, when the run split the inputs."""
    lead_pieces: list[Piece] = field(default_factory=list)
    """The lead claim's quote marked where it differs from the first conflicting evidence."""
    unchecked: int = 0
    """Sources of its story with nothing on the fact that were never checked against it
    (not among the lead claim's candidates): ``not_mentioned`` is implied, no row shown."""

    @property
    def cells(self) -> dict[str, Stance]:
        """The matrix row: the lead's source states it; a source whose own wording or
        evidence conflicts with the lead is ✗ even when it also states the fact."""
        row = {s: Stance.silent for s in self.stances}
        row[self.lead.source_id] = Stance.states
        for ev in self.evidence:
            conflict = ev.stance is Stance.contradicts
            row[ev.source.id] = (Stance.contradicts if conflict else
                                 Stance.states if ev.states else ev.stance)
        return row

    @property
    def needs_review(self) -> bool:
        """The one definition of a flagged fact (``aggregate.needs_review``)."""
        return needs_review(self.flags)

    @property
    def flag_kinds(self) -> list[FlagKind]:
        kinds = {f.kind for f in self.flags}
        return [k for k in FLAG_ORDER if k in kinds]

    @property
    def stating(self) -> list[str]:
        """Ids of the sources whose own claims state this fact."""
        return sorted({c.source_id for c in self.members})

    @property
    def reviewed(self) -> list[Claim]:
        return [c for c in self.members if c.review is not None]


def review_verdict(claim: Claim) -> Verdict | None:
    """The verdict a person settled on, or None when there is no settled human verdict."""
    review = claim.review
    if review is None or review.decision not in (Decision.confirm, Decision.set_verdict):
        return None
    return review.verdict or review.machine_verdict or machine_verdict(claim)


def short_ids(sources: list[Source]) -> dict[str, str]:
    """Short labels for columns: the id's prefix before '_' when that is unique, else the id."""
    prefixes = {s.id: s.id.split("_", 1)[0] for s in sources}
    if len(set(prefixes.values())) == len(prefixes):
        return prefixes
    return {s.id: s.id for s in sources}


def short_item_ids(items: list[Item], sources: list[Source]) -> dict[str, str]:
    """Item id -> a short form: a claim id's source part shortened like its column label."""
    labels = short_ids(sources)
    short = {}
    for item in items:
        source, _, rest = item.id.partition("#")
        short[item.id] = f"{labels[source]}#{rest}" if rest and source in labels else item.id
    return short


class StorySources:
    """Each story's sources in input order: an item's stances and evidence cover its own
    story only, so a report's size grows with each story's size, not the whole input's."""

    def __init__(self, report: Report) -> None:
        self.all = report.sources
        by_id = self.by_id = {s.id: s for s in report.sources}
        self.position = {s.id: n for n, s in enumerate(report.sources)}
        """Input order, which is also each story's order of its sources."""
        self.story_of = {sid: story.id for story in report.stories for sid in story.sources}
        self.members = {story.id: [by_id[sid] for sid in story.sources if sid in by_id]
                        for story in report.stories}

    def of(self, story: str | None) -> list[Source]:
        """The sources of ``story`` (every source when the run has no stories)."""
        return self.members.get(story or "", self.all)


def build_items(report: Report) -> list[Item]:
    """Clusters (plus claims no cluster holds) as items, most in need of a person first."""
    by_id = {c.id: c for c in report.claims}
    groups = StorySources(report)
    maybe = [_cluster_item(k, by_id, groups) for k in report.clusters]
    items = [i for i in maybe if i is not None]
    clustered = {cid for k in report.clusters for cid in k.claim_ids}
    items += [_claim_item(c, groups) for c in report.claims if c.id not in clustered]
    for item in items:
        item.story = item.story or groups.story_of.get(item.lead.source_id)
        found = _evidence(item, groups)
        item.evidence = [_with_diff(item, ev) for ev in found]
        item.unchecked = len(item.stances) - 1 - len(found)
        item.lead_pieces = _lead_diff(item)
    order = {item.id: n for n, item in enumerate(items)}
    return sorted(items, key=lambda i: (not i.needs_review, not i.flags, -i.priority,
                                        _severity(i), order[i.id]))


def _severity(item: Item) -> int:
    kinds = item.flag_kinds
    return FLAG_ORDER.index(kinds[0]) if kinds else len(FLAG_ORDER)


def _cluster_item(cluster: Cluster, by_id: dict[str, Claim],
                  groups: StorySources) -> Item | None:
    members = [by_id[c] for c in cluster.claim_ids if c in by_id]
    if not members:
        return None
    lead = next((c for c in members if c.text == cluster.canonical), members[0])
    flags = _unique_flags([*cluster.flags, *_member_flags(cluster, members)])
    story = cluster.story or groups.story_of.get(lead.source_id)
    stances = dict.fromkeys((s.id for s in groups.of(story)), Stance.silent)
    stances.update((k, v) for k, v in cluster.stances.items() if k in stances)
    return Item(cluster.id, cluster.canonical, lead, members, flags, stances,
                cluster.independent_sources, cluster.priority, story=cluster.story)


def _member_flags(cluster: Cluster, members: list[Claim]) -> list[Flag]:
    """Member claims' flags of kinds the cluster does not already explain in its own words."""
    explained = {f.kind for f in cluster.flags}
    return [f for c in members for f in c.flags if f.kind not in explained]


def _claim_item(claim: Claim, groups: StorySources) -> Item:
    stances = dict.fromkeys((s.id for s in groups.of(groups.story_of.get(claim.source_id))),
                            Stance.silent)
    stances.update((c.source_id, _STANCE_OF[c.verdict]) for c in claim.checks
                   if c.source_id in stances and c.source_id != claim.source_id)
    if claim.source_id in stances:
        stances[claim.source_id] = Stance.states
    return Item(claim.id, claim.text, claim, [claim], _unique_flags(claim.flags), stances)


def _unique_flags(flags: list[Flag]) -> list[Flag]:
    seen: set[tuple[FlagKind, str]] = set()
    kept = []
    for flag in flags:
        if (flag.kind, flag.reason) not in seen:
            seen.add((flag.kind, flag.reason))
            kept.append(flag)
    return sorted(kept, key=lambda f: FLAG_ORDER.index(f.kind))


def _evidence(item: Item, groups: StorySources) -> list[Evidence]:
    """Each source of the story other than the lead's, in input order: its own member
    claim, else the lead's check; a source with neither and no stance was never checked
    (implied silent). Only those sources are visited, not the whole story per item."""
    own = {c.source_id: c for c in reversed(item.members)}
    checks = {c.source_id: c for c in item.lead.checks}
    said = {s for s, stance in item.stances.items() if stance is not Stance.silent}
    shown = [sid for sid in own.keys() | checks.keys() | said
             if sid in item.stances and sid != item.lead.source_id]
    rows = []
    for sid in sorted(shown, key=groups.position.__getitem__):
        source, stance = groups.by_id[sid], item.stances[sid]
        if sid in own:
            rows.append(_from_member(source, own[sid], stance, checks.get(sid)))
        else:
            rows.append(_from_check(source, checks.get(sid), stance))
    return rows


def _from_member(source: Source, claim: Claim, stance: Stance, check: Check | None) -> Evidence:
    """A member states the fact in its own words; the lead's check says how well they agree."""
    if stance is not Stance.contradicts and check and check.verdict != Verdict.not_mentioned:
        stance = _STANCE_OF[check.verdict]
    verdict = _VERDICT_OF.get(stance)
    return Evidence(source, stance, verdict, claim.quote, _said_by(claim), states=True)


def _from_check(source: Source, check: Check | None, stance: Stance) -> Evidence:
    if check is None:
        return Evidence(source, stance, _VERDICT_OF.get(stance), None,
                        states=stance is Stance.states)
    return Evidence(source, _STANCE_OF[check.verdict], check.verdict, check.evidence,
                    check.rationale)


def _keys(item: Item, source_id: str) -> tuple[list[str], list[str]]:
    """The recorded points of conflict between the lead and a source: figures that disagree
    (either side's check) and each side's wording of a mismatched name."""
    lead, other = item.lead, item.lead.source_id
    mine: list[str] = []
    theirs: list[str] = []
    for check in lead.checks:
        if check.source_id == source_id:
            mine += [f.claim for f in check.figures if not f.agrees]
            theirs += [f.other for f in check.figures if not f.agrees]
    for member in item.members:
        for check in member.checks if member.source_id == source_id else []:
            if check.source_id == other:
                theirs += [f.claim for f in check.figures if not f.agrees]
                mine += [f.other for f in check.figures if not f.agrees]
    for flag in item.flags:
        if flag.kind is FlagKind.entity_mismatch:
            mine += [flag.wording[other]] if other in flag.wording else []
            theirs += [flag.wording[source_id]] if source_id in flag.wording else []
    return mine, theirs


def _with_diff(item: Item, ev: Evidence) -> Evidence:
    if ev.stance is not Stance.contradicts or not ev.text:
        return ev
    mine, theirs = _keys(item, ev.source.id)
    _, pieces = word_diff(item.lead.quote, ev.text, mine, theirs)
    return replace(ev, pieces=tuple(pieces))


def _lead_diff(item: Item) -> list[Piece]:
    ev = next((e for e in item.evidence if e.pieces and e.text), None)
    if ev is None or ev.text is None:
        return []
    mine, theirs = _keys(item, ev.source.id)
    return word_diff(item.lead.quote, ev.text, mine, theirs)[0]


def _said_by(claim: Claim) -> str | None:
    who = claim.attribution
    if not who.speaker:
        return None
    return f"said by {who.speaker}" + (f", {who.role}" if who.role else "")


class Passages:
    """Each source's paragraphs, split once; a claim's passage is then a binary search.

    Splitting the whole source again for every claim made rendering quadratic in the
    input: a 2 MB article with 12,000 claims took minutes.
    """

    def __init__(self, sources: list[Source]) -> None:
        self._sources = {s.id: s for s in sources}
        self._spans: dict[str, tuple[list[Span], list[int]]] = {}

    def of(self, claim: Claim) -> Passage:
        """The paragraph(s) holding the claim's quote, split around the quote."""
        return self.around(claim, self._sources.get(claim.source_id))

    def around(self, claim: Claim, source: Source | None) -> Passage:
        if source is None or claim.span[1] > len(source.text):
            return Passage("", claim.quote, "")
        spans, starts = self._split(source)
        start, end = claim.span
        first = max(bisect_right(starts, start) - 1, 0)
        held = [p for p in spans[first:bisect_left(starts, end)] if p[0] < end and p[1] > start]
        lo = min([start, *(p[0] for p in held)])
        hi = max([end, *(p[1] for p in held)])
        text = source.text
        return Passage(text[lo:start], text[start:end], text[end:hi])

    def _split(self, source: Source) -> tuple[list[Span], list[int]]:
        if source.id not in self._spans:
            spans = paragraphs(source.text)
            self._spans[source.id] = (spans, [p[0] for p in spans])
        return self._spans[source.id]


def passage(claim: Claim, source: Source | None) -> Passage:
    """The paragraph(s) holding one claim's quote (for many claims, use ``Passages``)."""
    return Passages([source] if source else []).around(claim, source)


def claim_counts(report: Report) -> tuple[Counter[str], Counter[str]]:
    """Per source id: its claims, and those that need review (one pass over the claims)."""
    flagged = flagged_claim_ids(report.claims, report.clusters)
    claims = Counter(c.source_id for c in report.claims)
    return claims, Counter(c.source_id for c in report.claims if c.id in flagged)


def source_label(source: Source) -> str:
    """How a person recognises a source: outlet and title when known."""
    parts = [p for p in (source.outlet, source.title) if p]
    return " — ".join(parts) if parts else source.path
