"""Lineage and clustering compare only the pairs that can matter, with the same results as
comparing every pair (on a generated story large enough for blocking to skip pairs)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from factcheck.aggregate import clusters, lineage
from factcheck.engine.local import LocalEngine
from factcheck.models import Report
from factcheck.pipeline import run_pipeline

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """40 articles on one generated event, checked against 4 candidates each."""
    spec = importlib.util.spec_from_file_location("bench_feed", ROOT / "benchmarks" / "feed.py")
    assert spec and spec.loader
    feed = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = feed
    spec.loader.exec_module(feed)
    folder = tmp_path_factory.mktemp("story")
    feed.write_story(40, folder)
    out = tmp_path_factory.mktemp("run")
    return run_pipeline([str(folder)], out, lambda store: LocalEngine(), top_k=4,
                        reports=False).report


def test_blocked_lineage_equals_every_pair(story: Report, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    profiles = [lineage._profile(s) for s in story.sources]
    weights = lineage._weights(profiles)
    skipped = len(profiles) * (len(profiles) - 1) - len(lineage._Shares(profiles, weights).values)
    assert skipped > 0  # blocking left pairs out
    blocked = lineage.detect_lineage(story.sources, story.claims)
    monkeypatch.setattr(lineage, "_RARE", 10**9)  # every feature rare: every pair compared
    assert lineage.detect_lineage(story.sources, story.claims) == blocked
    assert blocked  # the generated story has rewrites to find


def test_cluster_graph_equals_every_checked_pair(story: Report) -> None:
    graph = clusters._graph(story.claims)
    vectors = clusters._Vectors(story.claims)
    links = clusters._evidence_links(story.claims)
    figures = clusters._figure_links(story.claims)
    expected = {}
    by_source: dict[str, list[str]] = {}
    for claim in story.claims:
        by_source.setdefault(claim.source_id, []).append(claim.id)
    for a in story.claims:
        for check in a.checks:
            for b in by_source.get(check.source_id, []):
                key = clusters._key(a.id, b)
                w = vectors.cosine(a.id, b) + links.get(key, 0.0)
                w += clusters._FIGURE if w > 0.1 and key in figures else 0.0
                if w > 0:
                    expected[key] = round(w, 6)
    assert graph.weights == expected
    checked = sum(len(c.checks) for c in story.claims)
    assert len(expected) < checked * 10  # far fewer than all claim pairs of the story


def test_a_pair_sharing_only_common_features_is_still_compared() -> None:
    """Sources whose shared material is all widely held (no rare feature to block on) are
    compared anyway when that material could reach the minimum share."""
    from builders import make_source

    common = {("word", f"w{i}"): (0, 1) for i in range(20)}
    profiles = []
    for n in range(lineage._RARE + 3):
        own = {} if n < 2 else {("own", f"s{n}-{i}"): (0, 1) for i in range(400)}
        profile = lineage._Profile(make_source(f"s{n}", "text"), {**common, **own})
        profile.size = float(len(profile.features))
        profiles.append(profile)
    weights = lineage._weights(profiles)
    shares = lineage._Shares(profiles, weights)
    expected = lineage._share(profiles[0], profiles[1], weights)
    assert expected >= lineage._MIN_SHARE
    assert shares.get(0, 1) == expected
    assert shares.get(2, 3) == 0.0  # large sources: the common words weigh nothing there
