from pathlib import Path

from factcheck.models import Cluster, Decision, Flag, FlagKind, Stance
from factcheck.review.queue import Filters, build_items, load_queue
from factcheck.review.store import open_run_store, record_decision


def _queue(run_dir: Path):  # type: ignore[no-untyped-def]
    with open_run_store(run_dir) as store:
        return load_queue(store)


def test_only_flagged_claims_most_important_first(fire_run: Path) -> None:
    items = _queue(fire_run).items
    ids = [item.claim.id for item in items]
    assert "wire#c1" not in ids  # no flag, nothing to review
    assert ids[0] == "blog#c2"  # contradicted and a numeric discrepancy
    assert ids[1] == "wire#c2"  # contradicted
    assert set(ids[2:]) == {"blog#c3", "farm#c2"}  # an addition, an attribution drift
    assert "farm#c3" not in ids  # single_source only: for information, not for review
    assert [item.rank for item in items] == list(range(1, len(items) + 1))


def test_order_is_stable(fire_run: Path) -> None:
    assert [i.claim.id for i in _queue(fire_run).items] == \
        [i.claim.id for i in _queue(fire_run).items]


def test_cluster_priority_and_flags_count(fire_run: Path) -> None:
    report = _queue(fire_run).report
    drift = Flag(kind=FlagKind.attribution_drift, reason="Speaker differs.")
    report.clusters = [Cluster(id="k1", canonical="x", claim_ids=["wire#c1", "farm#c2"],
                               stances={"wire": Stance.states}, independent_sources=2,
                               flags=[drift], priority=9.0)]
    items = build_items(report)
    assert {i.claim.id for i in items[:2]} == {"wire#c1", "farm#c2"}  # the cluster first
    assert all(drift in i.flags for i in items[:2])


def test_filters_and_progress(fire_run: Path) -> None:
    with open_run_store(fire_run) as store:
        queue = load_queue(store)
        record_decision(store, queue.run_id, queue.find("farm#c2").claim, Decision.not_a_claim,
                        "Ann")
        queue = load_queue(store)
    assert queue.progress() == (1, 4)
    assert queue.find("farm#c2").version == 1
    ids = lambda f: {i.claim.id for i in queue.filtered(f)}  # noqa: E731
    assert ids(Filters(source="blog")) == {"blog#c2", "blog#c3"}
    assert ids(Filters(flag="numeric_discrepancy")) == {"blog#c2"}
    assert ids(Filters(state="reviewed")) == ids(Filters(state="not_a_claim")) == {"farm#c2"}
    assert "farm#c2" not in ids(Filters(state="pending"))
    assert ids(Filters(state="confirm")) == set()


def test_next_pending_skips_reviewed_and_wraps(fire_run: Path) -> None:
    with open_run_store(fire_run) as store:
        queue = load_queue(store)
        for claim_id in ("wire#c2",):
            record_decision(store, queue.run_id, queue.find(claim_id).claim, Decision.confirm,
                            "Ann")
        queue = load_queue(store)
    order = [i.claim.id for i in queue.items]
    after_first = queue.next_pending(order[0])
    assert after_first is not None and after_first.claim.id == order[2]
    wrapped = queue.next_pending(order[-1])
    assert wrapped is not None and wrapped.claim.id == order[0]
    assert queue.next_pending(None, Filters(state="reviewed")) is None
