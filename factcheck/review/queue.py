"""What a person should review, most important first, with filters and progress.

An item is a claim that carries a flag that needs review (``aggregate.needs_review``), on
itself or on a cluster it belongs to: the queue's length is the report's ``flagged_claims``.
The order puts claims of higher-priority clusters first, then the weightier flags, then the
stronger contradicting evidence, then report order; so it is stable for the same run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from factcheck.aggregate import WEIGHTS, machine_verdict, needs_review
from factcheck.models import Claim, Decision, Flag, Report, Source, Verdict
from factcheck.render.report import load_report
from factcheck.store import Store

STATES = ("all", "pending", "reviewed", *(d.value for d in Decision if d is not Decision.undo))


@dataclass(frozen=True)
class Filters:
    """Narrow the queue: by flag kind, source id, decision state (see ``STATES``), words."""

    flag: str = ""
    source: str = ""
    state: str = "all"
    text: str = ""
    """Words that must all appear in the claim, its quote, its source or its flags' reasons."""

    def admits(self, item: QueueItem) -> bool:
        if self.flag and self.flag not in {f.kind.value for f in item.flags}:
            return False
        if self.text and not _has_words(item, self.text):
            return False
        if self.source and item.source.id != self.source:
            return False
        return _state_matches(self.state, item)


def _has_words(item: QueueItem, text: str) -> bool:
    haystack = " ".join([item.claim.text, item.claim.quote, item.source.id,
                         item.source.outlet or "", *(f.reason for f in item.flags)]).lower()
    return all(word in haystack for word in text.lower().split())


def _state_matches(state: str, item: QueueItem) -> bool:
    review = item.claim.review
    if state == "pending":
        return review is None
    if state == "reviewed":
        return review is not None
    if state in Decision.__members__:
        return review is not None and review.decision.value == state
    return True


@dataclass
class QueueItem:
    claim: Claim
    source: Source
    flags: list[Flag]
    priority: float
    machine: Verdict | None = None
    version: int = 0
    rank: int = 0

    @property
    def reviewed(self) -> bool:
        return self.claim.review is not None


@dataclass
class Queue:
    report: Report
    run_id: int
    items: list[QueueItem] = field(default_factory=list)

    def filtered(self, filters: Filters) -> list[QueueItem]:
        return [item for item in self.items if filters.admits(item)]

    def progress(self) -> tuple[int, int]:
        """(reviewed, total) over the whole queue, whatever the filters."""
        return sum(1 for item in self.items if item.reviewed), len(self.items)

    def find(self, claim_id: str) -> QueueItem | None:
        return next((item for item in self.items if item.claim.id == claim_id), None)

    def next_pending(self, after: str | None, filters: Filters = Filters()) -> QueueItem | None:
        """The first unreviewed item after ``after`` in filtered order, wrapping around."""
        items = self.filtered(filters)
        ids = [item.claim.id for item in items]
        start = ids.index(after) + 1 if after in ids else 0
        ordered = items[start:] + items[:start]
        return next((item for item in ordered if not item.reviewed), None)

    def flag_counts(self) -> Counter[str]:
        return Counter(f.kind.value for item in self.items for f in item.flags)


def load_queue(store: Store) -> Queue:
    """The review queue of the store's latest run, with each item's history length."""
    run_id = store.latest_run_id()
    report = load_report(store, run_id)
    counts = Counter(str(row["claim_id"]) for row in store.decision_rows())
    queue = Queue(report=report, run_id=run_id, items=build_items(report))
    for item in queue.items:
        item.version = counts.get(item.claim.id, 0)
    return queue


def build_items(report: Report) -> list[QueueItem]:
    """Flagged claims in review order, ranked from 1."""
    sources = {s.id: s for s in report.sources}
    cluster_flags, cluster_priority = _cluster_index(report)
    items: list[tuple[tuple[float, ...], QueueItem]] = []
    for position, claim in enumerate(report.claims):
        flags = _dedupe([*claim.flags, *cluster_flags.get(claim.id, [])])
        if not needs_review(flags) or claim.source_id not in sources:
            continue
        weight = sum(WEIGHTS[kind] for kind in {f.kind for f in flags})
        strength = _contradiction_strength(claim)
        key = (-cluster_priority.get(claim.id, 0.0), -weight, -strength, float(position))
        items.append((key, QueueItem(claim, sources[claim.source_id], flags,
                                     round(weight + strength, 3), machine_verdict(claim))))
    ordered = [item for _, item in sorted(items, key=lambda pair: pair[0])]
    for rank, item in enumerate(ordered, start=1):
        item.rank = rank
    return ordered


def _cluster_index(report: Report) -> tuple[dict[str, list[Flag]], dict[str, float]]:
    flags: dict[str, list[Flag]] = {}
    priority: dict[str, float] = {}
    for cluster in report.clusters:
        for claim_id in cluster.claim_ids:
            flags.setdefault(claim_id, []).extend(cluster.flags)
            priority[claim_id] = max(priority.get(claim_id, 0.0), cluster.priority)
    return flags, priority


def _dedupe(flags: Iterable[Flag]) -> list[Flag]:
    seen: list[Flag] = []
    for flag in flags:
        if flag not in seen:
            seen.append(flag)
    return seen


def _contradiction_strength(claim: Claim) -> float:
    return max((c.confidence for c in claim.checks if c.verdict is Verdict.contradicted),
               default=0.0)
